"""What a command imports decides how fast it starts: answering a question from a shell must not
import torch (through sentence-transformers), gradio, the parsers of the rebuild, or bm25s and
scipy. Each check runs in a fresh interpreter, so nothing the test session imported counts."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, write_corpus

HEAVY = ["bm25s", "bs4", "gradio", "llama_index.llms.openai_like", "pypdf", "scipy", "sentence_transformers", "torch"]
# Runs the command given in argv, then prints its exit code and the HEAVY modules it imported.
ASK_AND_LIST_MODULES = f"""
import json, sys
from assistant.cli import main
code = main(sys.argv[1:])
print(json.dumps({{"exit": code, "heavy": sorted(m for m in {HEAVY!r} if m in sys.modules)}}))
"""


def run_cli(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", ASK_AND_LIST_MODULES, *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.model
def test_asking_from_the_command_line_imports_no_heavy_module(tmp_path: Path):
    corpus = write_corpus(
        tmp_path / "corpus", {"curie.txt": "Marie Curie was born in Warsaw. She won two Nobel prizes.\n"}
    )
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    assert run_cli("rebuild", *where)["exit"] == 0
    assert run_cli("ask", "Where was Marie Curie born?", *where) == {"exit": 0, "heavy": []}
