"""Answers within their caps: the row-by-row SELECT writer says what Oxigraph's own serialiser
says, the caps hold in the real app over a store in memory, and the remote store keeps a total
deadline and a byte cap against real (slow, large) HTTP servers on 127.0.0.1."""

from __future__ import annotations

import io
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from bestuursgraaf.api import create_app
from bestuursgraaf.graph.config import Settings
from bestuursgraaf.graph.namespaces import DEFAULT_BASE
from bestuursgraaf.graph.store import EmbeddedStore, RemoteStore
from bestuursgraaf.graph.store.base import QueryTimeout, ResultTooLarge
from bestuursgraaf.graph.store.bounded_results import ResultCaps, write_results

MIXED = b"""<urn:x:a> <urn:x:p> "plain" <urn:x:g> .
<urn:x:a> <urn:x:p> "tekst"@nl <urn:x:g> .
<urn:x:a> <urn:x:p> "12"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:x:g> .
<urn:x:a> <urn:x:p> "a \\"quoted\\", comma\\ttab\\nline" <urn:x:g> .
<urn:x:a> <urn:x:q> _:b1 <urn:x:g> .
_:b1 <urn:x:p> "<&>" <urn:x:g> .
"""
FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


@pytest.fixture(scope="module")
def mixed() -> ox.Store:
    store = ox.Store()
    store.bulk_load(MIXED, format=ox.RdfFormat.N_QUADS)
    return store


def _parsed(data: bytes, fmt: str) -> list[dict]:
    results = ox.parse_query_results(data, format=FORMATS[fmt])
    names = [variable.value for variable in results.variables]
    return sorted(
        (repr({name: str(solution[name]) for name in names if solution[name] is not None})
         for solution in results),
    )


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_select_answers_read_back_as_oxigraphs_own(mixed: ox.Store, fmt: str) -> None:
    query = "SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <urn:x:none> ?none } }"
    out = io.BytesIO()
    written = write_results(mixed, query, fmt, out, ResultCaps())
    own = mixed.query(query, use_default_graph_as_union=True).serialize(format=FORMATS[fmt])

    assert written.rows == 6 and written.bytes == len(out.getvalue())
    if fmt == "csv":  # CSV keeps no term kinds: compare the cells
        assert sorted(out.getvalue().split(b"\r\n")) == sorted(own.split(b"\r\n"))
    else:
        assert _parsed(out.getvalue(), fmt) == _parsed(own, fmt)


def test_the_row_cap_refuses_or_truncates(mixed: ox.Store) -> None:
    query = "SELECT * WHERE { ?s ?p ?o }"
    with pytest.raises(ResultTooLarge) as raised:
        write_results(mixed, query, "json", io.BytesIO(), ResultCaps(max_rows=5))
    assert raised.value.limit == "max_rows"

    written = write_results(mixed, query, "json", io.BytesIO(), ResultCaps(max_rows=2, truncate=True))
    assert written.rows == 3  # one beyond the cap, so the caller knows there were more


def test_the_byte_cap_holds_for_graphs_too(mixed: ox.Store) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    with pytest.raises(ResultTooLarge) as raised:
        write_results(mixed, query, "ntriples", io.BytesIO(), ResultCaps(max_bytes=100))
    assert raised.value.limit == "max_response_bytes"

    with pytest.raises(ResultTooLarge) as raised:
        write_results(mixed, query, "turtle", io.BytesIO(), ResultCaps(max_rows=3))
    assert raised.value.limit == "max_rows"


@pytest.fixture(scope="module")
def capped_client(embedded_store: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory):
    """The real app over the bundled graph in memory, with small caps."""
    settings = Settings(
        base_iri=DEFAULT_BASE,
        data_dir=tmp_path_factory.mktemp("capped"),
        endpoint=None,
        max_rows=3,
        max_response_bytes=2_000,
    )
    return create_app(embedded_store, settings).test_client()


def test_in_process_the_row_cap_gives_its_problem(capped_client) -> None:
    response = capped_client.get("/sparql", query_string={"query": "SELECT ?s WHERE { ?s ?p ?o }"})

    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"].endswith("/problems/too-many-rows")


