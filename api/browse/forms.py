"""The named queries as HTML forms (a field per parameter: a date picker for dates, completion
from a datalist for keys and IRIs) with results as sortable tables whose IRIs link to the pages."""

from __future__ import annotations

from bestuursgraaf.api import current_settings, current_store
from bestuursgraaf.api.browse import pages
from bestuursgraaf.api.browse.listing import Listing, data_response, make_listing, requested_format
from bestuursgraaf.graph.queries import NamedQuery, list_queries, load_query
from flask import Response, request


def completions(query: NamedQuery) -> dict[str, list[str]]:
    """Values to offer for each key or IRI parameter: documents, actions, commitments."""
    offers: dict[str, list[str]] = {}
    for parameter in query.parameters:
        if parameter.name == "document" or parameter.name.endswith("_document"):
            offers[parameter.name] = [row["doc"] for row in pages.page_rows("documents")]
        elif parameter.name == "action" and parameter.kind in ("string", "key"):
            offers[parameter.name] = sorted(
                {row["key"] for row in pages.page_rows("actions") if row["key"]}
            )
        elif parameter.name == "action":
            offers[parameter.name] = [row["action"] for row in pages.page_rows("actions")]
        elif parameter.name == "commitment":
            offers[parameter.name] = [row["commitment"] for row in pages.named_rows("commitments")]
        elif parameter.name == "kamerstuk":
            offers[parameter.name] = [row["kst"] for row in pages.page_rows("kamerstukken")]
    return offers


def forms_index() -> Response:
    return pages.render("queries.html", title=pages.word("queries"), queries=list_queries())


def form_page(name: str) -> Response:
    query = load_query(name)  # QueryNotFound becomes a 404 problem
    values = {
        p.name: request.args[p.name].strip()
        for p in query.parameters
        if request.args.get(p.name, "").strip()
    }
    ran = "run" in request.args or bool(values)
    listing = None
    error = None
    if ran:
        from bestuursgraaf.graph.queries import ParameterError

        try:
            result = current_store().select(query.bind(values))
        except ParameterError as problem:
            error = str(problem)
        else:
            rows = result.rows[: current_settings().max_rows]
            listing = make_listing(rows, result.columns, [], None)
            fmt = requested_format()
            if fmt != "html":
                return data_response(listing, name, fmt)
    return _query_page(query, values, listing, error=error, ran=ran)


# the browse table's own arguments, never a query parameter, on /queries/<name>?format=html
TABLE_ARGS = ("sort", "desc", "page", "lang")


def _query_page(
    query: NamedQuery, values: dict, listing: Listing | None, **context: object
) -> Response:
    cells = None
    if listing is not None:
        cells = [[_cell(row.get(column)) for column in listing.columns] for row in listing.shown]
    return pages.render(
        "query.html",
        title=query.title,
        query=query,
        values=values,
        offers=completions(query),
        listing=listing,
        cells=cells,
        **context,
    )


def result_page(query: NamedQuery, result, values: dict, truncated: bool) -> Response:
    """`/queries/<name>?format=html`: the result as the form page shows it (short keys that link
    to the browse pages, a link per value of a cell, sortable, paged), under the filled-in form."""
    listing = make_listing(result.rows, result.columns, [], None)
    return _query_page(query, values, listing, error=None, ran=True, truncated=truncated)


def _cell(value: str | None) -> list[dict]:
    """A cell's parts: each IRI in it (several are separated by spaces) a link, text as text."""
    if value is None:
        return []
    parts = value.split(" ") if value.startswith(("http://", "https://")) else [value]
    if all(part.startswith(("http://", "https://")) for part in parts):
        return [
            {"text": _short(part), "href": pages.browse_href(part), "title": part} for part in parts
        ]
    return [{"text": value, "href": None, "title": None}]


def _short(iri: str) -> str:
    """An IRI shown as the key the CLI and the pages use (`doc/004_…`, `actie/…`)."""
    base = pages.current_minter().base
    if iri.startswith(base):
        return iri[len(base) :]
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri
