"""Segment a letter: footnotes (three source formats), page furniture, sections and sentences.

Offsets are kept into the original text throughout: what is not running text (footnote markers
and bodies, bookmarks, markdown markup) is blanked to spaces of the same length in `clean`,
so a match in `clean` is at the same offsets in the source file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")

# `[footnoteRef:3]` markers with `[3: body]` bodies (converted from Word).
_BRACKET_MARKER = re.compile(r"\[footnoteRef:(\d+)\]")
_BRACKET_BODY_START = re.compile(r"\[(\d+):")
# `[^1]` markers with `[^1]: body` lines (Markdown, Pandoc and most wiki exports).
_MARKDOWN_MARKER = re.compile(r"\[\^([\w-]+)\](?!:)")
_MARKDOWN_BODY = re.compile(
    r"^[ \t]*\[\^([\w-]+)\]:[ \t]*(.*(?:\n(?:[ \t]{2,}|\t).*)*)$", re.MULTILINE
)
# `¹` markers with `¹ body` lines (converted from Markdown/HTML).
_SUPER_BODY = re.compile(rf"^[ \t]*([{SUPERSCRIPTS}]+)[ \t]+(\S.*)$", re.MULTILINE)
_SUPER_MARKER = re.compile(rf"[{SUPERSCRIPTS}]+")
# `kabinet1` markers with `1 body` lines at the foot of each page (converted from PDF); the same
# with the markers left as HTML (`kabinet<sup>1</sup>`, converted from a web page), whose body
# lines may keep the tag too (`<sup>1</sup> body`).
_PLAIN_BODY = re.compile(
    r"^[ \t]?(?:<sup>[ \t]*)?(\d{1,3})(?:[ \t]*</sup>)?[ \t]+(\S.*)$", re.MULTILINE
)
# `provincies.(1)` markers with `(1) body` lines, usually gathered under "Noten" at the end.
_PAREN_BODY = re.compile(r"^[ \t]?\((\d{1,3})\)[ \t]+(\S.*)$", re.MULTILINE)
# `provincies.[1]` markers with `[1] body` lines (web pages and Word exports saved as text).
_SQUARE_BODY = re.compile(r"^[ \t]?\[(\d{1,3})\][ \t]*(\S.*)$", re.MULTILINE)

_FURNITURE = [
    re.compile(r"\[bookmark: [^\]]*\]"),
    re.compile(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"),  # markdown emphasis
    re.compile(r"^#{1,6}[ \t]", re.MULTILINE),  # markdown heading marks
    re.compile(r"[█]+"),  # redactions
    re.compile(
        r"</?(?:sup|sub|i|b|u|em|strong|span|p|br|div|small)\b[^<>\n]{0,80}>", re.IGNORECASE
    ),  # HTML
]

_ABBREVIATIONS = {
    "nr",
    "nrs",
    "art",
    "artt",
    "o.a",
    "d.w.z",
    "bijv",
    "bv",
    "prof",
    "mr",
    "dr",
    "drs",
    "ir",
    "ing",
    "jl",
    "c.s",
    "e.d",
    "incl",
    "excl",
    "m.b.t",
    "t.a.v",
    "i.v.m",
    "kst",
    "vs",
    "ca",
    "resp",
    "etc",
    "n.a.v",
    "i.o.m",
    "z.s.m",
    "p",
    "blz",
    "jr",
    "dhr",
    "mevr",
    "mw",
    "st",
    "e.a",
    "m.u.v",
    "i.p.v",
    "t.b.v",
    "a.s",
    "vgl",
    "zgn",
    "lid",
    "ds",
    "min",
    "sr",
    "stb",
    "stcrt",
    "o.b.v",
    "m.n",
    "i.c",
    "t.z.t",
    "evt",
    "cf",
    "d.d",
    "gem",
    "prov",
}
_SENTENCE_END = re.compile(
    r"[.!?]+[\"'’”)]*(?=\s+[\"'‘“(]?[A-Z0-9ÀÁÂÄÈÉÊËÍÎÏÓÔÖÚÛÜ•\-–])|[.!?]+\s*$"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Footnote:
    number: int
    body: str  # as written in the source (with its own line breaks)
    start: int  # offsets of the body in the source text
    end: int


@dataclass(frozen=True)
class FootnoteMarker:
    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Heading:
    title: str
    number: str | None  # "1", "1.2", "3" from "Actielijn 3." ...
    level: int
    start: int
    end: int


@dataclass
class Segmented:
    text: str
    clean: str  # same length as text; non-running text blanked
    footnotes: dict[int, Footnote] = field(default_factory=dict)
    markers: list[FootnoteMarker] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    footnote_format: str | None = None

    def footnotes_in(self, span: Span) -> list[Footnote]:
        """The footnotes whose markers stand in this span (in order)."""
        return [
            self.footnotes[m.number]
            for m in self.markers
            if span.start <= m.start < span.end and m.number in self.footnotes
        ]

    def sentence_start_after(self, offset: int) -> int:
        """The start of the first sentence (in order) that starts at or after `offset`; the end
        of the text when none does."""
        memo = self.__dict__.get("_sentence_starts")  # (the list it was made from, its length, starts)
        if memo is None or memo[0] is not self.sentences or memo[1] != len(self.sentences):
            starts = [s.start for s in self.sentences]
            memo = (self.sentences, len(starts), starts if starts == sorted(starts) else None, starts)
            self.__dict__["_sentence_starts"] = memo
        starts = memo[2]
        if starts is None:  # not in order: the first in order, as written
            return next((s for s in memo[3] if s >= offset), len(self.clean))
        at = bisect.bisect_left(starts, offset)
        return starts[at] if at < len(starts) else len(self.clean)

    def heading_at(self, offset: int) -> Heading | None:
        current = None
        for heading in self.headings:
            if heading.start <= offset:
                current = heading
            else:
                break
        return current


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\n":
            chars[i] = " "


def _bracket_footnotes(text: str) -> tuple[dict[int, Footnote], list[FootnoteMarker]]:
    markers = [
        FootnoteMarker(int(m[1]), m.start(), m.end()) for m in _BRACKET_MARKER.finditer(text)
    ]
    footnotes: dict[int, Footnote] = {}
    for m in _BRACKET_BODY_START.finditer(text):
        if text.startswith("footnoteRef", m.start() + 1):
            continue
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"[": 1, "]": -1}.get(text[i], 0)
            i += 1
        body = text[m.end() : i - 1] if depth == 0 else text[m.end() :]
        number = int(m[1])
        if number not in footnotes:
            footnotes[number] = Footnote(number, body.strip(), m.start(), i)
    return footnotes, markers


def _markdown_footnotes(text: str) -> tuple[dict[int, Footnote], list[FootnoteMarker]]:
    """Labels may be numbers or words (`[^noot-ab]`); words are numbered in order of their body."""
    labels: dict[str, int] = {}
    footnotes: dict[int, Footnote] = {}
    for m in _MARKDOWN_BODY.finditer(text):
        label = m[1]
        number = int(label) if label.isdigit() else labels.get(label, 1000 + len(labels))
        labels[label] = number
        footnotes.setdefault(number, Footnote(number, " ".join(m[2].split()), m.start(), m.end()))
    markers = [
        FootnoteMarker(labels[m[1]], m.start(), m.end())
        for m in _MARKDOWN_MARKER.finditer(text)
        if m[1] in labels
    ]
    return footnotes, markers


def _superscript_footnotes(text: str) -> tuple[dict[int, Footnote], list[FootnoteMarker]]:
    footnotes: dict[int, Footnote] = {}
    body_spans: list[tuple[int, int]] = []
    for m in _SUPER_BODY.finditer(text):
        number = int(m[1].translate(_SUPER_TO_DIGIT))
        footnotes.setdefault(number, Footnote(number, m[2].strip(), m.start(), m.end()))
        body_spans.append((m.start(), m.start(1) + len(m[1])))
    markers = [
        FootnoteMarker(int(m[0].translate(_SUPER_TO_DIGIT)), m.start(), m.end())
        for m in _SUPER_MARKER.finditer(text)
        if not any(s <= m.start() < e for s, e in body_spans)
    ]
    return footnotes, markers


def _plain_marker(number: int) -> re.Pattern[str]:
    """`kabinet1`, `gebracht. 12`, a digit alone at a line start, or `kabinet<sup>1</sup>`."""
    return re.compile(
        rf"<sup>[ \t]*{number}[ \t]*</sup>"
        rf"|(?:(?<=[^\s\d(/:,-])|(?<=[.!?;:)’”] )|(?<=\n)){number}(?=[\s.,;:)]|$)"
    )


def _paren_marker(number: int) -> re.Pattern[str]:
    """`provincies.(1)`, `provincies(1)` or `provincies. (1)`: a bracketed number glued to a word or
    after a sentence's end; not a list item (`namelijk (1) de raad`, or opening a line)."""
    return re.compile(rf"(?:(?<=[^\s(])|(?<=[.!?;:’”] ))\({number}\)")


def _square_marker(number: int) -> re.Pattern[str]:
    """`provincies.[1]` or `provincies[1]`: a number in square brackets glued to the text."""
    return re.compile(rf"(?<=[^\s\[])\[{number}\](?!:)")


def _square_footnotes(text: str) -> tuple[dict[int, Footnote], list[FootnoteMarker]]:
    return _sequential_footnotes(text, _SQUARE_BODY, _square_marker)


def _plain_footnotes(text: str) -> tuple[dict[int, Footnote], list[FootnoteMarker]]:
    return _sequential_footnotes(text, _PLAIN_BODY, _plain_marker)


def _paren_footnotes(text: str) -> tuple[dict[int, Footnote], list[FootnoteMarker]]:
    return _sequential_footnotes(text, _PAREN_BODY, _paren_marker)


def _sequential_footnotes(
    text: str, body_re: re.Pattern[str], marker_for
) -> tuple[dict[int, Footnote], list[FootnoteMarker]]:
    """Footnotes numbered 1, 2, 3 … whose bodies start a line (at the foot of a page or in a
    list of notes at the end) and whose markers stand in the running text. A body line is
    accepted only in sequence and only when its marker stands in the text since the previous one."""
    footnotes: dict[int, Footnote] = {}
    markers: list[FootnoteMarker] = []
    expected, search_from = 1, 0
    lines = list(re.finditer(r"^.*$", text, re.MULTILINE))
    index = 0
    while index < len(lines):
        line = lines[index]
        m = body_re.match(line[0])
        if not m or int(m[1]) != expected:
            index += 1
            continue
        marker = marker_for(expected)
        found = marker.search(text, search_from, line.start())
        while found is not None and any(
            f.start <= found.start() < f.end for f in footnotes.values()
        ):
            found = marker.search(text, found.end(), line.start())
        if found is None:
            index += 1
            continue
        # The body runs on over continuation lines: lower-case starts, URLs, or after a line that
        # did not end a sentence, until a blank gap of page text or the next body.
        body_end = line.end()
        next_index = index + 1
        while next_index < len(lines):
            following = lines[next_index][0]
            if not following.strip():
                next_index += 1
                continue
            if body_re.match(following) and int(body_re.match(following)[1]) == expected + 1:
                break
            previous_ended = re.search(r"[.!?]['’”)]*\s*$", text[line.start() : body_end])
            continues = following[0].islower() or following.startswith(("http", "www", "<", "("))
            continues = continues or (not previous_ended and following[0].isdigit())
            # a line that stops on "van de" or "en" goes on, whatever the next one starts with
            continues = continues or bool(
                _TRAILING_FUNCTION_WORD.search(text[line.start() : body_end].rstrip())
            )
            if following.startswith(" ") or not continues:
                break
            body_end = lines[next_index].end()
            next_index += 1
        markers.append(FootnoteMarker(expected, found.start(), found.end()))
        body = re.sub(r"\s*\n\s*", " ", text[line.start() + m.start(2) : body_end]).strip()
        footnotes[expected] = Footnote(expected, body, line.start(), body_end)
        search_from = found.end()
        expected += 1
        index = next_index
    return footnotes, markers


