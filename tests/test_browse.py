"""The browse site through the real app over the real built graph: what each page says, the
lists' facets, sorting, paging and CSV/JSON, languages, and bad input."""

from __future__ import annotations

import csv
import io

import pytest
from bestuursgraaf.api import create_app
from bestuursgraaf.graph.config import Settings
from bestuursgraaf.graph.namespaces import DEFAULT_BASE
from lxml import html as lxml_html

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
DOC = "004_6c88505460917616"  # Actieagenda Sterk Bestuur


@pytest.fixture(scope="module")
def client(embedded_store, built_graph_path, tmp_path_factory):
    settings = Settings(
        base_iri=DEFAULT_BASE,
        data_dir=tmp_path_factory.mktemp("browse"),
        endpoint=None,
        graph_file=built_graph_path,  # its build kept the letters' texts beside it
    )
    return create_app(embedded_store, settings).test_client()


def page(client, url: str, **headers):
    response = client.get(url, headers=BROWSER | headers)
    assert response.status_code == 200, (url, response.get_data(as_text=True)[:500])
    assert response.mimetype == "text/html"
    return lxml_html.fromstring(response.get_data(as_text=True))


def texts(tree, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


def test_home_for_browsers_and_the_json_index_for_clients(client):
    tree = page(client, "/")
    assert texts(tree, "//h1") == ["Bestuursgraaf"]
    assert tree.xpath("//form[@role='search']//input[@name='q']")
    assert client.get("/").get_json()["links"]["sparql"] == "/sparql"
    assert page(client, "/?q=Leijten").xpath("//li[contains(@class, 'hit-Person')]")


def test_the_site_is_dutch_first_and_english_on_request(client):
    assert texts(page(client, "/actions"), "//h1") == ["Acties"]
    assert texts(page(client, "/actions", **{"Accept-Language": "en-GB,en"}), "//h1") == ["Actions"]
    assert texts(page(client, "/actions?lang=en"), "//h1") == ["Actions"]
    tree = page(client, "/actions?lang=nl", **{"Accept-Language": "en"})
    assert tree.get("lang") == "nl"


def test_a_document_page_shows_what_the_letter_does(client):
    tree = page(client, f"/documents/{DOC}")
    assert texts(tree, "//h1") == ["Actieagenda Sterk Bestuur"]
    # the official publication, through the Kamerstuk the letter was published as
    assert tree.xpath("//a[@class='official external']/@href") == [
        "https://zoek.officielebekendmakingen.nl/kst-33047-25.html"
    ]
    actions = tree.xpath("//table[@class='actions']/tbody/tr")
    assert len(actions) == 21
    assert all(row.xpath(".//span[starts-with(@class, 'status ')]") for row in actions)
    # the motions it answers, and how
    answers = texts(tree, "//table[@class='answers']/tbody/tr")
    assert any("voert uit" in row and "motie-Van Dijk" in row for row in answers)
    assert any("reageert op" in row and "motie-Leijten" in row for row in answers)
    # commitments with deadline and verdict
    verdicts = texts(tree, "//table[@class='commitments']/tbody/tr/td[3]")
    assert "nagekomen" in verdicts and "over tijd" in verdicts
    # Kamerstukken by their labels, each linking to its page
    cited = tree.xpath("//table[@class='citations']/tbody/tr/td[1]/a")
    assert cited and all(a.get("href").startswith("/kamerstukken/kst-") for a in cited)
    labels = [a.text for a in cited]
    assert "Kamerstukken II 2021/22, 35925-VII, nr. 129" in labels and "motie-Leijten" in labels
    entities = texts(tree, "//ul[@class='entities']/li/a")
    assert "gemeente" in entities and "Raad van State" in entities


def test_a_source_passage_is_marked_in_the_letters_text(client, embedded_store):
    tree = page(client, f"/documents/{DOC}?passage=36214-36284")
    marked = texts(tree, "//mark[@id='passage']")
    quote = embedded_store.select(
        f"SELECT ?q WHERE {{ <{DEFAULT_BASE}doc/{DOC}/passage/36214-36284> "
        "<https://w3id.org/bestuursgraaf/def#quote> ?q }"
    ).rows[0]["q"]
    assert marked == [" ".join(quote.split())]
    assert not page(client, f"/documents/{DOC}?passage=9-3").xpath("//mark")  # not a range
    # the passages facts rest on are links in the text that mark themselves
    facts = tree.xpath("//div[@class='letter-text']/a[@class='fact']")
    assert len(facts) > 20 and all("passage=" in a.get("href") for a in facts)
    # each action and commitment of the letter links to its passage, marked in the text
    links = page(client, f"/documents/{DOC}").xpath("//a[@class='passage-link']/@href")
    assert len(links) >= 21 + 8
    assert all(
        page(client, link.split("#")[0]).xpath("//mark[@id='passage']") for link in links[:3]
    )


def test_a_motion_page_links_to_the_actions_that_fulfil_it(client):
    tree = page(client, "/motions/kst-35513-13")
    assert texts(tree, "//h1") == ["motie-Leijten"]
    rows = tree.xpath("//table[@class='answers']/tbody/tr")
    fulfilling = [r for r in rows if r.xpath("td[contains(@class, 'relation-fulfils')]")]
    assert [r.xpath(".//a[@class='action-link']/@href")[0] for r in fulfilling] == [
        "/actions/003-716a83a6eb3f8840-rapport-regionale-samenwerking-gemeenteraden"
    ]
    assert tree.xpath("//ul[@class='passages']/li/blockquote")


def test_an_action_page_draws_its_timeline_and_links_the_timeline_page(client):
    tree = page(
        client, "/actions/003-716a83a6eb3f8840-rapport-regionale-samenwerking-gemeenteraden"
    )
    assert tree.xpath("//figure[@class='timeline']/*[local-name()='svg']")
    link = tree.xpath("//a[@class='timeline-link']/@href")[0]
    assert link == "/timeline/action/rapport-regionale-samenwerking-gemeenteraden"
    assert client.get(link).status_code == 200


def test_a_commitment_page_has_verdict_deadline_and_timeline(client):
    tree = page(client, "/commitments")
    first = tree.xpath("//table[contains(@class, 'listing')]/tbody/tr/td[1]/a/@href")[0]
    detail = page(client, first)
    assert detail.xpath("//dl[@class='facts']//span[starts-with(@class, 'status ')]")
    assert detail.xpath("//a[@class='timeline-link']")
    assert detail.xpath("//table[@class='trace']/tbody/tr")
    as_json = client.get(detail.xpath("//a[@class='json']/@href")[0]).get_json()
    assert as_json["commitment"]["status"] and as_json["trace"]


def test_organisation_layer_person_and_kamerstuk_pages(client):
    layer = page(client, "/organisations/bg:Gemeente")
    assert texts(layer, "//h1") == ["gemeente"] and layer.xpath(
        "//table[@class='actions']/tbody/tr"
    )
    person = page(client, "/organisations/persoon/leijten")
    assert texts(person, "//h1") == ["Leijten"]
    assert (
        client.get("/organisations/persoon/leijten?format=json").get_json()["entity"]["label"]
        == "Leijten"
    )
    kamerstuk = page(client, "/kamerstukken/kst-33047-25")
    assert texts(kamerstuk, "//h1") == ["Actieagenda Sterk Bestuur"]
    assert client.get("/organisations/persoon/nobody", headers=BROWSER).status_code == 404
    missing = client.get("/organisations/<script>", headers=BROWSER)
    assert missing.status_code == 404 and missing.mimetype == "text/html"
    assert "&lt;script&gt;" in missing.get_data(as_text=True)
    assert client.get("/motions/kst-1-2", headers=BROWSER).mimetype == "text/html"
    assert client.get("/motions/kst-1-2").mimetype == "application/problem+json"


def test_list_facets_filter_and_count(client):
    tree = page(client, "/actions")
    statuses = {
        li.xpath("a")[0].text: int(li.xpath("span")[0].text)
        for li in tree.xpath("//section[@data-facet='statusText']//li")
    }
    assert sum(statuses.values()) == 122
    done = page(client, "/actions?statusText=afgerond")
    rows = done.xpath("//table[contains(@class, 'listing')]/tbody/tr")
    assert len(rows) == min(statuses["afgerond"], 50)
    assert all(texts(row, "td[2]") == ["afgerond"] for row in rows)


def test_lists_sort_and_page(client):
    first = page(client, "/actions?sort=title")
    titles = texts(first, "//table[contains(@class, 'listing')]/tbody/tr/td[1]")
    assert titles == sorted(titles, key=str.casefold) and len(titles) == 50
    descending = page(client, "/actions?sort=title&desc=1")
    assert texts(descending, "//tbody/tr/td[1]")[0] == max(
        texts(page(client, "/actions?sort=title&page=3"), "//tbody/tr/td[1]"), key=str.casefold
    )
    assert first.xpath("//nav[@class='pager']/a[@rel='next']")


def test_every_list_has_csv_and_json_of_what_it_shows(client):
    for url in (
        "/documents",
        "/actions",
        "/motions",
        "/commitments",
        "/organisations",
        "/kamerstukken",
    ):
        tree = page(client, url)
        for fmt in ("csv", "json"):
            assert tree.xpath(f"//a[@class='{fmt}']/@href")
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/actions?statusText=afgerond&format=csv").get_data(as_text=True)
            )
        )
    )
    assert rows and {row["statusText"] for row in rows} == {"afgerond"}
    body = client.get("/motions?format=json").get_json()
    assert body["total"] == len(body["rows"]) and "submitters" in body["columns"]


