"""The Tweede Kamer's open data (OData v4): motions as `Zaak` rows, their `Besluit` (the decision,
e.g. `Stemmen - aangenomen`) and the `Stemming` rows (one per fractie, or per member in a roll call).

A decision belongs to a motion only where the answer says so: a Zaak with its Besluit expanded, a
Besluit with its Zaak expanded, or a Stemming whose Besluit's agendapunt lists exactly one Zaak.
A decision under an agendapunt that lists several motions, without Besluit→Zaak, is about one of
them but the answer does not say which: it is counted as unresolved and given to none.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from bestuursgraaf.graph.read import DocumentError

ODATA_SOURCE = "Tweede Kamer der Staten-Generaal, open data (gegevensmagazijn, OData v4)"
OUTCOMES = ("aangenomen", "verworpen", "aangehouden")


class OpenDataError(DocumentError):
    """An answer that is not Tweede Kamer OData; the message names the file and why."""


@dataclass(frozen=True)
class Vote:
    fractie: str
    choice: str  # Voor, Tegen, Niet deelgenomen
    seats: int | None  # FractieGrootte for a fractie's vote; None for a member's own vote
    member: str | None = None  # ActorNaam in a roll call


@dataclass(frozen=True)
class Decision:
    besluit_id: str
    kind: str  # BesluitSoort: "Stemmen - aangenomen", …
    text: str | None
    recorded: str | None  # GewijzigdOp
    decided_on: str | None  # the date of the vote's activity, when the answer gives it
    votes: tuple[Vote, ...] = ()
    source: str = ""  # the recorded answer it was read from

    @property
    def outcome(self) -> str | None:
        """aangenomen / verworpen / aangehouden, or None for a decision that is no vote's result."""
        kind = self.kind.lower()
        if "niet aangenomen" in kind or "verworpen" in kind:
            return "verworpen"
        if "aangenomen" in kind:
            return "aangenomen"
        if "aangehouden" in kind:
            return "aangehouden"
        return None


@dataclass
class TkMotion:
    zaak_id: str
    nummer: str | None  # 2025Z10120
    onderwerp: str | None
    kst_id: str | None  # kst-33047-38, from the Zaak's document or dossier and volgnummer
    vergaderjaar: str | None
    started: str | None  # GestartOp, YYYY-MM-DD
    appraisal: str | None  # Kabinetsappreciatie
    sources: set[str] = field(default_factory=set)
    decisions: dict[str, Decision] = field(default_factory=dict)

    @property
    def final(self) -> Decision | None:
        """The latest decision that is a vote's outcome."""
        voted = [d for d in self.decisions.values() if d.outcome]
        return max(voted, key=lambda d: (d.recorded or "", d.besluit_id)) if voted else None


@dataclass
class OpenDataRecords:
    motions: dict[str, TkMotion] = field(default_factory=dict)
    unresolved: dict[str, str] = field(default_factory=dict)  # besluit id -> why


def rows(path: Path, data: object) -> list[dict]:
    """The rows of an answer: the OData envelope's `value`, or a bare list of rows."""
    if isinstance(data, dict) and isinstance(data.get("value"), list):
        data = data["value"]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise OpenDataError(f"{path}: not an OData answer (an object with a `value` list, or a list of rows)")
    return data


def _date(value: str | None) -> str | None:
    return value[:10] if value and re.match(r"\d{4}-\d{2}-\d{2}", value) else None


def kst_id_of(zaak: dict) -> str | None:
    for document in zaak.get("Document") or []:
        version = document.get("HuidigeDocumentVersie") or {}
        identifier = version.get("ExterneIdentifier") or next(
            (p.get("Identifier") for p in version.get("DocumentPublicatie") or [] if p.get("Identifier")),
            None,
        )
        if identifier and identifier.startswith("kst-"):
            return identifier
    dossiers = zaak.get("Kamerstukdossier") or []
    if dossiers and zaak.get("Volgnummer"):
        dossier = dossiers[0]
        number = str(dossier.get("Nummer", "")) + (f"-{dossier['Toevoeging']}" if dossier.get("Toevoeging") else "")
        return f"kst-{number}-{zaak['Volgnummer']}" if number else None
    return None


