"""Find the deadline phrases of Dutch ministerial letters and resolve them to date intervals.

The vocabulary lives in `gazetteers/deadline_phrases.csv`, one row per word family with its
interval and the source or convention behind it: `kind` (point, month_point, period, month,
year_word, relation, number, duration_unit, duration_relation, open, recurring), `pattern` (a
case-insensitive regular-expression fragment; a space matches any run of whitespace, so
hard-wrapped text matches), `interval` (MM-DD..MM-DD within a year; a day past the month's end is
clamped), `precision`, `before` (the last day meant by "voor <X>" when that is not simply the day
before X), `after` (the interval meant by "na <X>"; empty: open-ended from the day after X).

The grammar is `[relation] anchor`, where the anchor is a full date (parsed by dateparser), a
point of a year or month (`medio 2024`, `eind maart`), a period (`het derde kwartaal`, `de zomer
van dit jaar`, `komend najaar`, `Q1 2024`), a year (`in 2024`, `volgend jaar`), a duration
(`over een jaar`, `binnen twee jaar`), an open phrase (`zo spoedig mogelijk`) or a recurrence
(`jaarlijks`), a document of the budget cycle (`bij de begroting 2025`, `voor de Voorjaarsnota`:
the window in which it is sent) or an event with no date (`voor het commissiedebat`: a vague
deadline, precision `event`). The relation decides the interval: `in X` is X; `voor X` runs from the reference
date to the day before X; `uiterlijk X` to the end of X; `na X` is X's `after` interval or
open-ended; `vanaf X` is open-ended from X; `later dit jaar` from the reference date to the end.

An anchor without a year is placed in the reference date's year, and a year later when the
interval would otherwise have ended before the reference date (a promise is about the future).
Without a reference date, relative phrases stay unresolved (start and end None).
"""

from __future__ import annotations

import calendar
import csv
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from bestuursgraaf.graph.patterns import PatternSet, pattern_set

PHRASES_CSV = Path(__file__).resolve().parent / "gazetteers" / "deadline_phrases.csv"


@dataclass(frozen=True)
class Deadline:
    text: str  # as written, whitespace collapsed: "medio 2024", "na de zomer"
    start: date | None  # resolved interval, inclusive
    end: date | None  # None: open-ended (or unresolved, when start is None too)
    precision: str  # day | month | quarter | half | season | year | relative | open | event
    recurring: bool = False  # "jaarlijks": start is the first due date


@dataclass(frozen=True)
class _Row:
    kind: str
    pattern: str
    interval: str
    precision: str
    before: str
    after: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class _Anchor:
    start: date | None
    end: date | None
    precision: str
    before: date | None = None  # last day of "voor X" when not the day before X
    after: tuple[date, date] | None = None  # interval of "na X"


def _fragment(pattern: str) -> str:
    return pattern.replace(" ", r"\s+")


@lru_cache(maxsize=1)
def _rows() -> tuple[_Row, ...]:
    with PHRASES_CSV.open(encoding="utf-8", newline="") as handle:
        return tuple(
            _Row(
                r["kind"],
                r["pattern"],
                r["interval"],
                r["precision"],
                r["before"],
                r["after"],
                re.compile(_fragment(r["pattern"]), re.IGNORECASE),
            )
            for r in csv.DictReader(handle)
        )


def _alternation(kind: str) -> str:
    words = [w for row in _rows() if row.kind == kind for w in row.pattern.split("|")]
    words.sort(key=len, reverse=True)
    return "(?:" + "|".join(_fragment(w) for w in words) + ")"


def _row(kind: str, text: str) -> _Row:
    text = re.sub(r"\s+", " ", text.strip())
    for row in _rows():
        if row.kind == kind and row.regex.fullmatch(text):
            return row
    raise KeyError(f"{PHRASES_CSV.name}: no {kind} row matches {text!r}")


_YEAR = r"(?:19|20)\d\d(?![\d/])(?!\s*[-–]\s*\d)"
_B = r"(?<![\w])"  # a word starts
_E = r"(?![\w])"  # a word ends


