"""The Tweede Kamer's register of toezeggingen (OData v4 entity `Toezegging`): each entry's text,
status, due date, ministry, the bewindspersoon who promised, the letter that fulfils it, the
activiteit (debate) and dossier it belongs to, and the entries it repeats, supplements or changes.

An answer is a list of Toezegging rows, bare or in the OData envelope, as `bestuursgraaf fetch`
writes it to `tk-odata/toezegging-*.json`, or XML with the Kamer's own `toezegging` elements (its
SyncFeed, or what `bestuursgraaf export-toezeggingen` writes; graph/register_export.py reads it).

The field names are those of the OData $metadata (Tekst, Status, DatumNakoming, Aanmaakdatum,
Ministerie, Naam, Achternaam, Tussenvoegsel, Functie, ActiviteitNummer, Activiteit,
KamerbriefNakoming, IsHerhalingVan/IsAanvullingOp/IsWijzigingVan) and of the Kamer's
tkData-v1-0-toezegging.xsd (ontology/tkdata/), where kamerbriefNakoming is text, not a Document."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from bestuursgraaf.graph.sources.tk_odata import OpenDataError, rows

# The Kamer's enumeration `toezeggingstatus` (ontology/tkdata/tkData-v1-0-toezegging.xsd), spelled as
# there; the real rows (tests/recorded/tk-odata/toezegging-samples.json) write Openstaand and Afgedaan.
STATUSES = ("Openstaand", "Voldaan", "Deels Voldaan", "Vervallen", "Afgedaan", "Deels Afgedaan")
_STATUS_SPELLING = {s.casefold(): s for s in STATUSES}
RELATIONS = ("IsHerhalingVan", "IsAanvullingOp", "IsWijzigingVan")
NO_DATE = "0001-01-01"  # what the register gives for "no due date"


@dataclass(frozen=True)
class FulfillingLetter:
    document_id: str | None  # the OData Document's Id
    number: str | None  # DocumentNummer, 2024D12345 (or the SyncFeed's kamerbriefNakoming text)
    kst_id: str | None  # kst-33047-27, when the document says its dossier and volgnummer
    date: str | None


@dataclass
class RegisterEntry:
    entry_id: str  # the OData Id
    number: str | None  # TZ202309-012
    text: str
    status: str | None  # as the register writes it: Openstaand, Voldaan, …
    due: str | None  # DatumNakoming, YYYY-MM-DD (None when the register gives none)
    created: str | None  # Aanmaakdatum, YYYY-MM-DD
    ministry: str | None
    promisor: str | None  # Naam: "Bruins Slot, H.G.J."
    office: str | None  # Functie: "Minister van Binnenlandse Zaken en Koninkrijksrelaties"
    activity: str | None  # ActiviteitNummer, 2023A04512
    dossiers: tuple[str, ...] = ()  # 33047, from the activiteit's zaken or the fulfilling letter
    letters: tuple[FulfillingLetter, ...] = ()
    relations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # IsHerhalingVan -> entry ids
    source: str = ""  # the recorded answer it was read from
    family_name: str | None = None  # "bruins slot": Tussenvoegsel + Achternaam, when the row gives them


def canonical_status(value: object) -> str | None:
    """The register's status in the spelling of the Kamer's XSD ('Deels voldaan' -> 'Deels Voldaan');
    a value the XSD does not know is kept as written."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = " ".join(value.split())
    return _STATUS_SPELLING.get(text.casefold(), text)


def _family_name(row: dict) -> str | None:
    if not str(row.get("Achternaam") or "").strip():
        return None
    return " ".join(" ".join(str(row.get(k) or "") for k in ("Tussenvoegsel", "Achternaam")).split()).lower()


def _date(value: object) -> str | None:
    if not isinstance(value, str) or not re.match(r"\d{4}-\d{2}-\d{2}", value):
        return None
    return None if value.startswith(NO_DATE) else value[:10]


def _as_list(value: object) -> list[dict]:
    if isinstance(value, dict):
        return [value]
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _dossier_number(dossier: dict) -> str | None:
    number = dossier.get("Nummer")
    if number in (None, ""):
        return None
    return str(number) + (f"-{dossier['Toevoeging']}" if dossier.get("Toevoeging") else "")


