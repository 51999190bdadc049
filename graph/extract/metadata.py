"""Document metadata read from a letter's own text: type, subject, date, reference, signatory, addressee."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import dateparser

_DUTCH_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
)
DATE_TEXT = rf"\d{{1,2}}\s+(?:{_DUTCH_MONTHS})\s+\d{{4}}"


@dataclass(frozen=True)
class Field:
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Signatory:
    """A bewindspersoon who signs: who promises what the letter promises."""

    name: str  # as signed: "J.J.M. Uitermark", "Hanke Bruins Slot"
    office: str  # "minister" | "staatssecretaris" | "minister-president"
    portfolio: (
        str | None
    )  # "Binnenlandse Zaken en Koninkrijksrelaties", "Langdurige Zorg, Jeugd en Sport"
    ministry: str | None  # "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties" when known
    ministry_key: str | None  # its gazetteer key: "ministerie-van-binnenlandse-zaken-en-…"
    start: int  # offsets of the name
    end: int


@dataclass(frozen=True)
class DocumentMetadata:
    doc_type: Field | None = None  # kamerbrief, nota, bijlage, voortgangsrapportage, motie
    title: Field | None = None
    date: Field | None = None  # ISO date
    kenmerk: Field | None = None
    signatory: Field | None = None
    signatory_role: Field | None = None
    addressee: Field | None = None  # "Tweede Kamer" / "Eerste Kamer" / "minister"
    signatories: tuple[Signatory, ...] = ()  # every bewindspersoon who signs, in order


_PLAIN_DATE = re.compile(rf"([0-9]{{1,2}})\s+({_DUTCH_MONTHS})\s+([0-9]{{4}})", re.IGNORECASE)
_MONTH_NUMBERS = {name: number for number, name in enumerate(_DUTCH_MONTHS.split("|"), start=1)}


def parse_dutch_date(text: str) -> date | None:
    """`4 september 2023` -> date(2023, 9, 4), with dateparser's Dutch rules.

    The letterhead's plain `D maand JJJJ` (of this or a neighbouring century) is read directly,
    as dateparser reads it (tests/test_extract_metadata.py compares the two); dateparser takes
    2 ms a date, more than a small letter's other rules."""
    plain = _PLAIN_DATE.fullmatch(text)
    if plain and 1800 <= int(plain[3]) < 2200:
        try:
            return date(int(plain[3]), _MONTH_NUMBERS[plain[2].lower()], int(plain[1]))
        except ValueError:  # `31 april 2023`: no such day
            return None
    parsed = dateparser.parse(text, languages=["nl"], settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


# A letterhead line that names its field (`Kenmerk 2024-…`, `Datum 3 juni 2024`): not the second
# line of a two-line subject.
_LABEL_LINE = (
    r"[ \t]*(?:Datum|(?:Ons|Uw)\s+kenmerk|Kenmerk|(?:Onze|Uw)\s+referentie|Uw\s+brief|Bijlagen?|Bijlage\(n\)|"
    r"Contactpersoon|Inlichtingen|Doorkiesnummer|Telefoon|Pagina|Retouradres|Onderwerp)\b"
)


def _first(pattern: str, text: str, group: str | int = 1, flags: int = 0) -> Field | None:
    m = re.search(pattern, text, flags)
    if m is None or m.group(group) is None:
        return None
    value = re.sub(r"\s+", " ", m.group(group)).strip()
    return Field(value, m.start(group), m.end(group))


def _date(clean: str) -> Field | None:
    for pattern in (
        rf"(?:^|\n)\s*\**Datum\**[ \t]*:?\s*(?:\n\s*)*(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag)\s+)?({DATE_TEXT})",
        rf"Den Haag,?\s+({DATE_TEXT})",
        rf"(?:^|\n)\s*Voorgesteld\s+({DATE_TEXT})",
    ):
        found = _first(pattern, clean, flags=re.IGNORECASE)
        if found:
            parsed = parse_dutch_date(found.value)
            if parsed:
                return Field(parsed.isoformat(), found.start, found.end)
    return None


def _doc_type(clean: str) -> Field | None:
    head = clean[:3000]
    checks = [
        ("motie", r"\bMOTIE\s+VAN\s+(?:HET\s+LID|DE\s+LEDEN)\b"),
        ("nota", r"(?:^|\n)\s*#?\s*nota\s*(?:\n|$)|TER BESLUITVORMING|TER INFORMATIE"),
        ("voortgangsrapportage", r"(?:^|\n)\s*Voortgangsrapportage\b"),
        ("bijlage", r"(?:^|\n)\s*Bijlage\s+(?:\d+|bij)\b"),
        ("kamerbrief", r"Aan de [Vv]oorzitter van de (?:Tweede|Eerste) Kamer|\bBRIEF VAN DE\b"),
    ]
    for name, pattern in checks:
        m = re.search(pattern, head, flags=re.IGNORECASE if name != "motie" else 0)
        if m:
            return Field(name, m.start(), m.end())
    m = re.search(r"\b(?:uw Kamer|Geachte voorzitter)\b", clean)
    if m:
        return Field("kamerbrief", m.start(), m.end())
    return None


_NAME = (
    r"(?:[A-Z]\.)+(?:[A-Z]\.)?[ \t]*(?:(?:van|de|der|den|ter|ten|te|in|op|'t)[ \t]+)*[A-Z][\w'-]+"
    r"(?:[ \t]+[A-Za-z][\w'-]+){0,3}|[A-Z][a-z]+(?:[ \t]+[A-Za-z][\w'-]+){1,3}"
)
# `De Minister van Onderwijs, Cultuur en Wetenschap,` / `De Staatssecretaris van Financiën –
# Fiscaliteit en Belastingdienst,` / `De Minister voor Langdurige Zorg, Jeugd en Sport,` /
# `De Minister-President, Minister van Algemene Zaken,` and the name on a line below.
_SIGNATURE = re.compile(
    r"(?:^|\n)[ \t]*(?:De|Het)[ \t]+(?P<office>[Mm]inister-[Pp]resident|[Mm]inister|[Ss]taatssecretaris)"
    r"(?:[ \t]*,?[ \t]*(?:[Mm]inister[ \t]+)?(?P<prep>van|voor)[ \t]+(?P<portfolio>[^\n]{2,120}?))?"
    rf"[ \t]*,?[ \t]*\n(?:[ \t]*\n)*[ \t]*(?P<name>{_NAME})[ \t]*(?=\n|$)"
)


def extract_signatories(clean: str) -> tuple[Signatory, ...]:
    """The bewindspersonen who sign a letter: name, office, portfolio and ministry."""
    from bestuursgraaf.graph.extract.entities import ministry_of_portfolio

    found = []
    for m in _SIGNATURE.finditer(clean):
        portfolio = " ".join(m["portfolio"].split()).strip(" ,") if m["portfolio"] else None
        office = m["office"].lower()
        if office == "minister-president" and not portfolio:
            portfolio = "Algemene Zaken"
        # `Financiën – Fiscaliteit en Belastingdienst`: the ministry before the dash
        entry = None
        if portfolio:
            before_dash = re.split(r"\s+[–-]\s+", portfolio)[0]
            entry = ministry_of_portfolio(before_dash) or ministry_of_portfolio(portfolio)
        found.append(
            Signatory(
                name=m["name"].strip(),
                office=office,
                portfolio=portfolio,
                ministry=entry.label if entry else None,
                ministry_key=entry.key if entry else None,
                start=m.start("name"),
                end=m.end("name"),
            )
        )
    return tuple(found)


def extract_metadata(clean: str) -> DocumentMetadata:
    """The metadata a letter states about itself (each with the offsets it was read from)."""
    title = _first(
        rf"(?:^|\n)\s*(?:Betreft[ \t]*:?|Onderwerp[ \t]*:)\s+(.+(?:\n(?!\s*\n)(?!\s*[A-Z][a-z]+\s*\n)(?!{_LABEL_LINE}).+)?)",
        clean,
    )
    if title is None:  # a nota states its subject on the line after the word "nota"
        title = _first(
            r"(?:^|\n)[ \t#]*nota[ \t]*\n(?:\s*\n)*[ \t]*([^\n]+)", clean, flags=re.IGNORECASE
        )
    if title is None:
        title = _first(r"(?:^|\n)\s*(Voortgangsrapportage[^\n]+)", clean)
    kenmerk = _first(
        r"(?:^|\n)\s*(?:Ons kenmerk|Kenmerk|Onze referentie)[ \t]*:?\s*(?:\n\s*)*(\d{4}-\d{6,}|[A-Z0-9][\w/.-]*\d)",
        clean,
    )
    signature = re.search(
        r"(?:^|\n)\s*(?:De|Het)\s+(minister|staatssecretaris|Minister|Staatssecretaris)"
        r"(?P<role>[^\n,]{0,90}),?\s*\n(?:\s*\n)*\s*(?P<name>(?:[A-Z]\.)+(?:[A-Z]\.)?[ \t]*(?:(?:van|de|der|den|ter|ten|te|in|op|'t)[ \t]+)*[A-Z][\w'-]+"
        r"(?:[ \t]+[A-Za-z][\w'-]+){0,3}|[A-Z][a-z]+(?:[ \t]+[A-Za-z][\w'-]+){1,3})[ \t]*(?:\n|$)",
        clean,
    )
    signatory = role = None
    if signature:
        signatory = Field(signature["name"].strip(), signature.start("name"), signature.end("name"))
        role = Field(
            (signature.group(1) + signature["role"]).strip().lower(),
            signature.start(1),
            signature.end("role"),
        )
    signatories = extract_signatories(clean)
    if signatory is None and signatories:  # a role with commas: `van Onderwijs, Cultuur en …`
        first = signatories[0]
        signatory = Field(first.name, first.start, first.end)
        words = [first.office] + ([f"van {first.portfolio}"] if first.portfolio else [])
        role = Field(" ".join(words).lower(), first.start, first.end)
    addressee = _first(r"Aan de [Vv]oorzitter van de (Tweede|Eerste) Kamer", clean)
    if addressee:
        addressee = Field(f"{addressee.value} Kamer", addressee.start, addressee.end)
    return DocumentMetadata(
        doc_type=_doc_type(clean),
        title=title,
        date=_date(clean),
        kenmerk=kenmerk,
        signatory=signatory,
        signatory_role=role,
        addressee=addressee,
        signatories=signatories,
    )
