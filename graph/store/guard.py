"""Refuse, before any parser sees it, a query that would fetch a URL (SERVICE) or is too big or deep."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bestuursgraaf.graph.store.base import (
    QueryResult,
    QueryTooLarge,
    ServiceRefused,
    Store,
)
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


class GuardedStore:
    """A store that checks every query against the limits before its inner store runs it, so
    that every query the API runs is guarded, whichever store (embedded or remote) serves it."""

    def __init__(self, inner: Store, limits: QueryLimits) -> None:
        self.inner = inner
        self.limits = limits

    def replace_all(self, nquads: bytes) -> None:
        self.inner.replace_all(nquads)

    def select(self, sparql: str) -> QueryResult:
        check_query(sparql, self.limits)
        return self.inner.select(sparql)

    def query_serialized(self, sparql: str, result_format: str) -> tuple[bytes, str]:
        check_query(sparql, self.limits)
        return self.inner.query_serialized(sparql, result_format)

    def dump_nquads(self) -> bytes:
        return self.inner.dump_nquads()

    def __len__(self) -> int:
        return len(self.inner)