def _letter(document: dict | str) -> FulfillingLetter:
    if isinstance(document, str):  # the SyncFeed's kamerbriefNakoming: text, not a Document
        text = document.strip()
        kst = text if re.fullmatch(r"kst-[0-9A-Za-z-]+", text) else None
        return FulfillingLetter(None, None if kst else text, kst, None)
    dossiers = [d for d in (_dossier_number(x) for x in _as_list(document.get("Kamerstukdossier"))) if d]
    kst = None
    if dossiers and document.get("Volgnummer") not in (None, "", -1):
        kst = f"kst-{dossiers[0]}-{document['Volgnummer']}"
    return FulfillingLetter(
        document.get("Id"), document.get("DocumentNummer"), kst, _date(document.get("Datum"))
    )


def _letters(value: object) -> list[dict | str]:
    """KamerbriefNakoming: expanded Documents (OData) or one or more texts (SyncFeed)."""
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, dict) or (isinstance(v, str) and v.strip())]


def _dossiers(row: dict, letters: list[dict | str]) -> tuple[str, ...]:
    found: list[str] = []
    for activity in _as_list(row.get("Activiteit")):
        for zaak in _as_list(activity.get("Zaak")):
            found += [d for d in map(_dossier_number, _as_list(zaak.get("Kamerstukdossier"))) if d]
    for document in (d for d in letters if isinstance(d, dict)):
        found += [d for d in map(_dossier_number, _as_list(document.get("Kamerstukdossier"))) if d]
    return tuple(dict.fromkeys(found))


def entry_from_row(row: dict, source: str) -> RegisterEntry:
    """One register entry from an OData Toezegging row (navigation properties expanded or not)."""
    letters = _letters(row.get("KamerbriefNakoming"))
    activity = next(iter(_as_list(row.get("Activiteit"))), {})
    return RegisterEntry(
        entry_id=row["Id"],
        number=row.get("Nummer"),
        text=" ".join(str(row.get("Tekst") or "").split()),
        status=canonical_status(row.get("Status")),
        due=_date(row.get("DatumNakoming")),
        created=_date(row.get("Aanmaakdatum")),
        ministry=row.get("Ministerie"),
        promisor=row.get("Naam"),
        office=row.get("Functie"),
        activity=row.get("ActiviteitNummer") or activity.get("Nummer"),
        dossiers=_dossiers(row, letters),
        letters=tuple(_letter(d) for d in letters),
        relations={
            name: tuple(t["Id"] for t in _as_list(row.get(name)) if t.get("Id"))
            for name in RELATIONS
            if _as_list(row.get(name))
        },
        source=source,
        family_name=_family_name(row),
    )


def read_register_answer(path: Path, source: str) -> list[RegisterEntry]:
    """The register entries of one recorded answer; a row without Id or Tekst is an error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise OpenDataError(f"{path}: cannot read the answer: {error}") from None
    entries = []
    for number, row in enumerate(rows(path, data), start=1):
        if not row.get("Id") or "Tekst" not in row:
            raise OpenDataError(f"{path}: row {number} is not a Toezegging (no Id or Tekst)")
        if row.get("Verwijderd"):
            continue
        entries.append(entry_from_row(row, source))
    return entries


def read_register_folder(folder: Path, root: Path | None = None) -> list[RegisterEntry]:
    """Every `toezegging-*.json` answer (and `toezegging-*.xml` export) in a corpus' `tk-odata/`
    folder, one entry per Id."""
    from bestuursgraaf.graph.register_export import read_export

    if not folder.is_dir():
        return []
    found: dict[str, RegisterEntry] = {}
    for path in sorted([*folder.glob("toezegging-*.json"), *folder.glob("toezegging-*.xml")]):
        try:
            source = path.resolve().relative_to((root or folder.parent.parent).resolve()).as_posix()
        except ValueError:
            source = path.as_posix()
        read = read_export if path.suffix == ".xml" else read_register_answer
        for entry in read(path, source):
            found.setdefault(entry.entry_id, entry)
    return [found[key] for key in sorted(found)]
