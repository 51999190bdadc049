"""Deterministic dumps of the dataset: N-Quads, TriG, Turtle (the union) and JSON-LD, byte-identical for the same input.

rdflib's serialisers follow the order of its in-memory store and of Python sets, which changes with
PYTHONHASHSEED (TriG's graph order, for one). So every dump starts from the sorted N-Quads lines and
writes what rdflib would order by itself in sorted order: graphs by name, and JSON-LD entirely by hand
(nodes, properties and values sorted). The prefixes are those of the published JSON-LD context
(`graph/publish/context.jsonld`), so all four formats compact IRIs the same way.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from bestuursgraaf.graph.build import serialize_nquads
from bestuursgraaf.graph.formats import DUMPS, Format
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

CONTEXT_PATH = Path(__file__).resolve().parent / "context.jsonld"


FORMATS: dict[str, Format] = {f.name: f for f in DUMPS}  # name -> format, from graph/formats.py


@lru_cache(maxsize=1)
def published_context() -> dict[str, str]:
    """The prefix map of the published JSON-LD context (prefix -> namespace)."""
    return json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]


def dump(dataset: Dataset, fmt: str) -> bytes:
    """The dataset in one format; the same triples always give the same bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown dump format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    nquads = serialize_nquads(dataset)
    if fmt == "nquads":
        return nquads
    canonical = _canonical_dataset(nquads)
    if fmt == "turtle":
        return _turtle(_all_triples(canonical)).encode("utf-8")
    if fmt == "trig":
        return _trig(canonical).encode("utf-8")
    return _jsonld(canonical).encode("utf-8")


def _canonical_dataset(nquads: bytes) -> Dataset:
    dataset = Dataset()
    if nquads.strip():
        dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    return dataset


def _graphs(dataset: Dataset) -> list[tuple[URIRef | None, Graph]]:
    """Non-empty graphs sorted by name; the default graph (None) first."""
    graphs = [g for g in dataset.graphs() if len(g)]
    return sorted(
        ((None if g.identifier == DATASET_DEFAULT_GRAPH_ID else g.identifier, g) for g in graphs),
        key=lambda pair: "" if pair[0] is None else str(pair[0]),
    )


def _all_triples(dataset: Dataset) -> set[tuple[Node, Node, Node]]:
    return {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}


def _prefixed_graph(triples) -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in published_context().items():
        graph.bind(prefix, namespace, override=True, replace=True)
    for triple in sorted(triples):
        graph.add(triple)
    return graph


def _prefix_lines() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(published_context().items()))


def _turtle_body(triples) -> str:
    """rdflib's Turtle for these triples (it sorts subjects, predicates and objects), without its prefixes."""
    text = _prefixed_graph(triples).serialize(format="turtle")
    if text.startswith("@prefix"):
        text = text.split("\n\n", 1)[1] if "\n\n" in text else ""
    return text.strip("\n") + "\n" if text.strip() else ""


def _turtle(triples) -> str:
    return _prefix_lines() + "\n" + _turtle_body(triples)


def _trig(dataset: Dataset) -> str:
    parts = [_prefix_lines()]
    for name, graph in _graphs(dataset):
        body = _turtle_body(graph)
        if name is None:
            parts.append("\n" + body)
        else:
            parts.append(f"\n{name.n3()} {{\n{body}}}\n")
    return "".join(parts)


# -- JSON-LD ------------------------------------------------------------------------------------------


def compact_iri(iri: str) -> str:
    """`https://w3id.org/bestuursgraaf/def#Passage` -> `bg:Passage` with the published context; else the IRI."""
    best = None
    for prefix, namespace in published_context().items():
        local = iri[len(namespace) :]
        longer = best is None or len(namespace) > len(published_context()[best[0]])
        if iri.startswith(namespace) and local and not local.startswith("//") and longer:
            best = (prefix, local)
    return f"{best[0]}:{best[1]}" if best else iri


def _node_id(term: Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else compact_iri(str(term))


def _value(term: Node) -> dict[str, str]:
    if isinstance(term, Literal):
        value: dict[str, str] = {"@value": str(term)}
        if term.language:
            value["@language"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            value["@type"] = compact_iri(str(term.datatype))
        return value
    return {"@id": _node_id(term)}


def _value_key(term: Node) -> tuple:
    if isinstance(term, Literal):
        return (1, str(term), str(term.datatype or ""), term.language or "")
    return (0, str(term), "", "")


def _nodes(graph: Graph) -> list[dict]:
    nodes = []
    for subject in sorted(set(graph.subjects()), key=lambda s: (isinstance(s, BNode), str(s))):
        node: dict = {"@id": _node_id(subject)}
        types = sorted(graph.objects(subject, RDF.type), key=_value_key)
        if types:
            node["@type"] = [_node_id(t) for t in types]
        properties: dict[str, list] = {}
        for predicate in set(graph.predicates(subject)) - {RDF.type}:
            values = sorted(graph.objects(subject, predicate), key=_value_key)
            properties[compact_iri(str(predicate))] = [_value(v) for v in values]
        for key in sorted(properties):
            node[key] = properties[key]
        nodes.append(node)
    return nodes


def _jsonld(dataset: Dataset) -> str:
    top: list[dict] = []
    for name, graph in _graphs(dataset):
        if name is None:
            top.extend(_nodes(graph))
        else:
            top.append({"@id": _node_id(name), "@graph": _nodes(graph)})
    document = {"@context": published_context(), "@graph": top}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
