"""Export the commitments read from the letters in the register's own shape: each one a `toezegging`
element of the Kamer's tkData namespace, valid against the Kamer's own tkData-v1-0-toezegging.xsd,
in a wrapper (ontology/toezeggingen-export.xsd) that adds the dossiers and the letter and passage
it was read from; and read such a file, or the Kamer's own toezegging XML, back as register input."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from pathlib import Path

from bestuursgraaf.graph.namespaces import BG
from bestuursgraaf.graph.register_match import ExtractedCommitment, extracted_commitments
from bestuursgraaf.graph.sources.tk_odata import OpenDataError
from bestuursgraaf.graph.sources.tk_register import (
    RELATIONS,
    FulfillingLetter,
    RegisterEntry,
    entry_from_row,
)
from lxml import etree
from rdflib import Dataset, URIRef
from rdflib.namespace import ORG, RDFS

from bestuursgraaf.package_data import ontology_dir

NS = "https://w3id.org/bestuursgraaf/export/toezeggingen"
TK = "http://www.tweedekamer.nl/xsd/tkData/v1-0"  # the Kamer's SyncFeed namespace
VERDICTS = ("fulfilled", "deferred", "superseded")
NO_DATE = "0001-01-01T00:00:00Z"  # the register's own "no date"
# The Kamer's element names (lower camel) on the OData field names entry_from_row reads.
_FIELDS = {
    "aanmaakdatum": "Aanmaakdatum", "nummer": "Nummer", "activiteitNummer": "ActiviteitNummer",
    "naam": "Naam", "achternaam": "Achternaam", "tussenvoegsel": "Tussenvoegsel", "functie": "Functie",
    "status": "Status", "datumNakoming": "DatumNakoming", "ministerie": "Ministerie", "tekst": "Tekst",
}


def _q(name: str, ns: str = NS) -> str:
    return f"{{{ns}}}{name}"


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ontology_dir() / "toezeggingen-export.xsd")))


def kamer_schema() -> etree.XMLSchema:
    """The Kamer's own schema of a `toezegging` element (ontology/tkdata/SOURCES)."""
    return etree.XMLSchema(etree.parse(str(ontology_dir() / "tkdata" / "tkData-v1-0-toezegging.xsd")))


def _steps(dataset: Dataset, commitment: URIRef) -> list[tuple[str, str, URIRef]]:
    found = []
    for step in dataset.subjects(BG.stepOf, commitment):
        kind = str(dataset.value(step, BG.stepKind) or "")
        found.append((str(dataset.value(step, BG.stepDate) or ""), kind, step))
    return sorted(found)


def _status(dataset: Dataset, steps: list[tuple[str, str, URIRef]]) -> tuple[str, list[URIRef]]:
    """The register's word for the last verdict the letters give (else Openstaand), and the
    documents of the fulfilment steps, oldest first."""
    verdicts = [s for s in steps if s[1] in VERDICTS]
    fulfilling = [dataset.value(s, BG.stepDocument) for _, kind, s in verdicts if kind == "fulfilled"]
    if not verdicts:
        return "Openstaand", fulfilling
    term = dataset.value(dataset.value(verdicts[-1][2], BG.status), BG.tweedeKamerStatus)
    return str(term or "Openstaand"), fulfilling


def _date_time(value: object) -> str | None:
    text = str(value or "")
    return f"{text[:10]}T00:00:00Z" if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", text) else None


def _text(parent: etree._Element, name: str, value: object, ns: str = NS) -> None:
    if value not in (None, ""):
        etree.SubElement(parent, _q(name, ns)).text = str(value)


def _kst_or_iri(dataset: Dataset, document: URIRef) -> str:
    for predicate in (BG.publishedAs, BG.annexOf):
        kamerstuk = dataset.value(document, predicate)
        if kamerstuk is not None:
            return str(kamerstuk).rsplit("/", 1)[-1]
    return str(document)


