"""The API through its real app: a real embedded store (a hand-made sample and the built corpus),
a real unreachable endpoint for the 503 path, and a real waitress server for the HTTP path."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from bestuursgraaf.api import MAX_QUERY_BYTES, create_app
from bestuursgraaf.graph.config import Settings
from bestuursgraaf.graph.namespaces import DEFAULT_BASE
from bestuursgraaf.graph.queries import list_queries, load_query
from bestuursgraaf.graph.store import EmbeddedStore, RemoteStore
from rdflib import Graph, URIRef

from tests.http_server import serving
from tests.server_fixtures import free_port, load_nquads

SAMPLE = Path(__file__).parent / "data" / "api_sample.trig"
ID = DEFAULT_BASE
PROBLEM = "application/problem+json"
SPARQL_JSON = "application/sparql-results+json"

SELECT_TITLES = """PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?doc ?title WHERE { ?doc dcterms:identifier ?id ; dcterms:title ?title } ORDER BY ?id"""
CONSTRUCT_TITLES = """PREFIX dcterms: <http://purl.org/dc/terms/>
CONSTRUCT { ?doc dcterms:title ?title } WHERE { ?doc dcterms:identifier ?id ; dcterms:title ?title }"""
ASK_MOTION = "ASK { ?m a <https://w3id.org/bestuursgraaf/def#Motion> }"
INSERT = "INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }"


def settings(tmp_path: Path) -> Settings:
    return Settings(base_iri=DEFAULT_BASE, data_dir=tmp_path, endpoint=None, max_rows=10_000)


@pytest.fixture(scope="module")
def sample_store() -> EmbeddedStore:
    store = EmbeddedStore()
    store.load_file(SAMPLE)
    return store


@pytest.fixture(scope="module")
def client(sample_store: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory):
    return create_app(sample_store, settings(tmp_path_factory.mktemp("api"))).test_client()


@pytest.fixture(scope="module")
def down_client(tmp_path_factory: pytest.TempPathFactory):
    """The app over a real endpoint URL where nothing listens (a closed port on 127.0.0.1)."""
    store = RemoteStore(f"http://127.0.0.1:{free_port()}/query", timeout=5)
    return create_app(store, settings(tmp_path_factory.mktemp("down"))).test_client()


def assert_problem(response, status: int, slug: str | None = None) -> dict:
    """An RFC 9457 problem with this status and, when given, this stable type."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = json.loads(response.get_data(as_text=True))
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    assert body["title"] and body["detail"]
    if slug is not None:
        assert body["type"] == f"{ID}problems/{slug}"
    assert "Traceback" not in response.get_data(as_text=True)
    return body


# -- index and OpenAPI ----------------------------------------------------------------------
def test_index_links_every_entry_point(client):
    body = client.get("/").get_json()
    assert set(body["links"]) >= {"sparql", "queries", "documents", "motions", "actions", "openapi"}
    for url in body["links"].values():
        assert client.get(url, query_string={"query": ASK_MOTION}).status_code == 200


