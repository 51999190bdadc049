"""Read how a sentence relates the minister's actions to motions: fulfils, takes into account, responds to.

The cues are data (`graph/gazetteers/relation_cues.csv`), written as words separated by spaces:
`a|b` is either word, `motie*` is a word starting with `motie`, and `...` lets up to twelve words
stand in between. Between any two other words up to three may stand (`geef ik mede invulling
aan`, `doe ik tevens de motie-Van Dijk gestand`); every gap matches across hard-wrapped lines but
never across the end of a sentence.

Which action a cue links its motions to (`relate_actions_to_motions`), in this order:
1. an action named in the same sentence (the one nearest before the cue, else the first after);
2. the letter itself when the sentence names it (`Met deze actieagenda/brief/nota doe ik de motie
   gestand`): the special key `document`;
3. when the sentence opens by pointing back (`Daarmee`, `Hiermee`, `Hierbij`, `Zo`), the action
   named nearest before it (the previous sentence's);
4. else the action of the current section: the one read from the section's heading;
5. else, when no action stands in or near the sentence at all, the letter itself (`document`).
The motions are those named in the sentence; a sentence that speaks of `deze/die/de motie`
without naming one refers to the motion named last before it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bestuursgraaf.graph.extract.actions import ActionMention
from bestuursgraaf.graph.patterns import PatternSet, pattern_set
from bestuursgraaf.graph.segment import Span

CUES_PATH = Path(__file__).resolve().parent.parent / "gazetteers" / "relation_cues.csv"
RELATIONS = ("fulfils", "takesIntoAccount", "respondsTo")
DOCUMENT = "document"

# Words are separated by spaces, line breaks and commas; a gap never crosses `.`, `;`, `!`, `?`.
_WORD_GAP = r"(?:[^\w.;!?]+[^\s.;!?]+){0,%d}?[^\w.;!?]+"
_NARROW, _WIDE = _WORD_GAP % 3, _WORD_GAP % 12
_SELF_REFERENCE = re.compile(
    r"\b(?:deze|dit|onderhavige)\s+(?:actieagenda|agenda|brief|kamerbrief|nota|voortgangsbrief|"
    r"voortgangsrapportage|rapportage|beleidsbrief)\b",
    re.IGNORECASE,
)
_POINTS_BACK = re.compile(
    r"^\W*(?:daarmee|hiermee|hiermede|daarmede|hierbij|daarbij|zo|hiertoe|daartoe|aldus|met\s+dit)\b",
    re.IGNORECASE,
)
_ANAPHORIC_MOTION = re.compile(r"\b(?:deze|die|de|genoemde|voornoemde)\s+motie\b", re.IGNORECASE)


@dataclass(frozen=True)
class MotionRelationCue:
    relation: str
    cue: str
    start: int
    end: int


def _compile(pattern: str) -> re.Pattern[str]:
    parts, gap = [], None
    for word in pattern.split():
        if word == "...":
            gap = _WIDE
            continue
        alternatives = []
        for alternative in word.split("|"):
            stem = alternative.endswith("*")
            body = re.escape(alternative.rstrip("*"))
            alternatives.append(body + (r"[\w-]*" if stem else r"(?![\w-])"))
        if parts:
            parts.append(gap or _NARROW)
        parts.append("(?:" + "|".join(alternatives) + ")")
        gap = None
    return re.compile(r"(?<![\w-])" + "".join(parts), re.IGNORECASE)


@lru_cache(maxsize=4)
def load_relation_cues(path: Path = CUES_PATH) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The relation cues of the data file, compiled (read once)."""
    cues = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["relation"] not in RELATIONS:
                raise ValueError(f"{path}:{line}: unknown relation {row['relation']!r}")
            cues.append((_compile(row["pattern"]), row["relation"]))
    return tuple(cues)


@lru_cache(maxsize=1)
def _relation_cue_set() -> PatternSet:
    return pattern_set(tuple(p for p, _ in load_relation_cues()))


