"""Run a query on an Oxigraph store and write its results to a file, stopping at a row or byte cap.

The same function serves the worker processes of `query_pool.py` and the in-process path, so a
capped answer is the same whichever runs it. SELECT results are written row by row here (Oxigraph
serialises a whole result at once, so it cannot count rows on the way); graphs are streamed
through Oxigraph's own serialiser from a counting iterator; ASK is one boolean.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from bestuursgraaf.graph.store.base import (
    GRAPH_MEDIA_TYPES,
    RESULT_MEDIA_TYPES,
    QuerySyntaxError,
    ResultTooLarge,
    StoreError,
    describe_syntax_error,
    query_form,
)

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class ResultCaps:
    """How much one answer may hold: result rows (solutions or triples) and serialised bytes.
    With `truncate`, the rows beyond `max_rows` are dropped silently (after one more row, so the
    caller sees that there were more) instead of refusing the answer."""

    max_rows: int = 100_000
    max_bytes: int = 50_000_000
    truncate: bool = False


class _CappedWriter(io.RawIOBase):
    """A binary file wrapper that refuses to grow past `max_bytes`."""

    def __init__(self, target: BinaryIO, max_bytes: int) -> None:
        self.target = target
        self.max_bytes = max_bytes
        self.written = 0
        self.overflowed = False

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        size = len(data)
        if self.written + size > self.max_bytes:
            self.overflowed = True
            raise ResultTooLarge("max_response_bytes", self.max_bytes, _bytes_detail(self.max_bytes))
        self.target.write(data)
        self.written += size
        return size


def _bytes_detail(maximum: int) -> str:
    return (
        f"the answer is larger than {maximum} bytes (BESTUURSGRAAF_MAX_RESPONSE_BYTES); "
        "ask for fewer rows (LIMIT) or fewer columns"
    )


def _rows_detail(maximum: int) -> str:
    return (
        f"the answer has more than {maximum} rows (BESTUURSGRAAF_MAX_ROWS); "
        "add a LIMIT or narrow the query"
    )


@dataclass(frozen=True)
class WrittenResult:
    media_type: str
    rows: int
    bytes: int


def write_results(
    store: ox.Store, sparql: str, result_format: str, out: BinaryIO, caps: ResultCaps
) -> WrittenResult:
    """Run `sparql` and write its answer to `out` in `result_format` (json/xml/csv/tsv for SELECT
    and ASK, turtle/ntriples/rdfxml for graphs; the first of each when the format does not fit).
    Raises ResultTooLarge past a cap (what was written is then to be discarded), QuerySyntaxError,
    UpdateRefused or StoreError."""
    query_form(sparql)  # refuses updates before Oxigraph sees them
    try:
        results = store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as error:
        message = describe_syntax_error(sparql, str(error)) or f"not a valid SPARQL query: {error}"
        raise QuerySyntaxError(message) from None
    except OSError as error:
        raise StoreError(f"the embedded store failed: {error}") from error
    writer = _CappedWriter(out, caps.max_bytes)
    try:
        if isinstance(results, ox.QueryTriples):
            fmt = result_format if result_format in _GRAPH_FORMATS else "turtle"
            rows = _write_graph(results, fmt, writer, caps)
            media_type = GRAPH_MEDIA_TYPES[fmt]
        else:
            fmt = result_format if result_format in RESULT_MEDIA_TYPES else "json"
            if isinstance(results, ox.QuerySolutions):
                rows = _write_solutions(results, fmt, writer, caps)
            else:
                writer.write(results.serialize(format=_BOOLEAN_FORMATS[fmt]))
                rows = 1
            media_type = RESULT_MEDIA_TYPES[fmt]
    except OSError as error:
        raise StoreError(f"the embedded store failed: {error}") from error
    finally:
        del results
    return WrittenResult(media_type, rows, writer.written)


_BOOLEAN_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


def _capped(items: Iterator, caps: ResultCaps, counter: list[int]) -> Iterator:
    for item in items:
        if counter[0] >= caps.max_rows:
            if caps.truncate:
                counter[0] += 1
                yield item  # one beyond the cap, so the caller can say it truncated
                return
            raise ResultTooLarge("max_rows", caps.max_rows, _rows_detail(caps.max_rows))
        counter[0] += 1
        yield item


def _write_graph(triples: ox.QueryTriples, fmt: str, writer: _CappedWriter, caps: ResultCaps) -> int:
    counter = [0]
    try:
        ox.serialize(_capped(iter(triples), caps, counter), writer, _GRAPH_FORMATS[fmt])
    except ResultTooLarge:
        raise
    except (OSError, ValueError) as error:
        # Oxigraph wraps what a Python iterator or writer raised; say the cap that was hit
        if writer.overflowed:
            raise ResultTooLarge("max_response_bytes", caps.max_bytes, _bytes_detail(caps.max_bytes)) from None
        if counter[0] > caps.max_rows and not caps.truncate:
            raise ResultTooLarge("max_rows", caps.max_rows, _rows_detail(caps.max_rows)) from None
        raise StoreError(f"the embedded store failed: {error}") from error
    return counter[0]


def _write_solutions(
    solutions: ox.QuerySolutions, fmt: str, writer: _CappedWriter, caps: ResultCaps
) -> int:
    names = [variable.value for variable in solutions.variables]
    counter = [0]
    head, row_of, separator, tail = _SOLUTION_WRITERS[fmt](names)
    buffer = io.BytesIO()
    buffer.write(head)
    for index, solution in enumerate(_capped(iter(solutions), caps, counter)):
        if index:
            buffer.write(separator)
        buffer.write(row_of([solution[name] for name in names]))
        if buffer.tell() >= 1 << 16:
            writer.write(buffer.getvalue())
            buffer = io.BytesIO()
    buffer.write(tail)
    writer.write(buffer.getvalue())
    return counter[0]


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    literal = {"type": "literal", "value": term.value}
    if term.language:
        literal["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        literal["datatype"] = term.datatype.value
    return literal


def _json_writer(names: list[str]):
    head = json.dumps({"head": {"vars": names}}, ensure_ascii=False)[:-1]
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def row(values: list) -> bytes:
        binding = {n: _json_term(v) for n, v in zip(names, values, strict=True) if v is not None}
        return encode(binding).encode("utf-8")

    return (head + ',"results":{"bindings":[').encode("utf-8"), row, b",", b"]}}"


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def _delimited_writer(delimiter: str, header: list[str], cell):
    def line(cells: list[str]) -> bytes:
        text = io.StringIO()
        if delimiter == ",":
            csv.writer(text, lineterminator="\r\n").writerow(cells)
        else:
            text.write("\t".join(cells) + "\n")
        return text.getvalue().encode("utf-8")

    return line(header), lambda values: line([cell(v) for v in values]), b"", b""


def _csv_writer(names: list[str]):
    return _delimited_writer(",", names, _csv_value)


def _tsv_writer(names: list[str]):
    # TSV cells are terms in Turtle/N-Triples syntax, which escapes tabs and line ends
    return _delimited_writer("\t", [f"?{n}" for n in names], lambda t: "" if t is None else str(t))


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        parts = zip(("subject", "predicate", "object"), (term.subject, term.predicate, term.object))
        return "<triple>" + "".join(f"<{k}>{_xml_term(v)}</{k}>" for k, v in parts) + "</triple>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _xml_writer(names: list[str]):
    variables = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
    head = (
        '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head>{variables}</head><results>"
    )

    def row(values: list) -> bytes:
        bindings = "".join(
            f"<binding name={quoteattr(n)}>{_xml_term(v)}</binding>"
            for n, v in zip(names, values, strict=True)
            if v is not None
        )
        return f"<result>{bindings}</result>".encode()

    return head.encode("utf-8"), row, b"", b"</results></sparql>"


_SOLUTION_WRITERS = {"json": _json_writer, "csv": _csv_writer, "tsv": _tsv_writer, "xml": _xml_writer}
