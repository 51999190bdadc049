"""JSON resources (documents, kamerstukken, motions, actions), each with its IRI and API links.

Ids from the URL are checked against a strict pattern (a malformed id is a 404 problem), turned
into the IRI the build mints for them, and bound as a term (`VALUES ?this { <iri> }`) in the
SELECTs of queries/resources/*.rq; no user text is ever pasted into a query. A browser asking
for HTML gets the browse site's page at the same URL (api/browse/)."""

from __future__ import annotations

import re
from functools import cache

from bestuursgraaf.api import current_minter, current_settings, current_store
from bestuursgraaf.api.browse import pages as browse_pages
from bestuursgraaf.api.browse import problem_page as browse_problem_page
from bestuursgraaf.api.errors import Problem
from bestuursgraaf.graph.queries import NamedQuery, parse_query_file
from flask import Blueprint, Response, jsonify, url_for
from rdflib import URIRef

from bestuursgraaf.package_data import queries_dir

resources_blueprint = Blueprint("resources", __name__)
# a browser is shown a problem as a page of the browse site; other clients get problem+json
resources_blueprint.register_error_handler(Problem, browse_problem_page)

DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")
KST_ID = re.compile(r"kst-[0-9]+(?:-[0-9A-Za-z]+){1,4}")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){0,30}")

RESOURCE_QUERIES = queries_dir() / "resources"  # one .rq per SELECT, not listed as named queries
LIST_QUERIES = {"documents", "motions", "actions"}  # cut at Settings.max_rows


# -- running queries ------------------------------------------------------------------------
@cache
def resource_query(name: str) -> NamedQuery:
    return parse_query_file(RESOURCE_QUERIES / f"{name}.rq")


def _rows(name: str, this: URIRef | None = None) -> list[dict[str, str | None]]:
    """The rows of queries/resources/<name>.rq, with ?this bound to the resource's IRI."""
    text = resource_query(name).bind({"this": str(this)} if this is not None else {})
    if name in LIST_QUERIES:
        text += f"\nLIMIT {int(current_settings().max_rows)}"
    return current_store().select(text).rows


def _checked(value: str, pattern: re.Pattern[str], what: str, example: str) -> str:
    if not pattern.fullmatch(value):
        raise Problem("not-found", f"{value!r} is not a {what} (such as {example})")
    return value


def _missing(what: str, value: str) -> Problem:
    return Problem("not-found", f"no {what} {value!r} in the graph")


def _local(iri: str | None, kind: str) -> str | None:
    """The key of a minted IRI (`{base}{kind}/{key}`), None for an IRI minted elsewhere."""
    prefix = f"{current_minter().base}{kind}/"
    if iri and iri.startswith(prefix) and "/" not in iri[len(prefix) :]:
        return iri[len(prefix) :]
    return None


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and re.fullmatch(r"-?\d+", value) else None


# -- references to other resources ----------------------------------------------------------
def document_ref(iri: str, doc_id: str | None, title: str | None = None) -> dict:
    links = {"self": url_for("resources.document", doc_id=doc_id)} if doc_id else {}
    return {"@id": iri, "id": doc_id, "title": title, "links": links}


def kamerstuk_ref(iri: str, kst_id: str | None, label: str | None = None) -> dict:
    links = {"self": url_for("resources.kamerstuk", kst_id=kst_id)} if kst_id else {}
    return {"@id": iri, "kstId": kst_id, "label": label, "links": links}


def motion_key(iri: str, kst_id: str | None) -> str | None:
    return kst_id or _local(iri, "motie")


def motion_ref(iri: str, kst_id: str | None, label: str | None = None) -> dict:
    key = motion_key(iri, kst_id)
    links = {"self": url_for("resources.motion", key=key)} if key else {}
    return {"@id": iri, "key": key, "label": label, "links": links}


def action_ref(iri: str, title: str | None = None) -> dict:
    slug = _local(iri, "actie")
    links = {"self": url_for("resources.action", slug=slug)} if slug else {}
    return {"@id": iri, "slug": slug, "title": title, "links": links}


def passage(row: dict[str, str | None]) -> dict:
    """A passage as {"document", "start", "end", "quote"}, with its IRI and a link."""
    doc_id = row.get("passageDoc")
    return {
        "@id": row["passage"],
        "document": doc_id,
        "start": _int(row.get("start")),
        "end": _int(row.get("end")),
        "quote": row.get("quote"),
        "links": {"document": url_for("resources.document", doc_id=doc_id)} if doc_id else {},
    }


def _unique(items: list[dict]) -> list[dict]:
    """The items in order, each `@id` once (a resource may be reached along several paths)."""
    by_id: dict[str, dict] = {}
    for item in items:
        by_id.setdefault(item["@id"], item)
    return list(by_id.values())


def _listing_wanted() -> bool:
    """A list as the browse site shows it: the page (HTML), or its rows as `?format=csv|json`
    with the page's filters and sort; a JSON client without `?format` gets the resource list."""
    from flask import request

    return "format" in request.args or browse_pages.wants_html()