def test_json_clients_keep_the_resources(client):
    assert client.get("/documents").get_json()["documents"]
    assert client.get(f"/documents/{DOC}").get_json()["id"] == DOC
    assert client.get("/motions/kst-35513-13", headers={"Accept": "application/json"}).is_json


def test_search_finds_the_motion_leijten_passages_and_the_person(client):
    body = client.get("/search?q=Leijten&format=json").get_json()
    kinds = {hit["kind"] for hit in body["hits"]}
    assert {"Person", "Motion", "Passage"} <= kinds
    passages = [hit for hit in body["hits"] if hit["kind"] == "Passage"]
    assert all("<mark>Leijten</mark>" in hit["snippet"] for hit in passages)
    assert all(hit["href"].startswith("/documents/") for hit in passages)
    tree = page(client, "/search?q=Leijten")
    assert tree.xpath("//section[@data-facet='kind']//li")
    only_passages = page(client, "/search?q=Leijten&kind=Passage")
    assert len(only_passages.xpath("//li[contains(@class, 'hit-Passage')]")) == len(passages)
    assert not only_passages.xpath("//li[contains(@class, 'hit-Person')]")


def test_search_text_is_words_not_syntax(client):
    for text in ('"', "NEAR(", "a OR", "*", ")", "<script>alert(1)</script>"):
        response = client.get("/search", query_string={"q": text}, headers=BROWSER)
        assert response.status_code == 200
        assert "<script>alert" not in response.get_data(as_text=True)


