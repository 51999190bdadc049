"""Find commitments (toezeggingen) in letter text: promises, references to earlier promises,
fulfilments and deferrals to a next cabinet, each with its promised verb phrase and deadline.

The cues live in `gazetteers/commitment_cues.csv` (pattern, kind, example, note). A promise cue
names its subject (`ik zal`, `streef ik ernaar`, `het kabinet is voornemens`) or the Kamer as
receiver (`ontvangt uw Kamer`); the promised verb is then found by Dutch word order: the
infinitive after a modal (`zal ik … informeren`), the te-infinitive after an intention
(`ben voornemens … te sturen`), or the finite verb itself (`informeer ik … begin 2024`). A
present tense, a wish (`wil ik`) or a passive is a promise only with a future time (a deadline
not yet past, `nader`, `later`); `hieronder`, `in deze brief` and negation rule a cue out, and so
does a refusal that governs it (`Ik kan niet toezeggen dat ik … zal`, `ontraden`, `Ik zie geen
aanleiding om …`), unless `maar` or `wel` opens a promise of its own after it.
A reference cue together with `hierbij` / `met deze brief` is a fulfilment. Footnotes attached
to the sentence count as part of it for references (`Toezegging 205057`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from bestuursgraaf.graph.deadlines import Deadline, find_deadlines
from bestuursgraaf.graph.extract.metadata import DATE_TEXT
from bestuursgraaf.graph.patterns import PatternSet, pattern_set
from bestuursgraaf.graph.segment import Segmented, Span

CUES_CSV = Path(__file__).resolve().parent.parent / "gazetteers" / "commitment_cues.csv"


@dataclass(frozen=True)
class CommitmentMention:
    text: str  # the sentence, whitespace collapsed
    start: int  # the sentence's offsets in the source
    end: int
    kind: str  # promise | reference | fulfilment | deferral
    promisor: str | None  # "minister" (the writer), "kabinet", "staatssecretaris", a named office
    addressee: str | None  # "Tweede Kamer" | "Eerste Kamer" | "Kamer" (the letter's addressee)
    promise: str  # the promised verb phrase: "informeren over de uitkomsten van het onderzoek"
    object_phrase: str | None  # what it is about: "de uitkomsten van het onderzoek"
    deadline: Deadline | None
    deadline_span: tuple[int, int] | None  # offsets of the deadline phrase in the source
    registry_id: str | None  # "205057" from "Toezegging 205057"


@dataclass(frozen=True)
class _Cue:
    kind: str
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def _cue_set() -> PatternSet:
    return pattern_set(tuple(c.regex for c in _cues()))


@lru_cache(maxsize=1)
def _cues() -> tuple[_Cue, ...]:
    with CUES_CSV.open(encoding="utf-8", newline="") as handle:
        return tuple(
            _Cue(r["kind"], re.compile(r["pattern"], re.IGNORECASE)) for r in csv.DictReader(handle)
        )


_REGISTRY = re.compile(r"\b[Tt]oezegging(?:\s+(?:nr\.?|nummer))?\s+(T?\d{5,6})\b")
_NOW = re.compile(
    r"\b(?:hierbij|bij\s+deze(?=\s*[,.])|(?:met|middels|via|bij)\s+deze\s+brief|in\s+deze\s+brief"
    r"|bijgaand|hiermee"
    # `Bij deze informeer ik u`: `bij deze` before the inverted verb is `hereby`
    r"|bij\s+deze(?=\s+(?:informeer|bericht|stuur|zend|bied|doe|geef|deel|meld|reageer)\b))\b",
    re.IGNORECASE,
)
_FUTURE_WORD = re.compile(
    r"\b(?:nader|later|binnenkort|vervolgens|daarna|zodra|na\s+afronding)\b", re.IGNORECASE
)
_INSIDE_LETTER = re.compile(
    r"\b(?:hieronder|hierna|verderop|in\s+deze\s+brief|in\s+het\s+vervolg)\b", re.IGNORECASE
)
_NEGATION = re.compile(r"\b(?:niet(?!\s+alleen)|geen|nooit)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(
    r"[;:]|\s[–-]\s|,\s+(?=(?:en|maar|terwijl|omdat|zodat|waarbij|waardoor|want|of|bijvoorbeeld|"
    r"zoals|mits|tenzij|nu|waarna|die|dat|wat|waarover|waarop|waarmee|waarin)\b)|\.\s*$"
    r"|\s(?=(?:en|maar)\s+(?:zal|zullen)\b)"  # `Ik deel die zorg en zal …`: a clause of its own
)
_ADDRESSEES = [
    (re.compile(r"\b(?:de\s+)?(?:Eerste\s+Kamer|EK|[Ss]enaat)\b"), "Eerste Kamer"),
    (re.compile(r"\b(?:de\s+)?(?:Tweede\s+Kamer|TK)\b"), "Tweede Kamer"),
    (
        re.compile(r"\b(?:[Uu]w|[Dd]e|[Bb]eide)\s+Kamers?\b|\bhet\s+parlement\b|(?<![\w-])u(?![\w-])"),
        "Kamer",
    ),
]
_ADDRESSEE_WORDS = re.compile(
    r"(?:\b(?:aan|naar)\s+)?(?:\b(?:uw|de|beide)\s+(?:(?:Tweede|Eerste)\s+)?Kamers?(?:\s+der\s+Staten-Generaal)?"
    r"|\bde\s+(?:EK|TK)\b|\bhet\s+parlement\b|(?<![\w-])u(?![\w-]))"
)
_ADVERBS = re.compile(
    r"\b(?:ook|dan\s+ook|dan|vervolgens|graag|tevens|eveneens|nog|daarom|echter|evenwel|bovendien|"
    r"wel|allereerst|eerst|daarbij|dus|verder|hierbij|uiteindelijk|proactief)\b",
    re.IGNORECASE,
)
_ADJUNCT = re.compile(
    r"\b(?:samen\s+met|in\s+overleg\s+met|in\s+samenwerking\s+met|namens)\b.*$", re.IGNORECASE
)
_PREPOSITIONS = {
    "over",
    "op",
    "aan",
    "naar",
    "met",
    "voor",
    "van",
    "in",
    "bij",
    "tot",
    "uit",
    "door",
    "om",
    "tegen",
    "na",
}
_FRONT_OBJECT = re.compile(
    r"^(?:over|op|aan|naar)\b|^(?:de|het|een|dit|deze|die|dat)\s|^(?:hier|daar|waar)\w+$",
    re.IGNORECASE,
)
_DETERMINERS = {
    "de",
    "het",
    "een",
    "deze",
    "die",
    "dit",
    "dat",
    "mijn",
    "uw",
    "onze",
    "ons",
    "hun",
    "zijn",
    "haar",
    "alle",
    "elke",
    "ieder",
    "iedere",
    "geen",
    "enkele",
    "twee",
    "drie",
    "vier",
    "veel",
    "meer",
}
_NOT_VERBS = {
    "alleen",
    "tussen",
    "binnen",
    "buiten",
    "boven",
    "beneden",
    "tegen",
    "even",
    "open",
    "eigen",
    "zeven",
    "negen",
    "tien",
    "heden",
    "verleden",
    "toen",
    "wanneer",
    "indien",
    "nadien",
    "ergens",
    "samen",
    "geleden",
    "mitsdien",
    "volgen",
    "zijn",
    "hebben",
    "worden",
}
_MODALS = {"kunnen", "willen", "moeten", "mogen", "gaan", "zullen"}
_PARTICLES = {"toe", "aan", "terug", "in", "uit", "voor", "mee", "op", "door", "na", "toekomen"}
_IRREGULAR = {
    "ga": "gaan",
    "doe": "doen",
    "sta": "staan",
    "zie": "zien",
    "kom": "komen",
    "ben": "zijn",
    "heb": "hebben",
    "zal": "zullen",
    "wil": "willen",
    "kan": "kunnen",
    "geef": "geven",
    "blijf": "blijven",
    "schrijf": "schrijven",
    "lees": "lezen",
    "verwijs": "verwijzen",
}
_PARTICIPLES = {
    "openbaar gemaakt": "openbaar maken",
    "gepubliceerd": "publiceren",
    "toegestuurd": "toesturen",
    "toegezonden": "toezenden",
    "aangeboden": "aanbieden",
    "verzonden": "verzenden",
    "vastgesteld": "vaststellen",
    "geïnformeerd": "informeren",
    "geinformeerd": "informeren",
    # a product that "follows" at a future time is sent: `De uitkomsten volgen na de zomer.`
    "volgt": "sturen",
    "volgen": "sturen",
    "verschijnt": "publiceren",
    "verschijnen": "publiceren",
}
# What can follow or appear: a document or its findings, not a person or a development.
_FOLLOWING_PRODUCT = re.compile(
    r"(?:uitkomst|resultat|resultaat|bevinding|conclusie|rapport|evaluatie|reactie|brief|"
    r"visie|nota|advies|kader|monitor|onderzoek)",
    re.IGNORECASE,
)
_PROMISORS = [
    (re.compile(r"^(?:het|dit)\s+(?:vorige\s+)?kabinet|^de\s+regering", re.IGNORECASE), "kabinet"),
    (re.compile(r"^de\s+staatssecretaris\s*$", re.IGNORECASE), "staatssecretaris"),
]


def extract_commitments(
    segmented: Segmented, reference: date | None, reference_end: date | None = None
) -> list[CommitmentMention]:
    """Every commitment mention in a segmented letter, in order of appearance; deadlines are
    resolved against the letter's date, `reference` to `reference_end` when it is known only by
    its month."""
    mentions: list[CommitmentMention] = []
    for span in segmented.sentences:
        for part in _parts(segmented.clean, span):
            mentions.extend(_sentence_mentions(segmented, part, reference, reference_end))
    return mentions


# A full stop after a blanked footnote marker or a closing quote ("uitvoert⁴. De", "’. De") is
# not always taken for a sentence end by the segmenter; split there too.
_MISSED_END = re.compile(r"(?<=[\s’”'\")])\.\s+(?=[‘“'\"(]?[A-Z])")


# The letter's place and date (`Den Haag, 20 juni 2025`) closes its heading; where the segmenter
# glued the heading to the first sentence, the sentence starts after it (the letter's own date
# is no deadline of what the sentence says).
_PLACE_AND_DATE = re.compile(
    rf"(?:\bDen\s+Haag,?|['’]s-Gravenhage,?|\b[A-Z][a-z]+,)\s+{DATE_TEXT}\s+(?=[A-Z‘“'\"])"
)


def _parts(clean: str, span: Span) -> list[Span]:
    parts, start = [], span.start
    if heading := _PLACE_AND_DATE.search(clean, span.start, span.end):
        start = heading.end()
    for m in _MISSED_END.finditer(clean, span.start, span.end):
        parts.append(Span(start, m.start() + 1))
        start = m.end()
    parts.append(Span(start, span.end))
    return [p for p in parts if clean[p.start : p.end].strip()]


def _footnotes(seg: Segmented, span: Span) -> str:
    """The bodies of the footnotes marked in the sentence or right after its full stop."""
    bodies = [
        seg.footnotes[m.number].body
        for m in seg.markers
        if span.start <= m.start < span.end + 3 and m.number in seg.footnotes
    ]
    return " ".join(re.sub(r"\s+", " ", body) for body in bodies)


_SPACES = re.compile(r"\s+")  # \s is str.isspace: the text _collapse makes


def _collapse(raw: str, base: int) -> tuple[str, list[int]]:
    """Whitespace-collapsed text and, per character, its offset in the source."""
    chars, offsets = [], []
    for i, ch in enumerate(raw):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        offsets.append(base + i)
    offsets.append(base + len(raw))
    return "".join(chars).strip(), offsets


def _sentence_mentions(
    seg: Segmented, span: Span, reference: date | None, reference_end: date | None = None
) -> list[CommitmentMention]:
    raw = seg.clean[span.start : span.end]
    text = _SPACES.sub(" ", raw).strip()  # as _collapse's text; its offsets only for a mention
    notes = _footnotes(seg, span)
    matches = {kind: [] for kind in ("promise", "reference", "fulfilment", "deferral", "refusal")}
    cues = _cues()
    cue_set = _cue_set()
    for index in cue_set.candidates(text):
        matches[cues[index].kind].extend(cues[index].regex.finditer(text))
    noted = any(
        cues[index].kind == "reference" and cues[index].regex.search(notes)
        for index in cue_set.candidates(notes)
    )
    if not any(matches.values()) and not noted:
        return []
    registry = _REGISTRY.search(text) or _REGISTRY.search(notes)
    registry_id = registry[1] if registry else None
    deadlines = find_deadlines(text, reference, reference_end)

    def mention(kind, promisor, addressee, promise, obj, anchor) -> CommitmentMention:
        deadline, dspan = _nearest_deadline(text, deadlines, anchor, kind)
        offsets = _collapse(raw, span.start)[1] if dspan else None
        source_span = (offsets[dspan[0]], offsets[dspan[1] - 1] + 1) if dspan else None
        return CommitmentMention(
            text,
            span.start,
            span.end,
            kind,
            promisor,
            addressee,
            promise,
            obj,
            deadline,
            source_span,
            registry_id,
        )

    if matches["deferral"]:
        m = matches["deferral"][0]
        promise, obj = _deferred_phrase(text, m)
        promisor = "minister" if re.search(r"\bik\b", text[: m.end() + 8], re.IGNORECASE) else None
        return [mention("deferral", promisor, _addressee(text), promise, obj, m)]
    referenced = bool(matches["reference"]) or noted
    if matches["fulfilment"] or (referenced and _NOW.search(text)):
        m = (matches["fulfilment"] or matches["reference"] or [None])[0]
        promise, obj = _reference_phrase(text, m)
        promisor = "minister" if re.search(r"\bik\b", text, re.IGNORECASE) else None
        return [mention("fulfilment", promisor, _addressee(text), promise, obj, m)]
    promises = []
    seen_verbs: set[int] = set()
    for m in sorted(matches["promise"], key=lambda m: m.start()):
        if _refused(text, m, matches["refusal"]):
            continue
        found = _promise(text, m, deadlines, reference)
        if found and found[4] not in seen_verbs:
            seen_verbs.add(found[4])
            promisor, addressee, promise, obj, _ = found
            promises.append(mention("promise", promisor, addressee, promise, obj, m))
    if promises:
        return promises
    if referenced:
        m = matches["reference"][0] if matches["reference"] else None
        promise, obj = _reference_phrase(text, m)
        return [
            mention("reference", _reference_promisor(text, m), _addressee(text), promise, obj, m)
        ]
    return []


# After a refusal, `maar`, `wel` or a new sentence part opens a promise of its own.
_DESPITE = re.compile(
    r"\b(?:maar|wel|echter|evenwel|daarentegen|desondanks|toch)\b|[;:]|\ben\s+(?=(?:zal|zullen)\b)",
    re.IGNORECASE,
)


def _refused(text: str, cue: re.Match[str], refusals: list[re.Match[str]]) -> bool:
    """A promise cue governed by a refusal before it (`Ik kan niet toezeggen dat ik … zal …`,
    `Ik zie geen aanleiding om … te …`) or in its own clause (`… zeg ik niet toe`)."""
    for refusal in refusals:
        if refusal.end() <= cue.start():
            if not _DESPITE.search(text, refusal.end(), cue.end()):
                return True
        elif refusal.start() >= cue.end():
            if refusal.start() < _clause(text, cue.start(), cue.end())[1]:
                return True
        else:
            return True
    return False


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: from the previous clause boundary to the next."""
    left = 0
    for b in _CLAUSE_END.finditer(text, 0, start):
        left = b.end()
    right = _CLAUSE_END.search(text, end)
    return left, (right.start() if right else len(text))


