"""A document's extracted facts, kept on disk by the hash of its content and of the pipeline.

The key is the SHA-256 of everything a stage may read (the document's id, recorded source path,
text and metadata) together with the pipeline's version: the hash of the modules the stages are
made of (`graph/pipeline.py` and every module of the package it imports, followed through their
imports) and of every rule file under `graph/` (gazetteers, mappings). Changing a letter, its
sidecar, a rule or a gazetteer therefore misses the cache for exactly the documents it can
change; changing a cross-letter step or an emitter keeps it. Nothing is invalidated by hand. A build
uses one folder per pipeline version and removes the folders of older versions, so the cache
holds at most one entry per document of the corpora built with the current code.

The same key is the unit of work when the extraction runs on many machines: any machine with the
same code gives the same facts for the same key, so entries can be made anywhere and copied into
one cache folder before the cross-letter build.

Entries are pickles, written atomically. They are read only from the user's own data folder,
never from anything a client sends.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import os
import pickle
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from bestuursgraaf.graph.facts import DocumentFacts
from bestuursgraaf.graph.read import SourceDocument

import bestuursgraaf

_RULE_SUFFIXES = (".csv", ".json", ".txt")
_PACKAGE = "bestuursgraaf.graph"


def _module_path(package: Path, name: str) -> Path | None:
    parts = name.removeprefix(_PACKAGE).strip(".").split(".") if name != _PACKAGE else []
    for candidate in (package.joinpath(*parts).with_suffix(".py"), package.joinpath(*parts, "__init__.py")):
        if parts and candidate.is_file():
            return candidate
    return None


def stage_modules(package: Path | None = None) -> list[Path]:
    """`graph/pipeline.py` and the package's modules it imports, directly or through others."""
    package = package or Path(__file__).parent
    todo, seen = [package / "pipeline.py"], set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                if name.startswith(_PACKAGE) and (found := _module_path(package, name)):
                    todo.append(found)
    return sorted(seen)


@functools.cache
def pipeline_version() -> str:
    """The hash of the code and rule data the per-document stages are made of."""
    package = Path(__file__).parent
    digest = hashlib.sha256(str(bestuursgraaf.__version__).encode())
    rules = [
        p for p in package.rglob("*")
        if p.suffix in _RULE_SUFFIXES and p.is_file() and "__pycache__" not in p.parts
    ]
    for path in sorted(stage_modules(package) + rules):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def content_key(source: SourceDocument) -> str:
    """The hash of what the stages read of one document."""
    digest = hashlib.sha256()
    for part in (
        source.doc_id,
        source.source,
        source.metadata_source or "",
        json.dumps(source.metadata, sort_keys=True, ensure_ascii=False, default=str),
        source.text,
    ):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


class FactsCache:
    """Facts by content key under `root/<pipeline version>/`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / pipeline_version()[:20]
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, source: SourceDocument) -> DocumentFacts | None:
        path = self._path(content_key(source))
        try:
            with path.open("rb") as stream:
                facts = pickle.load(stream)
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            path.unlink(missing_ok=True)  # a damaged entry is made again
            self.misses += 1
            return None
        self.hits += 1
        # the file may have moved since: the facts are the same, the source object is today's
        return replace(facts, source=source)

    def put(self, facts: DocumentFacts) -> None:
        path = self._path(content_key(facts.source))
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(facts, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def prune(self) -> int:
        """Remove the folders of other pipeline versions; returns how many were removed."""
        removed = 0
        if not self.root.is_dir():
            return removed
        for folder in self.root.iterdir():
            if folder.is_dir() and folder != self.folder and len(folder.name) == 20:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        return removed
