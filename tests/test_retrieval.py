"""Hybrid retrieval: BM25 next to the vectors, fused by reciprocal rank, restricted by source."""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant, AssistantSettings, IndexSettings
from assistant.question import identifiers, written_as
from assistant.ranking import _retrieve
from assistant.retrieval import RRF_K, retrieve
from assistant.settings import RankingSettings
from index.build import rebuild
from index.lexical import LexicalIndex, one_edit
from index.reader import DenseHit
from index.store import generation_dir, read_manifest
from tests.fakes import HashEmbedder


@dataclass
class FakeLexical:
    hits: list[tuple[int, float]]

    def search(self, query, k, mask=None):
        return [(p, s) for p, s in self.hits if mask is None or mask[p]][:k]


class FakeReader:
    def __init__(self, dense: list[int], lexical: list[int], sentences: dict[int, list[list[float]]] | None = None):
        self._dense = dense
        self.lexical = FakeLexical([(p, 10.0 - i) for i, p in enumerate(lexical)])
        self._sentences = sentences or {}

    def dense(self, vector, k, sources=None):
        return [DenseHit(p, 0.9 - 0.1 * i) for i, p in enumerate(self._dense)][:k]

    def source_mask(self, sources):
        return np.ones(10, dtype=np.float32)

    def sentence_vectors(self, position):
        return np.asarray(self._sentences.get(position, []), dtype=np.float32).reshape(-1, 2)

    @property
    def sentence_count(self):
        return sum(len(vectors) for vectors in self._sentences.values())

    def nearest_by_sentence(self, vector, k, sources=None):
        best = {p: float(np.max(self.sentence_vectors(p) @ vector)) for p in self._sentences}
        return {p: best[p] for p in sorted(best, key=lambda p: -best[p])[:k]}


def test_reciprocal_rank_fusion_puts_chunks_found_by_both_first():
    hits = retrieve(FakeReader(dense=[1, 2, 3], lexical=[3, 4]), "q", np.zeros(4), k=10)  # type: ignore[arg-type]
    assert [h.position for h in hits] == [3, 1, 2, 4]
    assert hits[0].fused == 1 / (RRF_K + 3) + 1 / (RRF_K + 1)
    assert (hits[0].dense, hits[0].lexical) == (0.9 - 0.1 * 2, 10.0)
    assert hits[3].dense is None


def test_each_retriever_alone_gives_its_own_order():
    reader = FakeReader(dense=[1, 2, 3], lexical=[3, 4])
    assert [h.position for h in retrieve(reader, "q", np.zeros(4), 10, mode="dense")] == [1, 2, 3]  # type: ignore[arg-type]
    assert [h.position for h in retrieve(reader, "q", np.zeros(4), 10, mode="lexical")] == [3, 4]  # type: ignore[arg-type]


def test_a_chunk_whose_one_sentence_answers_joins_from_the_wider_pool():
    # Chunk 5 is fifth for the vectors, but one of its sentences is the nearest of all to the
    # question: its best sentence ranks it first in the third list.
    sentences = {p: [[0.0, 1.0]] for p in range(10)}
    sentences[5] = [[0.0, 1.0], [1.0, 0.0]]
    reader = FakeReader(dense=[1, 2, 3, 4, 5], lexical=[], sentences=sentences)
    question = np.array([1.0, 0.0])
    without = retrieve(reader, "q", question, 2, sentence_weight=0.0, pool=5)  # type: ignore[arg-type]
    assert [h.position for h in without] == [1, 2]
    hits = retrieve(reader, "q", question, 2, sentence_weight=1.0, pool=5)  # type: ignore[arg-type]
    assert [h.position for h in hits] == [1, 5]
    assert (hits[1].sentence, hits[1].dense) == (1.0, pytest.approx(0.5))
    # The vectors' own list keeps its k best: chunk 5 gets no credit for its dense rank.
    assert hits[1].fused == 1 / (RRF_K + 1)


def test_with_every_sentence_a_chunk_neither_retriever_found_joins_by_its_best_sentence():
    # Chunk 7 is in neither pool, but one of its sentences is the nearest of all to the question.
    sentences = {p: [[0.0, 1.0]] for p in (1, 2, 3, 4)}
    sentences[7] = [[0.0, 1.0], [1.0, 0.0]]
    reader = FakeReader(dense=[1, 2, 3], lexical=[4], sentences=sentences)
    question = np.array([1.0, 0.0])
    pools = retrieve(reader, "q", question, 2, sentence_weight=2.0, pool=5)  # type: ignore[arg-type]
    assert 7 not in [h.position for h in pools]
    hits = retrieve(reader, "q", question, 2, sentence_weight=2.0, pool=5, every_sentence=True)  # type: ignore[arg-type]
    assert [h.position for h in hits] == [1, 7]  # chunk 1: first of the vectors, second by sentence
    assert (hits[1].sentence, hits[1].dense, hits[1].lexical) == (1.0, None, None)


