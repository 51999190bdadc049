"""Connect the letters in time: the same action across letters, and what became of each promise.

A pure stage over all documents' facts (no I/O but the curated links file, read by the caller):

- **continuations**: an action of a later letter continues the same action of the nearest earlier
  letter that has it — found by name (the same or a contained key), by a motion both relate to,
  and confirmed or vetoed by a curated file;
- **commitments**: each promise, the action it is about, and its steps in the later letters —
  reported on, fulfilled, deferred (to a next cabinet or successor), or superseded by a renewed
  promise. Whether an open promise is overdue depends on the day asked, so the queries decide that.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bestuursgraaf.graph.extract.actions import load_action_cues
from bestuursgraaf.graph.extract.commitments import CommitmentMention
from bestuursgraaf.graph.facts import DocumentFacts
from bestuursgraaf.graph.letter_dates import document_date, in_time_order

_STOP = {
    "de",
    "het",
    "een",
    "van",
    "voor",
    "en",
    "naar",
    "over",
    "op",
    "in",
    "aan",
    "met",
    "bij",
    "om",
    "te",
    "tot",
    "door",
    "of",
    "deze",
    "dit",
    "die",
    "dat",
    "mijn",
    "uw",
    "onze",
    "zijn",
}
CURATED_FIELDS = [
    "earlier_document",
    "earlier_key",
    "later_document",
    "later_key",
    "decision",
    "curator",
    "note",
]


VERBS_PATH = Path(__file__).resolve().parent / "gazetteers" / "commitment_verbs.csv"
SYNONYMS_PATH = Path(__file__).resolve().parent / "gazetteers" / "action_synonyms.csv"


@functools.cache
def synonyms(path: Path = SYNONYMS_PATH) -> dict[str, str]:
    """Words letters use for one another in naming an action (`omvang`/`aantal`), each stemmed word
    mapped to the stem of the row's first word (see gazetteers/action_synonyms.csv)."""
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    return {
        _stem(w.lower()): _stem(row["word"].lower())
        for row in rows
        for w in (row["word"], row["synonym"])
    }


def _is_a_name(head: str) -> bool:
    """A head noun that names the work itself (`medeondertekening`, `taakdifferentiatie`): long,
    no kind of work the cue file lists, not of the domain, and no infinitive (`verzamelen van
    inzichten ...` heads many different pieces of work)."""
    return (
        len(head) >= 8
        and not head.endswith("en")
        and not is_generic_head(head)
        and head not in _DOMAIN_WORDS
    )


def is_generic_head(head: str) -> bool:
    """An action noun that says what kind of work an action is, not which (`onderzoek`,
    `afwegingskader`): a noun of the action cue file (compounds included) or of the head classes."""
    return head in _HEAD_OF or head in HEAD_CLASSES or load_action_cues().noun(head) is not None


@functools.cache
def commitment_verbs(path: Path = VERBS_PATH) -> tuple[str, ...]:
    with path.open(encoding="utf-8", newline="") as stream:
        rows = csv.DictReader(line for line in stream if not line.startswith("#"))
        return tuple(row["stem"].lower() for row in rows)


def delivers_to_parliament(mention: CommitmentMention) -> bool:
    """A promise is a commitment to parliament when it promises something the Kamer receives or
    that is decided (see gazetteers/commitment_verbs.csv), not only an intention to work on it."""
    phrase = (
        f"{mention.promise} {mention.text}".lower()
        if mention.addressee
        else mention.promise.lower()
    )
    return any(stem in phrase for stem in commitment_verbs())


class CuratedLinksError(ValueError):
    """The curated links file is malformed; the message says file:line."""


@functools.lru_cache(maxsize=1 << 18)  # pure in its text; called for every pair of letters
def tokens(text: str) -> frozenset[str]:
    return frozenset(
        t
        for t in re.findall(r"[a-z0-9]+", text.lower().replace("-", " "))
        if t not in _STOP and len(t) > 1
    )