def classify_motion_relations(sentence: str, offset: int = 0) -> list[MotionRelationCue]:
    """Every relation cue in a sentence, longest first where two overlap, in order."""
    cues = load_relation_cues()
    found = [
        MotionRelationCue(relation, m[0], m.start() + offset, m.end() + offset)
        for index in _relation_cue_set().candidates(sentence)
        for pattern, relation in (cues[index],)
        for m in pattern.finditer(sentence)
    ]
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[MotionRelationCue] = []
    for cue in found:
        if kept and cue.start < kept[-1].end:
            if cue.end - cue.start > kept[-1].end - kept[-1].start:
                kept[-1] = cue  # `mede ter uitvoering van` over `ter uitvoering van`
            continue
        kept.append(cue)
    return kept


def _motions_for(sentence: Span, text: str | None, motion_spans: Sequence[Span]) -> list[int]:
    inside = [n for n, m in enumerate(motion_spans) if sentence.start <= m.start < sentence.end]
    if inside:
        return inside
    if text is not None and not _ANAPHORIC_MOTION.search(text):
        return []
    before = [n for n, m in enumerate(motion_spans) if m.end <= sentence.start]
    return before[-1:]


def _nearest_before(
    same: list[ActionMention], sentence: Span, text: str | None, cue: MotionRelationCue
) -> ActionMention:
    """Of several actions read from one sentence, the one named nearest before the cue (found by
    the first word of its title), else the first."""
    if text is None:
        return same[0]
    lower, at = text.lower(), cue.start - sentence.start
    placed = []
    for action in same:
        word = action.title.split()[0].lower()
        position = lower.rfind(word, 0, max(at, 0))
        if position >= 0:
            placed.append((position, action))
    return max(placed, key=lambda p: p[0])[1] if placed else same[0]


def _action_for(
    sentence: Span, text: str | None, actions: Sequence[ActionMention], cue: MotionRelationCue
) -> str | None:
    same = [a for a in actions if a.start < sentence.end and a.end > sentence.start]
    if same:
        return _nearest_before(same, sentence, text, cue).key
    if text is not None and _SELF_REFERENCE.search(text):
        return DOCUMENT
    earlier = sorted((a for a in actions if a.end <= sentence.start), key=lambda a: a.end)
    if text is not None and _POINTS_BACK.search(text):
        sentences = [a for a in earlier if a.quote != a.section_heading]
        if sentences:
            return sentences[-1].key
    headings = [
        a for a in earlier if a.section_heading is not None and a.quote == a.section_heading
    ]
    if headings:
        return headings[-1].key
    if earlier:
        return earlier[-1].key
    # a letter that names no action of its own before the cue reports what it does itself:
    # `Uitvoering van deze motie vindt plaats met inachtneming van de motie-X`
    return DOCUMENT if text is not None and not actions else None


def relate_actions_to_motions(
    sentence_span: Span,
    actions_in_or_near_sentence: Sequence[ActionMention],
    motion_spans: Sequence[Span],
    cues: Sequence[MotionRelationCue],
    sentence_text: str | None = None,
) -> list[tuple[str, int, str]]:
    """(action key, index into `motion_spans`, relation) for each motion a cue relates.

    `actions_in_or_near_sentence` are the actions of the sentence, of the sentences just before it
    and of its section's heading; `sentence_text` (the sentence as written) lets the rules see
    `deze actieagenda`, `Daarmee` and `deze motie` (without it only rules 1 and 4 apply).
    """
    if sentence_text is not None:
        sentence_text = re.sub(r"\s+", " ", sentence_text)
    relations: list[tuple[str, int, str]] = []
    for cue in cues:
        key = _action_for(sentence_span, sentence_text, actions_in_or_near_sentence, cue)
        if key is None:
            continue
        for index in _motions_for(sentence_span, sentence_text, motion_spans):
            if (key, index, cue.relation) not in relations:
                relations.append((key, index, cue.relation))
    return relations
