"""The lexical analysis that BM25, question terms and word overlap share: Snowball stems, a general
English stop list, and its version in the index fingerprint."""

from concurrent.futures import ThreadPoolExecutor

from index.settings import IndexSettings
from index.text import LEXICAL_VERSION, STOPWORDS, content_words, index_terms, stem


def test_words_are_reduced_to_their_snowball_stems():
    assert [stem(w) for w in ("withdrawal", "troops", "doubted", "databases", "indexes")] == [
        "withdraw",
        "troop",
        "doubt",
        "databas",
        "index",
    ]


def test_function_words_are_left_out_and_words_of_no_domain_are_kept():
    assert index_terms("Who said that they doubted the withdrawal, according to him?") == [
        "said",
        "doubt",
        "withdraw",
        "accord",
    ]


def test_contracted_negations_are_stop_words_and_the_words_other_contractions_resemble_are_not():
    assert content_words("We don't see the shell or its id, and isn't that well known?") == [
        "see",
        "shell",
        "id",
        "well",
        "known",
    ]


def test_the_stop_list_holds_no_word_of_a_domain():
    assert {"said", "told", "according", "says", "tell"}.isdisjoint(STOPWORDS)


def test_stemming_from_many_threads_gives_what_one_thread_gives():
    words = [f"withdrawals{n % 7}ing" for n in range(2000)] + ["running"] * 500
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(stem, words)) == [stem(w) for w in words]


def test_the_lexical_analysis_is_part_of_the_fingerprint():
    assert IndexSettings().fingerprint_parts()["lexical"] == LEXICAL_VERSION