def export_id(commitment: URIRef) -> str:
    """The GUID the Kamer's schema wants as `id`: derived from the commitment's IRI, so stable."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, str(commitment)))


def _toezegging(
    dataset: Dataset, c: ExtractedCommitment, steps: list, status: str, letters: list[str]
) -> etree._Element:
    """The Kamer's `toezegging` element, its children in the order of its XSD's sequence."""
    days = [d for d in [c.letter_date or "", *(s[0] for s in steps)] if _date_time(d)]
    # The XSD declares verwijderd and bijgewerkt as global attributes, so they are namespaced
    # (tk:bijgewerkt); the live SyncFeed writes them unqualified, and row_from_element reads both.
    element = etree.Element(_q("toezegging", TK), id=export_id(c.node), nsmap={"tk": TK})
    element.set(_q("verwijderd", TK), "false")
    element.set(_q("bijgewerkt", TK), _date_time(max(days)) if days else NO_DATE)
    _text(element, "aanmaakdatum", _date_time(c.letter_date), TK)
    _text(element, "nummer", dataset.value(c.node, BG.registryId), TK)
    _text(element, "naam", c.promisor, TK)
    _text(element, "functie", dataset.value(c.node, BG.promisorRole), TK)
    _text(element, "status", status, TK)
    _text(element, "datumNakoming", _date_time(dataset.value(c.node, BG.deadlineEnd)), TK)
    _text(element, "kamerbriefNakoming", letters[-1] if letters else None, TK)  # the XSD holds one
    promisor = dataset.value(c.node, BG.promisor)
    ministry = dataset.value(dataset.value(promisor, ORG.memberOf), RDFS.label) if promisor else None
    _text(element, "ministerie", ministry, TK)
    _text(element, "tekst", c.text, TK)
    return element


def export_commitments(dataset: Dataset) -> bytes:
    """The letters' commitments as a `toezeggingen` document, valid against the export schema (and
    so each `toezegging` against the Kamer's)."""
    dataset.default_union = True
    try:
        root = etree.Element(_q("toezeggingen"), nsmap={None: NS})
        for c in extracted_commitments(dataset):
            steps = _steps(dataset, c.node)
            status, fulfilling = _status(dataset, steps)
            letters = list(dict.fromkeys(_kst_or_iri(dataset, d) for d in fulfilling if d is not None))
            entry = etree.SubElement(root, _q("entry"), commitment=str(c.node))
            entry.append(_toezegging(dataset, c, steps, status, letters))
            for dossier in sorted(c.dossiers):
                _text(entry, "kamerstukdossier", dossier)
            for letter in letters:
                _text(entry, "kamerbrief", letter)
            _text(entry, "bron", c.document)
            _text(entry, "passage", dataset.value(c.node, BG.evidence))
    finally:
        dataset.default_union = False
    checker = schema()
    if not checker.validate(root):  # our own output: a failure here is a bug, said precisely
        raise ValueError(f"the export does not match its schema: {checker.error_log.last_error}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def row_from_element(element: etree._Element) -> dict:
    """A Kamer `toezegging` element (SyncFeed or export) as the OData-shaped row entry_from_row
    reads: kamerbriefNakoming stays text (the live feed may repeat it), relations their refs."""
    deleted = element.get("verwijderd", element.get(_q("verwijderd", TK)))
    row: dict = {"Id": element.get("id"), "Verwijderd": deleted == "true"}
    for name, field in _FIELDS.items():
        found = element.find(_q(name, TK))
        if found is not None and found.text and found.text.strip():
            row[field] = found.text.strip()
    row["KamerbriefNakoming"] = [e.text for e in element.iterfind(_q("kamerbriefNakoming", TK)) if e.text]
    for name in RELATIONS:
        refs = [e.get("ref") for e in element.iterfind(_q(name[0].lower() + name[1:], TK)) if e.get("ref")]
        if refs:
            row[name] = [{"Id": ref} for ref in refs]
    return row


def _parse(path: Path) -> etree._ElementTree:
    try:
        return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError) as error:
        raise OpenDataError(f"{path}: not a toezeggingen document: {error}") from None


def _kamer_entries(path: Path, tree: etree._ElementTree, source: str) -> list[RegisterEntry]:
    """Every Kamer `toezegging` in a file that is no export (a SyncFeed page or one entity); read
    by field name, not refused on the live feed's known drift from the XSD."""
    entries = []
    for number, element in enumerate(tree.getroot().iter(_q("toezegging", TK)), start=1):
        row = row_from_element(element)
        if not row["Id"] or "Tekst" not in row:
            raise OpenDataError(f"{path}:{element.sourceline}: toezegging {number} has no id or tekst")
        if not row["Verwijderd"]:
            entries.append(entry_from_row(row, source))
    if not entries and tree.getroot().tag != _q("toezegging", TK):
        raise OpenDataError(f"{path}: no toezegging of {TK} in it")
    return entries


def read_export(path: Path, source: str) -> list[RegisterEntry]:
    """An exported `toezeggingen` document (refused when not valid against its schema), or the
    Kamer's own toezegging XML, as register entries."""
    tree = _parse(path)
    if tree.getroot().tag != _q("toezeggingen"):
        return _kamer_entries(path, tree, source)
    checker = schema()
    if not checker.validate(tree):
        error = checker.error_log.last_error
        raise OpenDataError(f"{path}:{error.line}: not a valid toezeggingen document: {error.message}")
    entries = []
    for wrapper in tree.getroot().iterfind(_q("entry")):
        entry = entry_from_row(row_from_element(wrapper.find(_q("toezegging", TK))), source)
        letters = [wrapper_letter.text for wrapper_letter in wrapper.iterfind(_q("kamerbrief"))]
        entries.append(replace(
            entry,
            entry_id=wrapper.get("commitment"),
            dossiers=tuple(e.text for e in wrapper.iterfind(_q("kamerstukdossier"))),
            letters=tuple(_letter(t) for t in letters) or entry.letters,
        ))
    return entries


def _letter(value: str) -> FulfillingLetter:
    return FulfillingLetter(None, None, value if value.startswith("kst-") else None, None)