@lru_cache(maxsize=1)
def _forms() -> dict[str, re.Pattern[str]]:
    rel = rf"(?:(?P<rel>{_alternation('relation')})\s+)?"
    yword = _alternation("year_word")
    month = _alternation("month")
    yearref = rf"(?:(?P<year>{_YEAR})|(?P<yword>{yword})\s+(?:kalender)?jaar{_E})"
    forms = {
        "date": rf"{rel}(?P<day>\d{{1,2}})\s+(?P<month>{month})(?:\s+(?P<year>{_YEAR}))?",
        "point": rf"{rel}(?:het\s+)?(?P<point>{_alternation('point')})(?:\s+van)?\s+"
        rf"(?:(?:het|de)\s+)?(?:(?P<month>{month})(?:\s+(?P<myear>{_YEAR}))?|{yearref}"
        rf"|(?P<ofperiod>{_alternation('period')})(?:\s+(?:van\s+)?(?P<pyear>{_YEAR}))?)",
        "period": rf"{rel}(?P<article>(?:het|de)\s+)?(?:(?P<sword>{yword})\s+)?"
        rf"(?P<period>{_alternation('period')}|{month})"
        rf"(?:\s+(?:van\s+|in\s+)?{yearref})?",
        "year": rf"{rel}(?:(?:het\s+jaar|de\s+loop\s+van)\s+)?{yearref}",
        "duration": rf"(?P<drel>{_alternation('duration_relation')})\s+"
        rf"(?P<num>{_alternation('number')}|\d+)\s+(?P<unit>{_alternation('duration_unit')})",
        "budget": rf"(?P<brel>{_alternation('budget_relation')})\s+(?:(?:de|het)\s+)?"
        rf"(?:(?:eerstvolgende|volgende|komende|aanstaande|nieuwe)\s+)?(?P<budget>{_alternation('budget')})"
        rf"(?:\s+(?:voor\s+|van\s+|over\s+)?(?:het\s+jaar\s+)?(?P<byear>{_YEAR}))?",
        "event": rf"(?P<erel>{_alternation('budget_relation')})\s+(?:(?:de|het)\s+)?"
        rf"(?:(?:eerstvolgende|volgende|komende|aanstaande|geplande|aangekondigde)\s+)?"
        rf"(?P<event>{_alternation('event')})",
        "open": rf"(?P<open>{_alternation('open')})",
        "recurring": rf"(?P<recurring>{_alternation('recurring')})",
    }
    return {name: re.compile(_B + body + _E, re.IGNORECASE) for name, body in forms.items()}


@lru_cache(maxsize=1)
def _forms_set() -> PatternSet:
    return pattern_set(tuple(_forms().values()))


# A date phrase that names the past or another document: "sinds 2022", "de brief van 18 juni jl."
_NOT_A_DEADLINE_BEFORE = re.compile(
    r"(?:\bsinds|\bvan|\buit|\bd\.d\.|\bdd)\s+(?:\d{1,2}\s+)?$", re.IGNORECASE
)
_NOT_A_DEADLINE_AFTER = re.compile(r"^\s*(?:jl\b|j\.l\.|jl\.)", re.IGNORECASE)


def find_deadlines(
    text: str, reference: date | None, reference_end: date | None = None
) -> list[tuple[Deadline, int, int]]:
    """Every deadline phrase in `text`, left to right, the longest where phrases overlap.
    `reference_end` is the last day the reference date allows, for a letter dated by its month
    only: `over een jaar` is then that whole month a year on."""
    candidates = []
    forms = list(_forms().items())
    for index in _forms_set().candidates(text):  # in order; the other forms cannot match
        name, regex = forms[index]
        for m in regex.finditer(text):
            if _acceptable(name, m, text):
                candidates.append((m.start(), -(m.end() - m.start()), name, m))
    chosen: list[tuple[Deadline, int, int]] = []
    taken_until = -1
    for start, _, name, m in sorted(candidates, key=lambda c: (c[0], c[1])):
        if start < taken_until:
            continue
        deadline = _resolve(name, m, reference, reference_end)
        if deadline is not None:
            chosen.append((deadline, m.start(), m.end()))
            taken_until = m.end()
    return _recurring_with_first_due(text, chosen)


def _recurring_with_first_due(text: str, chosen: list[tuple[Deadline, int, int]]):
    """`jaarlijks vóór het zomerreces`: a recurrence whose due moment follows it is one deadline,
    the first due interval that moment's, recurring."""
    merged: list[tuple[Deadline, int, int]] = []
    for deadline, start, end in chosen:
        if merged:
            previous, p_start, p_end = merged[-1]
            if previous.recurring and not deadline.recurring and not text[p_end:start].strip():
                phrase = " ".join(text[p_start:end].split())
                merged[-1] = (
                    Deadline(phrase, deadline.start, deadline.end, deadline.precision, True),
                    p_start,
                    end,
                )
                continue
        merged.append((deadline, start, end))
    return merged


def find_deadline(text: str, reference: date | None) -> tuple[Deadline, int, int] | None:
    """The first deadline phrase in a sentence and its offsets within `text`."""
    found = find_deadlines(text, reference)
    return found[0] if found else None


def resolve_deadline(phrase: str, reference: date | None) -> Deadline:
    """The interval a deadline phrase stands for ("medio 2024" → 2024-05-01..2024-07-31)."""
    found = find_deadlines(phrase, reference)
    if not found:
        raise ValueError(f"not a deadline phrase: {phrase!r}")
    return max(found, key=lambda f: f[2] - f[1])[0]


