"""DiWoo records: each source document's metadata in the form open.overheid.nl publishes, linked to the graph.

`diwoo_record(graph, document)` builds one `diwoo:Document` (DiWoo metadata 0.9.8, the XSD KOOP
publishes for the Woo sitemaps) from the union graph: identifiers (our id, kenmerk, Kamerstuk id),
publisher and verantwoordelijke (BZK's TOOI URI), officieleTitel, the Woo informatiecategorie from
the graph's `dcterms:type`, the documentsoort where the DiWoo list has one, creatiedatum, language,
isPartOf/hasParts for annexes, one `vaststelling` handling at the document's date, and a
`verwijst naar` documentrelatie per cited resource. The DiWoo elements follow the XSD's declaration
order (it is an xs:all, so any order validates). The link back to the graph is an `extraMetadata`
block in our own namespace: the document's IRI and the IRIs of every resource extracted from it.
Values come from `diwoo_mapping.csv` (rows with `verified=yes` only), never from code."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from bestuursgraaf.graph.namespaces import BG
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, XSD

DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/"
DIWOO_SCHEMA_LOCATION = (
    "https://standaarden.overheid.nl/diwoo/metadata/0.9.8/xsd/diwoo/diwoo-metadata.xsd"
)
MAPPING_PATH = Path(__file__).with_name("diwoo_mapping.csv")
LABELS = (RDFS.label, DCTERMS.title, FOAF.name)

ET.register_namespace("diwoo", DIWOO_NS)


@dataclass(frozen=True)
class DiwooValue:
    resource: str
    label: str


def load_diwoo_mapping(path: Path = MAPPING_PATH) -> dict[tuple[str, str], DiwooValue]:
    """(kind, key) -> value-list member, from the verified rows of the mapping file."""
    with path.open(encoding="utf-8") as stream:
        rows = csv.DictReader(line for line in stream if not line.startswith("#"))
        mapping = {}
        for number, row in enumerate(rows, start=2):
            if row["verified"] not in ("yes", "no"):
                raise ValueError(
                    f"{path}: row {row['kind']},{row['key']}: verified must be yes or no"
                )
            if row["verified"] == "yes":
                if not row["resource"]:
                    raise ValueError(
                        f"{path}: row {row['kind']},{row['key']}: verified but no resource"
                    )
                mapping[(row["kind"], row["key"])] = DiwooValue(row["resource"], row["label"])
    return mapping


def source_documents(graph: Graph) -> list[URIRef]:
    """Every source document in the graph (the `{base}doc/<id>` nodes), sorted."""
    return sorted(s for s in graph.subjects(RDF.type, BG.Document) if isinstance(s, URIRef))


def diwoo_filename(graph: Graph, document: URIRef) -> str:
    return f"{graph.value(document, DCTERMS.identifier) or document.rsplit('/', 1)[-1]}.diwoo.xml"


def diwoo_record(graph: Graph, document: URIRef, mapping: dict | None = None) -> bytes:
    """The DiWoo XML record of one source document; ValueError when a required element has no value."""
    mapping = mapping if mapping is not None else load_diwoo_mapping()
    if (document, RDF.type, BG.Document) not in graph:
        raise ValueError(f"{document}: not a source document in this graph")
    root = ET.Element(_q("Document"))
    diwoo = ET.SubElement(root, _q("DiWoo"))
    _identifiers(diwoo, graph, document)
    publisher = mapping[("publisher", "default")]
    for name in ("publisher", "verantwoordelijke"):
        _labelled(diwoo, name, publisher)
    title = graph.value(document, DCTERMS.title)
    if title is None:
        raise ValueError(f"{document}: no dcterms:title, and DiWoo requires an officieleTitel")
    ET.SubElement(ET.SubElement(diwoo, _q("titelcollectie")), _q("officieleTitel")).text = str(
        title
    )
    _classification(diwoo, graph, document, mapping)
    date = graph.value(document, DCTERMS.date)
    if isinstance(date, Literal) and date.datatype == XSD.date:
        ET.SubElement(diwoo, _q("creatiedatum")).text = str(date)
    _labelled(diwoo, "language", mapping[("language", "nl")])
    _parts(diwoo, graph, document)
    _handling(diwoo, document, date, mapping, publisher)
    _relations(diwoo, graph, document, mapping)
    _graph_links(root, graph, document)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _q(name: str) -> str:
    return f"{{{DIWOO_NS}}}{name}"


def _labelled(parent: ET.Element, name: str, value: DiwooValue) -> ET.Element:
    element = ET.SubElement(parent, _q(name), resource=value.resource)
    element.text = value.label
    return element


def _label(graph: Graph, node: URIRef) -> str:
    for predicate in LABELS:
        values = sorted(str(v) for v in graph.objects(node, predicate))
        if values:
            return values[0]
    return str(node)


def _public_iri(graph: Graph, node: URIRef) -> str:
    """A Kamerstuk's page on officielebekendmakingen.nl where the graph links it, else our IRI."""
    see_also = graph.value(node, RDFS.seeAlso)
    return str(see_also) if see_also is not None else str(node)


def _identifiers(diwoo: ET.Element, graph: Graph, document: URIRef) -> None:
    values = [str(graph.value(document, DCTERMS.identifier) or document), str(document)]
    values += sorted(str(k) for k in graph.objects(document, BG.kenmerk))
    values += sorted(
        str(graph.value(k, BG.kstId))
        for k in graph.objects(document, BG.publishedAs)
        if graph.value(k, BG.kstId) is not None
    )
    identifiers = ET.SubElement(diwoo, _q("identifiers"))
    for value in dict.fromkeys(values):
        ET.SubElement(identifiers, _q("identifier")).text = value


