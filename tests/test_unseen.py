"""Documents that are not in the bundled corpus: a published motion and a letter published as a
Kamerstuk with Markdown footnotes (a format none of the seed letters has). Written for these tests
in the genre's style (tests/data/unseen/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import RDF, XSD

from graph.build import build, union_graph
from graph.namespaces import BG, Minter
from graph.queries import load_query
from graph.read import DocumentError
from graph.store import EmbeddedStore

UNSEEN = Path(__file__).parent / "data" / "unseen"


@pytest.fixture(scope="module")
def unseen_graph(tmp_path_factory, corpus_dir) -> Path:
    corpus = tmp_path_factory.mktemp("unseen") / "corpus"
    shutil.copytree(corpus_dir, corpus)
    for path in UNSEEN.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    out = corpus.parent / "graph.nq"
    build(corpus, out)  # validates against the shapes; raises if the graph does not conform
    return out


@pytest.fixture(scope="module")
def store(unseen_graph) -> EmbeddedStore:
    store = EmbeddedStore()
    store.load_file(unseen_graph)
    return store


def rows(store, name, **params):
    return store.select(load_query(name).bind(params)).rows


def test_published_motion_is_its_kamerstuk_with_submitters_date_and_request(unseen_graph):
    graph = union_graph(Dataset().parse(unseen_graph, format="nquads"))
    motion = Minter().kamerstuk("kst-33047-41")
    assert (motion, RDF.type, BG.Motion) in graph
    assert (motion, BG.dateProposed, Literal("2024-11-14", datatype=XSD.date)) in graph
    request = str(graph.value(motion, BG.requestText))
    assert request.startswith("het beleidskader decentraal bestuur ook toe te passen op bestaande taken")
    assert (motion, BG.requestDeadlineEnd, Literal("2025-06-30", datatype=XSD.date)) in graph
    submitters = {str(person).rsplit("/", 1)[-1] for person in graph.objects(motion, BG.submitter)}
    assert submitters == {"van-der-meer", "de-boer"}


def test_letter_mentioning_the_motion_reaches_the_same_node_and_fulfils_it(store):
    motions = {r["motion"]: r for r in rows(store, "motions")}
    row = motions["kst-33047-41"]
    assert row["date"] == "2024-11-14" and row["request"].startswith("het beleidskader")
    assert {d.rsplit("/", 1)[1] for d in row["documents"].split()} == {"motie_33047_41", "brief_regio"}
    links = [r for r in rows(store, "motions-by-action") if r["motion"] == "kst-33047-41"]
    assert [r["relation"] for r in links] == ["fulfils"]
    assert "beleidskader" in links[0]["action_title"].lower()


def test_letter_published_as_kamerstuk_identifies_itself(store):
    documents = {r["document"].rsplit("/", 1)[1]: r for r in rows(store, "documents")}
    assert documents["brief_regio"]["type"] == "Kamerbrief"
    assert documents["brief_regio"]["date"] == "2026-03-03"
    assert documents["brief_regio"]["title"].startswith("BRIEF VAN DE MINISTER")
    kst = store.select(
        "PREFIX bg: <https://w3id.org/bestuursgraaf/def#> SELECT ?k WHERE { "
        "<https://w3id.org/bestuursgraaf/id/doc/brief_regio> bg:publishedAs/bg:kstId ?k }"
    ).rows
    assert [r["k"] for r in kst] == ["kst-33047-45"]


def test_markdown_footnotes_carry_the_citations(store):
    cited = [(r["kamerstuk"], r["footnote"]) for r in rows(store, "citations") if r["document"].endswith("brief_regio")]
    assert cited == [("kst-33047-38", "1"), ("kst-33047-41", "2")]


def test_entities_and_commitment_of_the_unseen_letter(store):
    def labels(name):
        return {r["label"] for r in rows(store, name) if r["document"].endswith("brief_regio")}

    assert {"Vereniging van Nederlandse Gemeenten", "Interprovinciaal Overleg", "Raad van State"} <= labels("organisations")
    assert any("Regio Deal" in label for label in labels("regional-collaborations"))
    assert {"Gemeentewet", "Wet gemeenschappelijke regelingen"} <= labels("laws")
    promises = [r for r in rows(store, "commitments") if r["document"].endswith("brief_regio")]
    assert any(r["deadline_text"] == "medio 2026" and r["deadline"] == "2026-05-01/2026-07-31" for r in promises)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"\x00\x01binary\x00" * 40, "binary file"),
        (
            b"Dear Speaker, with this letter I inform the House of Representatives about the progress "
            b"of the action agenda for strong public administration and the cooperation between the "
            b"national government, the provinces, the municipalities and the water boards in the regions.",
            "another language",
        ),
    ],
)
def test_unreadable_document_stops_the_build_with_no_partial_graph(tmp_path, corpus_dir, content, message):
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    (corpus / "zz_bad.txt").write_bytes(content)
    out = tmp_path / "graph.nq"
    with pytest.raises(DocumentError, match=message):
        build(corpus, out)
    assert not out.exists() and not list(tmp_path.glob(".graph.nq.*"))


def test_a_province_named_in_an_unseen_letter_links_to_tooi(unseen_graph):
    from rdflib import URIRef
    from rdflib.namespace import OWL

    graph = union_graph(Dataset().parse(unseen_graph, format="nquads"))
    gelderland = Minter().thing("organisatie", "provincie-gelderland")
    assert (gelderland, OWL.sameAs, URIRef("https://identifier.overheid.nl/tooi/id/provincie/pv25")) in graph
