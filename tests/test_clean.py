from itertools import pairwise

from hypothesis import example, given, settings
from hypothesis import strategies as st

from index.clean import clean, read_plain
from index.sentences import split_spans
from index.text import words
from tests.conftest import SEEDS

SEED_TEXT = (SEEDS / "000_e2b722ad9ab66247.txt").read_text(encoding="utf-8")


def sentences_of(raw: str) -> list[str]:
    cleaned = clean(raw)
    return [cleaned.text[s:e] for s, e in split_spans(cleaned.text)]


def test_sentence_split_across_page_break_is_rejoined():
    assert (
        "“We react to the reality we have and we don’t see any withdrawal yet,” Ukraine’s President "
        "Volodymyr Zelenskiy told the BBC on Wednesday."
    ) in sentences_of(SEED_TEXT)


def test_url_block_inside_a_sentence_is_set_aside():
    assert (
        "Russian and Western military experts say that much of the skepticism toward Russia’s apparent "
        "de-escalation stems from past instances when it announced similar steps that proved to be short-term."
    ) in sentences_of(SEED_TEXT)


def test_related_article_lines_are_not_answer_text():
    cleaned = clean(SEED_TEXT).text
    assert "Related article" not in cleaned
    assert "Not a Single' Russian Soldier Will Stay" not in cleaned
    assert "World Reacts" not in cleaned


def test_hyphen_at_line_end_joins_without_space():
    assert "open-source military analysis" in clean(SEED_TEXT).text


def test_wrapped_lines_of_a_paragraph_are_joined():
    raw = (
        "The committee met on Tuesday to discuss the budget for the coming year and\n"
        "agreed to postpone the decision until the auditors had finished their report on\n"
        "the accounts of the previous year.\n"
    )
    assert sentences_of(raw) == [" ".join(raw.split())]


def test_heading_before_a_paragraph_is_not_joined_to_it():
    raw = "Introduction\n\nThe committee met on Tuesday to discuss the budget for the coming year.\n"
    assert sentences_of(raw) == [
        "Introduction",
        "The committee met on Tuesday to discuss the budget for the coming year.",
    ]


def test_finished_sentence_before_a_blank_line_ends_its_paragraph():
    raw = "It rained all day.\n\nthe next morning was dry.\n"
    assert clean(raw).text == "It rained all day.\n\nthe next morning was dry."


def test_markdown_list_items_stay_separate():
    raw = "Things to pack\n\n- a tent\n- a stove\n"
    assert clean(raw, markdown=True).text == "Things to pack\n\n- a tent\n\n- a stove"


def test_every_cleaned_character_maps_to_the_same_raw_character():
    cleaned = clean(SEED_TEXT)
    for i, ch in enumerate(cleaned.text):
        if not ch.isspace():
            assert SEED_TEXT[cleaned.raw_index[i]] == ch


line = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.sampled_from(
        [
            "",
            "   ",
            "https://example.com/a/b",
            "Related article: A thing",
            "12",
            "U.S. troops left.",
            "- item",
            "# Heading",
            "```",
            "end of a line -",
            "lower case start",
        ]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(line, max_size=30), st.booleans(), st.sampled_from(["\n", "\r\n"]))
def test_span_invariant_holds_on_generated_text(lines, markdown, newline):
    raw = newline.join(lines)
    cleaned = clean(raw, markdown=markdown)
    for s, e in split_spans(cleaned.text):
        start, end = cleaned.to_raw(s, e)
        assert 0 <= start < end <= len(raw)
        sentence_words = words(cleaned.text[s:e])
        remaining = iter(words(raw[start:end]))
        assert all(w in remaining for w in sentence_words)


def test_prose_with_two_spaces_after_its_sentences_is_no_table():
    # pod2man's text: sentence ends that fall in one column three lines running are no column gap
    raw = (
        "    When interacting with the network, Wget can check for timeout and\n"
        "    abort the operation if it takes too long.  This prevents anomalies\n"
        "    like hanging reads and infinite connects.  The only timeout enabled\n"
        "    by default is a 900-second read timeout.  Setting a timeout to 0\n"
        "    disables it altogether.\n"
    )
    plain = read_plain(raw)
    tables, found = plain.tables, plain.paragraphs
    assert tables == [] and len(found) == 1
    # a table whose first column is numbered items is one still
    rows = "\n".join(f"{n}.   Section {n} title ........   {n * 7}" for n in range(1, 6))
    assert len(read_plain(rows).tables) == 1


