"""One Assistant shared between threads, with and without a rebuild running beside it."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from assistant import Answer, Assistant
from tests.answers import well_formed
from tests.fakes import HashEmbedder

FACTS = {
    "harbour.txt": "The harbour froze in January. Fishing boats stayed in port for six weeks.",
    "lighthouse.txt": "The lighthouse keeper painted the lantern room red. He replaced the brass foghorn in May.",
    "market.txt": "The fish market opened at dawn. Traders sold herring and cod to the town.",
    "school.txt": "The village school had forty pupils. Its teacher came from the capital in 1921.",
}
QUESTIONS = [
    "When did the harbour freeze?",
    "What colour was the lantern room?",
    "What did traders sell at the fish market?",
    "How many pupils did the school have?",
    "Who replaced the foghorn?",
    "What is the capital of Peru?",
]


def make_bot(tmp_path: Path) -> Assistant:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in FACTS.items():
        (corpus / name).write_text(text + "\n", encoding="utf-8")
    return Assistant(corpus=corpus, index_dir=tmp_path / "index", embedder=HashEmbedder())


def test_eight_threads_sharing_one_assistant_get_well_formed_answers(tmp_path: Path):
    bot = make_bot(tmp_path)
    expected = {q: bot.ask(q) for q in QUESTIONS}

    def client(n: int) -> list[Answer]:
        return [bot.ask(QUESTIONS[(n + i) % len(QUESTIONS)]) for i in range(20)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = [a for batch in pool.map(client, range(8)) for a in batch]

    assert len(answers) == 160
    assert all(well_formed(bot, a) for a in answers)
    assert all(a == expected[a.question] for a in answers)


def test_answers_keep_coming_through_rebuilds_and_then_come_from_the_new_index(tmp_path: Path):
    bot = make_bot(tmp_path)
    corpus = bot.settings.index.corpus
    stop = threading.Event()
    answers: list[Answer] = []
    errors: list[BaseException] = []

    def client(n: int) -> None:
        i = n
        while not stop.is_set():
            try:
                answers.append(bot.ask(QUESTIONS[i % len(QUESTIONS)]))
            except BaseException as exc:  # collected, then reported by the assertion below
                errors.append(exc)
            i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    try:
        for round_ in range(6):
            (corpus / f"news{round_}.txt").write_text(
                f"Bulletin {round_}: the ferry to the island number{round_} was cancelled by the storm.\n"
            )
            (corpus / "market.txt").write_text(FACTS["market.txt"] + f" Revision {round_}.\n")
            report = bot.rebuild()
            assert report.added == 1 and report.changed == 1
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    # market.txt changed in every round, so its older quotes no longer verify against its text.
    steady = [a for a in answers if all(c.source != "market.txt" for c in a.citations)]
    assert len(steady) > 6 and all(well_formed(bot, a) for a in steady)
    latest = bot.ask("ferry island number5 cancelled")
    assert latest.citations[0].source == "news5.txt"
    assert "Revision 5." in bot.source_text("market.txt")
