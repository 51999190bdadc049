"""The letters' texts as the build read them, kept in `graph.texts.sqlite` next to `graph.nq`.

Passages in the graph are character offsets into the text the pipeline read; the browse site
shows a letter's text with its passages marked, so it needs that same text for any built corpus
(not only the bundled one). `write_texts` writes one row per document (id, source, text) to a new
file that replaces the old one atomically; `read_text` gives one document's text or None."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path

from bestuursgraaf.graph.read import SourceDocument


def texts_path_for(graph_path: Path) -> Path:
    """`graph.nq` -> `graph.texts.sqlite` beside it."""
    return graph_path.with_name(f"{graph_path.stem}.texts.sqlite")


def write_texts(sources: Iterable[SourceDocument], path: Path) -> Path:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(descriptor)
    try:
        with sqlite3.connect(temporary) as connection:
            connection.execute(
                "CREATE TABLE letter (doc_id TEXT PRIMARY KEY, source TEXT, text TEXT NOT NULL)"
            )
            connection.executemany(
                "INSERT INTO letter VALUES (?, ?, ?)",
                ((s.doc_id, s.source, s.text) for s in sources),
            )
        connection.close()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def keep_texts_next_to(graph_path: Path, sources: Iterable[SourceDocument]) -> Path:
    return write_texts(sources, texts_path_for(graph_path))


def read_text(path: Path, doc_id: str) -> str | None:
    """The text of `doc_id` from the file at `path`; None without the file or the document."""
    if not path.is_file():
        return None
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT text FROM letter WHERE doc_id = ?", (doc_id,)).fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()
    return row[0] if row else None
