"""Refuse, before any parser sees it, a query that would fetch a URL (SERVICE) or is too big or
deep; and run what passes within its budget (time, rows, bytes)."""

from __future__ import annotations

import io
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from bestuursgraaf.graph.store.base import (
    QueryResult,
    QueryTooLarge,
    ResultTooLarge,
    ServiceRefused,
    Store,
)
from bestuursgraaf.graph.store.bounded_results import ResultCaps

if TYPE_CHECKING:
    from bestuursgraaf.graph.store.query_pool import QueryPool
from bestuursgraaf.graph.store.sparql_lexemes import IRIREF, WORD, skip_space

_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_OPENERS, _CLOSERS = "({[", ")}]"


@dataclass(frozen=True)
class QueryLimits:
    """What a served query may be: its length in characters, its nesting depth of (), {} and [],
    and the SERVICE endpoints it may call (full IRIs; none by default)."""

    max_chars: int = 20_000
    max_depth: int = 20
    service_allow: frozenset[str] = frozenset()


def check_query(sparql: str, limits: QueryLimits) -> None:
    """Raise QueryTooLarge or ServiceRefused for a query the server must not run.

    One linear scan that skips comments, strings and IRIs the way the SPARQL grammar does. The
    text is scanned as written and again with its \\u escapes decoded (SPARQL allows them
    anywhere), so a keyword spelt with escapes is seen whichever reading the engine takes."""
    if len(sparql) > limits.max_chars:
        raise QueryTooLarge(
            "max_query_chars",
            limits.max_chars,
            f"the query has {len(sparql)} characters; at most {limits.max_chars} are allowed",
        )
    decoded = _CODEPOINT_ESCAPE.sub(_decode_escape, sparql)
    for text in (sparql, decoded) if decoded != sparql else (sparql,):
        _scan(text, limits)


def _decode_escape(match: re.Match[str]) -> str:
    code = int(match.group(1) or match.group(2), 16)
    return chr(code) if code <= 0x10FFFF else match.group(0)


def _scan(text: str, limits: QueryLimits) -> None:
    depth = 0
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char == "#":
            position = _end_of_line(text, position)
        elif char in "'\"":
            position = _end_of_string(text, position)
        elif char == "<" and (iri := IRIREF.match(text, position)):
            position = iri.end()
        elif char in _OPENERS:
            depth += 1
            if depth > limits.max_depth:
                raise QueryTooLarge(
                    "max_query_depth",
                    limits.max_depth,
                    f"the query nests (), {{}} or [] more than {limits.max_depth} deep; flatten it",
                )
            position += 1
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
            position += 1
        elif word := WORD.match(text, position):
            position = word.end()
            if "service" in word.group(0).lower().split("."):
                _check_service_target(text, position, limits)
        else:
            position += 1


def _end_of_line(text: str, position: int) -> int:
    ends = [index for index in (text.find("\n", position), text.find("\r", position)) if index >= 0]
    return min(ends) if ends else len(text)


def _end_of_string(text: str, position: int) -> int:
    """The position after the string literal opening at `position`. A short string ends at its
    quote or, being invalid there, at a line end: scanning goes on rather than skip too much."""
    quote = text[position]
    long_quote = quote * 3
    if text.startswith(long_quote, position):
        index = position + 3
        while index < len(text):
            if text[index] == "\\":
                index += 2
            elif text.startswith(long_quote, index):
                return index + 3
            else:
                index += 1
        return len(text)
    index = position + 1
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
        elif char == quote:
            return index + 1
        elif char in "\n\r":
            return index
        else:
            index += 1
    return len(text)


def _check_service_target(text: str, position: int, limits: QueryLimits) -> None:
    """After the keyword SERVICE: an optional SILENT, then the endpoint, which must be a full IRI
    on the allow-list. A variable, a prefixed name or a relative IRI is refused."""
    position = skip_space(text, position)
    word = WORD.match(text, position)
    if word and word.group(0).lower() == "silent":
        position = skip_space(text, word.end())
    iri = IRIREF.match(text, position)
    if iri:
        target = iri.group(0)[1:-1]
        if _SCHEME.match(target) and target in limits.service_allow:
            return
        raise ServiceRefused(f"<{target}>")
    token = WORD.match(text, position)
    raise ServiceRefused(token.group(0) if token else "with no endpoint")


