"""Calls under a budget: a call that overruns its time or memory, fails or dies is reported as an
Overrun saying why, and the calls after it go on in a fresh child process."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.guard import Budget, Guarded, Overrun
from index.parsing import parse
from tests import guarded_calls

GENEROUS = Budget(seconds=60, memory_bytes=1024 * 2**20)


def run_all(function: object, calls: list[tuple[object, ...]], budget: Budget = GENEROUS, **options: int) -> list:
    with Guarded(function, budget, **options) as guarded:  # type: ignore[arg-type]
        return list(guarded.map(calls, lookahead=options.get("workers", 1)))


def test_results_come_back_in_the_order_of_the_calls_from_several_workers() -> None:
    calls = [(0.3 if n % 3 == 0 else 0.0, n) for n in range(9)]

    assert run_all(guarded_calls.sleep_then, calls, workers=3) == list(range(9))


def test_a_call_over_its_time_is_stopped_and_the_next_call_still_runs() -> None:
    budget = Budget(seconds=0.5, memory_bytes=GENEROUS.memory_bytes)

    results = run_all(guarded_calls.sleep_then, [(60, "slow"), (0, "fast")], budget)

    assert results == [Overrun("parsing took longer than the budget of 0.5 s (parse_timeout_s)"), "fast"]


def test_a_call_over_its_memory_is_stopped() -> None:
    budget = Budget(seconds=60, memory_bytes=150 * 2**20)

    results = run_all(guarded_calls.hold_memory, [(400, 30), (1, 0)], budget)

    assert results == [
        Overrun("parsing needed more than the budget of 150 MB of memory (parse_memory_mb)"),
        2**20,
    ]


def test_an_exception_in_the_call_is_reported_with_its_type_and_message() -> None:
    assert run_all(guarded_calls.fail, [("no table found",)]) == [
        Overrun("the parser failed: ValueError: no table found")
    ]


def test_a_process_that_dies_is_reported_with_its_signal() -> None:
    assert run_all(guarded_calls.die, [(), ()]) == [
        Overrun("the parser's process died (signal 9)"),
        Overrun("the parser's process died (signal 9)"),
    ]


def test_an_exception_from_the_heartbeat_stops_every_child() -> None:
    class Cancelled(Exception):
        pass

    running: list[int] = []

    def cancel() -> None:
        running.extend(guarded.pids)
        raise Cancelled

    guarded = Guarded(guarded_calls.sleep_then, GENEROUS, workers=2, heartbeat=cancel)

    with pytest.raises(Cancelled):
        next(guarded.map([(60, 1), (60, 2)], lookahead=2))
    assert len(running) == 2
    assert [pid for pid in running if Path(f"/proc/{pid}").exists()] == []


def test_run_gives_the_result_of_one_call() -> None:
    with Guarded(guarded_calls.echo, GENEROUS) as guarded:
        assert guarded.run({"a": 1}) == {"a": 1}
        assert guarded.run([2]) == [2]


def test_parse_runs_under_the_guard(tmp_path: Path) -> None:
    from index.loaders import SourceFile

    path = tmp_path / "note.txt"
    path.write_text("The lantern was lit at dusk.\n", encoding="utf-8")
    file = SourceFile("note.txt", path, "sha", path.stat().st_size)

    with Guarded(parse, GENEROUS) as guarded:
        result = guarded.run(file, 120, 1)

    assert result == parse(file, 120, 1)