# -- documents ------------------------------------------------------------------------------
@resources_blueprint.get("/documents")
def documents() -> Response:
    if _listing_wanted():
        return browse_pages.documents_list()
    rows = _rows("documents")
    items = [
        document_ref(row["doc"], row["id"], row["title"])
        | {"date": row["date"], "types": _types(row["types"])}
        for row in rows
    ]
    return jsonify(
        {
            "@id": url_for("resources.documents"),
            "documents": items,
            "links": {"self": url_for("resources.documents"), "index": url_for("service.index")},
        }
    )


def _types(joined: str | None) -> list[str]:
    names = sorted(set((joined or "").split()) - {"Document"})
    return names or (["Document"] if joined else [])


@resources_blueprint.get("/documents/<doc_id>")
def document(doc_id: str) -> Response:
    _checked(doc_id, DOC_ID, "document id", "004_6c88505460917616")
    if browse_pages.wants_html():
        return browse_pages.document_page(doc_id)
    this = current_minter().document(doc_id)
    meta = _rows("document", this)
    if not meta[0]["types"]:
        raise _missing("document", doc_id)
    row = meta[0]
    body = document_ref(str(this), doc_id, row["title"]) | {
        "date": row["date"],
        "kenmerk": row["kenmerk"],
        "sourceFile": row["source"],
        "types": _types(row["types"]),
        "signatories": _signatories(this),
        **_kamerstuk_links(this),
        "sections": _sections(this),
        "citations": _citations(this),
        "motions": _motions_in(this),
        "actions": _actions_in(this),
    }
    body["links"] |= {
        "documents": url_for("resources.documents"),
        "citations": url_for("queries.run_query", name="citations", document=str(this)),
    }
    return jsonify(body)


def _signatories(this: URIRef) -> list[dict]:
    rows = _rows("document-signatories", this)
    return [{"@id": row["person"], "name": row["name"]} for row in rows]


def _kamerstuk_links(this: URIRef) -> dict[str, list[dict]]:
    rows = _rows("document-kamerstukken", this)
    links: dict[str, list[dict]] = {"publishedAs": [], "annexOf": [], "cites": [], "citesReports": []}
    for row in rows:
        name = row["relation"].rsplit("#", 1)[-1]
        if row["kst"] is None and name == "cites":  # an advisory report or study, not a Kamerstuk
            links["citesReports"].append({"@id": row["kamerstuk"], "label": row["label"]})
            continue
        links[name].append(kamerstuk_ref(row["kamerstuk"], row["kst"], row["label"]))
    return {name: _unique(refs) for name, refs in links.items()}


def _sections(this: URIRef) -> list[dict]:
    rows = _rows("document-sections", this)
    return [{"@id": r["section"], "title": r["title"], "order": _int(r["order"])} for r in rows]


def _citations(this: URIRef) -> list[dict]:
    rows = _rows("document-citations", this)
    return [
        {
            "@id": row["citation"],
            "raw": row["raw"],
            "footnote": _int(row["footnote"]),
            "kamerstuk": kamerstuk_ref(row["kamerstuk"], row["kst"]) if row["kamerstuk"] else None,
            "passage": passage(row) if row["passage"] else None,
        }
        for row in rows
    ]


def _motions_in(this: URIRef) -> list[dict]:
    rows = _rows("document-motions", this)
    return _unique([motion_ref(row["motion"], row["kst"], row["label"]) for row in rows])


def _actions_in(this: URIRef) -> list[dict]:
    rows = _rows("document-actions", this)
    return _unique([action_ref(row["action"], row["title"]) for row in rows])


# -- kamerstukken ---------------------------------------------------------------------------
@resources_blueprint.get("/kamerstukken/<kst_id>")
def kamerstuk(kst_id: str) -> Response:
    _checked(kst_id, KST_ID, "kst id", "kst-33047-25")
    if browse_pages.wants_html():
        return browse_pages.kamerstuk_page(kst_id)
    this = current_minter().kamerstuk(kst_id)
    meta = _rows("kamerstuk", this)
    if _int(meta[0]["found"]) == 0:
        raise _missing("kamerstuk", kst_id)
    row = meta[0]
    body = kamerstuk_ref(str(this), kst_id, row["label"]) | {
        "dossierNumber": row["dossier"],
        "ondernummer": row["number"],
        "vergaderjaar": row["year"],
        "chamber": row["chamber"].rsplit("#", 1)[-1] if row["chamber"] else None,
        "isMotion": row["motion"] == "yes",
        "publishedBy": _published_by(this),
        "citedBy": _cited_by(this),
    }
    if body["isMotion"]:
        body["links"]["motion"] = url_for("resources.motion", key=kst_id)
    return jsonify(body)


def _published_by(this: URIRef) -> list[dict]:
    rows = _rows("kamerstuk-published-by", this)
    return _unique([document_ref(row["doc"], row["id"], row["title"]) for row in rows])


def _cited_by(this: URIRef) -> list[dict]:
    rows = _rows("kamerstuk-cited-by", this)
    return [
        {
            "document": document_ref(row["doc"], row["id"], row["title"]),
            "citation": row["citation"],
            "raw": row["raw"],
            "passage": passage(row) if row["passage"] else None,
        }
        for row in rows
    ]


