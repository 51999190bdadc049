"""Check a graph against the SHACL shapes, with the ontology's class hierarchy, and report one line per problem."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from bestuursgraaf.graph.namespaces import PREFIXES
from rdflib import BNode, ConjunctiveGraph, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from bestuursgraaf.package_data import ontology_dir

ONTOLOGY_DIR = ontology_dir()
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY_PATH = ONTOLOGY_DIR / "bestuursgraaf.ttl"

_IRI_IN_TEXT = re.compile(r"<([^<>\s]+)>")
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def compact(iri: str) -> str:
    """`https://w3id.org/bestuursgraaf/def#Passage` -> `bg:Passage`; an IRI in no known namespace stays `<iri>`."""
    for prefix, namespace in PREFIXES.items():
        local = iri[len(str(namespace)) :]
        if iri.startswith(str(namespace)) and _LOCAL_NAME.fullmatch(local):
            return f"{prefix}:{local}"
    return f"<{iri}>"


@dataclass(frozen=True)
class Violation:
    """One validation result: the node, the property path (full IRIs), what is wrong, and how bad it is."""

    focus: str
    path: str | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"

    def __str__(self) -> str:
        focus = compact(self.focus) if not self.focus.startswith(("_:", '"')) else self.focus
        where = focus if self.path is None else f"{focus} {_compact_path(self.path)}"
        message = " ".join(self.message.split())
        prefix = "" if self.severity == "Violation" else f"[{self.severity}] "
        return f"{prefix}{where}: {message}"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation]


def validate_graph(
    data: Graph, shapes_path: Path = SHAPES_PATH, ontology_path: Path = ONTOLOGY_PATH
) -> ValidationReport:
    """Validate the union of all graphs in `data` against the shapes, with the ontology mixed in.

    No inference is run: the ontology contributes its rdfs:subClassOf triples, which SHACL's
    class targets and sh:class follow, but domains and ranges do not type any node, so a link to
    a node that was never given a type is reported instead of being silently typed.

    The ontology is added to the data graph here rather than passed as pyshacl's `ont_graph`:
    pyshacl's mixing ("inoculation") clones the class tree node by node and took 20 s for our
    900-triple ontology, where plain union plus validation takes well under a second. Adding the
    triples gives SHACL the same subclass hierarchy.
    """
    shapes = Graph().parse(shapes_path, format="turtle")
    graph = union_of(data)
    graph.parse(ontology_path, format="turtle")
    conforms, report, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        inplace=True,
    )
    # top-level results only: pyshacl also nests the results behind an sh:node failure as sh:detail
    violations = sorted(
        (_violation(report, result) for result in report.objects(None, SH.result)),
        key=lambda v: (v.focus, v.path or "", v.message),
    )
    return ValidationReport(conforms=bool(conforms), violations=violations)


def union_of(data: Graph) -> Graph:
    """A fresh graph holding the triples of every graph in `data` (a Dataset) or of `data` itself."""
    union = Graph()
    if isinstance(data, ConjunctiveGraph):  # rdflib's Dataset is a ConjunctiveGraph
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
    else:
        for triple in data:
            union.add(triple)
    return union


def _violation(report: Graph, result: Node) -> Violation:
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    severity = report.value(result, SH.resultSeverity)
    return Violation(
        focus=_term_text(focus),
        path=None if path is None else _path_text(report, path),
        message=_message(report, result),
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
    )


def _message(report: Graph, result: Node) -> str:
    messages = list(report.objects(result, SH.resultMessage))
    english = [m for m in messages if isinstance(m, Literal) and m.language in (None, "en")]
    chosen = (english or messages or [Literal("does not conform to its shape")])[0]
    return " ".join(str(chosen).split())


def _term_text(term: Node | None) -> str:
    if term is None:
        return "?"
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return term.n3()


def _path_text(report: Graph, path: Node) -> str:
    """A SHACL property path as a SPARQL-like path: a simple path is its IRI, others use <iri> syntax."""
    if isinstance(path, URIRef):
        return str(path)
    return _complex_path(report, path)


def _complex_path(report: Graph, path: Node) -> str:
    if isinstance(path, URIRef):
        return f"<{path}>"
    if (path, RDF.first, None) in report:
        return "/".join(_complex_path(report, step) for step in Collection(report, path))
    for predicate, template in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "({})*"),
        (SH.oneOrMorePath, "({})+"),
        (SH.zeroOrOnePath, "({})?"),
    ):
        inner = report.value(path, predicate)
        if inner is not None:
            return template.format(_complex_path(report, inner))
    alternatives = report.value(path, SH.alternativePath)
    if alternatives is not None:
        return (
            "(" + "|".join(_complex_path(report, a) for a in Collection(report, alternatives)) + ")"
        )
    return "?"


def _compact_path(path: str) -> str:
    if _IRI_IN_TEXT.search(path) is None:
        return compact(path)
    return _IRI_IN_TEXT.sub(lambda m: compact(m[1]), path)
