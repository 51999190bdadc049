"""The graph build on the real corpus: named graphs, deterministic IRIs, provenance, atomic writes."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from bestuursgraaf.graph.build import (
    BuildError,
    build,
    build_dataset,
    serialize_nquads,
    union_graph,
)
from bestuursgraaf.graph.namespaces import BG, Minter
from bestuursgraaf.graph.read import DocumentError
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS


def _dataset(path: Path) -> Dataset:
    dataset = Dataset()
    dataset.parse(path, format="nquads")
    return dataset


def _union(path: Path) -> Graph:
    """All named graphs as one graph (rdflib's Dataset membership only sees the default graph)."""
    return union_graph(_dataset(path))


def test_one_named_graph_per_document_plus_curated_and_ontology(built_graph_path, minter):
    names = {str(g.identifier) for g in _dataset(built_graph_path).graphs() if len(g)}
    expected = {str(minter.graph_for_document(p.stem)) for p in Path("corpus").glob("*.txt")}
    assert expected <= names
    assert str(minter.curated_graph) in names
    assert str(minter.ontology_graph) in names


def test_same_input_gives_byte_identical_output(corpus_dir, tmp_path):
    first, second = tmp_path / "a.nq", tmp_path / "b.nq"
    build(corpus_dir, first, validate=False)
    build(corpus_dir, second, validate=False)
    assert first.read_bytes() == second.read_bytes()


def test_base_iri_is_configurable(corpus_dir):
    data = serialize_nquads(build_dataset(corpus_dir, Minter("https://data.example.org/bg")))
    assert b"<https://data.example.org/bg/kamerstuk/kst-33047-25>" in data
    assert b"https://w3id.org/bestuursgraaf/id/" not in data


def test_kamerstukken_are_named_by_their_official_identifier(built_graph_path, minter):
    dataset = _union(built_graph_path)
    for kst in ("kst-33047-25", "kst-36200-B-10", "kst-35570-VII-K", "kst-36600-VII-142"):
        node = minter.kamerstuk(kst)
        assert (node, BG.kstId, Literal(kst)) in dataset


def test_every_citation_and_motion_points_to_a_passage_with_its_quote(built_graph_path):
    dataset = _union(built_graph_path)
    text = {p.stem: p.read_text() for p in Path("corpus").glob("*.txt")}
    citations = set(dataset.subjects(RDF.type, BG.Citation))
    assert len(citations) == 51  # as counted by hand: 16 + 6 + 12 + 17 (+ none in 000)
    for citation in citations:
        passage = dataset.value(citation, BG.evidence)
        raw = str(dataset.value(citation, BG.rawText))
        document = str(dataset.value(passage, BG.inDocument)).rsplit("/", 1)[1]
        start, end = int(dataset.value(passage, BG.startOffset)), int(dataset.value(passage, BG.endOffset))
        assert " ".join(raw.split()) in " ".join(text[document][start:end].split())
    for motion in set(dataset.subjects(RDF.type, BG.Motion)):
        assert list(dataset.objects(motion, BG.mentionedIn)), motion


def test_motion_named_only_by_submitter_is_resolved_through_its_footnote(built_graph_path, minter):
    dataset = _union(built_graph_path)
    # 004: "de motie van lid Koole (PvdA, Eerste Kamer).29" with footnote 29 citing two Kamerstukken.
    koole = minter.kamerstuk("kst-35570-VII-K")
    assert (koole, RDF.type, BG.Motion) in dataset
    assert (koole, BG.submitter, minter.person("Koole")) in dataset
    # 002: "motie-Strolenberg6." -> footnote 6: Kamerstukken II 2021-2022, 35298, nr. 19
    assert (minter.kamerstuk("kst-35298-19"), RDF.type, BG.Motion) in dataset


def test_mention_without_footnote_joins_the_one_motion_of_that_submitter(built_graph_path, minter):
    dataset = _union(built_graph_path)
    strolenberg = minter.kamerstuk("kst-35298-19")
    documents = {
        str(dataset.value(p, BG.inDocument)).rsplit("/", 1)[1]
        for p in dataset.objects(strolenberg, BG.mentionedIn)
    }
    assert documents == {"002_8e66f98fee8945c9", "003_716a83a6eb3f8840"}


def test_report_sent_in_the_sentence_takes_the_footnote_not_the_motion(built_graph_path, minter):
    # 003: "Ter uitvoering van de motie-Leijten ... heb ik onlangs een rapport ... gestuurd.10"
    # footnote 10 cites the Actieagenda (kst-33047-25), a letter, not the motion.
    dataset = _union(built_graph_path)
    assert (minter.kamerstuk("kst-33047-25"), RDF.type, BG.Motion) not in dataset


def test_curated_facts_say_which_file_they_came_from(built_graph_path, minter):
    dataset = _dataset(built_graph_path)
    curated = dataset.graph(minter.curated_graph)
    doc = minter.document("004_6c88505460917616")
    assert (doc, BG.curatedFrom, Literal("corpus/004_6c88505460917616.json")) in curated
    assert (doc, BG.publishedAs, minter.kamerstuk("kst-33047-25")) in curated


def test_failed_build_leaves_the_previous_graph_untouched(corpus_dir, tmp_path, built_graph_path):
    out = tmp_path / "graph.nq"
    shutil.copy(built_graph_path, out)
    before = out.read_bytes()
    broken = tmp_path / "corpus"
    shutil.copytree(corpus_dir, broken)
    (broken / "zz_leeg.txt").write_bytes(b"")
    with pytest.raises(DocumentError, match="zz_leeg.txt: the file is empty"):
        build(broken, out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".graph.nq")] == []


