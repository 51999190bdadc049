"""The ontology and the SHACL shapes as published documents, and the reading of their terms for the HTML pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bestuursgraaf.graph.namespaces import PREFIXES
from bestuursgraaf.graph.validate import ONTOLOGY_PATH, SHAPES_PATH
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

SHAPES_PREFIXES = {"bgsh": "https://w3id.org/bestuursgraaf/shapes#", "sh": str(SH)}
ALIGNMENTS = (
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    OWL.equivalentClass,
    OWL.equivalentProperty,
    SKOS.closeMatch,
    SKOS.exactMatch,
)
# The sections of the documentation page: the OWL type of a term and its heading.
KINDS = (
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties"),
    (OWL.DatatypeProperty, "Datatype properties"),
    (OWL.AnnotationProperty, "Annotation properties"),
    (OWL.NamedIndividual, "Individuals"),
)


@dataclass(frozen=True)
class PublishedDocument:
    """An RDF document served at a path: the ontology (by its IRI or its version IRI) or the shapes."""

    name: str  # "ontology" or "shapes"
    path: Path
    iri: URIRef

    @property
    def graph(self) -> Graph:
        return _parsed(self.path)


@cache
def _parsed(path: Path) -> Graph:
    graph = Graph(bind_namespaces="core")
    graph.parse(path, format="turtle")
    return graph


def ontology_iri() -> URIRef:
    return next(iter(_parsed(ONTOLOGY_PATH).subjects(RDF.type, OWL.Ontology)))


def version_iri() -> URIRef | None:
    value = _parsed(ONTOLOGY_PATH).value(ontology_iri(), OWL.versionIRI)
    return value if isinstance(value, URIRef) else None


def published_documents() -> dict[str, PublishedDocument]:
    """The documents under the ontology IRI, by their path below it: `` (the ontology), the
    version (such as `0.1.0`, read from owl:versionIRI) and `shapes`."""
    ontology = ontology_iri()
    documents = {"": PublishedDocument("ontology", ONTOLOGY_PATH, ontology)}
    version = version_iri()
    if version is not None and str(version).startswith(f"{ontology}/"):
        documents[str(version)[len(ontology) + 1 :]] = PublishedDocument(
            "ontology", ONTOLOGY_PATH, version
        )
    documents["shapes"] = PublishedDocument("shapes", SHAPES_PATH, URIRef(f"{ontology}/shapes"))
    return documents


# -- terms ----------------------------------------------------------------------------------
def _by_language(graph: Graph, subject: Node, predicate: URIRef) -> dict[str, str]:
    """Literal values by language tag (`` for none), the smallest value per language."""
    values: dict[str, str] = {}
    for value in sorted(graph.objects(subject, predicate)):
        if isinstance(value, Literal):
            values.setdefault(value.language or "", str(value))
    return values


def compact(iri: str, prefixes: dict[str, str] | None = None) -> str:
    """`bg:Motion` for a term in a known namespace, else the IRI itself."""
    known = {**{k: str(v) for k, v in PREFIXES.items()}, **(prefixes or {})}
    for prefix, namespace in sorted(known.items(), key=lambda item: -len(item[1])):
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local and "/" not in local and "#" not in local:
            return f"{prefix}:{local}"
    return iri


@dataclass
class Term:
    """One term of the ontology as the documentation shows it."""

    iri: URIRef
    curie: str
    labels: dict[str, str]
    definitions: dict[str, str]
    comments: dict[str, str]
    types: list[URIRef] = field(default_factory=list)
    domains: list[URIRef] = field(default_factory=list)
    ranges: list[URIRef] = field(default_factory=list)
    alignments: list[tuple[URIRef, URIRef]] = field(default_factory=list)  # (relation, target)

    @property
    def anchor(self) -> str:
        return self.iri.rsplit("#", 1)[-1] if "#" in self.iri else self.curie

    def label(self, language: str = "en") -> str:
        return label_in(self.labels, language) or self.curie


def label_in(labels: dict[str, str], language: str) -> str | None:
    """The label in `language`, else Dutch, untagged or any."""
    for tag in (language, "nl", "", *sorted(labels)):
        if tag in labels:
            return labels[tag]
    return None


def term(graph: Graph, iri: URIRef) -> Term:
    return Term(
        iri=iri,
        curie=compact(str(iri)),
        labels=_by_language(graph, iri, RDFS.label) or _by_language(graph, iri, SKOS.prefLabel),
        definitions=_by_language(graph, iri, SKOS.definition),
        comments=_by_language(graph, iri, RDFS.comment),
        types=sorted(t for t in graph.objects(iri, RDF.type) if isinstance(t, URIRef)),
        domains=sorted(d for d in graph.objects(iri, RDFS.domain) if isinstance(d, URIRef)),
        ranges=sorted(r for r in graph.objects(iri, RDFS.range) if isinstance(r, URIRef)),
        alignments=sorted(
            (relation, target)
            for relation in ALIGNMENTS
            for target in graph.objects(iri, relation)
            if isinstance(target, URIRef)
        ),
    )


def ontology_sections(graph: Graph, namespace: str) -> list[tuple[str, list[Term]]]:
    """The terms the ontology defines in its own namespace, by kind, sorted by name; a term of
    several kinds (a punned relation property) is listed under each."""
    sections = []
    for kind, heading in KINDS:
        iris = sorted(
            s
            for s in graph.subjects(RDF.type, kind)
            if isinstance(s, URIRef) and s.startswith(namespace)
        )
        if iris:
            sections.append((heading, [term(graph, iri) for iri in iris]))
    return sections


@cache
def term_labels() -> dict[URIRef, dict[str, str]]:
    """The labels of every term the ontology labels (its own and the external ones it declares)."""
    graph = _parsed(ONTOLOGY_PATH)
    return {
        s: _by_language(graph, s, RDFS.label)
        for s in set(graph.subjects(RDFS.label, None))
        if isinstance(s, URIRef)
    }


# -- shapes ---------------------------------------------------------------------------------
@dataclass
class ShapeRule:
    """One property shape of a node shape: its path, constraints and message."""

    path: str
    constraints: list[tuple[str, str]]
    message: str | None


@dataclass
class ShapeSummary:
    iri: URIRef
    curie: str
    targets: list[URIRef]
    comment: str | None
    message: str | None
    rules: list[ShapeRule]


def _path_text(graph: Graph, path: Node) -> str:
    """A SHACL path written as SPARQL would: `a/b`, `a|b`, `^a`, or an IRI's compact name."""
    if isinstance(path, URIRef):
        return compact(str(path), SHAPES_PREFIXES)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return " | ".join(_path_text(graph, p) for p in graph.items(alternatives))
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(graph, inverse)
    if graph.value(path, RDF.first) is not None:
        return "/".join(_path_text(graph, p) for p in graph.items(path))
    return "(complex path)"


