"""Work under a budget: each call runs in a child process that is killed when it overruns.

A document can make a parser run for hours or take all memory (200,000 nested `<div>`s, a PDF of
thousands of pages); in the rebuilding process that would stall every later rebuild and upload
until the server is killed. Here each call runs in a child process; the parent watches it and
kills it when it has run longer than `Budget.seconds` (wall time) or holds more than
`Budget.memory_bytes` of resident memory (read from /proc: on Linux; elsewhere only time counts).
The call's result is then an `Overrun` saying which, and the next call starts in a fresh child.

Children are fresh Python processes (`python -c`, the parent's `sys.path`), not forks: no child
inherits torch's threads, and none re-runs the caller's main script, as multiprocessing's spawn
and fork-server methods do. A child serves call after call until it overruns, so a rebuild starts
one (0.1-0.2 s) per worker, not one per document.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

T = TypeVar("T")

POLL_SECONDS = 0.05
"""How often a running child's time and memory are checked (and the heartbeat is called)."""


@dataclass(frozen=True)
class Budget:
    """How much one call may take: `seconds` of wall time, `memory_bytes` of resident memory."""

    seconds: float
    memory_bytes: int


@dataclass(frozen=True)
class Overrun:
    """A call that did not finish within its budget, or whose process died; `why` says which, for people."""

    why: str

    def __str__(self) -> str:
        return self.why


# The child's program: the parent's import path first, then `serve`, reading calls from one pipe and
# writing results to another (its stdout stays free for whatever a parser prints).
_CHILD = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
    "from index.guard import serve; serve(*map(int, sys.argv[2:]))"
)


class _Child:
    """One child process and the call it is running (None when idle)."""

    def __init__(self) -> None:
        calls_read, calls_write = os.pipe()
        results_read, results_write = os.pipe()
        command = [sys.executable, "-c", _CHILD, json.dumps(sys.path), str(calls_read), str(results_write)]
        try:
            self.process = subprocess.Popen(command, pass_fds=(calls_read, results_write), stdin=subprocess.DEVNULL)
        finally:
            os.close(calls_read)
            os.close(results_write)
        self.calls = Connection(calls_write, readable=False)
        self.results = Connection(results_read, writable=False)
        self.call: int | None = None
        self.started = 0.0
        self.peak = 0

    def submit(self, number: int, function: Callable[..., Any], args: tuple[Any, ...], now: float) -> None:
        self.calls.send((function, args))
        self.call, self.started, self.peak = number, now, 0

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait()
        self.calls.close()
        self.results.close()


class Guarded(Generic[T]):
    """Runs calls of one function in up to `workers` child processes, each under `budget`.

    `heartbeat` is called about every POLL_SECONDS while calls run; an exception it raises (a
    cancellation) stops every child and propagates. Use as a context manager, or call `close()`.
    """

    def __init__(
        self,
        function: Callable[..., T],
        budget: Budget,
        workers: int = 1,
        heartbeat: Callable[[], None] | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.function = function
        self.budget = budget
        self.workers = workers
        self.heartbeat = heartbeat or (lambda: None)
        self._children: list[_Child] = []

    def __enter__(self) -> Guarded[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pids(self) -> list[int]:
        """Process ids of the children running now."""
        return [child.process.pid for child in self._children if child.alive()]

    def close(self) -> None:
        for child in self._children:
            child.stop()
        self._children.clear()

    def run(self, *args: Any) -> T | Overrun:
        """One call: its result, or an Overrun."""
        return next(self.map([args], lookahead=1))

    def map(self, calls: Iterable[tuple[Any, ...]], lookahead: int = 1) -> Iterator[T | Overrun]:
        """The result of each call (or an Overrun), in order. At most `lookahead` results (at least
        one per worker) wait to be taken at any time, so memory stays bounded."""
        pending = iter(calls)
        waiting: deque[int] = deque()  # numbers of the calls submitted and not yet yielded, in order
        results: dict[int, T | Overrun] = {}
        submitted = 0
        exhausted = False
        try:
            while True:
                while not exhausted and len(waiting) < max(lookahead, self.workers) and self._idle() is not None:
                    args = next(pending, None)
                    if args is None:
                        exhausted = True
                        break
                    self._submit(submitted, args)
                    waiting.append(submitted)
                    submitted += 1
                while waiting and waiting[0] in results:
                    yield results.pop(waiting.popleft())
                if exhausted and not waiting:
                    return
                self._collect(results)
        except BaseException:
            self.close()
            raise

    def _idle(self) -> _Child | None:
        for child in self._children:
            if child.call is None:
                return child
        if len(self._children) < self.workers:
            self._children.append(_Child())
            return self._children[-1]
        return None

    def _submit(self, number: int, args: tuple[Any, ...]) -> None:
        child = self._idle()
        assert child is not None
        child.submit(number, self.function, args, _now())

    def _collect(self, results: dict[int, T | Overrun]) -> None:
        """Wait a moment for results; stop children that overran their budget."""
        busy = [child for child in self._children if child.call is not None]
        if not busy:
            return
        ready = wait([child.results for child in busy], timeout=POLL_SECONDS)
        for child in busy:
            number = child.call
            assert number is not None
            if child.results in ready:
                try:
                    results[number] = child.results.recv()
                    child.call = None
                except (EOFError, OSError):
                    results[number] = Overrun(_death(child.process.wait()))
                    self._replace(child)
                continue
            child.peak = max(child.peak, _resident_bytes(child.process.pid))
            if _now() - child.started > self.budget.seconds:
                results[number] = Overrun(
                    f"parsing took longer than the budget of {self.budget.seconds:g} s (parse_timeout_s)"
                )
                self._replace(child)
            elif child.peak > self.budget.memory_bytes:
                results[number] = Overrun(
                    f"parsing needed more than the budget of {self.budget.memory_bytes // 2**20} MB of memory "
                    "(parse_memory_mb)"
                )
                self._replace(child)
        self.heartbeat()

    def _replace(self, child: _Child) -> None:
        child.stop()
        self._children.remove(child)


def serve(calls_fd: int, results_fd: int) -> None:
    """A child's loop: run each call read from `calls_fd` and write its result to `results_fd`. An
    exception is sent back as an Overrun naming it, so that one bad file never ends the child."""
    calls = Connection(calls_fd, writable=False)
    results = Connection(results_fd, readable=False)
    while True:
        try:
            function, args = calls.recv()
        except EOFError:
            return
        try:
            result = function(*args)
        except MemoryError:
            result = Overrun("the parser ran out of memory")
        except Exception as exc:
            result = Overrun(f"the parser failed: {type(exc).__name__}: {exc}")
        try:
            results.send(result)
        except OSError:  # the parent has gone (killed, or it stopped this call): nothing to answer
            return


def _death(exitcode: int) -> str:
    if exitcode < 0:
        return f"the parser's process died (signal {-exitcode})"
    return f"the parser's process died (exit status {exitcode})"


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _resident_bytes(pid: int | None) -> int:
    """Resident memory of process `pid` (Linux /proc); 0 where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _now() -> float:
    return time.monotonic()