def test_graph_that_breaks_the_shapes_is_not_written(corpus_dir, tmp_path):
    # Shapes stricter than ours (every document needs a bg:kenmerk): the corpus breaks them.
    shapes = tmp_path / "strict.ttl"
    shapes.write_text(
        """@prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix bg: <https://w3id.org/bestuursgraaf/def#> .
        <urn:x:shape> a sh:NodeShape ; sh:targetClass bg:Document ;
            sh:property [ sh:path bg:kenmerk ; sh:minCount 1 ; sh:message "needs a kenmerk" ] .
        """
    )
    out = tmp_path / "graph.nq"
    out.write_bytes(b"previous good graph\n")
    with pytest.raises(BuildError, match="does not conform") as error:
        build(corpus_dir, out, shapes_path=shapes)
    assert "bg:kenmerk" in str(error.value) and "left as it was" in str(error.value)
    assert out.read_bytes() == b"previous good graph\n"


def test_built_graph_conforms_to_the_shapes(built_graph_path):
    from bestuursgraaf.graph.validate import validate_graph

    report = validate_graph(_union(built_graph_path))
    assert report.conforms, "\n".join(str(v) for v in report.violations[:20])


def test_kamerstukken_link_to_their_official_publication(built_graph_path, minter):
    dataset = _dataset(built_graph_path)
    links = dataset.graph(minter.links_graph)
    page = URIRef("https://zoek.officielebekendmakingen.nl/kst-35925-VII-129.html")
    assert (minter.kamerstuk("kst-35925-VII-129"), FOAF.page, page) in links
    assert (minter.kamerstuk("kst-35925-VII-129"), RDFS.label, Literal("Kamerstukken II 2021/22, 35925-VII, nr. 129")) in _union(built_graph_path)


def test_ministries_and_laws_of_the_letters_link_to_tooi_and_bwb(built_graph_path, minter):
    from rdflib.namespace import DCTERMS, OWL

    graph = _union(built_graph_path)
    bzk = minter.thing("organisatie", "ministerie-van-binnenlandse-zaken-en-koninkrijksrelaties")
    assert (bzk, OWL.sameAs, URIRef("https://identifier.overheid.nl/tooi/id/ministerie/mnre1034")) in graph
    for law, bwb in [
        ("gemeentewet", "BWBR0005416"), ("provinciewet", "BWBR0005645"),
        ("wet-gemeenschappelijke-regelingen", "BWBR0003740"), ("financiele-verhoudingswet", "BWBR0008290"),
    ]:
        assert (minter.thing("wet", law), DCTERMS.identifier, Literal(bwb)) in graph, law
    # an organisation TOOI does not list gets no invented link
    vng = minter.thing("organisatie", "vereniging-van-nederlandse-gemeenten")
    assert (vng, RDF.type, None) in graph and not list(graph.objects(vng, OWL.sameAs))


def test_a_person_is_one_node_with_one_label_per_document(embedded_store):
    """004 names `prof. mr. dr. D.J. Elzinga` and `Elzinga`: one person, labelled by the fuller name."""
    from bestuursgraaf.graph.queries import load_query

    rows = embedded_store.select(load_query("persons").bind({})).rows
    per_doc = [(r["id"], r["document"]) for r in rows]
    assert len(per_doc) == len(set(per_doc))
    elzinga = [r for r in rows if r["id"].endswith("/persoon/elzinga")]
    assert {r["label"] for r in elzinga} == {"D.J. Elzinga"}


def test_a_report_in_a_footnote_and_in_the_text_is_one_node(embedded_store):
    """001's footnote gives `(2025)` for `Afrekenen met disbalans`, its text names it without a year."""
    from bestuursgraaf.graph.queries import load_query

    rows = embedded_store.select(load_query("advisory-reports").bind({})).rows
    here = [r["id"] for r in rows if r["document"].endswith("/001_4ecc82ebad1aebf7")]
    assert [i for i in here if "afrekenen-met-disbalans" in i] == [
        "https://w3id.org/bestuursgraaf/id/rapport/raad-voor-het-openbaar-bestuur-2025-afrekenen-met-disbalans"
    ]
    assert len([i for i in here if "elke-regio-telt" in i]) == 1
    in_004 = [r["id"] for r in rows if r["document"].endswith("/004_6c88505460917616")]
    assert len([i for i in in_004 if i.endswith("leren-institutionaliseren")]) == 1


@pytest.mark.parametrize("umask, file_mode, folder_mode", [(0o022, 0o644, 0o755), (0o077, 0o600, 0o700)])
def test_graph_and_store_get_the_users_umask_and_no_temporary_stays(
    tmp_path, built_graph_path, umask, file_mode, folder_mode
):
    from bestuursgraaf.graph.build import write_atomically
    from bestuursgraaf.graph.store.persistent import load_store, store_dir_for

    previous = os.umask(umask)
    try:
        out = tmp_path / "graph.nq"
        write_atomically(out, built_graph_path.read_bytes())
        load_store(out)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == file_mode
    assert stat.S_IMODE(store_dir_for(out).stat().st_mode) == folder_mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nq", store_dir_for(out).name]