def _promise(text: str, m: re.Match[str], deadlines, reference: date | None):
    """(promisor, addressee, promise, object, verb offset) for a promise cue, or None."""
    groups = m.groupdict()
    left, right = _clause(text, m.start(), m.end())
    if re.match(r"(?:en|maar)\s", m.group(0), re.IGNORECASE):
        left = m.start()  # `…, maar zal …`: the second clause opens at its conjunction
    clause = text[left:right]
    if _INSIDE_LETTER.search(clause) or (groups.get("fin") and _NOW.search(clause)):
        return None
    subject = groups.get("subj") or ""
    if not subject and not groups.get("kamer") and not groups.get("pp"):
        # "… en verwacht", "…, maar zal": the subject of the first clause goes on
        cabinet = _SENTENCE_SUBJECT.match(text)
        if cabinet and not re.search(r"\bik\b", text[: m.start()], re.IGNORECASE):
            subject = cabinet["subj"]
        elif re.search(r"\bik\b", text[: m.start()], re.IGNORECASE):
            subject = "ik"
        else:
            return None
    future = _has_future(text, left, right, deadlines, reference)
    cue_text = m.group(0).lower()
    if groups.get("pp"):
        return _passive_promise(text, m, left, right, future)
    if groups.get("kamer"):
        return _kamer_promise(text, m, left, right, future, cue_text)
    if groups.get("fin"):
        verb, verb_at, tail_end = _finite_verb(text, m, right)
        content_start, content_end = m.end(), tail_end
        if not future:
            return None
    else:
        te_mode = bool(
            re.search(r"voornemens|van\s+plan|bereid|ernaar|er\s+naar|verwacht|hoop", cue_text)
        )
        search_from = m.end()
        if re.match(r"(?:waar\w*|die|dat|wat|zodat|waarna|hetgeen)\s", cue_text):
            zal = re.compile(r"\bzal\b").search(text, m.end(), right)
            if not zal:
                return None
            search_from = zal.end()
        found = _infinitive(text, search_from, right, te_mode)
        if found is None:
            if re.search(r"\bga\b", cue_text) and future:
                verb, verb_at, tail_end = _finite_verb(text, m, right)
                content_start, content_end = m.end(), tail_end
            else:
                return None
        else:
            verb, verb_at, verb_end, content_end = found
            content_start = m.end()
            if search_from != m.end():  # subordinate: the content stands between ik and zal
                content_end = re.compile(r"\bzal\b").search(text, m.end(), right).start()
            tail = text[verb_end:right]
            if (
                re.search(r"\bwil\b|\bga\b", cue_text)
                and not future
                and not _FUTURE_WORD.search(clause)
            ):
                return None
            verb = verb + _extraposed(tail)
    if _NEGATION.search(text[m.start() : verb_at]):
        return None
    middle = text[content_start:content_end]
    front = text[left : m.start()]
    promise, obj = _verb_phrase(verb, front, middle, text, deadlines, content_start)
    addressee = _addressee(text[left:right])
    return _promisor(subject), addressee, promise, obj, verb_at