# Head classes of the genre: a letter names one piece of work by different nouns of one kind — a
# study announced as a "verkenning" is reported as an "onderzoek", a progress letter is a
# "voortgangsbrief" one year and a "voortgangsrapportage" the next, a reaction is a
# "kabinetsreactie" or a "reactie". Nouns of one class are one head.
HEAD_CLASSES = {
    # a study's report is the study delivered: "het onderzoek" announced is "het rapport" sent
    "study": ("onderzoek", "verkenning", "studie", "evaluatie", "analyse", "rapport"),
    "letter": ("brief", "kamerbrief", "voortgangsbrief", "rapportage", "voortgangsrapportage"),
    "reaction": ("reactie", "kabinetsreactie"),
}
_HEAD_OF = {noun: name for name, nouns in HEAD_CLASSES.items() for noun in nouns}
# Compound heads whose first part only says who writes or receives it (kamer-, kabinets-), not
# what it is about: dropped; any other first part (voortgangs-) is a content word of its own.
_ADDRESS_PARTS = {"kamer", "kabinet"}
# Words a progress letter uses for what it reports on without naming it.
_GENERIC = {"genoemde", "acties", "maatregelen", "jaarlijkse", "brief", "kamerbrief", "inzichten"}


# Words of a clause in a title (`verkenning hoe de omvang ... kan worden aangepast`) that say
# nothing of its subject.
_FILLER = {
    "hoe",
    "kan",
    "kunnen",
    "worden",
    "wordt",
    "welke",
    "waarop",
    "zodat",
    "er",
    "wat",
    "nodig",
    "zijn",
}


