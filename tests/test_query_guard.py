"""The query guard: SERVICE refused unless allowed, length and nesting limits, checked before any
parser; on its own (strings in, refusals out) and through the real app over real stores."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bestuursgraaf.api import create_app
from bestuursgraaf.graph.config import Settings
from bestuursgraaf.graph.namespaces import DEFAULT_BASE
from bestuursgraaf.graph.queries import list_queries
from bestuursgraaf.graph.store import EmbeddedStore, RemoteStore
from bestuursgraaf.graph.store.base import (
    QueryTooLarge,
    ServiceRefused,
    describe_syntax_error,
    query_form,
)
from bestuursgraaf.graph.store.guard import QueryLimits, check_query

PROBLEM = "application/problem+json"
LIMITS = QueryLimits()
ALLOWED = "https://query.wikidata.org/sparql"


def refused_service(sparql: str, limits: QueryLimits = LIMITS) -> str:
    with pytest.raises(ServiceRefused) as refusal:
        check_query(sparql, limits)
    return refusal.value.target


# --- the checker on strings ---------------------------------------------------------------


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SeRvIcE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE silent# a comment\n<http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE {\n# SERVICE in a comment first\nSERVICE\n\t<http://example.org/sparql> {} }",
        "SELECT * WHERE { ?s ?p 'a string' . SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p 1.SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p '''it's ''quoted'' ''' SERVICE <http://example.org/sparql> {} }",
        "SELECT * WHERE { FILTER(?a<?b) SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        r"SELECT * WHERE { \u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_service_to_an_unlisted_iri_refused_however_spelt(sparql: str) -> None:
    assert refused_service(sparql) == "<http://example.org/sparql>"


@pytest.mark.parametrize(
    ("sparql", "target"),
    [
        ("SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }", "?endpoint"),
        ("SELECT * WHERE { SERVICE SILENT $endpoint { ?s ?p ?o } }", "$endpoint"),
        ("PREFIX ex: <http://example.org/>\nSELECT * WHERE { SERVICE ex:sparql {} }", "ex:sparql"),
        ("SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }", "<sparql>"),
    ],
)
def test_variable_prefixed_and_relative_endpoints_always_refused(sparql: str, target: str) -> None:
    allow_all_written = QueryLimits(
        service_allow=frozenset({"sparql", "http://example.org/sparql"})
    )
    assert refused_service(sparql, allow_all_written) == target


def test_variable_endpoint_refused_even_with_an_allow_list() -> None:
    limits = QueryLimits(service_allow=frozenset({ALLOWED}))
    assert refused_service("SELECT * { SERVICE ?x { ?s ?p ?o } }", limits) == "?x"


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * WHERE { ?s ?p 'SERVICE <http://example.org/sparql> { }' }",
        'SELECT * WHERE { ?s ?p """a\nSERVICE <http://example.org/sparql>\n""" }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/sparql> { }",
        "PREFIX ex: <http://example.org/>\nSELECT ?service WHERE { ?service a ex:SERVICE }",
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
        "SELECT * WHERE { ?s ?p 'it\\'s SERVICE <http://x/>' }",
    ],
)
def test_service_in_strings_comments_names_and_iris_is_not_a_service(sparql: str) -> None:
    assert check_query(sparql, LIMITS) is None  # no refusal raised
    # and the store runs it: these are real queries, answered without calling anyone
    assert EmbeddedStore().select(sparql).rows == []


def test_allow_list_lets_exactly_the_listed_iri_through() -> None:
    limits = QueryLimits(service_allow=frozenset({ALLOWED}))
    check_query(f"SELECT * WHERE {{ SERVICE <{ALLOWED}> {{ ?s ?p ?o }} }}", limits)
    check_query(f"SELECT * WHERE {{ SERVICE SILENT <{ALLOWED}> {{ ?s ?p ?o }} }}", limits)
    assert refused_service(f"SELECT * {{ SERVICE <{ALLOWED}/> {{}} }}", limits) == f"<{ALLOWED}/>"
    second = f"SELECT * {{ SERVICE <{ALLOWED}> {{}} SERVICE <http://127.0.0.1/x> {{}} }}"
    assert refused_service(second, limits) == "<http://127.0.0.1/x>"