def _motion(records: OpenDataRecords, zaak: dict, source: str) -> TkMotion | None:
    if zaak.get("Soort") != "Motie" or zaak.get("Verwijderd"):
        return None
    motion = records.motions.get(zaak["Id"])
    if motion is None:
        motion = records.motions[zaak["Id"]] = TkMotion(
            zaak_id=zaak["Id"], nummer=zaak.get("Nummer"), onderwerp=zaak.get("Onderwerp"),
            kst_id=kst_id_of(zaak), vergaderjaar=zaak.get("Vergaderjaar"),
            started=_date(zaak.get("GestartOp")), appraisal=zaak.get("Kabinetsappreciatie"),
        )
    motion.kst_id = motion.kst_id or kst_id_of(zaak)
    motion.sources.add(source)
    return motion


def _votes(stemmingen: list[dict]) -> tuple[Vote, ...]:
    seen: dict[str, Vote] = {}
    for row in stemmingen:
        if row.get("Verwijderd") or row.get("Vergissing") or not row.get("ActorFractie"):
            continue
        member = row.get("ActorNaam") if row.get("Persoon_Id") else None
        seats = None if member else row.get("FractieGrootte")
        seen[row.get("Id") or f"{row['ActorFractie']}/{member}"] = Vote(
            row["ActorFractie"], row.get("Soort", ""), seats, member
        )
    return tuple(sorted(seen.values(), key=lambda v: (v.fractie, v.member or "", v.choice)))


def _decision(besluit: dict, stemmingen: list[dict], source: str) -> Decision:
    activity = ((besluit.get("Agendapunt") or {}).get("Activiteit")) or {}
    return Decision(
        besluit_id=besluit["Id"], kind=besluit.get("BesluitSoort") or "", text=besluit.get("BesluitTekst"),
        recorded=besluit.get("GewijzigdOp"), decided_on=_date(activity.get("Datum")),
        votes=_votes(stemmingen), source=source,
    )


def _add(motion: TkMotion, decision: Decision) -> None:
    known = motion.decisions.get(decision.besluit_id)
    if known is not None:  # the same Besluit on two pages: one decision with the votes of both
        votes = {(v.fractie, v.member, v.choice): v for v in known.votes + decision.votes}
        decision = Decision(
            known.besluit_id, known.kind, known.text, known.recorded,
            known.decided_on or decision.decided_on,
            tuple(sorted(votes.values(), key=lambda v: (v.fractie, v.member or "", v.choice))),
            known.source,
        )
    motion.decisions[decision.besluit_id] = decision


def read_answer(records: OpenDataRecords, path: Path, source: str) -> None:
    """Add one recorded answer (Zaak rows or Stemming rows) to the records."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise OpenDataError(f"{path}: cannot read the answer: {error}") from None
    answer = rows(path, data)
    stemming_rows: dict[str, list[dict]] = {}
    besluiten: dict[str, dict] = {}
    for row in answer:
        if "Besluit_Id" in row and isinstance(row.get("Besluit"), dict):  # a Stemming row
            besluiten[row["Besluit_Id"]] = row["Besluit"]
            stemming_rows.setdefault(row["Besluit_Id"], []).append(row)
        elif "Soort" in row and "Nummer" in row:  # a Zaak row
            motion = _motion(records, row, source)
            for besluit in (row.get("Besluit") or []) if motion else []:
                _add(motion, _decision(besluit, besluit.get("Stemming") or [], source))
        else:
            raise OpenDataError(f"{path}: a row that is neither a Zaak nor a Stemming (keys {sorted(row)[:5]})")
    for besluit_id, besluit in besluiten.items():
        zaken = besluit.get("Zaak")
        if not zaken:
            listed = (besluit.get("Agendapunt") or {}).get("Zaak") or []
            if len(listed) != 1:
                records.unresolved[besluit_id] = (
                    f"{source}: the agendapunt lists {len(listed)} zaken and the answer does not "
                    "say which one this decision is about"
                )
                continue
            zaken = listed
        for zaak in zaken:
            motion = _motion(records, zaak, source)
            if motion:
                _add(motion, _decision(besluit, stemming_rows[besluit_id], source))


def read_opendata_folder(folder: Path, root: Path | None = None) -> OpenDataRecords:
    """Every recorded answer in a corpus' `tk-odata/` folder (as `bestuursgraaf fetch` writes it)."""
    records = OpenDataRecords()
    if not folder.is_dir():
        return records
    for path in sorted(folder.glob("*.json")):
        if path.name.startswith("toezegging-"):  # the register's answers: graph/sources/tk_register.py
            continue
        try:
            source = path.resolve().relative_to((root or folder.parent.parent).resolve()).as_posix()
        except ValueError:
            source = path.as_posix()
        read_answer(records, path, source)
    attributed = {b for motion in records.motions.values() for b in motion.decisions}
    for besluit_id in attributed & set(records.unresolved):  # another answer said whose it is
        del records.unresolved[besluit_id]
    return records
