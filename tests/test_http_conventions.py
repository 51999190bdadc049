"""HTTP conventions, on a real `bestuursgraaf serve` process and on the real app: waitress's own
errors as problem+json (raw sockets), ETag/Last-Modified with 304, compression, the SPARQL
service description, JSON-LD for `Accept: application/json`, the catalogue's dates from the
build, and the docs page served without a CDN."""

from __future__ import annotations

import gzip
import json
import socket
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import pytest
import requests
from bestuursgraaf.api import create_app
from bestuursgraaf.graph.config import Settings
from bestuursgraaf.graph.namespaces import DEFAULT_BASE
from bestuursgraaf.graph.publish.dataset import build_time
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, XSD

from tests.server_fixtures import bestuursgraaf_serving

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
PROBLEM = "application/problem+json"
KAMERSTUK = "/id/kamerstuk/kst-35570-VII-K"


# -- a real serve process -------------------------------------------------------------------
@pytest.fixture(scope="module")
def served(built_graph_path: Path, tmp_path_factory) -> str:
    data_dir = tmp_path_factory.mktemp("data")
    with bestuursgraaf_serving(built_graph_path, data_dir, threads=2) as url:
        yield url


def _raw(base: str, request: bytes) -> tuple[str, dict[str, str], bytes]:
    """Send bytes as they are and read the whole answer (the server closes after an error;
    the sending side stays open, since serve takes a closed one for a client gone away)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as client:
        client.sendall(request)
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    return status, headers, body


def _assert_waitress_problem(answer, status: int, slug: str) -> dict:
    status_line, headers, body = answer
    assert status_line.split(" ")[1] == str(status), answer
    assert headers["content-type"] == PROBLEM
    problem = json.loads(body)
    assert problem["type"] == f"{DEFAULT_BASE}problems/{slug}"
    assert problem["status"] == status and problem["title"] and problem["detail"]
    return problem


def test_a_malformed_request_is_a_problem(served):
    answer = _raw(served, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n")
    _assert_waitress_problem(answer, 400, "bad-request")
    answer = _raw(served, b"GARBAGE\r\n\r\n")
    assert _assert_waitress_problem(answer, 400, "bad-request")["detail"] == "Start line is invalid"
    answer = _raw(served, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: x\r\n\r\n")
    _assert_waitress_problem(answer, 400, "bad-request")
    answer = _raw(served, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n")
    _assert_waitress_problem(answer, 501, "not-implemented")


def test_headers_too_large_are_a_problem(served):
    # just over waitress's max_request_header_size (256 KiB), so that it has read everything
    # sent when it answers and closes (unread bytes would make the close a reset)
    big = b"X-Big: " + b"a" * (262_144 + 1_000) + b"\r\n"
    answer = _raw(served, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big + b"\r\n")
    _assert_waitress_problem(answer, 431, "request-header-fields-too-large")


def test_the_server_still_answers_after_them(served):
    _raw(served, b"GET / HTTP/1.1\r\nNo colon here\r\n\r\n")
    assert requests.get(f"{served}/queries", timeout=10).status_code == 200


def test_dump_has_etag_and_last_modified_and_answers_304(served, built_graph_path):
    url = f"{served}/id/dump.nq"
    first = requests.get(url, headers={"Accept-Encoding": "identity"}, timeout=30)
    assert first.status_code == 200 and first.headers["ETag"].startswith('"')
    assert parsedate_to_datetime(first.headers["Last-Modified"]) == build_time(built_graph_path)
    again = requests.get(
        url, headers={"Accept-Encoding": "identity", "If-None-Match": first.headers["ETag"]},
        timeout=30,
    )  # fmt: skip
    assert again.status_code == 304 and again.content == b""
    since = requests.get(
        url,
        headers={
            "Accept-Encoding": "identity",
            "If-Modified-Since": first.headers["Last-Modified"],
        },
        timeout=30,
    )
    assert since.status_code == 304
    older = format_datetime(datetime(2000, 1, 1, tzinfo=UTC), usegmt=True)
    stale = requests.get(
        url, headers={"Accept-Encoding": "identity", "If-Modified-Since": older}, timeout=30
    )
    assert stale.status_code == 200 and stale.content == first.content


def test_dump_and_pages_are_gzipped_and_conditional(served):
    for path, accept in (("/id/dump.ttl", "*/*"), (KAMERSTUK, "text/html")):
        url = f"{served}{path}"
        plain = requests.get(
            url, headers={"Accept-Encoding": "identity", "Accept": accept}, timeout=30
        )
        raw = requests.get(
            url, headers={"Accept-Encoding": "gzip", "Accept": accept}, timeout=30, stream=True
        )
        assert raw.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in raw.headers["Vary"]
        compressed = raw.raw.read()
        assert len(compressed) < len(plain.content) / 2
        assert gzip.decompress(compressed) == plain.content
        again = requests.get(
            url,
            headers={
                "Accept-Encoding": "gzip",
                "Accept": accept,
                "If-None-Match": raw.headers["ETag"],
            },
            timeout=30,
        )
        assert again.status_code == 304


def test_docs_page_loads_its_viewer_from_this_server(served):
    page = requests.get(f"{served}/docs", timeout=10)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    html = page.text
    assert "/openapi.json" in html and "SwaggerUIBundle" in html
    assert "https://" not in html and "http://" not in html  # nothing from a CDN
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert f'/docs/assets/{asset}"' in html
        answer = requests.get(f"{served}/docs/assets/{asset}", timeout=10)
        assert answer.status_code == 200 and len(answer.content) > 100_000
    assert requests.get(f"{served}/docs/assets/index.html", timeout=10).status_code == 404


# -- the real app ---------------------------------------------------------------------------
BUILT = datetime(2026, 11, 30, 9, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def client(embedded_store, tmp_path_factory):
    settings = Settings(base_iri=DEFAULT_BASE, data_dir=tmp_path_factory.mktemp("app"))
    return create_app(embedded_store, settings, built=BUILT).test_client()


def test_service_description_without_a_query(client, embedded_store):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    service = URIRef("http://localhost/sparql")
    assert (service, RDF.type, SD.Service) in graph
    assert (service, SD.endpoint, service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert (service, SD.feature, SD.BasicFederatedQuery) not in graph  # SERVICE is refused
    formats = {str(f).rsplit("/", 1)[1] for f in graph.objects(service, SD.resultFormat)}
    assert formats == {
        "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
        "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML",
    }  # fmt: skip
    names = set(graph.objects(None, SD.name))
    stored = embedded_store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    assert names == {URIRef(row["g"]) for row in stored}
    sizes = sum(int(n) for n in graph.objects(None, URIRef("http://rdfs.org/ns/void#triples")))
    assert sizes == len(embedded_store)
    as_jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert isomorphic(Graph().parse(data=as_jsonld.get_data(as_text=True), format="json-ld"), graph)


def test_accept_json_on_a_resource_is_json_ld(client):
    response = client.get(KAMERSTUK, headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    assert response.headers["Content-Location"].endswith(".jsonld")
    assert "@context" in response.get_json()


def test_catalogue_dates_are_the_build_time(client):
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    built = Literal("2026-11-30T09:15:00+00:00", datatype=XSD.dateTime)
    dataset = URIRef(f"{DEFAULT_BASE}dataset")
    catalogue = URIRef(f"{DEFAULT_BASE}catalogus")
    for subject in (dataset, catalogue):
        assert graph.value(subject, DCTERMS.modified) == built
        assert graph.value(subject, DCTERMS.issued) == built
    assert response.headers["Last-Modified"] == "Mon, 30 Nov 2026 09:15:00 GMT"


def test_openapi_description_has_an_etag_but_not_the_build_time(client):
    response = client.get("/openapi.json")
    assert response.headers["ETag"] and "Last-Modified" not in response.headers
    again = client.get("/openapi.json", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_a_page_elsewhere_may_read_the_etag(client):
    response = client.get("/id/dump.nq", headers={"Origin": "https://example.org"})
    assert response.headers["Access-Control-Allow-Origin"] in ("*", "https://example.org")
    assert "ETag" in response.headers["Access-Control-Expose-Headers"].split(", ")