@pytest.mark.parametrize(("most", "read"), [(6, True), (5, False)])
def test_every_sentence_is_read_up_to_its_most_sentences_then_the_pools_only(most: int, read: bool):
    sentences = {p: [[0.0, 1.0]] for p in (1, 2, 3, 4)}
    sentences[7] = [[0.0, 1.0], [1.0, 0.0]]  # six sentences in all
    reader = FakeReader(dense=[1, 2, 3], lexical=[4], sentences=sentences)
    settings = RankingSettings(top_k=2, sentence_weight=2.0, sentence_pool=5, every_sentence_most=most)
    hits = _retrieve(reader, "q", np.array([1.0, 0.0]), settings, None)  # type: ignore[arg-type]
    assert (7 in [h.position for h in hits]) is read


def test_the_sentence_ranking_is_part_of_hybrid_retrieval_only():
    sentences = {5: [[1.0, 0.0]]}
    reader = FakeReader(dense=[1, 2, 3, 4, 5], lexical=[6, 7], sentences=sentences)
    hits = retrieve(reader, "q", np.array([1.0, 0.0]), 2, mode="dense", sentence_weight=1.0, pool=5)  # type: ignore[arg-type]
    assert [h.position for h in hits] == [1, 2]


def write(corpus: Path, name: str, text: str) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / name).write_text(text)


def lexical_of(index: Path) -> tuple[LexicalIndex, list[str]]:
    from index.store import Generation

    manifest = read_manifest(index)
    assert manifest is not None
    chunks = Generation.open(index, manifest).chunks
    return LexicalIndex(generation_dir(index, manifest.generation), len(chunks)), [c.source for c in chunks]


def test_bm25_index_is_kept_in_step_by_the_incremental_rebuild(tmp_path: Path):
    corpus, index = tmp_path / "c", tmp_path / "i"
    write(corpus, "a.txt", "The zeppelin landed in the harbour.")
    write(corpus, "b.txt", "A quiet day at the office.")
    settings = IndexSettings(corpus=corpus, index_dir=index)
    rebuild(settings, HashEmbedder())
    lexical, sources = lexical_of(index)
    assert [sources[p] for p, _ in lexical.search("zeppelin", 5)] == ["a.txt"]

    (corpus / "a.txt").unlink()
    write(corpus, "c.txt", "An armadillo crossed the road.")
    rebuild(settings, HashEmbedder())
    lexical, sources = lexical_of(index)
    assert lexical.search("zeppelin", 5) == []
    assert [sources[p] for p, _ in lexical.search("armadillo", 5)] == ["c.txt"]


def test_rare_words_weigh_more_than_common_ones(tmp_path: Path):
    corpus, index = tmp_path / "c", tmp_path / "i"
    for i in range(5):
        write(corpus, f"d{i}.txt", f"The troops moved on day {i}.")
    write(corpus, "z.txt", "The zeppelin troops moved.")
    rebuild(IndexSettings(corpus=corpus, index_dir=index), HashEmbedder())
    lexical, _ = lexical_of(index)
    assert lexical.idf("zeppelin") > lexical.idf("troop")
    assert lexical.idf("never-seen") >= lexical.idf("zeppelin")


def test_search_restricted_to_sources_cites_only_those(tmp_path: Path):
    corpus = tmp_path / "c"
    write(corpus, "a.txt", "The harbour froze in January.")
    write(corpus, "b.txt", "The harbour flooded in March.")
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder())
    answer = bot.ask("What happened to the harbour?", sources=["b.txt"])
    assert answer.citations and {c.source for c in answer.citations} == {"b.txt"}
    assert {e.citation.source for e in bot.search("What happened to the harbour?", sources=["a.txt"])} == {"a.txt"}


def test_weights_decide_which_retriever_leads_the_fusion():
    reader = FakeReader(dense=[1, 2, 3], lexical=[4, 5])
    dense_first = retrieve(reader, "q", np.zeros(4), 10, weights=(1.0, 0.5))  # type: ignore[arg-type]
    lexical_first = retrieve(reader, "q", np.zeros(4), 10, weights=(0.5, 1.0))  # type: ignore[arg-type]
    assert [h.position for h in dense_first] == [1, 2, 3, 4, 5]
    assert [h.position for h in lexical_first] == [4, 5, 1, 2, 3]
    assert dense_first[3].fused == 0.5 / (RRF_K + 1)


