"""Find the advisory reports and studies a letter cites, in footnotes and in running text.

Forms read:
- reference style, as in footnotes: `ROB (2021). Werkprogramma 2021-2023`, `Raad voor het
  Openbaar Bestuur (2025), Afrekenen met disbalans, zie: https://...`, several bodies before one
  year (`Raad voor ..., Raad voor ... (2023), Elke regio telt!`), several references run together
  (`Elzinga (2021). Naar nieuwe vormen ... ROB (2021). Rust-reinheid-regelmaat en Droomland of
  niemandsland`: a title `A en B` of two capitalised parts is two reports);
- running text: `het advies 'X' van de <body>`, `de voorlichting interbestuurlijke verhoudingen
  van de Raad van State`, `het rapport 'X'`, `de trendrapportage 'X'`, `De <body> heeft een
  advies gepubliceerd, getiteld 'X'`, `De ROB heeft in het rapport over 'X'`;
- an untitled advice named by its body (`het ROB-advies`): the one advice of that body the same
  text names with a title, else a generic `advies-<body>` (always generic for a coming advice);
  an anaphoric one (`dit ROB-advies`, `dat rapport`) points back to a report named before and is
  dropped when the same text does not name it;
- a report named by its subject without quotes (`In de voorlichting interbestuurlijke verhoudingen
  gaat de Raad van State ...`, `een rapport over regionale samenwerking en gemeenteraden`): the
  lower-case words after the kind, up to a verb or function word, at least two of them;
- the genre's periodic state-of reports named as such (`de “Staat van de Uitvoering”`, `een Stand
  van de Uitvoering`, `Staat van het Bestuur 2022`);
- a line that opens with a report kind: an enclosure in a list (`- Tussenrapport Zicht op ...`,
  `Bijlage bij Kamerbrief: Jaarverslag ...`) or a footnote (`Eindrapportage 2019-2022 Regio Deal
  Lab Governance (zie bijlage bij deze brief)`);
- footnotes that cite a publication by its web address alone (`https://.../documenten/rapporten/
  2022/05/01/gefundeerd-politiek-vertrouwen`): titled by the address's last segment; guides
  (`handreiking-...`) are actions, not reports;
- footnotes in `ABBR, Title` form (`EIPA, Public Sector Performance Programme 2022 – 2025: an
  International Benchmarking study`);
- a study named after its capitalised subject (`het onderzoek naar Bestuurlijke Regionale
  Ecosystemen`).

A title is the main title: a subtitle after `. ` or `: ` (`Regionale samenwerking en gemeenteraden.
Een samenvattend onderzoek naar ...`) is left out of it.

Bodies are normalised with the `body` rows of the action cue file (ROB -> Raad voor het Openbaar
Bestuur); a surname alone (`Elzinga`) takes the initials the same text gives it (`D.J. Elzinga`).
Keys are slugs of `<body>-<year>-<title>` (a person by surname), a year missing from one mention
taken from another mention of the same report in the text; an untitled report is keyed
`<kind>-<body>` (`advies-commissie-van-ark`), an edition by its own words
(`tweede-jaarverslag-van-de-projectgroep-lokale-rekenkamers`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from bestuursgraaf.graph.extract.actions import _FUNCTION, _STOP, CUES_PATH, slugify
from bestuursgraaf.graph.patterns import PatternSet, may_match, pattern_set

KINDS = (
    "ongevraagd advies",
    "briefadvies",
    "adviesrapport",
    "advies",
    "voorlichting",
    "onderzoeksrapport",
    "trendrapportage",
    "eindrapportage",
    "rapportage",
    "rapport",
    "onderzoek",
    "werkprogramma",
    "onderzoeksprogramma",
    "essay",
    "eindverslag",
    "jaarverslag",
    "verslag",
    "evaluatie",
    "studie",
    "monitor",
    "verkenning",
)
_ADVISORY = re.compile(r"^(?:Raad|Afdeling|Adviesraad|Adviescollege|College|[Cc]ommissie)\b")
# An ad-hoc committee named after its chair (`de commissie Van Ark`) exists to give one advice, so
# its untitled advice is a specific report.
_NAMED_COMMITTEE = r"[Cc]ommissie[\s-]+(?:[Vv]an\s+|[Dd]e\s+)?[A-Z][\w'’-]+"


@dataclass(frozen=True)
class ReportMention:
    key: str
    body: str | None
    year: str | None
    title: str | None
    kind: str
    raw: str
    start: int
    end: int


@lru_cache(maxsize=1)
def known_bodies() -> dict[str, str]:
    """Abbreviation -> full name of the organisations in the cue file's `body` rows."""
    import csv

    with CUES_PATH.open(encoding="utf-8", newline="") as handle:
        return {
            row["pattern"]: row["value"] for row in csv.DictReader(handle) if row["type"] == "body"
        }


def _one_body_pattern() -> str:
    names = sorted({*known_bodies(), *known_bodies().values()}, key=len, reverse=True)
    known = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    chain = (
        r"(?:[A-Z]\.\s?)*[A-Z][\w'’&-]+"
        r"(?:\s+(?:(?:van|voor|de|het|der|den|en|&)\s+)*[A-Z][\w'’&-]+)*"
    )
    return rf"(?:(?<![\w-])(?:{known})(?![\w-])|{_NAMED_COMMITTEE}|{chain})"


