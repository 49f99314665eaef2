"""The real embedding model: vectors of parts of a text, read in the context of the whole."""

import numpy as np
import pytest

from index.embed import embed_parts_separately, part_text

pytestmark = pytest.mark.model

TEXT = "Marie Curie\nShe was born in Warsaw. She won two Nobel prizes."
PARTS = [((0, 11), (12, 35)), ((0, 11), (36, 62))]


def test_part_text_joins_a_title_and_its_sentence():
    assert [part_text(TEXT, p) for p in PARTS] == [
        "Marie Curie: She was born in Warsaw.",
        "Marie Curie: She won two Nobel prizes.",
    ]


def test_whole_text_vectors_of_embed_parts_are_those_of_embed(real_embedder):
    texts = [TEXT, "A second, shorter text.", "x"]
    whole, parts = real_embedder.embed_parts(texts, [PARTS, [((0, 9),)], []])
    assert np.allclose(whole, real_embedder.embed(texts), atol=1e-5)
    assert [p.shape for p in parts] == [(2, 384), (1, 384), (0, 384)]
    assert np.allclose(np.linalg.norm(parts[0], axis=1), 1.0, atol=1e-5)


def test_a_part_read_in_context_answers_the_question_it_answers(real_embedder):
    _, parts = real_embedder.embed_parts([TEXT], [PARTS])
    question = real_embedder.embed(["Where was Marie Curie born?"])[0]
    born, prizes = parts[0] @ question
    assert born > prizes


def test_a_part_cut_off_by_the_token_limit_is_encoded_on_its_own(real_embedder):
    filler = "word " * 400
    text = f"{filler}The last sentence is here."
    start = len(filler)
    _, parts = real_embedder.embed_parts([text], [[((start, len(text)),)]])
    alone = real_embedder.embed(["The last sentence is here."])[0]
    assert float(parts[0][0] @ alone) == pytest.approx(1.0, abs=1e-5)


def test_separate_parts_are_the_encodings_of_their_part_texts(real_embedder):
    whole, parts = embed_parts_separately(real_embedder, [TEXT], [PARTS])
    expected = real_embedder.embed([TEXT, *(part_text(TEXT, p) for p in PARTS)])
    assert np.allclose(whole[0], expected[0], atol=1e-5)
    assert np.allclose(parts[0], expected[1:], atol=1e-5)