def test_in_process_the_byte_cap_gives_its_problem(capped_client) -> None:
    # three triples whose object, one long passage, is repeated to 3 x 2,400 characters
    query = (
        "CONSTRUCT { ?s ?p ?long } WHERE { ?s ?p ?o FILTER(isLiteral(?o) && STRLEN(STR(?o)) > 800)"
        " VALUES ?n { 1 2 3 } BIND(CONCAT(STR(?o), STR(?o), STR(?o), STR(?n)) AS ?long) }"
    )
    response = capped_client.get("/sparql", query_string={"query": query}, headers={"Accept": "text/turtle"})

    assert response.status_code == 400
    assert response.get_json()["type"].endswith("/problems/response-too-large")


def test_in_process_a_named_query_is_cut_and_says_so(capped_client) -> None:
    response = capped_client.get("/queries/documents")

    assert response.status_code == 200
    assert len(response.get_json()["rows"]) == 3 and response.get_json()["truncated"] is True
    assert response.headers["X-Rows-Truncated-At"] == "3"


class SlowEndpoint:
    """A real TCP server on 127.0.0.1 answering every request with a 200 whose body comes one
    byte per `interval` s for ever, or `size` bytes at once; it records each request's line."""

    def __init__(self, interval: float = 0.0, size: int = 0) -> None:
        self.interval, self.size = interval, size
        self.requests: list[bytes] = []
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.server.settimeout(0.2)
        while not self.stop.is_set():
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            self.requests.append(_whole_request(connection))
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
            try:
                if self.size:
                    connection.sendall(head + b"Content-Length: %d\r\n\r\n" % self.size + b" " * self.size)
                    return
                connection.sendall(head + b"\r\n")
                while not self.stop.is_set():
                    connection.sendall(b" ")
                    time.sleep(self.interval)
            except OSError:
                return  # the client gave up

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.server.close()


def _whole_request(connection: socket.socket) -> bytes:
    """The request line, headers and body (as long as its Content-Length says)."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += connection.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")),
        0,
    )
    while len(body) < length:
        body += connection.recv(65536)
    return head + b"\r\n\r\n" + body


@pytest.fixture
def trickling() -> Iterator[SlowEndpoint]:
    endpoint = SlowEndpoint(interval=0.2)
    yield endpoint
    endpoint.close()


def test_a_trickling_endpoint_meets_a_total_deadline(trickling: SlowEndpoint) -> None:
    """Each byte comes well within the per-read timeout; the request as a whole still ends."""
    store = RemoteStore(f"http://127.0.0.1:{trickling.port}/query", timeout=2, timeout_param="timeout")

    with pytest.raises(QueryTimeout):
        store.query_serialized("SELECT * WHERE { ?s ?p ?o }", "json")
    assert b"timeout=2000" in trickling.requests[0]  # the budget, passed on in ms (form field)


def test_a_large_remote_answer_meets_the_byte_cap() -> None:
    endpoint = SlowEndpoint(size=300_000)
    try:
        store = RemoteStore(f"http://127.0.0.1:{endpoint.port}/query", timeout=10, max_bytes=100_000)
        with pytest.raises(ResultTooLarge):
            store.query_serialized("SELECT * WHERE { ?s ?p ?o }", "json")
        assert b"timeout=" not in endpoint.requests[0]  # passed on only when configured
    finally:
        endpoint.close()


def test_serve_settings_reach_the_remote_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bestuursgraaf.graph.store import open_store

    monkeypatch.setenv("BESTUURSGRAAF_QUERY_TIMEOUT", "7.5")
    monkeypatch.setenv("BESTUURSGRAAF_ENDPOINT_TIMEOUT_PARAM", "timeout")
    store = open_store(endpoint="http://127.0.0.1:1/query", settings=Settings(data_dir=tmp_path))

    assert isinstance(store, RemoteStore)
    assert (store.timeout, store.timeout_param, store.max_bytes) == (7.5, "timeout", 50_000_000)
