"""The SPARQL 1.1 Protocol for queries (GET, POST form, POST body) over the read-only store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from bestuursgraaf.api import MAX_QUERY_BYTES, current_limits, current_store, negotiate
from bestuursgraaf.api.errors import Problem
from bestuursgraaf.graph.store.base import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES, query_form
from bestuursgraaf.graph.store.guard import check_query
from flask import Blueprint, Response, request

sparql_blueprint = Blueprint("sparql", __name__)

QUERY_MEDIA_TYPE = "application/sparql-query"
UPDATE_MEDIA_TYPE = "application/sparql-update"
FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"

# Offers in order of preference (the first is the default), mapped to the store's format names.
RESULT_OFFERS = {media: name for name, media in RESULT_MEDIA_TYPES.items()} | {
    "application/json": "json"
}
GRAPH_OFFERS = {media: name for name, media in GRAPH_MEDIA_TYPES.items()}


@sparql_blueprint.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    query = _query_text()
    _refuse_dataset_selection()
    if len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        raise Problem(
            "request-too-large", f"the query is longer than {MAX_QUERY_BYTES} bytes; shorten it"
        )
    check_query(query, current_limits())  # before any parser: SERVICE, length, nesting
    form = query_form(query)  # UpdateRefused / QuerySyntaxError become problems
    offers = GRAPH_OFFERS if form in ("CONSTRUCT", "DESCRIBE") else RESULT_OFFERS
    media_type = negotiate(list(offers), f"the results of a {form} query")
    answer = current_store().answer(query, offers[media_type])  # complete and within its caps
    response = Response(_stream(answer.body), mimetype=answer.media_type)
    response.content_length = answer.size
    response.vary.add("Accept")
    return response


def _stream(body: BinaryIO, chunk: int = 1 << 16) -> Iterator[bytes]:
    """The answer file in chunks, closed at the end or when the client goes away."""
    with body:
        while block := body.read(chunk):
            yield block


def _query_text() -> str:
    """The query of a GET (`?query=`), a form POST (`query=`) or a direct POST; updates refused."""
    if request.method == "GET":
        params = request.args
    else:
        media_type = request.mimetype
        if media_type == QUERY_MEDIA_TYPE:
            return request.get_data(as_text=True)
        if media_type == UPDATE_MEDIA_TYPE:
            _refuse_update()
        if media_type != FORM_MEDIA_TYPE:
            raise Problem(
                "unsupported-media-type",
                f"POST a query as {QUERY_MEDIA_TYPE} or {FORM_MEDIA_TYPE}, not {media_type or 'no type'}",
            )
        params = request.form
    if "update" in params:
        _refuse_update()
    queries = params.getlist("query")
    if len(queries) != 1:
        raise Problem(
            "bad-parameter",
            "give exactly one `query` parameter with a SPARQL query"
            + (f" (got {len(queries)})" if queries else ""),
        )
    return queries[0]


def _refuse_update() -> None:
    raise Problem("update-refused", "SPARQL Update is not allowed here: this endpoint is read-only")


def _refuse_dataset_selection() -> None:
    values = request.values if request.method == "POST" else request.args
    given = [name for name in ("default-graph-uri", "named-graph-uri") if name in values]
    if given:
        raise Problem(
            "dataset-not-supported",
            f"{' and '.join(given)} is not supported: queries always run over the union of all "
            "named graphs as default graph; select a graph with GRAPH <iri> { ... } in the query",
        )