# The cabinet as the subject a sentence opens with (`Het kabinet deelt …, maar zal …`).
_SENTENCE_SUBJECT = re.compile(
    r"\s*(?:(?:daarom|ook|wel|tegelijk)\s*,?\s+)?(?P<subj>(?:het|dit)\s+kabinet|de\s+regering)\b",
    re.IGNORECASE,
)


def _has_future(text, left, right, deadlines, reference) -> bool:
    for deadline, s, _ in deadlines:
        in_clause = left <= s < right
        if in_clause and (reference is None or deadline.end is None or deadline.end >= reference):
            return True
    return bool(_FUTURE_WORD.search(text[left:right]))


def _finite_verb(text: str, m: re.Match[str], right: int) -> tuple[str, int, int]:
    """The infinitive of a present-tense cue verb, with its separable particle from the clause end."""
    fin = (m.groupdict().get("fin") or "ga").lower()
    stem = fin[:-1] if fin.endswith("t") and fin not in {"bericht"} else fin
    plural = re.fullmatch(r"wij|we", (m.groupdict().get("subj") or "").strip(), re.IGNORECASE)
    infinitive = fin if plural and fin.endswith("en") else _infinitive_of(stem)  # `wij sturen`
    clause_tail = text[m.end() : right].rstrip(" .,")
    last = re.search(r"(\S+)$", clause_tail)
    if (
        last
        and last[1].lower() in _PARTICLES
        and not _ADDRESSEE_WORDS.search(clause_tail[last.start() - 4 :])
    ):
        particle = last[1].lower()
        infinitive = (
            f"doen {particle}"
            if stem == "doe" and particle == "toekomen"
            else particle + infinitive
        )
        return (
            infinitive,
            m.start("fin") if m.groupdict().get("fin") else m.start(),
            m.end() + last.start(),
        )
    return infinitive, m.start("fin") if m.groupdict().get("fin") else m.start(), right


