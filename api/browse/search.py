"""The search page: full-text hits over passages and labels, with snippets and facets.

The index is the SQLite FTS5 file beside the graph (graph.search.sqlite, made by `bestuursgraaf
build`); when it is missing or was built from another graph it is rebuilt from the store, in
place when the data directory is writable, else in memory."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from bestuursgraaf.api import current_settings, current_store
from bestuursgraaf.api.browse import pages
from bestuursgraaf.api.browse.language import word
from bestuursgraaf.graph import search_index
from flask import Response, current_app, request
from markupsafe import Markup, escape

_LOCK = threading.Lock()
_SEARCHING = threading.Lock()
KIND_LINKS = {
    "Motion": lambda iri: pages.motion_href(iri, pages.local(iri, "kamerstuk")),
    "Action": pages.action_href,
    "Commitment": pages.commitment_href,
    "Person": pages.entity_href,
    "Organisation": pages.entity_href,
    "GovernmentLayer": pages.entity_href,
    "Kamerstuk": lambda iri: pages.kamerstuk_href(pages.local(iri, "kamerstuk")),
    "Document": lambda iri: pages.document_href(pages.local(iri, "doc")),
}
KIND_WORDS = {
    "Passage": "passages",
    "Motion": "motions",
    "Action": "actions",
    "Commitment": "commitments",
    "Person": "organisations",
    "Organisation": "organisations",
    "GovernmentLayer": "layers",
    "Kamerstuk": "kamerstukken",
    "Document": "documents",
}
PAGE_SIZE = 30


def index_connection() -> sqlite3.Connection:
    """The app's index, opened once and rebuilt when the graph it was made from has changed."""
    store = current_store()
    graph_path: Path = current_settings().default_graph_path
    path = search_index.index_path_for(graph_path)
    quads = len(store)
    state = current_app.extensions.setdefault("bestuursgraaf_search", {})
    with _LOCK:
        stamp = search_index.graph_stamp(graph_path if graph_path.is_file() else None, quads)
        if state.get("stamp") == stamp:
            return state["connection"]
        if not search_index.is_fresh(path, graph_path if graph_path.is_file() else None, quads):
            try:
                search_index.write_index(store, path, graph_path if graph_path.is_file() else None)
            except OSError:
                path = None
        connection = search_index.open_index(path) if path else search_index.memory_index(store)
        if state.get("connection") is not None:
            state["connection"].close()
        state.update(stamp=stamp, connection=connection)
        return connection


def marked(snippet: str) -> Markup:
    """The snippet escaped, with the index's markers turned into <mark>."""
    return Markup(
        str(escape(snippet))
        .replace(search_index.START, "<mark>")
        .replace(search_index.STOP, "</mark>")
    )


def search_page() -> Response:
    text = request.args.get("q", "")[:200]
    kind = request.args.get("kind")
    doc = request.args.get("doc")
    result = None
    if text.strip():
        connection = index_connection()
        with _SEARCHING:  # one connection, shared by the server's threads: one query at a time
            result = search_index.search(connection, text)
    hits = []
    if result is not None:
        for hit in result.hits:
            if kind and hit.kind != kind or doc and hit.doc_id != doc:
                continue
            if hit.kind == "Passage":
                href = pages.document_href(hit.doc_id, (hit.start, hit.end))
            else:
                href = KIND_LINKS.get(hit.kind, lambda iri: None)(hit.iri)
            hits.append({"hit": hit, "href": href, "snippet": marked(hit.snippet)})
    fmt = request.args.get("format", "html")
    if fmt == "json":
        body = {
            "q": text,
            "hits": [
                {
                    "kind": h["hit"].kind,
                    "iri": h["hit"].iri,
                    "title": h["hit"].title,
                    "snippet": str(h["snippet"]),
                    "href": h["href"],
                    "document": h["hit"].doc_id or None,
                }
                for h in hits
            ],
            "kinds": dict(result.kinds) if result else {},
            "documents": dict(result.documents) if result else {},
        }
        return current_app.response_class(current_app.json.dumps(body), mimetype="application/json")
    titles = {row["id"]: row["title"] for row in pages.page_rows("documents")}
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    return pages.render(
        "search.html",
        title=word("search"),
        q=text,
        result=result,
        hits=hits[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        total=len(hits),
        page=page,
        pages=max(1, -(-len(hits) // PAGE_SIZE)),
        kind=kind,
        doc=doc,
        titles=titles,
        kind_words=KIND_WORDS,
    )
