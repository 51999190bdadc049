"""The official record as input: Kamerstuk XML as KOOP publishes it, its metadata, and the Tweede
Kamer's open data on motions, read from real recorded files (tests/recorded/SOURCES)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bestuursgraaf.graph.build import build, union_graph
from bestuursgraaf.graph.extract.published import extract_motion_text, extract_published_heading
from bestuursgraaf.graph.namespaces import BG, Minter
from bestuursgraaf.graph.read import DocumentError, read_corpus, read_document
from bestuursgraaf.graph.segment import segment
from bestuursgraaf.graph.sources.official import read_kamerstuk_html, read_metadata_xml
from bestuursgraaf.graph.sources.tk_odata import (
    OpenDataError,
    OpenDataRecords,
    read_answer,
    read_opendata_folder,
)
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

RECORDED = Path(__file__).parent / "recorded"
KOOP = RECORDED / "koop"
BUNDLED = Path(__file__).parent.parent / "corpus"
MINTER = Minter()


def test_a_kamerstuk_xml_reads_as_the_printed_motion():
    source = read_document(KOOP / "kst-33047-38.xml", RECORDED.parent)
    segmented = segment(source.text)
    heading = extract_published_heading(segmented.clean)
    assert (heading.kst_id, heading.chamber, heading.vergaderjaar) == ("kst-33047-38", "II", "2024-2025")
    assert heading.dossier_title == "Bestuur en bestuurlijke inrichting"
    motion = extract_motion_text(segmented.clean, heading)
    assert [s.name for s in motion.submitters] == ["Van Waveren"]
    assert motion.request.startswith("het beleidskader zodanig in te richten")
    # the dictum can be quoted from the text the offsets point into
    assert source.text[motion.request_start : motion.request_end].startswith("het beleidskader")
    assert segmented.headings == []  # the signature under the motion is no section title


def test_metadata_of_the_publication_wins_and_names_its_file():
    source = read_document(KOOP / "kst-33047-39.xml", RECORDED.parent)
    assert source.doc_id == "kst-33047-39"
    assert source.metadata["type"] == "motie" and source.metadata["kamerstuk"] == "kst-33047-39"
    assert source.metadata["date"] == "2025-05-27"
    assert source.metadata["indieners"] == ["I. (Inge) van Dijk"]
    assert source.metadata["vergaderjaar"] == "2024-2025"
    assert source.metadata_source == "recorded/koop/kst-33047-39.xml"  # the <metadata> it carries


def test_a_metadata_xml_beside_the_file_is_read_instead(tmp_path: Path):
    """`fetch` writes `<id>.metadata.xml`; here it is the recorded file's own <metadata> block,
    cut out unchanged (KOOP's metadata.xml lists the same name/content pairs)."""
    xml = (KOOP / "kst-33047-38.xml").read_bytes()
    block = xml[xml.index(b"<metadata>") : xml.index(b"</metadata>") + len(b"</metadata>")]
    (tmp_path / "kst-33047-38.xml").write_bytes(xml)
    (tmp_path / "kst-33047-38.metadata.xml").write_bytes(b'<?xml version="1.0"?>\n' + block)
    source = read_document(tmp_path / "kst-33047-38.xml", tmp_path)
    assert source.metadata_source == "kst-33047-38.metadata.xml"
    assert source.metadata["indieners"] == ["A. van Waveren"]
    metadata = read_metadata_xml(tmp_path / "kst-33047-38.metadata.xml")
    assert (metadata.dossier, metadata.ondernummer, metadata.kamerstuk_type) == ("33047", "38", "Motie")


def test_a_json_sidecar_curated_by_hand_wins_over_the_publication(tmp_path: Path):
    shutil.copy(KOOP / "kst-33047-38.xml", tmp_path)
    (tmp_path / "kst-33047-38.json").write_text('{"title": "Motie-Van Waveren (beleidskader)"}')
    source = read_document(tmp_path / "kst-33047-38.xml", tmp_path)
    assert source.metadata["title"] == "Motie-Van Waveren (beleidskader)"
    assert source.metadata["kamerstuk"] == "kst-33047-38"
    assert source.metadata_source == "kst-33047-38.json"


def test_broken_xml_is_refused_with_file_and_line(tmp_path: Path):
    broken = tmp_path / "kst-1-1.xml"
    broken.write_bytes((KOOP / "kst-33047-38.xml").read_bytes()[:900])
    with pytest.raises(DocumentError, match=r"kst-1-1\.xml:\d+: not well-formed XML"):
        read_document(broken, tmp_path)


def test_xml_that_is_no_kamerstuk_is_refused(tmp_path: Path):
    other = tmp_path / "stcrt.xml"
    other.write_text("<officiele-publicatie><metadata/><staatscourant/></officiele-publicatie>")
    with pytest.raises(DocumentError, match="no <kamerstuk> element"):
        read_document(other, tmp_path)


def test_the_html_page_gives_its_meta_tags_and_body_text(tmp_path: Path):
    """No public recorded HTML page was found (tests/recorded/SOURCES); this page is built here from
    the recorded XML's metadata and text, to check the reader's handling of the HTML form."""
    source = read_document(KOOP / "kst-33047-38.xml", RECORDED.parent)
    xml = (KOOP / "kst-33047-38.xml").read_text(encoding="utf-8")
    metas = xml[xml.index("<metadata>") + 10 : xml.index("</metadata>")].replace("<meta ", "<meta ")
    paragraphs = "".join(f"<p>{block}</p>" for block in source.text.split("\n\n") if block.strip())
    page = tmp_path / "kst-33047-38.html"
    page.write_text(
        f"<html><head>{metas}<script>x()</script></head><body><nav>Menu</nav>"
        f"<div id='broodtekst'><h1>Motie</h1>{paragraphs}</div></body></html>",
        encoding="utf-8",
    )
    document = read_kamerstuk_html(page, page.read_bytes())
    assert document.metadata.identifier == "kst-33047-38"
    assert document.text.startswith("# Motie\n\nTweede Kamer der Staten-Generaal")
    assert "Menu" not in document.text and "x()" not in document.text


def test_a_corpus_folder_reads_xml_beside_text_and_skips_metadata_files(tmp_path: Path):
    for name in ("kst-33047-38.xml", "kst-33047-39.xml"):
        shutil.copy(KOOP / name, tmp_path)
    shutil.copy(BUNDLED / "001_4ecc82ebad1aebf7.txt", tmp_path)
    (tmp_path / "kst-33047-39.metadata.xml").write_text("<metadata_gegevens/>")  # not a document
    with pytest.raises(DocumentError, match="no <metadata name"):
        read_corpus(tmp_path)
    (tmp_path / "kst-33047-39.metadata.xml").unlink()
    ids = [d.doc_id for d in read_corpus(tmp_path)]
    assert ids == ["001_4ecc82ebad1aebf7", "kst-33047-38", "kst-33047-39"]


# -- the Tweede Kamer's open data --------------------------------------------------------------
def test_a_decision_under_a_one_motion_agendapunt_is_that_motions_outcome():
    records = read_opendata_folder(RECORDED / "tk-odata", RECORDED.parent)
    motion = next(m for m in records.motions.values() if m.kst_id == "kst-29684-293")
    assert motion.nummer == "2025Z09544"
    assert motion.final.outcome == "aangenomen"
    votes = {v.fractie: (v.choice, v.seats) for v in motion.final.votes}
    assert len(votes) == 15 and votes["PVV"] == ("Tegen", 37) and votes["GroenLinks-PvdA"] == ("Voor", 25)
    assert motion.final.source == "recorded/tk-odata/stemming-29684.json"


def test_a_decision_under_an_agendapunt_of_several_motions_is_given_to_none():
    records = read_opendata_folder(RECORDED / "tk-odata", RECORDED.parent)
    dossier = [m for m in records.motions.values() if (m.kst_id or "").startswith("kst-33047-")]
    assert sorted(m.kst_id for m in dossier) == [f"kst-33047-{n}" for n in range(33, 40)]
    assert all(m.final is None for m in dossier)
    assert len(records.unresolved) == 3
    assert all("lists 6 zaken" in why for why in records.unresolved.values())


def test_an_answer_that_is_not_odata_is_refused(tmp_path: Path):
    bad = tmp_path / "x.json"
    bad.write_text('{"error": {"message": "Not found"}}')
    with pytest.raises(OpenDataError, match="not an OData answer"):
        read_answer(OpenDataRecords(), bad, "x.json")


# -- the built graph ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def official_graph(tmp_path_factory) -> Dataset:
    root = tmp_path_factory.mktemp("official")
    corpus = root / "corpus"
    (corpus / "tk-odata").mkdir(parents=True)
    for path in KOOP.glob("*.xml"):
        shutil.copy(path, corpus)
    for path in (RECORDED / "tk-odata").glob("*.json"):
        shutil.copy(path, corpus / "tk-odata")
    for path in BUNDLED.glob("001_4ecc82ebad1aebf7.*"):  # a letter of dossier 33047 that cites nr. 38
        shutil.copy(path, corpus)
    out = root / "graph.nq"
    build(corpus, out, MINTER, persist_store=False)
    dataset = Dataset()
    dataset.parse(out, format="nquads")
    return dataset


def test_each_documents_kst_id_type_date_and_indieners_come_from_its_metadata(official_graph):
    curated = official_graph.graph(MINTER.curated_graph)
    for number in range(33, 40):
        kst = f"kst-33047-{number}"
        doc, kamerstuk = MINTER.document(kst), MINTER.kamerstuk(kst)
        assert (doc, BG.publishedAs, kamerstuk) in curated
        assert (kamerstuk, BG.kstId, Literal(kst)) in curated
        assert curated.value(doc, DCTERMS.date) is not None
        assert str(curated.value(doc, BG.curatedFrom)) == f"corpus/{kst}.xml"
        assert "KOOP" in str(curated.value(doc, BG.curatedBy))
        submitters = set(curated.objects(kamerstuk, BG.submitter))
        assert submitters and all((p, BG.curatedFrom, Literal(f"corpus/{kst}.xml")) in curated for p in submitters)
    doc39 = MINTER.document("kst-33047-39")
    assert str(curated.value(doc39, DCTERMS.date)) == "2025-05-27"
    assert MINTER.person("I. van Dijk") in set(curated.objects(MINTER.kamerstuk("kst-33047-39"), BG.submitter))


def test_each_motion_carries_what_the_open_data_says(official_graph):
    opendata = official_graph.graph(MINTER.opendata_graph)
    motion = MINTER.kamerstuk("kst-29684-293")
    assert (motion, BG.outcome, BG.Aangenomen) in opendata
    decision = opendata.value(motion, BG.decision)
    assert str(opendata.value(decision, BG.importedFrom)) == "corpus/tk-odata/stemming-29684.json"
    assert len(set(opendata.objects(decision, BG.hasVote))) == 15
    for number in range(33, 40):  # known to the open data, but their decisions name no single motion
        node = MINTER.kamerstuk(f"kst-33047-{number}")
        assert (node, RDF.type, BG.Motion) in opendata and opendata.value(node, BG.outcome) is None
        assert opendata.value(node, DCTERMS.source).startswith(URIRef("https://gegevensmagazijn"))


def test_the_letter_citing_a_fetched_motion_meets_it_in_one_node(official_graph):
    union = union_graph(official_graph)
    motion = MINTER.kamerstuk("kst-33047-38")
    assert (MINTER.document("001_4ecc82ebad1aebf7"), BG.cites, motion) in union
    assert (motion, BG.requestText, None) in union


def test_motion_votes_answers_the_same_on_the_embedded_store_and_rdflib(official_graph, tmp_path):
    from bestuursgraaf.graph.queries import load_query
    from bestuursgraaf.graph.store import EmbeddedStore

    path = tmp_path / "official.nq"
    official_graph.serialize(path, format="nquads")
    store = EmbeddedStore()
    store.load_file(path)
    query = load_query("motion-votes")
    for params, expected in (({}, 15), ({"motion": "kst-29684-293"}, 15), ({"motion": "kst-33047-38"}, 0)):
        sparql = query.bind(params)
        result = store.select(sparql)
        ours = sorted(tuple(str(row[c]) for c in result.columns) for row in result.rows)
        union = Dataset(default_union=True)
        union.parse(path, format="nquads")
        theirs = sorted(
            tuple(str(s.asdict().get(c)) if s.asdict().get(c) is not None else "None" for c in result.columns)
            for s in union.query(sparql)
        )
        assert len(ours) == expected
        assert ours == theirs



def test_a_zaak_answer_with_its_besluit_expanded_gives_the_outcome_itself(tmp_path: Path):
    """The shape `fetch` asks live (Zaak with Besluit($expand=Stemming)): built here from the
    recorded rows of kst-29684-293 alone, its Besluit and Stemming rows nested under its Zaak row
    the way OData nests an expanded navigation; nothing is added that the recordings do not say."""
    import json

    stemming = json.loads((RECORDED / "tk-odata/stemming-29684.json").read_text(encoding="utf-8"))
    (zaak,) = json.loads((RECORDED / "tk-odata/zaak-motie-29684.json").read_text(encoding="utf-8"))
    besluit = dict(stemming["value"][0]["Besluit"])
    besluit.pop("Agendapunt")
    besluit["Stemming"] = [{k: v for k, v in r.items() if k != "Besluit"} for r in stemming["value"]]
    folder = tmp_path / "corpus" / "tk-odata"
    folder.mkdir(parents=True)
    (folder / "zaak-motie-29684.json").write_text(json.dumps({"value": [dict(zaak, Besluit=[besluit])]}))
    records = read_opendata_folder(folder, tmp_path)
    (motion,) = records.motions.values()
    assert motion.kst_id == "kst-29684-293" and motion.final.outcome == "aangenomen"
    assert len(motion.final.votes) == 15 and motion.final.source == "corpus/tk-odata/zaak-motie-29684.json"
    assert records.unresolved == {}


def test_headings_notes_lists_and_signature_of_a_letter_reach_the_segmenter(tmp_path: Path):
    """The recorded Kamerstukken are motions; a letter's elements (kop, noot, lijst,
    ondertekening) are exercised on a small hand-built XML in KOOP's element names."""
    from bestuursgraaf.graph.sources.official import kamerstuk_text
    from lxml import etree

    letter = etree.fromstring(
        "<officiele-publicatie><kamerstuk><kamerstukkop>"
        '<tekstregel inhoud="kameraanduiding">Tweede Kamer der Staten-Generaal</tekstregel>'
        '<tekstregel inhoud="vergaderjaar">Vergaderjaar 2023-2024</tekstregel></kamerstukkop>'
        "<dossier><dossiernummer><dossiernr>33 047</dossiernr></dossiernummer>"
        "<titel>Bestuur en bestuurlijke inrichting</titel></dossier>"
        "<stuk><stuknr>Nr. <ondernummer>27</ondernummer></stuknr>"
        "<titel>BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES</titel>"
        "<algemeen><vrije-tekst><tekst><al>Aan de Voorzitter van de Tweede Kamer der Staten-Generaal</al>"
        "<al>Den Haag, 3 juni 2024</al><divisie><kop><nr>1.</nr><titel>Inleiding</titel></kop>"
        "<al>Hierbij stuur ik u de voortgangsrapportage.<noot id='n1' type='voet'><noot.nr>1</noot.nr>"
        "<noot.al>Kamerstukken II 2022/23, 33 047, nr. 25.</noot.al></noot> Zij volgt op de agenda.</al>"
        "<lijst type='expliciet'><li><li.nr>–</li.nr><al>gemeenten;</al></li>"
        "<li><li.nr>–</li.nr><al>provincies.</al></li></lijst></divisie></tekst></vrije-tekst></algemeen>"
        "<tekst-sluiting><ondertekening><functie>De Minister van Binnenlandse Zaken en "
        "Koninkrijksrelaties,</functie><naam><voornaam>H.G.J.</voornaam> "
        "<achternaam>Bruins Slot</achternaam></naam></ondertekening></tekst-sluiting></stuk>"
        "</kamerstuk></officiele-publicatie>"
    )
    text = kamerstuk_text(tmp_path / "kst-33047-27.xml", letter)
    segmented = segment(text)
    assert [(h.number, h.title) for h in segmented.headings] == [("1", "1. Inleiding")]
    (note,) = segmented.footnotes.values()
    assert note.body == "Kamerstukken II 2022/23, 33 047, nr. 25."
    assert "voortgangsrapportage. Zij volgt" in " ".join(segmented.clean.split())
    assert "– gemeenten;\n\n– provincies." in text
    assert "De Minister van Binnenlandse Zaken en Koninkrijksrelaties,\nH.G.J. Bruins Slot" in text
    heading = extract_published_heading(segmented.clean)
    assert heading.kst_id == "kst-33047-27" and heading.kind == "brief"
