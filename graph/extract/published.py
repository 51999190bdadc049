"""Parliamentary documents as published: the heading that identifies a Kamerstuk, and a motion's
own text (submitters, date, considerations, the request it makes and any deadline in it).

The heading of a Kamerstuk on officielebekendmakingen reads, in order:

    Tweede Kamer der Staten-Generaal            (or Eerste Kamer)
    Vergaderjaar 2023–2024
    33 047  Decentralisatie van taken …          (dossier number and title)
    Nr. 14  MOTIE VAN HET LID VAN DIJK C.S.      (ondernummer and document kind)
    Voorgesteld 12 maart 2024                    (a motion)  /  Den Haag, 4 juni 2024 (a letter)

and a motion's text runs `De Kamer, gehoord de beraadslaging, constaterende dat …; overwegende
dat …; verzoekt de regering …, en gaat over tot de orde van de dag.` followed by the signatures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bestuursgraaf.graph.deadlines import Deadline, find_deadlines
from bestuursgraaf.graph.extract.entities import load_gazetteers
from bestuursgraaf.graph.extract.metadata import parse_dutch_date
from bestuursgraaf.graph.extract.motions import Submitter

_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
# The page header may glue the parts (`Tweede Kamer der Staten-Generaal2015-201633959 nr. 5`).
_CHAMBER = re.compile(r"\b(Tweede|Eerste)\s+Kamer\s+der\s+Staten-Generaal(?![^\W\d_])")
_YEAR = re.compile(
    r"(?:\bVergaderjaar\s+|Staten-Generaal\s*)((?:19|20)\d\d)\s*[–-]\s*(\d{4}|\d{2}(?!\d))"
)
# The dossier number and its title, on one line or the title on the lines below it.
# The suffix may follow on a line of its own (`35 830` / `VII` / title), a sub-dossier after a
# hyphen (`21 501-20 Europese Raad`).
_DOSSIER = re.compile(
    r"(?m)^[ \t]*(\d{2}[ \u00a0]?\d{3}(?:[ -](?:[IVXLC]+|[A-Z])|-\d{1,3}"
    r"|[ \t]*\n(?:[ \t]*\n)*[ \t]*(?:[IVXLC]+|[A-Z])(?=[ \t]*\n))?)[ \t]*(?:\n[ \t]*)*?"
    r"(?:[ \t]|\n[ \t]*)(?![Nn]r\.)(\S[^\n]{2,}(?:\n[ \t]*(?![Nn]r\.)\S[^\n]*)*)$"
)
_NUMBER = re.compile(
    # `Nr. 14 MOTIE …`; an Eerste Kamer paper may show its letter alone (`K MOTIE VAN HET LID …`)
    # and the kind and title may stand on the lines below the number, in capitals.
    r"(?m)^[ \t]*(?:[Nn]r\.\s*|(?=[A-Z]{1,2}\s))(\d+|[A-Z]{1,2})[ \t]*\n?[ \t\n]*"
    r"(?P<kind>(?:(?:GEWIJZIGDE?|VOORLOPIG|NADER|NADERE|TWEEDE|DERDE|HERDRUK)\s+)?(?:MOTIE|BRIEF|AMENDEMENT|VERSLAG|EINDVERSLAG|"
    r"NOTA|MEMORIE|VOORSTEL|LIJST|ADVIES|KONINKLIJKE)\b[^\n]*"
    r"(?:\n[ \t]*[A-ZÀ-Þ][^a-zß-ÿ\n]*)*)$"
)
_ROMAN_DOSSIER = re.compile(
    r"(?m)^[ \t]*((?=[CLXVI]{2})C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))[ \t]+([A-Z][^\n]{2,})$"
)
_KINDS = {
    "MOTIE": "motie",
    "GEWIJZIGDE MOTIE": "motie",
    "BRIEF": "brief",
    "AMENDEMENT": "amendement",
}
_PROPOSED = re.compile(rf"\bVoorgesteld\s+(\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}})", re.IGNORECASE)
# The submitters in the title line, up to `C.S.`, the subject the Tweede Kamer adds to a motion's
# title (`… OVER EEN STABIELE BEKOSTIGING`) or the paper an amended motion replaces (`TER
# VERVANGING VAN DIE GEDRUKT ONDER NR. 11`).
_TITLE_NAMES = re.compile(
    r"MOTIE\s+VAN\s+(?:HET\s+LID|DE\s+LEDEN)\s+(?P<names>.+?)"
    r"(?:\s+C\.\s?S\.?)?(?:\s+(?:OVER|INZAKE|BETREFFENDE|MET\s+BETREKKING\s+TOT|TER\s+VERVANGING)\b.*)?\s*$"
)
_TITLE_NAME = re.compile(r"(?P<name>[^()]+?)(?:\s*\((?P<party>[^()]{1,40})\))?")
_CLAUSE = re.compile(
    r"\b(constaterende|overwegende|van\s+mening\s+dat|verzoekt|spreekt\s+uit|roept)\b",
    re.IGNORECASE,
)
_REQUEST = re.compile(
    r"\b(?P<verb>verzoekt\s+(?:de\s+regering|het\s+kabinet|de\s+minister|de\s+staatssecretaris|"
    r"de\s+[Vv]oorzitter|het\s+[Pp]residium)[^\n]*?|"
    r"spreekt\s+(?:als\s+(?:haar|zijn)\s+mening\s+)?uit[^\n]*?|roept\s+de\s+regering\s+op)\s*(?P<request>.+?)\s*,?\s*en\s+gaat\s+over\s+tot\s+de\s+orde\s+van\s+de\s+dag",
    re.IGNORECASE | re.DOTALL,
)
_END = re.compile(r"en\s+gaat\s+over\s+tot\s+de\s+orde\s+van\s+de\s+dag\.?", re.IGNORECASE)
_CHAMBER_NAMES = {"I": "Eerste Kamer", "II": "Tweede Kamer"}
# The official file name of a Kamerstuk: kst-36410-21, kst-36410-B-3.txt, kst-CXXIV-G.xml.
_FILE_NAME = re.compile(
    r"kst-(?P<dossier>\d{5}(?:-(?:[IVXLC]+|[A-Z]))*|[CLXVI]{2,8})-(?P<nr>\d+|[A-Z]{1,2})(?:\.\w+)?",
    re.IGNORECASE,
)
_MOTION_OPENING = re.compile(r"\bDe\s+Kamer,\s+gehoord\s+de\s+beraadslaging\b")
_LETTER_OPENING = re.compile(r"\bAan\s+de\s+Voorzitter\s+van\s+de\s+(?:Tweede|Eerste)\s+Kamer\b")
_PARTICLES = {"van", "de", "der", "den", "het", "ter", "ten", "in", "'t", "op"}


@dataclass(frozen=True)
class PublishedHeading:
    chamber: str | None  # "II" / "I"
    vergaderjaar: str | None  # "2023-2024"
    dossier: str  # "33047", "36600-VII"
    dossier_title: str | None
    ondernummer: str  # "14", "K"
    kind: str  # motie | brief | amendement | other
    title_line: str  # "MOTIE VAN HET LID VAN DIJK C.S."
    start: int
    end: int

    @property
    def kst_id(self) -> str:
        return f"kst-{self.dossier}-{self.ondernummer}"


@dataclass(frozen=True)
class MotionText:
    submitters: tuple[Submitter, ...]
    proposed: date | None
    considerations: tuple[str, ...]  # constaterende … / overwegende …
    request: str  # the dictum: what the motion asks
    request_start: int
    request_end: int
    deadline: Deadline | None


def _name(upper: str) -> str:
    """`VAN DIJK` -> `Van Dijk`; `VAN DER GRAAF` -> `Van der Graaf`."""
    words = upper.split()
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if lower in _PARTICLES and i > 0:
            out.append(lower)
        else:
            out.append("-".join(part.capitalize() for part in lower.split("-")))
    return " ".join(out)


def _party(upper: str) -> str:
    """`CHRISTENUNIE` -> "ChristenUnie", `PVDA` -> "PvdA": the party's own spelling when the
    gazetteer knows it, else the words as written."""
    gazetteers = load_gazetteers()
    spellings = set(gazetteers.parties) | {
        e.label for e in gazetteers.entries.values() if e.subtype == "political_party"
    }
    folded = " ".join(upper.split()).casefold()
    return next((p for p in sorted(spellings) if p.casefold() == folded), " ".join(upper.split()))


def _dossier(text: str) -> str:
    if re.fullmatch(r"[CLXVI]{2,8}", text.strip()):  # `CXXIV`
        return text.strip()
    number = re.sub(r"[ \u00a0]", "", text[:6]) if re.match(r"\d{2}[ \u00a0]?\d{3}", text) else text
    rest = text[len(text.split()[0]) if " " in text[:3] else 0 :]
    text = " ".join(text.split())  # a suffix on its own line
    m = re.fullmatch(r"(\d{2})[ \u00a0]?(\d{3})(?:[ -]([IVXLC]+|[A-Z]|\d{1,3}))?", text.strip())
    if m:
        return m[1] + m[2] + (f"-{m[3]}" if m[3] else "")
    return number + rest


# A scanned (OCR'd) motion may carry its identity as one `dossier-number` line above its title
# instead of the dossier line and `Nr. N` (`24515-689` / title / `MOTIE VAN HET LID PALLAND`).
_OCR_IDENTITY = re.compile(
    r"(?m)^[ \t]*(?P<dossier>\d{2}[ \u00a0]?\d{3})-(?P<nr>\d{1,4})[ \t]*\n"
    r"(?P<title>(?:[ \t]*[^\n]*\n){0,3}?)[ \t\n]*"
    r"(?P<kind>(?:GEWIJZIGDE\s+)?(?:MOTIE|AMENDEMENT)\b[^a-zß-ÿ\n]*)$"
)


def _ocr_heading(head: str) -> PublishedHeading | None:
    m = _OCR_IDENTITY.search(head)
    if m is None:
        return None
    title_line = " ".join(m["kind"].split())
    return PublishedHeading(
        chamber=None,
        vergaderjaar=None,
        dossier=re.sub(r"\s", "", m["dossier"]),
        dossier_title=" ".join(m["title"].split()) or None,
        ondernummer=m["nr"],
        kind=next((v for k, v in _KINDS.items() if title_line.startswith(k)), "other"),
        title_line=title_line,
        start=m.start("dossier"),
        end=m.end(),
    )


def extract_published_heading(clean: str) -> PublishedHeading | None:
    """The Kamerstuk heading at the top of a document published as one, or None."""
    head = clean[:4000]
    number = _NUMBER.search(head)
    if number is None:
        return _ocr_heading(head)
    dossiers = [m for m in _DOSSIER.finditer(head, 0, number.start())]
    if number[1].isalpha() and re.search(r"[a-zß-ÿ]", number["kind"].split("\n")[0]):
        return None  # `A BRIEF is …` in prose: a letter-numbered paper's title is in capitals
    if not dossiers and number[1].isalpha():  # the Eerste Kamer's own Roman-numbered dossiers
        dossiers = list(_ROMAN_DOSSIER.finditer(head, 0, number.start()))
    if not dossiers:
        return None
    dossier = dossiers[-1]
    chamber = _CHAMBER.search(head, 0, number.start())
    year = _YEAR.search(head, 0, number.start())
    vergaderjaar = None
    if year:
        second = year[2] if len(year[2]) == 4 else year[1][:2] + year[2]
        vergaderjaar = f"{year[1]}-{second}"
    title_line = " ".join(number["kind"].split())
    kind = next((v for k, v in _KINDS.items() if title_line.startswith(k)), "other")
    return PublishedHeading(
        chamber={"Tweede": "II", "Eerste": "I"}[chamber[1]]
        if chamber
        else ("I" if number[1].isalpha() else None),  # a paper by letter is the Eerste Kamer's
        vergaderjaar=vergaderjaar,
        dossier=_dossier(dossier[1]),
        dossier_title=" ".join(dossier[2].split()),
        ondernummer=number[1],
        kind=kind,
        title_line=title_line,
        start=(chamber or dossier).start(),
        end=number.end(),
    )


def published_heading_from_file_name(name: str, clean: str) -> PublishedHeading | None:
    """A document known only by its official file name (`kst-36410-21.txt`): which Kamerstuk it
    is, and from its opening whether it is a motion or a letter; None for any other name."""
    m = _FILE_NAME.fullmatch(name.strip())
    if m is None:
        return None
    head = clean[:4000]
    if _MOTION_OPENING.search(head):
        kind, title_line = "motie", "MOTIE"
        names = re.search(r"(?m)^[ \t]*(MOTIE\s+VAN\s+(?:HET\s+LID|DE\s+LEDEN)\b[^\n]*)$", head)
        if names:
            title_line = " ".join(names[1].split())
    elif _LETTER_OPENING.search(head):
        kind, title_line = "brief", "BRIEF"
    else:
        kind, title_line = "other", name
    number = m["nr"].upper()
    return PublishedHeading(
        chamber="I" if number.isalpha() else None,
        vergaderjaar=None,
        dossier=m["dossier"].upper(),
        dossier_title=None,
        ondernummer=number,
        kind=kind,
        title_line=title_line,
        start=0,  # the evidence is the document's first line
        end=len(clean.split("\n", 1)[0].rstrip()) or min(len(clean), 1),
    )


def extract_motion_text(
    clean: str, heading: PublishedHeading, reference: date | None = None
) -> MotionText | None:
    """A published motion's submitters, date, considerations and request (its dictum)."""
    if heading.kind != "motie":
        return None
    names = _TITLE_NAMES.search(heading.title_line)
    submitters: list[str] = []
    parties: dict[str, str] = {}
    if names:
        for part in re.split(r"\s*(?:,(?![^()]*\))|\bEN\b)\s*", names["names"]):
            named = _TITLE_NAME.fullmatch(part.strip())
            if named:  # `VAN DER GRAAF (CHRISTENUNIE)`: the Eerste Kamer adds the party
                submitters.append(_name(named["name"]))
                if named["party"]:
                    parties[submitters[-1]] = _party(named["party"])
    end = _END.search(clean, heading.end)
    if end:  # the signatures: one surname per line after "en gaat over tot de orde van de dag"
        for line in clean[end.end() : end.end() + 600].splitlines():
            line = line.strip()
            if (
                re.fullmatch(r"[A-Z][\w'’.-]*(?:\s+[A-Za-z][\w'’.-]*){0,3}", line)
                and all(w[0].isupper() or w.lower() in _PARTICLES for w in line.split()[1:])
                and line not in submitters
            ):
                submitters.append(line)
            elif (
                line
                and submitters
                and not re.fullmatch(r"[A-Z][\w'’.-]*(?:\s+[A-Za-z][\w'’.-]*){0,3}", line)
            ):
                break
    proposed = _PROPOSED.search(clean, heading.end)
    proposed_on = parse_dutch_date(proposed[1]) if proposed else None
    request = _REQUEST.search(clean, heading.end)
    if request is None:
        return None
    lead = re.match(
        r"[,;:]?\s*(?:om\s+)?", request["request"]
    ).end()  # `verzoekt de regering, om …`
    text = " ".join(request["request"][lead:].split())
    considerations = tuple(
        " ".join(
            clean[
                m.start() : clean.find(";", m.start())
                if ";" in clean[m.start() : request.start()]
                else request.start()
            ].split()
        )
        for m in _CLAUSE.finditer(clean, heading.end, request.start())
        if m[1].lower() in ("constaterende", "overwegende") or m[1].lower().startswith("van")
    )
    found = find_deadlines(text, reference or proposed_on)
    return MotionText(
        submitters=tuple(
            Submitter(name, parties.get(name), _CHAMBER_NAMES.get(heading.chamber or ""))
            for name in submitters
        ),
        proposed=proposed_on,
        considerations=considerations,
        request=text,
        request_start=request.start("request") + lead,
        request_end=request.end("request"),
        deadline=found[0][0] if found else None,
    )
