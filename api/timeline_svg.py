"""An SVG timeline of an action or a commitment across the letters, drawn from trace rows.

`render_timeline(events, title)` is a pure function from events to SVG text: a horizontal time axis
over every date and deadline, one lane per kind of event, one marker per event coloured and shaped
by its status (Okabe-Ito colours, which stay apart for colour-blind readers, and a shape and a
text label per status besides), partial dates ("2023-01", "2025") placed at their start with a
span over the month or year, deadlines as shaded bars with their text, deferrals as an arrow
"naar volgend kabinet". No Flask here: api/timeline.py serves it. All text is escaped by `_e`."""

from __future__ import annotations

import calendar
import re
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

_LEXICAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# The drawing is Dutch; these are its words in English, for a site shown in English (the
# browse site's lane and status words are read from here too, api/browse/language.py). The
# labels stay Dutch in the data (a status is found back by its Dutch label), and are put into
# the reader's language only where they are written out.
ENGLISH = {
    "aangekondigd": "announced",
    "in uitvoering": "in progress",
    "afgerond": "done",
    "overgedragen aan volgend kabinet": "handed to the next cabinet",
    "openstaand": "open",
    "nagekomen": "fulfilled",
    "uitgesteld": "deferred",
    "vervallen": "superseded",
    "over tijd": "overdue",
    "status onbekend": "status unknown",
    "actie": "action",
    "toezegging": "commitment",
    "voortgang": "progress",
    "overgedragen": "handed on",
    "naar volgend kabinet": "to the next cabinet",
    "termijnen": "deadlines",
    "termijn": "deadline",
    "status:": "status:",
    "alleen maand of jaar bekend": "only month or year known",
    "datum onbekend": "date unknown",
    "geen gebeurtenissen met een datum": "no events with a date",
    "zonder datum: zie de tabel": "without a date: see the table",
    "Tijdlijn met {events} gebeurtenissen in {letters} brieven": "Timeline of {events} events in {letters} letters",
    "termijn: {label} ({start} tot en met {end}), gesteld in {title} ({date})":
        "deadline: {label} ({start} to {end}), set in {title} ({date})",
}
_LANGUAGE: ContextVar[str] = ContextVar("timeline_language", default="nl")


@contextmanager
def timeline_language(language: str) -> Iterator[None]:
    """Draw (and write dates) in this language ("nl" or "en") within the block."""
    token = _LANGUAGE.set(language if language in ("nl", "en") else "nl")
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def _w(text: str, **values: object) -> str:
    """A Dutch word or phrase of the drawing in the language it is drawn in."""
    if _LANGUAGE.get() == "en":
        text = ENGLISH.get(text, text)
    return text.format(**values) if values else text


def _month(index: int) -> str:
    return (MONTHS_EN if _LANGUAGE.get() == "en" else MONTHS)[index]


@dataclass(frozen=True)
class StatusStyle:
    label: str  # Dutch, as the ontology labels the status
    colour: str  # Okabe-Ito
    shape: str  # circle, diamond, square, arrow, cross, triangle


# The statuses of actions and of commitments (ontology: bg:ActionStatuses, bg:CommitmentStatuses).
STATUS_STYLES: dict[str, StatusStyle] = {
    "Announced": StatusStyle("aangekondigd", "#56B4E9", "circle"),
    "InProgress": StatusStyle("in uitvoering", "#E69F00", "diamond"),
    "Done": StatusStyle("afgerond", "#009E73", "square"),
    "HandedToNextCabinet": StatusStyle("overgedragen aan volgend kabinet", "#CC79A7", "arrow"),
    "Open": StatusStyle("openstaand", "#0072B2", "circle"),
    "Fulfilled": StatusStyle("nagekomen", "#009E73", "square"),
    "Deferred": StatusStyle("uitgesteld", "#CC79A7", "arrow"),
    "Superseded": StatusStyle("vervallen", "#999999", "cross"),
    "Overdue": StatusStyle("over tijd", "#D55E00", "triangle"),
}
UNKNOWN_STATUS = StatusStyle("status onbekend", "#4D4D4D", "circle")

# The kinds of event, in the order their lanes are drawn, with the lane's label; the trace
# queries' step kinds (bg:stepKind: reported, deferred, ...) are read as these.
LANES = {
    "action": "actie",
    "promise": "toezegging",
    "report": "voortgang",
    "fulfilment": "nagekomen",
    "deferral": "overgedragen",
    "superseded": "vervallen",
    "step": "toezegging",
}
KIND_ALIASES = {
    "reported": "report",
    "deferred": "deferral",
    "fulfilled": "fulfilment",
    "made": "promise",
}
DEFERRAL_STATUSES = {"HandedToNextCabinet": "naar volgend kabinet", "Deferred": "uitgesteld"}


@dataclass(frozen=True)
class TimelineEvent:
    """One row of a trace: something said about an action or commitment in one letter."""

    date: str | None  # xsd:date, gYearMonth or gYear lexical form
    document_title: str
    kind: str = "step"
    status: str | None = None
    document: str | None = None
    title: str | None = None
    quote: str | None = None
    passage: str | None = None
    deadline_text: str | None = None
    deadline_start: str | None = None
    deadline_end: str | None = None
    link: str | None = None  # where the marker leads: the document's page

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", KIND_ALIASES.get(self.kind, self.kind))

    @property
    def span(self) -> tuple[date, date] | None:
        return date_span(self.date)

    @property
    def deadline(self) -> tuple[date, date] | None:
        start, end = date_span(self.deadline_start), date_span(self.deadline_end)
        if start is None and end is None:
            return None
        return (start or end)[0], (end or start)[1]

    @property
    def style(self) -> StatusStyle:
        return STATUS_STYLES.get(self.status or "", UNKNOWN_STATUS)

    @property
    def deferral(self) -> str | None:
        """The words for a handing-over ("naar volgend kabinet"), None when this is none."""
        if self.status in DEFERRAL_STATUSES:
            return _w(DEFERRAL_STATUSES[self.status])
        return _w("naar volgend kabinet") if self.kind == "deferral" else None


def date_span(lexical: str | None) -> tuple[date, date] | None:
    """The first and last day a date, year-month or year denotes; None when it is none of these."""
    match = _LEXICAL_DATE.match((lexical or "").strip())
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day is not None:
            return date(year, month, day), date(year, month, day)
        if month is not None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def display_date(lexical: str | None) -> str:
    """`2023-09-04` -> `4 sep 2023`, `2023-01` -> `jan 2023`, `2025` -> `2025`."""
    match = _LEXICAL_DATE.match((lexical or "").strip())
    if match is None or date_span(lexical) is None:
        return lexical or _w("datum onbekend")
    year, month, day = match.groups()
    if day:
        return f"{int(day)} {_month(int(month) - 1)} {year}"
    return f"{_month(int(month) - 1)} {year}" if month else year


def _e(text: object) -> str:
    return escape(str(text), quote=True)


# -- layout ---------------------------------------------------------------------------------
WIDTH = 1200
LEFT, RIGHT = 130, 40  # room for lane labels; room for the last label
MARKER = 10  # a marker's half size
LANE_HEIGHT = 54
LABEL_CHARS = 26  # a letter's title is wrapped at this many characters
CHAR_WIDTH = 6.6  # an estimate of one character's width at 12px


@dataclass(frozen=True)
class Scale:
    """Days to x positions between the first and last day of the axis."""

    first: date
    last: date

    def x(self, day: date) -> float:
        days = max((self.last - self.first).days, 1)
        return LEFT + (day - self.first).days / days * (WIDTH - LEFT - RIGHT)

    @property
    def px_per_month(self) -> float:
        return (WIDTH - LEFT - RIGHT) / max((self.last - self.first).days / 30.44, 1)


def axis_scale(events: list[TimelineEvent]) -> Scale:
    """From the month before the first date or deadline to the month after the last."""
    days = [
        day for event in events for span in (event.span, event.deadline) if span for day in span
    ]
    first, last = min(days), max(days)
    first = (first.replace(day=1) - timedelta(days=1)).replace(day=1)
    last = last.replace(day=calendar.monthrange(last.year, last.month)[1]) + timedelta(days=1)
    last = last.replace(day=calendar.monthrange(last.year, last.month)[1]) + timedelta(days=1)
    return Scale(first, last)


def _month_starts(scale: Scale) -> list[date]:
    day, months = scale.first.replace(day=1), []
    while day <= scale.last:
        if day >= scale.first:
            months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def _axis(scale: Scale, top: float, bottom: float) -> list[str]:
    """The axis line at `bottom`, a grid line and label per year, month ticks where they fit."""
    parts = [f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}"/>']
    every = 1 if scale.px_per_month >= 34 else 3 if scale.px_per_month >= 12 else 0
    for month in _month_starts(scale):
        x = round(scale.x(month), 1)
        if month.month == 1:
            parts.append(
                f'<line class="year-tick" data-year="{month.year}" x1="{x}" x2="{x}" '
                f'y1="{top}" y2="{bottom + 8}"/>'
                f'<text class="year" x="{x + 3}" y="{bottom + 34}">{month.year}</text>'
            )
        elif scale.px_per_month >= 6:
            parts.append(
                f'<line class="month-tick" x1="{x}" x2="{x}" y1="{bottom}" y2="{bottom + 5}"/>'
            )
        if every and month.month != 1 and (month.month - 1) % every == 0:
            parts.append(
                f'<text class="month" x="{x + 2}" y="{bottom + 17}">{_month(month.month - 1)}</text>'
            )
    return parts


def _shape(style: StatusStyle, size: float) -> str:
    """The status's shape centred on (0, 0), `size` its half width."""
    s = size
    if style.shape == "square":
        return f'<rect x="{-s * 0.9}" y="{-s * 0.9}" width="{s * 1.8}" height="{s * 1.8}"/>'
    if style.shape == "diamond":
        return f'<polygon points="0,{-s * 1.2} {s * 1.2},0 0,{s * 1.2} {-s * 1.2},0"/>'
    if style.shape == "arrow":
        return f'<polygon points="{-s},{-s} {s * 1.1},0 {-s},{s}"/>'
    if style.shape == "triangle":
        return f'<polygon points="0,{-s * 1.1} {s * 1.1},{s * 0.9} {-s * 1.1},{s * 0.9}"/>'
    if style.shape == "cross":
        w = s * 0.45
        return (
            f'<polygon points="{-s},{-s + w} {-s + w},{-s} 0,{-w} {s - w},{-s} {s},{-s + w} {w},0 '
            f'{s},{s - w} {s - w},{s} 0,{w} {-s + w},{s} {-s},{s - w} {-w},0"/>'
        )
    return f'<circle r="{s}"/>'


def _tooltip(event: TimelineEvent) -> str:
    lines = [f"{event.document_title} ({display_date(event.date)})", _w(event.style.label)]
    if event.deadline_text:
        lines.append(f"{_w('termijn')}: {event.deadline_text}")
    if event.quote:
        lines.append(f"“{event.quote.strip()}”")
    return "\n".join(lines)


def _marker(event: TimelineEvent, scale: Scale, y: float, x: float) -> str:
    """The event's marker at (x, y), over the span of its date when only its month or year is known."""
    first, last = event.span
    style = event.style
    parts = [
        f'<g class="event" data-kind="{_e(event.kind)}" data-status="{_e(event.status or "")}">'
    ]
    if last > first:  # only the month or the year is known: a span over it
        width = round(scale.x(last + timedelta(days=1)) - scale.x(first), 1)
        parts.append(
            f'<rect class="date-span" x="{round(scale.x(first), 1)}" y="{y - 3}" width="{width}" height="6" rx="3" '
            f'fill="{style.colour}" fill-opacity="0.3"/>'
        )
    if event.deferral:
        parts.append(
            f'<line class="deferral" x1="{x + MARKER + 4}" x2="{x + MARKER + 58}" y1="{y}" y2="{y}" '
            f'marker-end="url(#arrowhead)"/>'
            f'<text class="deferral" x="{x + MARKER + 6}" y="{y - 7}">{_e(event.deferral)}</text>'
        )
    link_open = f'<a href="{_e(event.link)}">' if event.link else ""
    link_close = "</a>" if event.link else ""
    parts.append(
        f'{link_open}<g class="marker" transform="translate({x} {y})" data-date="{_e(event.date)}" '
        f'fill="{style.colour}"><title>{_e(_tooltip(event))}</title>{_shape(style, MARKER)}</g>'
        f"{link_close}"
        f'<text class="status" x="{x}" y="{y + MARKER + 15}">{_e(_w(style.label))}</text></g>'
    )
    return "".join(parts)


