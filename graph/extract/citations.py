"""Find citations of parliamentary papers (Kamerstukken, Handelingen) in letter text.

The genre cites papers as `Kamerstukken II 2021/22, 35925 VII, nr. 129` (Aanwijzing voor de
regelgeving 3.43) in many spellings: with or without chamber, year, commas and spaces inside the
dossier number; Eerste Kamer papers carry a letter instead of a number (`35570-VII-K`,
`31700 VI, D`); several citations share one footnote, separated by `;`, `&`, `,` or `en`, and a
later one may leave out the words `Kamerstukken II` it shares with the one before.

Matching is anchored on an introducer (`Kamerstukken`, `Kamerstuk`, `Kst.`, `TK`/`EK` before a
year, `Tweede Kamer, vergaderjaar`, `Handelingen`, a `kst-` identifier), so bare numbers in prose
(years, amounts, page numbers) are never read as dossiers. Whitespace between the parts may be any
run of spaces and line breaks, as in hard-wrapped text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WS = r"\s*"
_YEAR = r"(?P<y1>(?:19|20)\d\d)\s*[/\-–—]\s*(?P<y2>\d{4}|\d{2})(?!\d)"
# A Tweede Kamer document number (zaak or document), cited in place of a dossier.
_ZAAK = r"(?P<zaak>(?:19|20)\d\d[ZD]\d{5})(?!\d)(?:\s*\((?:blg|bijlage)\.?\))?"
_ROMAN = r"(?=[IVX])X?(?:IX|IV|V?I{0,3})[AB]?"
# A dossier ("vetnummer"): five digits, optionally written `33 047`, then budget-chapter or
# letter suffixes (`VII`, `B`, `VII-K`, glued `570B`), then an optional `-20` (as in 21501-20) or `-207`.
_DOSSIER = (
    r"(?P<num>(?<!\d)\d{2}[ \u00a0]?\d{3})(?!\d)(?!/(?!\s*\d{2}[ \u00a0]?\d{3}(?!\d)))"
    rf"(?P<suffix>(?:(?:\s+(?:{_ROMAN}|[A-Z])|\s*[-–]\s*(?:{_ROMAN}|[A-Z]{{1,2}})|(?<=\d)[A-Z])"
    r"(?![^\W_]))*)"  # `35 570B`: a letter glued to the number is a suffix too
    r"(?:\s*[-–]\s*(?P<hyph>\d{1,4})(?!\d))?"
)
_DOSSIER_RE = re.compile(_DOSSIER)
_DOSSIER_SEP = re.compile(r"\s*(?:,|&|\ben\b|/)\s*")
_EA_RE = re.compile(r"\s+e\.a\.")  # `29 762 e.a., D`: the paper is in further dossiers too
_NR_SEP = (
    r"\s*(?:,|&|\ben\b|t/m|tot en met|[-–])\s*(?:nrs?\.?\s*)?"  # `nrs. 5 en 7`, `nr. 5 en nr. 7`
)
# A further ondernummer is never the first part of a spaced dossier (`nr. 12 en 36 200 B, nr. 5`).
_NEXT_NR = r"\d{1,4}(?!\d)(?![ \u00a0]\d{3}(?!\d))"
_NRS_RE = re.compile(  # ondernummers have at most four digits ...
    rf"\s*,?\s*nrs?\.?\s*(?P<first>\d{{1,4}})(?!\d)(?P<rest>(?:{_NR_SEP}{_NEXT_NR})*)"
)
_NRS_AS_DOSSIERS_RE = re.compile(  # ... five digits are dossiers written as `nrs. 35004 en 35005`
    rf"\s*,?\s*nrs?\.?\s*(?P<first>\d{{5}})(?![\d/])(?P<rest>(?:{_NR_SEP}\d{{5}}(?![\d/]))*)"
)
_NR_ITEM = re.compile(r"(,|&|\ben\b|t/m|tot en met|[-–])?\s*(?:nrs?\.?\s*)?(\d{1,5})")
# An Eerste Kamer paper by its letter, or several (`C en D`, `nrs. C en D`, `letter C`).
# `A en B` are two papers, but in `A en EK 36 600 C, A` the chamber opens the next citation.
_MORE_LETTERS = (
    r"(?P<more>(?:\s*(?:,|&|\ben\b)\s*(?!(?:EK|TK)\s*\d)[A-Z]{1,2}(?![^\W_])(?!\s*\.\s*\w))*)"
)
_LETTER_RE = re.compile(r"\s*,\s*(?:letters?\s+)?(?P<letter>[A-Z]{1,2})(?![^\W_])" + _MORE_LETTERS)
# Without a chamber, a letter is read as a paper only where the citation visibly ends.
_BARE_LETTER_RE = re.compile(
    r"\s*,\s*(?P<letter>[A-Z]{1,2})(?=\s*(?:[);,]|\.?\s*$|\.\s+[A-Z]|,?\s*p\.))"
)
_NR_LETTER_RE = re.compile(r"\s*,?\s*nrs?\.?\s*(?P<letter>[A-Z]{1,2})(?![^\W_])" + _MORE_LETTERS)
_EK_ROMAN_RE = re.compile(
    r"(?P<dossier>(?=[CLXVI]{2})C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
    r"\s*,\s*(?P<letter>[A-Z]{1,2})(?![^\W_])"
)
_YEAR_RE = re.compile(_WS + r",?" + _WS + _YEAR)
_ZAAK_RE = re.compile(_WS + r",?" + _WS + _ZAAK)
_LEAD_COMMA = re.compile(r"\s*,?\s*")

_INTRO_RE = re.compile(
    r"(?<![^\W_])(?:"
    r"(?P<kst>Kamerstukken|Kamerstukdossier|Kamerstuknummer|Kamerstuknr\.?|Kamerstuk|Kst\.|Kst(?=\s))"
    r"(?:\s+(?P<ch>II|I)(?![^\W_]))?"
    r"|(?P<tkek>TK|EK)(?=\s*,?\s*(?:(?:19|20)\d\d\s*[/\-–]|\d{2}[ \u00a0]?\d{3}(?![\d/])))"
    r"|(?P<kamer>Tweede|Eerste)\s+Kamer\s*,\s*vergaderjaar"
    r")"
)
_HANDELINGEN_RE = re.compile(
    r"(?<![^\W_])(?:Aanhangsel\s+(?:van\s+de\s+)?)?Handelingen(?:\s+(?P<ch>II|I)(?![^\W_]))?"
    rf"\s*,?\s*{_YEAR}"
    r"(?:\s*,\s*nr\.?\s*\d+(?:\s*,\s*item\s*\d+)?)?"
)
_KST_ID_RE = re.compile(
    r"(?<![^\W_])kst-(?P<num>\d{5}|[CLXVI]{2,8})(?P<suffix>(?:-(?:[IVX]+[AB]?|[A-Z]))*)-(?P<nr>\d+|[A-Z]{1,2})"
    r"(?![\w-])",
    re.IGNORECASE,
)
_CONTINUATION_RE = re.compile(r"\s*(?:;|,|&|\ben\b)\s*")
# Where a dossier number may start a citation of its own: not inside a longer number or amount,
# or after `kenmerk`.
_BARE_START_RE = re.compile(
    r"(?:(?P<kenmerk>(?<![^\W_])kenmerk)\s*:?\s*|(?<![\w/.,\-–€$])(?<!\d[ \u00a0])(?<!€ ))"
    r"(?P<dossier>\d{2}[ \u00a0]?\d{3}(?!\d))"
)
_NR_AFTER_RE = re.compile(r",\s*nrs?\.?\s*\d")


@dataclass(frozen=True)
class Citation:
    raw: str  # exact text as written, e.g. "Kamerstukken II 2021/22, 35925 VII, nr. 129"
    start: int  # offsets into the text (plus the `offset` argument)
    end: int
    chamber: str | None  # "II" (Tweede Kamer) or "I" (Eerste Kamer); None when not stated
    vergaderjaar: str | None  # normalised "2021-2022"
    dossier: str | None  # normalised "33047", "35925-VII", "36200-B"
    ondernummer: str | None  # "129", or a letter ("K") for Eerste Kamer papers
    extra_dossiers: tuple[str, ...] = ()  # further dossiers the same paper belongs to
    kind: str = "kamerstuk"  # "kamerstuk" | "dossier" | "other" (kept raw)

    @property
    def kst_id(self) -> str | None:
        """The officielebekendmakingen identifier, e.g. "kst-35925-VII-129"."""
        if self.kind != "kamerstuk" or not self.dossier or not self.ondernummer:
            return None
        return f"kst-{self.dossier}-{self.ondernummer}"


@dataclass(frozen=True)
class _Context:
    chamber: str | None
    vergaderjaar: str | None


def normalise_vergaderjaar(first: str, second: str) -> str:
    """`2021`, `22` -> "2021-2022"; `1999`, `00` -> "1999-2000"."""
    start = int(first)
    if len(second) == 4:
        return f"{start}-{second}"
    end = start // 100 * 100 + int(second)
    if end < start:
        end += 100
    return f"{start}-{end}"


def _suffix_tokens(suffix: str) -> list[str]:
    return re.findall(r"[A-Z]+", suffix)


def _parse_dossier(m: re.Match, followed_by_nr: bool) -> tuple[str, str | None]:
    """A dossier match -> (normalised dossier, ondernummer written inside it or None)."""
    num = re.sub(r"\s", "", m["num"])
    tokens = _suffix_tokens(m["suffix"] or "")
    ondernummer = None
    if m["hyph"]:
        if followed_by_nr:  # 21501-20, nr. 5: the digits belong to the dossier
            tokens.append(m["hyph"])
        else:  # Kamerstuk 31865-207 or 35925-VII-129
            ondernummer = m["hyph"]
    elif len(tokens) >= 2 and not followed_by_nr and not re.fullmatch(_ROMAN, tokens[-1]):
        # Two suffixes never make a dossier: 35570-VII-K is paper K of dossier 35570-VII.
        ondernummer = tokens.pop()
    return "-".join([num, *tokens]), ondernummer


def _ondernummers(m: re.Match) -> list[str]:
    """`nrs. 25 en 26` -> ["25", "26"]; `nrs. 3 t/m 5` -> ["3", "4", "5"]."""
    numbers: list[str] = [m["first"]]
    for sep, value in _NR_ITEM.findall(m["rest"] or ""):
        if sep in ("t/m", "tot en met", "-", "–") and int(value) - int(numbers[-1]) in range(1, 51):
            numbers.extend(str(n) for n in range(int(numbers[-1]) + 1, int(value) + 1))
        else:
            numbers.append(value)
    return numbers


def _letters(m: re.Match) -> list[str]:
    """`C en D` -> ["C", "D"]."""
    more = m.groupdict().get("more") or ""
    return [m["letter"], *re.findall(r"[A-Z]{1,2}(?![^\W_])", more)]


def _parse_body(text: str, pos: int, ctx: _Context, need_anchor: bool):
    """Parse `[year,] dossier[ en dossier], nr. N` at `pos`.

    Returns (end, context, dossiers, ondernummers, kind) or None. With `need_anchor` (a
    continuation without its own introducer) a year or an ondernummer must be present too.
    """
    year = _YEAR_RE.match(text, pos)
    if year:
        ctx = _Context(ctx.chamber, normalise_vergaderjaar(year["y1"], year["y2"]))
        pos = year.end()
    zaak = _ZAAK_RE.match(text, pos)
    if zaak and not need_anchor:
        return zaak.end(), ctx, [], [], "other"
    pos = _LEAD_COMMA.match(text, pos).end()

    dossier_matches = []
    cursor = pos
    while m := _DOSSIER_RE.match(text, cursor):
        dossier_matches.append(m)
        sep = _DOSSIER_SEP.match(text, m.end())
        if not sep or not _DOSSIER_RE.match(text, sep.end()):
            break
        cursor = sep.end()  # `29 697 en 32 851, nr. 161`: one paper in two dossiers
    end = dossier_matches[-1].end() if dossier_matches else pos
    if dossier_matches and (ea := _EA_RE.match(text, end)):
        end = ea.end()
    if not dossier_matches and ctx.chamber == "I" and (roman := _EK_ROMAN_RE.match(text, pos)):
        # `Kamerstukken I 2014/15, CIII, A`: a dossier of the Eerste Kamer's own, numbered in
        # Roman numerals, and its paper by letter
        return roman.end(), ctx, [roman["dossier"]], [roman["letter"]], "kamerstuk"

    nrs = _NRS_RE.match(text, end) or (
        None if dossier_matches else _NRS_AS_DOSSIERS_RE.match(text, end)
    )
    ondernummers = _ondernummers(nrs) if nrs else []
    if nrs:
        end = nrs.end()
    dossiers: list[str] = []
    for m in dossier_matches:
        dossier, inner_nr = _parse_dossier(m, followed_by_nr=bool(nrs))
        dossiers.append(dossier)
        if inner_nr and not ondernummers:
            ondernummers = [inner_nr]
    if dossiers and not ondernummers and ctx.chamber != "II":
        # Kamerstukken I 2008/09, 31700 VI, D; and `(Kamerstuk 35 526, L)`, where the letter
        # alone says the paper is the Eerste Kamer's
        letter = (_LETTER_RE if ctx.chamber == "I" else _BARE_LETTER_RE).match(text, end)
        if letter:
            ondernummers, end = _letters(letter), letter.end()
            ctx = _Context("I", ctx.vergaderjaar)
    if dossiers and not ondernummers and ctx.chamber == "I":
        letter = _NR_LETTER_RE.match(text, end)
        if letter:  # Kamerstukken I 2021/22, 35 925, nr. E
            ondernummers, end = _letters(letter), letter.end()

    if not dossiers and ondernummers and all(len(n) == 5 for n in ondernummers):
        # `Kamerstukken II 2021/22, nrs. 35004 en 35005`: dossier numbers written as nrs.
        return end, ctx, ondernummers, [], "dossiers"
    if need_anchor and not (dossiers and (year or ondernummers)):
        return None
    if not dossiers:
        return (end, ctx, [], [], "other") if ondernummers and not need_anchor else None
    return end, ctx, dossiers, ondernummers, "kamerstuk" if ondernummers else "dossier"


def _citations_from(text, start, parsed, offset) -> list[Citation]:
    end, ctx, dossiers, ondernummers, kind = parsed
    raw = text[start:end]
    common = {
        "raw": raw,
        "start": start + offset,
        "end": end + offset,
        "chamber": ctx.chamber,
        "vergaderjaar": ctx.vergaderjaar,
    }
    if kind == "other":
        return [Citation(**common, dossier=None, ondernummer=None, kind="other")]
    if kind in ("dossier", "dossiers"):
        return [Citation(**common, dossier=d, ondernummer=None, kind="dossier") for d in dossiers]
    return [
        Citation(
            **common,
            dossier=dossiers[0],
            ondernummer=nr,
            extra_dossiers=tuple(dossiers[1:]),
            kind="kamerstuk",
        )
        for nr in ondernummers
    ]


def _intro_chamber(m: re.Match) -> str | None:
    if m["ch"]:
        return m["ch"]
    if m["tkek"]:
        return "II" if m["tkek"] == "TK" else "I"
    if m["kamer"]:
        return "II" if m["kamer"] == "Tweede" else "I"
    return None


def _with_continuations(text: str, start: int, parsed, offset: int) -> list[Citation]:
    """The citation parsed at `start` and those after it that share its introducer."""
    found = _citations_from(text, start, parsed, offset)
    end, ctx = parsed[0], parsed[1]
    while parsed and parsed[4] != "other":  # `...; 2022/23, 33047, nr. 25` shares the intro
        sep = _CONTINUATION_RE.match(text, end)
        parsed = sep and _parse_body(text, sep.end(), ctx, need_anchor=True)
        if parsed:
            start = _LEAD_COMMA.match(text, sep.end()).end()
            found.extend(_citations_from(text, start, parsed, offset))
            end, ctx = parsed[0], parsed[1]
    return found


def _kamerstukken(text: str, offset: int) -> list[Citation]:
    found: list[Citation] = []
    for intro in _INTRO_RE.finditer(text):
        ctx = _Context(_intro_chamber(intro), None)
        parsed = _parse_body(text, intro.end(), ctx, need_anchor=False)
        if parsed:
            found.extend(_with_continuations(text, intro.start(), parsed, offset))
    return found


def _unintroduced(text: str, offset: int, taken: list[Citation]) -> list[Citation]:
    """Kamerstukken cited without an introducer: `(30 825, nr. 11)` or `kenmerk 35510-21`.

    The genre's own `, nr. N` after a dossier is the anchor; after `kenmerk` the paper may also
    be written into the number (`35510-21`). Dossier-only or year-only readings are never taken.
    """
    spans = [(c.start - offset, c.end - offset) for c in taken]
    found: list[Citation] = []
    for m in _BARE_START_RE.finditer(text):
        pos = m.start("dossier")
        if any(a <= pos < b for a, b in spans) or any(
            a <= pos < b for a, b in ((c.start - offset, c.end - offset) for c in found)
        ):
            continue
        parsed = _parse_body(text, pos, _Context(None, None), need_anchor=True)
        if not parsed or parsed[4] != "kamerstuk":
            continue
        # `(35 500, AB)`: an Eerste Kamer paper by letter, the brackets around it and nothing else
        bracketed = text[pos - 1 : pos] == "(" and text[parsed[0] : parsed[0] + 1] == ")"
        lettered = bracketed and parsed[2] and parsed[3][0].isalpha()
        if not m["kenmerk"] and not lettered and not _NR_AFTER_RE.search(text[pos : parsed[0]]):
            continue
        found.extend(_with_continuations(text, m.start() if m["kenmerk"] else pos, parsed, offset))
    return found


def _handelingen(text: str, offset: int) -> list[Citation]:
    return [
        Citation(
            raw=m[0],
            start=m.start() + offset,
            end=m.end() + offset,
            chamber=m["ch"],
            vergaderjaar=normalise_vergaderjaar(m["y1"], m["y2"]),
            dossier=None,
            ondernummer=None,
            kind="other",
        )
        for m in _HANDELINGEN_RE.finditer(text)
    ]


def _paper(m: re.Match, group: int | str, offset: int, dossier: str, nr: str, chamber=None):
    """The Kamerstuk `dossier`, `nr` cited by the match's `group`, without a vergaderjaar."""
    return Citation(
        raw=m[group],
        start=m.start(group) + offset,
        end=m.end(group) + offset,
        chamber=chamber,
        vergaderjaar=None,
        dossier=dossier,
        ondernummer=nr,
        kind="kamerstuk",
    )