def test_index_as_html_for_browsers(client):
    response = client.get("/", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.mimetype == "text/html"
    assert '<a href="/sparql">' in response.get_data(as_text=True)


def test_openapi_document_is_valid_and_describes_every_route(client):
    validator = pytest.importorskip("openapi_spec_validator")
    spec = client.get("/openapi.json").get_json()
    validator.validate(spec)
    assert spec["openapi"].startswith("3.1")
    routes = {
        re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
        for rule in client.application.url_map.iter_rules()
        if rule.endpoint != "static"
    }
    # each named query is an operation of its own, with its own parameters
    named = {f"/queries/{query.name}" for query in list_queries()}
    assert routes - {"/queries/{name}"} | named == set(spec["paths"])
    overdue = spec["paths"]["/queries/overdue"]["get"]["parameters"]
    assert [(p["name"], p["required"]) for p in overdue] == [("as_of", False), ("format", False)]
    tags = {op["tags"][0] for item in spec["paths"].values() for op in item.values()}
    assert tags == {"Service", "SPARQL", "Named queries", "JSON resources", "Timelines", "Linked data"}
    trace = spec["paths"]["/queries/commitment-trace"]["get"]["parameters"]
    assert (trace[0]["name"], trace[0]["required"]) == ("commitment", True)


# -- SPARQL protocol ------------------------------------------------------------------------
def test_sparql_select_defaults_to_sparql_json(client):
    response = client.get("/sparql", query_string={"query": SELECT_TITLES})
    assert response.status_code == 200
    assert response.mimetype == SPARQL_JSON
    assert "Accept" in response.headers["Vary"]
    bindings = response.get_json()["results"]["bindings"]
    assert [b["title"]["value"] for b in bindings] == [
        "Voortgangsbrief Rijk & regio <samen>",
        "Nota over interbestuurlijke samenwerking",
    ]


def test_sparql_select_as_xml(client):
    response = client.get(
        "/sparql",
        query_string={"query": SELECT_TITLES},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert response.mimetype == "application/sparql-results+xml"
    root = ET.fromstring(response.get_data())
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    titles = [node.text for node in root.findall(".//r:binding[@name='title']/r:literal", ns)]
    assert len(titles) == 2 and "Voortgangsbrief Rijk & regio <samen>" in titles


@pytest.mark.parametrize(
    "media_type, delimiter", [("text/csv", ","), ("text/tab-separated-values", "\t")]
)
def test_sparql_select_as_csv_and_tsv(client, media_type, delimiter):
    response = client.get(
        "/sparql", query_string={"query": SELECT_TITLES}, headers={"Accept": media_type}
    )
    assert response.mimetype == media_type
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True)), delimiter=delimiter))
    assert rows[0] == (["doc", "title"] if media_type == "text/csv" else ["?doc", "?title"])
    assert len(rows) == 3


def test_sparql_ask_answers_a_boolean(client):
    response = client.get("/sparql", query_string={"query": ASK_MOTION})
    assert response.get_json() == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    "accept, media_type, rdf_format",
    [
        (None, "text/turtle", "turtle"),
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_sparql_construct_in_every_graph_format(client, accept, media_type, rdf_format):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", query_string={"query": CONSTRUCT_TITLES}, headers=headers)
    assert response.status_code == 200
    assert response.mimetype == media_type
    graph = Graph().parse(data=response.get_data(as_text=True), format=rdf_format)
    assert len(graph) == 2
    assert (URIRef(f"{ID}doc/002_bbbb"), None, None) in graph


def test_sparql_post_form_and_direct_body(client):
    form = client.post("/sparql", data={"query": SELECT_TITLES})
    direct = client.post(
        "/sparql",
        data=SELECT_TITLES.encode(),
        content_type="application/sparql-query",
        headers={"Accept": "application/json"},
    )
    assert form.status_code == direct.status_code == 200
    assert form.get_json() == direct.get_json()
    assert len(form.get_json()["results"]["bindings"]) == 2


@pytest.mark.parametrize(
    "query, accept",
    [(SELECT_TITLES, "image/png"), (SELECT_TITLES, "text/turtle"), (CONSTRUCT_TITLES, "text/csv")],
)
def test_sparql_not_acceptable(client, query, accept):
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    body = assert_problem(response, 406, "not-acceptable")
    assert body["available"]


def test_sparql_updates_are_refused_and_change_nothing(client, sample_store):
    before = sample_store.dump_nquads()
    attempts = [
        client.get("/sparql", query_string={"update": INSERT}),
        client.post("/sparql", data={"update": INSERT}),
        client.post("/sparql", data=INSERT.encode(), content_type="application/sparql-update"),
        client.get("/sparql", query_string={"query": INSERT}),
        client.post("/sparql", data=INSERT.encode(), content_type="application/sparql-query"),
    ]
    for response in attempts:
        body = assert_problem(response, 403, "update-refused")
        assert "read-only" in body["detail"]
    assert sample_store.dump_nquads() == before


def test_sparql_syntax_error_says_where(client):
    response = client.get("/sparql", query_string={"query": "SELECT ?s WHERE { ?s ?p }"})
    body = assert_problem(response, 400, "query-syntax")
    assert "line 1" in body["detail"]


def test_sparql_undeclared_prefix_is_a_syntax_error(client):
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s bg:x ?o }"})
    assert "'bg:'" in assert_problem(response, 400, "query-syntax")["detail"]