def _body_pattern() -> str:
    one = _one_body_pattern()
    return rf"{one}(?:\s*(?:,|\ben\b|&|i\.s\.m\.)\s*{one})*"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    body = _body_pattern()
    reference = re.compile(rf"(?P<body>{body})\s*\(\s*(?P<year>(?:19|20)\d\d)\s*\)\s*[.,:]?\s*")
    kinds = "|".join(k.replace(" ", r"\s+") for k in KINDS)
    quoted = r"['‘“\"](?P<title>[^'‘’“”\"]{3,200}?)['’”\"](?![\w])"
    named = re.compile(
        rf"\b(?i:de|het|een|dit|deze|die|in|uit)\s+(?:[a-z]+\s+){{0,2}}?(?:(?P<prefix>{body})-)?"
        rf"(?:[a-z]+\s+){{0,2}}?(?P<kind>{kinds})\b"
        rf"(?:\s+(?:over|getiteld|genaamd|met\s+de\s+titel)?\s*{quoted}"
        rf"|\s+(?P<plain>(?:[a-zà-ÿ]+\s+){{0,4}}[a-zà-ÿ]+)(?=\s+van\s+(?:de|het)\s+[A-Z]))?"
        rf"(?:\s+van\s+(?:de|het)\s+(?P<body>{body}))?"
    )
    subject = re.compile(
        rf"(?:^|[.;]\s+|\b[Dd]e\s+|\b[Hh]et\s+)(?P<body>{body})\s+(?:heeft|had)\s+(?:\S+\s+){{0,4}}?"
        rf"(?:een\s+|het\s+|in\s+het\s+)?(?P<kind>{kinds})\b[^.;]{{0,60}}?"
        rf"(?:getiteld|genaamd|met\s+de\s+titel|over)\s*{quoted}"
    )
    body_only = re.compile(rf"^(?:{body})$")
    return reference, named, subject, body_only


_NOT_TITLE = {
    "op",
    "van",
    "over",
    "voor",
    "naar",
    "in",
    "met",
    "aan",
    "bij",
    "uit",
    "door",
    "dat",
    "die",
}
_LEADING = re.compile(r"^(?:(?:Zie|Vgl\.?|Volgens|Uit|In|Ook|En|Dit|Door|Het|De)\s+)+")
# A title ends at `, zie:`, a URL, a full stop, a `]` (bracket footnotes), or a line break before an
# indented line or the next footnote number (page text after a footnote); `!` and `?` end it only
# before lower case (`Elke regio telt! Een nieuwe aanpak ...` is one title).
_TITLE_END = re.compile(
    r",\s*(?:zie|te\s+raadplegen|via)\b|\s*https?:|\.(?:\s|$)|[!?]\s+(?=[a-z])|\]|\s*\n(?=[ \t]|\d+\s)"
)


def _canonical(body: str | None, text: str) -> str | None:
    if not body:
        return None
    body = _LEADING.sub("", re.sub(r"\s+", " ", body)).strip(" ,")
    bodies = known_bodies()
    parts = (
        re.split(r"\s*(?:,|\ben\b|&|i\.s\.m\.)\s*", body) if body not in bodies.values() else [body]
    )
    if all(p in bodies or p in bodies.values() for p in parts if p):
        names = [bodies.get(p, p) for p in parts if p]
        return ", ".join(dict.fromkeys(names))
    if re.fullmatch(r"[A-Z][a-zà-ÿ]+", body):  # a surname: take the initials the text gives
        m = re.search(rf"((?:[A-Z]\.){{1,4}})\s?{re.escape(body)}\b", text)
        if m:
            return f"{m[1]} {body}"
    return bodies.get(body, body)


def _body_key(body: str | None) -> str:
    if not body:
        return ""
    if re.match(r"^(?:[A-Z]\.)+\s", body):
        body = body.split()[-1]  # a person by surname
    return slugify(body)


def _key(body: str | None, year: str | None, title: str | None, kind: str) -> str:
    if year and title and year in title:
        year = None  # `Staat van het Bestuur 2022`
    if not title:  # `advies-commissie-van-ark`, read as a name
        return "-".join(p for p in (kind, _body_key(body), year or "") if p)
    parts = [_body_key(body), year or "", slugify(title)]
    return "-".join(p for p in parts if p)


def _kind(title: str, body: str | None) -> str:
    lower = title.lower()
    for kind in KINDS:
        if lower.startswith((kind, kind.replace(" ", ""))):
            return kind.split()[-1]
    return "advies" if body and _ADVISORY.match(body) else "rapport"


def _split_titles(title: str) -> list[str]:
    """`Rust-reinheid-regelmaat en Droomland of niemandsland` are two titles."""
    parts = re.split(r"\s+en\s+(?=[A-Z])", title)
    return parts if all(len(p.split()) <= 8 for p in parts) else [title]


def _reference_style(text: str, offset: int) -> list[ReportMention]:
    reference = _patterns()[0]
    matches = list(reference.finditer(text)) if may_match(reference, text) else []
    found = []
    for n, m in enumerate(matches):
        stop = matches[n + 1].start() if n + 1 < len(matches) else len(text)
        rest = text[m.end() : stop]
        end = _TITLE_END.search(rest)
        while end and end[0].strip(" \t") == "\n" and _dangling(rest[: end.start()]):
            end = _TITLE_END.search(rest, end.end())  # `Rust-reinheid-regelmaat en` ⏎ `Droomland`
        title = re.sub(r"\s+", " ", rest[: end.start()] if end else rest).strip(" .,")
        while _dangling(title):  # a footnote cut at a page break: `Rust-reinheid-regelmaat en`
            title = title.rsplit(None, 1)[0] if " " in title else ""
        title = (
            re.sub(r"\s*\d+$", "", title) if "\n" in rest[: end.start() if end else None] else title
        )
        if not title or not title[0].isupper():
            continue
        body = _canonical(m["body"], text)
        raw_end = m.end() + (end.start() if end else len(rest))
        for part in _split_titles(title):
            found.append(
                ReportMention(
                    _key(body, m["year"], part, ""),
                    body,
                    m["year"],
                    part,
                    _kind(part, body),
                    text[m.start() : raw_end],
                    m.start() + offset,
                    raw_end + offset,
                )
            )
    return found


_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"


