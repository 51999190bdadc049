"""Named queries (`queries/*.rq`) served as JSON, CSV and HTML from one definition."""

from __future__ import annotations

from urllib.parse import urlencode

from bestuursgraaf.api import current_settings, current_store, negotiate_format
from bestuursgraaf.api.errors import Problem
from bestuursgraaf.graph.formats import SERVED_ROWS
from bestuursgraaf.graph.queries import NamedQuery, list_queries, load_query, result_to_csv
from bestuursgraaf.graph.store import QueryResult
from flask import Blueprint, Response, jsonify, request, url_for
from markupsafe import Markup, escape

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
    result = current_store().select(query.bind(values))  # ParameterError becomes a 400 problem
    limit = current_settings().max_rows
    truncated = len(result.rows) > limit
    if truncated:
        result = QueryResult(result.columns, result.rows[:limit])
    if fmt == "csv":
        response = Response(result_to_csv(result), mimetype=FORMATS["csv"])
        response.headers["Content-Disposition"] = f'inline; filename="{query.name}.csv"'
    elif fmt == "html":
        response = Response(_html_page(query, result, values, truncated), mimetype=FORMATS["html"])
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


def _cell(value: str | None) -> Markup:
    if value is None:
        return Markup("")
    if value.startswith(("http://", "https://")):
        return Markup('<a href="{0}">{0}</a>').format(value)
    return escape(value)


def _html_page(query: NamedQuery, result: QueryResult, values: dict, truncated: bool) -> str:
    head = Markup("").join(Markup("<th>{}</th>").format(column) for column in result.columns)
    rows = Markup("\n").join(
        Markup("<tr>{}</tr>").format(
            Markup("").join(Markup("<td>{}</td>").format(_cell(row[c])) for c in result.columns)
        )
        for row in result.rows
    )
    links = describe(query)["links"]
    note = (
        Markup("<p><strong>Only the first {} rows are shown.</strong></p>").format(len(result.rows))
        if truncated
        else Markup("")
    )
    filters = ", ".join(f"{key} = {value}" for key, value in values.items()) or "none"
    return Markup(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:2px 6px;"
        "text-align:left;vertical-align:top}}</style></head>\n<body><h1>{title}</h1><p>{question}</p>"
        '<p>Parameters: {filters}. {count} rows. Also as <a href="{csv}">CSV</a>, '
        '<a href="{json}">JSON</a>; <a href="{all}">all queries</a>.</p>{note}\n'
        "<table><thead><tr>{head}</tr></thead><tbody>\n{rows}\n</tbody></table></body></html>\n"
    ).format(
        title=query.title,
        question=query.question,
        filters=filters,
        count=len(result.rows),
        csv=_with_args(links["csv"], values),
        json=_with_args(links["json"], values),
        all=url_for("queries.index"),
        note=note,
        head=head,
        rows=rows,
    )


def _with_args(url: str, values: dict) -> str:
    return url + ("&" + urlencode(values) if values else "")