def _infinitive_of(stem: str) -> str:
    """informeer → informeren, stuur → sturen, leg → leggen, bied → bieden."""
    if stem in _IRREGULAR:
        return _IRREGULAR[stem]
    long_vowel = re.search(r"(aa|ee|oo|uu)([^aeiou])$", stem)
    if long_vowel:
        consonant = {"f": "v", "s": "z"}.get(long_vowel[2], long_vowel[2])
        return stem[: long_vowel.start()] + long_vowel[1][0] + consonant + "en"
    if re.search(r"[^aeiou][aeiou]([bdgklmnprst])$", stem) and not re.search(
        r"(ie|ij|ui|ou|eu|oe|ei)[^aeiou]$", stem
    ):
        return stem + stem[-1] + "en"
    return stem + "en"


_WORD = re.compile(r"[\wÀ-ÿ'’-]+")


def _infinitive(text: str, start: int, right: int, te_mode: bool):
    """(verb phrase, verb offset, verb end, content end) of the infinitive the cue governs."""
    words = list(_WORD.finditer(text, start, right))
    for i, w in enumerate(words):
        word = w[0].lower()
        previous = words[i - 1][0].lower() if i else ""
        if te_mode:
            if word != "te" or i + 1 >= len(words) or not _is_infinitive(words[i + 1][0]):
                continue
            chain = _chain(words, i + 1)
            particle = (
                previous
                if previous in _PARTICLES - {"in", "op", "voor", "na"}
                or previous in {"in", "op"}
                and i >= 1
                and _particle_before_te(words, i)
                else ""
            )
            verb = " ".join(x[0].lower() for x in chain)
            content_end = words[i - 1].start() if particle else w.start()
            return (
                particle + verb,
                (words[i - 1] if particle else w).start(),
                chain[-1].end(),
                content_end,
            )
        if not _is_infinitive(w[0]) or (i == 0 and start == 0):
            continue
        following = words[i + 1][0].lower() if i + 1 < len(words) else ""
        # After a word in -e ("grote gemeenten") an -en word is a noun, unless it closes the
        # clause, as a verb does in Dutch word order ("zal ik een reactie formuleren op …").
        closes = following in _PREPOSITIONS or re.match(r"\s*(?:[.,;:]|$)", text[w.end() : right])
        if previous in _DETERMINERS | _PREPOSITIONS | {"en", "of", "te"} or (
            previous.endswith("e") and previous != "te" and not closes
        ):
            continue
        chain = _chain(words, i)
        return " ".join(x[0].lower() for x in chain), w.start(), chain[-1].end(), w.start()
    return None