def resolve_footnotes(text: str) -> tuple[str | None, dict[int, Footnote], list[FootnoteMarker]]:
    """Find the footnotes of a text in whichever of the known formats it uses."""
    for name, finder in (
        ("markdown", _markdown_footnotes),
        ("bracket", _bracket_footnotes),
        ("superscript", _superscript_footnotes),
    ):
        footnotes, markers = finder(text)
        if footnotes:
            return name, footnotes, markers
    # Bodies that start a line, numbered `1`, `(1)` or `[1]`: the reading that finds most footnotes
    # (the first of these on a tie).
    readings = [
        ("plain", _plain_footnotes(text)),
        ("parenthesised", _paren_footnotes(text)),
        ("square", _square_footnotes(text)),
    ]
    name, (footnotes, markers) = max(readings, key=lambda r: len(r[1][0]))
    return (name, footnotes, markers) if footnotes else (None, {}, [])


_LETTERHEAD = re.compile(
    r"^(datum|kenmerk|uw kenmerk|onze referentie|betreft|bijlagen?|bijlage\(n\)|opgesteld door|"
    r"aan|van|pagina \d+( van \d+)?|\d+|nota actief openbaar|ter besluitvorming|ter informatie|"
    r"contactpersoon|postbus.*|aan de .*|www\..*|.*@.*|"
    r"(?:tweede|eerste) kamer der staten-generaal.*|vergaderjaar .*|nr\. \w+ [A-Z ]+.*|\d{2} ?\d{3}\b.*)$",
    re.IGNORECASE,
)
_TRAILING_FUNCTION_WORD = re.compile(
    r"\b(en|of|van|de|het|een|om|met|te|voor|in|op|dat|die|tot|aan|bij|naar|door|als|over|is|zijn"
    r"|der|den|wordt|worden|ook|niet|maar|dan|dit|deze|waar|wat|zich|zij|ze|we|ik|u)$",
    re.IGNORECASE,
)