def test_named_queries_as_forms_with_pickers_completion_and_linked_results(client):
    index = page(client, "/questions")
    assert "/questions/overdue" in index.xpath("//ul[@class='query-list']//a/@href")
    form = page(client, "/questions/overdue")
    assert form.xpath("//input[@type='date' and @name='as_of']")
    action = page(client, "/questions/action-trace")
    assert action.xpath("//input[@name='action' and @list='offers-action']")
    assert "beleidskader-decentraal-bestuur" in action.xpath("//datalist/option/@value")
    ran = page(client, "/questions/overdue?as_of=2024-07-01&sort=deadline_end")
    links = ran.xpath("//table[contains(@class, 'results')]/tbody/tr/td/a/@href")
    assert links and all(not link.startswith("https://w3id.org/") for link in links)
    assert any(link.startswith("/commitments/") for link in links)
    assert any(link.startswith("/documents/") for link in links)
    bad = page(client, "/questions/overdue?as_of=gisteren")
    assert bad.xpath("//p[@class='error']")


def test_the_editor_is_served_from_package_data(client):
    tree = page(client, "/editor")
    scripts = tree.xpath("//script/@src")
    assert scripts == ["/browse-static/yasgui/yasgui.min.js"]
    assert client.get(scripts[0]).status_code == 200
    assert b"MIT" in client.get("/browse-static/yasgui/LICENSE").data
    assert tree.xpath("//div[@id='yasgui']/@data-endpoint")[0].endswith("/sparql")