def test_query_longer_than_the_limit_refused_with_its_value() -> None:
    limits = QueryLimits(max_chars=100)
    check_query("SELECT * { ?s ?p ?o }" + " " * 79, limits)
    with pytest.raises(QueryTooLarge) as refusal:
        check_query("SELECT * { ?s ?p ?o }" + " " * 80, limits)
    assert (refusal.value.limit, refusal.value.maximum) == ("max_query_chars", 100)
    assert "101 characters" in str(refusal.value)


def nested(depth: int) -> str:
    """A valid SELECT whose deepest point is `depth` brackets: one brace and a FILTER's own
    parenthesis around depth - 2 parentheses."""
    inner = "(" * (depth - 2) + "1" + ")" * (depth - 2)
    return f"SELECT * WHERE {{ FILTER({inner}) }}"


def test_nesting_deeper_than_the_limit_refused_with_its_value() -> None:
    check_query(nested(LIMITS.max_depth), LIMITS)
    with pytest.raises(QueryTooLarge) as refusal:
        check_query(nested(LIMITS.max_depth + 1), LIMITS)
    assert (refusal.value.limit, refusal.value.maximum) == ("max_query_depth", LIMITS.max_depth)


def test_brackets_in_strings_iris_and_comments_do_not_count() -> None:
    limits = QueryLimits(max_depth=2)
    check_query("SELECT * { ?s <http://x/(((> '((((' # {{{{{\n FILTER(1) }", limits)
    with pytest.raises(QueryTooLarge):
        check_query("SELECT * { ?s ?p [ ?q [ ?r ?o ] ] }", limits)


def test_parser_overflow_is_a_refusal_not_a_recursion_error() -> None:
    """Behind a raised depth limit, rdflib's parser (which only words the message of a refused
    query) runs out of stack; that is a refusal too. Oxigraph itself answers this depth, but
    its parser crashes the whole process near depth 5,000, which the length limit alone would
    let through: the depth limit is what keeps the server up."""
    assert query_form(nested(60)) == "SELECT"  # the form is read without parsing
    with pytest.raises(QueryTooLarge):
        describe_syntax_error(nested(60))


# --- through the real app -----------------------------------------------------------------


def app_settings(tmp_path: Path, **limits: object) -> Settings:
    return Settings(base_iri=DEFAULT_BASE, data_dir=tmp_path, endpoint=None, **limits)


@pytest.fixture(scope="module")
def sample_store(embedded_store: EmbeddedStore) -> EmbeddedStore:
    """The real graph of the bundled corpus (built once per session by conftest)."""
    return embedded_store


@pytest.fixture(scope="module")
def client(sample_store: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory):
    """The real app with the default limits and no SERVICE allowed."""
    return create_app(sample_store, app_settings(tmp_path_factory.mktemp("guard"))).test_client()


class Listener:
    """A real TCP listener on 127.0.0.1 that records, in order, the first bytes of every
    connection it accepts."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.received: list[bytes] = []
        self.sentinel_seen = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.sentinel_seen.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            with connection:
                data = connection.recv(64)
                self.received.append(data)
                if data == b"sentinel":
                    self.sentinel_seen.set()

    def connections_before_sentinel(self) -> list[bytes]:
        """Connect once more, sending a sentinel: whatever arrived before it came from the app."""
        with socket.create_connection(("127.0.0.1", self.port)) as sentinel:
            sentinel.sendall(b"sentinel")
        self.thread.join()
        return self.received[:-1]

    def close(self) -> None:
        self.socket.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    opened = Listener()
    yield opened
    opened.close()


def assert_problem(response, slug: str, status: int = 400) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["type"] == f"{DEFAULT_BASE.rstrip('/')}/problems/{slug}"
    assert body["status"] == status
    return body


def test_service_to_a_listening_port_makes_no_connection(client, listener: Listener) -> None:
    iri = f"http://127.0.0.1:{listener.port}/x"
    response = client.get(
        "/sparql", query_string={"query": f"SELECT * WHERE {{ SERVICE <{iri}> {{ ?s ?p ?o }} }}"}
    )
    body = assert_problem(response, "service-refused")
    assert iri in body["detail"] and body["service"] == f"<{iri}>"
    assert listener.connections_before_sentinel() == []


def test_service_refused_on_the_remote_store_before_it_is_asked(
    listener: Listener, tmp_path: Path
) -> None:
    """The remote store's endpoint is the listener itself: a refused query never reaches it."""
    store = RemoteStore(f"http://127.0.0.1:{listener.port}/query", timeout=5)
    remote_client = create_app(store, app_settings(tmp_path)).test_client()
    query = "SELECT * WHERE { service silent ?where { ?s ?p ?o } }"
    response = remote_client.post("/sparql", data={"query": query})
    assert assert_problem(response, "service-refused")["service"] == "?where"
    assert listener.connections_before_sentinel() == []


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_service_refused_in_every_protocol_form(client, how: str) -> None:
    query = "SELECT * WHERE { SeRvIcE <http://example.org/sparql> { ?s ?p ?o } }"
    if how == "get":
        response = client.get("/sparql", query_string={"query": query})
    elif how == "form":
        response = client.post("/sparql", data={"query": query})
    else:
        response = client.post("/sparql", data=query, content_type="application/sparql-query")
    assert "<http://example.org/sparql>" in assert_problem(response, "service-refused")["detail"]