_MOTION_END = re.compile(r"\ben\s+gaat\s+over\s+tot\s+de\s+orde\s+van\s+de\s+dag\b", re.IGNORECASE)


def _wrap_width(clean: str) -> int | None:
    """The width a hard-wrapped text was wrapped at (None when paragraphs are single lines)."""
    lengths = sorted(len(line.rstrip()) for line in clean.splitlines() if len(line.strip()) > 30)
    if len(lengths) < 10:
        return None
    typical = lengths[int(len(lengths) * 0.8)]
    return typical if typical <= 140 else None


_HEADING_NUMBER = re.compile(
    r"^(?:(?P<label>Actielijn|Perspectief|Hoofdstuk|Paragraaf|Deel|Bijlage)\s+)?"
    r"(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<title>\S.*)$",
    re.IGNORECASE,
)


def find_headings(text: str, clean: str, footnotes: dict[int, Footnote]) -> list[Heading]:
    """Headings: markdown `#` lines, bold-only lines, numbered titles, and short title lines
    that stand between the end of one sentence and the capital start of the next."""
    in_footnote = [(f.start, f.end) for f in footnotes.values()]
    # A motion ends with `en gaat over tot de orde van de dag.` and its submitters' names, one a
    # line: signatures, not section titles.
    motion_end = _MOTION_END.search(clean)
    signatures_from = motion_end.end() if motion_end else len(clean)
    width = _wrap_width(clean)
    max_title = int(width * 0.92) if width else 100
    lines = [m for m in re.finditer(r"^.*$", clean, re.MULTILINE)]
    nonempty = [m for m in lines if m[0].strip()]
    headings: list[Heading] = []
    for i, line in enumerate(nonempty):
        raw = text[line.start() : line.end()]
        title = re.sub(r"\s+", " ", line[0]).strip()
        if (
            any(s <= line.start() < e for s, e in in_footnote)
            or not title
            or line.start() >= signatures_from
        ):
            continue
        markdown = re.match(r"^\s*(#{1,6})\s", raw)
        bold = re.fullmatch(r"\s*\*\*[^*]+\*\*\s*", raw) is not None
        previous = nonempty[i - 1][0].strip() if i else ""
        following = nonempty[i + 1][0].strip() if i + 1 < len(nonempty) else ""
        numbered = _HEADING_NUMBER.match(title)
        looks_like_title = (
            len(title) <= (max(max_title, 100) if numbered else max_title)
            and len(title.split()) <= 14
            and not _TRAILING_FUNCTION_WORD.search(title)
            and (title[0].isupper() or title[0].isdigit())
            and not re.search(r"[.,;:]$", title)
            and (
                not previous
                or re.search(r"[.?!:]['’”)]*$", previous)
                or bold
                or markdown
                or (headings and headings[-1].end >= nonempty[i - 1].start())
            )
            and (not following or following[0].isupper() or following[0].isdigit())
            and not re.match(r"^(https?:|www\.)", title)
        )
        if not (markdown or bold or looks_like_title) or _LETTERHEAD.match(title):
            continue
        if numbered and not title.endswith("?"):
            number, level = numbered["number"], numbered["number"].count(".") + 1
        else:
            number, level = None, len(markdown[1]) if markdown else 1
        headings.append(Heading(title, number, level, line.start(), line.end()))
    # A title that recurs (a table of contents, an overview list) is a heading only where it
    # occurs last, at the start of its section.
    last = {heading.title.lower(): heading for heading in headings}
    return [heading for heading in headings if last[heading.title.lower()] is heading]