def test_bm25_scores_read_from_the_saved_arrays_are_those_of_bm25s(tmp_path: Path):
    import bm25s

    from index.text import index_terms

    corpus, index = tmp_path / "c", tmp_path / "i"
    write(corpus, "a.txt", "The zeppelin landed in the harbour. The harbour was busy.")
    write(corpus, "b.txt", "A quiet day at the office, far from any harbour.")
    write(corpus, "c.txt", "Zeppelins and airships filled the sky over the office.")
    write(corpus, "d.txt", "")
    rebuild(IndexSettings(corpus=corpus, index_dir=index), HashEmbedder())
    lexical, _ = lexical_of(index)
    manifest = read_manifest(index)
    assert manifest is not None
    theirs = bm25s.BM25.load(str(generation_dir(index, manifest.generation) / "bm25"))
    query = "harbour zeppelin office harbour unknownword"
    known = [t for t in index_terms(query) if t in theirs.vocab_dict]
    expected = theirs.get_scores(known)
    found = lexical.search(query, 10)
    assert [p for p, _ in found] == sorted(range(len(expected)), key=lambda p: -expected[p])[: len(found)]
    assert np.allclose([s for _, s in found], sorted(expected, reverse=True)[: len(found)])
    assert len(found) == sum(expected > 0)


def test_the_refusal_threshold_is_the_one_calibrated_for_the_model_unless_set():
    from assistant.settings import DEFAULT_REFUSAL_THRESHOLD, REFUSAL_THRESHOLDS, AssistantSettings

    assert [AssistantSettings().refusal_threshold(m) for m in ("bge-small-en-v1.5", "all-MiniLM-L6-v2", "other")] == [
        REFUSAL_THRESHOLDS["bge-small-en-v1.5"],
        REFUSAL_THRESHOLDS["all-MiniLM-L6-v2"],
        DEFAULT_REFUSAL_THRESHOLD,
    ]
    assert AssistantSettings(min_relevance=0.6).refusal_threshold("bge-small-en-v1.5") == 0.6


def test_the_cosine_weight_is_the_one_calibrated_for_the_index_model_unless_given():
    from assistant.settings import SEMANTIC_WEIGHTS

    default = RankingSettings().semantic_weight
    minilm = IndexSettings(embed_model="all-MiniLM-L6-v2")
    assert AssistantSettings().ranking.semantic_weight == SEMANTIC_WEIGHTS["bge-small-en-v1.5"] != default
    assert AssistantSettings(index=minilm).ranking.semantic_weight == default
    assert AssistantSettings(ranking=RankingSettings(semantic_weight=0.6)).ranking.semantic_weight == 0.6
    assert AssistantSettings(ranking={"semantic_weight": 0.5}, index=minilm).ranking.semantic_weight == 0.5
    assert AssistantSettings(ranking={"top_k": 9}).ranking == RankingSettings(top_k=9, semantic_weight=0.7)


def test_every_model_calibrated_for_refusal_has_its_cross_encoder_check():
    from assistant.settings import CROSS_CHECK_BELOW, REFUSAL_THRESHOLDS, AssistantSettings

    # A model without one answers nearly every unanswerable question about reference documents.
    assert set(CROSS_CHECK_BELOW) == set(REFUSAL_THRESHOLDS)
    assert AssistantSettings().cross_check_below("other") == 0.0
    assert AssistantSettings(cross_below=0.7).cross_check_below("all-MiniLM-L6-v2") == 0.7


def test_a_question_below_the_threshold_is_refused_and_above_it_answered(tmp_path: Path):
    write(tmp_path / "c", "a.txt", "The zeppelin landed in the harbour at dawn.")
    question = "When did the zeppelin land in the harbour?"
    strict = Assistant(
        tmp_path / "c", tmp_path / "i", settings=AssistantSettings(min_relevance=0.99), embedder=HashEmbedder()
    )
    lenient = Assistant(
        tmp_path / "c", tmp_path / "i", settings=AssistantSettings(min_relevance=0.1), embedder=HashEmbedder()
    )
    assert (strict.ask(question).grounded, lenient.ask(question).grounded) == (False, True)


def one_file_bot(tmp_path: Path, name: str, text: str, **settings) -> Assistant:
    write(tmp_path / "c", name, text)
    config = AssistantSettings(min_relevance=0.1, **settings)
    return Assistant(tmp_path / "c", tmp_path / "i", settings=config, embedder=HashEmbedder())