# -- motions --------------------------------------------------------------------------------
@resources_blueprint.get("/motions")
def motions() -> Response:
    if _listing_wanted():
        return browse_pages.motions_list()
    rows = _rows("motions")
    items = [
        motion_ref(row["motion"], row["kst"], row["label"])
        | {
            "submitters": sorted(row["submitters"].split("; ")) if row["submitters"] else [],
            "documentCount": _int(row["documents"]),
        }
        for row in rows
    ]
    items = [item for item in items if item["key"]]  # only motions this API can address
    return jsonify(
        {
            "@id": url_for("resources.motions"),
            "motions": items,
            "links": {"self": url_for("resources.motions"), "index": url_for("service.index")},
        }
    )


@resources_blueprint.get("/motions/<key>")
def motion(key: str) -> Response:
    if not (KST_ID.fullmatch(key) or SLUG.fullmatch(key)):
        _checked(key, KST_ID, "motion key", "kst-35925-VII-12 or motie-van-dijk")
    if browse_pages.wants_html():
        return browse_pages.motion_page(key)
    this = current_minter().motion(key)
    meta = _rows("motion", this)
    if _int(meta[0]["found"]) == 0:
        raise _missing("motion", key)
    row = meta[0]
    passages = _unique(
        [
            passage(r)
            for r in _rows("passages", this)
        ]
    )
    body = motion_ref(str(this), row["kst"], row["label"]) | {
        "kstId": row["kst"],
        "adopted": row["adopted"] == "true" if row["adopted"] is not None else None,
        "submitters": _submitters(this),
        "documents": _documents_of(this),
        "passages": passages,
        "actions": _actions_of(this),
    }
    body["links"] |= {"motions": url_for("resources.motions")}
    if row["kst"]:
        body["links"]["kamerstuk"] = url_for("resources.kamerstuk", kst_id=row["kst"])
    return jsonify(body)


def _submitters(this: URIRef) -> list[dict]:
    rows = _rows("motion-submitters", this)
    return _unique(
        [
            {
                "@id": row["person"],
                "name": row["name"],
                "party": {"@id": row["party"], "label": row["partyLabel"]}
                if row["party"]
                else None,
            }
            for row in rows
        ]
    )


def _documents_of(this: URIRef) -> list[dict]:
    rows = _rows("motion-documents", this)
    return _unique([document_ref(row["doc"], row["id"], row["title"]) for row in rows])


def _actions_of(this: URIRef) -> list[dict]:
    rows = _rows("motion-actions", this)
    return [
        action_ref(row["action"], row["title"]) | {"relation": row["relation"].rsplit("#", 1)[-1]}
        for row in rows
    ]


# -- actions --------------------------------------------------------------------------------


@resources_blueprint.get("/actions")
def actions() -> Response:
    if _listing_wanted():
        return browse_pages.actions_list()
    rows = _rows("actions")
    items = [action_ref(row["this"], row["title"]) | {"status": _status(row)} for row in rows]
    items = [item for item in items if item["slug"]]
    return jsonify(
        {
            "@id": url_for("resources.actions"),
            "actions": items,
            "links": {"self": url_for("resources.actions"), "index": url_for("service.index")},
        }
    )


def _status(row: dict[str, str | None]) -> dict | None:
    if not row["status"]:
        return None
    return {"@id": row["status"], "label": row["statusLabel"] or row["status"].rsplit("#", 1)[-1]}


@resources_blueprint.get("/actions/<slug>")
def action(slug: str) -> Response:
    _checked(slug, SLUG, "action slug", "regio-deals-verlengen")
    if browse_pages.wants_html():
        return browse_pages.action_page(slug)
    this = current_minter().thing("actie", slug)
    meta = _rows("action", this)
    if _int(meta[0]["found"]) == 0:
        raise _missing("action", slug)
    row = meta[0]
    body = action_ref(str(this), row["title"]) | {
        "status": _status(row),
        "sections": _action_sections(this),
        "announcedIn": _announced_in(this),
        "motions": _motions_of(this),
        "passages": _unique(
            [
                passage(r)
                for r in _rows("passages", this)
            ]
        ),
    }
    body["links"] |= {"actions": url_for("resources.actions")}
    return jsonify(body)


def _action_sections(this: URIRef) -> list[dict]:
    rows = _rows("action-sections", this)
    return _unique(
        [
            {
                "@id": row["section"],
                "title": row["title"],
                "document": row["id"],
                "links": {"document": url_for("resources.document", doc_id=row["id"])}
                if row["id"]
                else {},
            }
            for row in rows
        ]
    )


def _announced_in(this: URIRef) -> list[dict]:
    rows = _rows("action-announced-in", this)
    return _unique([document_ref(row["doc"], row["id"], row["title"]) for row in rows])


def _motions_of(this: URIRef) -> list[dict]:
    rows = _rows("action-motions", this)
    return [
        motion_ref(row["motion"], row["kst"], row["label"])
        | {"relation": row["relation"].rsplit("#", 1)[-1]}
        for row in rows
    ]
