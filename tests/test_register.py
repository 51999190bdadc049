"""The Tweede Kamer's register of toezeggingen: read from recorded answers (real samples and the
composed corpus case, tests/recorded/SOURCES), fetched from a replaying server, built into the
graph, matched with the letters' commitments, compared by a named query, exported and read back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from bestuursgraaf.graph import cli
from bestuursgraaf.graph.build import build_dataset
from bestuursgraaf.graph.namespaces import BG, Minter
from bestuursgraaf.graph.queries import load_query
from bestuursgraaf.graph.register_export import (
    TK,
    export_commitments,
    export_id,
    kamer_schema,
    read_export,
    row_from_element,
    schema,
)
from bestuursgraaf.graph.register_graph import entry_iri
from bestuursgraaf.graph.register_match import (
    dossier_fits,
    extracted_commitments,
    match_register,
    names_dossier,
    score,
    text_similarity,
)
from bestuursgraaf.graph.sources.fetch import fetch
from bestuursgraaf.graph.sources.http import FetchError
from bestuursgraaf.graph.sources.tk_odata import OpenDataError
from bestuursgraaf.graph.sources.tk_register import (
    STATUSES,
    canonical_status,
    entry_from_row,
    read_register_answer,
    read_register_folder,
)
from bestuursgraaf.graph.store import EmbeddedStore
from lxml import etree
from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS, RDF

from evaluation.register import report, score_pairs
from tests.recorded_server import RECORDED, replaying
from tests.test_fetch import BUNDLED, closed_port, settings_for, snapshot

MINTER = Minter()
COMPOSED = RECORDED / "composed" / "toezegging-33047.json"
SAMPLES = RECORDED / "tk-odata" / "toezegging-samples.json"
REFERENCE = Path(__file__).parent / "reference" / "register_matches.json"
KAMER_XSD = Path(__file__).parent.parent / "ontology" / "tkdata" / "tkData-v1-0-toezegging.xsd"


def register_corpus(folder: Path) -> Path:
    corpus = folder / "corpus"
    shutil.copytree(BUNDLED, corpus, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    (corpus / "tk-odata").mkdir()
    for answer in (COMPOSED, SAMPLES):
        shutil.copy(answer, corpus / "tk-odata" / answer.name)
    return corpus


@pytest.fixture(scope="module")
def register_dataset(tmp_path_factory) -> Dataset:
    return build_dataset(register_corpus(tmp_path_factory.mktemp("register")), MINTER)


@pytest.fixture(scope="module")
def register_store(register_dataset: Dataset, tmp_path_factory) -> EmbeddedStore:
    path = tmp_path_factory.mktemp("register-nq") / "graph.nq"
    path.write_bytes(register_dataset.serialize(format="nquads").encode("utf-8"))
    store = EmbeddedStore()
    store.load_file(path)
    return store


def letter_commitments(dataset: Dataset) -> list:
    dataset.default_union = True
    try:
        return extracted_commitments(dataset)
    finally:
        dataset.default_union = False


def composed_pair(dataset: Dataset, number: str, commitment: str):
    """A composed register entry and a commitment of the built letters, by number and id."""
    entry = next(e for e in read_register_answer(COMPOSED, "c") if e.number == number)
    return entry, next(c for c in letter_commitments(dataset) if str(c.node).endswith(commitment))


# -- reading ---------------------------------------------------------------------------------------
def test_the_real_samples_read_with_number_promisor_office_and_status():
    entries = {e.number: e for e in read_register_answer(SAMPLES, "recorded/tk-odata/toezegging-samples.json")}
    assert set(entries) == {"TZ202412-116", "TZ202504-057", "TZ202402-164"}
    wiersma = entries["TZ202412-116"]
    assert wiersma.promisor == "Wiersma, F.M." and wiersma.status == "Openstaand"
    assert wiersma.office.startswith("Minister van Landbouw") and wiersma.activity == "2024A05766"
    assert wiersma.due is None and wiersma.dossiers == () and wiersma.letters == ()


def test_expanded_rows_give_dossier_fulfilling_letter_and_relations():
    entries = {e.number: e for e in read_register_answer(COMPOSED, "composed")}
    fulfilled = entries["TZ202310-104"]
    assert fulfilled.dossiers == ("33047",) and fulfilled.due == "2024-03-31"
    assert [letter.kst_id for letter in fulfilled.letters] == ["kst-33047-27"]
    assert entries["TZ202506-109"].relations == {"IsHerhalingVan": ("composed-toezegging-01",)}
    assert entries["TZ202310-108"].due is None  # 0001-01-01: the register's "no date"


def test_a_row_that_is_no_toezegging_is_refused_with_file_and_row(tmp_path: Path):
    path = tmp_path / "toezegging-x.json"
    path.write_text(json.dumps({"value": [{"Id": "a", "Tekst": "t"}, {"Id": "b"}]}), encoding="utf-8")
    with pytest.raises(OpenDataError, match=r"toezegging-x.json: row 2 is not a Toezegging"):
        read_register_answer(path, "x")


def test_statuses_are_the_kamers_enumeration_in_its_spelling():
    xsd = etree.parse(str(KAMER_XSD))
    enumeration = xsd.xpath("//*[local-name()='simpleType'][@name='toezeggingstatus']//@value")
    assert tuple(enumeration) == STATUSES
    assert canonical_status("Deels voldaan") == "Deels Voldaan" and canonical_status(" afgedaan ") == "Afgedaan"
    assert canonical_status("Iets anders") == "Iets anders" and canonical_status("") is None
    real = {e.status for e in read_register_answer(SAMPLES, "s")}
    assert real == {"Openstaand", "Afgedaan"} <= set(STATUSES)


def test_every_field_the_reader_takes_from_kamer_xml_is_in_the_kamers_xsd():
    from bestuursgraaf.graph.register_export import _FIELDS
    from bestuursgraaf.graph.sources.tk_register import RELATIONS

    xsd = etree.parse(str(KAMER_XSD))
    elements = set(xsd.xpath("//*[local-name()='complexType'][@name='toezeggingType']//*[local-name()='element']/@name"))
    read = set(_FIELDS) | {"kamerbriefNakoming"} | {r[0].lower() + r[1:] for r in RELATIONS}
    assert read <= elements, read - elements


def test_the_syncfeeds_kamerbrief_nakoming_is_text_and_achternaam_gives_the_family_name():
    row = {
        "Id": "x", "Tekst": "t", "Status": "Deels voldaan", "Naam": "Burg, E. van der",
        "Achternaam": "Burg", "Tussenvoegsel": "van der", "KamerbriefNakoming": ["2024D23270", "kst-33047-27"],
    }
    entry = entry_from_row(row, "s")
    assert entry.status == "Deels Voldaan" and entry.family_name == "van der burg"
    assert [(x.number, x.kst_id) for x in entry.letters] == [("2024D23270", None), (None, "kst-33047-27")]
    assert entry_from_row({**row, "KamerbriefNakoming": "2024D23270"}, "s").letters[0].number == "2024D23270"


def test_a_kamer_toezegging_element_is_read_by_its_field_names(tmp_path: Path):
    """The real sample rows' values written as the Kamer's own XML (attributes unqualified, as the
    live SyncFeed writes them), read back through the same reader as the OData rows."""
    real = json.loads(SAMPLES.read_text(encoding="utf-8"))["value"]
    feed = etree.Element("feed")
    for number, row in enumerate(real):
        element = etree.SubElement(feed, f"{{{TK}}}toezegging", nsmap={None: TK}, id=f"{number:08d}-0000-4000-8000-000000000000",
                                   verwijderd="false", bijgewerkt="2025-10-01T00:00:00Z")
        for name in ("nummer", "activiteitNummer", "naam", "functie", "status", "tekst"):
            etree.SubElement(element, f"{{{TK}}}{name}").text = row[name[0].upper() + name[1:]]
    path = tmp_path / "toezegging-feed.xml"
    path.write_bytes(etree.tostring(feed))
    from_xml = {e.number: e for e in read_export(path, "feed")}
    from_json = {e.number: e for e in read_register_answer(SAMPLES, "feed")}
    assert set(from_xml) == set(from_json)
    for number, entry in from_xml.items():
        other = from_json[number]
        assert (entry.text, entry.status, entry.promisor, entry.office, entry.activity) == (
            other.text, other.status, other.promisor, other.office, other.activity
        )
    assert row_from_element(feed[0])["Verwijderd"] is False


def test_an_xml_file_without_toezegging_elements_is_refused(tmp_path: Path):
    path = tmp_path / "toezegging-empty.xml"
    path.write_text("<feed/>", encoding="utf-8")
    with pytest.raises(OpenDataError, match="toezegging-empty.xml: no toezegging of"):
        read_export(path, "x")


# -- fetching --------------------------------------------------------------------------------------
def test_fetch_writes_the_toezeggingen_of_a_dossier_and_of_a_minister(tmp_path: Path):
    corpus = tmp_path / "corpus"
    with replaying() as replay:
        settings = settings_for(replay.base, tmp_path / "cache")
        report_ = fetch(corpus, settings, dossier="33047", sources=("tk",), toezeggingen=True)
        by_minister = fetch(corpus, settings, minister="Wiersma", sources=("tk",))
    assert report_.toezeggingen == 9 and by_minister.toezeggingen == 3
    asked = [r for r in replay.requests if "/odata/Toezegging?" in r]
    assert any("Nummer%20eq%2033047" in r and "KamerbriefNakoming" in r for r in asked)
    # Toezegging.Activiteit is a collection in the $metadata: reached through any(), not a path
    assert any("Activiteit/any(a: a/Zaak/any(" in unquote(r) for r in asked)
    assert any("contains%28Naam%2C%20%27Wiersma%27%29" in r for r in asked)
    entries = read_register_folder(corpus / "tk-odata", tmp_path)
    assert len(entries) == 12 and {e.source for e in entries} == {
        "corpus/tk-odata/toezegging-33047.json", "corpus/tk-odata/toezegging-minister-wiersma.json"
    }


def test_toezeggingen_without_a_dossier_or_minister_is_a_one_line_error(tmp_path: Path):
    with pytest.raises(FetchError, match="--toezeggingen needs --dossier or --minister"):
        fetch(tmp_path / "c", settings_for("http://127.0.0.1:1", tmp_path), identifiers=["kst-33047-27"], toezeggingen=True)


def test_fetching_a_ministers_toezeggingen_offline_fails_in_one_line_and_changes_nothing(
    tmp_path: Path, monkeypatch, capsys
):
    corpus = tmp_path / "corpus"
    (corpus / "tk-odata").mkdir(parents=True)
    shutil.copy(SAMPLES, corpus / "tk-odata" / SAMPLES.name)
    before = snapshot(corpus)
    monkeypatch.setenv("BESTUURSGRAAF_ODATA_URL", f"http://127.0.0.1:{closed_port()}/odata")
    monkeypatch.setenv("BESTUURSGRAAF_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("BESTUURSGRAAF_FETCH_INTERVAL", "0")
    monkeypatch.setenv("BESTUURSGRAAF_FETCH_RETRIES", "1")
    code = cli.main(["fetch", "--corpus", str(corpus), "--minister", "Bruins Slot", "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == cli.EXIT_ERROR and len(err) == 1 and "cannot reach 127.0.0.1:" in err[0]
    assert snapshot(corpus) == before


# -- the graph -------------------------------------------------------------------------------------
def test_each_register_entry_is_a_node_with_its_fields_and_provenance(register_dataset: Dataset):
    g = register_dataset.graph(MINTER.opendata_graph)
    node = entry_iri(MINTER, "composed-toezegging-04")
    assert (node, RDF.type, BG.RegisterCommitment) in g
    assert str(g.value(node, BG.registryId)) == "TZ202310-104"
    assert str(g.value(node, BG.registerStatus)) == "Voldaan" and g.value(node, BG.status) == BG.Fulfilled
    assert str(g.value(node, BG.dueDate)) == "2024-03-31"
    assert str(g.value(node, BG.ministryName)) == "Binnenlandse Zaken en Koninkrijksrelaties"
    assert str(g.value(node, BG.promisor)).endswith("/persoon/bruins-slot")  # the letters' signer
    assert g.value(node, BG.fulfilledIn) == MINTER.kamerstuk("kst-33047-27")
    assert str(g.value(node, DCTERMS.source)).endswith("/Toezegging(composed-toezegging-04)")
    assert str(g.value(node, BG.importedFrom)) == "corpus/tk-odata/toezegging-33047.json"
    repeat = entry_iri(MINTER, "composed-toezegging-09")
    assert (repeat, BG.repeats, entry_iri(MINTER, "composed-toezegging-01")) in g


def test_a_match_is_a_qualified_relation_with_method_and_confidence(register_dataset: Dataset):
    g = register_dataset.graph(MINTER.opendata_graph)
    matches = list(g.subjects(BG.registerEntry, entry_iri(MINTER, "composed-toezegging-04")))
    assert len(matches) == 1
    match = matches[0]
    assert str(g.value(match, BG.extractedCommitment)).endswith("/toezegging/003-716a83a6eb3f8840-19854-1")
    assert str(g.value(match, BG.linkMethod)).startswith("automatic: content words ")
    assert "fulfilling letter" in str(g.value(match, BG.linkMethod))
    assert 0.45 <= float(g.value(match, BG.confidence)) <= 1


# -- matching --------------------------------------------------------------------------------------
def test_text_similarity_counts_content_words_not_the_genres_words():
    assert text_similarity("De minister informeert de Kamer.", "Ik informeer uw Kamer.") == 0.0
    assert text_similarity("uitkomsten van de verkenning", "de uitkomst van deze verkenningen") == 1.0


def test_another_dossier_or_another_minister_is_no_match(register_dataset: Dataset):
    commitments = letter_commitments(register_dataset)
    entry, target = composed_pair(register_dataset, "TZ202310-103", "003-716a83a6eb3f8840-15520-1")
    assert score(entry, target) is not None
    from dataclasses import replace

    assert score(replace(entry, dossiers=("29684",)), target) is None
    other = score(replace(entry, promisor="Wiersma, F.M."), target)
    assert other is None or other.confidence < score(entry, target).confidence
    pairs = match_register([entry], commitments)
    assert [str(m.commitment.node).rsplit("/", 1)[-1] for m in pairs] == ["003-716a83a6eb3f8840-15520-1"]


def test_names_dossier_reads_the_ways_a_text_writes_a_dossier():
    assert names_dossier("(Kamerstuk 33 047, nr. 27)", "33047") and names_dossier("dossier 33047", "33047")
    assert names_dossier("Kamerstukken 36 600 VII, nr. 3", "36600-VII")
    assert not names_dossier("Kamerstuk 36 600 VII", "36600") and not names_dossier("133047", "33047")
    assert not names_dossier("€ 33.047", "33047")


def test_an_entry_of_a_dossier_the_letter_only_cites_matches_only_when_the_passage_names_it(
    register_dataset: Dataset,
):
    """004 is kst-33047-25 and cites 35925-VII in a footnote; a register entry of 35925-VII is of
    another dossier than the letter's, so the same words are no match, unless the passage names it."""
    from dataclasses import replace

    entry, target = composed_pair(register_dataset, "TZ202302-101", "004-6c88505460917616-25790-1")
    assert target.own_dossiers == {"33047"} and "35925-VII" in target.dossiers
    assert score(entry, target) is not None
    elsewhere = replace(entry, dossiers=("35925-VII",))
    assert not dossier_fits(elsewhere, target) and score(elsewhere, target) is None
    named = replace(target, text=target.text + " (Kamerstuk 35 925 VII, nr. 1)")
    assert dossier_fits(elsewhere, named) and score(elsewhere, named) is not None
    assert dossier_fits(replace(entry, dossiers=()), target)  # no known dossier: not another one