def _stack(intervals: list[tuple[float, float]], gap: float = 8) -> list[int]:
    """A level per interval such that intervals on one level do not overlap (greedy, in order)."""
    ends: list[float] = []
    levels = []
    for start, end in intervals:
        level = next((i for i, last in enumerate(ends) if start >= last + gap), len(ends))
        if level == len(ends):
            ends.append(end)
        else:
            ends[level] = end
        levels.append(level)
    return levels


def _deadline_band(
    events: list[TimelineEvent], scale: Scale, top: float
) -> tuple[list[str], float]:
    """Each deadline once, as a shaded bar with its text and a dashed line from the first letter
    that set it; stacked where they meet. The parts and the band's height."""
    deadlines: dict[tuple, TimelineEvent] = {}
    for event in events:  # in date order: the first letter to name a deadline keeps it
        if event.deadline:
            deadlines.setdefault((event.deadline_text, event.deadline), event)
    if not deadlines:
        return [], 0
    boxes = []
    for event in deadlines.values():
        start, end = event.deadline
        x1, x2 = scale.x(start), scale.x(end + timedelta(days=1))
        text_width = len(event.deadline_text or "") * CHAR_WIDTH
        text_x = min(x1 + 4, WIDTH - 4 - text_width)
        boxes.append(
            (min(scale.x(event.span[0]), x1, text_x), max(x2, text_x + text_width), text_x)
        )
    levels = _stack([(left, right) for left, right, _ in boxes])
    parts = [f'<text class="lane" x="{LEFT - 12}" y="{top + 22}">{_w("termijnen")}</text>']
    for event, level, (_, _, text_x) in zip(deadlines.values(), levels, boxes):
        start, end = event.deadline
        x1, x2 = round(scale.x(start), 1), round(scale.x(end + timedelta(days=1)), 1)
        y = top + 6 + level * 38
        since = round(scale.x(event.span[0]), 1)
        label = event.deadline_text or f"{display_date(str(start))} – {display_date(str(end))}"
        tooltip = _w(
            "termijn: {label} ({start} tot en met {end}), gesteld in {title} ({date})",
            label=label,
            start=display_date(str(start)),
            end=display_date(str(end)),
            title=event.document_title,
            date=display_date(event.date),
        )
        lead = (
            f'<line class="deadline-lead" x1="{since}" x2="{x1}" y1="{y + 8}" y2="{y + 8}"/>'
            if since < x1
            else ""
        )
        parts.append(
            f'<g class="deadline-group"><title>{_e(tooltip)}</title>{lead}'
            f'<rect class="deadline" x="{x1}" y="{y}" width="{round(x2 - x1, 1)}" height="16" '
            f'data-start="{start}" data-end="{end}"/>'
            f'<text class="deadline" x="{round(text_x, 1)}" y="{y + 29}">{_e(label)}</text></g>'
        )
    return parts, 12 + (max(levels) + 1) * 38


def _letter_labels(
    events: list[TimelineEvent], scale: Scale, top: float
) -> tuple[list[str], float]:
    """Below the axis, each letter once: its date and title at its date, stacked where they meet.
    A letter's date is the one its action row gives (the letter's own), else its first event's."""
    letters: dict[str, TimelineEvent] = {}
    for event in events:
        key = event.document or event.document_title
        if key not in letters or (event.kind == "action" and letters[key].kind != "action"):
            letters[key] = event
    boxes, texts = [], []
    for event in sorted(letters.values(), key=lambda e: e.span[0]):
        lines = [display_date(event.date)] + textwrap.wrap(event.document_title, LABEL_CHARS)
        x = scale.x(event.span[0])
        width = max(len(line) for line in lines) * CHAR_WIDTH
        left = min(max(x - 4, 4), WIDTH - width - 4)
        boxes.append((left, left + width))
        texts.append((x, left, lines, event))
    levels = _stack(boxes, gap=14)
    heights = [0.0] * (max(levels, default=0) + 1)
    for (_, _, lines, _), level in zip(texts, levels):
        heights[level] = max(heights[level], len(lines) * 15 + 12)
    parts = []
    for (x, left, lines, event), level in zip(texts, levels):
        y = top + sum(heights[:level])
        x = round(x, 1)
        parts.append(f'<line class="leader" x1="{x}" x2="{x}" y1="{top - 40}" y2="{y + 4}"/>')
        spans = f'<tspan class="label-date" x="{round(left, 1)}">{_e(lines[0])}</tspan>' + "".join(
            f'<tspan x="{round(left, 1)}" dy="15">{_e(line)}</tspan>' for line in lines[1:]
        )
        text = f'<text class="letter" y="{y + 16}">{spans}</text>'
        parts.append(f'<a href="{_e(event.link)}">{text}</a>' if event.link else text)
    return parts, sum(heights)