@pytest.mark.parametrize("name", ["default-graph-uri", "named-graph-uri"])
def test_sparql_dataset_selection_is_not_supported(client, name):
    response = client.get("/sparql", query_string={"query": ASK_MOTION, name: f"{ID}graph/x"})
    assert name in assert_problem(response, 400, "dataset-not-supported")["detail"]


def test_sparql_without_query(client):
    # no parameters at all is the service description (tests/test_http_conventions.py)
    assert_problem(client.get("/sparql?default=1"), 400, "bad-parameter")
    assert_problem(client.post("/sparql", data={"x": "1"}), 400, "bad-parameter")
    twice = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert_problem(twice, 400, "bad-parameter")


def test_sparql_query_too_long(client):
    padding = "#" + "x" * MAX_QUERY_BYTES + "\n"
    assert_problem(
        client.get("/sparql", query_string={"query": padding + ASK_MOTION}),
        413,
        "request-too-large",
    )
    big_body = client.post(
        "/sparql", data=(padding * 2 + ASK_MOTION).encode(), content_type="application/sparql-query"
    )
    assert_problem(big_body, 413, "request-too-large")


def test_sparql_post_of_another_media_type(client):
    response = client.post("/sparql", data=b"{}", content_type="application/json")
    assert_problem(response, 415, "unsupported-media-type")


def test_sparql_method_not_allowed_says_which_are(client):
    response = client.put("/sparql", data=INSERT)
    assert_problem(response, 405, "method-not-allowed")
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


# -- named queries --------------------------------------------------------------------------
def test_queries_list_every_named_query_with_its_header(client):
    listed = {q["name"]: q for q in client.get("/queries").get_json()["queries"]}
    assert set(listed) == {query.name for query in list_queries()}
    citations = listed["citations"]
    assert citations["title"] == "Citations of Kamerstukken"
    assert citations["question"].startswith("Which Kamerstukken")
    assert [p["name"] for p in citations["params"]] == ["document", "kamerstuk"]
    assert citations["columns"] == ["document", "kamerstuk", "raw", "footnote"]
    assert citations["links"]["csv"] == "/queries/citations?format=csv"


def test_named_query_as_json(client):
    body = client.get("/queries/motions").get_json()
    assert body["columns"] == ["motion", "label", "submitters", "documents", "date", "request"]
    by_label = {row["label"]: row for row in body["rows"]}
    assert by_label["motie-Van Dijk"]["motion"] == "kst-35925-VII-12"
    assert by_label["motie-Van Dijk"]["submitters"] == "Van Dijk (CDA)"
    assert set(by_label["motie-Bromet/Eerdmans"]["submitters"].split("; ")) == {
        "Bromet (GroenLinks)",
        "Eerdmans (JA21)",
    }