def _kst_ids(text: str, offset: int) -> list[Citation]:
    found = []
    for m in _KST_ID_RE.finditer(text):
        dossier = "-".join([m["num"].upper(), *m["suffix"].upper().split("-")[1:]])
        found.append(_paper(m, 0, offset, dossier, m["nr"].upper()))
    return found


# The Handelingen give a motion or amendment read out in the debate its number in the chair's
# words: `Zij krijgt nr. 22 (30196).`, `Zij krijgt nr. 9, was nr. 7 (36410-VII).`
CHAIR_NUMBER_RE = re.compile(
    r"(?<![^\W_])(?:[Zz]ij|[Hh]ij|[Dd]eze\s+motie|[Hh]et\s+amendement)\s+krijgt\s+"
    r"(?P<raw>nr\.\s*(?P<nr>\d{1,4})(?:\s*,?\s*\(?was\s+nr\.\s*\d{1,4}\)?)?\s*"
    r"\(\s*(?P<num>\d{2}[ \u00a0.]?\d{3})(?:[ \u00a0-]*(?P<suffix>[IVXLC]{1,5}|[A-Z]))?\s*\))"
)


def _chair_numbers(text: str, offset: int) -> list[Citation]:
    found = []
    for m in CHAIR_NUMBER_RE.finditer(text):
        dossier = re.sub(r"\D", "", m["num"]) + (f"-{m['suffix']}" if m["suffix"] else "")
        found.append(_paper(m, "raw", offset, dossier, m["nr"], chamber="II"))
    return found


def extract_citations(text: str, offset: int = 0) -> list[Citation]:
    """All citations of parliamentary papers in `text`, in order of their position."""
    found = _kamerstukken(text, offset) + _handelingen(text, offset) + _kst_ids(text, offset)
    found += _chair_numbers(text, offset)
    found += _unintroduced(text, offset, found)
    return sorted(found, key=lambda c: (c.start, c.end))


def without_own_identity(occurrences: list, own: set[str]) -> list:
    """The citation occurrences that cite another paper: a document's heading and colophon name
    its own Kamerstuk (`kst-35165-53`, `Tweede Kamer, vergaderjaar 2022–2023, 35 165, nr. 53`),
    which identifies it and cites nothing."""
    return [o for o in occurrences if o.citation.kst_id not in own]
