"""The browse site's pages: a page per document, motion, action, commitment, organisation and
Kamerstuk, and the lists of each with facets, sorting, paging and CSV/JSON.

Every SELECT is a file in queries/pages/ (or a public named query), bound with `bind()`; ids
from the URL are checked against a pattern before they become the IRI that is bound."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from bestuursgraaf.api import current_minter, current_settings, current_store
from bestuursgraaf.api.browse.language import current_language, status_word, word
from bestuursgraaf.api.browse.listing import (
    Facet,
    data_response,
    make_listing,
    requested_format,
    values_of,
)
from bestuursgraaf.api.errors import Problem
from bestuursgraaf.graph.namespaces import BG
from bestuursgraaf.graph.queries import NamedQuery, load_query, parse_query_file
from flask import Response, render_template, request, url_for

from bestuursgraaf.package_data import queries_dir

# The facets of every list of what letters do (actions, commitments): by status, letter, year,
# organisation, layer and minister.
_LETTER_FACETS = (
    Facet("statusText", "status"),
    Facet("docTitle", "document"),
    Facet("year", "year"),
    Facet("organisations", "organisation_facet"),
    Facet("layers", "layer"),
    Facet("ministers", "minister"),
)

PAGE_QUERIES = queries_dir() / "pages"
PASSAGE_RANGE = re.compile(r"(\d{1,9})-(\d{1,9})")
ENTITY_KEY = re.compile(r"(?:[a-z]+/[a-z0-9]+(?:-[a-z0-9]+){0,30}|bg:[A-Za-z]{1,60})")
COMMITMENT_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){0,30}")


# -- queries ----------------------------------------------------------------------------------
@cache
def page_query(name: str) -> NamedQuery:
    return parse_query_file(PAGE_QUERIES / f"{name}.rq")


def page_rows(name: str, **values: str) -> list[dict]:
    """The rows of queries/pages/<name>.rq with the given parameters bound as terms."""
    query = page_query(name)
    limit = current_settings().max_rows
    return current_store().select(query.bind(values)).rows[:limit]


def named_rows(name: str, **values: str) -> list[dict]:
    """The rows of a public named query (queries/<name>.rq)."""
    return current_store().select(load_query(name).bind(values)).rows


# -- keys and links ---------------------------------------------------------------------------
def local(iri: str | None, kind: str) -> str | None:
    prefix = f"{current_minter().base}{kind}/"
    if iri and iri.startswith(prefix) and "/" not in iri[len(prefix) :]:
        return iri[len(prefix) :]
    return None


def document_href(doc_id: str | None, passage: tuple | None = None) -> str | None:
    if not doc_id:
        return None
    if passage and passage[0] is not None and passage[1] is not None:
        return (
            url_for("resources.document", doc_id=doc_id, passage=f"{passage[0]}-{passage[1]}")
            + "#passage"
        )
    return url_for("resources.document", doc_id=doc_id)


def motion_href(iri: str | None, kst: str | None = None) -> str | None:
    key = kst or local(iri, "motie")
    return url_for("resources.motion", key=key) if key else None


def action_href(iri: str | None) -> str | None:
    slug = local(iri, "actie")
    return url_for("resources.action", slug=slug) if slug else None


def kamerstuk_href(kst: str | None) -> str | None:
    return url_for("resources.kamerstuk", kst_id=kst) if kst else None


def commitment_href(iri: str | None) -> str | None:
    key = local(iri, "toezegging")
    return url_for("browse.commitment", key=key) if key else None


def entity_key(iri: str | None) -> str | None:
    """`organisatie/raad-van-state` for a minted IRI, `bg:Gemeente` for a term of the ontology."""
    if not iri:
        return None
    base = current_minter().base
    if iri.startswith(base) and ENTITY_KEY.fullmatch(iri[len(base) :]):
        return iri[len(base) :]
    if iri.startswith(str(BG)) and ENTITY_KEY.fullmatch("bg:" + iri[len(str(BG)) :]):
        return "bg:" + iri[len(str(BG)) :]
    return None


def entity_iri(key: str) -> str:
    if not ENTITY_KEY.fullmatch(key):
        raise Problem(
            "not-found", f"{key!r} is not an organisation key (such as organisatie/raad-van-state)"
        )
    if key.startswith("bg:"):
        return str(BG) + key[3:]
    return current_minter().base + key


def entity_href(iri: str | None) -> str | None:
    key = entity_key(iri)
    return url_for("browse.organisation", key=key) if key else None


BROWSE_KINDS = {
    "doc": lambda rest: document_href(rest) if "/" not in rest else None,
    "kamerstuk": kamerstuk_href,
    "motie": lambda rest: url_for("resources.motion", key=rest),
    "actie": lambda rest: url_for("resources.action", slug=rest),
    "toezegging": lambda rest: url_for("browse.commitment", key=rest),
}


def browse_href(iri: str) -> str | None:
    """The browse page of an IRI of this graph (document, motion, action, ...), else its /id/ page."""
    base = current_minter().base
    if iri.startswith(base):
        kind, _, rest = iri[len(base) :].partition("/")
        if kind in BROWSE_KINDS and re.fullmatch(r"[A-Za-z0-9_.-]+(?:/passage/\d+-\d+)?", rest):
            if kind == "doc" and "/passage/" in rest:
                doc_id, _, span = rest.partition("/passage/")
                return document_href(doc_id, tuple(span.split("-")))
            return BROWSE_KINDS[kind](rest)
        if entity_key(iri):
            return entity_href(iri)
    return iri_href(iri)


def relation_word(relation: str | None) -> str:
    return (
        word(relation)
        if relation in ("fulfils", "takesIntoAccount", "respondsTo")
        else (relation or "")
    )


def year_of(date: str | None) -> str | None:
    return date[:4] if date and re.match(r"\d{4}", date) else None


def render(template: str, **context) -> Response:
    return Response(render_template(f"browse/{template}", **context), mimetype="text/html")


def page_or_json(template: str, **context) -> Response:
    """The page, or with `?format=json` the same facts as JSON (the rows the page is drawn from)."""
    if request.args.get("format") == "json":
        data = {key: value for key, value in context.items() if key != "svg"}
        return Response(json.dumps(data, ensure_ascii=False, indent=1), mimetype="application/json")
    return render(template, **context)


def wants_html() -> bool:
    """The request asks for the page: `?format=html`, or an Accept header preferring HTML."""
    fmt = request.args.get("format")
    if fmt:
        return fmt == "html"
    if not request.accept_mimetypes:
        return False
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "text/html"


# -- lists ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    name: str
    label_key: str
    href: object = None  # row -> link, or None
    show: object = None  # row -> text, or None for the value itself


def list_page(
    name: str,
    title_key: str,
    rows: list[dict],
    columns: list[Column],
    facets: list[Facet],
    default_sort: str | None,
    intro: str = "",
) -> Response:
    fmt = requested_format()
    data_columns = list(
        dict.fromkeys([c.name for c in columns] + [k for k in (rows[0] if rows else {})])
    )
    listing = make_listing(rows, data_columns, facets, default_sort)
    if fmt != "html":
        return data_response(listing, name, fmt)
    table = [
        [
            {
                "text": (column.show(row) if column.show else row.get(column.name)) or "",
                "href": column.href(row) if column.href else None,
                "column": column.name,
            }
            for column in columns
        ]
        for row in listing.shown
    ]
    return render(
        "list.html",
        title=word(title_key),
        intro=intro,
        listing=listing,
        columns=columns,
        table=table,
        name=name,
    )


def with_args(**changes: object) -> str:
    """This page's URL with some query arguments changed (None removes one)."""
    args = {key: value for key, value in request.args.items()}
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = str(value)
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def documents_list() -> Response:
    rows = page_rows("documents")
    for row in rows:
        row["year"] = year_of(row["date"])
        row["types"] = (
            "; ".join(t for t in values_of(row, "types") if t != "Document") or "Document"
        )
    columns = [
        Column("title", "title", lambda r: document_href(r["id"])),
        Column("date", "date"),
        Column("types", "kind"),
        Column("ministers", "minister"),
        Column("kst", "kamerstuk", lambda r: kamerstuk_href(r["kst"])),
    ]
    facets = [Facet("year", "year"), Facet("types", "kind"), Facet("ministers", "minister")]
    return list_page("documents", "documents", rows, columns, facets, "date")