def _acceptable(name: str, m: re.Match[str], text: str) -> bool:
    if name not in ("open", "recurring", "duration") and _NOT_A_DEADLINE_BEFORE.search(
        text[max(0, m.start() - 12) : m.start()]
    ):
        return False
    if _NOT_A_DEADLINE_AFTER.match(text[m.end() : m.end() + 6]):
        return False
    groups = m.groupdict()
    if name == "year" and not groups.get("rel") and (groups.get("year") or _is_het(groups)):
        return False  # a bare "2024" is a name or a title, "het jaar" is no deadline
    if name == "period":
        anchored = groups.get("rel") or groups.get("year") or groups.get("yword")
        anchored = anchored or (groups.get("sword") and groups["sword"].lower() != "het")
        is_month = _row_kind(groups["period"]) == "month"
        return bool(anchored or (groups.get("article") and not is_month))
    return True


def _is_het(groups: dict[str, str | None]) -> bool:
    return (groups.get("yword") or "").lower() == "het"


def _row_kind(word: str) -> str:
    try:
        _row("month", word)
        return "month"
    except KeyError:
        return "period"


def _resolve(
    name: str, m: re.Match[str], reference: date | None, reference_end: date | None = None
) -> Deadline | None:
    text = re.sub(r"\s+", " ", m.group(0)).strip()
    g = m.groupdict()
    if name == "open":
        return Deadline(text, reference, None, "open")
    if name == "event":
        return Deadline(text, reference, None, "event")
    if name == "budget":
        return _budget(text, g, reference)
    if name == "recurring":
        months = int(_row("recurring", g["recurring"]).interval)
        first = _add_months(reference, months) if reference else None
        return Deadline(text, first, None, "relative", recurring=True)
    if name == "duration":
        return _duration(text, g, reference, reference_end)
    relation = _row("relation", g["rel"]).interval if g.get("rel") else "during"
    if name == "date":
        anchor = _date_anchor(g, reference)
        return _apply(text, relation, anchor, reference) if anchor else None
    place = _placer(name, g)
    year, rolls = _year(g, reference)
    if year is None:
        if g.get("sword") and reference is not None:
            return _season_relative(text, relation, g, place, reference)
        return Deadline(text, None, None, place(2000).precision)  # relative, no reference
    deadline = _apply(text, relation, place(year), reference)
    if rolls and reference and deadline.end is not None and deadline.end < reference:
        deadline = _apply(text, relation, place(year + 1), reference)
    return deadline


def _budget(text: str, g: dict[str, str | None], reference: date | None) -> Deadline:
    """`bij de begroting 2025`: the window in which that budget-cycle document is sent; without a
    year, the next window that has not closed by the reference date."""
    row = _row("budget", g["budget"])
    offset, window = row.interval.split(":")
    relation = _row("budget_relation", g["brel"]).interval

    def anchor(year: int) -> _Anchor:
        first, last = window.split("..")
        start, end = _month_day(year, first), _month_day(year, last)
        # `voor de begrotingsbehandeling` while the window is open: before it closes
        before = end if reference and start <= reference <= end else None
        return _Anchor(start, end, row.precision, before)

    if g.get("byear"):
        return _apply(text, relation, anchor(int(g["byear"]) + int(offset)), reference)
    if reference is None:
        return Deadline(text, None, None, row.precision)
    year = reference.year
    while anchor(year).end < reference:
        year += 1
    return _apply(text, relation, anchor(year), reference)


def _year(g: dict[str, str | None], reference: date | None) -> tuple[int | None, bool]:
    """The year an anchor names, and whether it was implied (so may roll to the next year)."""
    for key in ("year", "myear", "pyear"):
        if g.get(key):
            return int(g[key]), False
    if g.get("yword"):
        offset = int(_row("year_word", g["yword"]).interval)
        return (reference.year + offset if reference else None), False
    if g.get("sword") and g["sword"].lower() != "het":
        return None, False
    return (reference.year if reference else None), True


def _placer(name: str, g: dict[str, str | None]):
    """A function from a year to the anchor in that year."""
    if name == "year":
        return lambda y: _Anchor(date(y, 1, 1), date(y, 12, 31), "year")
    if name == "point" and g.get("month"):
        part, month = _row("month_point", g["point"]), _row("month", g["month"])
        return lambda y: _month_part(y, part, month)
    if name == "point" and g.get("ofperiod"):
        part, period = _row("month_point", g["point"]), _row("period", g["ofperiod"])
        return lambda y: _period_part(_period(y, period), part)
    if name == "point":
        return lambda y: _period(y, _row("point", g["point"]))
    word = g["period"]
    kind = _row_kind(word)
    return lambda y: _period(y, _row(kind, word))


