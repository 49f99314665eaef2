import itertools
from pathlib import Path

import pytest

from index.chunking import chunk_document, split_sentences
from index.loaders import load, scan
from index.text import words
from tests.conftest import SEEDS


def in_order(small: list[str], big: list[str]) -> bool:
    remaining = iter(big)
    return all(w in remaining for w in small)


def seed_documents():
    files, _ = scan(SEEDS, 10**9)
    assert files, "seeds/ holds no documents"
    return [load(f) for f in files]


@pytest.mark.parametrize("doc", seed_documents(), ids=lambda d: d.source)
def test_every_chunk_and_sentence_of_the_seeds_maps_to_its_raw_span(doc):
    raw = (SEEDS / doc.source).read_text(encoding="utf-8")
    assert doc.text == raw
    lines = raw.split("\n")
    chunks = chunk_document(doc, chunk_words=120, overlap=1)
    assert chunks
    for chunk in chunks:
        assert in_order(words(chunk.text), words(raw[chunk.start : chunk.end]))
        assert raw[chunk.start : chunk.end].strip() == raw[chunk.start : chunk.end]
        for s in chunk.sentences:
            span = raw[s.start : s.end]
            assert in_order(words(s.text), words(span))
            assert span.split()[0] == s.text.split()[0] and span.split()[-1] == s.text.split()[-1]
            assert span.split("\n")[0] in lines[s.line_start - 1]
            assert raw.count("\n", 0, s.start) + 1 == s.line_start
            assert raw.count("\n", 0, s.end - 1) + 1 == s.line_end


def test_seed_sentence_broken_by_a_page_break_spans_lines_15_to_19():
    doc = seed_documents()[0]
    (sentence,) = [s for s in split_sentences(doc) if "don’t see any withdrawal yet" in s.text]
    assert (sentence.line_start, sentence.line_end) == (15, 19)


def test_chunks_overlap_by_the_configured_number_of_sentences(tmp_path: Path):
    (tmp_path / "a.txt").write_text(" ".join(f"Sentence number {i} is here." for i in range(40)))
    doc = load(scan(tmp_path, 10**6)[0][0])
    chunks = chunk_document(doc, chunk_words=25, overlap=2)
    assert len(chunks) > 2
    for before, after in itertools.pairwise(chunks):
        assert before.sentences[-2:] == after.sentences[:2]
    assert chunks[0].sentences[0].text == "Sentence number 0 is here."
    assert chunks[-1].sentences[-1].text == "Sentence number 39 is here."


def test_chunk_ids_change_with_content_and_path(tmp_path: Path):
    (tmp_path / "a.txt").write_text("One sentence here.")
    (tmp_path / "b.txt").write_text("One sentence here.")
    (tmp_path / "c.txt").write_text("Another sentence here.")
    ids = [chunk_document(load(f), 120, 1)[0].id for f in scan(tmp_path, 10**6)[0]]
    assert len(set(ids)) == 3


@pytest.mark.parametrize("doc", seed_documents(), ids=lambda d: d.source)
def test_sentence_parts_point_at_the_title_and_the_sentence_in_the_embedded_text(doc):
    for chunk in chunk_document(doc, chunk_words=120, overlap=1):
        parts = chunk.sentence_parts()
        assert len(parts) == len(chunk.sentences)
        for part, sentence in zip(parts, chunk.sentences, strict=True):
            texts = [chunk.embed_text[start:end] for start, end in part]
            assert texts == ([chunk.title] if chunk.title else []) + [sentence.text]


def _help_listing() -> str:
    """A program's help as a README prints it: options in sections, some described beside the
    option, some under it, short options in front of long ones."""
    lines = ["Usage: cutter [ OPTIONS ] file.stl ...", "", "Print options:"]
    for n in range(30):
        lines.append(f"    --option-number-{n}   Sets the {n}th setting of the slicer in mm (default: {n})")
    lines += [
        "    --fill-pattern",
        "                      Pattern to use to fill non-solid layers, one of rectilinear,",
        "                      honeycomb or concentric (default: honeycomb)",
        "    -j, --threads <num>  Number of threads to use (default: 2)",
        "        --no-gui         Forces command line slicing",
        "",
        "Cooling options:",
        "    --min-fan-speed   Minimum fan speed (default: 35%)",
    ]
    return "\n".join(lines)


def test_a_long_help_listing_in_a_code_block_is_read_an_option_at_a_time(tmp_path: Path):
    listing = _help_listing()
    (tmp_path / "README.md").write_text(f"# Cutter\n\nRun it so:\n\n```\n{listing}\n```\n")
    doc = load(scan(tmp_path, 10**6)[0][0])
    code = [s for s in split_sentences(doc) if s.kind == "code"]
    texts = [" ".join(s.text.split()) for s in code]
    assert "--option-number-7 Sets the 7th setting of the slicer in mm (default: 7)" in texts
    wrapped = next(s for s in code if s.text.startswith("--fill-pattern"))
    assert wrapped.text.endswith("(default: honeycomb)")
    assert wrapped.display.split("\n")[1].strip().startswith("Pattern to use")
    assert "-j, --threads <num> Number of threads to use (default: 2)" in texts
    assert "--no-gui Forces command line slicing" in texts  # left of the description column: an entry
    assert "--min-fan-speed Minimum fan speed (default: 35%)" in texts
    assert "Cooling options:" not in texts and "Print options:" not in texts  # labels, as headings are
    assert [s.display for s in code if s.text.startswith("--option-number-7")] == [
        "--option-number-7 Sets the 7th setting of the slicer in mm (default: 7)"
    ]
    for s in code:
        assert in_order(words(s.text), words(doc.text[s.start : s.end]))
        assert doc.text[s.start : s.end].split()[0] == s.text.split()[0]