def _legend(events: list[TimelineEvent], y: float) -> list[str]:
    styles = list(dict.fromkeys(event.style for event in events))
    parts, x = (
        [f'<g class="legend"><text class="legend-title" x="{LEFT}" y="{y + 4}">{_w("status:")}</text>'],
        LEFT + 52,
    )
    for style in styles:
        parts.append(
            f'<g transform="translate({x + 6} {y})" fill="{style.colour}">{_shape(style, 5)}</g>'
            f'<text class="legend" x="{x + 16}" y="{y + 4}">{_e(_w(style.label))}</text>'
        )
        x += 30 + len(_w(style.label)) * CHAR_WIDTH
    if any(event.deadline for event in events):
        parts.append(
            f'<rect class="deadline swatch" x="{x}" y="{y - 6}" width="22" height="12"/>'
            f'<text class="legend" x="{x + 28}" y="{y + 4}">{_w("termijn")}</text>'
        )
        x += 90
    if any(event.span and event.span[1] > event.span[0] for event in events):
        parts.append(
            f'<rect x="{x}" y="{y - 3}" width="22" height="6" rx="3" fill="#4D4D4D" fill-opacity="0.28"/>'
            f'<text class="legend" x="{x + 28}" y="{y + 4}">{_w("alleen maand of jaar bekend")}</text>'
        )
    return parts + ["</g>"]


ARROWHEAD = (
    '<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
    'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#6b2f57"/></marker></defs>'
)
STYLE = """
text { font: 12px system-ui, sans-serif; fill: #1a1a1a; }
text.heading { font-size: 18px; font-weight: 600; }
text.lane { text-anchor: end; font-weight: 600; fill: #444; }
text.status { text-anchor: middle; font-size: 11px; fill: #333; }
text.month { font-size: 10px; fill: #666; }
text.year { font-size: 13px; font-weight: 600; }
text.deferral { font-size: 11px; font-style: italic; fill: #6b2f57; }
text.deadline { font-size: 11px; fill: #333; }
text.letter .label-date { font-weight: 600; }
a text.letter { fill: #0b5394; }
text.empty { font-style: italic; fill: #555; }
line.axis { stroke: #333; stroke-width: 1.5; }
line.year-tick { stroke: #bbb; }
line.month-tick { stroke: #666; }
line.leader { stroke: #999; stroke-dasharray: 2 3; }
line.deferral { stroke: #6b2f57; stroke-width: 2; }
line.deadline-lead { stroke: #777; stroke-dasharray: 4 3; }
rect.deadline { fill: #8c8c8c; fill-opacity: 0.25; stroke: #555; stroke-dasharray: 3 2; }
rect.lane { fill: #f4f6f8; }
g.marker { stroke: #1a1a1a; stroke-width: 1; }
a:hover g.marker { stroke-width: 2.5; }
"""


