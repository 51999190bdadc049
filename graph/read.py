"""Read a corpus folder: plain-text letters with optional JSON metadata sidecars, and Kamerstukken as
KOOP publishes them (XML with metadata.xml, or the HTML page), checked on entry."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from langdetect import DetectorFactory, LangDetectException, detect_langs

DetectorFactory.seed = 0  # langdetect is randomised; fix it so the same input gives the same answer

TEXT_SUFFIXES = (".txt", ".md")
OFFICIAL_SUFFIXES = (".xml", ".html", ".htm")  # read by graph/sources/official.py
SIDECAR_KEYS = {
    "id", "type", "title", "date", "kamerstuk", "kenmerk", "signatory", "addressee", "annex_of",
    "note", "curator",
}
DOCUMENT_TYPES = {"kamerbrief", "nota", "bijlage", "voortgangsrapportage", "motie", "document"}
_MIN_WORDS = 30


class DocumentError(ValueError):
    """A document that cannot be read as a Dutch letter; the message says which file and why."""


@dataclass(frozen=True)
class SourceDocument:
    doc_id: str
    path: Path
    source: str  # the path as recorded in the graph (relative to the corpus' parent when possible)
    text: str
    metadata: dict = field(default_factory=dict)
    metadata_source: str | None = None


def _decode(path: Path, raw: bytes) -> str:
    if not raw.strip():
        raise DocumentError(f"{path}: the file is empty")
    if b"\x00" in raw[:4096]:
        raise DocumentError(f"{path}: this is a binary file, not plain text (it contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"{path}: not UTF-8 text (byte {error.start}: {raw[error.start:error.start + 1]!r}); "
            "convert the document to UTF-8 plain text first"
        ) from None


def check_language(path: Path, text: str) -> None:
    """Refuse a text that is too short to be a letter, or is not in Dutch."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    if len(words) < _MIN_WORDS:
        raise DocumentError(
            f"{path}: only {len(words)} words of text; too little to be a letter (need {_MIN_WORDS})"
        )
    sample = " ".join(words[:400])  # enough to tell Dutch from the rest; 2,000 cost 0.15 s a letter
    try:
        languages = detect_langs(sample)
    except LangDetectException as error:
        raise DocumentError(f"{path}: cannot tell the language of the text ({error})") from None
    best = languages[0]
    if best.lang != "nl":
        raise DocumentError(
            f"{path}: the text is in another language ({best.lang}, p={best.prob:.2f}), "
            "not Dutch; Bestuursgraaf reads Dutch parliamentary documents"
        )


def read_sidecar(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise DocumentError(f"{path}:{error.lineno}: invalid JSON: {error.msg}") from None
    if not isinstance(data, dict):
        raise DocumentError(f"{path}: the metadata must be a JSON object")
    unknown = sorted(set(data) - SIDECAR_KEYS)
    if unknown:
        raise DocumentError(
            f"{path}: unknown metadata key {unknown[0]!r}; known keys: {', '.join(sorted(SIDECAR_KEYS))}"
        )
    if "type" in data and data["type"] not in DOCUMENT_TYPES:
        raise DocumentError(
            f"{path}: type {data['type']!r} is not one of {', '.join(sorted(DOCUMENT_TYPES))}"
        )
    if "id" in data and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", str(data["id"])):
        raise DocumentError(f"{path}: id {data['id']!r} may only hold letters, digits, _ . -")
    return data


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _official(path: Path, raw: bytes) -> tuple[str, dict, Path]:
    """The text and metadata of a Kamerstuk's XML or HTML page (graph/sources/official.py)."""
    from bestuursgraaf.graph.sources.official import (
        OfficialFormatError,
        read_kamerstuk_html,
        read_kamerstuk_xml,
    )

    try:
        reader = read_kamerstuk_xml if path.suffix == ".xml" else read_kamerstuk_html
        document = reader(path, raw)
    except OfficialFormatError as error:
        raise DocumentError(str(error)) from None
    return document.text, document.metadata.sidecar(), document.metadata_path


def read_document(path: Path, root: Path | None = None) -> SourceDocument:
    """One letter and its sidecar (`<name>.json` beside it), checked; raises DocumentError.
    A Kamerstuk's XML or HTML page brings its own metadata (from `<name>.metadata.xml`, else from
    the file itself); a JSON sidecar beside it, curated by hand, wins over that."""
    root = root or path.parent.parent
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"{path}: cannot read: {error.strerror}") from None
    official, official_source = {}, None
    if path.suffix in OFFICIAL_SUFFIXES:
        text, official, official_source = _official(path, raw)
    else:
        text = _decode(path, raw)
    check_language(path, text)
    sidecar = path.with_suffix(".json")
    metadata = {**official, **(read_sidecar(sidecar) if sidecar.is_file() else {})}
    if sidecar.is_file():
        metadata_source = _relative(sidecar, root)
    else:
        metadata_source = _relative(official_source, root) if official_source else None
    return SourceDocument(
        doc_id=str(metadata.get("id", path.stem)),
        path=path,
        source=_relative(path, root),
        text=text,
        metadata=metadata,
        metadata_source=metadata_source,
    )


def corpus_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise DocumentError(f"{directory}: no such corpus folder")
    files = sorted(
        p
        for p in directory.iterdir()
        if p.is_file()
        and p.name != "README.md"
        and (p.suffix in TEXT_SUFFIXES or (p.suffix in OFFICIAL_SUFFIXES and not p.name.endswith(".metadata.xml")))
    )
    if not files:
        raise DocumentError(f"{directory}: no documents (*.txt, *.md, Kamerstuk *.xml or *.html) in this folder")
    return files


def read_corpus(directory: Path) -> list[SourceDocument]:
    """Every document of a corpus folder; the first bad one stops the read with its message."""
    documents = [read_document(path, directory.parent) for path in corpus_files(directory)]
    seen: dict[str, Path] = {}
    for document in documents:
        if document.doc_id in seen:
            raise DocumentError(
                f"{document.path}: document id {document.doc_id!r} is already used by {seen[document.doc_id]}"
            )
        seen[document.doc_id] = document.path
    return documents