@lru_cache(maxsize=1)
def _comma_pattern() -> re.Pattern[str]:
    """A footnote `Body, Title[. Subtitle][, kenmerk], [3] oktober 2024.` or `Body, 'Title' (2024).`"""
    return re.compile(
        r"^\s*(?:(?:<sup>)?\d{1,3}(?:</sup>)?[ \t]+|\(\d{1,3}\)[ \t]+|\[\^?\w+\]:[ \t]*)?"  # the footnote's number
        rf"(?:(?:Zie|Vgl\.?)(?:\s+ook)?:?\s+)?(?P<body>{_one_body_pattern()}),\s+"
        r"(?:['‘“\"](?P<quoted>[^'‘’“”\"\n]{3,200}?)['’”\"]|(?P<title>[A-Z][^,\n]{2,200}?))"
        r"(?:\s*\((?P<pyear>(?:19|20)\d\d)\)"
        rf"|(?:,\s+[^,\n]{{1,60}}?)??,\s+(?:\d{{1,2}}\s+)?(?:(?:{_MONTHS})\s+)?(?P<year>(?:19|20)\d\d))"
        r"\s*\.?\s*$"
    )


def _comma_style(text: str, offset: int) -> list[ReportMention]:
    """A footnote that names a report as `Body, Title, month year` (the other common citation
    order, beside `Body (year). Title`)."""
    m = _comma_pattern().match(text)
    if m is None:
        return []
    body = _canonical(m["body"], text)
    if not body or body.split()[0] in {"Kamerstukken", "Kamerstuk", "Handelingen", "Zie", "Brief"}:
        return []
    title = _main_title(" ".join((m["quoted"] or m["title"]).split()).strip(" ."))
    year = m["year"] or m["pyear"]
    return [
        ReportMention(
            _key(body, year, title, ""), body, year, title, _kind(title, body),
            text[m.start("body") : m.end()].strip(), m.start("body") + offset, m.end() + offset,
        )
    ]  # fmt: skip


def _running_text(text: str, offset: int) -> list[ReportMention]:
    _, named, subject, _ = _patterns()
    found = []
    for pattern in (named, subject):
        if not may_match(pattern, text):
            continue
        for m in pattern.finditer(text):
            groups = m.groupdict()
            title = groups.get("title") or groups.get("plain")
            raw_body = groups.get("body") or groups.get("prefix")
            if not (title or raw_body):
                continue
            advisory = raw_body and (
                raw_body in known_bodies()
                or raw_body in known_bodies().values()
                or _ADVISORY.match(_LEADING.sub("", raw_body))
            )
            if raw_body and not advisory and not groups.get("title"):
                continue  # `de eindrapportage van de evaluatie van de Regio Deals`
            if groups.get("plain") and groups["plain"].split()[0] in _NOT_TITLE:
                continue  # `het advies op verzoek van de Eerste Kamer`
            title = _main_title(re.sub(r"\s+", " ", title).strip()) if title else None
            body = _canonical(raw_body, text)
            kind = re.sub(r"\s+", " ", m["kind"]).split()[-1]
            if title and groups.get("plain"):  # `de voorlichting interbestuurlijke verhoudingen`
                title = f"{kind.capitalize()} {title}"
            year = (
                re.search(r"\b(?:19|20)\d\d\b", title).group()
                if title and re.search(r"\b(?:19|20)\d\d\b", title)
                else None
            )
            start, end = m.start() + (len(m[0]) - len(m[0].lstrip(".; "))), m.end()
            dated = _DATED_AFTER.match(text, end)
            if dated and title and not year:  # `... van de ROB (2023)`, `'Titel' (ROB, 2022)`
                written = (dated["body"] or "").strip()
                known = written in known_bodies() or written in known_bodies().values()
                named_body = _canonical(written, text) if known else None
                if (not written or known) and (
                    not body or not named_body or _body_key(named_body) == _body_key(body)
                ):
                    body, year = body or named_body, dated["year"] or dated["year2"]
                    end = dated.end()
            found.append(
                ReportMention(
                    _key(body, year, title, kind),
                    body,
                    year,
                    title,
                    kind,
                    text[start:end],
                    start + offset,
                    end + offset,
                )
            )
    return found


# The year a running-text mention gives right after it: `(2023)`, `(ROB, 2022)`, `uit 2021`,
# `van maart 2024`.
_DATED_AFTER = re.compile(
    rf"\s*(?:\((?:(?P<body>[^,()\n]{{2,60}}),\s*)?(?P<year>(?:19|20)\d\d)\)"
    rf"|\s(?:uit|van)\s+(?:\d{{1,2}}\s+)?(?:(?:{_MONTHS})\s+)?(?P<year2>(?:19|20)\d\d)\b)"
)


def _dangling(title: str) -> bool:
    """A title cut at a line break that ends on `en`, `van`, `over`: the break is inside it."""
    words = title.split()
    return bool(words) and words[-1].lower() in _FUNCTION


_SUBTITLE = re.compile(r"(?<=\w)(?:\.\s+(?=[A-Z])|:\s+(?=\w))")


def _main_title(title: str) -> str:
    """`Regionale samenwerking en gemeenteraden. Een samenvattend onderzoek ...` -> the part before
    the subtitle."""
    parts = _SUBTITLE.split(title, maxsplit=1)
    return parts[0] if len(parts[0].split()) >= 2 else title


# Kinds that name one document (`de voorlichting ...`, `het rapport over ...`); `onderzoek` and
# `evaluatie` are also activities, so their unquoted subject is not read as a title.
_DOCUMENT_KINDS = r"voorlichting|advies|briefadvies|adviesrapport|rapport|onderzoeksrapport"
_SUBJECT = re.compile(
    rf"\b(?i:de|het|een)\s+(?P<kind>{_DOCUMENT_KINDS})\s+(?:over\s+)?"
    r"(?P<words>[a-zà-ÿ][\w-]*(?:\s+[a-zà-ÿ][\w-]*){1,6})"
)
# Participles that end a subject (`het rapport regionale samenwerking gepubliceerd`); a pattern
# like `ge...en` would also take nouns (`gemeenteraden`).
_PARTICIPLE_LIKE = re.compile(
    r"^(?:gepubliceerd|uitgebracht|verschenen|gestuurd|toegestuurd|verstuurd|opgesteld|"
    r"aangeboden|gedaan|genoemd|gevraagd|ontvangen|besproken|vastgesteld)$"
)