def test_service_in_a_string_is_answered(client) -> None:
    query = "SELECT ?x WHERE { BIND('SERVICE <http://example.org/>' AS ?x) }"
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 200
    assert response.get_json()["results"]["bindings"][0]["x"]["value"].startswith("SERVICE")


def test_allow_listed_service_is_federated(
    sample_store: EmbeddedStore, listener: Listener, tmp_path: Path
) -> None:
    """With the listener's IRI allowed, the embedded store really calls it (and, the listener
    answering nothing, SERVICE SILENT gives one empty solution)."""
    iri = f"http://127.0.0.1:{listener.port}/x"
    settings = app_settings(tmp_path, service_allow=frozenset({iri}))
    query = f"SELECT * WHERE {{ SERVICE SILENT <{iri}> {{ ?s ?p ?o }} }}"
    response = (
        create_app(sample_store, settings)
        .test_client()
        .get("/sparql", query_string={"query": query})
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    calls = listener.connections_before_sentinel()
    assert len(calls) == 1 and calls[0].startswith(b"POST /x ")


def test_allow_list_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BESTUURSGRAAF_SERVICE_ALLOW", f" {ALLOWED}, http://example.org/q ,")
    assert Settings().service_allow == frozenset({ALLOWED, "http://example.org/q"})
    monkeypatch.setenv("BESTUURSGRAAF_MAX_QUERY_DEPTH", "12")
    assert Settings().max_query_depth == 12
    monkeypatch.delenv("BESTUURSGRAAF_SERVICE_ALLOW")
    assert Settings().service_allow == frozenset()


def test_forty_parentheses_deep_is_a_400_without_a_traceback(
    client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        response = client.get("/sparql", query_string={"query": nested(40)})
    body = assert_problem(response, "query-too-deep")
    assert body["limit"] == "max_query_depth" and body["maximum"] == 20
    assert "20" in body["detail"] and "Traceback" not in response.get_data(as_text=True)
    assert not [record for record in caplog.records if record.exc_info]


def test_nesting_at_the_limit_is_answered_through_the_app(client) -> None:
    response = client.get("/sparql", query_string={"query": nested(20)})
    assert response.status_code == 200, response.get_data(as_text=True)


def test_too_long_query_is_a_400_naming_the_limit(sample_store, tmp_path: Path) -> None:
    short = create_app(sample_store, app_settings(tmp_path, max_query_chars=50)).test_client()
    response = short.post("/sparql", data={"query": "SELECT * WHERE { ?s ?p ?o } " + "#" * 40})
    body = assert_problem(response, "query-too-long")
    assert body["limit"] == "max_query_chars" and body["maximum"] == 50


@pytest.mark.parametrize("query", list_queries(), ids=lambda query: query.name)
def test_bundled_queries_pass_the_guard_with_the_defaults(query) -> None:
    assert check_query(query.text, LIMITS) is None  # no refusal raised
    assert len(query.text) <= LIMITS.max_chars // 5  # and far from the length limit
