"""Functions for tests of `index.guard` to run in its child processes (they must be importable there)."""

from __future__ import annotations

import os
import signal
import time


def echo(value: object) -> object:
    return value


def sleep_then(seconds: float, value: object) -> object:
    time.sleep(seconds)
    return value


def hold_memory(megabytes: int, seconds: float) -> int:
    block = bytearray(megabytes * 2**20)
    for i in range(0, len(block), 4096):  # touch every page, so that it is resident
        block[i] = 1
    time.sleep(seconds)
    return len(block)


def fail(message: str) -> None:
    raise ValueError(message)


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)