def _subject_title(words: str) -> str | None:
    """The lower-case subject words after a kind, up to a verb or function word: `interbestuurlijke
    verhoudingen` of `de voorlichting interbestuurlijke verhoudingen gaat ...`."""
    taken: list[str] = []
    tokens = words.split()
    for n, word in enumerate(tokens):
        lower = word.lower()
        if lower == "en" and taken and n + 1 < len(tokens):
            nxt = tokens[n + 1].lower()
            if nxt not in _FUNCTION | _STOP and not _PARTICIPLE_LIKE.match(nxt):
                taken.append(word)
                continue
        if lower in _FUNCTION | _STOP or _PARTICIPLE_LIKE.match(lower):
            break
        taken.append(word)
    return " ".join(taken) if len(taken) >= 2 else None


def _subject_named(text: str, offset: int) -> list[ReportMention]:
    found = []
    for m in _SUBJECT.finditer(text):
        title = _subject_title(m["words"])
        over = re.match(r"\s+over\s", text[m.end("kind") :])
        if not title or not (over or title.split()[0].endswith("e")):
            continue  # `het rapport signaleert`: without `over`, a subject opens with an adjective
        raw_end = text.index(title.split()[-1], m.start("words")) + len(title.split()[-1])
        kind = m["kind"]
        # `de voorlichting interbestuurlijke verhoudingen`: kind and subject are the name;
        # `een rapport over regionale samenwerking en gemeenteraden`: the subject is.
        title = title[0].upper() + title[1:] if over else f"{kind.capitalize()} {title}"
        found.append(
            ReportMention(
                _key(None, None, title, kind),
                None,
                None,
                title,
                kind,
                text[m.start() : raw_end],
                m.start() + offset,
                raw_end + offset,
            )
        )
    return found


# The genre's periodic state-of reports: `Staat van het Bestuur 2022`, `Stand van de Uitvoering`.
# `een Stand van de Uitvoering` (indefinite) names the series, not one edition.
_STATE_OF = re.compile(
    r"(?<![\w-])(?<!\been\s)(?:Staat|Stand)\s+van\s+(?:de|het)\s+[A-Z][\w-]+(?:\s+(?:[a-z]+\s+)?(?:19|20)\d\d)?"
)


def _state_of(text: str, offset: int) -> list[ReportMention]:
    found = []
    for m in _STATE_OF.finditer(text):
        title = re.sub(r"\s+", " ", m[0])
        year = re.search(r"(?:19|20)\d\d$", title)
        found.append(
            ReportMention(
                _key(None, None, title, "rapport"),
                None,
                year and year[0],
                title,
                "rapport",
                m[0],
                m.start() + offset,
                m.end() + offset,
            )
        )
    return found


# Genre rule: parliament's own inquiries (`de parlementaire verkenning`, `de parlementaire
# enquête`) named with the definite article are one specific report the letter cites (`de
# aanbevelingen van de parlementaire verkenning`), labelled by that name; `een parlementaire
# enquête` (any one) is not.
_PARLIAMENTARY = re.compile(
    r"(?<![\w-])(?:de|deze|die)\s+(?P<title>parlementaire\s+(?:verkenning|enquête|ondervraging))\b",
    re.IGNORECASE,
)


def _parliamentary(text: str, offset: int) -> list[ReportMention]:
    found = []
    for m in _PARLIAMENTARY.finditer(text):
        title = re.sub(r"\s+", " ", m["title"]).lower()
        kind = title.split()[-1]
        found.append(
            ReportMention(
                _key(None, None, title, kind),
                None,
                None,
                title,
                kind,
                m["title"],
                m.start("title") + offset,
                m.end("title") + offset,
            )
        )
    return found


# A line that opens with a report kind: a list item, an enclosure (`Bijlage bij Kamerbrief:`), a
# footnote body. Guides, letters and the minister's own progress reports are actions, not reports.
_LINE_KINDS = (
    r"(?:Tussen|Eind|Jaar|Onderzoeks|Evaluatie|Advies)?"
    r"(?:rapport|rapportage|verslag)|Evaluatie|Onderzoek|Advies|Jaarverslag|Eindrapportage"
)
_KIND_LINE = re.compile(
    rf"(?m)^[ \t]*(?:[-•–*]\s+|\d{{1,3}}[ \t]+|Bijlage(?:\s+bij\s+[\w ]+?)?:\s*)+"
    rf"(?P<title>(?:{_LINE_KINDS})\b[^\n(]{{3,150}}?)\s*(?:\(|,\s*(?:zie|te\s+raadplegen)|\s*$)"
)


def _kind_lines(text: str, offset: int) -> list[ReportMention]:
    found = []
    for m in _KIND_LINE.finditer(text):
        title = m["title"].strip(" .,;")
        if len(title.split()) < 3 or not re.search(r"\s[A-Za-zà-ÿ]", title):
            continue
        if re.search(r"\b(?:ik|wij|we|u|is|wordt|zijn|worden|heeft|hebben)\b", title):
            continue  # a sentence that opens with `Onderzoek`, not a title
        kind = _kind(title, None)
        year = re.search(r"\b(?:19|20)\d\d\b", title)
        found.append(
            ReportMention(
                _key(None, None, title, kind),
                None,
                year and year[0],
                title,
                kind,
                m["title"],
                m.start("title") + offset,
                m.end("title") + offset,
            )
        )
    return found


