"""Cold start of the commands a person runs first, over an index that is already built.

usage: python bench/cold_start.py [--corpus seeds] [--runs 5] [--skip-ui] [--checkout DIR]

- ask: wall seconds from starting `assistant ask "who doubted the withdrawal?"` (the installed
  command) until it exits having printed the answer; also the CPU seconds the process used (user +
  system), which a busy machine inflates less than wall time;
- ui: wall seconds from starting `assistant ui` until GET / answers 200, and the CPU seconds the
  process had used by then.

Each is run --runs times; the median is reported, with the smallest and largest. The index is built
in a temporary folder first (not timed); the corpus is only read. Before the runs, the modules the
query path imports are listed once: torch, gradio, sentence_transformers, pypdf and bs4 should be
absent.

`--checkout DIR` runs `python -m assistant` in DIR instead of the installed command: the code of
another checkout (`git archive COMMIT | tar -x -C DIR`) with this environment, to compare side by
side.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = [str(Path(sys.executable).with_name("assistant"))]
CWD: Path | None = None
QUESTION = "who doubted the withdrawal?"
HEAVY = ("torch", "gradio", "sentence_transformers", "transformers", "pypdf", "bs4", "bm25s", "scipy")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def time_ask(env: dict[str, str], where: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `assistant ask`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [*COMMAND, "ask", QUESTION, *where]
    done = subprocess.run(command, env=env, cwd=CWD, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if "[1]" not in done.stdout:
        sys.exit(f"no cited answer printed:\n{done.stdout}\n{done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a running process has used so far, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_ui(env: dict[str, str], where: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of `assistant ui` until its page is served."""
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [*COMMAND, "ui", "--port", str(port), *where],
        env=env,
        cwd=CWD,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - started < 120:
            if server.poll() is not None:
                sys.exit("assistant ui exited before serving its page")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as response:
                    if response.status == 200:
                        return time.perf_counter() - started, cpu_seconds(server.pid)
            except OSError:
                time.sleep(0.02)
        sys.exit("assistant ui served no page in 120 s")
    finally:
        server.terminate()
        server.wait(timeout=30)


def imported_on_query_path(env: dict[str, str], where: list[str]) -> list[str]:
    """The HEAVY modules that answering one question imports."""
    code = (
        "import sys\n"
        "from assistant.cli import main\n"
        f"main(['ask', {QUESTION!r}, *{where!r}])\n"
        f"print('MODULES', ' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=CWD, capture_output=True, text=True, check=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("MODULES"))
    return line.split()[1:]


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} s  (min {min(values):.2f}, max {max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-ui", action="store_true")
    parser.add_argument("--checkout", type=Path, help="run `python -m assistant` in this folder")
    args = parser.parse_args()
    global COMMAND, CWD
    if args.checkout is not None:
        COMMAND, CWD = [sys.executable, "-m", "assistant"], args.checkout.resolve()

    with tempfile.TemporaryDirectory(prefix="bench-cold-") as index:
        where = ["--corpus", str(args.corpus.resolve()), "--index", index]
        env = {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False",
            "GRADIO_ANALYTICS_ENABLED": "False",
        }
        subprocess.run([*COMMAND, "rebuild", *where], env=env, cwd=CWD, check=True, capture_output=True)
        print(f"heavy modules on the query path: {' '.join(imported_on_query_path(env, where)) or 'none'}")
        asks = [time_ask(env, where) for _ in range(args.runs)]
        print(f"assistant ask  wall {spread([w for w, _ in asks])}")
        print(f"               cpu  {spread([c for _, c in asks])}")
        if not args.skip_ui:
            uis = [time_ui(env, where) for _ in range(args.runs)]
            print(f"assistant ui   wall {spread([w for w, _ in uis])}")
            print(f"               cpu  {spread([c for _, c in uis])}")


if __name__ == "__main__":
    main()
