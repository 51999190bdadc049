"""The narrow store protocol (load, query, dump) that the rest of the code programs against."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from bestuursgraaf.graph.store.sparql_lexemes import IRIREF, WORD, skip_space

# rdflib's SPARQL parser is imported only when a query has failed (describe_syntax_error), so
# that the query worker processes start in a tenth of the time

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


class QueryRefused(StoreError):
    """A query the server will not run: it breaks a limit or asks to fetch a URL (see guard.py)."""


class ServiceRefused(QueryRefused):
    """A SERVICE clause whose endpoint is not on the allow-list (a variable endpoint always)."""

    def __init__(self, target: str) -> None:
        super().__init__(
            f"SERVICE {target} is refused: this endpoint does not fetch from other endpoints"
            " unless they are allowed in BESTUURSGRAAF_SERVICE_ALLOW"
        )
        self.target = target


class QueryTooLarge(QueryRefused):
    """A query text longer, or nested deeper, than a configured limit."""

    def __init__(self, limit: str, maximum: int | None, detail: str) -> None:
        super().__init__(detail)
        self.limit = limit
        self.maximum = maximum


class ResultTooLarge(StoreError):
    """An answer with more rows, or more bytes, than a configured cap (`max_rows`,
    `max_response_bytes`); it is refused whole rather than cut off unannounced."""

    def __init__(self, limit: str, maximum: int, detail: str) -> None:
        super().__init__(detail)
        self.limit = limit
        self.maximum = maximum


class QueryTimeout(StoreError):
    """A query that ran past its wall-clock budget (BESTUURSGRAAF_QUERY_TIMEOUT) and was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"the query ran longer than {seconds:g} s (BESTUURSGRAAF_QUERY_TIMEOUT) and was stopped;"
            " narrow it or add a LIMIT"
        )
        self.seconds = seconds


class QueryAborted(StoreError):
    """A query that ended the worker process running it: it outgrew the worker's memory limit,
    or the store failed on it (a panic inside Oxigraph)."""

    def __init__(self, megabytes: int) -> None:
        super().__init__(
            f"the query stopped the process running it: it needed more than {megabytes} MB"
            " (BESTUURSGRAAF_QUERY_MEMORY_MB) or the store failed on it; narrow it or add a LIMIT"
        )
        self.megabytes = megabytes


class QueryQueueFull(StoreError):
    """More queries in flight and waiting than the server takes (BESTUURSGRAAF_QUERY_QUEUE)."""

    def __init__(self, retry_after_s: int, detail: str) -> None:
        super().__init__(detail)
        self.retry_after_s = retry_after_s


class QueryCancelled(StoreError):
    """A query stopped because its client went away before the answer was ready."""


@dataclass
class QueryResult:
    """A SELECT result as plain Python: column names and rows of strings (None when unbound)."""

    columns: list[str]
    rows: list[dict[str, str | None]] = field(default_factory=list)


_QUERY_FORMS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def query_form(sparql: str) -> str:
    """The query form (SELECT, CONSTRUCT, ASK, DESCRIBE) of a read-only query, read from its
    first keyword after the prologue (BASE and PREFIX declarations, comments): one linear pass,
    no parse, so that a query costs no Python parser before the store sees it.

    Raises UpdateRefused for SPARQL Update, QuerySyntaxError when no query form opens the text.
    Everything else about the syntax is the store's to judge (`describe_syntax_error` words it)."""
    position = skip_space(sparql, 0)
    while word := WORD.match(sparql, position):
        keyword = word.group().upper()
        if keyword in _QUERY_FORMS:
            return keyword
        if keyword in _UPDATE_WORDS:
            raise UpdateRefused("SPARQL Update is not allowed here: this endpoint is read-only")
        if keyword not in ("BASE", "PREFIX"):
            break
        position = skip_space(sparql, word.end())
        if keyword == "PREFIX":  # its name (`ex:`, `:`), then its IRI
            name = WORD.match(sparql, position)
            if name is None:
                break
            position = skip_space(sparql, name.end())
        iri = IRIREF.match(sparql, position)
        if iri is None:
            break
        position = skip_space(sparql, iri.end())
    raise QuerySyntaxError(describe_syntax_error(sparql) or _NO_FORM)


_NO_FORM = "not a valid SPARQL query: it does not open with SELECT, CONSTRUCT, ASK or DESCRIBE"


def describe_syntax_error(sparql: str, fallback: str = "") -> str:
    """A one-line message saying what is wrong with a query a store refused, and where; only
    called once a query has failed, so that the Python parser costs nothing on the way in."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(sparql)
    except RecursionError:  # the last line of defence behind the nesting limit of guard.py
        raise QueryTooLarge(
            "max_query_depth", None, "the query is nested too deeply to parse; flatten it"
        ) from None
    except ParseException as query_error:
        return _describe_parse_error(query_error)
    undeclared = sorted(_used_prefixes(parsed[1]) - _declared_prefixes(parsed[0]))
    if undeclared:
        names = ", ".join(f"'{prefix}:'" for prefix in undeclared)
        noun = "prefix" if len(undeclared) == 1 else "prefixes"
        return f"not a valid SPARQL query: {noun} {names} used but not declared"
    first_line = fallback.strip().splitlines()[0][:200] if fallback.strip() else ""
    return f"not a valid SPARQL query: {first_line}" if first_line else ""


def _describe_parse_error(error) -> str:
    near = error.line[error.col - 1 :].strip()[:40] if error.line else ""
    where = f'near "{near}" ' if near else "at the end "
    return f"not a valid SPARQL query: {error.msg} {where}(line {error.lineno}, column {error.col})"


def _declared_prefixes(prologue: object) -> set[str]:
    from rdflib.plugins.sparql.parserutils import CompValue

    return {
        _prefix_of(declaration)
        for declaration in prologue  # type: ignore[attr-defined]
        if isinstance(declaration, CompValue) and declaration.name == "PrefixDecl"
    }


def _prefix_of(node) -> str:
    # CompValue.get answers the key itself when it is absent, so read the plain dict
    return dict.get(node, "prefix") or ""


def _used_prefixes(node: object) -> set[str]:
    """Prefixes of every prefixed name (`foo:bar`) in a parsed query."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "pname":
            return {_prefix_of(node)}
        children = node.values()
    elif isinstance(node, (list, tuple, ParseResults)):
        children = node
    else:
        return set()
    used: set[str] = set()
    for child in children:
        used |= _used_prefixes(child)
    return used


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