def actions_list() -> Response:
    rows = page_rows("actions")
    for row in rows:
        row["year"] = year_of(row["date"])
        row["statusText"] = status_word(row["status"])
    columns = [
        Column("title", "title", lambda r: action_href(r["action"])),
        Column("statusText", "status"),
        Column("docTitle", "letter", lambda r: document_href(r["docId"])),
        Column("date", "date"),
        Column("organisations", "organisation_facet"),
        Column("layers", "layers"),
        Column("motions", "motions"),
    ]
    facets = [*_LETTER_FACETS, Facet("kind", "kind")]
    return list_page("actions", "actions", rows, columns, facets, "date")


def motions_list() -> Response:
    rows = page_rows("motions")
    for row in rows:
        row["adoptedText"] = _adopted(row["adopted"])
    columns = [
        Column("label", "motion", lambda r: motion_href(r["motion"], r["kst"])),
        Column("kst", "kamerstuk", lambda r: kamerstuk_href(r["kst"])),
        Column("submitters", "submitters"),
        Column("parties", "party"),
        Column("adoptedText", "adopted"),
        Column("year", "year"),
        Column("actions", "actions"),
    ]
    facets = [
        Facet("submitters", "submitters"),
        Facet("parties", "party"),
        Facet("adoptedText", "adopted"),
        Facet("year", "year"),
        Facet("documents", "document"),
    ]
    return list_page("motions", "motions", rows, columns, facets, "label")


