"""The SPARQL 1.1 Service Description of `/sparql` (https://www.w3.org/TR/sparql11-service-description/),
answered to a GET without a query: what the endpoint supports, in the formats of graph/formats.py."""

from __future__ import annotations

from bestuursgraaf.api import current_limits, current_store, negotiate_format
from bestuursgraaf.graph.formats import (
    SERVICE_DESCRIPTION,
    SPARQL_GRAPHS,
    SPARQL_RESULTS,
    W3C_FORMATS,
)
from flask import Response, current_app, request
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
SIMPLE_ENTAILMENT = URIRef("http://www.w3.org/ns/entailment/Simple")
NAMED_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def describe_service(endpoint: str) -> Graph:
    """The description: query language, result formats, the union default graph (whose triple
    count is the store's distinct triples) and each named graph with its size."""
    graph = Graph(bind_namespaces="none")
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    if current_limits().service_allow:
        graph.add((service, SD.feature, SD.BasicFederatedQuery))
    graph.add((service, SD.defaultEntailmentRegime, SIMPLE_ENTAILMENT))
    for fmt in (*SPARQL_RESULTS, *SPARQL_GRAPHS):
        graph.add((service, SD.resultFormat, URIRef(W3C_FORMATS + fmt.w3c)))
    dataset, default = BNode("dataset"), BNode("default")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    for index, row in enumerate(current_store().select(NAMED_GRAPHS).rows):
        named, inner = BNode(f"named{index}"), BNode(f"graph{index}")
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(row["g"])))
        graph.add((named, SD.graph, inner))
        graph.add((inner, RDF.type, SD.Graph))
        graph.add((inner, VOID.triples, Literal(int(row["n"]), datatype=XSD.integer)))
    return graph


def service_description() -> Response:
    """The description in the negotiated format (Turtle for */* or no Accept header); kept per
    store size and format, since it counts every named graph."""
    fmt = negotiate_format(SERVICE_DESCRIPTION, "the service description")
    cache = current_app.extensions.setdefault("service_description", {})
    key = (request.base_url, len(current_store()), fmt.name)
    if key not in cache:
        cache.clear()
        cache[key] = describe_service(request.base_url).serialize(
            format=fmt.rdflib, encoding="utf-8"
        )
    response = Response(cache[key], mimetype=fmt.media_type)
    response.vary.add("Accept")
    return response
