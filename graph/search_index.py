"""A full-text index of the graph's passages and labels in SQLite FTS5, next to graph.nq.

`write_index(store, path)` reads every passage (its quote, document and offsets) and every
labelled thing (its label, other names and descriptive text) from a store with two SELECTs
(queries/pages/search-*.rq) and writes them to an FTS5 table in a new file that replaces `path`
atomically. `search(path, text)` answers a query with ranked hits, snippets with the matched
words marked, and counts per kind and per document. The user's text never reaches FTS5's query
syntax: it is cut into words, each matched as a quoted prefix.

The index remembers the quad count and the size and time of the graph file it was built from;
`is_fresh` compares them, so a rebuilt graph gets a rebuilt index."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bestuursgraaf.graph.queries import parse_query_file
from bestuursgraaf.graph.store.base import Store

from bestuursgraaf.package_data import queries_dir

SCHEMA_VERSION = 1
MAX_TERMS = 12  # words of a query past this are ignored
MAX_HITS = 500  # hits read per query, before paging
START, STOP = "\x02", "\x03"  # snippet markers, replaced by <mark> after escaping
_WORD = re.compile(r"\w+", re.UNICODE)


def index_path_for(graph_path: Path) -> Path:
    """`graph.nq` -> `graph.search.sqlite` beside it."""
    return graph_path.with_name(f"{graph_path.stem}.search.sqlite")


@dataclass(frozen=True)
class Entry:
    kind: str  # "Passage", or the class of a labelled thing (Motion, Person, Action, ...)
    iri: str
    title: str  # a thing's label; a passage's document title
    body: str  # a passage's quote; a thing's other names and text
    doc_id: str = ""
    start: int | None = None
    end: int | None = None


def entries_from_store(store: Store) -> list[Entry]:
    folder = queries_dir() / "pages"
    passages = store.select(parse_query_file(folder / "search-passages.rq").text).rows
    things = store.select(parse_query_file(folder / "search-labels.rq").text).rows
    entries = [
        Entry(
            "Passage",
            row["passage"],
            row.get("docTitle") or "",
            row["quote"],
            row.get("docId") or "",
            _int(row.get("start")),
            _int(row.get("end")),
        )
        for row in passages
    ]
    entries += [
        Entry(row["kind"] or "Thing", row["thing"], row["label"] or "", row.get("text") or "")
        for row in things
    ]
    return entries


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def graph_stamp(graph_path: Path | None, quads: int) -> dict:
    stamp: dict = {"schema": SCHEMA_VERSION, "quads": quads}
    if graph_path is not None and graph_path.is_file():
        stat = graph_path.stat()
        stamp |= {"graph_size": stat.st_size, "graph_mtime_ns": stat.st_mtime_ns}
    return stamp


def write_index(store: Store, path: Path, graph_path: Path | None = None) -> int:
    """Build the index of `store` in a new file and rename it over `path`; the entry count."""
    entries = entries_from_store(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        with connection:
            fill(connection, entries, graph_stamp(graph_path, len(store)))
        connection.close()
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(entries)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fill(connection: sqlite3.Connection, entries: list[Entry], stamp: dict) -> None:
    connection.execute("DROP TABLE IF EXISTS entries")
    connection.execute("DROP TABLE IF EXISTS meta")
    connection.execute(
        "CREATE VIRTUAL TABLE entries USING fts5(title, body, kind UNINDEXED, iri UNINDEXED,"
        " doc_id UNINDEXED, start UNINDEXED, end UNINDEXED,"
        " tokenize = 'unicode61 remove_diacritics 2')"
    )
    connection.executemany(
        "INSERT INTO entries (title, body, kind, iri, doc_id, start, end) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(e.title, e.body, e.kind, e.iri, e.doc_id, e.start, e.end) for e in entries],
    )
    connection.execute("CREATE TABLE meta (stamp TEXT)")
    connection.execute("INSERT INTO meta VALUES (?)", (json.dumps(stamp),))


def memory_index(store: Store) -> sqlite3.Connection:
    """An index of `store` in memory, for a store that has no index file (a remote endpoint)."""
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    with connection:
        fill(connection, entries_from_store(store), graph_stamp(None, len(store)))
    return connection


def stamp_of(path: Path) -> dict | None:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (text,) = connection.execute("SELECT stamp FROM meta").fetchone()
        finally:
            connection.close()
        return json.loads(text)
    except (sqlite3.Error, TypeError, ValueError):
        return None


def is_fresh(path: Path, graph_path: Path | None, quads: int) -> bool:
    """The index at `path` was built from this graph file (size and time) with this many quads."""
    stamp = stamp_of(path)
    return stamp is not None and stamp == graph_stamp(graph_path, quads)


# -- searching --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Hit:
    kind: str
    iri: str
    title: str
    snippet: str  # with START/STOP around matched words; escape, then mark
    doc_id: str
    start: int | None
    end: int | None


@dataclass
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)
    documents: Counter = field(default_factory=Counter)


def match_expression(text: str) -> str | None:
    """The user's words as an FTS5 query: each a quoted prefix, all required; None for no words."""
    words = _WORD.findall(text)[:MAX_TERMS]
    return " ".join(f'"{word}"*' for word in words) if words else None


def search(connection: sqlite3.Connection, text: str) -> SearchResult:
    result = SearchResult(text)
    expression = match_expression(text)
    if expression is None:
        return result
    rows = connection.execute(
        "SELECT kind, iri, title, snippet(entries, 1, ?, ?, '…', 14), doc_id, start, end,"
        " highlight(entries, 0, ?, ?)"
        " FROM entries WHERE entries MATCH ? ORDER BY rank LIMIT ?",
        (START, STOP, START, STOP, expression, MAX_HITS),
    ).fetchall()
    for kind, iri, title, snippet, doc_id, start, end, marked_title in rows:
        shown = snippet if START in snippet or kind == "Passage" else marked_title
        result.hits.append(
            Hit(
                kind,
                iri,
                title,
                shown,
                doc_id or "",
                _int(str(start)) if start is not None else None,
                _int(str(end)) if end is not None else None,
            )
        )
        result.kinds[kind] += 1
        if doc_id:
            result.documents[doc_id] += 1
    return result


def open_index(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def build_next_to(graph_path: Path) -> Path:
    """The index of the graph file at `graph_path`, written beside it (the build calls this)."""
    from bestuursgraaf.graph.store import EmbeddedStore

    store = EmbeddedStore()
    store.load_file(graph_path)
    path = index_path_for(graph_path)
    write_index(store, path, graph_path)
    return path