@pytest.mark.parametrize("how", ["accept", "format"])
def test_named_query_as_csv_by_accept_or_format(client, how):
    if how == "accept":
        response = client.get("/queries/citations", headers={"Accept": "text/csv"})
    else:
        response = client.get("/queries/citations?format=csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(rows[0]) == ["document", "kamerstuk", "raw", "footnote"]
    assert sorted(row["raw"] for row in rows) == sorted(
        [
            "Kamerstukken II 2019/20, 33047, nr. 25",
            "Kamerstukken II 2021/22, 35925-VII, nr. 12",
            "Kamerstuk 33047, nr. 25",
        ]
    )


def test_named_query_csv_and_json_agree(client):
    as_json = client.get("/queries/documents").get_json()["rows"]
    as_csv = list(
        csv.DictReader(
            io.StringIO(client.get("/queries/documents?format=csv").get_data(as_text=True))
        )
    )
    assert [{k: v or "" for k, v in row.items()} for row in as_json] == as_csv


def test_named_query_as_html_table_escapes_values(client):
    response = client.get("/queries/documents", headers={"Accept": "text/html"})
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "<table" in page and ">title</a></th>" in page
    assert "Rijk &amp; regio &lt;samen&gt;" in page
    assert "<samen>" not in page
    assert 'href="/documents/001_aaaa"' in page and f'href="{ID}doc/001_aaaa"' not in page


def test_named_query_parameter_filters(client):
    response = client.get("/queries/citations", query_string={"document": f"{ID}doc/002_bbbb"})
    rows = response.get_json()["rows"]
    assert [row["raw"] for row in rows] == ["Kamerstuk 33047, nr. 25"]


def test_unknown_named_query_lists_the_available_ones(client):
    body = assert_problem(client.get("/queries/no-such-query"), 404, "not-found")
    assert "citations" in body["available"] and "motions" in body["available"]


@pytest.mark.parametrize(
    "query_string",
    [
        {"colour": "red"},
        {"document": "not an iri"},
        {"document": "https://example.org/x> } INSERT DATA { <a:b> <a:b> <a:b> } #"},
        {"format": "xlsx"},
        [("kamerstuk", "kst-33047-25"), ("kamerstuk", "kst-35925-VII-12")],
        # what the OpenAPI description's IRI pattern leaves out is refused too
        {"document": "https://example.org/a#b#c"},
        {"document": "https://example.org:port/"},
        {"document": "https://example.org/%zz"},
        {"document": "https://example.org/\u009e"},
    ],
)
def test_named_query_bad_parameter(client, query_string):
    assert_problem(
        client.get("/queries/citations", query_string=query_string), 400, "bad-parameter"
    )


@pytest.mark.parametrize("as_of", ["TODAY", " today", "20240701", "2024-W27-1", "2024-02-30"])
def test_a_date_parameter_is_yyyy_mm_dd_or_today_exactly(client, as_of):
    assert_problem(client.get("/queries/overdue", query_string={"as_of": as_of}), 400, "bad-parameter")


def test_an_optional_parameter_given_empty_is_not_given(client):
    empty = client.get("/queries/citations", query_string={"document": ""})
    assert empty.get_json() == client.get("/queries/citations").get_json()
    assert client.get("/queries/overdue", query_string={"as_of": "today"}).status_code == 200


def test_named_query_not_acceptable(client):
    assert_problem(
        client.get("/queries/motions", headers={"Accept": "image/png"}), 406, "not-acceptable"
    )


# -- resources ------------------------------------------------------------------------------
def test_documents_list(client):
    body = client.get("/documents").get_json()
    assert [(d["id"], d["types"]) for d in body["documents"]] == [
        ("001_aaaa", ["Kamerbrief"]),
        ("002_bbbb", ["Nota"]),
    ]
    assert body["documents"][0]["@id"] == f"{ID}doc/001_aaaa"
    assert body["documents"][0]["links"]["self"] == "/documents/001_aaaa"


def test_document_with_sections_citations_kamerstukken_and_motions(client):
    body = client.get("/documents/001_aaaa").get_json()
    assert body["@id"] == f"{ID}doc/001_aaaa"
    assert body["title"] == "Voortgangsbrief Rijk & regio <samen>"
    assert (body["date"], body["kenmerk"], body["sourceFile"]) == (
        "2023-09-04",
        "2023-0000451234",
        "corpus/001_aaaa.txt",
    )
    assert body["signatories"][0]["name"] == "H. Bruins Slot"
    assert [k["kstId"] for k in body["publishedAs"]] == ["kst-29362-330"]
    assert [s["title"] for s in body["sections"]] == ["Inleiding", "Uitvoering van moties"]
    assert [c["raw"] for c in body["citations"]] == [
        "Kamerstukken II 2019/20, 33047, nr. 25",
        "Kamerstukken II 2021/22, 35925-VII, nr. 12",
    ]
    first = body["citations"][0]
    assert first["kamerstuk"]["links"]["self"] == "/kamerstukken/kst-33047-25"
    assert first["passage"] == {
        "@id": f"{ID}doc/001_aaaa/passage/100-200",
        "document": "001_aaaa",
        "start": 100,
        "end": 200,
        "quote": "Zoals eerder gemeld aan uw Kamer (Kamerstukken II 2019/20, 33047, nr. 25).",
        "links": {"document": "/documents/001_aaaa"},
    }
    assert body["citations"][1]["footnote"] == 3
    assert {k["links"]["self"] for k in body["cites"]} == {
        "/kamerstukken/kst-33047-25",
        "/kamerstukken/kst-35925-VII-12",
    }
    assert [m["links"]["self"] for m in body["motions"]] == ["/motions/kst-35925-VII-12"]
    assert [a["slug"] for a in body["actions"]] == ["regio-deals-verlengen"]
    assert body["links"]["self"] == "/documents/001_aaaa"


def test_kamerstuk_with_the_documents_citing_it(client):
    body = client.get("/kamerstukken/kst-33047-25").get_json()
    assert body["@id"] == f"{ID}kamerstuk/kst-33047-25"
    assert (body["dossierNumber"], body["ondernummer"], body["vergaderjaar"], body["chamber"]) == (
        "33047",
        "25",
        "2019-2020",
        "TweedeKamer",
    )
    assert body["isMotion"] is False
    cited = {(c["document"]["id"], c["raw"], c["passage"]["start"]) for c in body["citedBy"]}
    assert cited == {
        ("001_aaaa", "Kamerstukken II 2019/20, 33047, nr. 25", 100),
        ("002_bbbb", "Kamerstuk 33047, nr. 25", 40),
    }
    published = client.get("/kamerstukken/kst-29362-330").get_json()["publishedBy"]
    assert [d["id"] for d in published] == ["001_aaaa"]


def test_kamerstuk_that_is_a_motion_links_to_it(client):
    body = client.get("/kamerstukken/kst-35925-VII-12").get_json()
    assert body["isMotion"] is True
    assert body["links"]["motion"] == "/motions/kst-35925-VII-12"


def test_motions_list(client):
    motions = client.get("/motions").get_json()["motions"]
    assert {m["key"]: m["submitters"] for m in motions} == {
        "kst-35925-VII-12": ["Van Dijk"],
        "bromet-eerdmans": ["Bromet", "Eerdmans"],
    }


def test_motion_by_kst_id_with_submitters_passages_and_actions(client):
    body = client.get("/motions/kst-35925-VII-12").get_json()
    assert body["@id"] == f"{ID}kamerstuk/kst-35925-VII-12"
    assert body["label"] == "motie-Van Dijk"
    assert body["adopted"] is True
    assert body["submitters"] == [
        {
            "@id": f"{ID}persoon/van-dijk",
            "name": "Van Dijk",
            "party": {"@id": f"{ID}partij/cda", "label": "CDA"},
        }
    ]
    assert [d["id"] for d in body["documents"]] == ["001_aaaa"]
    assert [(p["document"], p["start"], p["end"]) for p in body["passages"]] == [
        ("001_aaaa", 280, 360)
    ]
    assert [(a["slug"], a["relation"]) for a in body["actions"]] == [
        ("regio-deals-verlengen", "fulfils")
    ]
    assert body["links"]["kamerstuk"] == "/kamerstukken/kst-35925-VII-12"


def test_motion_by_slug(client):
    body = client.get("/motions/bromet-eerdmans").get_json()
    assert body["@id"] == f"{ID}motie/bromet-eerdmans"
    assert body["kstId"] is None
    assert {(s["name"], s["party"]["label"]) for s in body["submitters"]} == {
        ("Bromet", "GroenLinks"),
        ("Eerdmans", "JA21"),
    }
    assert body["passages"][0]["quote"].startswith("De motie van de leden Bromet")
    assert [(a["slug"], a["relation"]) for a in body["actions"]] == [
        ("handreiking-samenwerking", "takesIntoAccount")
    ]


def test_actions_list_and_detail(client):
    listed = client.get("/actions").get_json()["actions"]
    assert [(a["slug"], a["status"]["label"]) for a in listed] == [
        ("handreiking-samenwerking", "announced"),
        ("regio-deals-verlengen", "in progress"),
    ]
    body = client.get("/actions/regio-deals-verlengen").get_json()
    assert body["@id"] == f"{ID}actie/regio-deals-verlengen"
    assert body["title"] == "Regio Deals verlengen"
    assert body["status"] == {
        "@id": "https://w3id.org/bestuursgraaf/def#InProgress",
        "label": "in progress",
    }
    assert [(s["title"], s["document"]) for s in body["sections"]] == [
        ("Uitvoering van moties", "001_aaaa")
    ]
    assert [d["id"] for d in body["announcedIn"]] == ["001_aaaa"]
    assert [(m["key"], m["relation"]) for m in body["motions"]] == [("kst-35925-VII-12", "fulfils")]
    assert [p["start"] for p in body["passages"]] == [280]


@pytest.mark.parametrize(
    "url",
    [
        "/documents/a%20b",
        "/documents/x%3E%20%7D%20%23",
        "/documents/..",
        "/kamerstukken/33047-25",
        "/kamerstukken/kst-33047",
        "/kamerstukken/kst-1-2%3E",
        "/motions/Motie%20Van%20Dijk",
        "/motions/x%22%29%20%7D",
        "/actions/Regio_Deals",
        "/actions/-x-",
    ],
)
def test_malformed_ids_are_not_found(client, url):
    assert "is not a" in assert_problem(client.get(url), 404, "not-found")["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/documents/999_zzzz",
        "/kamerstukken/kst-1-1",
        "/motions/kst-33047-25",
        "/motions/motie-niemand",
        "/actions/nergens",
        "/no/such/page",
    ],
)
def test_unknown_ids_are_not_found(client, url):
    assert_problem(client.get(url), 404, "not-found")


