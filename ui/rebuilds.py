"""One rebuild at a time for the whole app, run in the background, watched by every session.

A rebuild (from the button or after an upload) runs in a thread of its own, so that it does not
belong to the browser tab that started it: every open tab shows its progress and can cancel it
(`RebuildCancelled` is raised from the progress callback; the live index keeps answering as
before, and what was embedded is checkpointed for the next rebuild).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from assistant import AssistantError, RebuildCancelled, RebuildReport


@dataclass(frozen=True)
class RebuildState:
    """What the app's rebuilds are doing. `number` counts the rebuilds started; the rest describes the
    latest one: running, or how it ended (`report`, or `error`, or `cancelled`)."""

    number: int = 0
    running: bool = False
    cancelling: bool = False
    done: int = 0
    total: int = 0
    started_at: float | None = None
    notes: tuple[str, ...] = ()  # what came before it, such as the files an upload added
    errors: tuple[str, ...] = ()  # files an upload refused, and why
    report: RebuildReport | None = None
    error: str | None = None
    cancelled: bool = False


@dataclass
class RebuildMonitor:
    """Starts rebuilds with `rebuild(progress)` (such as `Assistant.rebuild`) and keeps their state."""

    rebuild: Callable[[Callable[[int, int], None]], RebuildReport]
    _state: RebuildState = field(default_factory=RebuildState)
    _cancel: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _thread: threading.Thread | None = None

    @property
    def state(self) -> RebuildState:
        return self._state

    def start(self, notes: Sequence[str] = (), errors: Sequence[str] = ()) -> bool:
        """Start a rebuild in the background; False (and nothing started) when one is running."""
        with self._lock:
            if self._state.running:
                return False
            self._cancel.clear()
            self._state = RebuildState(
                number=self._state.number + 1,
                running=True,
                started_at=time.time(),
                notes=tuple(notes),
                errors=tuple(errors),
            )
            self._thread = threading.Thread(target=self._run, name="rebuild", daemon=True)
            self._thread.start()
            return True

    def cancel(self) -> bool:
        """Ask the running rebuild to stop; False when none is running."""
        with self._lock:
            if not self._state.running:
                return False
            self._cancel.set()
            self._state = replace(self._state, cancelling=True)
            return True

    def wait(self, timeout: float | None = None) -> RebuildState:
        """The state once the current rebuild (if any) has ended (for tests and shutdown)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self._state

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise RebuildCancelled
        if (done, total) != (self._state.done, self._state.total):
            with self._lock:
                self._state = replace(self._state, done=done, total=total)

    def _run(self) -> None:
        report, error, cancelled = None, None, False
        try:
            report = self.rebuild(self._progress)
        except RebuildCancelled:
            cancelled = True
        except AssistantError as exc:
            error = str(exc)
        except Exception as exc:  # shown to every session rather than lost in a thread
            error = f"the rebuild failed: {type(exc).__name__}: {exc}"
        with self._lock:
            self._state = replace(
                self._state, running=False, cancelling=False, report=report, error=error, cancelled=cancelled
            )