def _particle_before_te(words, i: int) -> bool:
    """'in te gaan', 'op te stellen': a particle glued before 'te' (not a preposition with a noun)."""
    return i >= 2 and words[i - 2][0].lower() not in _DETERMINERS


def _is_infinitive(word: str) -> bool:
    lower = word.lower()
    return (
        word[:1].islower()
        and len(lower) >= 4
        and (lower.endswith("en") or lower in {"doen", "gaan", "zien", "staan", "slaan"})
        and lower not in _NOT_VERBS
    )


def _chain(words, i: int):
    """Consecutive infinitives ('kunnen sturen', 'doen toekomen'), modals dropped."""
    chain = [words[i]]
    while len(chain) + i < len(words) and _is_infinitive(words[i + len(chain)][0]):
        chain.append(words[i + len(chain)])
    kept = [w for w in chain if w[0].lower() not in _MODALS]
    return kept or chain[-1:]


def _extraposed(tail: str) -> str:
    """A prepositional object after the verb: 'te sturen op dit ROB-advies'."""
    m = re.match(r"\s+((?:over|op|aan|naar)\s[^,;:]+)", tail)
    return (
        " " + m[1].strip().rstrip(".") if m and not _ADDRESSEE_WORDS.fullmatch(m[1].strip()) else ""
    )