def test_a_short_help_listing_is_read_an_option_at_a_time_but_not_sql_comments_or_a_tree(tmp_path: Path):
    options = "\n".join(f"  --flag-{n}    Turns feature {n} on" for n in range(4))
    options += "\n" + "\n".join(f"  --mode-{n}: sets mode {n}" for n in range(4))
    sql = "\n".join(f"-- a comment on table {n}\nCREATE TABLE t{n}(a, b);" for n in range(8))
    tree = "\n".join(f"-Account{n}\n  --Sub{n}" for n in range(8))
    (tmp_path / "README.md").write_text(f"# Tool\n\n```\n{options}\n```\n\n```\n{sql}\n```\n\n```\n{tree}\n```\n")
    doc = load(scan(tmp_path, 10**6)[0][0])
    code = [" ".join(s.text.split()) for s in split_sentences(doc) if s.kind == "code"]
    assert code[:8] == [f"--flag-{n} Turns feature {n} on" for n in range(4)] + [
        f"--mode-{n}: sets mode {n}" for n in range(4)
    ]
    assert len(code) == 10
    assert code[8].startswith("-- a comment on table 0") and code[9].startswith("-Account0 --Sub0")


def test_a_code_block_of_names_each_described_after_a_spaced_dash_is_read_a_name_at_a_time(tmp_path: Path):
    names = ["FONT", "LEADING", "TEXTCOLOR", "LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING"]
    entries = [f"{name}  - takes an integer, defaults to {n}." for n, name in enumerate(names)]
    entries.insert(1, "FONTNAME (or FACE) - takes fontname.")
    entries.append("BACKGROUND - takes a colour\n             or a list describing a gradient fill.")
    # arithmetic and a shell's options are not entries of this kind
    sums = "\n".join(f"total = total - {n}" for n in range(9))
    markdown = "\n\n".join(f"```\n{block}\n```" for block in ("\n".join(entries), sums))
    (tmp_path / "README.md").write_text(f"# Cells\n\nThe cell commands are:\n\n{markdown}\n")
    doc = load(scan(tmp_path, 10**6)[0][0])
    code = [" ".join(s.text.split()) for s in split_sentences(doc) if s.kind == "code"]
    assert code[:9] == [
        "FONT - takes an integer, defaults to 0.",
        "FONTNAME (or FACE) - takes fontname.",
        *(f"{name} - takes an integer, defaults to {n}." for n, name in enumerate(names) if n),
        "BACKGROUND - takes a colour or a list describing a gradient fill.",
    ]
    assert code[9:] == [" ".join(sums.split())]


def test_a_long_code_block_that_is_no_help_listing_is_cut_as_before(tmp_path: Path):
    script = "\n".join(f"echo step {n}; run --verbose --step={n} input.txt output-{n}.txt" for n in range(60))
    (tmp_path / "README.md").write_text(f"# Script\n\n```\n{script}\n```\n")
    doc = load(scan(tmp_path, 10**6)[0][0])
    code = [s for s in split_sentences(doc) if s.kind == "code"]
    assert len(script) > 2000 and len(code) < 60


def test_a_long_commented_configuration_is_cut_at_its_blank_lines(tmp_path: Path):
    """A configuration file shown in a code block: each comment goes with the setting under it,
    not with the setting over it, as a cut at the comment's full stop would have it."""
    stanzas = [
        f"#* Setting {n} controls the {n}th part of the display, recommended {n}00 or above.\nsetting_{n} = {n}5"
        for n in range(40)
    ]
    config = "\n\n".join(stanzas)
    (tmp_path / "README.md").write_text(f"# Monitor\n\nThe default configuration:\n\n```\n{config}\n```\n")
    doc = load(scan(tmp_path, 10**6)[0][0])
    code = [" ".join(s.text.split()) for s in split_sentences(doc) if s.kind == "code"]
    assert len(config) > 2000
    assert code == [" ".join(stanza.split()) for stanza in stanzas]


def test_a_long_listing_whose_stanzas_open_on_no_comment_is_cut_as_before(tmp_path: Path):
    """Only a listing most of whose stanzas open on a comment is cut at its blank lines: a program's
    stanzas (functions, paragraphs of settings) are cut by the sentence rule, as before."""
    stanzas = [f"setting_{n} = {n}5\nlimit_{n} = {n}0" for n in range(120)]
    listing = "\n\n".join(stanzas)
    (tmp_path / "README.md").write_text(f"# Monitor\n\nThe limits:\n\n```\n{listing}\n```\n")
    doc = load(scan(tmp_path, 10**6)[0][0])
    code = [s for s in split_sentences(doc) if s.kind == "code"]
    assert len(listing) > 2000 and len(code) < len(stanzas)