def _period(year: int, row: _Row) -> _Anchor:
    first, last = row.interval.split("..")
    start = _month_day(year, first)
    end = _month_day(year, last)
    if end < start:
        end = _month_day(year + 1, last)
    before = _month_day(year, row.before) if row.before else None
    after = None
    if row.after:
        a_first, a_last = row.after.split("..")
        a_start = _month_day(start.year, a_first)
        while a_start <= end:
            a_start = _month_day(a_start.year + 1, a_first)
        a_end = _month_day(a_start.year, a_last)
        if a_end < a_start:
            a_end = _month_day(a_start.year + 1, a_last)
        after = (a_start, a_end)
    return _Anchor(start, end, row.precision, before, after)


def _period_part(whole: _Anchor, part: _Row) -> _Anchor:
    """`het einde van het zomerreces`: the first, middle or last third of a period (the thirds a
    month is split into for `begin/medio/eind maart`)."""
    first, last = (int(d) for d in part.interval.split(".."))
    days = (whole.end - whole.start).days + 1
    start = whole.start + timedelta(days=(first - 1) * days // 31)
    end = min(whole.end, whole.start + timedelta(days=last * days // 31 - 1))
    return _Anchor(start, end, whole.precision, end if last >= 28 else None)


def _month_part(year: int, part: _Row, month: _Row) -> _Anchor:
    number = int(month.interval[:2])
    first, last = (int(d) for d in part.interval.split(".."))
    length = calendar.monthrange(year, number)[1]
    start, end = date(year, number, min(first, length)), date(year, number, min(last, length))
    before = end if last >= 28 else None  # "voor eind maart" is by the end of March
    return _Anchor(start, end, part.precision, before)


def _month_day(year: int, month_day: str) -> date:
    month, day = (int(p) for p in month_day.split("-"))
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _apply(text: str, relation: str, a: _Anchor, reference: date | None) -> Deadline:
    if relation == "before":
        end = a.before or (a.start - timedelta(days=1) if a.start else None)
        return Deadline(text, _from(reference, end), end, a.precision)
    if relation == "by":
        return Deadline(text, _from(reference, a.end), a.end, a.precision)
    if relation == "after":
        if a.after:
            return Deadline(text, a.after[0], a.after[1], a.precision)
        return Deadline(text, a.end + timedelta(days=1) if a.end else None, None, a.precision)
    if relation == "from":
        return Deadline(text, a.start, None, a.precision)
    if (
        relation == "later"
        and reference
        and a.start
        and a.start <= reference <= (a.end or reference)
    ):
        return Deadline(text, reference, a.end, a.precision)
    return Deadline(text, a.start, a.end, a.precision)


def _from(reference: date | None, end: date | None) -> date | None:
    """A "voor"/"uiterlijk" interval starts at the reference date, when that is not past it."""
    return reference if reference and (end is None or reference <= end) else None


def _season_relative(text, relation, g, place, reference: date) -> Deadline:
    """'komend najaar', 'dit voorjaar', 'vorig najaar': the occurrence relative to the reference."""
    offset = int(_row("year_word", g["sword"]).interval)
    year = reference.year
    if offset > 0:
        while place(year).end < reference:
            year += 1
    elif offset < 0:
        year -= 1
        while place(year + 1).end < reference:
            year += 1
    return _apply(text, relation, place(year), reference)


@lru_cache(maxsize=512)
def _parse_date(phrase: str, reference: date | None) -> date | None:
    import dateparser  # imported on first use: the library takes a moment to load

    settings = {"PREFER_DATES_FROM": "future", "REQUIRE_PARTS": ["day", "month"]}
    if reference is not None:
        settings["RELATIVE_BASE"] = datetime(reference.year, reference.month, reference.day)
    parsed = dateparser.parse(phrase, languages=["nl"], settings=settings)
    return parsed.date() if parsed else None


def _date_anchor(g: dict[str, str | None], reference: date | None) -> _Anchor | None:
    if not g.get("year") and reference is None:
        return _Anchor(None, None, "day")
    phrase = f"{g['day']} {g['month'].rstrip('.')} {g.get('year') or ''}".strip()
    day = _parse_date(re.sub(r"\s+", " ", phrase), reference)
    return _Anchor(day, day, "day") if day else None


def _duration(
    text: str, g: dict[str, str | None], reference: date | None, reference_end: date | None = None
) -> Deadline | None:
    if (g["num"] or "").isdigit():
        number = float(g["num"])
    else:
        number = float(_row("number", g["num"]).interval)
    unit = _row("duration_unit", g["unit"]).interval
    if reference is None:
        return Deadline(text, None, None, "relative")
    last = reference_end or reference

    def later(day: date) -> date:
        if unit.endswith("d"):
            return day + timedelta(days=round(number * float(unit[:-1])))
        return _add_months(day, round(number * float(unit)))

    within = _row("duration_relation", g["drel"]).interval == "within"
    return Deadline(text, reference if within else later(reference), later(last), "relative")


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