def _constraint_text(graph: Graph, value: Node) -> str:
    if isinstance(value, URIRef):
        return compact(str(value), SHAPES_PREFIXES)
    if isinstance(value, Literal):
        return str(value)
    items = list(graph.items(value))
    if items:
        return ", ".join(_constraint_text(graph, item) for item in items)
    return "(nested shape)"


def _rule(graph: Graph, shape: Node) -> ShapeRule:
    skip = {SH.path, SH.message, RDF.type, SH.name, SH.description}
    constraints = sorted(
        (compact(str(p), SHAPES_PREFIXES), _constraint_text(graph, o))
        for p, o in graph.predicate_objects(shape)
        if p not in skip and str(p).startswith(str(SH))
    )
    message = graph.value(shape, SH.message)
    path = graph.value(shape, SH.path)
    return ShapeRule(
        path=_path_text(graph, path) if path is not None else "(this node)",
        constraints=constraints,
        message=str(message) if message is not None else None,
    )


def shape_summaries(graph: Graph) -> list[ShapeSummary]:
    """The named node and property shapes, sorted by name, with their property rules."""
    shapes = sorted(
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef)
    )
    return [_summary(graph, shape) for shape in dict.fromkeys(shapes)]


def _summary(graph: Graph, shape: URIRef) -> ShapeSummary:
    comment = graph.value(shape, RDFS.comment)
    message = graph.value(shape, SH.message)
    properties: Iterable[Node] = graph.objects(shape, SH.property)
    rules = [_rule(graph, p) for p in properties]
    if graph.value(shape, SH.path) is not None:
        rules.insert(0, _rule(graph, shape))
    return ShapeSummary(
        iri=shape,
        curie=compact(str(shape), SHAPES_PREFIXES),
        targets=sorted(t for t in graph.objects(shape, SH.targetClass) if isinstance(t, URIRef)),
        comment=str(comment) if comment is not None else None,
        message=str(message) if message is not None else None,
        rules=sorted(rules, key=lambda rule: (rule.path, rule.constraints)),
    )