def _adopted(value: str | None) -> str:
    return word("yes") if value == "true" else word("no") if value == "false" else word("unknown")


def commitment_rows(**values: str) -> list[dict]:
    """The commitments query's rows with each one's letter (id, title, date) and words."""
    docs = {row["doc"]: row for row in page_rows("documents")}
    actions = {row["action"]: row for row in page_rows("actions")}
    rows = []
    for row in named_rows("commitments", **values):
        doc = docs.get(row["document"], {})
        action = actions.get(row["action"] or "", {})
        rows.append(
            row
            | {
                "docId": doc.get("id"),
                "docTitle": doc.get("title"),
                "date": doc.get("date"),
                "year": year_of(doc.get("date")),
                "ministers": doc.get("ministers"),
                "statusText": status_word(row["status"]),
                "actionTitle": action.get("title"),
                "organisations": action.get("organisations"),
                "layers": action.get("layers"),
                "deadlineEnd": (row["deadline"] or "").partition("/")[2] or None,
            }
        )
    return rows


def commitments_list() -> Response:
    rows = commitment_rows(
        **({"as_of": request.args["as_of"]} if request.args.get("as_of") else {})
    )
    columns = [
        Column("text", "promise", lambda r: commitment_href(r["commitment"]), _shorten),
        Column("statusText", "verdict"),
        Column("deadline_text", "deadline"),
        Column("deadlineEnd", "date"),
        Column("docTitle", "letter", lambda r: document_href(r["docId"])),
        Column("actionTitle", "about_action", lambda r: action_href(r["action"])),
    ]
    facets = list(_LETTER_FACETS)
    return list_page("commitments", "commitments", rows, columns, facets, "deadlineEnd")


def _shorten(row: dict, size: int = 160) -> str:
    text = row.get("text") or ""
    return text if len(text) <= size else text[: size - 1] + "…"


def organisations_list() -> Response:
    rows = page_rows("entities")
    columns = [
        Column("label", "organisation", lambda r: entity_href(r["entity"])),
        Column("kinds", "kind"),
        Column("documents", "documents"),
        Column("mentions", "passages"),
        Column("actions", "actions"),
    ]
    facets = [Facet("kinds", "kind"), Facet("documents", "document")]
    return list_page("organisations", "organisations", rows, columns, facets, "label")


def kamerstukken_list() -> Response:
    rows = page_rows("kamerstukken")
    for row in rows:
        row["kindText"] = word("motion") if row["isMotion"] else word("kamerstuk")
    columns = [
        Column("label", "kamerstuk", lambda r: kamerstuk_href(r["kst"])),
        Column("title", "title"),
        Column("dossier", "dossier"),
        Column("year", "year"),
        Column("kindText", "kind"),
        Column("citedBy", "cited_by"),
    ]
    facets = [
        Facet("dossier", "dossier"),
        Facet("year", "year"),
        Facet("kindText", "kind"),
        Facet("citedBy", "cited_by"),
    ]
    return list_page("kamerstukken", "kamerstukken", rows, columns, facets, "kst")