def render_timeline(
    events: list[TimelineEvent], title: str, *, heading: bool = True, language: str | None = None
) -> str:
    """An SVG timeline of the events: lanes per kind over a time axis, deadlines, letters below.
    The title is the SVG's accessible name, and its visible heading unless `heading` is false
    (a page that has the title as its own heading). Its words are Dutch, or English when
    `language` is "en" (default: the language of the enclosing `timeline_language` block)."""
    if language is not None:
        with timeline_language(language):
            return render_timeline(events, title, heading=heading)
    dated = sorted((e for e in events if e.span), key=lambda e: e.span[0])
    undated = len(events) - len(dated)
    head = [
        f'<title id="timeline-title">{_e(title)}</title>',
        "<desc>"
        + _w(
            "Tijdlijn met {events} gebeurtenissen in {letters} brieven",
            events=len(dated),
            letters=len({e.document or e.document_title for e in dated}),
        )
        + "</desc>",
        f"<style>{STYLE}</style>",
        ARROWHEAD,
    ]
    if heading:
        head.append(f'<text class="heading" x="16" y="28">{_e(title)}</text>')
    if not dated:
        body, height = (
            [f'<text class="empty" x="16" y="64">{_w("geen gebeurtenissen met een datum")}</text>'],
            90,
        )
    else:
        body, height = _body(dated, 60 if heading else 16)
    if undated:
        body.append(
            f'<text class="empty" x="16" y="{height - 8}">{undated} {_w("zonder datum: zie de tabel")}</text>'
        )
        height += 10
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{WIDTH}" height="{round(height)}" '
        f'viewBox="0 0 {WIDTH} {round(height)}" aria-labelledby="timeline-title">'
        + "".join(head + body)
        + "</svg>"
    )


def _body(events: list[TimelineEvent], top: float) -> tuple[list[str], float]:
    scale = axis_scale(events)
    legend = _legend(events, top)
    y = top + 26
    deadlines, deadline_height = _deadline_band(events, scale, y)
    lanes_top = y + deadline_height
    kinds = [kind for kind in LANES if any(e.kind == kind for e in events)]
    kinds += sorted({e.kind for e in events} - set(kinds))
    backgrounds, markers = [], []
    for index, kind in enumerate(kinds):
        lane_y = lanes_top + index * LANE_HEIGHT
        backgrounds.append(
            f'<rect class="lane" x="{LEFT}" y="{lane_y + 4}" width="{WIDTH - LEFT - RIGHT}" '
            f'height="{LANE_HEIGHT - 8}"/><text class="lane" x="{LEFT - 12}" '
            f'y="{lane_y + LANE_HEIGHT / 2 - 2}">{_e(_w(LANES.get(kind, kind)))}</text>'
        )
        markers += _lane_markers(
            [e for e in events if e.kind == kind], scale, lane_y + LANE_HEIGHT / 2 - 6
        )
    axis_y = lanes_top + len(kinds) * LANE_HEIGHT + 4
    labels, labels_height = _letter_labels(events, scale, axis_y + 50)
    # drawn in this order, so that the markers lie on top of the grid and the lanes
    parts = backgrounds + _axis(scale, y - 4, axis_y) + legend + deadlines + markers + labels
    return parts, axis_y + 50 + labels_height + 10


def _lane_markers(events: list[TimelineEvent], scale: Scale, y: float) -> list[str]:
    """The markers of one lane in date order; one that would cover the one before it is moved
    right just enough to be seen (two events of one kind in one letter)."""
    parts, last_x = [], float("-inf")
    for event in events:
        x = round(max(scale.x(event.span[0]), last_x + 2 * MARKER + 6), 1)
        parts.append(_marker(event, scale, y, x))
        last_x = x
    return parts




def events_from_rows(
    rows: list[dict[str, str | None]],
    default_kind: str = "step",
    link: Callable[[str | None], str | None] = lambda iri: None,
) -> list[TimelineEvent]:
    """Events from the rows of `action-trace` or `commitment-trace`; `link` gives a document's page."""
    return [
        TimelineEvent(
            date=row.get("date"),
            document_title=row.get("document_title") or row.get("document") or "brief zonder titel",
            kind=row.get("kind") or default_kind,
            status=row.get("status"),
            document=row.get("document"),
            title=row.get("title"),
            quote=row.get("quote"),
            passage=row.get("passage"),
            deadline_text=row.get("deadline_text") or None,
            deadline_start=row.get("deadline_start") or None,
            deadline_end=row.get("deadline_end") or None,
            link=link(row.get("document")),
        )
        for row in rows
    ]


