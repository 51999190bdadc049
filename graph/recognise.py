"""Find where a letter speaks of another letter's action without presenting it as its own work.

The action stage reads one letter at a time, so it finds an action only where the letter presents
it as work (a heading, a sentence with a status cue). A progress letter often speaks of an earlier
action without that: `Met de UDO vul ik mijn coördinerende rol in`, `het programma Werk aan
Uitvoering (WaU), waarbinnen ...`, `waarmee ik mede invulling geef aan de actieagenda sterk
bestuur`. Knowing the earlier letters' actions, such a sentence is recognisable. An action is
recognised in a later letter when a sentence of its running text names it by

- its **name**: the title (without a parenthesised abbreviation) of an action whose title is a
  short name, case folded (`Actieagenda Sterk Bestuur` in `de actieagenda sterk bestuur`), or the
  capitalised proper name after a programme's or platform's head (`Werk aan Uitvoering` of
  `Programma Werk aan Uitvoering`);
- its **abbreviation**: the `(UDO)` of its title, as a word that is not all lower case;
- its **head and object**: an action named as a study, reaction, guide, evaluation or letter *of*
  or *about* a named thing (`Evaluatie van de UDO`, `Brief over de voortgang en inzichten`) is
  recognised in a sentence that names the thing and the head, as a noun or as the verb (`de UDO
  ... te evalueren`, `de Kamer jaarlijks over de voortgang en inzichten te informeren`).

A letter promised by its subject (`een brief over de versterking van het decentrale bestuur`) is
recognised in the later document whose **title** is that subject: that document is the promised
letter, so the action is done there (and the promise fulfilled).

A progress report keeps the **headings** of the agenda it reports on: a heading of a later letter
that names an action there (under a labelled action line) is recognised in the earlier letter
that has the same heading as a theme of its own (two thirds of the distinctive words shared).

A letter that cites an earlier letter of the corpus **by its date** (`per brief van 4 september
2023`) speaks of the action that letter is itself (the promised letter it delivered).

A name standing as an example (after `zoals`, `bijvoorbeeld`, `waaronder`), as the source of an
announcement (`Zoals ik in de actieagenda heb aangekondigd`), as the companion of what the sentence
is about (`in samenhang met de UDO`), as a copy sent along or as an enclosure in a list, or as an
instance (`Een UDO wordt uitgevoerd zodra ...`) is not enough: the sentence must speak of the
action. An action the later letter has already (the same key) is left alone. A recognised
action takes the key and title it had in the earlier letter, so the two connect by name; its
passages, section and status are the later letter's own.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime

from bestuursgraaf.graph.extract.actions import ActionMention, status_in
from bestuursgraaf.graph.extract.metadata import Field
from bestuursgraaf.graph.facts import DocumentFacts
from bestuursgraaf.graph.letter_dates import document_date, document_day, in_time_order
from bestuursgraaf.graph.segment import Heading, Span
from bestuursgraaf.graph.trace import (
    _head_and_words,
    is_the_promised_letter,
    overlap,
    same_action,
    same_action_by_title,
    same_reaction,
    title_words,
)

# Words before a name that make it an example or the source of what the sentence says.
_PASSING = re.compile(
    r"\b(zoals|bijvoorbeeld|waaronder|onder andere|o\.a\.|bv\.)\s[^.;:]*$"
    # a companion of what the sentence is about, or a copy sent along
    r"|\b(in samenhang met|in combinatie met|net als|evenals|een afschrift van)\s+(de|het)?\s*$"
    # an instance of an instrument (`Een UDO wordt uitgevoerd zodra ...`), not the instrument
    r"|(^|\s)een\s+$",
    re.IGNORECASE,
)
# Heads whose action is about a named object, with the stems that name the head as noun or verb.
_OBJECT_HEADS = {
    # an evaluation is reported as the experience with, the workings of or the lessons from a thing
    "evaluatie": ("evalu", "ervaringen", "werking", "lessen"),
    "onderzoek": ("onderzo",),
    "verkenning": ("verken",),
    "reactie": ("reactie", "reageer", "reager"),
    "kabinetsreactie": ("reactie", "reageer", "reager"),
    "handleiding": ("handleiding",),
    "handreiking": ("handreiking",),
    "monitor": ("monitor",),
    # a promised letter about a subject is spoken of as informing the Kamer about it
    "brief": ("brief", "informeer", "informeren"),
    "kamerbrief": ("brief", "informeer", "informeren"),
}
_ARTICLES = r"(?:de|het|een|deze|dit|die)"
# An abbreviation as titles give it: two or more capitals, perhaps with lower-case letters (WaU).
_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z]{0,2}[A-Z][A-Za-z]{0,4})\)")
_MAX_NAME_WORDS = 6
# Heads followed by the name of the thing (`Programma Werk aan Uitvoering`); after another head the
# capitalised words are its subject (`Code Interbestuurlijke Verhoudingen`), which other things share.
_NAMED_HEADS = {
    "programma",
    "platform",
    "samenwerkingsplatform",
    "project",
    "traject",
    "netwerk",
    "campagne",
}
_NAME_LINKS = {"aan", "van", "en", "voor", "op", "in", "de", "het"}  # `Werk aan Uitvoering`
_ANNOUNCED_BEFORE = re.compile(r"\b(heb|hebben|had|is|werd)\b[^.]*\baangekondigd\b", re.IGNORECASE)
_AS = re.compile(r"\bzoals\b", re.IGNORECASE)
# A list of enclosures names what is sent along, not what the letter says of it.
_ENCLOSURES = re.compile(r"\bbijlage", re.IGNORECASE)
_LIST_ITEM = re.compile(r"(?:^|\s)(?:[-–•]|\d+[a-z]?[.)]?)\s+[A-Z]")


@dataclass(frozen=True)
class NameForms:
    """The ways a later letter can name an action: phrases (case folded), capitalised names (case
    kept), abbreviations, and a head that must stand in the sentence together with its object."""

    phrases: tuple[str, ...] = ()
    proper: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    head_stems: tuple[str, ...] = ()  # set when the forms above name the object, not the action


def _words(text: str) -> list[str]:
    return re.findall(r"[\wÀ-ÿ'’-]+", text)


def _proper_names(title: str) -> list[str]:
    """Runs of capitalised words after the first word (`Werk aan Uitvoering`), linked by
    lower-case function words, of two words or more."""
    words, names, run = _words(title)[1:], [], []
    for word in words + [""]:
        if word[:1].isupper() or (run and word in _NAME_LINKS):
            run.append(word)
        else:
            while run and not run[-1][:1].isupper():
                run.pop()
            if sum(1 for w in run if w[:1].isupper()) >= 2:
                names.append(" ".join(run))
            run = []
    return names


@functools.lru_cache(maxsize=1 << 16)
def name_forms(action: ActionMention) -> NameForms:
    """How a later letter may name `action` (see the module docstring)."""
    title = " ".join(action.title.split())
    abbreviations = tuple(_ABBREVIATION.findall(title))
    bare = re.sub(r"\s*\([^)]*\)", "", title).strip()
    words = _words(bare)
    head = words[0].lower() if words else ""
    of_object = re.match(rf"(\w+)\s+(?:van|naar|op|over|voor)\s+(?:{_ARTICLES}\s+)?(.+)$", bare)
    if head in _OBJECT_HEADS and of_object:
        obj = of_object[2]
        obj_abbr = tuple(re.findall(r"\b([A-Z][A-Za-z]{0,2}[A-Z][A-Za-z]{0,4})\b", obj))
        return NameForms(
            phrases=(obj.lower(),) if len(_words(obj)) <= _MAX_NAME_WORDS and not obj_abbr else (),
            proper=tuple(_proper_names("x " + obj)),
            abbreviations=abbreviations or obj_abbr,
            head_stems=_OBJECT_HEADS[head],
        )
    phrases = (bare.lower(),) if 2 <= len(words) <= _MAX_NAME_WORDS else ()
    proper = tuple(_proper_names(bare)) if head in _NAMED_HEADS else ()
    return NameForms(phrases=phrases, proper=proper, abbreviations=abbreviations)


@functools.lru_cache(maxsize=4096)
def _pattern(forms: NameForms) -> list[tuple[re.Pattern[str], bool]]:
    """(pattern, needs_capital) per form; phrases match across line breaks and spacing."""
    found = []
    for phrase in forms.phrases:
        body = r"\s+".join(re.escape(w) for w in phrase.split())
        found.append((re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE), False))
    for name in forms.proper:
        body = r"\s+".join(re.escape(w) for w in name.split())
        found.append((re.compile(rf"(?<![\w-]){body}(?!\w)"), False))
    for abbreviation in forms.abbreviations:
        found.append(
            (re.compile(rf"(?<![\w-]){re.escape(abbreviation)}(?!\w)", re.IGNORECASE), True)
        )
    return found


def _in_passing(sentence: str, match: re.Match[str]) -> bool:
    before = sentence[: match.start()]
    return bool(
        _PASSING.search(before[-60:])
        or (_ENCLOSURES.search(sentence) and _LIST_ITEM.search(before))
        # the source of an announcement: `Zoals ik in de X heb aangekondigd`
        or (_AS.search(before) and _ANNOUNCED_BEFORE.search(sentence[match.end() :]))
    )


def names_action_at(sentence: str, forms: NameForms) -> int | None:
    """Where the sentence names the action (an offset into it), or None. A form right after one
    named in passing (`de Uitvoerbaarheidstoets Decentrale Overheden (UDO)`) is in passing too."""
    if forms.head_stems and not any(stem in sentence.lower() for stem in forms.head_stems):
        return None
    matches = sorted(
        (
            m
            for pattern, needs_capital in _pattern(forms)
            for m in pattern.finditer(sentence)
            if not (needs_capital and m[0].islower())
        ),
        key=lambda m: m.start(),
    )
    passing_until = -1
    for match in matches:
        if match.start() <= passing_until + 2 or _in_passing(sentence, match):
            passing_until = max(passing_until, match.end())
            continue
        return match.start()
    return None


def _already_has(action: ActionMention, key: str, title: str, keys: list[str]) -> bool:
    """The later letter has this action of its own, by any of the ways letters are linked."""
    return (
        same_action(action.key, key)
        or same_action_by_title(action.key, action.title, key, title)
        or same_reaction(action.key, [action.key], key, keys)
    )


def _named_again(
    action: ActionMention,
    origin: str,
    span: Span | Field | Heading,
    quote: str,
    status: str,
    section: str | None = None,
    title: str | None = None,
) -> ActionMention:
    """`action` (of the letter `origin`) as the letter that names it has it, at `span`."""
    return ActionMention(
        key=action.key,
        title=title or action.title,
        kind=action.kind,
        status=status,
        section_heading=section,
        action_line=None,
        responsible=None,
        start=span.start,
        end=span.end,
        quote=" ".join(quote.split()),
        named_again_from=origin,
    )


def _the_letter_itself(action: ActionMention, origin: str, title: Field) -> ActionMention:
    """The later letter is the letter an earlier one promised: the action is done, by its title."""
    return _named_again(action, origin, title, title.value, "done")


def recognise_in(
    later: DocumentFacts, earlier_actions: list[tuple[str, ActionMention]]
) -> list[ActionMention]:
    """The earlier actions (each with the id of the letter it is from) that `later` names again by
    name, as actions of `later` (one mention per sentence that names one)."""
    own = {a.key: a.title for a in reversed(later.actions)}
    keys = list(own)
    text = later.segmented.clean
    folded = " ".join(text.lower().split())  # to pass over, at once, actions the letter never names
    # the same per sentence: a sentence can name a form only if it holds its words (any case and
    # spacing), so the others are passed over before their patterns run
    sentences = [
        (span, " ".join(text[span.start : span.end].lower().split())) for span in later.segmented.sentences
    ]
    found: list[ActionMention] = []
    title = later.metadata.title
    for origin, action in earlier_actions:
        if (
            title is not None
            and action.key not in own
            and is_the_promised_letter(action.key, title.value)
        ):
            found.append(_the_letter_itself(action, origin, title))
            own[action.key] = action.title
            continue
        forms = name_forms(action)
        if not any(f.lower() in folded for f in forms.phrases + forms.proper + forms.abbreviations):
            continue
        if any(_already_has(action, key, title, keys) for key, title in own.items()):
            continue
        words = [" ".join(f.lower().split()) for f in forms.phrases + forms.proper + forms.abbreviations]
        for span, sentence_folded in sentences:
            if not any(w in sentence_folded for w in words):
                continue
            sentence = text[span.start : span.end]
            at = names_action_at(sentence, forms)
            if at is None:
                continue
            heading = later.segmented.heading_at(span.start)
            found.append(
                _named_again(
                    action,
                    origin,
                    span,
                    sentence,
                    status_in(sentence, at) or "in_progress",
                    heading.title if heading is not None else None,
                )
            )
        if any(m.key == action.key for m in found):
            own[action.key] = action.title
    return found


_GRAM = 4


def _folded(facts: DocumentFacts) -> str:
    return " ".join(facts.segmented.clean.lower().split())


def _grams(text: str) -> set[str]:
    return {text[i : i + _GRAM] for i in range(len(text) - _GRAM + 1)}


class _FormIndex:
    """The earlier actions a letter can name, found without testing every earlier action against
    every letter (which grows with the square of the letters): `recognise_in` passes over an
    action at once unless one of its name forms is in the letter's folded text, so a form's
    rarest four-character piece must be in it too. Each action is filed under that piece of each
    of its forms (a form shorter than the piece, and a promised letter, which is found by the
    letter's title, are always candidates); a letter's candidates are the actions filed under a
    piece of its text, in the order they were added. The rarity of a piece is its share of a
    sample of the corpus' letters."""

    def __init__(self, sample: list[str]) -> None:
        self.frequency: dict[str, int] = {}
        for text in sample:
            for gram in _grams(text):
                self.frequency[gram] = self.frequency.get(gram, 0) + 1
        self.entries: list[tuple[str, ActionMention]] = []
        self.by_gram: dict[str, list[int]] = {}
        self.always: list[int] = []

    def add(self, origin: str, action: ActionMention) -> None:
        position = len(self.entries)
        self.entries.append((origin, action))
        if _head_and_words(action.key)[0] == "letter":  # is_the_promised_letter reads the title
            self.always.append(position)
            return
        forms = name_forms(action)
        for form in forms.phrases + forms.proper + forms.abbreviations:
            lowered = form.lower()
            if len(lowered) < _GRAM:
                self.always.append(position)
                return
        for form in forms.phrases + forms.proper + forms.abbreviations:
            lowered = form.lower()
            pieces = {lowered[i : i + _GRAM] for i in range(len(lowered) - _GRAM + 1)}
            rarest = min(sorted(pieces), key=lambda gram: self.frequency.get(gram, 0))
            self.by_gram.setdefault(rarest, []).append(position)

    def candidates(self, folded: str) -> list[tuple[str, ActionMention]]:
        found = set(self.always)
        grams = _grams(folded)
        if len(grams) < len(self.by_gram):
            for gram in grams:
                found.update(self.by_gram.get(gram, ()))
        else:
            for gram, positions in self.by_gram.items():
                if gram in grams:
                    found.update(positions)
        return [self.entries[i] for i in sorted(found)]


def recognise_earlier_actions(documents: list[DocumentFacts]) -> dict[str, list[ActionMention]]:
    """For each dated letter, the actions of the letters before it that it names again (by doc id),
    and the headings it shares with a later letter that has them as actions."""
    ordered = in_time_order(documents)
    result: dict[str, list[ActionMention]] = {}
    # the first mention of each key, earliest letter first, with the letter it is from
    earlier: dict[str, tuple[str, ActionMention]] = {}
    step = max(1, len(ordered) // 64)
    index = _FormIndex([_folded(f) for f in ordered[::step]])
    for later in ordered:
        result[later.doc_id] = recognise_in(later, index.candidates(_folded(later)))
        for action in later.actions + result[later.doc_id]:
            if action.key not in earlier:
                earlier[action.key] = (later.doc_id, action)
                index.add(later.doc_id, action)
    by_day = {document_day(f): f for f in ordered if document_day(f) is not None}
    for later in ordered:
        result[later.doc_id] += _cited_letters(later, by_day, result)
    for index, later in enumerate(ordered):
        for action in _heading_actions(later):
            for before in reversed(ordered[:index]):
                known = before.actions + result[before.doc_id]
                if any(same_action(a.key, action.key) for a in known):
                    break  # the chain reaches this letter already
                found = _same_heading_in(before, action, later.doc_id)
                if found is not None:
                    result[before.doc_id].append(found)
                    break
    return result


# An earlier letter cited by its date: `per brief van 4 september 2023`, `mijn brief van 18 juni jl.`
_LETTER_OF = re.compile(
    r"\bbrief\s+van\s+(?P<day>\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|"
    r"september|oktober|november|december)(?:\s+\d{4}|\s+jl\.?)?)",
    re.IGNORECASE,
)


def _cited_letters(
    later: DocumentFacts, by_day: dict, result: dict[str, list[ActionMention]]
) -> list[ActionMention]:
    """A letter that cites an earlier letter of the corpus by its date speaks of that letter: of
    the action the earlier letter is itself (the promised letter it delivers, recognised by its
    title)."""
    import dateparser  # imported on first use: the library takes a moment to load

    reference = document_date(later)
    text = later.segmented.clean
    own = {a.key for a in later.actions + result[later.doc_id]}
    found: list[ActionMention] = []
    for span in later.segmented.sentences:
        sentence = text[span.start : span.end]
        for m in _LETTER_OF.finditer(sentence):
            settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
            if reference is not None:
                settings["RELATIVE_BASE"] = datetime(reference.year, reference.month, reference.day)
            day = m["day"].replace("jl.", "").replace("jl", "")
            parsed = dateparser.parse(day, languages=["nl"], settings=settings)
            cited = by_day.get(parsed.date()) if parsed else None
            if cited is None or cited.doc_id == later.doc_id:
                continue
            title = cited.metadata.title
            itself = [
                a
                for a in result.get(cited.doc_id, [])
                if title is not None and a.start == title.start and a.key not in own
            ]
            for action in itself:
                own.add(action.key)
                found.append(
                    _named_again(
                        action,
                        cited.doc_id,
                        span,
                        sentence,
                        status_in(sentence, m.start()) or "in_progress",
                    )
                )
    return found


def _heading_actions(facts: DocumentFacts) -> list[ActionMention]:
    """The actions a letter names by a heading of its own (one per key)."""
    starts = {h.start for h in facts.segmented.headings}
    return list({a.key: a for a in reversed(facts.actions) if a.start in starts}.values())[::-1]


def same_heading(a: str, b: str) -> bool:
    """Two headings name one piece of work: two or more distinctive words shared, two thirds of
    the shorter's (`Verzamelen van inzichten interbestuurlijke samenwerkingsstructuren` and
    `Verzamelen van inzichten over interbestuurlijke samenwerkingsstructuren`)."""
    wa, wb = title_words(a), title_words(b)
    shared = overlap(wa, wb)
    return shared >= 2 and shared * 3 >= 2 * min(len(wa), len(wb))


def _same_heading_in(
    before: DocumentFacts, action: ActionMention, origin: str
) -> ActionMention | None:
    """A heading of an earlier letter that a later letter's heading action names again: a progress
    report keeps the headings of the agenda it reports on, where the agenda had them as themes."""
    taken = {a.start for a in before.actions}
    for heading in before.segmented.headings:
        if heading.start not in taken and same_heading(heading.title, action.title):
            words = " ".join(heading.title.split())
            return _named_again(action, origin, heading, words, "in_progress", heading.title, words)
    return None
