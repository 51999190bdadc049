"""The overview pages: commitments per letter and status, their status over time, and a
dossier's motion → action → letter network, each an SVG drawn on the server."""

from __future__ import annotations

import re
from collections import Counter

from bestuursgraaf.api.browse import pages
from bestuursgraaf.api.browse.language import STATUS_WORDS, current_language, word
from bestuursgraaf.api.browse.pictures import Bar, Edge, Node, network, stacked_bars
from bestuursgraaf.api.errors import Problem
from flask import Response, request
from markupsafe import Markup

DOSSIER = re.compile(r"[0-9]{4,6}(?:-[0-9A-Za-z]{1,8})?")


def _status_words() -> dict[str, str]:
    english = current_language() == "en"
    return {status: pair[1] if english else pair[0] for status, pair in STATUS_WORDS.items()}


def overview_page() -> Response:
    documents = sorted(pages.page_rows("documents"), key=lambda row: row["date"] or "")
    rows = pages.commitment_rows()
    per_letter = [
        Bar(
            doc["title"] or doc["id"],
            doc["date"] or "",
            dict(Counter(row["status"] for row in rows if row["docId"] == doc["id"])),
            pages.document_href(doc["id"]),
        )
        for doc in documents
        if any(row["docId"] == doc["id"] for row in rows)
    ]
    # the status of every commitment made so far, on the day of each letter
    over_time = []
    for doc in documents:
        day = _first_day(doc["date"])
        if day is None:
            continue
        on_day = pages.named_rows("commitments", as_of=day)
        made = {row["commitment"] for row in rows if (row["date"] or "") <= (doc["date"] or "")}
        counts = Counter(row["status"] for row in on_day if row["commitment"] in made)
        if counts:
            over_time.append(
                Bar(day, doc["title"] or "", dict(counts), pages.document_href(doc["id"]))
            )
    words = _status_words()
    dossiers = sorted({row["dossier"] for row in pages.page_rows("motions") if row["dossier"]})
    return pages.render(
        "overview.html",
        title=word("pictures"),
        per_letter=Markup(stacked_bars(per_letter, word("overview_commitments"), words)),
        over_time=Markup(
            stacked_bars(over_time, word("overview_commitments") + " · " + word("date"), words)
        ),
        dossiers=dossiers,
    )


def _first_day(date: str | None) -> str | None:
    """The first day a date, year-month or year denotes (`2023-01` -> `2023-01-01`)."""
    if not date or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
        return None
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def network_page() -> Response:
    dossier = request.args.get("dossier", "")
    if not DOSSIER.fullmatch(dossier):
        raise Problem(
            "bad-parameter", f"dossier {dossier!r} is not a dossier number (such as 35925)"
        )
    motions = {
        row["motion"]: row for row in pages.page_rows("motions") if row["dossier"] == dossier
    }
    if not motions:
        raise Problem("not-found", f"no motion of dossier {dossier!r} in the graph")
    links = [row for row in pages.page_rows("action-motions") if row["motion"] in motions]
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    for iri, motion in motions.items():
        nodes[iri] = Node(
            iri, motion["label"] or motion["kst"] or iri, 0, pages.motion_href(iri, motion["kst"])
        )
    for link in links:
        nodes.setdefault(
            link["action"],
            Node(
                link["action"],
                link["title"] or link["key"] or "",
                1,
                pages.action_href(link["action"]),
            ),
        )
        edges.append(Edge(link["motion"], link["action"], link["relation"]))
        if link["doc"]:
            nodes.setdefault(
                link["doc"],
                Node(
                    link["doc"],
                    link["docTitle"] or link["docId"],
                    2,
                    pages.document_href(link["docId"]),
                ),
            )
            edges.append(Edge(link["action"], link["doc"], "announcedIn"))
    relation_words = {
        r: pages.relation_word(r) for r in ("fulfils", "takesIntoAccount", "respondsTo")
    }
    title = f"{word('dossier_network')} {dossier}"
    svg = network(list(nodes.values()), list(dict.fromkeys(edges)), title, relation_words)
    if request.args.get("format") == "svg":
        return Response(svg, mimetype="image/svg+xml")
    return pages.render("network.html", title=title, svg=Markup(svg), dossier=dossier, links=links)