@pytest.mark.parametrize("refuse", [True, False])
def test_a_question_naming_what_the_documents_never_mention_is_refused_saying_so(tmp_path: Path, refuse: bool):
    text = "The cache can keep its entries in the database or in local memory."
    bot = one_file_bot(tmp_path, "README.txt", text, refuse_unknown_names=refuse)
    answer = bot.ask("How do I make the cache keep its entries in Redis?")
    assert answer.grounded is not refuse
    assert ("The documents never mention 'Redis'." in answer.notices) is refuse
    # A name that only a file's name holds is known.
    assert bot.ask("Where does the README say the cache keeps its entries?").grounded


@pytest.mark.parametrize("respell", [True, False])
def test_a_name_misspelt_by_one_letter_is_searched_for_as_the_documents_spell_it(tmp_path: Path, respell: bool):
    text = "President Volodymyr Zelenskiy said the troops had not left the border."
    bot = one_file_bot(tmp_path, "news.txt", text, respell_names=respell)
    answer = bot.ask("What did Zelensky say about the troops?")
    if respell:
        assert answer.grounded and "Zelenskiy said" in answer.text
        assert answer.notices == ["Searched for 'zelenskiy', the documents' spelling of 'Zelensky'."]
    else:
        assert (answer.grounded, answer.notices) == (False, ["The documents never mention 'Zelensky'."])


def test_a_name_one_digit_away_is_not_respelled_but_refused(tmp_path: Path):
    text = "Debconf21 was held online. Debconf20 was held online too, and Debconf2 in Toronto."
    bot = one_file_bot(tmp_path, "history.txt", text)
    answer = bot.ask("In which city was DebConf22 held?")
    assert (answer.grounded, answer.notices) == (False, ["The documents never mention 'DebConf22'."])
    assert "Toronto" in bot.ask("In which city was DebConf2 held?").text


def test_only_a_term_one_letter_away_and_long_enough_has_a_near_spelling():
    assert [
        one_edit("zelenski", other) for other in ("zelenskiy", "zelensk", "zelenska", "zelenskiyy", "zlenskyi")
    ] == [
        True,
        True,
        True,
        False,
        False,
    ]


@pytest.mark.parametrize("second", [True, False])
def test_the_second_of_two_joined_questions_gets_its_own_sentence(tmp_path: Path, second: bool):
    text = (
        "A table may hold at most 2000 columns by default. "
        "Most tables hold far fewer columns than that default. "
        "Wide tables with many columns are slower to scan than narrow tables. "
        "When compiling, the ceiling can be raised to 32767."
    )
    settings = {"ranking": RankingSettings(second_questions=second), "max_sentences": 2}
    bot = one_file_bot(tmp_path, "limits.txt", text, **settings)
    answer = bot.ask("How many columns may a table hold by default, and how far can that ceiling be raised?")
    assert "2000" in answer.text
    assert ("32767" in answer.text) is second


def test_a_figure_of_a_statement_written_a_cell_to_a_line_is_answered_with_its_row(tmp_path: Path):
    lines = ["Consolidated Statement of Cash Flows", "(Millions)", "2018", "2017"]
    for label, *figures in [
        ("Net income including noncontrolling interest", "5,363", "4,869"),
        ("Depreciation and amortization", "1,488", "1,544"),
        ("Purchases of property, plant and equipment (PP&E)", "(1,577)", "(1,373)"),
        ("Proceeds from sale of PP&E and other assets", "262", "49"),
    ]:
        lines += [label, *figures]
    bot = one_file_bot(tmp_path, "3M_2018_10K.txt", " \n".join(lines) + "\n")
    answer = bot.ask("How much did 3M spend on purchases of property, plant and equipment in 2018?")
    assert "(1,577)" in answer.text and "(1,373)" in answer.text
    (cited,) = [c for c in answer.citations if "1,577" in c.quote]
    assert cited.quote.startswith("Purchases of property, plant and equipment (PP&E)")


def test_the_reader_finds_the_chunks_holding_a_text_in_order_within_a_limit_and_sources(tmp_path: Path):
    corpus = tmp_path / "c"
    write(corpus, "a.txt", 'Use x %= y for the remainder.\n\nA "quoted" caret ^ here.')
    write(corpus, "b.txt", "Also z %= 2 works.")
    write(corpus, "c.txt", "Nothing to see.")
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder())
    reader = bot._open()
    sources = [reader.chunks[p].source for p in reader.holding("%=", 10)]
    assert sorted(sources) == ["a.txt", "b.txt"]
    assert len(reader.holding("%=", 1)) == 1
    assert [reader.chunks[p].source for p in reader.holding("%=", 10, sources=["b.txt"])] == ["b.txt"]
    assert [reader.chunks[p].source for p in reader.holding('"quoted" caret', 10)] == ["a.txt"]  # JSON-escaped
    assert reader.holding("absent", 10) == []