def _strip(part: str, text: str, offset: int, deadlines) -> str:
    """A stretch of the clause without its deadline phrases, addressee, adverbs and adjuncts."""
    pieces, cursor = [], 0
    for _, s, e in deadlines:
        s, e = s - offset, e - offset
        if e <= 0 or s >= len(part):
            continue
        pieces.append(part[cursor : max(s, 0)])
        cursor = max(cursor, e)
    pieces.append(part[cursor:])
    part = " ".join(pieces)
    part = _ADDRESSEE_WORDS.sub(" ", part)
    part = re.sub(r"\b(?:gepland|voorzien|verwacht)\b", " ", part)
    part = _ADJUNCT.sub(" ", part)
    part = _ADVERBS.sub(" ", part)
    part = re.sub(r"\s+([,.])", r"\1", part)
    part = re.sub(r"(?:^|\s)[,–-](?=\s|$)", " ", part)
    part = re.sub(r"^\W+|[\s,.;:–-]+$", "", re.sub(r"\s+", " ", part))
    return part.strip()


def _verb_phrase(verb: str, front: str, middle: str, text: str, deadlines, content_start: int):
    """Order the promise as object + verb + prepositional object; and the object noun phrase."""
    middle = _strip(middle, text, content_start, deadlines)
    front = _strip(front, text, text.find(front) if front else 0, deadlines)
    parts = []
    finite = re.search(
        r"\b(?:wordt|worden|is|zijn|was|heeft|hebben|kan|moet|zal|en)\b", front, re.IGNORECASE
    )
    if front and _FRONT_OBJECT.search(front) and not finite:
        parts.append(front[0].lower() + front[1:])
    parts.append(middle)
    content = " ".join(p for p in parts if p)
    content = re.sub(r"^(?:om|er)\s+", "", content)
    nader = bool(re.search(r"\bnader\b", content))
    content = re.sub(r"\s*\bnader\b\s*", " ", content).strip(" ,")
    content = re.sub(r"\s*,\s*(?:,\s*)+", ", ", content)
    verb = f"nader {verb}" if nader else verb
    r_word = re.search(
        r"\b(hier|daar|er)\s+(?:(.+)\s+)?(over|op|aan|mee|voor|naar|van|bij|in|toe)$", content
    )
    if r_word:
        joined = r_word[1] + r_word[3]
        content = (content[: r_word.start()] + (r_word[2] or "") + " " + joined).strip()
    first = content.split(" ", 1)[0].lower() if content else ""
    if first in _PREPOSITIONS:
        promise = f"{verb} {content}"
        obj = _noun_phrase(content.split(" ", 1)[1] if " " in content else "")
    else:
        promise = f"{content} {verb}".strip()
        obj = _noun_phrase(content)
    return re.sub(r"\s+", " ", promise).strip(), obj


