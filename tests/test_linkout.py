"""Links out to TOOI, BWB and officiële bekendmakingen from small graphs of the graph's own shapes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bestuursgraaf.graph.linkout import DEFAULT, MappingError, link_out, load_mappings, normalise
from bestuursgraaf.graph.namespaces import BG
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS

ID = Namespace("https://w3id.org/bestuursgraaf/id/")
TOOI = "https://identifier.overheid.nl/tooi/id/"
WOO_SG = URIRef("https://identifier.overheid.nl/tooi/def/thes/kern/c_c76862ab")


def _thing(graph: Graph, path: str, cls: URIRef, label: str) -> URIRef:
    node = ID[path]
    graph.add((node, RDF.type, cls))
    graph.add((node, RDFS.label, Literal(label, lang="nl")))
    return node


@pytest.fixture(scope="module")
def sample() -> Graph:
    g = Graph()
    _thing(
        g,
        "organisatie/ministerie-van-binnenlandse-zaken-en-koninkrijksrelaties",
        BG.Ministry,
        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    )
    _thing(g, "organisatie/bzk", BG.Organisation, "BZK")
    _thing(g, "organisatie/ministerie-van-financien", BG.Ministry, "ministerie van Financiën")
    _thing(
        g,
        "organisatie/vereniging-van-nederlandse-gemeenten",
        BG.Koepel,
        "Vereniging van Nederlandse Gemeenten",
    )
    _thing(g, "organisatie/provincie-zeeland", BG.Organisation, "Provincie Zeeland")
    _thing(g, "organisatie/gemeente-utrecht", BG.Organisation, "Gemeente Utrecht")
    _thing(g, "organisatie/utrecht", BG.Organisation, "Utrecht")
    _thing(
        g,
        "organisatie/klimaat-en-groene-groei",
        BG.Ministry,
        "Ministerie van Klimaat en Groene Groei",
    )
    kst = _thing(g, "kamerstuk/kst-33047-25", BG.Kamerstuk, "Kamerstuk 33047, nr. 25")
    g.add((kst, BG.kstId, Literal("kst-33047-25")))
    g.add((kst, BG.dossierNumber, Literal("33047")))
    g.add((kst, BG.ondernummer, Literal("25")))
    g.add((kst, BG.chamber, BG.TweedeKamer))
    g.add((kst, BG.vergaderjaar, Literal("2022-2023")))
    begroting = ID["kamerstuk/kst-36600-VII-4"]
    g.add((begroting, RDF.type, BG.Kamerstuk))
    g.add((begroting, BG.dossierNumber, Literal("36600-VII")))
    g.add((begroting, BG.ondernummer, Literal("4")))
    gemw = _thing(g, "wet/gemeentewet", BG.Law, "Gemeentewet")
    _thing(g, "wet/financiele-verhoudingswet", BG.Law, "Financiële-verhoudingswet")
    _thing(
        g,
        "wet/wet-versterking-decentrale-rekenkamers",
        BG.Law,
        "Wet versterking decentrale rekenkamers",
    )
    art = _thing(g, "wet/gemeentewet/artikel-116", BG.LegalProvision, "Gemeentewet, artikel 116")
    g.add((art, BG.provisionOf, gemw))
    _thing(g, "wet/provinciewet/artikel-217a", BG.LegalProvision, "Provinciewet, artikel 217a")
    brief = _thing(g, "doc/brief-1", BG.Kamerbrief, "Brief over de Gemeentewet")
    g.add((brief, BG.publishedAs, kst))
    return g


@pytest.fixture(scope="module")
def links(sample: Graph) -> Graph:
    return link_out(sample)


def test_bundled_mappings_load_and_validate():
    mappings = load_mappings()
    assert {row.key for row in mappings.organisations} >= {"bzk", "vng", "pv-zeeland", "gm-utrecht"}
    assert load_mappings() is mappings  # cached


def test_ministry_by_full_label_is_same_as_tooi(links: Graph):
    node = ID["organisatie/ministerie-van-binnenlandse-zaken-en-koninkrijksrelaties"]
    assert (node, OWL.sameAs, URIRef(TOOI + "ministerie/mnre1034")) in links


def test_organisation_by_abbreviation(links: Graph):
    assert (ID["organisatie/bzk"], OWL.sameAs, URIRef(TOOI + "ministerie/mnre1034")) in links


def test_label_matching_ignores_case_and_diacritics(links: Graph):
    node = ID["organisatie/ministerie-van-financien"]
    assert (node, OWL.sameAs, URIRef(TOOI + "ministerie/mnre1090")) in links
    assert normalise("Financiële-verhoudingswet") == "financiele verhoudingswet"


def test_vng_is_not_in_tooi_and_gets_no_link(links: Graph):
    node = ID["organisatie/vereniging-van-nederlandse-gemeenten"]
    assert not list(links.triples((node, None, None)))
    vng = next(r for r in load_mappings().organisations if r.key == "vng")
    assert vng.target == "" and "not in TOOI" in vng.get("note")


def test_province_and_municipality(links: Graph):
    assert (
        ID["organisatie/provincie-zeeland"],
        OWL.sameAs,
        URIRef(TOOI + "provincie/pv29"),
    ) in links
    assert (
        ID["organisatie/gemeente-utrecht"],
        OWL.sameAs,
        URIRef(TOOI + "gemeente/gm0344"),
    ) in links


def test_bare_name_of_both_province_and_municipality_links_to_neither(links: Graph):
    assert not list(links.triples((ID["organisatie/utrecht"], OWL.sameAs, None)))


def test_unverified_row_emits_nothing(links: Graph):
    assert not list(links.triples((ID["organisatie/klimaat-en-groene-groei"], None, None)))
    assert not list(links.triples((ID["wet/wet-versterking-decentrale-rekenkamers"], None, None)))


def test_kamerstuk_links_to_official_publication(links: Graph):
    node = ID["kamerstuk/kst-33047-25"]
    page = URIRef("https://zoek.officielebekendmakingen.nl/kst-33047-25.html")
    assert (node, FOAF.page, page) in links
    assert (node, RDFS.seeAlso, page) in links
    assert (node, BG.linkedBy, Literal("graph/mappings/publication_patterns.csv")) in links


def test_kamerstuk_without_kst_id_is_derived_from_dossier_and_number(links: Graph):
    page = URIRef("https://zoek.officielebekendmakingen.nl/kst-36600-VII-4.html")
    assert (ID["kamerstuk/kst-36600-VII-4"], FOAF.page, page) in links


def test_laws_get_bwb_id_and_page(links: Graph):
    gemw = ID["wet/gemeentewet"]
    assert (gemw, DCTERMS.identifier, Literal("BWBR0005416")) in links
    assert (gemw, FOAF.page, URIRef("https://wetten.overheid.nl/BWBR0005416")) in links
    assert (gemw, BG.linkedBy, Literal("graph/mappings/bwb_laws.csv")) in links
    fvw = ID["wet/financiele-verhoudingswet"]
    assert (fvw, DCTERMS.identifier, Literal("BWBR0008290")) in links


def test_provision_links_by_juriconnect(links: Graph):
    url = URIRef("https://wetten.overheid.nl/jci1.3:c:BWBR0005416&artikel=116")
    assert (ID["wet/gemeentewet/artikel-116"], FOAF.page, url) in links


def test_provision_without_provision_of_uses_its_label(links: Graph):
    url = URIRef("https://wetten.overheid.nl/jci1.3:c:BWBR0005645&artikel=217a")
    assert (ID["wet/provinciewet/artikel-217a"], RDFS.seeAlso, url) in links


def test_kamerbrief_gets_woo_category(links: Graph):
    node = ID["doc/brief-1"]
    assert (node, DCTERMS.type, WOO_SG) in links
    assert (node, BG.linkedBy, Literal("graph/mappings/woo_information_categories.csv")) in links


def test_every_linked_resource_records_its_mapping_file(links: Graph):
    linked = {s for s, p, _ in links if p != BG.linkedBy}
    assert linked == set(links.subjects(BG.linkedBy, None))


def test_only_new_triples(sample: Graph, links: Graph):
    assert not [t for t in links if t in sample]


def test_output_is_deterministic(sample: Graph):
    shuffled = Graph()
    for triple in sorted(sample, reverse=True):
        shuffled.add(triple)
    first, second = link_out(sample), link_out(shuffled)
    assert sorted(first) == sorted(second)
    assert sorted(first.serialize(format="nt").splitlines()) == sorted(
        second.serialize(format="nt").splitlines()
    )


def _copy_mappings(tmp_path: Path) -> Path:
    target = tmp_path / "mappings"
    shutil.copytree(DEFAULT, target)
    return target


def _append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return len(text.splitlines()) + 1


def test_malformed_row_names_file_and_line(tmp_path: Path):
    directory = _copy_mappings(tmp_path)
    line = _append(directory / "tooi_organisations.csv", "broken,gemeente,Gemeente X")
    with pytest.raises(MappingError, match=rf"tooi_organisations\.csv:{line}: expected 8 fields"):
        load_mappings(directory)


def test_bad_bwb_id_names_file_and_line(tmp_path: Path):
    directory = _copy_mappings(tmp_path)
    line = _append(directory / "bwb_laws.csv", "x,Wet X,,BWB123,,yes,S-LAWS-MD,")
    with pytest.raises(MappingError, match=rf"bwb_laws\.csv:{line}: 'BWB123' is not a BWB id"):
        load_mappings(directory)


def test_unknown_source_and_ambiguous_names_are_refused(tmp_path: Path):
    directory = _copy_mappings(tmp_path)
    line = _append(
        directory / "tooi_organisations.csv",
        f"x,ministerie,Ministerie X,BZK,{TOOI}ministerie/mnre9999,yes,S-NOWHERE,",
    )
    with pytest.raises(MappingError, match=rf"tooi_organisations\.csv:{line}: source S-NOWHERE"):
        load_mappings(directory)
    other = _copy_mappings(tmp_path / "second")
    line = _append(
        other / "tooi_organisations.csv",
        f"x,ministerie,Ministerie X,BZK,{TOOI}ministerie/mnre9999,yes,S-DIWOO-MIN,",
    )
    with pytest.raises(
        MappingError, match=rf"tooi_organisations\.csv:{line}: name 'bzk' also names bzk"
    ):
        load_mappings(other)


def test_unverified_rows_in_a_custom_directory_emit_nothing(tmp_path: Path, sample: Graph):
    directory = _copy_mappings(tmp_path)
    path = directory / "tooi_organisations.csv"
    text = path.read_text(encoding="utf-8").replace("mnre1034,yes,", "mnre1034,no,")
    path.write_text(text, encoding="utf-8")
    links = link_out(sample, load_mappings(directory))
    assert not list(links.triples((None, OWL.sameAs, URIRef(TOOI + "ministerie/mnre1034"))))
    assert (
        ID["organisatie/provincie-zeeland"],
        OWL.sameAs,
        URIRef(TOOI + "provincie/pv29"),
    ) in links