def test_overview_and_dossier_network_are_drawn(client):
    tree = page(client, "/overview")
    assert tree.xpath("//figure[contains(@class, 'overview-per-letter')]//*[local-name()='rect']")
    svg = client.get("/network?dossier=35513&format=svg")
    assert svg.mimetype == "image/svg+xml"
    drawing = lxml_html.fromstring(svg.data)
    assert len(drawing.xpath("//*[local-name()='path']")) >= 3
    assert client.get("/network?dossier=x'y", headers=BROWSER).status_code == 400


def test_the_build_writes_the_index_beside_the_graph(built_graph_path):
    from bestuursgraaf.graph import search_index

    index = search_index.index_path_for(built_graph_path)
    assert index.is_file()
    assert search_index.stamp_of(index)["graph_size"] == built_graph_path.stat().st_size
    assert not list(built_graph_path.parent.glob(".*.tmp"))  # written atomically, nothing left


def test_the_app_rebuilds_a_stale_index(embedded_store, built_graph_path, tmp_path):
    from bestuursgraaf.graph import search_index

    graph = tmp_path / "graph.nq"
    graph.write_bytes(built_graph_path.read_bytes())
    app = create_app(
        embedded_store, Settings(base_iri=DEFAULT_BASE, data_dir=tmp_path, endpoint=None)
    )
    client = app.test_client()
    index = search_index.index_path_for(graph)
    assert not index.exists()
    assert client.get("/search?q=Leijten&format=json").get_json()["hits"]
    assert search_index.is_fresh(index, graph, len(embedded_store))
    graph.write_bytes(graph.read_bytes() + b"\n")  # a rebuilt graph
    assert not search_index.is_fresh(index, graph, len(embedded_store))
    assert client.get("/search?q=Leijten&format=json").get_json()["hits"]
    assert search_index.is_fresh(index, graph, len(embedded_store))


def test_the_site_over_a_remote_endpoint_says_what_it_says_over_the_embedded_store(
    client, embedded_store, oxigraph_server, tmp_path
):
    """The pages and the search over a real Oxigraph server (the index then built from it)."""
    from bestuursgraaf.graph.store import RemoteStore

    from tests.server_fixtures import load_nquads

    load_nquads(oxigraph_server, embedded_store.dump_nquads())
    settings = Settings(
        base_iri=DEFAULT_BASE, data_dir=tmp_path, endpoint=oxigraph_server.query_url
    )
    remote = create_app(RemoteStore(oxigraph_server.query_url), settings).test_client()
    for url in (f"/documents/{DOC}", "/motions/kst-35513-13", "/commitments", "/search?q=Leijten"):
        local, far = page(client, url), page(remote, url)
        assert texts(far, "//main//h1 | //main//table//td | //main//li") == texts(
            local, "//main//h1 | //main//table//td | //main//li"
        ), url