def _noun_phrase(content: str) -> str | None:
    m = re.search(r"\b(?:de|het|een|dit|deze|die|mijn|uw|onze)\s+[^,;:]+", content, re.IGNORECASE)
    if not m:
        return None
    phrase = re.split(
        r"\s(?:die|dat|waarin|waarop|waarmee|waarover|welke|om|zodat|en\s+ik)\s|\s(?:hier|daar)\w+$",
        m[0],
    )[0]
    phrase = (
        re.sub(r"\s+(?:over|op|aan|naar|met|voor|bij)\s.*$", "", phrase)
        if not re.match(r"^\S+\s+\S+\s+van\b", phrase)
        else phrase
    )
    phrase = phrase.strip(" .,")
    return phrase if len(phrase.split()) >= 2 else None


def _passive_promise(text, m, left, right, future):
    """'De eerste rapportage wordt na de zomer van dit jaar openbaar gemaakt.'"""
    if not future:
        return None
    participle = re.sub(r"\s+", " ", m["pp"].lower())
    verb = _PARTICIPLES.get(participle, participle)
    subject = _strip(text[left : m.start()], text, left, [])
    obj = _noun_phrase(subject)
    following = participle in ("volgt", "volgen", "verschijnt", "verschijnen")
    if obj is not None and following and not _FOLLOWING_PRODUCT.search(obj):
        return None  # `Het kabinet volgt de ontwikkelingen`: no product follows
    if obj is None or re.search(r"\bdoor\s+(?:het|de)\s", text[m.end() : right]):
        return None  # an agent other than the writer: "… wordt door het PBL onderzocht"
    addressee = _addressee(text[left:right])
    return None, addressee, f"{obj[0].lower()}{obj[1:]} {verb}", obj, m.start("pp")


def _kamer_promise(text, m, left, right, future, cue_text):
    """'ontvangt uw Kamer voor de zomer de evaluatie'; 'wordt uw Kamer … geïnformeerd'; with
    `zal`/`zult` the future is in the verb (`De Kamer zal … worden geïnformeerd`, `U zult deze
    informatie … ontvangen`), without it a time must say so."""
    if not future and not re.search(r"\b(?:zal|zullen|zult)\b", cue_text, re.IGNORECASE):
        return None
    addressee = _addressee(m["kamer"]) or ("Kamer" if m["kamer"] == "U" else None)  # `U zult …`
    if "ontvangt" in cue_text or cue_text.endswith("zult"):
        rest = _strip(text[m.end() : right], text, m.end(), [])
        front = _strip(text[left : m.start()], text, left, [])
        obj = _noun_phrase(front) or _noun_phrase(rest)
        return None, addressee, f"{obj} sturen" if obj else "sturen", obj, m.start()
    rest = text[m.end() : right]
    informed = re.search(r"\bge[ïi]nformeerd\b", rest)
    about = re.search(
        r"\bover\s+([^,;:]+?)(?=\s+ge[ïi]nformeerd|$)",
        rest[: informed.start()] if informed else rest,
    )
    about = about or re.search(r"\bover\s+([^,;:]+)", rest[informed.end() :] if informed else "")
    obj = _noun_phrase(about[1]) if about else None
    return None, addressee, f"informeren over {obj}" if obj else "informeren", obj, m.start()


