"""Settings from the environment: read once by the command, beaten by every explicit flag, honoured
by every command; library objects never read it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import Assistant, AssistantSettings, IndexSettings, LLMSettings
from assistant.cli import arguments
from assistant.environment import Environment, settings_from_args
from tests.conftest import ROOT, write_corpus
from tests.fakes import HashEmbedder

ENVIRONMENT = {
    "ASSISTANT_CORPUS": "/env/corpus",
    "ASSISTANT_INDEX": "/env/index",
    "ASSISTANT_CHROMA_URL": "http://127.0.0.1:8123",
    "ASSISTANT_SENTENCE_VECTORS": "in_context",
    "ASSISTANT_EMBED_MODEL": "all-MiniLM-L6-v2",
    "ASSISTANT_LLM": "ollama",
    "ASSISTANT_LLM_MODEL": "llama3.2",
    "ASSISTANT_LLM_BASE_URL": "http://127.0.0.1:11434",
    "ASSISTANT_LLM_API_KEY": "key",
}
FROM_ENVIRONMENT = AssistantSettings(
    index=IndexSettings(
        corpus=Path("/env/corpus"),
        index_dir=Path("/env/index"),
        chroma_url="http://127.0.0.1:8123",
        sentence_vectors="in_context",
        embed_model="all-MiniLM-L6-v2",
    ),
    llm=LLMSettings(backend="ollama", model="llama3.2", base_url="http://127.0.0.1:11434", api_key="key"),
)
ALL_VARIABLES = [*ENVIRONMENT, "ASSISTANT_AUTH", "ASSISTANT_ALLOW_ORIGIN", "ASSISTANT_EXAMPLES"]


@pytest.fixture
def environ(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """An environment holding exactly the ASSISTANT_* variables a test sets."""
    for name in ALL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def settings_for(argv: list[str]) -> AssistantSettings:
    return settings_from_args(arguments(argv, Environment()))


COMMANDS = {
    "rebuild": ["rebuild"],
    "ask": ["ask", "who?"],
    "eval": ["eval", "eval/dev.json"],
    "ui": ["ui"],
    "feedback list": ["feedback", "list"],
    "feedback export": ["feedback", "export", "out.json"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_takes_its_settings_from_the_environment(environ: pytest.MonkeyPatch, command: str) -> None:
    for name, value in ENVIRONMENT.items():
        environ.setenv(name, value)

    assert settings_for(COMMANDS[command]) == FROM_ENVIRONMENT


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_flag_beats_the_environment(environ: pytest.MonkeyPatch, command: str) -> None:
    for name, value in ENVIRONMENT.items():
        environ.setenv(name, value)
    flags = ["--corpus", "/flag/corpus", "--index", "/flag/index", "--chroma-url", "http://127.0.0.1:9000"]
    flags += ["--sentence-vectors", "separate", "--embed-model", "/models/mine"]
    if command in ("ask", "eval", "ui"):
        flags += ["--llm", "openai", "--llm-model", "qwen", "--llm-base-url", "http://127.0.0.1:8080/v1"]

    settings = settings_for([*COMMANDS[command], *flags])

    index = IndexSettings(
        corpus=Path("/flag/corpus"),
        index_dir=Path("/flag/index"),
        chroma_url="http://127.0.0.1:9000",
        sentence_vectors="separate",
        embed_model="/models/mine",
    )
    llm = LLMSettings(backend="openai", model="qwen", base_url="http://127.0.0.1:8080/v1", api_key="key")
    # `rebuild` and `feedback` have no language-model flags; the environment's model is there, unused.
    assert settings == AssistantSettings(
        index=index, llm=llm if command in ("ask", "eval", "ui") else FROM_ENVIRONMENT.llm
    )


def test_without_the_environment_the_defaults_apply(environ: pytest.MonkeyPatch) -> None:
    assert settings_for(["ask", "who?"]) == AssistantSettings()


def test_extractive_flag_leaves_out_the_model_the_environment_names(environ: pytest.MonkeyPatch) -> None:
    environ.setenv("ASSISTANT_LLM", "ollama")
    environ.setenv("ASSISTANT_LLM_MODEL", "llama3.2")

    assert settings_for(["ask", "--extractive", "who?"]).llm is None


def test_a_backend_without_a_model_is_refused_saying_what_is_missing(environ: pytest.MonkeyPatch) -> None:
    environ.setenv("ASSISTANT_LLM", "ollama")

    with pytest.raises(ValueError, match=r"--llm needs --llm-model \(or ASSISTANT_LLM_MODEL\)"):
        settings_for(["ask", "who?"])


def test_the_ui_takes_credentials_origins_and_examples_from_flags_before_the_environment(
    environ: pytest.MonkeyPatch,
) -> None:
    environ.setenv("ASSISTANT_AUTH", "env:secret")
    environ.setenv("ASSISTANT_ALLOW_ORIGIN", "http://localhost:3000, https://intranet.example")
    environ.setenv("ASSISTANT_EXAMPLES", "env-examples.json")

    from_env = arguments(["ui"], Environment())
    from_flags = arguments(
        ["ui", "--auth", "flag:pw", "--allow-origin", "http://localhost:9000", "--examples", "mine.json"],
        Environment(),
    )

    assert (from_env.auth, from_env.allow_origin, from_env.examples) == (
        "env:secret",
        ["http://localhost:3000", "https://intranet.example"],
        "env-examples.json",
    )
    assert (from_flags.auth, from_flags.allow_origin, from_flags.examples) == (
        "flag:pw",
        ["http://localhost:9000"],
        "mine.json",
    )


def test_an_explicit_index_setting_is_not_overridden_by_the_environment(environ: pytest.MonkeyPatch) -> None:
    environ.setenv("ASSISTANT_SENTENCE_VECTORS", "in_context")
    environ.setenv("ASSISTANT_CORPUS", "/env/corpus")

    assert IndexSettings(sentence_vectors="separate").sentence_vectors == "separate"
    assert (IndexSettings().sentence_vectors, IndexSettings().corpus) == ("pooled", Path("seeds"))


def test_the_library_reads_no_environment(environ: pytest.MonkeyPatch, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": "The harbour froze in January.\n"})
    environ.setenv("ASSISTANT_CORPUS", str(tmp_path / "elsewhere"))
    environ.setenv("ASSISTANT_INDEX", str(tmp_path / "elsewhere-index"))
    environ.setenv("ASSISTANT_LLM", "ollama")
    environ.setenv("ASSISTANT_LLM_MODEL", "llama3.2")
    settings = AssistantSettings(index=IndexSettings(corpus=corpus, index_dir=tmp_path / "index"), rerank=False)

    bot = Assistant(settings=settings, embedder=HashEmbedder())

    assert bot.settings == settings
    assert not bot.has_llm
    assert not (tmp_path / "elsewhere-index").exists()


def test_a_malformed_variable_is_reported_as_a_usage_error(environ: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env |= {"PYTHONPATH": str(ROOT), "ASSISTANT_SENTENCE_VECTORS": "sometimes"}

    done = subprocess.run(
        [sys.executable, "-m", "assistant", "rebuild", "--index", str(tmp_path / "i")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 2
    assert done.stderr.startswith("error: sentence_vectors: Input should be 'pooled', 'separate' or 'in_context'")
    assert not (tmp_path / "i").exists()


@pytest.mark.model
def test_assistant_rebuild_builds_the_corpus_and_index_the_environment_names(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"harbour.txt": "The harbour froze in January.\n"})
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env |= {"PYTHONPATH": str(ROOT), "ASSISTANT_CORPUS": str(corpus), "ASSISTANT_INDEX": str(tmp_path / "index")}

    done = subprocess.run(
        [sys.executable, "-m", "assistant", "rebuild"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"rebuilt {tmp_path / 'index'}: 1 added, 0 changed, 0 removed, 0 unchanged")
    assert not (tmp_path / ".index").exists()