# -- failures -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "/sparql?query=ASK%7B%7D",
        "/queries/motions",
        "/documents",
        "/documents/001_aaaa",
        "/motions/kst-35925-VII-12",
        "/actions",
    ],
)
def test_store_down_is_service_unavailable(down_client, url):
    response = down_client.get(url)
    body = assert_problem(response, 503, "store-unavailable")
    assert "127.0.0.1" not in body["detail"]  # the endpoint's address is logged, not published
    assert response.headers["Retry-After"]


def test_store_down_still_refuses_updates_first(down_client):
    response = down_client.get("/sparql", query_string={"query": "INSERT DATA { <a:b> <a:c> <a:d> }"})
    assert response.get_json()["type"].endswith("/update-refused")
    # The syntax of a query is the store's to judge (no Python parse on the way in): a store that
    # is down says so, with a Retry-After, rather than guessing.
    response = down_client.get("/sparql", query_string={"query": "SELECT"})
    assert_problem(response, 503, "store-unavailable")


def test_unexpected_error_is_a_500_problem_without_traceback(sample_store, tmp_path):
    app = create_app(sample_store, settings(tmp_path))

    def fail() -> str:
        raise RuntimeError("secret internals")

    app.add_url_rule("/fail", view_func=fail)
    response = app.test_client().get("/fail")
    body = assert_problem(response, 500, "internal-error")
    assert "secret" not in response.get_data(as_text=True)
    assert "RuntimeError" not in body["detail"]