# -- a document -------------------------------------------------------------------------------
def document_page(doc_id: str) -> Response:
    this = str(current_minter().document(doc_id))
    meta = page_rows("documents", this=this)
    if not meta:
        raise Problem("not-found", f"no document {doc_id!r} in the graph")
    doc = meta[0]
    actions = page_rows("actions", doc=this)
    answers = page_rows("action-motions", doc=this)
    answered = {row["motion"] for row in answers}
    mentioned = [
        row
        for row in page_rows("motions")
        if doc_id in values_of(row, "documents") and row["motion"] not in answered
    ]
    commitments = commitment_rows(document=this)
    citations = page_rows("citations", doc=this)
    entities = [row for row in page_rows("entities") if doc_id in values_of(row, "documents")]
    highlight = _passage_range(request.args.get("passage"))
    text = letter_text(doc_id)
    return render(
        "document.html",
        doc=doc,
        actions=actions,
        answers=answers,
        mentioned=mentioned,
        commitments=commitments,
        citations=citations,
        entities=entities,
        text=text_segments(text, page_rows("document-passages", doc=this), highlight)
        if text
        else None,
        highlight=highlight,
    )


def passage_span(row: dict, column: str = "span") -> tuple[int, int] | None:
    """(start, end) from a row's `START-END` column or from a passage IRI (`…/passage/START-END`)."""
    match = PASSAGE_RANGE.fullmatch((row.get(column) or "").rsplit("/", 1)[-1])
    return _passage_range(f"{int(match[1])}-{int(match[2])}") if match else None


def _passage_range(value: str | None) -> tuple[int, int] | None:
    match = PASSAGE_RANGE.fullmatch(value or "")
    if not match or int(match[1]) >= int(match[2]):
        return None
    return int(match[1]), int(match[2])


def letter_text(doc_id: str) -> str | None:
    """The letter's text as the build read it, from the texts file it keeps beside the graph
    (graph/letter_texts.py); None where there is none (a graph served without its build)."""
    from bestuursgraaf.graph.letter_texts import read_text, texts_path_for

    return read_text(texts_path_for(current_settings().default_graph_path), doc_id)


@dataclass(frozen=True)
class Segment:
    """A stretch of the letter's text: plain, a passage a fact rests on, or the one asked for."""

    text: str
    kind: str = ""  # "", "fact" or "selected"
    start: int | None = None
    end: int | None = None
    kinds: str = ""  # what rests on a fact passage: Action; Commitment; ...


def text_segments(
    text: str, passages: list[dict], highlight: tuple[int, int] | None
) -> list[Segment]:
    """The text cut at the passages facts rest on (offsets are characters); where passages
    overlap the earlier one wins, and the one asked for wins over all."""
    chosen: list[tuple[int, int, str, str]] = []
    if highlight and highlight[1] <= len(text):
        chosen.append((highlight[0], highlight[1], "selected", ""))
    for row in passages:
        start, end = _int(row.get("start")), _int(row.get("end"))
        if start is None or end is None or not 0 <= start < end <= len(text):
            continue
        if all(end <= s or start >= e for s, e, _, _ in chosen):
            chosen.append((start, end, "fact", row.get("kinds") or ""))
    segments, at = [], 0
    for start, end, kind, kinds in sorted(chosen):
        segments.append(Segment(text[at:start]))
        segments.append(Segment(text[start:end], kind, start, end, kinds))
        at = end
    segments.append(Segment(text[at:]))
    return [segment for segment in segments if segment.text]


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


# -- a motion ---------------------------------------------------------------------------------
def motion_page(key: str) -> Response:
    this = str(current_minter().motion(key))
    meta = page_rows("motions", this=this)
    if not meta:
        raise Problem("not-found", f"no motion {key!r} in the graph")
    return render(
        "motion.html",
        motion=meta[0] | {"adoptedText": _adopted(meta[0]["adopted"])},
        answers=page_rows("action-motions", motion=this),
        passages=page_rows("mentions", this=this),
        iri=this,
    )