def test_matching_against_the_hand_annotation(register_dataset: Dataset):
    from evaluation.register import predicted_pairs

    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))["register"]
    result = score_pairs(predicted_pairs(register_dataset), reference)
    assert result.precision >= 0.85 and result.recall >= 0.85, report(result)
    real = score_pairs(predicted_pairs(register_dataset), reference, "real")
    assert {r["register"] for r in reference if r["part"] == "real"} == {"TZ202412-116", "TZ202504-057", "TZ202402-164"}
    assert not real.false_positives  # no real entry of another dossier is taken for a letter's promise
    assert ("TZ202310-107", "") not in result.false_positives


def test_the_evaluation_prints_precision_recall_and_every_error(capsys):
    from evaluation.evaluate import main

    assert main(["--set", "register"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("register matching: precision ") and " recall " in out[0]
    assert out[1].startswith("  on real entries: ") and out[2].startswith("  on composed entries: ")
    assert all(line.startswith(("  false positive: ", "  false negative: ")) for line in out[3:])


# -- the comparison query --------------------------------------------------------------------------
def test_the_comparison_lists_the_three_kinds_of_difference(register_store: EmbeddedStore):
    rows = register_store.select(load_query("register-comparison").bind({})).rows
    kinds = {row["kind"] for row in rows}
    assert kinds == {"not-in-register", "not-in-letters", "disagreement"}
    lacking = {row["register_number"] for row in rows if row["kind"] == "not-in-letters"}
    assert {"TZ202310-107", "TZ202412-116", "TZ202504-057", "TZ202402-164"} <= lacking
    disagreeing = {row["register_number"]: row["difference"] for row in rows if row["kind"] == "disagreement"}
    assert "status" in disagreeing["TZ202310-105"]  # Voldaan in the register, open in the letters
    assert "date" in disagreeing["TZ202302-101"]  # end of 2023 in the register, medio 2023 in the letter
    matched = {row["commitment"] for row in rows if row["kind"] == "not-in-register"}
    assert not any(c.endswith("003-716a83a6eb3f8840-15520-1") for c in matched)


def test_the_comparison_filters_on_its_kind(register_store: EmbeddedStore):
    rows = register_store.select(load_query("register-comparison").bind({"kind": "disagreement"})).rows
    assert rows and {row["kind"] for row in rows} == {"disagreement"}


def test_the_api_serves_the_comparison(register_store: EmbeddedStore):
    from bestuursgraaf.api import create_app

    client = create_app(register_store).test_client()
    answer = client.get("/queries/register-comparison?kind=not-in-letters&format=json")
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["results"]["bindings"] if "results" in body else body
    assert b"TZ202310-107" in answer.data


# -- export ----------------------------------------------------------------------------------------
def test_the_export_is_valid_against_its_schema_and_reads_back_matching_one_to_one(
    register_dataset: Dataset, tmp_path: Path
):
    data = export_commitments(register_dataset)
    assert schema().validate(etree.fromstring(data))
    kamer = kamer_schema()
    elements = list(etree.fromstring(data).iter(f"{{{TK}}}toezegging"))
    for element in elements:
        alone = etree.fromstring(etree.tostring(element))
        assert kamer.validate(alone), kamer.error_log.last_error
    assert {e.get("id") for e in elements} == {export_id(URIRef(e.getparent().get("commitment"))) for e in elements}
    path = tmp_path / "toezegging-export.xml"
    path.write_bytes(data)
    entries = read_export(path, "export")
    commitments = letter_commitments(register_dataset)
    assert len(entries) == len(commitments) > 10
    matches = match_register(entries, commitments)
    assert sorted((m.entry.entry_id, str(m.commitment.node)) for m in matches) == sorted(
        (str(c.node), str(c.node)) for c in commitments
    )
    fulfilled = next(e for e in entries if e.entry_id.endswith("003-716a83a6eb3f8840-19854-1"))
    assert fulfilled.status == "Voldaan" and [x.kst_id for x in fulfilled.letters] == ["kst-33047-27"]


def test_an_invalid_export_is_refused_with_file_and_line(tmp_path: Path):
    path = tmp_path / "toezegging-bad.xml"
    path.write_text(
        '<toezeggingen xmlns="https://w3id.org/bestuursgraaf/export/toezeggingen" xmlns:tk="' + TK + '">\n'
        '<entry commitment="x"><tk:toezegging id="00000000-0000-4000-8000-000000000000" tk:verwijderd="false"'
        ' tk:bijgewerkt="2025-01-01T00:00:00Z"><tk:status>Misschien</tk:status></tk:toezegging><bron>x</bron></entry>\n'
        "</toezeggingen>\n",
        encoding="utf-8",
    )
    with pytest.raises(OpenDataError, match=r"toezegging-bad.xml:2: not a valid toezeggingen document"):
        read_export(path, "x")


def test_the_cli_exports_a_built_graph(tmp_path: Path, capsys, built_graph_path: Path):
    out = tmp_path / "toezeggingen.xml"
    assert cli.main(["export-toezeggingen", "--graph", str(built_graph_path), "--out", str(out)]) == 0
    root = etree.parse(str(out)).getroot()
    assert schema().validate(root) and len(root) > 10
    assert cli.main(["export-toezeggingen", "--graph", str(tmp_path / "none.nq"), "--out", str(out)]) == cli.EXIT_ERROR
    assert "no built graph" in capsys.readouterr().err


def test_an_exported_file_in_a_corpus_is_register_input(register_dataset: Dataset, tmp_path: Path):
    folder = tmp_path / "tk-odata"
    folder.mkdir()
    (folder / "toezegging-export.xml").write_bytes(export_commitments(register_dataset))
    entries = read_register_folder(folder, tmp_path)
    assert entries and all(URIRef(e.entry_id) for e in entries)
    assert {e.source for e in entries} == {"tk-odata/toezegging-export.xml"}


def test_exporting_a_broken_graph_is_a_one_line_error(tmp_path: Path, capsys):
    broken = tmp_path / "broken.nq"
    broken.write_text("not n-quads\n", encoding="utf-8")
    code = cli.main(["export-toezeggingen", "--graph", str(broken), "--out", str(tmp_path / "x.xml")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == cli.EXIT_ERROR and len(err) == 1 and "not N-Quads" in err[0]
    assert not (tmp_path / "x.xml").exists()