def test_a_list_item_opens_a_paragraph_after_a_finished_sentence_however_long_the_line_before():
    # pandoc's plain text: "-   " items with hanging indents, a wrapped line before each
    raw = (
        "-   DNS_PUBLIC=tcp or DNS_PUBLIC=tcp://x.x.x.x where x.x.x.x is the IP\n"
        "    of the desired DNS server, for DNS requests to go over TCP, so that\n"
        "    they are routed through Tor. When IP is not specified, monerod uses\n"
        "    the default list of servers defined in src/common/dns_utils.cpp.\n"
        "-   TORSOCKS_ALLOW_INBOUND=1 to tell torsocks to allow monerod to bind\n"
        "    to interfaces to accept connections from the wallet.\n"
        "2. Restart the daemon with the new environment so that it takes the\n"
        "   setting.\n"
    )
    found = [" ".join(s.split()) for s in sentences_of(raw)]
    assert found[-3].startswith("When IP is not specified") and found[-3].endswith("dns_utils.cpp.")
    assert found[-2].startswith("- TORSOCKS_ALLOW_INBOUND=1")
    assert found[-1] == "2. Restart the daemon with the new environment so that it takes the setting."
    # a line that opens with a dash inside an open sentence goes on with it
    wrapped = (
        "The value runs from one to ten and is read when the daemon starts, and\n"
        "- like every other value of the file - it is read once, so that a change\n"
        "made while the daemon runs is seen only when it is started again, as the\n"
        "section on restarting the daemon explains at greater length below, with\n"
        "the signals it takes and the files it reads again when it takes them, and\n"
        "those it does not.\n"
    )
    assert len(sentences_of(wrapped)) == 1


def test_a_sentence_set_left_of_an_indented_command_opens_a_paragraph_and_a_lower_case_one_goes_on():
    raw = (
        "Example command line to start monerod through Tor:\n\n"
        "    DNS_PUBLIC=tcp torsocks monerod --p2p-bind-ip 127.0.0.1 --no-igd --data-dir /srv/chain\n\n"
        "A helper script is in contrib/tor/monero-over-tor.sh.\n\n"
        "Hence an entry like\n\n"
        "    hosts files dns of the service switch in the configuration of the system\n\n"
        "will not avoid DNS lookups.\n"
    )
    found = sentences_of(raw)
    assert "A helper script is in contrib/tor/monero-over-tor.sh." in found
    assert found[-1] == (
        "Hence an entry like hosts files dns of the service switch in the configuration of the system "
        "will not avoid DNS lookups."
    )


table_line = st.one_of(
    st.sampled_from(
        [
            "",
            "  Height    Date         Details",
            "  --------- ------------ ----------------",
            "  -----------------------------------------------",
            "=====  =======",
            "  1009827   2016-03-22   Allow only >= ringsize 3",
            "  ab",
            "                          wrapped words",
            "-   an item that runs on",
            "    an indented command --flag",
        ]
    ),
    st.text(alphabet=" -=abc12", max_size=40),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(table_line, max_size=20), st.sampled_from(["\n", ""]))
@example(  # a row over two lines whose later columns are blank: their cells stand after its first
    [
        "  " + "-" * 47,
        "  ab",
        "11111",
        "  --------- ------------ ----------------",
        *["  Height    Date         Details", ""] * 2,
    ][:-1],
    "\n",
)
@example(  # a row whose second cell wraps onto the next line, its third column blank
    [
        "  Height    Date         Details",
        *["-   an item that runs on"] * 3,
        "    an indented command --flag",
    ],
    "\n",
)
def test_tables_read_from_generated_text_keep_their_cells_inside_their_lines(lines, end):
    # a table's last row may end the file with no line break after it
    raw = "\n".join(lines) + end
    plain = read_plain(raw)
    tables, found = plain.tables, plain.paragraphs
    for table in tables:
        for row in table:
            assert all(0 <= start <= stop <= len(raw) for start, stop in row)
            assert all(a[1] <= b[0] for a, b in pairwise(row))  # in order, none overlapping
    for para in found:
        assert 0 <= para.start < para.end <= len(raw)
