"""A list page's rows filtered by facets, sorted and cut into pages, and served as HTML, CSV or JSON.

A facet is a column whose values (one or several, separated by "; ") are counted over the rows
that the other facets leave; `?<facet>=value` keeps the rows that have that value. `?sort=column`
(and `?desc=1`) orders the rows, `?page=N` picks a page of PAGE_SIZE rows. Only declared columns
and facets are read from the request; anything else is ignored."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from flask import Response, request

PAGE_SIZE = 50
SEPARATOR = "; "
FORMATS = ("html", "csv", "json")
_RUNS = re.compile(r"\d+|\D+")


@dataclass(frozen=True)
class Facet:
    column: str
    label_key: str  # a key in language.WORDS


@dataclass
class Listing:
    """The rows of one list after the request's facet choices, sort and page."""

    columns: list[str]
    rows: list[dict]  # every row after filtering and sorting
    facets: list[tuple[Facet, list[tuple[str, int, bool]]]]  # values, counts, chosen
    chosen: dict[str, str]
    sort: str | None
    descending: bool
    page: int
    pages: int
    total: int  # rows before filtering
    shown: list[dict] = field(default_factory=list)  # the rows of this page


def values_of(row: dict, column: str) -> list[str]:
    value = row.get(column)
    if value is None or value == "":
        return []
    return [part for part in str(value).split(SEPARATOR) if part]


def make_listing(
    rows: list[dict], columns: list[str], facets: list[Facet], default_sort: str | None
) -> Listing:
    chosen = {f.column: request.args[f.column] for f in facets if request.args.get(f.column)}
    kept = [
        row for row in rows if all(value in values_of(row, col) for col, value in chosen.items())
    ]
    counted = []
    for facet in facets:
        # a facet's counts are over the rows the *other* facets keep, so each choice can change
        others = {c: v for c, v in chosen.items() if c != facet.column}
        pool = [r for r in rows if all(v in values_of(r, c) for c, v in others.items())]
        counts = Counter(value for row in pool for value in set(values_of(row, facet.column)))
        values = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:30]
        if values:
            counted.append(
                (facet, [(value, n, chosen.get(facet.column) == value) for value, n in values])
            )
    sort = request.args.get("sort")
    sort = sort if sort in columns else default_sort
    descending = request.args.get("desc") == "1"
    if sort:
        kept.sort(key=lambda row: _sort_key(row.get(sort)), reverse=descending)
    pages = max(1, -(-len(kept) // PAGE_SIZE))
    try:
        page = min(max(1, int(request.args.get("page", "1"))), pages)
    except ValueError:
        page = 1
    listing = Listing(columns, kept, counted, chosen, sort, descending, page, pages, len(rows))
    listing.shown = kept[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return listing


def _sort_key(value: object) -> tuple:
    """Missing values last; runs of digits compared as numbers ("2023-01" before "2025", "nr. 9"
    before "nr. 25"); text without case."""
    if value is None or value == "":
        return (1, ())
    runs = _RUNS.findall(str(value).casefold())
    return (0, tuple((0, int(run), "") if run.isdigit() else (1, 0, run) for run in runs))


def requested_format() -> str:
    fmt = request.args.get("format", "html")
    if fmt not in FORMATS:
        from bestuursgraaf.api.errors import Problem

        raise Problem("bad-parameter", f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    return fmt


def data_response(listing: Listing, name: str, fmt: str) -> Response:
    """The filtered, sorted rows (all pages) as CSV or JSON."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer, fieldnames=listing.columns, lineterminator="\n", extrasaction="ignore"
        )
        writer.writeheader()
        for row in listing.rows:
            writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in listing.columns})
        response = Response(buffer.getvalue(), mimetype="text/csv")
        response.headers["Content-Disposition"] = f'inline; filename="{name}.csv"'
        return response
    rows = [{c: row.get(c) for c in listing.columns} for row in listing.rows]
    body = {
        "columns": listing.columns,
        "rows": rows,
        "total": listing.total,
        "filters": listing.chosen,
    }
    return Response(json.dumps(body, ensure_ascii=False, indent=1), mimetype="application/json")