# -- an action --------------------------------------------------------------------------------
def action_page(slug: str) -> Response:
    from bestuursgraaf.api.timeline_svg import events_from_rows, render_timeline

    this = str(current_minter().thing("actie", slug))
    meta = page_rows("actions", this=this)
    if not meta:
        raise Problem("not-found", f"no action {slug!r} in the graph")
    action = meta[0]
    trace = named_rows("action-trace", action=action["key"]) if action["key"] else []
    svg = (
        render_timeline(
            events_from_rows(trace, "action", document_link),
            action["title"] or slug,
            heading=False,
            language=current_language(),
        )
        if trace
        else None
    )
    commitments = [row for row in commitment_rows() if row["action"] == this]
    return render(
        "action.html",
        action=action,
        answers=page_rows("action-motions", action=this),
        passages=page_rows("mentions", this=this),
        entities=page_rows("involvement", action=this),
        commitments=commitments,
        svg=svg,
        iri=this,
    )


def document_link(iri: str | None) -> str | None:
    """A document IRI's page, for the timeline's markers."""
    doc_id = local(iri, "doc")
    return document_href(doc_id) if doc_id else None


# -- a commitment -----------------------------------------------------------------------------
def commitment_page(key: str) -> Response:
    from bestuursgraaf.api.timeline_svg import events_from_rows, render_timeline

    if not COMMITMENT_KEY.fullmatch(key):
        raise Problem("not-found", f"{key!r} is not a commitment key")
    this = str(current_minter().base + f"toezegging/{key}")
    rows = [row for row in commitment_rows() if row["commitment"] == this]
    if not rows:
        raise Problem("not-found", f"no commitment {key!r} in the graph")
    trace = named_rows("commitment-trace", commitment=this)
    svg = (
        render_timeline(
            events_from_rows(trace, link=document_link),
            word("commitment"),
            heading=False,
            language=current_language(),
        )
        if trace
        else None
    )
    return page_or_json(
        "commitment.html",
        commitment=rows[0],
        trace=trace,
        passages=page_rows("mentions", this=this),
        svg=svg,
        iri=this,
    )


# -- an organisation, layer or person ---------------------------------------------------------
def organisation_page(key: str) -> Response:
    this = entity_iri(key)
    meta = page_rows("entities", this=this)
    if not meta:
        raise Problem("not-found", f"no organisation {key!r} in the graph")
    involved = {row["action"] for row in page_rows("involvement", entity=this)}
    actions = [row for row in page_rows("actions") if row["action"] in involved]
    return page_or_json(
        "entity.html",
        entity=meta[0],
        actions=actions,
        passages=page_rows("mentions", this=this),
        iri=this,
    )


# -- a Kamerstuk ------------------------------------------------------------------------------
def kamerstuk_page(kst_id: str) -> Response:
    this = str(current_minter().kamerstuk(kst_id))
    meta = page_rows("kamerstukken", this=this)
    if not meta:
        raise Problem("not-found", f"no kamerstuk {kst_id!r} in the graph")
    return render(
        "kamerstuk.html",
        kamerstuk=meta[0],
        passages=page_rows("mentions", this=this),
        citing=[
            row for row in page_rows("documents") if row["id"] in values_of(meta[0], "citedBy")
        ],
        iri=this,
    )


def template_globals() -> dict:
    """What every browse template may call."""
    return {
        "word": word,
        "status_word": status_word,
        "relation_word": relation_word,
        "lang": current_language,
        "with_args": with_args,
        "document_href": document_href,
        "motion_href": motion_href,
        "action_href": action_href,
        "kamerstuk_href": kamerstuk_href,
        "commitment_href": commitment_href,
        "entity_href": entity_href,
        "values_of": values_of,
        "iri_href": iri_href,
        "passage_span": passage_span,
    }


def iri_href(iri: str | None) -> str | None:
    """Where this app describes an IRI (its /id/ page), else the IRI itself."""
    from bestuursgraaf.api.linked_data import app_path

    return (app_path(iri) or iri) if iri else None