# A footnote that is only a web address of a publication: titled by the address's last segment.
_PUBLICATION_URL = re.compile(
    r"^\W*(?P<url>https?://\S+/(?:rapporten|publicaties|publicatie|documenten)/\S*?"
    r"/(?P<slug>[a-z0-9]+(?:-[a-z0-9]+){1,14})(?:\.pdf|\.html)?)[>\]).\s]*$"
)
_GUIDE_SLUG = re.compile(r"^(?:handreiking|handleiding|leidraad|kamerbrief|brief)-")


_FOOTNOTE_NUMBER = re.compile(r"^\s*[\d¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}\s+")


def _url_only(text: str, offset: int) -> list[ReportMention]:
    m = _PUBLICATION_URL.match(_FOOTNOTE_NUMBER.sub("", text).strip())
    if not m or _GUIDE_SLUG.match(m["slug"]):
        return []
    title = m["slug"].replace("-", " ").capitalize()
    year = re.search(r"/((?:19|20)\d\d)/", m["url"])
    start = text.index(m["url"])
    return [
        ReportMention(
            _key(None, None, title, "rapport"),
            None,
            year and year[1],
            title,
            "rapport",
            m["url"],
            start + offset,
            start + len(m["url"]) + offset,
        )
    ]


# `EIPA, Public Sector Performance Programme 2022 – 2025: an International Benchmarking study`: a
# footnote naming its author by acronym, a comma and a capitalised title.
_ACRONYM_REFERENCE = re.compile(
    r"^\W*(?P<body>[A-Z]{2,6}),\s+(?P<title>[A-Z][^\n]{5,200}?)\s*(?:,\s*(?:zie|te\s+raadplegen)|$)"
)


def _acronym_reference(text: str, offset: int) -> list[ReportMention]:
    m = _ACRONYM_REFERENCE.match(_FOOTNOTE_NUMBER.sub("", text).strip())
    if not m or re.search(r"https?:|Kamerstuk|\bnr\.", text):
        return []
    title = _main_title(m["title"].strip(" ."))
    body = _canonical(m["body"], text)
    start = text.index(m[0].lstrip()[:20])
    return [
        ReportMention(
            _key(body, None, title, ""),
            body,
            None,
            title,
            _kind(title, body),
            text[start : start + len(m[0].strip())],
            start + offset,
            start + len(m[0].strip()) + offset,
        )
    ]


# `het onderzoek naar Bestuurlijke Regionale Ecosystemen`: a study named after its capitalised
# subject.
_STUDY_OF_NAME = re.compile(
    r"\b(?i:het|dit|een)\s+(?:[a-z]+\s+){0,2}?(?P<kind>onderzoek|evaluatie|studie|verkenning)\s+naar[^\S\n]+"
    r"(?P<name>[A-Z][\w-]+(?:[^\S\n]+[A-Z][\w-]+){1,5})"
)


def _study_of_name(text: str, offset: int) -> list[ReportMention]:
    found = []
    for m in _STUDY_OF_NAME.finditer(text):
        name = re.sub(r"\s+", " ", m["name"])
        title = f"{m['kind'].capitalize()} naar {name}"
        found.append(
            ReportMention(
                _key(None, None, title, m["kind"]),
                None,
                None,
                title,
                m["kind"],
                text[m.start() : m.end()],
                m.start() + offset,
                m.end() + offset,
            )
        )
    return found


_ORDINAL = r"eerste|tweede|derde|vierde|vijfde|zesde|laatste"
# An edition of a body's series report: `het tweede jaarverslag van de Projectgroep Lokale
# Rekenkamers`, `het derde en laatste jaarverslag van deze projectgroep`, `het eerste verslag aan van
# de projectgroep ...` (a separable verb's particle in between). Untitled but specific; keyed by its
# own words (ordinal, kind, body) without the particle.
_EDITION = re.compile(
    rf"\b(?i:het|de)\s+(?P<ordinal>{_ORDINAL})(?:\s+en\s+(?:{_ORDINAL}))?\s+"
    r"(?P<kind>jaarverslag|verslag|rapportage|jaarrapportage|monitor)(?:\s+(?:aan|toe|mee))?\s+"
    r"van\s+(?P<det>de|het|deze|dit)\s+(?P<body>[\w-]+(?:\s+[\w-]+){0,3})"
)


def _editions(text: str, offset: int) -> list[ReportMention]:
    found = []
    for m in _EDITION.finditer(text):
        words = []
        for word in m["body"].split():
            if word.lower() in _FUNCTION | _STOP or (words and not word[0].isalpha()):
                break
            words.append(word)
        if m["det"].lower() in {"deze", "dit"}:
            words = words[:1]  # `van deze projectgroep`: the demonstrative's noun is the body
        if not words:
            continue
        body = " ".join(words)
        end = m.start("body") + len(re.match(rf"\S+(?:\s+\S+){{{len(words) - 1}}}", m["body"])[0])
        name = f"{m['ordinal']} {m['kind']} van {m['det']} {body}".lower()
        found.append(
            ReportMention(
                slugify(name),
                body,
                None,
                None,
                m["kind"].lower(),
                text[m.start() : end],
                m.start() + offset,
                end + offset,
            )
        )
    return found


# `de 'Voorlichting Interbestuurlijke Verhoudingen' van de Raad van State`: a quoted title of an
# advisory body's publication without a kind word before it.
@lru_cache(maxsize=1)
def _quoted_of_body_pattern() -> re.Pattern[str]:
    body_pattern = _patterns()[3].pattern[4:-2]
    return re.compile(
        r"['‘“\"](?P<title>[A-Z][^'‘’“”\"]{3,150}?)['’”\"]\s+van\s+(?:de|het)\s+"
        rf"(?P<body>{body_pattern})"
    )