def _deferred_phrase(text: str, m: re.Match[str]) -> tuple[str, str | None]:
    """What is left to the next cabinet: 'om het beleidskader vast te stellen' → 'het beleidskader vaststellen'."""
    rest = re.sub(r"\bte\s+zijner\s+tijd\b", " ", text[m.end() :])
    om = re.search(r"\bom\s+(.+?)\bte\s+(\w+)", rest)
    if om:
        content = re.sub(r"\s+(toe|aan|vast|in|op|uit|terug|mee)\s*$", "", om[1])
        particle = re.search(r"\s(toe|aan|vast|in|op|uit|terug|mee)\s*$", om[1])
        verb = (particle[1] if particle else "") + om[2]
        content = _ADDRESSEE_WORDS.sub(" ", content)
        content = re.sub(r"\b(?:te\s+zijner\s+tijd|nader|daarover|hierover)\b", " ", content)
        content = re.sub(r"\s+", " ", content).strip(" ,")
        return f"{content} {verb}".strip(), _noun_phrase(content)
    found = _infinitive(text, m.end(), len(text), te_mode=False)
    if found:  # "Ik vertrouw erop dat mijn ambtsopvolger uw Kamer … nader zal informeren"
        verb, _, _, content_end = found
        content = re.sub(r"\b(?:zal|zullen)\b", " ", text[m.end() : content_end])
        return _verb_phrase(verb, "", content, text, [], m.end())
    left, _ = _clause(text, m.start(), m.end())
    before = _ADVERBS.sub(" ", text[left : m.start()])
    nps = list(
        re.finditer(
            r"\b(?:de|het|die|dit|deze|een)\s+[^\W\d][\w-]*(?:\s+(?:van|voor|op)\s+(?:de|het)\s+[\w-]+)*",
            before,
            re.IGNORECASE,
        )
    )
    if re.match(r"(?:input|bouwstenen|inbreng)", m.group(0), re.IGNORECASE) and nps:
        obj = nps[0][0]
    else:
        obj = nps[-1][0] if nps else None
    obj = re.sub(r"\s+", " ", obj).strip() if obj else None
    return (
        f"{obj} overlaten aan een volgend kabinet" if obj else "overlaten aan een volgend kabinet"
    ), obj


def _reference_phrase(text: str, m: re.Match[str] | None) -> tuple[str, str | None]:
    """The earlier promise a reference names: 'toegezegd jaarlijks te informeren over de voortgang'."""
    named = re.search(
        r"\btoezegging\s+(?:om|van|tot)\s+(.+?)(?=\s+te\s+\w+en\b|,|\.|$)", text, re.IGNORECASE
    )
    if named:
        return re.sub(r"^te\s+|\s+te\s+(\w+en)$", r" \1", named[1]).strip(), None
    if m is not None:
        after = text[m.end() :]
        te = re.match(r"\s*(.*?)\bte\s+(\w+en)\b(.*)", after)
        if te and len(te[1].split()) <= 10:
            content = _ADDRESSEE_WORDS.sub(" ", te[1])
            content = re.sub(
                r"\b(?:jaarlijks|halfjaarlijks|elk\s+jaar|ieder\s+jaar)\b", " ", content
            )
            content = re.sub(r"\s+", " ", content).strip(" ,")
            tail = re.match(r"\s*((?:over|op|aan|naar)\s[^,;:.]+)", te[3])
            verb = te[2] + (" " + tail[1].strip() if tail else "")
            return f"{content} {verb}".strip(), _noun_phrase(content) or _noun_phrase(
                tail[1] if tail else ""
            )
    clause = text if m is None else text[: m.start()] + text[m.end() :]
    clause = re.sub(r"^[\W\d]+|(?:\s*,\s*)+(?=[,.]|$)", "", clause).strip(" ,.")
    return re.sub(r"\s*,\s*,\s*", ", ", clause), None


def _reference_promisor(text: str, m: re.Match[str] | None) -> str | None:
    window = text[max(0, (m.start() if m else 0) - 60) : (m.end() if m else len(text))]
    if re.search(r"\bkabinet\b", window):
        return "kabinet"
    if re.search(r"\b(?:ik|mijn)\b", window, re.IGNORECASE):
        return "minister"
    return None


def _addressee(text: str) -> str | None:
    for regex, name in _ADDRESSEES:
        if regex.search(text):
            return name
    return None


def _promisor(subject: str) -> str | None:
    subject = re.sub(r"\s+", " ", subject.strip())
    if subject.lower() == "ik" or re.fullmatch(r"wij|we|.+\sen\s+ik", subject, re.IGNORECASE):
        return "minister"  # the writer, or the writers of a letter signed by two
    for regex, name in _PROMISORS:
        if regex.search(subject):
            return name
    if re.match(r"^de\s+(?:minister|staatssecretaris)\s+van\s", subject, re.IGNORECASE):
        return subject[3:]
    return None


def _nearest_deadline(text, deadlines, anchor, kind):
    """The deadline in the cue's clause nearest to the cue (None when the clause has none)."""
    if not deadlines:
        return None, None
    if anchor is None:
        deadline, s, e = deadlines[0]
        return deadline, (s, e)
    left, right = _clause(text, anchor.start(), anchor.end())
    if kind in ("reference", "fulfilment", "deferral"):
        left, right = 0, len(text)
    inside = [(d, s, e) for d, s, e in deadlines if left <= s < right]
    if not inside:
        return None, None
    deadline, s, e = min(
        inside, key=lambda d: min(abs(d[1] - anchor.end()), abs(d[2] - anchor.start()))
    )
    return deadline, (s, e)