def test_serve_keeps_the_search_index_beside_the_graph_it_was_given(tmp_path, built_graph_path):
    """`serve --graph X` searches (and if need be indexes) X's own graph, not the data folder's."""
    import shutil
    import urllib.request

    from tests.server_fixtures import bestuursgraaf_serving

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    graph = elsewhere / "mine.nq"
    shutil.copy(built_graph_path, graph)
    data = tmp_path / "data"
    data.mkdir()
    with bestuursgraaf_serving(graph, data) as base:
        page = urllib.request.urlopen(f"{base}/search?q=Leijten", timeout=60).read().decode("utf-8")
    assert "Leijten" in page
    assert (elsewhere / "mine.search.sqlite").is_file()
    assert not list(data.glob("*.sqlite"))


def test_a_named_query_as_html_links_short_keys_to_the_pages_and_sorts(client):
    """/queries/<name>?format=html shows the form page's table: short keys, not raw IRIs, that
    link to the browse pages; each IRI of a multi-valued cell its own link; sortable headers."""
    tree = page(client, "/queries/motions?format=html&sort=motion&desc=1")
    table = tree.xpath("//table[contains(@class, 'results')]")[0]
    links = table.xpath(".//tbody//a")
    assert links and not [a for a in links if a.get("href").startswith(("http://", "https://"))]
    assert all(not a.text_content().startswith("https://") for a in links)
    assert any(a.get("href").startswith("/motions/") for a in links)
    cells = table.xpath(".//tbody/tr/td[count(.//a[starts-with(@href, '/documents/')]) > 1]")
    assert cells, "a motion answered in several letters has one link per letter"
    header = table.xpath(".//thead//th[@aria-sort='descending']//a/@href")
    assert header and "sort=motion" in header[0]
    descending = texts(table, ".//tbody/tr/td[1]")
    ascending = texts(page(client, "/queries/motions?format=html&sort=motion"), "//tbody/tr/td[1]")
    assert len(set(descending)) > 1 and descending == ascending[::-1]


def test_the_letters_text_comes_from_the_build_for_any_corpus(tmp_path, minter):
    """A corpus from another folder (two letters of the real evaluation set, not the bundled
    ones): the document page shows the text its build kept, with a passage marked."""
    import shutil
    from pathlib import Path

    from bestuursgraaf.graph.build import build
    from bestuursgraaf.graph.letter_texts import texts_path_for
    from bestuursgraaf.graph.store.embedded import EmbeddedStore

    corpus = tmp_path / "elders"
    corpus.mkdir()
    for name in ("rs01.txt", "rs02.txt"):
        shutil.copy(Path(__file__).parent / "realset" / "docs" / name, corpus / name)
    graph = tmp_path / "out" / "graph.nq"
    graph.parent.mkdir()
    build(corpus, graph, minter, validate=False, persist_store=False)
    assert texts_path_for(graph).is_file()
    store = EmbeddedStore()
    store.load_file(graph)
    settings = Settings(
        base_iri=DEFAULT_BASE, data_dir=tmp_path / "data", endpoint=None, graph_file=graph
    )
    served = create_app(store, settings).test_client()
    row = store.select(
        "PREFIX bg: <https://w3id.org/bestuursgraaf/def#> SELECT ?p ?q WHERE { "
        "?p a bg:Passage ; bg:quote ?q . FILTER(CONTAINS(STR(?p), '/passage/')) } LIMIT 1"
    ).rows[0]
    doc_id, span = row["p"].split("/doc/", 1)[1].split("/passage/")
    tree = page(served, f"/documents/{doc_id}?passage={span}")
    assert tree.xpath("//div[@class='letter-text']")
    assert texts(tree, "//mark[@id='passage']") == [" ".join(row["q"].split())]
    texts_path_for(graph).unlink()  # without what the build kept, no text (and no error)
    assert not page(served, f"/documents/{doc_id}").xpath("//div[@class='letter-text']")