def _quoted_of_body(text: str, offset: int) -> list[ReportMention]:
    pattern = _quoted_of_body_pattern()
    found = []
    for m in pattern.finditer(text):
        raw_body = m["body"]
        if not (
            raw_body in known_bodies().values()
            or raw_body in known_bodies()
            or _ADVISORY.match(raw_body)
        ):
            continue
        body, title = _canonical(raw_body, text), _main_title(m["title"].strip())
        found.append(
            ReportMention(
                _key(body, None, title, ""),
                body,
                None,
                title,
                _kind(title, body),
                m[0],
                m.start() + offset,
                m.end() + offset,
            )
        )
    return found


# --- Genre rules for advices the letter names by their request or their body, not by a title ---

# An ad-hoc committee named after its chair exists to give one advice: a letter that acts on it
# (`de voorstellen (n.a.v. commissie Van Dam)`, `naar aanleiding van de commissie De Vries`) cites
# that advice, keyed `advies-commissie-<name>` like `het advies van de commissie Van Ark`.
_COMMITTEE_CITED = re.compile(
    rf"\b(?:n\.a\.v\.|naar\s+aanleiding\s+van|(?:voorstellen|aanbevelingen)\s+van)\s+(?:de\s+)?"
    rf"(?P<body>{_NAMED_COMMITTEE})"
)


def _committee_cited(text: str, offset: int) -> list[ReportMention]:
    found = []
    for m in _COMMITTEE_CITED.finditer(text):
        body = re.sub(r"\s+", " ", m["body"])
        body = body[0].upper() + body[1:]
        found.append(
            ReportMention(
                _key(body, None, None, "advies"),
                body,
                None,
                None,
                "advies",
                m[0],
                m.start() + offset,
                m.end() + offset,
            )
        )
    return found


# The subject words of a requested advice: lower-case words after an optional article, up to a
# function word or stop word (`over de interbestuurlijke verhoudingen.` -> `interbestuurlijke
# verhoudingen`; `naar het handelingsperspectief in situaties` -> `handelingsperspectief`).
def _request_subject(words: str) -> str | None:
    taken = []
    for word in words.split():
        lower = word.lower().strip(".,;:")
        if lower in _FUNCTION | _STOP or not re.fullmatch(r"[a-zà-ÿ][\w-]*", lower):
            break
        taken.append(lower)
        if word[-1] in ".,;:":
            break
    return " ".join(taken[:4]) or None


# The minister asks an advisory body for an advice on a subject (`heb ik de Afdeling verzocht een
# voorlichting uit te brengen over de X`, `Aan de Raad van State heb ik advies gevraagd naar het
# X`): the requested advice is a specific report, titled `<Kind> over <subject>` and keyed
# `<kind>-<body>-over-<subject>`. The body is the advisory body the same sentence names (`de
# Afdeling` being the Raad van State's advisory division).
_REQUESTED = re.compile(
    r"\b(?:verzocht|gevraagd|gevraagd\s+om)\s+(?:om\s+)?een\s+(?P<kind>voorlichting|advies)\s+uit\s+te\s+"
    r"brengen\s+(?:over|naar)\s+(?:de\s+|het\s+)?(?P<words>[^.;]{3,80})"
    r"|\b(?P<kind2>advies|voorlichting)\s+(?:gevraagd|verzocht|aangevraagd)\s+(?:over|naar)\s+"
    r"(?:de\s+|het\s+)?(?P<words2>[^.;]{3,80})"
)
_ADVISORY_IN_SENTENCE = re.compile(
    r"\b(?:de\s+)?(?P<body>Afdeling(?:\s+advisering)?(?:\s+van\s+de\s+Raad\s+van\s+State)?|Raad\s+van\s+State|RvS|"
    r"ROB|Raad\s+voor\s+het\s+Openbaar\s+Bestuur)\b"
)


# `Zoals boven vermeld heb ik ... advies gevraagd over ...` repeats a request the letter already
# reported, in other words: it names no new report.
_RECAP = re.compile(
    r"\bZoals\s+(?:hier)?(?:boven|eerder|hiervoor)\s+(?:vermeld|gemeld|aangegeven|genoemd)"
)


def _requested_advice(text: str, offset: int) -> list[ReportMention]:
    found = []
    for m in _REQUESTED.finditer(text):
        if _RECAP.search(text[: m.start()]):
            continue
        kind = m["kind"] or m["kind2"]
        subject = _request_subject(m["words"] or m["words2"])
        if not subject:
            continue
        named = _ADVISORY_IN_SENTENCE.search(text)
        body = None
        if named:
            raw = re.sub(r"\s+", " ", named["body"])
            body = "Raad van State" if raw.startswith("Afdeling") else _canonical(raw, text)
        title = f"{kind.capitalize()} over {subject}"
        key = "-".join(p for p in (kind, _body_key(body), "over", slugify(subject)) if p)
        found.append(
            ReportMention(key, body, None, title, kind, m[0], m.start() + offset, m.end() + offset)
        )
    return found


# An advisory body's own advice named by its subject (`de Raad van State heeft in zijn voorlichting
# over de bekostiging van waterschappen gewezen op …`, `In haar advies over de positie van
# provincies stelt de raad …`): the possessive points at the body the sentence names.
_POSSESSIVE_ADVICE = re.compile(
    r"\b(?:zijn|haar)\s+(?P<kind>voorlichting|advies|briefadvies|ongevraagd\s+advies)\s+over\s+"
    r"(?:de\s+|het\s+)?(?P<words>[^.;:()]{3,100})"
)


# What an advice does in the sentence that names it by its subject (`In zijn advies over X stelt de raad`).
_REPORTING_VERBS = frozenset(
    {"stelt", "concludeert", "constateert", "wijst", "geeft", "adviseert", "beveelt", "noemt",
     "schetst", "signaleert", "benadrukt", "heeft", "had", "is", "was", "wordt", "werd", "vraagt",
     "gaat", "pleit", "merkt", "onderstreept", "doet", "ziet"}
)  # fmt: skip


