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
  text names with a title, else a generic `<body>-advies` (always generic for a coming advice).

Bodies are normalised with the `body` rows of the action cue file (ROB -> Raad voor het Openbaar
Bestuur); a surname alone (`Elzinga`) takes the initials the same text gives it (`D.J. Elzinga`).
Keys are slugs of `<body>-<year>-<title>` (a person by surname), a year missing from one mention
taken from another mention of the same report in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from graph.extract.actions import CUES_PATH, slugify

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
_ADVISORY = re.compile(r"^(?:Raad|Afdeling|Adviesraad|Adviescollege|College|Commissie)\b")


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


def _body_pattern() -> str:
    names = sorted({*known_bodies(), *known_bodies().values()}, key=len, reverse=True)
    known = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    chain = (
        r"(?:[A-Z]\.\s?)*[A-Z][\w'’&-]+"
        r"(?:\s+(?:(?:van|voor|de|het|der|den|en|&)\s+)*[A-Z][\w'’&-]+)*"
    )
    one = rf"(?:(?<![\w-])(?:{known})(?![\w-])|{chain})"
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
    parts = [_body_key(body), year or "", slugify(title) if title else kind]
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
    matches = list(reference.finditer(text))
    found = []
    for n, m in enumerate(matches):
        stop = matches[n + 1].start() if n + 1 < len(matches) else len(text)
        rest = text[m.end() : stop]
        end = _TITLE_END.search(rest)
        title = re.sub(r"\s+", " ", rest[: end.start()] if end else rest).strip(" .,")
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


def _running_text(text: str, offset: int) -> list[ReportMention]:
    _, named, subject, _ = _patterns()
    found = []
    for pattern in (named, subject):
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
            title = re.sub(r"\s+", " ", title).strip() if title else None
            body = _canonical(raw_body, text)
            kind = re.sub(r"\s+", " ", m["kind"]).split()[-1]
            year = (
                re.search(r"\b(?:19|20)\d\d\b", title).group()
                if title and re.search(r"\b(?:19|20)\d\d\b", title)
                else None
            )
            start = m.start() + (len(m[0]) - len(m[0].lstrip(".; ")))
            found.append(
                ReportMention(
                    _key(body, year, title, kind),
                    body,
                    year,
                    title,
                    kind,
                    text[start : m.end()],
                    start + offset,
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
    return [_resolve_untitled(m, titled) if not m.title else m for m in titled]


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


def _resolve_untitled(mention: ReportMention, mentions: list[ReportMention]) -> ReportMention:
    if not mention.body or re.search(
        r"\b(?:komende|nieuwe|volgende|toekomstige)\b", mention.raw, re.IGNORECASE
    ):
        return mention
    titled = {
        o.key: o for o in mentions if o.title and o.body == mention.body and o.kind == mention.kind
    }
    if len(titled) != 1:
        return mention
    (twin,) = titled.values()
    return replace(mention, key=twin.key, year=twin.year, title=twin.title)


def extract_reports(text: str, offset: int = 0) -> list[ReportMention]:
    """Every cited report in a text (a whole letter with its footnotes, or one footnote), in order."""
    mentions = _reference_style(text, offset)
    taken = [(m.start, m.end) for m in mentions]
    for mention in sorted(_running_text(text, offset), key=lambda m: (m.start, -m.end)):
        if not any(s < mention.end and mention.start < e for s, e in taken):
            mentions.append(mention)  # `De ROB heeft in het rapport over 'X'` once, with its body
            taken.append((mention.start, mention.end))
    mentions.sort(key=lambda m: (m.start, m.end))
    return _resolve(mentions)
