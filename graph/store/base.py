"""The narrow store protocol (load, query, dump) that the rest of the code programs against."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from pyparsing import ParseException

# Result serialisations the SPARQL protocol offers, by media type.
RESULT_MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_MEDIA_TYPES = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}


class StoreError(Exception):
    """The store could not answer: it is down, unreachable, or failed on the query."""


class QuerySyntaxError(StoreError):
    """The query text is not valid SPARQL 1.1."""


class UpdateRefused(StoreError):
    """A SPARQL update was sent where only queries are allowed."""


@dataclass
class QueryResult:
    """A SELECT result as plain Python: column names and rows of strings (None when unbound)."""

    columns: list[str]
    rows: list[dict[str, str | None]] = field(default_factory=list)


def query_form(sparql: str) -> str:
    """The query form (SELECT, CONSTRUCT, ASK, DESCRIBE) of a read-only query.

    Raises UpdateRefused for SPARQL Update, QuerySyntaxError for anything that does not parse."""
    try:
        parsed = parseQuery(sparql)
    except ParseException as query_error:
        try:
            parseUpdate(sparql)
        except ParseException:
            raise QuerySyntaxError(
                f"not a valid SPARQL query: {query_error.msg} "
                f"(line {query_error.lineno}, column {query_error.col})"
            ) from None
        raise UpdateRefused("SPARQL Update is not allowed here: this endpoint is read-only") from None
    name = parsed[1].name  # e.g. 'SelectQuery'
    return name.removesuffix("Query").upper()


class Store(Protocol):
    """What every store offers. Queries see the union of all named graphs as their default graph."""

    def replace_all(self, nquads: bytes) -> None:
        """Replace the whole content with this N-Quads dataset."""

    def select(self, sparql: str) -> QueryResult:
        """Run a SELECT query and return its rows."""

    def query_serialized(self, sparql: str, result_format: str) -> tuple[bytes, str]:
        """Run any read-only query and return (body, media type) in the requested format:
        json/xml/csv/tsv for SELECT and ASK, turtle/ntriples/rdfxml for CONSTRUCT and DESCRIBE."""

    def dump_nquads(self) -> bytes:
        """The whole dataset as N-Quads."""

    def __len__(self) -> int:
        """The number of quads."""