def _subject_of(words: str) -> str | None:
    """`positie van provincies stelt …` -> `positie van provincies`: lower-case words, a `van`
    joining two of them, up to a verb, function word or punctuation (at most six words)."""
    taken: list[str] = []
    tokens = words.split()
    for n, word in enumerate(tokens):
        lower = word.lower().strip(".,;:")
        if lower == "van" and taken and n + 1 < len(tokens):
            taken.append(lower)  # `positie van provincies`, `toekomst van het stelsel`
            continue
        if lower in {"de", "het"} and taken and taken[-1] == "van":
            taken.append(lower)
            continue
        if (
            lower in _FUNCTION | _STOP | _REPORTING_VERBS
            or _PARTICIPLE_LIKE.match(lower)
            or not re.fullmatch(r"[a-zà-ÿ][\w-]*", lower)
        ):
            break
        taken.append(lower)
        if word[-1] in ".,;:" or len(taken) >= 6:
            break
    while taken and taken[-1] in {"van", "de", "het"}:
        taken.pop()
    return " ".join(taken) or None


def _possessive_advice(text: str, offset: int) -> list[ReportMention]:
    found = []
    for m in _POSSESSIVE_ADVICE.finditer(text):
        named = _ADVISORY_IN_SENTENCE.search(text)
        subject = _subject_of(m["words"])
        if not named or not subject:
            continue  # `zijn advies` of someone the sentence does not name as an advisory body
        raw = re.sub(r"\s+", " ", named["body"])
        body = "Raad van State" if raw.startswith("Afdeling") else _canonical(raw, text)
        kind = m["kind"].split()[-1]
        title = f"{kind.capitalize()} over {subject}"
        key = "-".join(p for p in (kind, _body_key(body), "over", slugify(subject)) if p)
        end = m.start("words") + m["words"].index(subject.split()[-1]) + len(subject.split()[-1])
        found.append(
            ReportMention(
                key,
                body,
                None,
                title,
                kind,
                text[m.start() : end],
                m.start() + offset,
                end + offset,
            )
        )
    return found


# A coming advice of a body named by its subject (`het nog komende ROB-advies op verzoek van de
# Eerste Kamer over monitoring`): the `over` phrase in the same clause names it; titled
# `<BODY>-advies over <subject>` as the letter writes the kind.
_COMING_ON = re.compile(
    r"\b(?:komende|toekomstige|volgende)\s+(?P<prefix>[A-Z][\w]*)-(?P<kind>advies|rapport)\b"
    r"[^.;,]{0,60}?\bover\s+(?:de\s+|het\s+)?(?P<words>[^.;]{3,80})"
)


def _coming_on_subject(text: str, offset: int) -> list[ReportMention]:
    found = []
    for m in _COMING_ON.finditer(text):
        subject = _request_subject(m["words"])
        if not subject or m["prefix"] not in known_bodies():
            continue
        title = f"{m['prefix']}-{m['kind']} over {subject}"
        body = _canonical(m["prefix"], text)
        found.append(
            ReportMention(
                _key(None, None, title, m["kind"]),
                body,
                None,
                title,
                m["kind"],
                m[0],
                m.start() + offset,
                m.end() + offset,
            )
        )
    return found


def _same(a: ReportMention, b: ReportMention) -> bool:
    if not (a.title and b.title):
        return False
    x, y = slugify(a.title), slugify(b.title)
    x, y = (re.sub(r"^(?:voorlichting|advies)-(?:over-)?", "", s) for s in (x, y))
    return x == y or x.startswith(y + "-") or y.startswith(x + "-")


def _resolve(mentions: list[ReportMention]) -> list[ReportMention]:
    """Fill a mention's body and year from another mention of the same report; name untitled
    advices after the one titled advice of their body."""
    titled = _resolve_titled(mentions)
    resolved = [_resolve_untitled(m, titled) if not m.title else m for m in titled]
    # An untitled report left unresolved is kept only when it is a coming one (`het nog komende
    # ROB-advies`): `dit ROB-advies`, `het advies van de Raad van State` point back to a report the
    # letter names elsewhere, and a generic `<body>-advies` node would merge all of that body's
    # advices.
    return [
        m
        for m in resolved
        if m.title
        or _forthcoming(m)
        or re.fullmatch(_NAMED_COMMITTEE, m.body or "")
        or re.match(rf"(?:{_ORDINAL})-", m.key)  # an edition: `het tweede jaarverslag van ...`
    ]


def _forthcoming(mention: ReportMention) -> bool:
    """`het nog komende ROB-advies`: the adjective stands right before the (body-)kind."""
    return bool(
        re.search(
            rf"{_FORTHCOMING.pattern}\s+(?:[\w-]+-)?{mention.kind}\b", mention.raw, re.IGNORECASE
        )
    )


def _resolve_titled(mentions: list[ReportMention]) -> list[ReportMention]:
    resolved = []
    for mention in mentions:
        if mention.title:
            twins = [
                o for o in mentions if o is not mention and _same(mention, o) and (o.year or o.body)
            ]
            if twins:
                body = mention.body or next((o.body for o in twins if o.body), None)
                year = mention.year or next((o.year for o in twins if o.year), None)
                title = max([mention.title, *(o.title for o in twins if o.body == body)], key=len)
                if body != mention.body or year != mention.year:
                    mention = replace(
                        mention, body=body, year=year, key=_key(body, year, title, mention.kind)
                    )
        resolved.append(mention)
    return resolved


_FORTHCOMING = re.compile(r"\b(?:komende|nieuwe|volgende|toekomstige)", re.IGNORECASE)