@functools.lru_cache(maxsize=1 << 18)  # pure in its text; called for every pair of letters
def _stem(word: str) -> str:
    """A crude Dutch plural/inflection strip so `aanpassingen`/`aanpassing`, `budgetten`/`budget` agree."""
    for ending in ("ten", "en", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


@functools.lru_cache(maxsize=1 << 18)  # pure in its text; called for every pair of letters
def _canonical(word: str) -> str:
    """A word's stem, or the stem of the synonym that stands for it."""
    stem = _stem(word)
    return synonyms().get(stem, stem)


@functools.lru_cache(maxsize=1 << 18)  # pure in its text; called for every pair of letters
def _head_and_words(key: str) -> tuple[str, frozenset[str]]:
    """The head class of an action key (its first word, or the class noun a compound ends in) and
    its other content words, stemmed, without years."""
    words = [t for t in re.findall(r"[a-z0-9]+", key.lower()) if t not in _STOP and len(t) > 1]
    if not words:
        return "", frozenset()
    first, rest = words[0], [w for w in words[1:] if w not in _FILLER]
    head, extra = _HEAD_OF.get(first, first), []
    # a compound of a class noun (`voortgangsrapportage`, also itself listed) keeps its first part
    for noun, name in _HEAD_OF.items():
        if noun != first and first.endswith(noun) and len(first) > len(noun) + 2:
            part = first[: -len(noun)].removesuffix("s")
            head, extra = name, ([] if part in _ADDRESS_PARTS else [part])
            break
    content = frozenset(_canonical(t) for t in extra + rest if not t.isdigit())
    return head, content


def _is_progress_letter(head: str, words: set[str]) -> bool:
    return head == "letter" and "voortgang" in words


@functools.lru_cache(maxsize=1 << 18)  # pure in its text; called for every pair of letters
def _same_head(ha: str, hb: str) -> bool:
    """One head class, or a compound of the other's head (`samenwerkingsplatform`, `platform`)."""
    if ha == hb:
        return True
    short, long = sorted((ha, hb), key=len)
    return len(short) >= 5 and long.endswith(short)


def _compound_prefix(ha: str, hb: str) -> set[str]:
    """What a compound head adds before the other's head (`samenwerking` of `samenwerkingsplatform`)."""
    if ha != hb and ha.endswith(hb):
        part = ha[: -len(hb)].removesuffix("s")
        return {part} if len(part) > 2 and part not in _ADDRESS_PARTS else set()
    return set()


@functools.lru_cache(maxsize=1 << 18)  # pure in its text; called for every pair of letters
def _parts_match(x: str, y: str) -> bool:
    """One word, or a part of a compound: `burgemeestersbevoegdheden` holds `bevoegdheden`; parts
    shorter than five letters (`raad`, `wet`) are too common to count."""
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    return len(short) >= 5 and (long.startswith(short) or long.endswith(short))


def overlap(wa: set[str], wb: set[str]) -> int:
    small, large = sorted((wa, wb), key=len)
    return sum(1 for x in small if any(_parts_match(x, y) for y in large))


@functools.lru_cache(maxsize=1 << 18)  # pure in its text; called for every pair of letters
def same_action(a: str, b: str) -> bool:
    """Two action keys name one action: equal, or of one head (a class of HEAD_CLASSES, or a
    compound ending in the other's head) with at least two words shared counting the head and
    compound parts, covering two thirds of the shorter key (`onderzoek-budgetten-rekenkamers` and
    `onderzoek-omvang-budgetten-rekenkamers-griffie-fractieondersteuning`;
    `afwegingskader-burgemeestersbevoegdheden` and `afwegingskader-bevoegdheden-burgemeester`);
    or both progress letters (a recurring series) that name the same programme or one of which
    names none; or one head that is itself a name, a noun no cue lists as a kind of work
    (`medeondertekening-wetten-gemeenten-provincies-raken`, `medeondertekening-handelingsperspectief`).
    Words of one meaning count as one (gazetteers/action_synonyms.csv)."""
    if a == b:
        return True
    (ha, wa), (hb, wb) = _head_and_words(a), _head_and_words(b)
    if not ha or not hb or not _same_head(ha, hb):
        return False
    if ha == hb and _is_a_name(ha):
        return True
    wa, wb = wa | _compound_prefix(ha, hb), wb | _compound_prefix(hb, ha)
    if _is_progress_letter(ha, wa) and _is_progress_letter(hb, wb):
        # what every letter of the domain says of its subject names no programme (`bestuur`)
        generic = {_stem(w) for w in _GENERIC | _DOMAIN_WORDS} | {"voortgang"}
        ra, rb = wa - generic, wb - generic
        return not ra or not rb or bool(ra & rb)
    shared = overlap(wa, wb) + 1  # the head
    if shared < 2:
        return False
    return shared * 3 >= 2 * min(len(wa) + 1, len(wb) + 1)


def is_the_promised_letter(promised_key: str, document_title: str) -> bool:
    """A letter promised by its subject (`brief over de versterking van het decentrale bestuur`) is
    a later document whose title is that subject (`Versterking decentrale volksvertegenwoordigingen
    en besturen`): two or more of its subject words, and two thirds of them, in the title (compound
    parts and synonyms count). Progress letters are a series, linked as such, not by title."""
    head, words = _head_and_words(promised_key)
    if head != "letter" or _is_progress_letter(head, words):
        return False
    words -= {_stem(w) for w in _GENERIC}
    title_words = {
        _canonical(t)
        for t in re.findall(r"[a-z0-9]+", document_title.lower())
        if t not in _STOP and t not in _FILLER and len(t) > 1 and not t.isdigit()
    }
    shared = overlap(words, title_words)
    return len(words) >= 2 and shared >= 2 and shared * 3 >= 2 * len(words)


# Words every letter on decentral government uses of its subject, which say nothing of which
# action is meant (the domain's "the", not a name).
_DOMAIN_WORDS = {
    "decentrale",
    "decentraal",
    "overheden",
    "medeoverheden",
    "gemeenten",
    "provincies",
    "bestuur",
    "versterken",
    "versterking",
    "ondersteunen",
    "verbeteren",
    "kunnen",
    "worden",
    "tussen",
}


@functools.lru_cache(maxsize=1 << 18)  # pure in its text; called for every pair of letters
def title_words(title: str) -> frozenset[str]:
    """The distinctive words of an action title: seven letters or more, not of the domain, stemmed."""
    words = re.findall(r"[a-zà-ÿ0-9]+", title.lower())
    return frozenset(
        _canonical(w) for w in words if len(w) >= 7 and w not in _STOP and w not in _DOMAIN_WORDS
    )


@functools.lru_cache(maxsize=1 << 18)  # pure in its text; called for every pair of letters
def same_action_by_title(key_a: str, title_a: str, key_b: str, title_b: str) -> bool:
    """A later letter often names an action with other words than its key ("verkenning of de
    bepaling omtrent het maximumaantal wethouders aanpassing behoeft", later "verkenning welke
    aanpassingen nodig zijn zodat gemeenteraden meer wethouders kunnen benoemen"): of one head,
    and the titles share two distinctive words besides the head (compound parts count)."""
    (ha, _), (hb, _) = _head_and_words(key_a), _head_and_words(key_b)
    if not ha or not hb or not _same_head(ha, hb):
        return False
    heads = {_stem(h) for h in (ha, hb, *(n for n, c in _HEAD_OF.items() if c in (ha, hb)))}
    wa = {w for w in title_words(title_a) if w not in heads}
    wb = {w for w in title_words(title_b) if w not in heads}
    return overlap(wa, wb) >= 2


@functools.lru_cache(maxsize=1 << 18)  # pure in its text; called for every pair of letters
def _object_word(key: str) -> str | None:
    """What a reaction reacts to: the first word after its head (`voorlichting`, `advies`)."""
    head, _ = _head_and_words(key)
    words = [t for t in re.findall(r"[a-z0-9]+", key.lower()) if t not in _STOP and len(t) > 1][1:]
    return _stem(words[0]) if head == "reaction" and words else None


def same_reaction(key_a: str, keys_a: list[str], key_b: str, keys_b: list[str]) -> bool:
    """A cabinet reaction is named after the product it answers, and by later letters often with
    another name of its author (`reactie op de voorlichting van de Raad van State`, later `reactie
    op de voorlichting Interbestuurlijke verhoudingen`): two reactions to the same kind of product
    are one when each is its letter's only reaction to that kind (`keys_*`: the letter's keys)."""
    kind = _object_word(key_a)
    if kind is None or kind != _object_word(key_b):
        return False
    return [_object_word(k) for k in set(keys_a)].count(kind) == 1 and [
        _object_word(k) for k in set(keys_b)
    ].count(kind) == 1


@dataclass(frozen=True)
class Continuation:
    earlier_document: str
    earlier_key: str
    later_document: str
    later_key: str
    method: str  # "automatic: same name" | "automatic: named again" | ... | "curated: <file>"


@dataclass
class Commitment:
    document: str
    mention: CommitmentMention
    action_key: str | None
    steps: list[Step] = field(default_factory=list)


@dataclass(frozen=True)
class Step:
    document: str
    date: date | None
    status: str  # reported | fulfilled | deferred | superseded
    start: int  # the passage in that document
    end: int
    renewal: tuple[str, int] | None = None  # (document, start) of the promise that supersedes it


@dataclass
class Trace:
    continuations: list[Continuation]
    commitments: list[Commitment]
    mentions: dict[str, list[CommitmentMention]]  # every commitment mention, by document
    dates: dict[str, date | None]
    action_spans: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)


