"""Skip a cue pattern at once when a text lacks a word every match of it must contain.

Cue files hold dozens of patterns that each run over every sentence, and most sentences match
none of them. `required_literals` reads a compiled pattern's syntax tree for literal runs of which every
match contains one (`zal` in `\\b(?P<subj>ik)\\s+zal\\b`);
`PatternSet.candidates` finds which of those literals occur in a text in one pass (an
Aho-Corasick automaton of pyahocorasick over all the literals of a table; case-folded for
IGNORECASE patterns, as the regex engine folds) and names the patterns that may match. A pattern whose
literals are all absent cannot match, so skipping it changes nothing that is found; a pattern
with no such literal, or one whose tree cannot be read, is always run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import ahocorasick

try:  # the standard library's own parser (private, but the same one re.compile uses)
    from re import _constants as _sre_constants
    from re import _parser as _sre_parser
    from re._casefix import _EXTRA_CASES
except ImportError:  # another Python: no prefilter, every pattern runs
    _sre_parser = None
    _EXTRA_CASES = {}

_MIN_LENGTH = 2


def _canon_table() -> dict[int, int]:
    # Characters IGNORECASE matches beyond str.lower() (`ſ` for `s`, the Kelvin sign for `k`):
    # each class folds to one member, in texts and literals alike. Only the characters that change
    # are kept, so that a text without any of them needs no translation.
    table = {}
    for key, others in _EXTRA_CASES.items():
        members = (key, *others)
        for member in members:
            if member != min(members):
                table[member] = min(members)
    return table


_CANON = _canon_table()
_CANON_CHARS = re.compile("[" + "".join(map(re.escape, map(chr, _CANON))) + "]") if _CANON else None


def fold(text: str) -> str:
    """What IGNORECASE compares: lower case (simple, so `İ` is `i`), with _EXTRA_CASES as one."""
    lowered = text.replace("İ", "i").lower()
    if lowered.isascii() or _CANON_CHARS is None or not _CANON_CHARS.search(lowered):
        return lowered
    return lowered.translate(_CANON)


def _best(requirements: list[frozenset[str]]) -> frozenset[str] | None:
    return max(requirements, key=lambda r: min(map(len, r)), default=None)


def _requirements(items, ignore_case: bool) -> list[frozenset[str]]:
    """Sets of literals of which every match of the sequence `items` contains one."""
    found, current = [], []

    def close() -> None:
        if len(current) >= _MIN_LENGTH:
            found.append(frozenset({"".join(current)}))
        current.clear()

    for op, value in items:
        if op is _sre_constants.LITERAL:
            char = fold(chr(value)) if ignore_case else chr(value)
            if len(char) == 1:
                current.append(char)
                continue
        close()
        if op is _sre_constants.SUBPATTERN:
            _group, add_flags, del_flags, body = value
            if not add_flags and not del_flags:  # a group under other flags is left alone
                found.extend(_requirements(body, ignore_case))
        elif op is _sre_constants.MAX_REPEAT or op is _sre_constants.MIN_REPEAT:
            least, _most, body = value
            if least >= 1:
                found.extend(_requirements(body, ignore_case))
        elif op is _sre_constants.BRANCH:
            branches = [_best(_requirements(branch, ignore_case)) for branch in value[1]]
            if branches and all(branches):
                found.append(frozenset().union(*branches))
    close()
    return found


@lru_cache(maxsize=4096)  # one entry per cue pattern
def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Literals of which every match of `pattern` contains one (folded for IGNORECASE)."""
    if _sre_parser is None or not isinstance(pattern.pattern, str) or pattern.flags & re.LOCALE:
        return None
    try:
        tree = _sre_parser.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, ValueError):
        return None
    return _best(_requirements(list(tree), bool(pattern.flags & re.IGNORECASE)))


def _automaton(literals: dict[str, frozenset[int]]) -> ahocorasick.Automaton | None:
    """One Aho-Corasick automaton over the literals: a single pass finds every one that occurs."""
    if not literals:
        return None
    automaton = ahocorasick.Automaton()
    for literal, indices in literals.items():
        automaton.add_word(literal, indices)
    automaton.make_automaton()
    return automaton


class PatternSet:
    """Many patterns over one text: which of them may match it, in their order."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)
        self._always = frozenset(
            index for index, pattern in enumerate(self.patterns) if required_literals(pattern) is None
        )
        by_literal: dict[tuple[bool, str], set[int]] = {}
        for index, pattern in enumerate(self.patterns):
            folded = bool(pattern.flags & re.IGNORECASE)
            for literal in required_literals(pattern) or ():
                by_literal.setdefault((folded, literal), set()).add(index)
        self.literals = {  # (folded?, literal) -> indices of the patterns that need it
            key: frozenset(indices) for key, indices in by_literal.items()
        }
        self._folded = _automaton({literal: i for (f, literal), i in self.literals.items() if f})
        self._exact = _automaton({literal: i for (f, literal), i in self.literals.items() if not f})

    def candidates(self, text: str) -> list[int]:
        """Indices of the patterns that may match `text`, in order; the others cannot."""
        if not text:  # no literal occurs in an empty text
            return sorted(self._always)
        chosen = set(self._always)
        if self._folded is not None:
            for _end, indices in self._folded.iter(fold(text)):
                chosen |= indices
        if self._exact is not None:
            for _end, indices in self._exact.iter(text):
                chosen |= indices
        return sorted(chosen)


@lru_cache(maxsize=64)
def pattern_set(patterns: tuple[re.Pattern[str], ...]) -> PatternSet:
    """The PatternSet of a cue table (made once per table)."""
    return PatternSet(patterns)


_SINGLE: dict[int, tuple[re.Pattern[str], PatternSet]] = {}  # by id: hashing a Pattern hashes its code


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only when `pattern` cannot match `text` (none of its required literals occurs)."""
    known = _SINGLE.get(id(pattern))
    if known is None or known[0] is not pattern:
        known = (pattern, PatternSet((pattern,)))
        if len(_SINGLE) < 4096:  # bounded: one entry per pattern of the rule modules
            _SINGLE[id(pattern)] = known
    return bool(known[1].candidates(text))
