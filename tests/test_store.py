"""The store protocol behaves the same in process (Oxigraph embedded) and over HTTP (a real
Oxigraph server): union of named graphs, serialisations, read-only queries, clear errors."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from bestuursgraaf.graph.store import (
    EmbeddedStore,
    QuerySyntaxError,
    RemoteStore,
    Store,
    StoreError,
    UpdateRefused,
    open_store,
)
from bestuursgraaf.graph.store.base import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES, query_form
from rdflib import Dataset, Graph, URIRef

from tests.server_fixtures import free_port, load_nquads

BG = "https://bestuursgraaf.example/id/"
VOC = "https://bestuursgraaf.example/def#"
PREFIXES = f"PREFIX bg: <{BG}> PREFIX voc: <{VOC}>\n"

# Motions in one named graph per letter, their submitters described in a graph of persons:
# a question that joins across them only works if queries see the union of the named graphs.
DATASET = (
    f"""
<{BG}motie/36200-VII-12> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{VOC}Motion> <{BG}graph/letter-1> .
<{BG}motie/36200-VII-12> <{VOC}submittedBy> <{BG}persoon/bikker> <{BG}graph/letter-1> .
<{BG}motie/36200-VII-12> <{VOC}submittedBy> <{BG}persoon/van-der-plas> <{BG}graph/letter-1> .
<{BG}motie/36200-VII-12> <{VOC}title> "Motie over de Wet gemeentelijke taak"@nl <{BG}graph/letter-1> .
<{BG}motie/36410-B-7> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{VOC}Motion> <{BG}graph/letter-2> .
<{BG}motie/36410-B-7> <{VOC}submittedBy> <{BG}persoon/bikker> <{BG}graph/letter-2> .
<{BG}motie/36410-B-7> <{VOC}dated> "2023-11-14"^^<http://www.w3.org/2001/XMLSchema#date> <{BG}graph/letter-2> .
<{BG}persoon/bikker> <{VOC}name> "Mirjam Bikker" <{BG}graph/persons> .
<{BG}persoon/van-der-plas> <{VOC}name> "Caroline van der Plas" <{BG}graph/persons> .
""".strip().encode()
    + b"\n"
)
QUAD_COUNT = 9

SUBMITTERS_QUERY = (
    PREFIXES
    + """SELECT ?motion ?name WHERE {
  ?motion a voc:Motion ; voc:submittedBy ?person .
  ?person voc:name ?name .
} ORDER BY ?motion ?name"""
)
MOTIONS_CONSTRUCT = PREFIXES + "CONSTRUCT { ?m voc:submittedBy ?p } WHERE { ?m voc:submittedBy ?p }"
UPDATES = [
    f"INSERT DATA {{ GRAPH <{BG}graph/x> {{ <{BG}a> <{VOC}b> <{BG}c> }} }}",
    "DROP ALL",
    "LOAD <https://bestuursgraaf.example/elsewhere.nq>",
]


@pytest.fixture(params=["embedded", "remote"])
def store(request: pytest.FixtureRequest) -> Store:
    """A store holding DATASET: in this process, or behind the real Oxigraph server."""
    if request.param == "embedded":
        embedded = EmbeddedStore()
        embedded.replace_all(DATASET)
        return embedded
    server = request.getfixturevalue("oxigraph_server")
    load_nquads(server, DATASET)
    return RemoteStore(server.query_url)


def quads_of(nquads: bytes) -> set[tuple]:
    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    return {(s, p, o, getattr(graph, "identifier", graph)) for s, p, o, graph in dataset.quads()}


def test_select_joins_across_named_graphs(store: Store) -> None:
    result = store.select(SUBMITTERS_QUERY)

    assert result.columns == ["motion", "name"]
    assert [(row["motion"], row["name"]) for row in result.rows] == [
        (f"{BG}motie/36200-VII-12", "Caroline van der Plas"),
        (f"{BG}motie/36200-VII-12", "Mirjam Bikker"),
        (f"{BG}motie/36410-B-7", "Mirjam Bikker"),
    ]


def test_select_leaves_unbound_variables_none(store: Store) -> None:
    result = store.select(
        PREFIXES + "SELECT ?motion ?date WHERE { ?motion a voc:Motion "
        "OPTIONAL { ?motion voc:dated ?date } } ORDER BY ?motion"
    )

    assert [row["date"] for row in result.rows] == [None, "2023-11-14"]


@pytest.mark.parametrize("result_format", ["json", "xml", "csv", "tsv"])
def test_select_serialises_in_requested_format(store: Store, result_format: str) -> None:
    body, media_type = store.query_serialized(SUBMITTERS_QUERY, result_format)

    assert media_type == RESULT_MEDIA_TYPES[result_format]
    assert sorted(names_in_select_results(body, result_format)) == [
        "Caroline van der Plas",
        "Mirjam Bikker",
        "Mirjam Bikker",
    ]


def names_in_select_results(body: bytes, result_format: str) -> list[str]:
    """The ?name column of a serialised SELECT result, read back with a plain parser."""
    text = body.decode("utf-8")
    if result_format == "json":
        return [row["name"]["value"] for row in json.loads(text)["results"]["bindings"]]
    if result_format == "xml":
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        return [
            binding.find("r:literal", ns).text
            for binding in ET.fromstring(text).iterfind(".//r:binding[@name='name']", ns)
        ]
    if result_format == "csv":
        return [row["name"] for row in csv.DictReader(io.StringIO(text))]
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))  # tsv: N-Triples terms
    return [row["?name"].strip('"') for row in rows]


@pytest.mark.parametrize("result_format", ["json", "xml", "csv", "tsv"])
def test_ask_serialises_in_requested_format(store: Store, result_format: str) -> None:
    body, media_type = store.query_serialized(
        PREFIXES + f"ASK {{ <{BG}persoon/bikker> voc:name ?name }}", result_format
    )

    assert media_type == RESULT_MEDIA_TYPES[result_format]
    text = body.decode("utf-8")
    if result_format == "json":
        assert json.loads(text)["boolean"] is True
    elif result_format == "xml":
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        assert ET.fromstring(text).find("r:boolean", ns).text == "true"
    else:
        assert text.strip() == "true"


@pytest.mark.parametrize(
    ("result_format", "rdflib_format"),
    [("turtle", "turtle"), ("ntriples", "nt"), ("rdfxml", "xml")],
)
def test_construct_serialises_in_requested_format(
    store: Store, result_format: str, rdflib_format: str
) -> None:
    body, media_type = store.query_serialized(MOTIONS_CONSTRUCT, result_format)

    assert media_type == GRAPH_MEDIA_TYPES[result_format]
    graph = Graph().parse(data=body, format=rdflib_format)
    assert len(graph) == 3
    assert (
        URIRef(f"{BG}motie/36410-B-7"),
        URIRef(f"{VOC}submittedBy"),
        URIRef(f"{BG}persoon/bikker"),
    ) in graph


def test_describe_returns_the_resource_in_turtle(store: Store) -> None:
    body, media_type = store.query_serialized(f"DESCRIBE <{BG}persoon/bikker>", "turtle")

    assert media_type == "text/turtle"
    graph = Graph().parse(data=body, format="turtle")
    assert str(graph.value(URIRef(f"{BG}persoon/bikker"), URIRef(f"{VOC}name"))) == "Mirjam Bikker"


@pytest.mark.parametrize("update", UPDATES, ids=["insert-data", "drop-all", "load"])
def test_updates_are_refused_and_leave_data_intact(store: Store, update: str) -> None:
    with pytest.raises(UpdateRefused, match="read-only"):
        store.query_serialized(update, "json")
    with pytest.raises(UpdateRefused):
        store.select(update)

    assert len(store) == QUAD_COUNT
    assert quads_of(store.dump_nquads()) == quads_of(DATASET)


def test_malformed_query_says_where(store: Store) -> None:
    with pytest.raises(QuerySyntaxError) as raised:
        store.select("SELECT ?motion WHERE { ?motion ?p }")

    message = str(raised.value)
    assert message.startswith("not a valid SPARQL query")
    assert "line 1" in message
    assert "\n" not in message


def test_undeclared_prefix_is_named(store: Store) -> None:
    with pytest.raises(QuerySyntaxError, match="prefix 'voc:' used but not declared"):
        store.select("SELECT ?m WHERE { ?m a voc:Motion }")


def test_select_needs_a_select_query(store: Store) -> None:
    with pytest.raises(QuerySyntaxError, match="SELECT"):
        store.select("ASK { ?s ?p ?o }")


def test_len_counts_quads(store: Store) -> None:
    assert len(store) == QUAD_COUNT


def test_dump_and_replace_round_trip(store: Store) -> None:
    dumped = store.dump_nquads()
    assert quads_of(dumped) == quads_of(DATASET)

    store.replace_all(dumped)

    assert len(store) == QUAD_COUNT
    assert quads_of(store.dump_nquads()) == quads_of(DATASET)


def test_replace_all_replaces_rather_than_adds(store: Store) -> None:
    only_persons = b"".join(
        line + b"\n" for line in DATASET.splitlines() if b"graph/persons" in line
    )

    store.replace_all(only_persons)

    assert len(store) == 2


def test_embedded_store_keeps_its_data_when_a_replacement_does_not_parse() -> None:
    embedded = EmbeddedStore()
    embedded.replace_all(DATASET)

    with pytest.raises(StoreError, match="cannot load"):
        embedded.replace_all(b"<not quads\n")

    assert len(embedded) == QUAD_COUNT


def test_unreachable_endpoint_is_named_in_one_line() -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/query"  # nothing listens there
    remote = RemoteStore(endpoint, timeout=5)

    with pytest.raises(StoreError) as raised:
        remote.select("SELECT * WHERE { ?s ?p ?o }")

    message = str(raised.value)
    assert endpoint in message
    assert "unreachable" in message
    assert "\n" not in message
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_open_store_picks_remote_store_when_endpoint_is_configured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BESTUURSGRAAF_ENDPOINT", "http://127.0.0.1:7878/query")

    store = open_store()

    assert isinstance(store, RemoteStore)
    assert store.endpoint == "http://127.0.0.1:7878/query"


def test_open_store_defaults_to_embedded_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BESTUURSGRAAF_ENDPOINT", raising=False)

    assert isinstance(open_store(), EmbeddedStore)


@pytest.mark.parametrize(
    "sparql, form",
    [
        ("PREFIX ex: <http://example.org/> # a comment\n SELECT * WHERE {}", "SELECT"),
        ("base <http://example.org/> ask {}", "ASK"),
        ("PREFIX : <http://example.org/> CONSTRUCT {} WHERE {}", "CONSTRUCT"),
        ("prefix select: <http://example.org/> DESCRIBE <http://example.org/a>", "DESCRIBE"),
    ],
)
def test_query_form_is_read_past_the_prologue_without_a_parse(sparql, form) -> None:
    assert query_form(sparql) == form


@pytest.mark.parametrize("update", ["# SELECT\nINSERT DATA { <a:b> <a:c> <a:d> }", "PREFIX x: <a:> DROP ALL"])
def test_query_form_refuses_an_update_after_comments_and_prefixes(update) -> None:
    with pytest.raises(UpdateRefused):
        query_form(update)
