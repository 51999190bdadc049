"""The API served from a real Virtuoso (`bestuursgraaf serve --endpoint .../sparql`, a real
process) answers named queries and /sparql as the app over the embedded store does, and an
answer Virtuoso cut short at its time limit is an error, not a short list."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from bestuursgraaf.api import create_app
from bestuursgraaf.graph.config import Settings
from bestuursgraaf.graph.namespaces import DEFAULT_BASE
from bestuursgraaf.graph.queries import load_query
from bestuursgraaf.graph.store import EmbeddedStore, RemoteStore, StoreError
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.plugins.sparql.results.jsonresults import JSONResultParser

from tests.result_rows import comparable_rows
from tests.server_fixtures import free_port, json_when_up, stop_server
from tests.virtuoso_server import VirtuosoServer, load_nquads_into_virtuoso

ACTION = "beleidskader-decentraal-bestuur"
# Typed and language-tagged literals, an aggregate's datatype, an OPTIONAL left unbound.
SELECT_DOCUMENTS = """PREFIX bg: <https://w3id.org/bestuursgraaf/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?document ?date ?title ?label (COUNT(DISTINCT ?passage) AS ?passages) WHERE {
  ?document bg:sourceFile ?source ; dcterms:date ?date ; dcterms:title ?title .
  ?passage bg:inDocument ?document .
  OPTIONAL { ?document rdfs:label ?label }
} GROUP BY ?document ?date ?title ?label"""
CONSTRUCT_MOTIONS = """PREFIX bg: <https://w3id.org/bestuursgraaf/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?motion rdfs:label ?label ; bg:kstId ?kst }
WHERE { ?motion a bg:Motion ; rdfs:label ?label . OPTIONAL { ?motion bg:kstId ?kst } }"""


@pytest.fixture(scope="module")
def loaded_virtuoso(built_graph_path: Path, virtuoso_server) -> VirtuosoServer:
    """The built graph bulk-loaded into the session's Virtuoso."""
    load_nquads_into_virtuoso(virtuoso_server, built_graph_path.read_bytes())
    return virtuoso_server


@pytest.fixture(scope="module")
def served_from_virtuoso(loaded_virtuoso: VirtuosoServer, tmp_path_factory) -> Iterator[str]:
    """`bestuursgraaf serve --endpoint` over the built graph in Virtuoso."""
    port = free_port()
    env = {**os.environ, "BESTUURSGRAAF_DATA": str(tmp_path_factory.mktemp("data"))}
    env.pop("BESTUURSGRAAF_ENDPOINT", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bestuursgraaf", "serve", "--endpoint", loaded_virtuoso.query_url,
         "--host", "127.0.0.1", "--port", str(port), "--threads", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        json_when_up(f"http://127.0.0.1:{port}/", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


@pytest.fixture(scope="module")
def embedded_client(embedded_store: EmbeddedStore, tmp_path_factory):
    settings = Settings(base_iri=DEFAULT_BASE, data_dir=tmp_path_factory.mktemp("api"), endpoint=None)
    return create_app(embedded_store, settings).test_client()


@pytest.mark.parametrize(
    ("name", "params"),
    [("documents", {}), ("motions", {}), ("citations", {}), ("action-trace", {"action": ACTION})],
)
def test_named_query_answers_as_embedded(name, params, served_from_virtuoso, embedded_client):
    url = f"/queries/{name}?{urllib.parse.urlencode(params)}"
    ours = embedded_client.get(url)
    theirs = requests.get(served_from_virtuoso + url, timeout=60)
    assert ours.status_code == theirs.status_code == 200, theirs.text[:500]
    ours, theirs = ours.get_json(), theirs.json()
    assert theirs["columns"] == ours["columns"]
    sparql = load_query(name).bind(params)
    expected = comparable_rows(ours["rows"], ours["columns"], sparql)
    assert expected, f"{name} answers nothing: the comparison would prove nothing"
    assert comparable_rows(theirs["rows"], theirs["columns"], sparql) == expected


def _solutions(body: bytes) -> set[tuple]:
    """SPARQL JSON results as a set of rows of RDF terms (datatypes and language tags kept)."""
    result = JSONResultParser().parse(io.BytesIO(body))
    return {tuple(sorted((str(k), v) for k, v in row.items())) for row in result.bindings}


def test_sparql_select_answers_as_embedded(served_from_virtuoso, embedded_client):
    headers = {"Accept": "application/sparql-results+json"}
    ours = embedded_client.post("/sparql", data={"query": SELECT_DOCUMENTS}, headers=headers)
    theirs = requests.post(
        f"{served_from_virtuoso}/sparql", data={"query": SELECT_DOCUMENTS}, headers=headers, timeout=60
    )
    assert ours.status_code == theirs.status_code == 200, theirs.text[:500]
    expected = _solutions(ours.get_data())
    assert len(expected) == 5
    assert _solutions(theirs.content) == expected


def test_sparql_construct_answers_as_embedded(served_from_virtuoso, embedded_client):
    query = {"query": CONSTRUCT_MOTIONS}
    ours = embedded_client.get("/sparql", query_string=query, headers={"Accept": "text/turtle"})
    theirs = requests.get(
        f"{served_from_virtuoso}/sparql", params=query, headers={"Accept": "text/turtle"}, timeout=60
    )
    assert theirs.status_code == 200 and theirs.headers["Content-Type"].startswith("text/turtle")
    expected = Graph().parse(data=ours.get_data(as_text=True), format="turtle")
    assert len(expected) > 10
    assert isomorphic(Graph().parse(data=theirs.text, format="turtle"), expected)


def test_an_answer_cut_short_by_the_time_limit_is_an_error(loaded_virtuoso):
    """Virtuoso sends the rows it has when its time limit strikes as 200 OK, marked only by the
    header X-SQL-State: S1TAT; the remote store refuses them rather than pass a part as the whole.
    (A count over a cube of every triple cannot finish in the 300 ms asked for.)"""
    store = RemoteStore(f"{loaded_virtuoso.query_url}?timeout=300")
    assert store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"] != "0"
    with pytest.raises(StoreError, match="incomplete answer"):
        store.select("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