def test_same_answers_from_a_remote_endpoint(client, sample_store, oxigraph_server, tmp_path):
    """The app over a real Oxigraph server answers as it does over the embedded store."""
    load_nquads(oxigraph_server, sample_store.dump_nquads())
    remote = create_app(RemoteStore(oxigraph_server.query_url), settings(tmp_path)).test_client()
    for url in [
        "/documents",
        "/documents/001_aaaa",
        "/kamerstukken/kst-33047-25",
        "/motions",
        "/motions/bromet-eerdmans",
        "/actions/regio-deals-verlengen",
        "/queries/citations",
    ]:
        assert remote.get(url).get_json() == client.get(url).get_json(), url
    construct = remote.get(
        "/sparql", query_string={"query": CONSTRUCT_TITLES}, headers={"Accept": "text/turtle"}
    )
    assert len(Graph().parse(data=construct.get_data(as_text=True), format="turtle")) == 2
    assert_problem(remote.get("/sparql", query_string={"query": INSERT}), 403, "update-refused")


# -- a real HTTP server ---------------------------------------------------------------------
@pytest.fixture
def served(sample_store: EmbeddedStore, tmp_path: Path) -> Iterator[str]:
    with serving(create_app(sample_store, settings(tmp_path))) as url:
        yield url


def test_served_over_http(served):
    assert requests.get(f"{served}/", timeout=10).json()["links"]["sparql"] == "/sparql"
    response = requests.post(
        f"{served}/sparql",
        data=SELECT_TITLES.encode(),
        timeout=10,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert response.headers["Content-Type"].startswith("text/csv")
    assert len(list(csv.reader(io.StringIO(response.text)))) == 3
    motion = requests.get(f"{served}/motions/kst-35925-VII-12", timeout=10).json()
    assert motion["submitters"][0]["party"]["label"] == "CDA"
    missing = requests.get(f"{served}/documents/nope", timeout=10)
    assert missing.status_code == 404
    assert missing.headers["Content-Type"] == PROBLEM
    assert requests.get(f"{served}/openapi.json", timeout=10).json()["openapi"] == "3.1.0"


# -- the built corpus -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus_client(embedded_store, tmp_path_factory: pytest.TempPathFactory):
    return create_app(embedded_store, settings(tmp_path_factory.mktemp("corpus"))).test_client()


def test_corpus_every_document_and_what_it_links_to_resolves(corpus_client, corpus_dir):
    documents = corpus_client.get("/documents").get_json()["documents"]
    assert len(documents) == len(list(corpus_dir.glob("*.txt")))
    for ref in documents:
        body = corpus_client.get(ref["links"]["self"]).get_json()
        assert body["@id"] == ref["@id"]
        citations = corpus_client.get(
            "/queries/citations", query_string={"document": ref["@id"]}
        ).get_json()["rows"]
        assert len(body["citations"]) == len(citations)
        linked = [k["links"]["self"] for k in body["cites"] + body["publishedAs"]]
        linked += [m["links"]["self"] for m in body["motions"] if m["links"]]
        for url in linked:
            assert corpus_client.get(url).status_code == 200, url


def test_corpus_motions_resolve_with_their_passages(corpus_client):
    motions = corpus_client.get("/motions").get_json()["motions"]
    assert motions
    for ref in motions:
        body = corpus_client.get(ref["links"]["self"]).get_json()
        assert body["passages"], ref
        for item in body["passages"]:
            assert item["quote"] and item["start"] < item["end"]
            assert corpus_client.get(item["links"]["document"]).status_code == 200


def test_corpus_kamerstuk_33047_25_is_cited_with_its_passages(corpus_client):
    body = corpus_client.get("/kamerstukken/kst-33047-25").get_json()
    assert body["dossierNumber"] == "33047" and body["ondernummer"] == "25"
    assert body["citedBy"] or body["publishedBy"]
    for citation in body["citedBy"]:
        assert "33047" in citation["raw"].replace(" ", "")  # also written "33 047"
        assert citation["passage"]["quote"]


def _example(client, query: str, parameter: str) -> str:
    """A value for a required parameter, taken from the built corpus itself."""
    if parameter == "as_of":
        return "2024-07-01"
    if parameter == "action":
        return "beleidskader-decentraal-bestuur"
    if parameter == "commitment":
        return client.get("/queries/commitments").get_json()["rows"][0]["commitment"]
    raise AssertionError(f"no example for {query}.{parameter}")


@pytest.mark.parametrize("name", [query.name for query in list_queries()])
def test_corpus_every_named_query_runs_in_every_format(corpus_client, name):
    query = load_query(name)
    params = {p.name: _example(corpus_client, name, p.name) for p in query.parameters if not p.optional}
    if params:  # without its required parameters a query is a 400 problem
        assert corpus_client.get(f"/queries/{name}").status_code == 400
    as_json = corpus_client.get(f"/queries/{name}", query_string=params).get_json()
    as_csv = corpus_client.get(
        f"/queries/{name}", query_string=params | {"format": "csv"}
    ).get_data(as_text=True)
    as_html = corpus_client.get(f"/queries/{name}", query_string=params | {"format": "html"})
    assert len(list(csv.DictReader(io.StringIO(as_csv)))) == len(as_json["rows"])
    assert as_html.status_code == 200 and as_html.mimetype == "text/html"


def test_a_browser_on_another_origin_may_query_sparql(served):
    """The read-only endpoints answer a cross-origin preflight and say any origin may read."""
    origin = "http://elsewhere.example"
    preflight = requests.options(
        f"{served}/sparql",
        timeout=10,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] in {"*", origin}
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    answer = requests.post(
        f"{served}/sparql",
        data=SELECT_TITLES.encode(),
        timeout=10,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv", "Origin": origin},
    )
    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] in {"*", origin}
    update = requests.post(
        f"{served}/sparql", data={"update": "CLEAR ALL"}, timeout=10, headers={"Origin": origin}
    )
    assert update.status_code in {400, 403}  # CORS opens reading, never writing
