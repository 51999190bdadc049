"""When a letter was written, as far as its sidecar or its text tells: the dates every stage and
every cross-letter step reckon with."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bestuursgraaf.graph.facts import DocumentFacts


def document_date(facts: DocumentFacts) -> date | None:
    """The date of a letter (sidecar first, else the text), as the first day of what is known."""
    value = str(
        facts.source.metadata.get("date")
        or (facts.metadata.date.value if facts.metadata.date else "")
    )
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))


def document_day(facts: DocumentFacts) -> date | None:
    """The day a letter is dated, when its date is known to the day (else None)."""
    value = str(
        facts.source.metadata.get("date")
        or (facts.metadata.date.value if facts.metadata.date else "")
    )
    return document_date(facts) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def letter_order(facts: DocumentFacts) -> tuple[date, date, str] | None:
    """Where a letter stands in time: by the last day its date allows, then the first, so a letter
    dated only by its month or year ("juni 2024") follows the letters of known days in it (in the
    genre a dated nota or letter in that month is what precedes or sends it)."""
    first = document_date(facts)
    if first is None:
        return None
    value = str(
        facts.source.metadata.get("date")
        or (facts.metadata.date.value if facts.metadata.date else "")
    )
    if re.fullmatch(r"\d{4}", value):
        last = date(first.year, 12, 31)
    elif re.fullmatch(r"\d{4}-\d{2}", value):
        last = date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)
    else:
        last = first
    return (last, first, facts.doc_id)


def month_end(facts: DocumentFacts) -> date | None:
    """The last day of the month a letter is dated by, when it is dated by its month only."""
    order = letter_order(facts)
    value = str(
        facts.source.metadata.get("date")
        or (facts.metadata.date.value if facts.metadata.date else "")
    )
    return order[0] if order and re.fullmatch(r"\d{4}-\d{2}", value) else None


def in_time_order(documents: list[DocumentFacts]) -> list[DocumentFacts]:
    """The dated letters, earliest first (see `letter_order`)."""
    return sorted((d for d in documents if letter_order(d)), key=letter_order)