def _classification(diwoo: ET.Element, graph: Graph, document: URIRef, mapping: dict) -> None:
    categories = [
        mapping[("informatiecategorie", str(t))]
        for t in sorted(graph.objects(document, DCTERMS.type))
        if ("informatiecategorie", str(t)) in mapping
    ]
    if not categories:
        raise ValueError(
            f"{document}: no Woo information category (dcterms:type), and DiWoo requires one"
        )
    collection = ET.SubElement(diwoo, _q("classificatiecollectie"))
    listed = ET.SubElement(collection, _q("informatiecategorieen"))
    for category in categories:
        _labelled(listed, "informatiecategorie", category)
    keys = [c.rsplit("#", 1)[-1] for c in sorted(map(str, graph.objects(document, RDF.type)))]
    if graph.value(document, BG.publishedAs) is not None:
        keys.append("Kamerstuk")
    kinds = [
        mapping[("documentsoort", key)]
        for key in dict.fromkeys(keys)
        if ("documentsoort", key) in mapping
    ]
    if kinds:
        soorten = ET.SubElement(collection, _q("documentsoorten"))
        for kind in kinds:
            _labelled(soorten, "documentsoort", kind)


def _parts(diwoo: ET.Element, graph: Graph, document: URIRef) -> None:
    """An annex is part of the Kamerstuk it belongs to; a document published as that Kamerstuk has it as a part."""
    whole = graph.value(document, BG.annexOf)
    if whole is not None:
        ET.SubElement(diwoo, _q("isPartOf"), resource=_public_iri(graph, whole)).text = _label(
            graph, whole
        )
    annexes = sorted(
        {a for k in graph.objects(document, BG.publishedAs) for a in graph.subjects(BG.annexOf, k)}
    )
    if annexes:
        parts = ET.SubElement(diwoo, _q("hasParts"))
        for annex in annexes:
            ET.SubElement(parts, _q("hasPart"), resource=str(annex)).text = _label(graph, annex)


def _handling(
    diwoo: ET.Element, document: URIRef, date, mapping: dict, publisher: DiwooValue
) -> None:
    """DiWoo requires a handling with a full dateTime: the vaststelling at the start of the document's
    date (a month or a year stands for its first day; extraMetadata keeps the date as stated)."""
    if not isinstance(date, Literal) or date.datatype not in (XSD.date, XSD.gYearMonth, XSD.gYear):
        raise ValueError(
            f"{document}: no dcterms:date, and DiWoo requires a dated documenthandeling"
        )
    day = (str(date) + "-01-01")[:10] if date.datatype != XSD.date else str(date)
    handling = ET.SubElement(
        ET.SubElement(diwoo, _q("documenthandelingen")), _q("documenthandeling")
    )
    _labelled(handling, "soortHandeling", mapping[("soortHandeling", "vaststelling")])
    ET.SubElement(handling, _q("atTime")).text = f"{day}T00:00:00"
    _labelled(handling, "wasAssociatedWith", publisher)


def _relations(diwoo: ET.Element, graph: Graph, document: URIRef, mapping: dict) -> None:
    cited = sorted(set(graph.objects(document, BG.cites)) - {document})
    if not cited:
        return
    relations = ET.SubElement(diwoo, _q("documentrelaties"))
    for target in cited:
        relation = ET.SubElement(relations, _q("documentrelatie"))
        _labelled(relation, "role", mapping[("documentrelatie", "cites")])
        ET.SubElement(relation, _q("relation"), resource=_public_iri(graph, target)).text = _label(
            graph, target
        )


def _graph_links(root: ET.Element, graph: Graph, document: URIRef) -> None:
    """extraMetadata in our namespace: the document's graph IRI and what the graph says it holds."""
    fields = {
        "document": [str(document)],
        "date": [str(v) for v in graph.objects(document, DCTERMS.date)],
        "sourceFile": sorted(str(v) for v in graph.objects(document, BG.sourceFile)),
        "signatory": sorted(_label(graph, v) for v in graph.objects(document, BG.signatory)),
        "addressee": sorted(_label(graph, v) for v in graph.objects(document, BG.addressee)),
        "publishedAs": sorted(str(v) for v in graph.objects(document, BG.publishedAs)),
        "annexOf": sorted(str(v) for v in graph.objects(document, BG.annexOf)),
        "cites": sorted(str(v) for v in graph.objects(document, BG.cites)),
        "mentions": sorted({str(s) for s in _extracted(graph, document)}),
    }
    extra = ET.SubElement(root, _q("extraMetadata"))
    ET.SubElement(extra, _q("namespace")).text = str(BG)
    ET.SubElement(extra, _q("prefix")).text = "bg"
    velden = ET.SubElement(extra, _q("extraMetadatavelden"))
    for key, values in fields.items():
        if not values:
            continue
        veld = ET.SubElement(velden, _q("extraMetadataveld"))
        ET.SubElement(veld, _q("key")).text = key
        listed = ET.SubElement(veld, _q("values"))
        for value in values:
            ET.SubElement(listed, _q("value")).text = value


def _extracted(graph: Graph, document: URIRef):
    """Resources mentioned in one of the document's passages (bg:mentionedIn a passage bg:inDocument it)."""
    for passage in graph.subjects(BG.inDocument, document):
        for subject in graph.subjects(BG.mentionedIn, passage):
            if isinstance(subject, URIRef):
                yield subject
