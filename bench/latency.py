"""Ask latency as the corpus grows, with the embedded store and with a Chroma server.

usage: python bench/latency.py [--corpus DIR] [--files 125,1250,0] [--no-server] [--rebuild-only]

For each size, the first N files of the corpus (sorted by path; 0 takes them all) are indexed under
.bench/latency/ (later runs reuse each index through the incremental rebuild). The default corpus is
.bench/debian-docs, made by bench/debian_docs.py: the first 125 files make about 1,000 chunks, the
first 1,250 about 12,000, the first 31,234 about 96,000 (rust-doc's rendered source pages, which
follow, are far longer than its other pages). These indexes are built with the default settings
(the default model, sentence vectors "pooled").

Each measurement runs in a process of its own, which loads the model, warms it, asks three
questions unmeasured, then asks QUESTIONS once each, and reports:
- ours: `Assistant.ask` (hybrid retrieval, sentence scoring, the composed answer), p50 and p95 ms;
- llama: llama-index's default retriever (`VectorStoreIndex.from_vector_store(...).as_retriever()`,
  top 2 by similarity) over the same Chroma collection, p50 and p95 ms;
- RSS: the peak resident memory of that process, in MB (for the server, the server's peak too).

The rebuild before the measurements reports its seconds: on a second run, those of a rebuild of an
unchanged corpus (`--rebuild-only` times that and measures nothing else).

With the server (the default), `chroma run` serves the same index's Chroma folder on loopback, and
the measurement is made again through `chromadb.HttpClient`.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORK = ROOT / ".bench" / "latency"
QUESTIONS = [
    "How do I create an index on a table?",
    "What does VACUUM do?",
    "How are transactions isolated?",
    "How do I define a model with a foreign key?",
    "What is a queryset and when is it evaluated?",
    "How do I write a custom template filter?",
    "What is the difference between a String and a str?",
    "How does the borrow checker prevent data races?",
    "What does the question mark operator do?",
    "How do I iterate over a hash map?",
    "What is a trait object?",
    "How are lifetimes annotated in function signatures?",
    "How do I read a file line by line?",
    "What does the Drop trait do?",
    "How can a thread send a value to another thread?",
    "What is the default isolation level?",
    "How do I back up a database?",
    "What is a materialized view?",
    "How are migrations applied?",
    "How do I configure static files?",
    "What does unsafe allow?",
    "How do I sort a vector in place?",
    "What happens when a Mutex is poisoned?",
    "How is a window function written?",
    "What is the maximum length of an identifier?",
    "How do I create a user with a password?",
    "What does the Copy trait mean?",
    "How do I convert a string to an integer?",
    "What are generic associated types?",
    "How does middleware process a request?",
]
WARM_UP = 3


def subset(corpus: Path, files: int) -> Path:
    """The first `files` documents of `corpus` as a corpus of their own (hard links), or the corpus."""
    if files == 0:
        return corpus
    from index.loaders import scan

    target = WORK / f"corpus-{files}"
    if not target.is_dir():
        found, _ = scan(corpus, 10**9)
        for file in found[:files]:
            link = target / file.source
            link.parent.mkdir(parents=True, exist_ok=True)
            os.link(file.path, link)
    return target


def settings_for(corpus: Path, index: Path, chroma_url: str | None = None):  # type: ignore[no-untyped-def]
    from index.settings import IndexSettings

    return IndexSettings(corpus=corpus, index_dir=index, chroma_url=chroma_url)


def build(corpus: Path, index: Path) -> str:
    from index.build import rebuild
    from index.embed import make_embedder

    settings = settings_for(corpus, index)
    embedder = make_embedder(settings)
    embedder.embed(["warm up"], kind="query")
    started, last = time.perf_counter(), [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 60 or done == total:
            last[0] = now
            print(f"  {now - started:7.0f} s  {done}/{total} documents", file=sys.stderr, flush=True)

    report = rebuild(settings, embedder, progress)
    return report.summary()


def measure(corpus: Path, index: Path, chroma_url: str | None) -> dict[str, float]:
    """Run in a process of its own (see `--measure`)."""
    from hotpot import llama_retriever

    from assistant import Assistant, AssistantSettings

    settings = AssistantSettings(index=settings_for(corpus, index, chroma_url), build_if_missing=False)
    bot = Assistant(settings=settings)
    bot.warm()
    retriever = llama_retriever(bot)
    result: dict[str, float] = {"chunks": bot.reader.manifest.chunks}
    for name, call in (("ours", bot.ask), ("llama", retriever.retrieve)):
        for question in QUESTIONS[:WARM_UP]:
            call(question)
        seconds = []
        for question in QUESTIONS:
            started = time.perf_counter()
            call(question)
            seconds.append(time.perf_counter() - started)
        result[f"{name}_p50_ms"] = statistics.median(seconds) * 1000
        result[f"{name}_p95_ms"] = statistics.quantiles(seconds, n=20)[-1] * 1000
    # VmHWM, not getrusage: ru_maxrss survives exec, so it would report the parent's peak.
    result["rss_mb"] = peak_rss_mb(os.getpid())
    return result


def measure_in_child(corpus: Path, index: Path, chroma_url: str | None) -> dict[str, float]:
    command = [sys.executable, __file__, "--measure", "--corpus", str(corpus), "--index", str(index)]
    if chroma_url:
        command += ["--chroma-url", chroma_url]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def serve(index: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`chroma run` over the index's own Chroma folder, on a free loopback port, once it answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    chroma = Path(sys.executable).with_name("chroma")
    server = subprocess.Popen(
        [str(chroma), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(index / "chroma")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
            return server, url
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                sys.exit("the Chroma server did not start")
            time.sleep(0.3)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / ".bench" / "debian-docs")
    parser.add_argument("--files", default="125,1250,0", help="corpus sizes in files, 0 for all")
    parser.add_argument("--no-server", action="store_true", help="measure the embedded store only")
    parser.add_argument("--rebuild-only", action="store_true", help="bring each index in step, measure nothing")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--chroma-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    if args.measure:
        print(json.dumps(measure(args.corpus, args.index, args.chroma_url)))
        return
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}; make it with bench/debian_docs.py")

    rows = []
    for files in (int(n) for n in args.files.split(",")):
        corpus = subset(args.corpus, files)
        index = WORK / f"index-{files or 'all'}"
        print(f"{files or 'all'} files: {build(corpus, index)}", file=sys.stderr, flush=True)
        if args.rebuild_only:
            continue
        rows.append(("embedded", measure_in_child(corpus, index, None), None))
        if not args.no_server:
            server, url = serve(index)
            try:
                row = measure_in_child(corpus, index, url)
                rows.append(("server", row, peak_rss_mb(server.pid)))
            finally:
                server.terminate()
                server.wait(timeout=30)

    if not rows:
        return
    header = ("chunks", "store", "ours p50", "p95", "llama p50", "p95", "RSS MB", "server MB")
    print("{:>8} {:9} {:>9} {:>6} {:>10} {:>6} {:>7} {:>10}".format(*header))
    for store, row, server_mb in rows:
        print(
            f"{row['chunks']:8.0f} {store:9} {row['ours_p50_ms']:9.0f} {row['ours_p95_ms']:6.0f} "
            f"{row['llama_p50_ms']:10.0f} {row['llama_p95_ms']:6.0f} {row['rss_mb']:7.0f} "
            f"{server_mb or 0:10.0f}"
        )


if __name__ == "__main__":
    main()
