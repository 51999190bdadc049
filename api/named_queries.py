"""Named queries (`queries/*.rq`) served as JSON, CSV and HTML from one definition."""

from __future__ import annotations

from bestuursgraaf.api import current_settings, current_store, negotiate_format
from bestuursgraaf.api.errors import Problem
from bestuursgraaf.graph.formats import SERVED_ROWS
from bestuursgraaf.graph.queries import NamedQuery, list_queries, load_query, result_to_csv
from bestuursgraaf.graph.store import QueryResult
from flask import Blueprint, Response, jsonify, request, url_for

queries_blueprint = Blueprint("queries", __name__)

FORMATS = {f.name: f.media_type for f in SERVED_ROWS}  # from graph/formats.py
FORMAT_PARAM = "format"  # reserved: never a query parameter


def describe(query: NamedQuery) -> dict:
    """What a client needs to call a named query: its question, parameters, columns and URLs."""
    return {
        "name": query.name,
        "title": query.title,
        "question": query.question,
        "params": [
            {"name": p.name, "kind": p.kind, "optional": p.optional, "description": p.doc}
            for p in query.parameters
        ],
        "columns": query.columns,
        "links": {fmt: url_for("queries.run_query", name=query.name, format=fmt) for fmt in FORMATS}
        | {"self": url_for("queries.run_query", name=query.name)},
    }


@queries_blueprint.get("/queries")
def index() -> Response:
    return jsonify({"queries": [describe(query) for query in list_queries()]})


@queries_blueprint.get("/queries/<name>")
def run_query(name: str) -> Response:
    query = load_query(name)  # QueryNotFound becomes a 404 problem listing the names
    fmt = _format()
    repeated = [key for key, given in request.args.lists() if len(given) > 1]
    if repeated:
        raise Problem("bad-parameter", f"parameter {repeated[0]!r} is given more than once")
    values = {key: value for key, value in request.args.items() if key != FORMAT_PARAM}
    if fmt == "html":  # the browse table's sort, page and language are not query parameters
        from bestuursgraaf.api.browse.forms import TABLE_ARGS

        values = {key: value for key, value in values.items() if key not in TABLE_ARGS}
    result = current_store().select(query.bind(values))  # ParameterError becomes a 400 problem
    limit = current_settings().max_rows
    truncated = len(result.rows) > limit
    if truncated:
        result = QueryResult(result.columns, result.rows[:limit])
    if fmt == "csv":
        response = Response(result_to_csv(result), mimetype=FORMATS["csv"])
        response.headers["Content-Disposition"] = f'inline; filename="{query.name}.csv"'
    elif fmt == "html":
        from bestuursgraaf.api.browse.forms import result_page

        response = result_page(query, result, values, truncated)
    else:
        body = {"columns": result.columns, "rows": result.rows}
        response = jsonify(body | ({"truncated": True} if truncated else {}))
    if truncated:
        response.headers["X-Rows-Truncated-At"] = str(limit)
    response.vary.add("Accept")
    return response


def _format() -> str:
    """`?format=` when given, else the Accept header's choice among JSON (default), CSV, HTML."""
    if FORMAT_PARAM in request.args:
        fmt = request.args[FORMAT_PARAM]
        if fmt not in FORMATS:
            raise Problem("bad-parameter", f"format {fmt!r} is not one of {', '.join(FORMATS)}")
        return fmt
    return negotiate_format(SERVED_ROWS, "a named query's result").name
