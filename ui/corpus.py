"""Documents uploaded through the UI, checked and copied into the corpus folder.

An upload is parsed before it is added, as a rebuild would parse it (in a child process, under the
index's parse budget): a file that cannot be read is refused with the reason and never enters the
corpus, so it is neither reported as added nor skipped again on every rebuild.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from assistant import AssistantError
from index.guard import Budget, Guarded
from index.loaders import SourceFile
from index.parsing import Parsed, parse
from index.settings import IndexSettings

UPLOAD_SUFFIXES = (".txt", ".md", ".rst", ".pdf", ".html", ".htm", ".docx", ".odt", ".fodt", ".epub")
"""File types accepted for upload: those the index reads (.htm is another spelling of .html)."""

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""Largest file accepted for upload, in bytes."""


class UploadRejected(AssistantError, ValueError):
    """An uploaded file that is not added to the corpus; the message says why and what to do."""


@dataclass
class UploadResult:
    added: list[str] = field(default_factory=list)  # sources (paths relative to the corpus) now in the corpus
    unchanged: list[str] = field(default_factory=list)  # already there with the same bytes
    rejected: list[str] = field(default_factory=list)  # one message per file not added


def add_uploads(paths: list[Path], settings: IndexSettings, max_bytes: int) -> UploadResult:
    """Check each uploaded file and copy it into the top of the corpus folder under its own name,
    never replacing a file."""
    result = UploadResult()
    for path in paths:
        try:
            source, added = add_upload(path, settings, max_bytes)
        except UploadRejected as exc:
            result.rejected.append(str(exc))
            continue
        except OSError as exc:
            result.rejected.append(f"{path.name} could not be copied into the corpus: {exc.strerror or exc}")
            continue
        (result.added if added else result.unchanged).append(source)
    return result


def add_upload(path: Path, settings: IndexSettings, max_bytes: int) -> tuple[str, bool]:
    """Check one upload and copy it into the corpus folder; returns its source name and whether it
    was new.

    The file name is reduced to its last component, so an upload can only land directly inside the
    corpus folder. A file of the same name and bytes counts as already there; one with other bytes
    is refused rather than replaced. A file that cannot be read is refused, saying why.
    """
    name = upload_name(path.name)
    size = path.stat().st_size
    if size > max_bytes:
        raise UploadRejected(
            f"{name} is {size_label(size)}, over the upload limit of {size_label(max_bytes)}; "
            "split it or copy it into the corpus folder and press Rebuild"
        )
    root = settings.corpus.resolve()
    target = root / name
    if target.parent != root:
        raise UploadRejected(f"{name!r} is not a plain file name")
    if target.exists():
        if target.is_file() and _sha256(target) == _sha256(path):
            return name, False
        raise UploadRejected(
            f"a different document named {name} is already in the corpus; rename the file and upload it again"
        )
    check_readable(path, name, settings)
    _copy_without_replacing(path, target)
    return name, True


def check_readable(path: Path, name: str, settings: IndexSettings) -> None:
    """Parse the file at `path` as the document `name`, the way a rebuild would (in a child process,
    under the parse budget); UploadRejected, saying why, when that fails or finds no text."""
    file = SourceFile(name, path, sha256="upload", size=path.stat().st_size)
    budget = Budget(settings.parse_timeout_s, settings.parse_memory_mb * 2**20)
    with Guarded(parse, budget) as guarded:
        parsed = guarded.run(file, settings.chunk_words, settings.chunk_overlap_sentences)
    if not isinstance(parsed, Parsed):
        why: str | None = str(parsed)
    else:
        why = parsed.error or (None if parsed.chunks else "it holds no text")
    if why is not None:
        raise UploadRejected(f"{name} cannot be read: {why}; it was not added")


def upload_name(raw: str) -> str:
    """The name an upload is stored under, or UploadRejected if it cannot be one."""
    name = unicodedata.normalize("NFC", raw.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise UploadRejected("a file name with control characters cannot be uploaded; rename the file")
    if not name or name.startswith("."):
        raise UploadRejected(f"{name or 'a file without a name'} cannot be uploaded: hidden files are not indexed")
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        kinds = ", ".join(UPLOAD_SUFFIXES)
        raise UploadRejected(f"{name} is not a supported document; upload one of {kinds}")
    return name


def _copy_without_replacing(source: Path, target: Path) -> None:
    # Written under a hidden name (a rebuild skips those), then linked into place: the document
    # appears whole or not at all, and a file that appeared meanwhile is never overwritten.
    fd, tmp = tempfile.mkstemp(prefix=".upload-", dir=target.parent)
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            while block := src.read(1 << 20):
                out.write(block)
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise UploadRejected(f"{target.name} appeared in the corpus meanwhile; upload it again") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def size_label(size: int) -> str:
    """A size in bytes for people: `20 MB`, `3.9 KB`, `512 bytes` (1 KB = 1024 bytes)."""
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"
