"""DiWoo records of the real built corpus: valid against the DiWoo 0.9.8 XSD, linked back to the graph."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bestuursgraaf.graph.build import union_graph
from bestuursgraaf.graph.namespaces import BG
from bestuursgraaf.graph.publish.diwoo import (
    DIWOO_NS,
    diwoo_filename,
    diwoo_record,
    load_diwoo_mapping,
    source_documents,
)
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS

XSD = Path(__file__).parent / "data" / "diwoo" / "diwoo-metadata.xsd"
D = f"{{{DIWOO_NS}}}"
REQUIRED = (
    "publisher",
    "titelcollectie/diwoo:officieleTitel",
    "classificatiecollectie/diwoo:informatiecategorieen/diwoo:informatiecategorie",
    "documenthandelingen/diwoo:documenthandeling/diwoo:atTime",
)
NS = {"diwoo": DIWOO_NS}


@pytest.fixture(scope="module")
def union(built_graph_path: Path) -> Graph:
    dataset = Dataset()
    dataset.parse(built_graph_path, format="nquads")
    return union_graph(dataset)


@pytest.fixture(scope="module")
def records(union: Graph) -> dict[URIRef, bytes]:
    return {doc: diwoo_record(union, doc) for doc in source_documents(union)}


def _field(root: ET.Element, key: str) -> list[str]:
    for veld in root.iterfind(
        "diwoo:extraMetadata/diwoo:extraMetadatavelden/diwoo:extraMetadataveld", NS
    ):
        if veld.findtext("diwoo:key", namespaces=NS) == key:
            return [v.text for v in veld.iterfind("diwoo:values/diwoo:value", NS)]
    return []


def test_every_source_document_has_a_record_with_the_required_elements(records):
    assert len(records) >= 5
    for doc, xml in records.items():
        root = ET.fromstring(xml)
        assert root.tag == f"{D}Document"
        for path in REQUIRED:
            assert root.find(f"diwoo:DiWoo/diwoo:{path}", NS) is not None, (doc, path)


def test_records_are_valid_against_the_diwoo_xsd(records):
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    for doc, xml in records.items():
        assert schema.validate(etree.fromstring(xml)), (doc, [str(e) for e in schema.error_log])


def test_the_xsd_refuses_a_record_without_publisher(records):
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    root = etree.fromstring(next(iter(records.values())))
    publisher = root.find("diwoo:DiWoo/diwoo:publisher", NS)
    publisher.getparent().remove(publisher)
    assert not schema.validate(root)


def test_publisher_is_bzk_and_category_is_vergaderstukken_staten_generaal(records):
    for xml in records.values():
        root = ET.fromstring(xml)
        assert (
            root.find("diwoo:DiWoo/diwoo:publisher", NS)
            .get("resource")
            .endswith("/ministerie/mnre1034")
        )
        category = root.find(".//diwoo:informatiecategorie", NS)
        assert category.get("resource").endswith("/kern/c_c76862ab")
        assert category.text == "vergaderstukken Staten-Generaal"


def test_record_links_back_to_the_graph_document_and_its_citations(union, records):
    for doc, xml in records.items():
        root = ET.fromstring(xml)
        assert _field(root, "document") == [str(doc)]
        assert str(doc) in [e.text for e in root.iterfind(".//diwoo:identifier", NS)]
        assert set(_field(root, "cites")) == {str(o) for o in union.objects(doc, BG.cites)}
        relations = root.findall(".//diwoo:documentrelatie", NS)
        assert len(relations) == len(set(union.objects(doc, BG.cites)) - {doc})


def test_kamerbrief_published_as_kamerstuk_has_its_kst_id_and_documentsoort(union, records):
    published = [d for d in records if union.value(d, BG.publishedAs) is not None]
    assert published
    for doc in published:
        root = ET.fromstring(records[doc])
        kst = str(union.value(union.value(doc, BG.publishedAs), BG.kstId))
        assert kst in [e.text for e in root.iterfind(".//diwoo:identifier", NS)]
        assert "Kamerstuk" in [e.text for e in root.iterfind(".//diwoo:documentsoort", NS)]


def test_annex_is_part_of_its_kamerstuk(union, records):
    annexes = [d for d in records if union.value(d, BG.annexOf) is not None]
    assert annexes
    for doc in annexes:
        part_of = ET.fromstring(records[doc]).find("diwoo:DiWoo/diwoo:isPartOf", NS)
        assert part_of is not None and part_of.get("resource")


def test_title_and_full_date_are_carried_over(union, records):
    for doc, xml in records.items():
        root = ET.fromstring(xml)
        assert root.findtext(".//diwoo:officieleTitel", namespaces=NS) == str(
            union.value(doc, DCTERMS.title)
        )
        date = str(union.value(doc, DCTERMS.date))
        assert root.findtext(".//diwoo:atTime", namespaces=NS).startswith(date)
        assert _field(root, "date") == [date]


def test_a_document_without_title_is_refused(union):
    doc = source_documents(union)[0]
    stripped = Graph()
    for triple in union.triples((doc, None, None)):
        if triple[1] != DCTERMS.title:
            stripped.add(triple)
    with pytest.raises(ValueError, match="officieleTitel"):
        diwoo_record(stripped, doc)


def test_mapping_uses_only_verified_rows():
    mapping = load_diwoo_mapping()
    assert ("documentsoort", "Nota") not in mapping
    assert mapping[("publisher", "default")].resource.endswith("mnre1034")


def test_filename_is_the_document_id(union):
    doc = source_documents(union)[0]
    assert diwoo_filename(union, doc) == f"{union.value(doc, DCTERMS.identifier)}.diwoo.xml"


def test_cli_writes_one_record_per_document(built_graph_path, union, tmp_path):
    from bestuursgraaf.graph.cli import main

    assert main(["diwoo", "--graph", str(built_graph_path), "--out", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.glob("*.diwoo.xml"))
    assert written == sorted(diwoo_filename(union, d) for d in source_documents(union))
    ET.parse(tmp_path / written[0])


def test_api_serves_the_record_of_a_document(embedded_store, union, records):
    from bestuursgraaf.api import create_app

    client = create_app(embedded_store).test_client()
    for doc, xml in records.items():
        doc_id = str(union.value(doc, DCTERMS.identifier))
        response = client.get(f"/documents/{doc_id}/diwoo.xml")
        assert response.status_code == 200
        assert response.mimetype == "application/xml"
        assert response.data == xml
    missing = client.get("/documents/no_such_doc/diwoo.xml")
    assert missing.status_code == 404
    assert missing.mimetype == "application/problem+json"