def _resolve_untitled(mention: ReportMention, mentions: list[ReportMention]) -> ReportMention:
    if not mention.body or _forthcoming(mention):
        return mention
    titled = {
        o.key: o
        for o in mentions
        if o.title and o.body == mention.body and o.kind == mention.kind and not _forthcoming(o)
    }  # `dit ROB-advies` points back, never to a coming advice named by its subject
    if len(titled) != 1:
        return mention
    (twin,) = titled.values()
    return replace(mention, key=twin.key, year=twin.year, title=twin.title)


def _fuller(a: ReportMention, b: ReportMention) -> bool:
    """`b` names the report `a` names and says more of it: the same title, and a body or year that
    `a` leaves out, never one that contradicts it."""
    if a.key == b.key or not _same(a, b):
        return False
    if a.body and b.body and _body_key(a.body) != _body_key(b.body):
        return False
    if a.year and b.year and a.year != b.year:
        return False
    return bool((b.body and not a.body) or (b.year and not a.year))


def unify_reports(mentions: list[ReportMention]) -> list[ReportMention]:
    """One node per report in a document: a footnote names it `ROB (2025). Afrekenen met
    disbalans`, the running text `het ROB-advies 'Afrekenen met disbalans'`; the mention that leaves
    out the year (or the body) takes the key of the one that gives it, when exactly one report of
    that title does. Two reports of one body keep their own keys: their titles differ."""
    by_key = {m.key: m for m in sorted(mentions, key=lambda m: -len(m.title or ""))}
    target: dict[str, str] = {}
    for key, mention in by_key.items():
        fuller = {o.key for o in by_key.values() if _fuller(mention, o)}
        fullest = {k for k in fuller if not any(_fuller(by_key[k], by_key[o]) for o in fuller)}
        if len(fullest) == 1:
            target[key] = next(iter(fullest))
    unified = []
    for mention in mentions:
        key = target.get(mention.key)
        if key is None:
            unified.append(mention)
            continue
        twin = by_key[key]
        unified.append(replace(mention, key=key, body=twin.body, year=twin.year, title=twin.title))
    return unified


# A letter that encloses a report without naming it (`Het rapport doe ik u hierbij toekomen`,
# `Het onderzoek bied ik uw Kamer hierbij aan`) usually does so under a section heading that is
# the report's own title (`Onderzoek omvang budgetten ...`): the heading names the report when it
# opens with a report kind. Only a definite, untitled report counts (`het rapport`, `dit
# onderzoek`), and only the sending verbs of the genre.
_SENT_REPORT = re.compile(
    r"\b(?:[Hh]et|[Dd]it|[Dd]eze|[Dd]e)\s+(?:rapport|onderzoeksrapport|onderzoek|evaluatie|"
    r"verkenning|rapportage|eindrapport|eindrapportage|studie)\b[^.'‘“\"]{0,80}?\b"
    r"(?:doe|bied|stuur|zend)\s+ik\s+(?:u|uw\s+Kamer)\b[^.]{0,40}?\b"
    r"(?:hierbij|bijgaand)\b[^.]{0,40}?\b(?:toekomen|aan|toe)\b"
)
_REPORT_HEADING = re.compile(
    r"^(?:Onderzoek|Rapport|Eindrapport|Evaluatie|Verkenning|Studie|Onderzoeksrapport)\b"
)


def sent_report(sentence: str, offset: int, heading_title: str | None) -> ReportMention | None:
    """The report a sentence sends to the Kamer untitled, titled by the section heading it stands
    under when that heading names a study or report; else None."""
    m = _SENT_REPORT.search(sentence)
    if not m or not heading_title:
        return None
    title = " ".join(heading_title.split()).strip(" .:;")
    if not _REPORT_HEADING.match(title) or len(title.split()) < 3:
        return None
    kind = _kind(title, None)
    return ReportMention(
        _key(None, None, title, kind),
        None,
        None,
        title,
        kind,
        m[0],
        m.start() + offset,
        m.end() + offset,
    )


# The rules that find nothing where their one pattern finds nothing (each is a loop over the
# pattern's matches), in the order their mentions are collected.
_LED_RULES: tuple[tuple[Callable[[str, int], list[ReportMention]], Callable[[], re.Pattern[str]]], ...] = (
    (_study_of_name, lambda: _STUDY_OF_NAME),
    (_subject_named, lambda: _SUBJECT),
    (_state_of, lambda: _STATE_OF),
    (_kind_lines, lambda: _KIND_LINE),
    (_editions, lambda: _EDITION),
    (_quoted_of_body, _quoted_of_body_pattern),
    (_parliamentary, lambda: _PARLIAMENTARY),
    (_committee_cited, lambda: _COMMITTEE_CITED),
    (_requested_advice, lambda: _REQUESTED),
    (_coming_on_subject, lambda: _COMING_ON),
    (_possessive_advice, lambda: _POSSESSIVE_ADVICE),
)


@lru_cache(maxsize=1)
def _led_rules_set() -> PatternSet:
    """Which of `_LED_RULES` may find something in a text (`graph.patterns`)."""
    return pattern_set(tuple(pattern() for _, pattern in _LED_RULES))


def extract_reports(text: str, offset: int = 0) -> list[ReportMention]:
    """Every cited report in a text (a whole letter with its footnotes, or one footnote), in order."""
    mentions = _reference_style(text, offset)
    mentions = mentions or _comma_style(text, offset)
    mentions += _url_only(text, offset) + _acronym_reference(text, offset)
    taken = [(m.start, m.end) for m in mentions]
    others = _running_text(text, offset)
    for index in _led_rules_set().candidates(text):  # in their order; the others cannot match
        others += _LED_RULES[index][0](text, offset)
    for mention in sorted(others, key=lambda m: (m.start, -m.end)):
        if not any(s < mention.end and mention.start < e for s, e in taken):
            mentions.append(mention)  # `De ROB heeft in het rapport over 'X'` once, with its body
            taken.append((mention.start, mention.end))
    mentions.sort(key=lambda m: (m.start, m.end))
    return _resolve(mentions)
