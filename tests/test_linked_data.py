"""Linked data through the real app over the built corpus: every resource IRI by content
negotiation (the same triples in every RDF format, an HTML page with its passages), the ontology,
the shapes, the dataset description and the dumps; and once over a real waitress server."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from bestuursgraaf.api import create_app
from bestuursgraaf.api.linked_data import linked_data_blueprint, openapi_paths, served_prefix
from bestuursgraaf.graph.config import Settings
from bestuursgraaf.graph.namespaces import DEFAULT_BASE
from bestuursgraaf.graph.validate import ONTOLOGY_PATH, SHAPES_PATH
from markupsafe import escape
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from tests.http_server import serving

ID = DEFAULT_BASE
PROBLEM = "application/problem+json"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
VOID_TRIPLES = URIRef("http://rdfs.org/ns/void#triples")
RDF_FORMATS = {  # media type -> rdflib parser
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
}
# One resource of each kind, by a query that finds it (the first in IRI order); the fixed ones
# are named in the reference annotations.
KINDS = {
    "motion": "<https://w3id.org/bestuursgraaf/id/kamerstuk/kst-35570-VII-K>",
    "document": "<https://w3id.org/bestuursgraaf/id/doc/004_6c88505460917616>",
    "passage": "bg:Passage",
    "person": "bg:Person",
    "kamerstuk": "bg:Kamerstuk",
    "organisation": "bg:Organisation",
    "action": "bg:Action",
    "commitment": "bg:Commitment",
}


def linked_data_app(store, settings: Settings):
    """The real app with the linked-data routes (registered here until create_app does it)."""
    app = create_app(store, settings)
    if "linked_data" not in app.blueprints:
        app.register_blueprint(linked_data_blueprint(settings.base_iri))
    return app


@pytest.fixture(scope="module")
def app(embedded_store, tmp_path_factory: pytest.TempPathFactory):
    settings = Settings(base_iri=ID, data_dir=tmp_path_factory.mktemp("ld"), endpoint=None)
    return linked_data_app(embedded_store, settings)


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def find(store, kind: str) -> str | None:
    """The IRI of a resource of this kind in the built graph (None when the build has none)."""
    spec = KINDS[kind]
    if spec.startswith("<"):
        iri = spec[1:-1]
        found = store.select(f"SELECT ?p WHERE {{ <{iri}> ?p ?o }} LIMIT 1").rows
        return iri if found else None
    rows = store.select(
        "PREFIX bg: <https://w3id.org/bestuursgraaf/def#> "
        f"SELECT ?s WHERE {{ ?s a {spec} FILTER(STRSTARTS(STR(?s), '{ID}')) }} ORDER BY ?s LIMIT 1"
    ).rows
    return rows[0]["s"] if rows else None


def path_of(iri: str) -> str:
    return "/id/" + iri[len(ID) :]


def parsed(response, parser: str) -> Graph:
    return Graph().parse(data=response.get_data(as_text=True), format=parser)


def assert_problem(response, status: int, slug: str) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = json.loads(response.get_data(as_text=True))
    assert body["status"] == status and body["detail"]
    assert body["type"] == f"{ID}problems/{slug}"
    return body


def passage_quotes(store, iri: str) -> list[str]:
    """The quotes of the passages the resource links to (or that link to it), and its own."""
    rows = store.select(
        "PREFIX bg: <https://w3id.org/bestuursgraaf/def#> SELECT DISTINCT ?quote WHERE { "
        f"{{ <{iri}> ?p ?passage }} UNION {{ ?passage ?p <{iri}> }} UNION "
        f"{{ BIND(<{iri}> AS ?passage) }} ?passage bg:quote ?quote }}"
    ).rows
    return [row["quote"] for row in rows]


# -- resources by content negotiation --------------------------------------------------------
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_rdf_format_says_the_same_about_a_resource(client, embedded_store, kind):
    iri = find(embedded_store, kind)
    if iri is None:
        pytest.skip(f"the built corpus has no {kind}")
    graphs = {}
    for media_type, parser in RDF_FORMATS.items():
        response = client.get(path_of(iri), headers={"Accept": media_type})
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.mimetype == media_type
        assert "Accept" in response.headers["Vary"]
        graphs[media_type] = set(parsed(response, parser))
    turtle = graphs.pop("text/turtle")
    assert any(s == URIRef(iri) for s, _, _ in turtle), "the resource's own triples"
    for media_type, triples in graphs.items():
        assert triples == turtle, media_type


@pytest.mark.parametrize("kind", list(KINDS))
def test_browser_gets_a_page_with_the_quotes_of_its_passages(client, embedded_store, kind):
    iri = find(embedded_store, kind)
    if iri is None:
        pytest.skip(f"the built corpus has no {kind}")
    response = client.get(path_of(iri), headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "Accept" in response.headers["Vary"]
    page = response.get_data(as_text=True)
    quotes = passage_quotes(embedded_store, iri)
    if kind in {"motion", "document", "passage"}:
        assert quotes, f"the {kind} has passages"
    for quote in quotes:
        assert str(escape(quote)) in page
    assert f'<link rel="alternate" type="text/turtle" href="{path_of(iri)}.ttl">' in page


def test_page_of_a_motion_links_its_facts_and_its_sources(client, embedded_store):
    (where,) = embedded_store.select(
        "PREFIX bg: <https://w3id.org/bestuursgraaf/def#> SELECT DISTINCT ?s ?e WHERE { "
        "<https://w3id.org/bestuursgraaf/id/kamerstuk/kst-35570-VII-K> bg:mentionedIn ?p . "
        "?p bg:startOffset ?s ; bg:endOffset ?e }"
    ).rows
    page = client.get("/id/kamerstuk/kst-35570-VII-K", headers={"Accept": BROWSER}).get_data(
        as_text=True
    )
    assert "<h1>motie-Koole</h1>" in page
    assert 'href="/id/persoon/koole"' in page  # an internal IRI: its own page
    assert 'href="/id/doc/004_6c88505460917616"' in page  # the passage's document
    assert "characters" in page and where["s"] in page and where["e"] in page  # the offsets
    assert 'href="/def#Motion"' in page  # a type: the ontology's documentation
    external = 'href="https://zoek.officielebekendmakingen.nl/kst-35570-VII-K.html"'
    assert external in page and 'rel="external"' in page
    assert "/static/linked-data.css" in page
    assert client.get("/static/linked-data.css").status_code == 200


def test_any_type_and_no_accept_get_turtle_with_its_content_location(client):
    for headers in ({"Accept": "*/*"}, {}):
        response = client.get("/id/persoon/koole", headers=headers)
        assert response.mimetype == "text/turtle"
        assert response.headers["Content-Location"] == "/id/persoon/koole.ttl"


def test_extension_urls_name_one_variant(client):
    turtle = parsed(client.get("/id/persoon/koole", headers={"Accept": "text/turtle"}), "turtle")
    for extension, media_type in [
        ("ttl", "text/turtle"),
        ("jsonld", "application/ld+json"),
        ("rdf", "application/rdf+xml"),
        ("nt", "application/n-triples"),
    ]:
        response = client.get(f"/id/persoon/koole.{extension}", headers={"Accept": "image/png"})
        assert response.status_code == 200
        assert response.mimetype == media_type
        assert set(parsed(response, RDF_FORMATS[media_type])) == set(turtle)
    page = client.get("/id/persoon/koole.html")
    assert page.mimetype == "text/html" and "Koole" in page.get_data(as_text=True)


def test_representations_are_the_same_bytes_every_time(app, client):
    for url in ["/id/doc/004_6c88505460917616.jsonld", "/id/doc/004_6c88505460917616.rdf"]:
        first = client.get(url).data
        assert app.test_client().get(url).data == first


def test_head_answers_like_get_without_a_body(client):
    get = client.get("/id/persoon/koole", headers={"Accept": BROWSER})
    head = client.head("/id/persoon/koole", headers={"Accept": BROWSER})
    assert head.status_code == 200 and head.data == b""
    assert head.mimetype == "text/html"
    assert head.headers["Content-Length"] == get.headers["Content-Length"]


def test_unacceptable_media_type_is_a_406_problem(client):
    body = assert_problem(
        client.get("/id/persoon/koole", headers={"Accept": "image/png"}), 406, "not-acceptable"
    )
    assert "text/turtle" in body["available"]
    assert_problem(client.get("/def", headers={"Accept": "image/png"}), 406, "not-acceptable")


def test_unknown_or_malformed_resource_is_a_404_problem(client):
    assert_problem(client.get("/id/persoon/niemand"), 404, "not-found")
    assert_problem(client.get("/id/persoon/niemand.ttl"), 404, "not-found")
    assert_problem(client.get("/id/persoon/a%20b"), 404, "not-found")
    assert_problem(client.get('/id/persoon/a>"'), 404, "not-found")
    assert_problem(client.get("/def/nothing"), 404, "not-found")


def test_resources_are_served_under_the_base_iris_own_path(embedded_store, tmp_path):
    assert served_prefix("https://w3id.org/bestuursgraaf/id/") == "/id/"
    assert served_prefix("http://localhost:8000/data/") == "/data/"
    assert served_prefix("http://localhost:8000/") == "/"
    settings = Settings(base_iri="http://localhost:8000/data/", data_dir=tmp_path, endpoint=None)
    client = linked_data_app(embedded_store, settings).test_client()
    response = client.get("/data/dataset.ttl")
    assert response.status_code == 200
    assert URIRef("http://localhost:8000/data/dataset") in set(
        parsed(response, "turtle").subjects()
    )
    assert client.get("/id/dataset").status_code == 404


# -- the ontology and the shapes -------------------------------------------------------------
def test_ontology_in_turtle_is_the_ontology_file(client):
    response = client.get("/def", headers={"Accept": "text/turtle"})
    assert response.mimetype == "text/turtle"
    assert response.headers["Content-Location"] == "/def.ttl"
    expected = Graph().parse(ONTOLOGY_PATH, format="turtle")
    assert set(parsed(response, "turtle")) == set(expected)
    for media_type, parser in RDF_FORMATS.items():
        for url in ["/def", "/def/0.1.0"]:
            got = parsed(client.get(url, headers={"Accept": media_type}), parser)
            assert set(got) == set(expected), (url, media_type)
    assert set(parsed(client.get("/def.rdf"), "xml")) == set(expected)


def test_ontology_page_lists_classes_with_their_labels(client):
    response = client.get("/def", headers={"Accept": BROWSER})
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    ontology = Graph().parse(ONTOLOGY_PATH, format="turtle")
    assert "Bestuursgraaf ontology" in page and "0.1.0" in page
    assert '<article class="term" id="Motion">' in page
    for label in ontology.objects(URIRef("https://w3id.org/bestuursgraaf/def#Motion"), RDFS.label):
        assert str(label) in page
    assert "A motion: a parliamentary paper" in page  # its definition
    assert 'href="#Kamerstuk"' in page  # its super-class
    assert "skos:closeMatch" in page  # alignments
    assert client.get("/def", headers={"Accept": BROWSER}).data == response.data


def test_shapes_are_published_like_the_ontology(client):
    expected = Graph().parse(SHAPES_PATH, format="turtle")
    for media_type, parser in RDF_FORMATS.items():
        response = client.get("/def/shapes", headers={"Accept": media_type})
        assert response.mimetype == media_type
        assert isomorphic(parsed(response, parser), expected), media_type
    page = client.get("/def/shapes.html").get_data(as_text=True)
    assert "bgsh:HasProvenance" in page
    assert 'href="/def#Motion"' in page  # a shape's target class


# -- dataset description, dumps and context --------------------------------------------------
def test_void_description_has_the_triple_count(client, embedded_store):
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    description = parsed(response, "turtle")
    counts = [int(o) for o in description.objects(URIRef(f"{ID}dataset"), VOID_TRIPLES)]
    assert counts and 0 < counts[0] <= len(embedded_store)
    same = client.get("/id/dataset", headers={"Accept": "application/ld+json"})
    assert set(parsed(same, "json-ld")) == set(description)
    assert "text/html" == client.get("/.well-known/void", headers={"Accept": BROWSER}).mimetype


def test_nodes_of_the_description_are_dereferenceable(client):
    response = client.get("/id/dataset/distributie/nquads.ttl")
    assert response.status_code == 200
    assert any(p.endswith("downloadURL") for p in parsed(response, "turtle").predicates())


@pytest.mark.parametrize(
    ("extension", "media_type", "parser"),
    [
        ("nq", "application/n-quads", "nquads"),
        ("trig", "application/trig", "trig"),
        ("ttl", "text/turtle", "turtle"),
        ("jsonld", "application/ld+json", "json-ld"),
    ],
)
def test_dumps_parse_and_hold_the_dataset(client, embedded_store, extension, media_type, parser):
    response = client.get(f"/id/dump.{extension}")
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert f'filename="bestuursgraaf.{extension}"' in response.headers["Content-Disposition"]
    dataset = Dataset()
    dataset.parse(data=response.get_data(as_text=True), format=parser)
    triples = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    everything = Dataset().parse(data=embedded_store.dump_nquads().decode(), format="nquads")
    assert triples == {(s, p, o) for s, p, o, _ in everything.quads((None, None, None, None))}
    assert client.get(f"/id/dump.{extension}").data == response.data


def test_unknown_dump_is_a_404_problem(client):
    assert_problem(client.get("/id/dump.xlsx"), 404, "not-found")


def test_the_published_context_is_served(client):
    response = client.get("/context.jsonld")
    assert response.mimetype == "application/ld+json"
    context = response.get_json()["@context"]
    assert context["bg"] == "https://w3id.org/bestuursgraaf/def#"
    document = client.get("/id/persoon/koole.jsonld").get_json()
    assert document["@context"] == context


def test_openapi_paths_describe_every_linked_data_route(client):
    validator = pytest.importorskip("openapi_spec_validator")
    spec = client.get("/openapi.json").get_json()
    spec["paths"] = spec["paths"] | openapi_paths(ID)
    validator.validate(spec)
    routes = {
        re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
        for rule in client.application.url_map.iter_rules()
        if rule.endpoint.startswith("linked_data.")
    }
    assert routes == set(openapi_paths(ID))


# -- a real HTTP server ----------------------------------------------------------------------
@pytest.fixture
def served(app) -> Iterator[str]:
    with serving(app) as url:
        yield url


def test_linked_data_over_http(served, embedded_store):
    url = f"{served}/id/kamerstuk/kst-35570-VII-K"
    turtle = requests.get(url, headers={"Accept": "text/turtle"}, timeout=10)
    jsonld = requests.get(url, headers={"Accept": "application/ld+json"}, timeout=10)
    assert "Accept" in turtle.headers["Vary"].split(", ")
    assert set(Graph().parse(data=turtle.text, format="turtle")) == set(
        Graph().parse(data=jsonld.text, format="json-ld")
    )
    page = requests.get(url, headers={"Accept": BROWSER}, timeout=10)
    assert page.headers["Content-Type"].startswith("text/html")
    for quote in passage_quotes(embedded_store, url.replace(served + "/id/", ID)):
        assert str(escape(quote)) in page.text
    refused = requests.get(url, headers={"Accept": "image/png"}, timeout=10)
    assert refused.status_code == 406 and refused.headers["Content-Type"] == PROBLEM
    dump = requests.get(f"{served}/id/dump.nq", timeout=30)
    assert len(dump.content.splitlines()) == len(embedded_store)
    assert Path(ONTOLOGY_PATH).read_bytes() == requests.get(f"{served}/def.ttl", timeout=10).content
