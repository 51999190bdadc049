"""Match the register's toezeggingen to the commitments extracted from the letters: the same
promise when the dossier fits (the letter's own dossier, or one the passage itself names), the letter falls in the register entry's time window, the
promisor is the same bewindspersoon and the content words agree; the register's fulfilling
letter (kamerbriefNakoming) counts for a pair when the extracted commitment has a step in it.
Each pair gets a confidence and the evidence it rests on; every entry and every commitment is
in at most one pair (the most confident first)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bestuursgraaf.graph.namespaces import BG
from bestuursgraaf.graph.sources.tk_register import RegisterEntry
from bestuursgraaf.graph.trace import tokens
from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

# Words every register entry and promise has ("de minister informeert de Kamer"): no evidence
# that two texts are the same promise.
_GENRE_WORDS = frozenset(
    ["minister", "staatssecretaris", "kabinet", "kamer", "ik", "zal", "zullen", "wordt", "worden", "toe", "zegt", "informeert", "informeer", "informeren", "stuurt", "stuur", "sturen", "streeft", "streef", "ernaar"]
)
STEM = 6  # Dutch inflection and compounding: words compared by their first six letters
WINDOW_DAYS = 366  # a letter and a register entry about the same promise lie within a year
WEIGHTS = {"text": 0.6, "promisor": 0.15, "window": 0.15, "letter": 0.1}
MIN_TEXT = 0.2
MIN_CONFIDENCE = 0.45


@dataclass(frozen=True)
class ExtractedCommitment:
    node: URIRef
    text: str  # the passage's quote
    document: URIRef | None
    letter_date: str | None  # YYYY-MM-DD or a prefix (YYYY-MM, YYYY)
    promisor: str | None  # the person's label: "Hanke Bruins Slot"
    dossiers: frozenset[str]  # of the letter: its own kst, the Kamerstukken it is an annex of or cites
    step_kst: frozenset[str]  # kst ids of the documents with a step of it (promise, fulfilment, …)
    own_dossiers: frozenset[str] = frozenset()  # of the letter's own kst (or what it is an annex of)


@dataclass(frozen=True)
class RegisterMatch:
    entry: RegisterEntry
    commitment: ExtractedCommitment
    confidence: float
    text_similarity: float
    evidence: tuple[str, ...]  # "content words 0.52", "same promisor", "within a year", "fulfilling letter"

    @property
    def method(self) -> str:
        return "automatic: " + ", ".join(self.evidence)


def content_stems(text: str) -> frozenset[str]:
    return frozenset(
        t[:STEM] for t in tokens(text) if t not in _GENRE_WORDS and not t.isdigit() and len(t) > 2
    )


def text_similarity(a: str, b: str) -> float:
    """Dice coefficient of the two texts' content-word stems."""
    x, y = content_stems(a), content_stems(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _kst_of(node: object) -> str | None:
    m = re.search(r"/kamerstuk/(kst-[0-9A-Za-z-]+)$", str(node))
    return m[1] if m else None


def _dossier_of(kst: str) -> str:
    return kst[4:].rsplit("-", 1)[0]


def _letter_kst(dataset: Dataset, document: URIRef) -> set[str]:
    found = {_kst_of(o) for o in dataset.objects(document, BG.publishedAs)}
    found |= {_kst_of(o) for o in dataset.objects(document, BG.annexOf)}
    return {k for k in found if k}


def extracted_commitments(dataset: Dataset) -> list[ExtractedCommitment]:
    """The commitments the letters make (bg:Commitment with a bg:madeIn and a quoted passage)."""
    found = []
    for node in sorted(set(dataset.subjects(RDF.type, BG.Commitment))):
        document = next(iter(dataset.objects(node, BG.madeIn)), None)
        passage = next(iter(dataset.objects(node, BG.evidence)), None)
        quote = next(iter(dataset.objects(passage, BG.quote)), None) if passage else None
        if document is None or quote is None:
            continue
        promisor = next(iter(dataset.objects(node, BG.promisor)), None)
        label = next(iter(dataset.objects(promisor, RDFS.label)), None) if promisor else None
        own = _letter_kst(dataset, document)
        cited = {k for k in map(_kst_of, dataset.objects(document, BG.cites)) if k}
        steps = set()
        for step in dataset.subjects(BG.stepOf, node):
            for step_document in dataset.objects(step, BG.stepDocument):
                steps |= _letter_kst(dataset, step_document)
        day = next(iter(dataset.objects(document, DCTERMS.date)), None)
        found.append(ExtractedCommitment(
            node, str(quote), document, str(day) if day is not None else None,
            str(label) if label is not None else None,
            frozenset(_dossier_of(k) for k in own | cited), frozenset(steps | own),
            frozenset(_dossier_of(k) for k in own),
        ))
    return found


def _day(text: str | None) -> date | None:
    if not text:
        return None
    parts = (text.split("-") + ["01", "01"])[:3]
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def _surname(register_name: str | None) -> str | None:
    """'Bruins Slot, H.G.J.' -> 'bruins slot'."""
    return register_name.split(",")[0].strip().lower() if register_name else None


def names_dossier(text: str, dossier: str) -> bool:
    """Whether a text names a Kamerstukdossier: '33047', '33 047', '36 600 VII', 'Kamerstuk 36600-VII'."""
    number, _, suffix = dossier.partition("-")
    if not number.isdigit():
        return False
    digits = rf"{number[:-3]}\s?{number[-3:]}" if len(number) > 3 else number
    tail = rf"[\s,-]*{re.escape(suffix)}\b" if suffix else r"(?![\s-]*[A-Z]{1,4}\b)"
    return re.search(rf"(?<![\d.]){digits}(?![\d.]){tail}", text) is not None


def dossier_fits(entry: RegisterEntry, commitment: ExtractedCommitment) -> bool:
    """The register entry's dossier is the letter's own (else, for a letter without its own kst, one
    it cites), or the passage or the register text names the other's dossier. An entry or a letter
    of no known dossier is not of another dossier."""
    letter = commitment.own_dossiers or commitment.dossiers
    if not entry.dossiers or not letter or set(entry.dossiers) & letter:
        return True
    return any(names_dossier(commitment.text, d) for d in entry.dossiers) or any(
        names_dossier(entry.text, d) for d in letter
    )


def score(entry: RegisterEntry, commitment: ExtractedCommitment) -> RegisterMatch | None:
    """The pair's confidence and evidence, or None when it cannot be the same promise."""
    if not dossier_fits(entry, commitment):
        return None
    similarity = text_similarity(entry.text, commitment.text)
    if similarity < MIN_TEXT:
        return None
    evidence = [f"content words {similarity:.2f}"]
    parts = {"text": similarity, "promisor": 0.5, "window": 0.5, "letter": 0.0}
    surname = entry.family_name or _surname(entry.promisor)
    if surname and commitment.promisor:
        same = surname in commitment.promisor.lower()
        parts["promisor"] = 1.0 if same else 0.0
        evidence.append("same promisor" if same else "another promisor")
    made, written = _day(entry.created), _day(commitment.letter_date)
    if made and written:
        within = abs((made - written).days) <= WINDOW_DAYS
        parts["window"] = 1.0 if within else 0.0
        evidence.append("within a year" if within else "more than a year apart")
    if any(letter.kst_id in commitment.step_kst for letter in entry.letters if letter.kst_id):
        parts["letter"] = 1.0
        evidence.append("fulfilling letter")
    confidence = sum(WEIGHTS[k] * v for k, v in parts.items())
    if confidence < MIN_CONFIDENCE:
        return None
    return RegisterMatch(entry, commitment, round(confidence, 3), round(similarity, 3), tuple(evidence))


def match_register(entries: list[RegisterEntry], commitments: list[ExtractedCommitment]) -> list[RegisterMatch]:
    """One-to-one pairs, the most confident first (ties by register number and commitment IRI)."""
    candidates = [m for e in entries for c in commitments if (m := score(e, c))]
    candidates.sort(key=lambda m: (-m.confidence, m.entry.number or m.entry.entry_id, str(m.commitment.node)))
    taken_entries: set[str] = set()
    taken_commitments: set[URIRef] = set()
    matches = []
    for m in candidates:
        if m.entry.entry_id in taken_entries or m.commitment.node in taken_commitments:
            continue
        taken_entries.add(m.entry.entry_id)
        taken_commitments.add(m.commitment.node)
        matches.append(m)
    return sorted(matches, key=lambda m: m.entry.number or m.entry.entry_id)