def split_sentences(clean: str, spans: list[Span] | None = None) -> list[Span]:
    """Sentence spans over running text, aware of Dutch abbreviations (`nr.`, `o.a.`, `prof.`)."""
    sentences: list[Span] = []
    for region in spans or [Span(0, len(clean))]:
        start = region.start
        for m in _SENTENCE_END.finditer(clean, region.start, region.end):
            word = re.search(
                r"([\w.]+)\.?[\"'’”)]*$", clean[max(start, m.start() - 12) : m.start() + 1]
            )
            token = (word[1] if word else "").lower().rstrip(".")
            if (
                clean[m.start()] == "."
                and token
                and (
                    token in _ABBREVIATIONS
                    or re.fullmatch(r"[a-z]", token)
                    or re.fullmatch(r"(?:[a-z]\.)+[a-z]?", token)
                )
            ):
                continue
            if (
                clean[m.start()] == "."
                and re.fullmatch(r"[A-Z]", clean[m.start() - 1 : m.start()])
                and (m.start() < 2 or not clean[m.start() - 2].isalpha())
            ):
                continue  # an initial: "D.J. Elzinga"
            end = m.end()
            if clean[start:end].strip():
                sentences.append(_trim(clean, start, end))
            start = end
        if clean[start : region.end].strip():
            sentences.append(_trim(clean, start, region.end))
    return sentences


def _trim(clean: str, start: int, end: int) -> Span:
    while start < end and clean[start].isspace():
        start += 1
    while end > start and clean[end - 1].isspace():
        end -= 1
    return Span(start, end)


def segment(text: str) -> Segmented:
    """Footnotes, clean running text, headings and sentences of one document's text."""
    chars = list(text)
    for pattern in _FURNITURE:
        for m in pattern.finditer(text):
            _blank(chars, m.start(), m.end())
    fmt, footnotes, markers = resolve_footnotes(text)
    for marker in markers:
        _blank(chars, marker.start, marker.end)
    for footnote in footnotes.values():
        _blank(chars, footnote.start, footnote.end)
    clean = "".join(chars)
    headings = find_headings(text, clean, footnotes)
    # Sentences never run across a heading.
    regions, cursor = [], 0
    for heading in headings:
        regions.append(Span(cursor, heading.start))
        cursor = heading.end
    regions.append(Span(cursor, len(clean)))
    return Segmented(
        text=text,
        clean=clean,
        footnotes=footnotes,
        markers=markers,
        headings=headings,
        sentences=split_sentences(clean, regions),
        footnote_format=fmt,
    )