@pytest.mark.parametrize("gap", [30, 0])
def test_two_answer_sentences_a_short_way_apart_are_given_with_what_lies_between(tmp_path: Path, gap: int):
    text = (
        "To lock the proxy down so no user can bypass a blocked site, build the proxy from source.\n\n"
        "Pass these flags: --disable-toggle --disable-editor.\n\n"
        "Built so, the proxy lets no user bypass a blocked site or change its settings.\n\n"
        "Elsewhere, logs are kept for a month.\n"
    )
    bot = one_file_bot(tmp_path, "faq.txt", text, max_sentences=2, ranking=RankingSettings(gap_words=gap))
    answer = bot.ask("How do I build the proxy so that no user can bypass a blocked site?")
    assert answer.grounded and "lock the proxy down" in answer.text and "Built so" in answer.text
    assert ("--disable-toggle" in answer.text) is (gap > 0)
    if gap:  # one passage, in the document's order, citing each sentence
        text = answer.text
        assert text.index("lock the proxy") < text.index("--disable-toggle") < text.index("Built so")
        assert "Elsewhere" not in answer.text


@pytest.mark.parametrize("refuse", [True, False])
def test_a_question_naming_a_code_identifier_no_document_writes_is_refused_saying_so(tmp_path: Path, refuse: bool):
    text = (
        "Use an smtpd_junk_command_limit of 1 instead of the default 100. "
        "The smtpd_client_connection_rate_limit is off by default."
    )
    bot = one_file_bot(tmp_path, "STRESS.txt", text, refuse_unknown_identifiers=refuse)
    answer = bot.ask("What is the default value of smtpd_client_connection_count_limit?")
    assert answer.grounded is not refuse
    assert ("The documents never mention 'smtpd_client_connection_count_limit'." in answer.notices) is refuse
    # Written in another case, or with dashes for its underscores, it is the same identifier.
    assert bot.ask("What is the default of SMTPD_JUNK_COMMAND_LIMIT?").grounded
    assert bot.ask("What is the default of --smtpd-client-connection-rate-limit?").grounded
    # one whose words index nothing, as a name's, is never unknown
    assert bot.read_names("What does as_of mean for the smtpd_junk_command_limit?").unknown == []


def test_code_identifiers_are_words_joined_by_underscores_or_options_with_a_dash_inside():
    question = "Does --start-interval or max_wal_size accept a read-only value, or -j?"
    assert identifiers(question) == ["--start-interval", "max_wal_size"]
    written = written_as("--start-interval")
    assert [bool(written.search(text)) for text in ("--start-interval=5s", "Start_Interval", "startinterval")] == [
        True,
        True,
        False,
    ]


def test_the_chunks_nearest_by_sentence_are_read_from_every_sentence_of_the_corpus(tmp_path: Path):
    corpus = tmp_path / "corpus"
    words = ["apple", "pear", "plum", "fig", "lime", "kiwi"]
    for n in range(6):
        paragraphs = [f"The {words[n]} grows on tree {n}. It is picked in month {n}."] * 3
        write(corpus, f"doc{n}.txt", "\n\n".join(paragraphs) + f"\n\nA {words[(n + 1) % 6]} is sold at stall {n}.\n")
    settings = IndexSettings(corpus=corpus, index_dir=tmp_path / "index")
    embedder = HashEmbedder()
    rebuild(settings, embedder)
    from index.reader import IndexReader

    reader = IndexReader(settings, embedder.name)
    question = embedder.embed(["Where is a kiwi sold?"], kind="query")[0]
    brute = {p: float(np.max(reader.sentence_vectors(p) @ question)) for p in range(len(reader.chunks))}
    order = sorted(brute, key=lambda p: -brute[p])
    nearest = reader.nearest_by_sentence(question, 3)
    assert list(nearest) == order[:3]
    assert list(nearest.values()) == pytest.approx([brute[p] for p in order[:3]], abs=1e-3)
    assert "kiwi is sold" in " ".join(s.text for s in reader.chunks[order[0]].sentences)
    assert reader.sentence_count == sum(len(chunk.sentences) for chunk in reader.chunks)
    only = reader.nearest_by_sentence(question, 10, sources=["doc0.txt", "doc1.txt"])
    assert {reader.chunks[p].source for p in only} == {"doc0.txt", "doc1.txt"}
    assert list(only) == [p for p in order if reader.chunks[p].source in ("doc0.txt", "doc1.txt")][:10]