@dataclass(frozen=True)
class QueryBudget:
    """What one query may cost: wall-clock seconds (enforced by the worker pool; a store in
    memory runs in the calling thread and cannot be stopped), result rows and response bytes."""

    timeout_s: float = 10.0
    max_rows: int = 100_000
    max_bytes: int = 50_000_000


class Answer(NamedTuple):
    """A query's serialised answer, complete and within its caps, as an open file to stream."""

    media_type: str
    body: BinaryIO
    rows: int
    size: int


_SPOOL_IN_MEMORY = 1 << 20  # an in-process answer larger than this is spooled to disk


class GuardedStore:
    """A store that checks every query against the limits before its inner store runs it, so
    that every query the API runs is guarded, whichever store (embedded or remote) serves it.

    With a `pool` (a store on disk, served), queries run in its worker processes within
    `budget.timeout_s` and are stopped when `cancelled()` says their client went away; without
    one they run in this process, still within the row and byte caps."""

    def __init__(
        self,
        inner: Store,
        limits: QueryLimits,
        budget: QueryBudget | None = None,
        pool: QueryPool | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.inner = inner
        self.limits = limits
        self.budget = budget or QueryBudget()
        self.pool = pool
        self.cancelled = cancelled

    def replace_all(self, nquads: bytes) -> None:
        self.inner.replace_all(nquads)

    def select(self, sparql: str) -> QueryResult:
        """The rows of a SELECT query, cut one row beyond `max_rows` (the caller says so)."""
        check_query(sparql, self.limits)
        if self.pool is None:
            return self.inner.select(sparql)
        caps = ResultCaps(self.budget.max_rows, self.budget.max_bytes, truncate=True)
        _, body, _, _ = self.pool.run(sparql, "json", caps, self.cancelled)
        with body:
            data = json.load(body)
        columns = data.get("head", {}).get("vars", [])
        rows = [
            {name: _binding_value(binding.get(name)) for name in columns}
            for binding in data.get("results", {}).get("bindings", [])
        ]
        return QueryResult(columns=columns, rows=rows)

    def query_serialized(self, sparql: str, result_format: str) -> tuple[bytes, str]:
        media_type, body, _, _ = self.answer(sparql, result_format)
        with body:
            return body.read(), media_type

    def answer(self, sparql: str, result_format: str) -> Answer:
        """Run any read-only query within the budget; its answer as a file (on disk beyond a
        megabyte), so that memory stays bounded whatever the query. Raises ResultTooLarge,
        QueryTimeout, QueryQueueFull, QueryCancelled besides the store's own errors."""
        check_query(sparql, self.limits)
        caps = ResultCaps(self.budget.max_rows, self.budget.max_bytes)
        if self.pool is not None:
            return Answer(*self.pool.run(sparql, result_format, caps, self.cancelled))
        write_results = getattr(self.inner, "write_results", None)
        if write_results is None:  # a remote endpoint: its own deadline and byte cap
            body, media_type = self.inner.query_serialized(sparql, result_format)
            if len(body) > caps.max_bytes:
                raise ResultTooLarge("max_response_bytes", caps.max_bytes, _too_many_bytes(caps))
            return Answer(media_type, io.BytesIO(body), -1, len(body))
        spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY)  # noqa: SIM115 - returned open
        try:
            written = write_results(sparql, result_format, spool, caps)
        except BaseException:
            spool.close()
            raise
        spool.seek(0)
        return Answer(written.media_type, spool, written.rows, written.bytes)  # type: ignore[arg-type]

    def dump_nquads(self) -> bytes:
        return self.inner.dump_nquads()

    def __len__(self) -> int:
        return len(self.inner)


def _too_many_bytes(caps: ResultCaps) -> str:
    return f"the answer is larger than {caps.max_bytes} bytes (BESTUURSGRAAF_MAX_RESPONSE_BYTES)"


def _binding_value(term: dict | None) -> str | None:
    if term is None:
        return None
    value = term["value"]
    return value if isinstance(value, str) else json.dumps(value)
