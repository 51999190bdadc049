"""Export the commitments read from the letters in the register's own shape (the fields of the
OData entity Toezegging; ontology/toezeggingen-export.xsd says why not the Kamer's XSD), checked
against that schema, and read such a file back as register input."""

from __future__ import annotations

import functools
from pathlib import Path

from bestuursgraaf.graph.namespaces import BG
from bestuursgraaf.graph.register_match import extracted_commitments
from bestuursgraaf.graph.sources.tk_odata import OpenDataError
from bestuursgraaf.graph.sources.tk_register import FulfillingLetter, RegisterEntry
from lxml import etree
from rdflib import Dataset, URIRef
from rdflib.namespace import ORG, RDFS

from bestuursgraaf.package_data import ontology_dir

NS = "https://w3id.org/bestuursgraaf/export/toezeggingen"
VERDICTS = ("fulfilled", "deferred", "superseded")


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ontology_dir() / "toezeggingen-export.xsd")))


def _status(dataset: Dataset, commitment: URIRef) -> tuple[str, list[URIRef]]:
    """The register's word for the last verdict the letters give (else Openstaand), and the
    documents of the fulfilment steps."""
    steps = []
    for step in dataset.subjects(BG.stepOf, commitment):
        kind = str(dataset.value(step, BG.stepKind) or "")
        if kind in VERDICTS:
            steps.append((str(dataset.value(step, BG.stepDate) or ""), kind, step))
    fulfilling = [dataset.value(s, BG.stepDocument) for _, kind, s in steps if kind == "fulfilled"]
    if not steps:
        return "Openstaand", fulfilling
    last = max(steps)[2]
    term = dataset.value(dataset.value(last, BG.status), BG.tweedeKamerStatus)
    return str(term or "Openstaand"), fulfilling


def _text(parent: etree._Element, name: str, value: object) -> None:
    if value not in (None, ""):
        etree.SubElement(parent, _q(name)).text = str(value)


def _kst_or_iri(dataset: Dataset, document: URIRef) -> str:
    for predicate in (BG.publishedAs, BG.annexOf):
        kamerstuk = dataset.value(document, predicate)
        if kamerstuk is not None:
            return str(kamerstuk).rsplit("/", 1)[-1]
    return str(document)


def export_commitments(dataset: Dataset) -> bytes:
    """The letters' commitments as a `toezeggingen` document, valid against the export schema."""
    dataset.default_union = True
    try:
        root = etree.Element(_q("toezeggingen"), nsmap={None: NS})
        for c in extracted_commitments(dataset):
            element = etree.SubElement(root, _q("toezegging"), id=str(c.node))
            _text(element, "nummer", dataset.value(c.node, BG.registryId))
            _text(element, "tekst", c.text)
            status, fulfilling = _status(dataset, c.node)
            _text(element, "status", status)
            day = c.letter_date if c.letter_date and len(c.letter_date) == 10 else None
            _text(element, "aanmaakdatum", day)
            _text(element, "datumNakoming", dataset.value(c.node, BG.deadlineEnd))
            promisor = dataset.value(c.node, BG.promisor)
            _text(element, "ministerie", dataset.value(dataset.value(promisor, ORG.memberOf), RDFS.label) if promisor else None)
            _text(element, "naam", c.promisor)
            _text(element, "functie", dataset.value(c.node, BG.promisorRole))
            for dossier in sorted(c.dossiers):
                _text(element, "kamerstukdossier", dossier)
            for document in sorted({d for d in fulfilling if d is not None}):
                _text(element, "kamerbriefNakoming", _kst_or_iri(dataset, document))
            _text(element, "bron", c.document)
            _text(element, "passage", dataset.value(c.node, BG.evidence))
    finally:
        dataset.default_union = False
    checker = schema()
    if not checker.validate(root):  # our own output: a failure here is a bug, said precisely
        raise ValueError(f"the export does not match its schema: {checker.error_log.last_error}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _letter(value: str) -> FulfillingLetter:
    return FulfillingLetter(None, None, value if value.startswith("kst-") else None, None)


def _child_text(element: etree._Element, name: str) -> str | None:
    return element.findtext(_q(name))


def read_export(path: Path, source: str) -> list[RegisterEntry]:
    """A `toezeggingen` document (as exported) as register entries; refused when not valid."""
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError) as error:
        raise OpenDataError(f"{path}: not a toezeggingen document: {error}") from None
    checker = schema()
    if not checker.validate(tree):
        error = checker.error_log.last_error
        raise OpenDataError(f"{path}:{error.line}: not a valid toezeggingen document: {error.message}")
    entries = []
    for element in tree.getroot().iter(_q("toezegging")):
        text = functools.partial(_child_text, element)
        entries.append(RegisterEntry(
            entry_id=element.get("id"), number=text("nummer"), text=text("tekst") or "", status=text("status"),
            due=text("datumNakoming"), created=text("aanmaakdatum"), ministry=text("ministerie"),
            promisor=text("naam"), office=text("functie"), activity=None,
            dossiers=tuple(e.text for e in element.iter(_q("kamerstukdossier"))),
            letters=tuple(_letter(e.text) for e in element.iter(_q("kamerbriefNakoming"))),
            relations={
                name: tuple(e.get("ref") for e in element.iter(_q(name[0].lower() + name[1:])))
                for name in ("IsHerhalingVan", "IsAanvullingOp", "IsWijzigingVan")
                if element.find(_q(name[0].lower() + name[1:])) is not None
            },
            source=source,
        ))
    return entries
