"""Timelines of an action or a commitment across the letters: an SVG drawn from trace rows, served in a page.

`render_timeline(events, title)` is a pure function from events to SVG text: a horizontal time axis
over every date and deadline, one lane per kind of event, one marker per event coloured and shaped
by its status (Okabe-Ito colours, which stay apart for colour-blind readers, and a shape and a
text label per status besides), partial dates ("2023-01", "2025") placed at their start with a
span over the month or year, deadlines as shaded bars with their text, deferrals as an arrow
"naar volgend kabinet". The blueprint runs the named queries `action-trace` and
`commitment-trace` and serves the SVG alone (`?format=svg`) or in a page with a table of the same
events. The SVG is drawn by api/timeline_svg.py; the page is escaped by Jinja's autoescape."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from bestuursgraaf.api import current_store
from bestuursgraaf.api.browse.language import current_language, lane_word, status_word, word
from bestuursgraaf.api.errors import Problem
from bestuursgraaf.api.timeline_svg import (
    STATUS_STYLES,
    TimelineEvent,
    display_date,
    events_from_rows,
    render_timeline,
    timeline_language,
)
from bestuursgraaf.graph.queries import load_query
from flask import Blueprint, Response, render_template, request, url_for
from markupsafe import Markup

timeline_blueprint = Blueprint("timeline", __name__)

ACTION_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){0,30}")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
STATUS_OF_LABEL = {style.label: status for status, style in STATUS_STYLES.items()}


# -- serving --------------------------------------------------------------------------------
def trace_rows(name: str, values: dict[str, str]) -> list[dict[str, str | None]]:
    """The rows of a named trace query with its parameters bound."""
    return current_store().select(load_query(name).bind(values)).rows


def _link(iri: str | None) -> str | None:
    """A letter's or passage's page on the browse site (the passage marked in the letter)."""
    from bestuursgraaf.api.browse.pages import browse_href

    return browse_href(iri) if iri else None


def _answer(events: list[TimelineEvent], title: str, subject: str) -> Response:
    output = request.args.get("format", "html")
    if output not in ("html", "svg"):
        raise Problem("bad-parameter", f"format {output!r} is not one of: html, svg")
    language = current_language()
    if output == "svg":
        return Response(render_timeline(events, title, language=language), mimetype="image/svg+xml")
    svg = render_timeline(events, title, heading=False, language=language)
    with timeline_language(language):
        rows = _table_rows(events)
    svg_href = url_for(
        request.endpoint, **(request.view_args or {}), **{**request.args, "format": "svg"}
    )
    page = render_template(
        "timeline/timeline.html",
        title=title,
        subject=subject,
        svg=Markup(svg),
        svg_href=svg_href,
        rows=rows,
    )
    return Response(page, mimetype="text/html")


def _table_rows(events: list[TimelineEvent]) -> list[dict]:
    """The table beside the drawing: one row per event, in time order."""
    return [
        {
            "event": event,
            "date": display_date(event.date),
            "lane": lane_word(event.kind),
            "status": status_word(STATUS_OF_LABEL.get(event.style.label)),
            "passage_link": _link(event.passage),
        }
        for event in sorted(events, key=lambda e: e.span[0] if e.span else date.max)
    ]


@timeline_blueprint.get("/timeline/action/<key>")
def action_timeline(key: str) -> Response:
    if not ACTION_KEY.fullmatch(key):
        raise Problem(
            "not-found", f"{key!r} is not an action key (such as beleidskader-decentraal-bestuur)"
        )
    rows = trace_rows("action-trace", {"action": key})
    if not rows:
        raise Problem("not-found", f"no action {key!r} in the graph")
    titles = [
        row["title"] for row in rows if row.get("title") and row.get("kind") in (None, "action")
    ]
    title = titles[-1] if titles else key
    return _answer(events_from_rows(rows, "action", _link), title, word("action_subject", slug=key))


@timeline_blueprint.get("/timeline/commitment")
def commitment_timeline() -> Response:
    iri = request.args.get("iri", "")
    parts = urlsplit(iri)
    if (
        not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", iri)
        or _IRI_FORBIDDEN.search(iri)
        or not (parts.netloc or parts.path)
    ):
        raise Problem("bad-parameter", f"iri {iri!r} is not an absolute IRI")
    rows = trace_rows("commitment-trace", {"commitment": iri})
    if not rows:
        raise Problem("not-found", f"no commitment {iri!r} in the graph")
    first = rows[0].get("document_title") or word("a_letter")
    return _answer(events_from_rows(rows, link=_link), word("commitment_from", letter=first), iri)


def openapi_paths() -> dict:
    """The OpenAPI 3.1 path items of the timeline routes, for api/openapi.py to merge."""
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    output = {
        "name": "format",
        "in": "query",
        "required": False,
        "description": "html (default): a page with the SVG and a table; svg: the SVG alone",
        "schema": {"type": "string", "enum": ["html", "svg"]},
    }

    def operation(summary: str, parameter: dict, *problems: tuple[str, str]) -> dict:
        ok = {
            "description": "the timeline",
            "content": {
                "text/html": {"schema": {"type": "string"}},
                "image/svg+xml": {"schema": {"type": "string"}},
            },
        }
        responses = {"200": ok} | {
            status: {"description": description, "content": problem}
            for status, description in problems
        }
        return {
            "get": {"summary": summary, "parameters": [parameter, output], "responses": responses}
        }

    key = {
        "name": "key",
        "in": "path",
        "required": True,
        "description": "the action's key",
        "schema": {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"},
        "example": "beleidskader-decentraal-bestuur",
    }
    iri = {
        "name": "iri",
        "in": "query",
        "required": True,
        "description": "the commitment's IRI",
        "schema": {"type": "string", "format": "iri"},
    }
    return {
        "/timeline/action/{key}": operation(
            "A timeline of an action across the letters: status per letter, promises, deadlines, deferrals",
            key,
            ("400", "bad format"),
            ("404", "no such action"),
        ),
        "/timeline/commitment": operation(
            "A timeline of a commitment: each letter's step with its status and the deadline",
            iri,
            ("400", "no iri, an iri that is not absolute, or a bad format"),
            ("404", "no such commitment"),
        ),
    }
