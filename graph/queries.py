"""Named SPARQL queries: `.rq` files with a header, loaded by name, parameters bound safely.

A query file starts with a comment header:

    # title: Citations of Kamerstukken
    # question: Which Kamerstukken does each document cite, and how was each written?
    # param: document (iri, optional) -- only this document
    # param: as_of (date, input) -- an input the query computes with
    # param: as_of (date, input, default today) -- bound to today's date when not given
    # param: action (key, input) -- a key (`?action`) or the IRI of one thing (`?action_iri`)
    # columns: document, kamerstuk, raw

Parameters appear in the query as variables (`?document`). A value given for a column is bound
as an equality `FILTER` inserted at the start of the first `WHERE` group; a value for an `input`
parameter as a `VALUES` block there. A `key` input takes either a key or an absolute IRI and binds
one of two variables, the other left UNDEF: `VALUES (?action ?action_iri) { ("k" UNDEF) }` or
`{ (UNDEF <iri>) }`, so that the query starts from a bound term either way (a `FILTER` that
accepts both makes an engine evaluate what follows for every candidate first). A query whose
parameters belong in another group (a sub-SELECT that finds the few things the rest is joined
to) marks that place with the comment `#@parameters`; where several sub-SELECTs each start
from the same few things, each is marked and each gets the same bindings. A date parameter also
takes `today`; one declared with `default today` is bound to the day the query runs when no
value is given. Values are written as RDF terms (an IRI checked for forbidden characters, or an
escaped literal), never by pasting text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bestuursgraaf.graph.store.base import QueryResult
from pyoxigraph import NamedNode
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from bestuursgraaf.package_data import queries_dir

QUERY_DIR = queries_dir()
# Where a query wants its parameters bound when that is not its first WHERE group (e.g. the
# sub-SELECT that finds the few things the rest of the query is joined to).
BINDING_MARKER = "#@parameters"

_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_PARAM = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s*\((?P<kind>iri|string|date|integer|key)"
    r"(?P<optional>,\s*optional)?(?P<input>,\s*input)?(?:,\s*default\s+(?P<default>today))?\)"
    r"\s*(?:--\s*(?P<doc>.*))?$"
)
# An absolute IRI in the ASCII syntax of RFC 3986 (`scheme:` then, after `//`, an authority
# with a numeric port, a path, a query and one fragment; no IP literals); the OpenAPI
# description publishes this pattern, and Oxigraph's IRI parser checks what passes it.
_CHAR = r"(?:[A-Za-z0-9._~!$&'()*+,;=-]|%[0-9A-Fa-f]{2})"
_PCHAR = rf"(?:{_CHAR}|[:@])"
IRI_PATTERN = (
    rf"^[A-Za-z][A-Za-z0-9+.-]*:"
    rf"(?://(?:(?:{_CHAR}|:)*@)?{_CHAR}*(?::[0-9]*)?(?:/{_PCHAR}*)*|(?!//)(?:{_PCHAR}|/)*)"
    rf"(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?$"
)
_IRI = re.compile(IRI_PATTERN)


class QueryNotFound(LookupError):
    """No named query has this name."""


class ParameterError(ValueError):
    """A parameter value is missing, unknown or not of its declared kind."""


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    optional: bool
    doc: str = ""
    is_input: bool = False  # an input to the query (VALUES), not a column to filter on
    default: str | None = None  # the value bound when none is given ("today" for a date)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    question: str
    columns: list[str]
    parameters: list[Parameter]
    text: str
    path: Path = field(compare=False)

    def bind(self, values: dict[str, str]) -> str:
        """The query text with the given parameter values bound."""
        known = {parameter.name: parameter for parameter in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ParameterError(
                f"query {self.name!r} has no parameter {unknown[0]!r}"
                f" (it takes: {', '.join(known) or 'none'})"
            )
        bindings = []
        for parameter in self.parameters:
            value = values.get(parameter.name) or parameter.default
            if value:
                term = _term(parameter, value)
                # An input is bound with VALUES; a column is filtered on, since a join with
                # VALUES would also bind it in rows where an OPTIONAL left it unbound.
                if parameter.kind == "key":
                    pair = f"(UNDEF {term})" if term.startswith("<") else f"({term} UNDEF)"
                    bindings.append(f"VALUES (?{parameter.name} ?{parameter.name}_iri) {{ {pair} }}")
                elif parameter.is_input:
                    bindings.append(f"VALUES ?{parameter.name} {{ {term} }}")
                else:
                    bindings.append(f"FILTER (?{parameter.name} = {term})")
            elif not parameter.optional:
                raise ParameterError(f"query {self.name!r} needs the parameter {parameter.name!r}")
        if not bindings:
            return self.text
        if BINDING_MARKER in self.text:  # at each place marked (every one binds the same variables)
            return self.text.replace(BINDING_MARKER, " ".join(bindings))
        match = re.search(r"\bWHERE\s*\{", self.text, flags=re.IGNORECASE)
        if match is None:
            raise ParameterError(f"query {self.name!r} has no WHERE clause to bind parameters in")
        return self.text[: match.end()] + " " + " ".join(bindings) + self.text[match.end() :]


def _term(parameter: Parameter, value: str) -> str:
    if parameter.kind == "key":  # an absolute IRI, else a key (a literal)
        if re.match(r"^https?://", value):
            return _term(Parameter(parameter.name, "iri", parameter.optional), value)
        return Literal(value).n3()
    if parameter.kind == "iri":
        if not _IRI.match(value) or not _is_iri(value):
            raise ParameterError(f"parameter {parameter.name!r}: {value!r} is not an absolute IRI")
        return URIRef(value).n3()
    if parameter.kind == "date":
        if value == "today":
            return Literal(date.today()).n3()
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                raise ValueError(value)  # fromisoformat also takes 20240701 and 2024-W27
            return Literal(date.fromisoformat(value)).n3()
        except ValueError:
            raise ParameterError(
                f"parameter {parameter.name!r}: {value!r} is not a date (YYYY-MM-DD or 'today')"
            ) from None
    if parameter.kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise ParameterError(f"parameter {parameter.name!r}: {value!r} is not an integer")
        return Literal(int(value), datatype=XSD.integer).n3()
    return Literal(value).n3()


def _is_iri(value: str) -> bool:
    try:
        NamedNode(value)  # Oxigraph's RFC 3987 parser, the one the store applies
    except ValueError:
        return False
    return True


def parse_query_file(path: Path) -> NamedQuery:
    header: dict[str, str] = {}
    parameters: list[Parameter] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "param":
            match = _PARAM.match(value)
            if match is None:
                raise ValueError(f"{path}: malformed param line: {value!r}")
            parameters.append(
                Parameter(
                    match["name"], match["kind"], bool(match["optional"] or match["default"]),
                    match["doc"] or "", bool(match["input"]), match["default"],
                )
            )
        elif key:
            header[key] = value
    for required in ("title", "columns"):
        if required not in header:
            raise ValueError(f"{path}: header has no '# {required}:' line")
    return NamedQuery(
        name=path.stem,
        title=header["title"],
        question=header.get("question", ""),
        columns=[column.strip() for column in header["columns"].split(",")],
        parameters=parameters,
        text=path.read_text(encoding="utf-8"),
        path=path,
    )


def list_queries(directory: Path = QUERY_DIR) -> list[NamedQuery]:
    return [parse_query_file(path) for path in sorted(directory.glob("*.rq"))]


def load_query(name: str, directory: Path = QUERY_DIR) -> NamedQuery:
    if not _NAME.match(name) or not (directory / f"{name}.rq").is_file():
        available = ", ".join(query.name for query in list_queries(directory))
        raise QueryNotFound(f"no named query {name!r}; available: {available}")
    return parse_query_file(directory / f"{name}.rq")


def result_to_csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=result.columns, lineterminator="\n")
    writer.writeheader()
    for row in result.rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return buffer.getvalue()


def result_to_json(result: QueryResult) -> str:
    return json.dumps({"columns": result.columns, "rows": result.rows}, ensure_ascii=False, indent=2)


def shorten(value: str, base: str) -> str:
    """An IRI of the data as its short key (`actie/001-…`, `doc/003_…`): the part after the base
    IRI, which every command takes back wherever it takes an IRI (see `expand`)."""
    return value[len(base) :] if base and value.startswith(base) and len(value) > len(base) else value


def expand(value: str, base: str) -> str:
    """A short key (`kind/local`, no scheme) as the IRI under `base`; anything else as given."""
    if "/" in value and ":" not in value.split("/", 1)[0] and re.fullmatch(r"[a-z-]+/\S+", value):
        return base + value
    return value


def expand_parameters(query: NamedQuery, values: dict[str, str], base: str) -> dict[str, str]:
    """The values of `query`'s IRI and key parameters with short keys expanded against `base`."""
    kinds = {parameter.name: parameter.kind for parameter in query.parameters}
    return {
        name: expand(value, base) if kinds.get(name) in ("iri", "key") else value
        for name, value in values.items()
    }


def result_to_table(result: QueryResult, max_width: int = 60, base: str = "") -> str:
    """A plain-text table: IRIs of the data as short keys and other IRIs whole (so each can be
    pasted into the next command), other text cut at `max_width`."""

    def cell(value: str | None) -> str:
        text = "" if value is None else shorten(value.replace("\n", " "), base)
        if re.match(r"^[a-z][a-z0-9+.-]*:\S+$", text) or (base and text != value):
            return text  # an IRI or a key: never cut
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(row[column]) for column in result.columns] for row in result.rows]
    widths = [
        max([len(column)] + [len(row[i]) for row in cells]) for i, column in enumerate(result.columns)
    ]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in cells]
    lines.append(f"({len(result.rows)} rows)")
    return "\n".join(lines)