def read_curated_links(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(line for line in stream if not line.startswith("#"))
        if reader.fieldnames != CURATED_FIELDS:
            raise CuratedLinksError(f"{path}:1: expected the columns {','.join(CURATED_FIELDS)}")
        rows = list(reader)
    for number, row in enumerate(rows, start=2):
        if row["decision"] not in ("confirm", "veto"):
            raise CuratedLinksError(
                f"{path}:{number}: decision must be confirm or veto, not {row['decision']!r}"
            )
    return rows


def _about(mention: CommitmentMention, facts: DocumentFacts) -> str | None:
    """The action a commitment sentence is about: an action named in the sentence, else the one
    its object phrase names, else the action its section is headed by."""
    inside = [a for a in facts.actions if a.start < mention.end and a.end > mention.start]
    heading = facts.segmented.heading_at(mention.start)
    headed = {a.key for a in facts.actions if heading is not None and a.start == heading.start}
    if len(inside) > 1:  # prefer the action the section is about, then the one the object names
        words = tokens(mention.object_phrase or "")
        inside.sort(key=lambda a: (a.key not in headed, -len(words & tokens(a.key))))
    if inside:
        return inside[0].key
    if mention.object_phrase:
        words = tokens(mention.object_phrase)
        candidates = [a for a in facts.actions if words and words <= tokens(a.key + " " + a.title)]
        if candidates:
            return candidates[0].key
    return next(iter(sorted(headed)), None)


_EXAMPLE_CUES = re.compile(r"\b(zoals|bijvoorbeeld|waaronder|onder andere|o\.a\.)\s", re.IGNORECASE)


def named_in_passing(facts: DocumentFacts) -> set[str]:
    """The actions a letter names only in passing, which the genre does not count as speaking of
    them: named once, as an example (after `zoals`, `bijvoorbeeld`, `waaronder`) or in a sentence
    that is about another action the letter discusses (one it names more than once). A chain of
    letters passes over such a letter to the one before."""
    counts: dict[str, int] = {}
    for action in facts.actions:
        counts[action.key] = counts.get(action.key, 0) + 1
    text, passing = facts.segmented.clean, set()
    for action in facts.actions:
        if counts[action.key] != 1:
            continue
        sentence = next(
            (s for s in facts.segmented.sentences if s.start <= action.start < s.end), None
        )
        if sentence is None:
            continue
        words = " ".join(text[sentence.start : sentence.end].split())
        at = words.lower().find(" ".join(action.title.split()).lower()[:20])
        example = at > 0 and _EXAMPLE_CUES.search(words[max(0, at - 30) : at])
        own = tokens(action.key)
        others = [
            a
            for a in facts.actions
            if counts[a.key] > 1
            and not tokens(a.key) & own  # the action it is part of (its evaluation names it)
            and sentence.start <= a.start < sentence.end
        ]
        if example or others:
            passing.add(action.key)
    return passing


class _LetterTables:
    """What the continuation walk asks of one letter again and again, made once per letter: its
    action titles in the order `_best_by_name` ranks them, grouped by head (every way of naming
    an action again needs two keys of one head, see `same_action`), and its actions' distinctive
    words. Pure functions of the letter: the walk gives what it gave without them, faster."""

    def __init__(self) -> None:
        self._entries: dict[str, dict[str, list[tuple[int, str, str]]]] = {}
        self._distinctive: dict[tuple[str, str], frozenset[str]] = {}
        self._counts: dict[str, dict[str, int]] = {}

    def entries(self, facts: DocumentFacts, head: str) -> list[tuple[int, str, str]]:
        """(rank, key, title) of the letter's actions whose head is `head` or compatible with it."""
        by_head = self._entries.get(facts.doc_id)
        if by_head is None:
            titles = {a.key: a.title for a in reversed(facts.actions)}  # the first title of each key
            by_head = {}
            for order, (other, other_title) in enumerate(reversed(list(titles.items()))):
                by_head.setdefault(_head_and_words(other)[0], []).append((order, other, other_title))
            self._entries[facts.doc_id] = by_head
        found = [entry for h, group in by_head.items() if _same_head(head, h) for entry in group]
        return found

    def distinctive(self, facts: DocumentFacts, own: str) -> frozenset[str]:
        """The words (six letters or more, not of the domain) of the action `own` that no other
        action key of the letter has."""
        key = (facts.doc_id, own)
        if key not in self._distinctive:
            counts = self._counts.get(facts.doc_id)
            if counts is None:  # in how many distinct keys of the letter each word is
                counts = {}
                for k in dict.fromkeys(a.key for a in facts.actions):
                    for w in _head_and_words(k)[1]:
                        counts[w] = counts.get(w, 0) + 1
                self._counts[facts.doc_id] = counts
            words = _head_and_words(own)[1]
            present = any(a.key == own for a in facts.actions)
            self._distinctive[key] = frozenset(
                w for w in words
                if len(w) >= 6 and w not in _DOMAIN_WORDS and counts.get(w, 0) - (w in words and present) == 0
            )
        return self._distinctive[key]


def _only_shared_word(
    earlier: DocumentFacts, later: DocumentFacts, key: str, tables: _LetterTables | None = None
) -> str | None:
    """The action of `earlier` of the same head as `key` that shares with it a content word (six
    letters or more, not of the domain) which no other action of either letter names: a
    `handreiking ... statuut` and a later `handreiking ... handvest` (synonyms count as one)."""
    tables = tables or _LetterTables()
    head, _ = _head_and_words(key)
    mine = tables.distinctive(later, key)
    for candidate in dict.fromkeys(a.key for a in earlier.actions):
        other_head, _ = _head_and_words(candidate)
        if other_head and _same_head(head, other_head) and mine & tables.distinctive(earlier, candidate):
            return candidate
    return None


def curated_row_missing(row: dict[str, str], present: set[tuple[str, str]]) -> str | None:
    """Why a curated link does not apply to this corpus (a document or action it names is not in
    it), or None when it does. A corpus without those letters builds without the row."""
    for side in ("earlier", "later"):
        if (row[f"{side}_document"], row[f"{side}_key"]) not in present:
            return f"no action {row[f'{side}_key']!r} in document {row[f'{side}_document']!r}"
    return None


def unapplied_curated_links(
    curated: list[dict[str, str]], documents: list[DocumentFacts]
) -> list[str]:
    """A line for each curated link that names an action this corpus does not have."""
    present = {(d.doc_id, a.key) for d in documents for a in d.actions}
    lines = []
    for row in curated:
        reason = curated_row_missing(row, present)
        if reason:
            lines.append(
                f"{row['decision']} {row['earlier_document']}/{row['earlier_key']} -> {row['later_document']}/{row['later_key']}: {reason}"
            )
    return lines


# Heads of an action that asks advice about something: the advice is a step of that thing's action.
_ADVICE_HEADS = {"adviesaanvraag", "adviesverzoek", "advies", "voorlichtingsverzoek"}


def _advice_object(key: str) -> str | None:
    """What an advice asked is about, when that is a name of its own (`adviesaanvraag-
    taakdifferentiatie` → `taakdifferentiatie`): its first content word, of eight letters or more,
    no kind of work and not of the domain."""
    words = [t for t in re.findall(r"[a-z0-9]+", key) if t not in _STOP and len(t) > 1]
    if len(words) < 2 or words[0] not in _ADVICE_HEADS:
        return None
    obj = words[1]
    if len(obj) < 8 or is_generic_head(obj) or obj in _DOMAIN_WORDS:
        return None
    return _canonical(obj)


def _advice_about(
    ordered: list[DocumentFacts], found: list[Continuation], vetoed: set[tuple]
) -> list[Continuation]:
    """An advice asked about X in one letter continues into the next letter's action on X
    (`Adviesaanvraag over taakdifferentiatie`, later `Taakdifferentiatie`; a later heading may
    name X with another action: `Medeondertekening en handelingsperspectief ...`)."""
    linked = {(c.earlier_document, c.earlier_key) for c in found}
    extra = []
    for index, earlier in enumerate(ordered):
        for action in dict.fromkeys(a.key for a in earlier.actions):
            obj = _advice_object(action)
            if obj is None or (earlier.doc_id, action) in linked:
                continue
            for later in ordered[index + 1 :]:
                match = next(
                    (
                        a.key
                        for a in later.actions
                        if a.key != action
                        and obj in {_canonical(w) for w in re.findall(r"[a-z0-9]+", a.key)}
                    ),
                    None,
                )
                if match is not None:
                    if (earlier.doc_id, action, later.doc_id, match) not in vetoed:
                        extra.append(
                            Continuation(
                                earlier.doc_id,
                                action,
                                later.doc_id,
                                match,
                                "automatic: advice asked about it",
                            )
                        )
                    break
    return extra


def _best_by_name(
    earlier: DocumentFacts, key: str, title: str, tables: _LetterTables | None = None
) -> tuple[str | None, str]:
    """The action of `earlier` that `key` (titled `title`) names again: of those the same by name or
    by title words, the one whose title shares most distinctive words with it (a short key such as
    `verkenning-welke-aanpassingen-nodig-zodat-gemeenteraden` is the same by name as more than one),
    the first in the letter on a tie. Only actions of a compatible head can be either."""
    tables = tables or _LetterTables()
    candidates = []
    for order, other, other_title in tables.entries(earlier, _head_and_words(key)[0]):
        if same_action(other, key):
            method = "automatic: same name"
        elif same_action_by_title(other, other_title, key, title):
            method = "automatic: same words in title"
        else:
            continue
        shared = overlap(title_words(other_title), title_words(title))
        candidates.append((-(other == key), -shared, order, other, method))
    if not candidates:
        return None, ""
    *_, other, method = min(candidates)
    return other, method


class _CandidateLetters:
    """Which earlier letters an action key can continue from, found through indexes instead of a
    walk over every earlier letter: every way of matching (same name, same title words, reaction
    to the same product, a shared distinctive word, named in passing) needs two keys of one head
    (`_same_head`), and the last needs a shared motion. So the cost grows with the matches, not
    with the square of the letters."""

    def __init__(self, ordered: list[DocumentFacts], passing: dict[str, set[str]], motions_of) -> None:
        self.ordered = ordered
        self.by_head: dict[str, set[int]] = {}
        self.by_motion: dict[str, set[int]] = {}
        self.motion_keys: dict[str, list[str]] = {}
        position = {facts.doc_id: index for index, facts in enumerate(ordered)}
        for index, facts in enumerate(ordered):
            for key in [a.key for a in facts.actions] + sorted(passing[facts.doc_id]):
                self.by_head.setdefault(_head_and_words(key)[0], set()).add(index)
        for (doc_id, key), targets in motions_of.items():
            self.motion_keys.setdefault(doc_id, []).append(key)
            for target in targets:
                self.by_motion.setdefault(target, set()).add(position[doc_id])
        self._compatible: dict[str, list[str]] = {}

    def _heads_like(self, head: str) -> list[str]:
        if head not in self._compatible:
            self._compatible[head] = [h for h in self.by_head if _same_head(head, h)]
        return self._compatible[head]

    def before(self, index: int, key: str, motions: set[str]):
        """The candidate letters before `index` in time order, latest first."""
        found: set[int] = set()
        for head in self._heads_like(_head_and_words(key)[0]):
            found |= self.by_head[head]
        for target in motions:
            found |= self.by_motion.get(target, set())
        for position in sorted((i for i in found if i < index), reverse=True):
            yield self.ordered[position]


def continuations(
    documents: list[DocumentFacts],
    dates: dict[str, date | None],
    curated: list[dict[str, str]],
    curated_source: str,
) -> list[Continuation]:
    ordered = in_time_order(documents)
    motions_of: dict[tuple[str, str], set[str]] = {}
    for facts in ordered:
        for relation in facts.relations:
            occurrence = facts.motions[relation.motion_index]
            target = (
                occurrence.kamerstuk.kst_id
                if occurrence.kamerstuk
                else " ".join(s.name for s in occurrence.mention.submitters)
            )
            motions_of.setdefault((facts.doc_id, relation.action_key), set()).add(target)
    vetoed = {
        (r["earlier_document"], r["earlier_key"], r["later_document"], r["later_key"])
        for r in curated
        if r["decision"] == "veto"
    }
    passing = {facts.doc_id: named_in_passing(facts) for facts in ordered}
    candidates = _CandidateLetters(ordered, passing, motions_of)
    tables = _LetterTables()
    found: list[Continuation] = []
    for index, later in enumerate(ordered):
        titles = {a.key: a.title for a in reversed(later.actions)}  # the first title of each key
        named_again = {a.key for a in later.actions if a.named_again_from}
        for key in dict.fromkeys(a.key for a in later.actions):
            if key in passing[later.doc_id]:
                continue
            # Letters of one day or month are successive too: a nota that proposes a letter
            # discusses the actions it reports on, so the letter continues them. Only the letters
            # that can match (an action or passing mention of a compatible head, or a shared
            # motion) are visited, latest first: the others could neither match nor stop the walk.
            shared = motions_of.get((later.doc_id, key), set())
            for earlier in candidates.before(index, key, shared):
                if any(same_action(k, key) for k in passing[earlier.doc_id]):
                    continue  # named there in passing: the chain goes on to the letter before
                match, method = _best_by_name(earlier, key, titles[key], tables)
                if method == "automatic: same name" and key in named_again:
                    method = "automatic: named again"
                if match is None:
                    keys = [a.key for a in earlier.actions]
                    later_keys = [a.key for a in later.actions]
                    match = next((k for k in keys if same_reaction(k, keys, key, later_keys)), None)
                    method = "automatic: reaction to the same product"
                if match is None:
                    match = _only_shared_word(earlier, later, key, tables)
                    method = "automatic: one head and a word only these two name"
                if match is None:
                    match = next(
                        (k for k in candidates.motion_keys.get(earlier.doc_id, ()) if motions_of[(earlier.doc_id, k)] & shared),
                        None,
                    )
                    method = "automatic: shared motion"
                if match is not None:
                    if (earlier.doc_id, match, later.doc_id, key) not in vetoed:
                        found.append(Continuation(earlier.doc_id, match, later.doc_id, key, method))
                    break
    found += _advice_about(ordered, found, vetoed)
    present = {(d.doc_id, a.key) for d in documents for a in d.actions}
    for row in curated:
        if row["decision"] == "confirm" and not curated_row_missing(row, present):
            link = Continuation(
                row["earlier_document"],
                row["earlier_key"],
                row["later_document"],
                row["later_key"],
                f"curated: {curated_source}",
            )
            found = [
                c
                for c in found
                if (c.earlier_document, c.earlier_key, c.later_document, c.later_key)
                != (link.earlier_document, link.earlier_key, link.later_document, link.later_key)
            ]
            found.append(link)
    return found


_KIND_STATUS = {
    "fulfilment": "fulfilled",
    "deferral": "deferred",
    "reference": "reported",
    "promise": "superseded",
}
_ACTION_STATUS = {
    "done": "fulfilled",
    "handed_to_next_cabinet": "deferred",
    "in_progress": "reported",
}


def _same_subject(commitment: Commitment, mention: CommitmentMention, key: str | None) -> bool:
    if commitment.action_key and key:
        return same_action(commitment.action_key, key)
    a, b = tokens(commitment.mention.object_phrase or ""), tokens(mention.object_phrase or "")
    return len(a & b) >= 2


def trace(
    documents: list[DocumentFacts],
    curated: list[dict[str, str]] | None = None,
    curated_source: str = "",
) -> Trace:
    dates = {facts.doc_id: document_date(facts) for facts in documents}
    mentions = {facts.doc_id: facts.commitments for facts in documents}
    abouts = {
        (facts.doc_id, m.start, m.kind, m.promise): _about(m, facts)
        for facts in documents
        for m in mentions[facts.doc_id]
    }
    commitments = [
        Commitment(facts.doc_id, m, abouts[(facts.doc_id, m.start, m.kind, m.promise)])
        for facts in documents
        for m in mentions[facts.doc_id]
        if m.kind == "promise" and delivers_to_parliament(m)
    ]
    ordered = in_time_order(documents)
    position = {d.doc_id: index for index, d in enumerate(ordered)}
    for commitment in commitments:
        if commitment.document not in position:
            continue
        for later in ordered[position[commitment.document] + 1 :]:
            when = dates[later.doc_id]
            step = _step_in(commitment, later, when, mentions[later.doc_id], abouts)
            if step is not None:
                commitment.steps.append(step)
                if step.status in ("fulfilled", "superseded"):
                    break
    spans = {}
    for facts in documents:
        for action in facts.actions:
            spans.setdefault((facts.doc_id, action.key), (action.start, action.end))
    links = continuations(documents, dates, curated or [], curated_source)
    return Trace(links, commitments, mentions, dates, spans)


def _step_in(
    commitment: Commitment,
    later: DocumentFacts,
    when: date,
    mentions: list[CommitmentMention],
    abouts,
) -> Step | None:
    """What a later letter says of a promise: its own commitment sentences about the same
    subject first (a deferral, a fulfilment, a renewed promise, a reference), else how it reports
    the action the promise is about."""
    order = ["fulfilment", "deferral", "promise", "reference"]
    relevant = [
        m
        for m in mentions
        if _same_subject(commitment, m, abouts[(later.doc_id, m.start, m.kind, m.promise)])
    ]
    for kind in order:
        for m in relevant:
            if m.kind == kind:
                renewal = (later.doc_id, m.start) if kind == "promise" else None
                return Step(later.doc_id, when, _KIND_STATUS[kind], m.start, m.end, renewal)
    if commitment.action_key:
        for action in later.actions:
            if same_action(commitment.action_key, action.key) and action.status in _ACTION_STATUS:
                return Step(
                    later.doc_id, when, _ACTION_STATUS[action.status], action.start, action.end
                )
    return None
