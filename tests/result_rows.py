"""Result rows in a form two SPARQL engines' answers can be compared in: a multiset of tuples.

SPARQL leaves the order of a GROUP_CONCAT's items unspecified (18.5.1.7) and engines differ in
it, so a column a GROUP_CONCAT makes is compared as the sorted list of its items; nothing else
is normalised."""

from __future__ import annotations

import re
from collections import Counter

_GROUP_CONCAT = re.compile(
    r'GROUP_CONCAT\s*\((?:[^()"]|"[^"]*"|\((?:[^()]|\([^()]*\))*\))*?'
    r'(?:;\s*separator\s*=\s*"(?P<separator>[^"]*)")?\s*\)\s*AS\s*\?(?P<column>\w+)',
    re.IGNORECASE,
)


def list_columns(sparql: str) -> dict[str, str]:
    """The columns a GROUP_CONCAT makes in this query, with their separators."""
    return {
        match["column"]: match["separator"] if match["separator"] is not None else " "
        for match in _GROUP_CONCAT.finditer(sparql)
    }


def comparable_rows(rows: list[dict], columns: list[str], sparql: str) -> Counter:
    """Rows (column -> text or None) as a multiset of tuples, GROUP_CONCAT lists sorted."""
    lists = list_columns(sparql)
    counted = Counter()
    for row in rows:
        cells = []
        for column in columns:
            value = row.get(column)
            if value and column in lists:
                value = lists[column].join(sorted(value.split(lists[column])))
            cells.append(value)
        counted[tuple(cells)] += 1
    return counted
