"""Score the graph's named queries against the hand-annotated reference in tests/reference/.

Usage: ``python -m evaluation.evaluate [--graph PATH | --corpus DIR] [--reference DIR] [--floor FILE]
[--json] [--strict]``, or ``python -m evaluation.evaluate --set real`` for the real evaluation set of
tests/realset/ (see `evaluate_realset`), or ``--set register`` for the matching of the Tweede Kamer's
register of toezeggingen with the letters' commitments (evaluation/register.py). The graph is built from the corpus (default: the bundled one) or loaded from
a built ``.nq``; each category's named query is run and its rows compared, per document, with the
reference files (one ``<file stem>.json`` per document; see tests/reference/README.md).

Matching, per document (a document IRI ends in ``/doc/<file stem>``):

- citations: a multiset of keys, the kst id of each citation occurrence, or its raw text
  normalised (case, diacritics, punctuation and spacing folded) when it has none. True
  positives are the size of the multiset intersection.
- motions: a prediction matches a reference motion when both have a kst id and the ids are
  equal; otherwise when their sets of submitter surnames (parsed from the label, e.g.
  ``motie-Van Dijk/Grinwis``, else from the ``submitters`` column) agree; a motion named by
  neither (``een motie van een EK-lid``) only by its normalised label.
- motion_relations: (motion, relation) pairs; motions compared as above (the motion's label
  is looked up in the ``motions`` query), relations by local name (``fulfils``,
  ``takesIntoAccount``, ``respondsTo``).
- fulfils: the motion_relations pairs whose relation is ``fulfils``, on both sides (a letter
  that carries out a motion is the link the issue's target names); annotated wherever
  motion_relations is.
- cross_letter_links: pairs of documents linked through a motion both name (see
  `score_cross_letter_links`); the reference follows from the motions annotated per document.
- organisations, government_layers, regional_collaborations, laws, persons, advisory_reports:
  predictions are grouped by ``id``; one matches a reference entry when one of its labels,
  normalised, equals the entry's label or an alias, or when the id's last segment ends with the
  slug of the label or an alias.
- actions: a predicted title matches a reference action when it contains every reference
  keyword (substring match after normalising; ``a|b`` means either).
- commitments (reference: tests/reference/commitments.json, entries of kind ``promise`` only;
  deferrals, references and fulfilments are not commitments, and a prediction of one is a false
  positive): a prediction matches a promise of the same document when the first 8 words of the
  normalised reference quote occur, as whole words, in the normalised predicted ``text``, or the
  first 8 words of the predicted text occur in the quote. One commitment is one ``commitment``
  id. Not scored but reported with --details: how many matched promises have the reference's
  deadline interval (``deadline`` "start/end", or "start" for an open end).
- action_links (reference: tests/reference/action_links.json): scored as pairs of letters. An
  entry with documents [d1, ..., dn] (date order) implies the pairs (d1, d2), (d2, d3), ...; a
  predicted link matches a pair when its two documents are the pair's (either direction) and
  both titles contain the entry's keywords. A correct link between non-consecutive letters of an
  entry (it skips one) is not a false positive: it counts for precision, while the pairs it
  skips stay missed unless other links match them.

Each reference entry matches at most one prediction and each prediction at most one entry (a
maximum bipartite matching). A prediction that could match an entry already taken by another
prediction is the same thing counted twice, not a false positive: it is left out of the counts
(motions, relations and entities alike; citations are a multiset, so a repeat there counts).
Only documents with a reference file are scored; rows of other documents are ignored (a link
only when both its documents have one). A reference file may list the categories it annotates
(``categories``); a category it does not list is not scored on that document, and a category no
document annotates is reported as "not available". A category whose query does not exist or fails
is reported as "not available" too.

``--set real`` builds the documents of tests/realset/docs/ into a graph of their own (in memory,
nothing is written) and scores them against tests/realset/reference/, its tuning part and its
held-aside part (tests/realset/heldout.txt) separately, beside the five seeds; it prints every
false positive and negative of both parts and holds them to tests/reference/realset_ci_floor.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bestuursgraaf.graph.store.base import QueryResult

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "tests" / "reference"
DEFAULT_FLOOR = REFERENCE_DIR / "floor.json"
REALSET_DIR = REFERENCE_DIR.parent / "realset"
REALSET_FLOOR = REFERENCE_DIR / "realset_ci_floor.json"

ENTITY_QUERIES = {
    "organisations": "organisations",
    "government_layers": "government-layers",
    "regional_collaborations": "regional-collaborations",
    "laws": "laws",
    "persons": "persons",
    "advisory_reports": "advisory-reports",
}
CATEGORIES = [
    "citations",
    "motions",
    "motion_relations",
    "fulfils",
    "cross_letter_links",
    *ENTITY_QUERIES,
    "actions",
    "commitments",
    "action_links",
]
QUERIES_OF = {
    "citations": ["citations"],
    "motions": ["motions"],
    "motion_relations": ["motions-by-action", "motions"],
    "fulfils": ["motions-by-action", "motions"],
    "cross_letter_links": ["motions"],
    **{category: [name] for category, name in ENTITY_QUERIES.items()},
    "actions": ["actions"],
    "commitments": ["commitments"],
    "action_links": ["action-links"],
}
# A category scored on a subset of another's annotation: (the annotated category, the relation).
SUBSET_OF = {"fulfils": ("motion_relations", "fulfils")}
# A category whose reference follows from another's annotation, annotated where that one is.
DERIVED_FROM = {
    **{k: whole for k, (whole, _) in SUBSET_OF.items()},
    "cross_letter_links": "motions",
}
# Annotations that span documents, kept in one file each and handed to every document they name.
COMMITMENTS_FILE = "commitments.json"
ACTION_LINKS_FILE = "action_links.json"
QUOTE_WORDS = 8  # a commitment matches on the first words of its sentence


@dataclass
class Score:
    """True/false positives and false negatives of one category, or why it has none."""

    category: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    available: bool = True
    reason: str = ""
    false_positives: list[str] = field(default_factory=list)  # "doc: prediction", for --details
    false_negatives: list[str] = field(default_factory=list)  # "doc: reference entry"
    # Correct predictions that match no reference unit of their own (a link that skips a letter):
    # they count for precision only.
    also_correct: int = 0
    extra: dict[str, str] = field(default_factory=dict)  # reported with --details, not scored
    notes: list[str] = field(default_factory=list)  # lines for --details, e.g. a wrong deadline

    @property
    def precision(self) -> float:
        right = self.tp + self.also_correct
        return right / (right + self.fp) if right + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def as_dict(self) -> dict:
        data = asdict(self)
        if self.available:
            data.update(precision=self.precision, recall=self.recall, f1=self.f1)
        return data


# --- normalising -------------------------------------------------------------------------------


def normalise(text: str | None) -> str:
    """Lower case, diacritics dropped, punctuation to spaces, spacing collapsed."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


def slug(text: str) -> str:
    return normalise(text).replace(" ", "-")


def document_stem(iri: str | None) -> str:
    """The file stem of a document IRI (``.../doc/<stem>``); the text itself if it has no /doc/."""
    text = (iri or "").strip().strip("<>")
    return text.rsplit("/doc/", 1)[-1].split("/")[0].split("#")[0]


def local_name(iri: str | None) -> str:
    return re.split(r"[/#:]", (iri or "").strip().strip("<>"))[-1]


# Case-sensitive on purpose: the preposition is "van", a surname particle is "Van" (motie-Van Dijk).
_MOTION_PREFIX = re.compile(
    r"^(?:[Dd]e |[Ee]en )?(?:gewijzigde )?[Mm]oties?[- ]*(?:van )?(?:(?:de )?leden |(?:het )?lid[- ])?"
)


# A motion named by its chamber, its subject or its occasion ("motie over X", "motie bij het
# debat over Y") has no submitters in its label.
_UNNAMED_MOTION = re.compile(
    r"^[Mm]otie (?:van (?:een|het|de) (?:EK-lid|TK-lid|Kamerlid|lid van de|Eerste|Tweede)"
    r"|(?:over|bij|inzake|betreffende|aangaande) )"
)


def surnames(text: str | None) -> frozenset[str]:
    """Submitter surnames of a motion label or submitter list: ``motie-Van Dijk/Grinwis``."""
    if not text:
        return frozenset()
    body = _MOTION_PREFIX.sub("", text.strip())
    body = re.sub(r"\([^)]*\)", " ", body)
    names = re.split(r"\s*(?:/|;|,|&|\ben\b)\s*", body)
    return frozenset(normalise(name) for name in names if normalise(name))


def _surnames_agree(reference: frozenset[str], predicted: frozenset[str]) -> bool:
    """Each reference surname ends one predicted name ("inge van dijk" has "van dijk")."""
    if not reference or len(reference) != len(predicted):
        return False
    return all(any(name == s or name.endswith(" " + s) for name in predicted) for s in reference)


# --- matching ----------------------------------------------------------------------------------


def max_matching(
    n_pred: int, n_ref: int, compatible: Callable[[int, int], bool]
) -> tuple[int, int]:
    """(matched pairs, predictions compatible only with references taken by others)."""
    owner, edges = _matching(n_pred, n_ref, compatible)
    taken = set(owner.values())
    duplicates = sum(1 for p in range(n_pred) if p not in taken and edges[p])
    return len(owner), duplicates


def _matching(
    n_pred: int, n_ref: int, compatible: Callable[[int, int], bool]
) -> tuple[dict[int, int], list[list[int]]]:
    """A maximum bipartite matching: reference index -> prediction index, and the edges."""
    edges = [[r for r in range(n_ref) if compatible(p, r)] for p in range(n_pred)]
    owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for r in edges[p]:
            if r not in seen:
                seen.add(r)
                if r not in owner or augment(owner[r], seen):
                    owner[r] = p
                    return True
        return False

    for p in range(n_pred):
        augment(p, set())
    return owner, edges


def _describe(item) -> str:
    if isinstance(item, MotionKey):
        return item.kst or item.label or "/".join(sorted(item.names))
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], set):
        return " | ".join(sorted(item[1])) or str(item[0])  # an entity: its labels, else its id
    if isinstance(item, tuple):
        return " ".join(_describe(part) for part in item)
    if isinstance(item, dict):
        return str(
            item.get("label") or item.get("title") or item.get("raw") or item.get("motion") or item
        )
    return str(item)


def score_matching(category: str, per_doc: Iterable[tuple]) -> Score:
    """Sum a bipartite matching over documents: (predictions, references, compatible[, doc])."""
    score = Score(category)
    for entry in per_doc:
        predictions, references, compatible = entry[:3]
        doc = entry[3] if len(entry) > 3 else ""
        owner, edges = _matching(len(predictions), len(references), compatible)
        taken = set(owner.values())
        duplicates = sum(1 for p in range(len(predictions)) if p not in taken and edges[p])
        matched = len(owner)
        score.add(matched, len(predictions) - matched - duplicates, len(references) - matched)
        score.false_positives += [
            f"{doc}: {_describe(predictions[p])}"
            for p in range(len(predictions))
            if p not in taken and not edges[p]
        ]
        score.false_negatives += [
            f"{doc}: {_describe(references[r])}" for r in range(len(references)) if r not in owner
        ]
    return score


def _docs(reference: dict[str, dict]) -> list[str]:
    """Documents in the reference; predictions for other documents are not scored."""
    return sorted(reference)


# --- categories --------------------------------------------------------------------------------


def citation_key(kamerstuk: str | None, raw: str | None) -> str:
    return kamerstuk.strip() if kamerstuk else "raw:" + normalise(raw)


def score_citations(result: QueryResult, reference: dict[str, dict]) -> Score:
    predicted: dict[str, Counter] = {}
    for row in result.rows:
        key = citation_key(row.get("kamerstuk"), row.get("raw"))
        predicted.setdefault(document_stem(row.get("document")), Counter())[key] += 1
    score = Score("citations")
    for doc in _docs(reference):
        expected = Counter(
            citation_key(c.get("kamerstuk"), c.get("raw")) for c in reference[doc]["citations"]
        )
        got = predicted.get(doc, Counter())
        tp = sum((expected & got).values())
        score.add(tp, sum(got.values()) - tp, sum(expected.values()) - tp)
        score.false_positives += [f"{doc}: {key}" for key in (got - expected).elements()]
        score.false_negatives += [f"{doc}: {key}" for key in (expected - got).elements()]
    return score


@dataclass(frozen=True)
class MotionKey:
    kst: str | None
    names: frozenset[str]
    label: str

    def agrees(self, other: MotionKey) -> bool:
        if self.kst and other.kst:
            return self.kst == other.kst
        if self.names and other.names:
            return _surnames_agree(self.names, other.names)
        return not self.names and not other.names and self.label == other.label


def predicted_motion_key(
    motion: str | None, label: str | None, submitters: str | None
) -> MotionKey:
    kst = motion if motion and motion.startswith("kst-") else None
    # A motion named only by the house of its submitter ("motie van een EK-lid") has no names.
    unnamed = bool(_UNNAMED_MOTION.match(label or ""))
    names = surnames(submitters) or (frozenset() if unnamed else surnames(label))
    return MotionKey(kst, names, normalise(label))


def reference_motion_key(entry: dict) -> MotionKey:
    if "submitters" in entry:
        names = frozenset(normalise(s) for s in entry["submitters"])
    else:
        names = surnames(entry["label"])
    return MotionKey(entry.get("kamerstuk"), names, normalise(entry["label"]))


def _motion_rows_by_doc(result: QueryResult) -> dict[str, list[MotionKey]]:
    by_doc: dict[str, list[MotionKey]] = {}
    for row in result.rows:
        key = predicted_motion_key(row.get("motion"), row.get("label"), row.get("submitters"))
        for document in (row.get("documents") or "").split():
            by_doc.setdefault(document_stem(document), []).append(key)
    return by_doc


def score_motions(result: QueryResult, reference: dict[str, dict]) -> Score:
    by_doc = _motion_rows_by_doc(result)

    def per_doc():
        for doc in _docs(reference):
            predictions = by_doc.get(doc, [])
            references = [reference_motion_key(m) for m in reference[doc]["motions"]]
            yield (
                predictions,
                references,
                lambda p, r, P=predictions, R=references: R[r].agrees(P[p]),
                doc,
            )

    return score_matching("motions", per_doc())


def score_motion_relations(
    relations: QueryResult,
    motions: QueryResult | None,
    reference: dict[str, dict],
    only: str | None = None,
) -> Score:
    """(motion, relation) pairs; with ``only`` (a relation's local name, lower case), just the
    pairs of that relation on both sides (the ``fulfils`` category)."""
    labels = {row.get("motion"): row for row in (motions.rows if motions else [])}
    by_doc: dict[str, list[tuple[MotionKey, str]]] = {}
    for row in relations.rows:
        motion = row.get("motion")
        known = labels.get(motion, {})
        key = predicted_motion_key(motion, known.get("label"), known.get("submitters"))
        pair = (key, local_name(row.get("relation")).lower())
        if only and pair[1] != only:
            continue
        if pair not in by_doc.setdefault(document_stem(row.get("document")), []):
            by_doc[document_stem(row.get("document"))].append(pair)

    def reference_pairs(doc: str) -> list[tuple[MotionKey, str]]:
        motions_here = reference[doc]["motions"]
        pairs = []
        for rel in reference[doc]["motion_relations"]:
            if only and rel["relation"].lower() != only:
                continue
            entry = next(
                (m for m in motions_here if rel["motion"] in (m.get("kamerstuk"), m["label"])),
                {
                    "label": rel["motion"],
                    "kamerstuk": rel["motion"] if rel["motion"].startswith("kst-") else None,
                },
            )
            pairs.append((reference_motion_key(entry), rel["relation"].lower()))
        return pairs

    def per_doc():
        for doc in _docs(reference):
            predictions, references = by_doc.get(doc, []), reference_pairs(doc)
            yield (
                predictions,
                references,
                lambda p, r, P=predictions, R=references: (
                    R[r][1] == P[p][1] and R[r][0].agrees(P[p][0])
                ),
                doc,
            )

    return score_matching(only or "motion_relations", per_doc())


def score_cross_letter_links(motions: QueryResult, reference: dict[str, dict]) -> Score:
    """Pairs of documents linked through one motion that both name. Predicted: a motion node
    named in two (or more) scored documents links each pair of them. Reference: a motion annotated
    in two documents (the same kst id, else the same submitters, else the same label) links them.
    A prediction matches a reference link of the same pair whose motion agrees."""
    docs = sorted(reference)
    predicted: list[tuple[tuple[str, str], MotionKey]] = []
    for row in motions.rows:
        key = predicted_motion_key(row.get("motion"), row.get("label"), row.get("submitters"))
        named = sorted({document_stem(d) for d in (row.get("documents") or "").split()} & set(docs))
        predicted += [((a, b), key) for i, a in enumerate(named) for b in named[i + 1 :]]
    expected: list[tuple[tuple[str, str], MotionKey]] = []
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            for entry in reference[a]["motions"]:
                key = reference_motion_key(entry)
                if any(key.agrees(reference_motion_key(e)) for e in reference[b]["motions"]):
                    expected.append(((a, b), key))
    if not predicted and not expected:
        return Score(
            "cross_letter_links", available=False, reason="no two documents here name one motion"
        )
    return score_matching(
        "cross_letter_links",
        [
            (
                predicted,
                expected,
                lambda p, r: (
                    predicted[p][0] == expected[r][0] and expected[r][1].agrees(predicted[p][1])
                ),
                "",
            )
        ],
    )


def _entity_matches(prediction: tuple[str, set[str]], entry: dict) -> bool:
    identifier, labels = prediction
    names = [entry["label"], *(entry.get("aliases") or [])]
    if {normalise(n) for n in names} & {normalise(label) for label in labels}:
        return True
    last = slug(re.split(r"[/#]", identifier.rstrip("/"))[-1])
    return any(s and (last == s or last.endswith("-" + s)) for s in (slug(n) for n in names))


def score_entities(category: str, result: QueryResult, reference: dict[str, dict]) -> Score:
    by_doc: dict[str, dict[str, set[str]]] = {}
    for row in result.rows:
        ids = by_doc.setdefault(document_stem(row.get("document")), {})
        identifier = row.get("id") or row.get("label") or ""
        labels = ids.setdefault(identifier, set())
        if row.get("label"):
            labels.add(row["label"])

    def per_doc():
        for doc in _docs(reference):
            predictions = sorted(by_doc.get(doc, {}).items())
            references = reference[doc][category]
            yield (
                predictions,
                references,
                lambda p, r, P=predictions, R=references: _entity_matches(P[p], R[r]),
                doc,
            )

    return score_matching(category, per_doc())


def title_matches(title: str | None, keywords: list[str]) -> bool:
    text = normalise(title)
    return all(any(normalise(alt) in text for alt in keyword.split("|")) for keyword in keywords)


def score_actions(result: QueryResult, reference: dict[str, dict]) -> Score:
    by_doc: dict[str, dict[str, str]] = {}
    for row in result.rows:
        actions = by_doc.setdefault(document_stem(row.get("document")), {})
        actions.setdefault(row.get("action") or row.get("title") or "", row.get("title") or "")

    def per_doc():
        for doc in _docs(reference):
            predictions = sorted(by_doc.get(doc, {}).values())
            references = reference[doc]["actions"]
            yield (
                predictions,
                references,
                lambda p, r, P=predictions, R=references: title_matches(P[p], R[r]["keywords"]),
                doc,
            )

    return score_matching("actions", per_doc())


def quote_overlaps(quote: str | None, text: str | None, words: int = QUOTE_WORDS) -> bool:
    """The quote's first words occur in the text as whole words, or the text's first words in
    the quote (when the text has as many words as are compared)."""
    q, t = normalise(quote).split(), normalise(text).split()
    if not q or not t:
        return False
    if f" {' '.join(q[:words])} " in f" {' '.join(t)} ":
        return True
    return len(t) >= min(words, len(q)) and f" {' '.join(t[:words])} " in f" {' '.join(q)} "


def parse_interval(deadline: str | None) -> tuple[str | None, str | None]:
    """("start", "end") of "start/end"; an open end is None; no deadline is (None, None)."""
    parts = [part.strip()[:10] or None for part in (deadline or "").split("/", 1)]
    return (parts[0], parts[1] if len(parts) > 1 else None)


def deadline_agrees(predicted: str | None, entry: dict) -> bool:
    start, end = parse_interval(predicted)
    ref_start, ref_end = entry.get("deadline_start"), entry.get("deadline_end")
    if start != ref_start:
        return False
    return end == ref_end or (end is None and ref_end == ref_start)


@dataclass(frozen=True)
class PredictedCommitment:
    text: str
    deadline: str | None


def _commitments_by_doc(result: QueryResult) -> dict[str, list[PredictedCommitment]]:
    """One prediction per commitment id (its rows repeat per action or passage)."""
    seen: dict[str, dict[str, PredictedCommitment]] = {}
    for row in result.rows:
        ids = seen.setdefault(document_stem(row.get("document")), {})
        key = row.get("commitment") or row.get("text") or ""
        if key not in ids or (not ids[key].text and row.get("text")):
            ids[key] = PredictedCommitment(row.get("text") or "", row.get("deadline"))
    return {doc: list(ids.values()) for doc, ids in seen.items()}


def score_commitments(result: QueryResult, reference: dict[str, dict]) -> Score:
    by_doc = _commitments_by_doc(result)
    score = Score("commitments")
    right_deadlines = matched_total = 0
    for doc in _docs(reference):
        entries = reference[doc].get("commitments", [])
        promises = [e for e in entries if e.get("kind", "promise") == "promise"]
        others = [e for e in entries if e.get("kind", "promise") != "promise"]
        predictions = by_doc.get(doc, [])
        owner, edges = _matching(
            len(predictions),
            len(promises),
            lambda p, r, P=predictions, R=promises: quote_overlaps(R[r]["quote"], P[p].text),
        )
        taken = set(owner.values())
        duplicates = sum(1 for p in range(len(predictions)) if p not in taken and edges[p])
        score.add(
            len(owner), len(predictions) - len(owner) - duplicates, len(promises) - len(owner)
        )
        for p, prediction in enumerate(predictions):
            if p in taken or edges[p]:
                continue
            kind = next(
                (e["kind"] for e in others if quote_overlaps(e["quote"], prediction.text)), None
            )
            suffix = f" (a {kind} in the reference, not a promise)" if kind else ""
            score.false_positives.append(f"{doc}: {prediction.text[:100]}{suffix}")
        score.false_negatives += [
            f"{doc}: {promises[r]['quote'][:100]}" for r in range(len(promises)) if r not in owner
        ]
        for r, p in owner.items():
            matched_total += 1
            if deadline_agrees(predictions[p].deadline, promises[r]):
                right_deadlines += 1
            else:
                expected = "/".join(
                    str(promises[r].get(k)) for k in ("deadline_start", "deadline_end")
                )
                score.notes.append(
                    f"deadline {doc}: {promises[r]['quote'][:60]}: predicted "
                    f"{predictions[p].deadline or '-'}, reference {expected}"
                )
    score.extra["deadline right"] = f"{right_deadlines}/{matched_total}"
    return score


@dataclass(frozen=True)
class PredictedLink:
    order: tuple[str, str]  # (earlier, later) as predicted; the direction is not scored
    titles: tuple[str, str]

    @property
    def documents(self) -> frozenset[str]:
        return frozenset(self.order)

    def describe(self) -> str:
        return " -> ".join(self.order) + f": {self.titles[0]} | {self.titles[1]}"


def _predicted_links(result: QueryResult, scope: set[str]) -> list[PredictedLink]:
    """Distinct links whose documents both have a reference (a link found twice is one)."""
    links: dict[tuple, PredictedLink] = {}
    for row in result.rows:
        earlier, later = (
            document_stem(row.get("earlier_document")),
            document_stem(row.get("later_document")),
        )
        if earlier not in scope or later not in scope:
            continue
        key = (
            row.get("earlier_action") or row.get("earlier_title"),
            row.get("later_action") or row.get("later_title"),
        )
        titles = (row.get("earlier_title") or "", row.get("later_title") or "")
        links.setdefault(key, PredictedLink((earlier, later), titles))
    return list(links.values())


def _reference_link_entries(reference: dict[str, dict]) -> list[tuple[dict, list[str]]]:
    """Each action link once, with its documents that have a reference, in the entry's order."""
    entries: dict[tuple, tuple[dict, list[str]]] = {}
    for doc in _docs(reference):
        for entry in reference[doc].get("action_links", []):
            chain = [d for d in entry["documents"] if d in reference]
            entries.setdefault((entry.get("action"), tuple(entry["documents"])), (entry, chain))
    return list(entries.values())


def _link_fits(link: PredictedLink, entry: dict) -> bool:
    return all(title_matches(title, entry["keywords"]) for title in link.titles)


def _skipped_pair(link: PredictedLink, entries: list[tuple[dict, list[str]]]) -> tuple | None:
    """(action, documents) when the link joins two non-consecutive letters of a reference entry."""
    for entry, chain in entries:
        if len(link.documents) == 2 and link.documents <= set(chain) and _link_fits(link, entry):
            return (entry.get("action"), link.documents)
    return None


def score_action_links(result: QueryResult, reference: dict[str, dict]) -> Score:
    links = _predicted_links(result, set(reference))
    entries = _reference_link_entries(reference)
    pairs = [
        (entry, tuple(chain[i : i + 2])) for entry, chain in entries for i in range(len(chain) - 1)
    ]
    owner, edges = _matching(
        len(links),
        len(pairs),
        lambda p, r: (
            links[p].documents == frozenset(pairs[r][1]) and _link_fits(links[p], pairs[r][0])
        ),
    )
    taken = set(owner.values())
    score = Score("action_links")
    skipped: set[tuple] = set()
    duplicates = 0
    for p, link in enumerate(links):
        if p in taken:
            continue
        if edges[p]:
            duplicates += 1
            continue
        skipping = _skipped_pair(link, entries)
        if skipping is None:
            score.false_positives.append(link.describe())
        elif skipping in skipped:
            duplicates += 1
        else:
            skipped.add(skipping)
            score.notes.append(f"skips a letter: {link.describe()}")
    score.add(
        len(owner), len(links) - len(owner) - duplicates - len(skipped), len(pairs) - len(owner)
    )
    score.also_correct = len(skipped)
    score.false_negatives += [
        " -> ".join(pairs[r][1]) + f": {pairs[r][0].get('action')}"
        for r in range(len(pairs))
        if r not in owner
    ]
    score.extra["links skipping a letter"] = str(len(skipped))
    return score


def score_category(
    category: str, results: dict[str, QueryResult | None], reference: dict[str, dict]
) -> Score:
    """Score one category from the query results it needs (None: the query is not available)."""
    needed = QUERIES_OF[category][0]
    reference = annotated_for(category, reference)
    if not reference:
        return Score(category, available=False, reason="no document of this set annotates it")
    if results.get(needed) is None:
        return Score(category, available=False, reason=f"query {needed!r} not available")
    if category == "citations":
        return score_citations(results[needed], reference)
    if category == "motions":
        return score_motions(results[needed], reference)
    if category == "motion_relations":
        return score_motion_relations(results[needed], results.get("motions"), reference)
    if category == "cross_letter_links":
        return score_cross_letter_links(results[needed], reference)
    if category in SUBSET_OF:
        return score_motion_relations(
            results[needed], results.get("motions"), reference, only=SUBSET_OF[category][1]
        )
    if category == "actions":
        return score_actions(results[needed], reference)
    if category == "commitments":
        return score_commitments(results[needed], reference)
    if category == "action_links":
        return score_action_links(results[needed], reference)
    return score_entities(category, results[needed], reference)


def annotated_for(category: str, reference: dict[str, dict]) -> dict[str, dict]:
    """The reference documents that annotate a category (all of them unless a file lists its
    ``categories``); a subset category (``fulfils``) is annotated where its whole is."""
    annotated = DERIVED_FROM.get(category, category)
    return {
        doc: entry
        for doc, entry in reference.items()
        if annotated in entry.get("categories", CATEGORIES)
    }


# --- I/O ---------------------------------------------------------------------------------------


def load_reference(directory: Path) -> dict[str, dict]:
    """The reference files of a directory, by document stem (floor.json and others skipped)."""
    reference = {}
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "document" in data:
            unknown = sorted(set(data.get("categories", CATEGORIES)) - set(CATEGORIES))
            if unknown:
                raise SystemExit(f"{path}: unknown category {unknown[0]!r} in 'categories'")
            for category in CATEGORIES:
                data.setdefault(category, [])
            reference[data["document"]] = data
    if not reference:
        raise SystemExit(f"{directory}: no reference files (<stem>.json with a 'document' key)")
    _attach_cross_document(directory / COMMITMENTS_FILE, "commitments", reference)
    _attach_cross_document(directory / ACTION_LINKS_FILE, "action_links", reference)
    return reference


def _attach_cross_document(path: Path, key: str, reference: dict[str, dict]) -> None:
    """Hand each entry of a cross-document file to the documents it names (``document`` or
    ``documents``); an entry naming a document without a reference file is an error."""
    if not path.exists():
        return
    entries = json.loads(path.read_text(encoding="utf-8"))[key]
    for number, entry in enumerate(entries, 1):
        documents = entry.get("documents") or [entry.get("document")]
        unknown = [d for d in documents if d not in reference]
        if unknown:
            raise SystemExit(f"{path}: {key} entry {number}: no reference file for {unknown}")
        for document in documents:
            reference[document][key].append(entry)


def open_graph(graph_path: Path | None, corpus_dir: Path | None):
    """An embedded store holding the built graph (loaded from .nq or built from a corpus)."""
    from bestuursgraaf.graph.store import EmbeddedStore

    store = EmbeddedStore()
    if graph_path is not None:
        store.load_file(graph_path)
        return store
    from bestuursgraaf.graph.build import build_dataset, serialize_nquads
    from bestuursgraaf.graph.config import BUNDLED_CORPUS
    from bestuursgraaf.graph.namespaces import Minter

    store.replace_all(serialize_nquads(build_dataset(corpus_dir or BUNDLED_CORPUS, Minter())))
    return store


def run_queries(store) -> tuple[dict[str, QueryResult | None], dict[str, str]]:
    """Every named query the categories need; None (with the reason) where one is unavailable."""
    from bestuursgraaf.graph.queries import load_query

    results: dict[str, QueryResult | None] = {}
    errors: dict[str, str] = {}
    for name in sorted({q for names in QUERIES_OF.values() for q in names}):
        try:
            results[name] = store.select(load_query(name).bind({}))
        except Exception as error:  # noqa: BLE001 -- reported per category, never silently
            results[name], errors[name] = None, f"{type(error).__name__}: {error}"
    return results, errors


def evaluate(results: dict[str, QueryResult | None], reference: dict[str, dict]) -> list[Score]:
    return [score_category(category, results, reference) for category in CATEGORIES]


def below_floor(scores: list[Score], floor: dict[str, dict], strict: bool = False) -> list[str]:
    """One line per category under its floor (unavailable ones only when strict)."""
    failures = []
    for score in scores:
        limits = floor.get(score.category)
        if not limits:
            continue
        if not score.available:
            if strict:
                failures.append(f"{score.category}: not available ({score.reason})")
            continue
        for measure in ("precision", "recall", "f1"):
            if measure in limits and getattr(score, measure) < limits[measure]:
                failures.append(
                    f"{score.category}: {measure} {getattr(score, measure):.3f} below floor {limits[measure]:.2f}"
                )
    return failures


def format_table(scores: list[Score], details: bool = False) -> str:
    """The scores as a text table; with details, a column of what is reported but not scored."""
    header = ("category", "TP", "FP", "FN", "precision", "recall", "F1")
    extra = details and any(s.extra for s in scores)
    if extra:
        header = (*header, "not scored")
    rows = [header]
    for s in scores:
        if s.available:
            row = (
                s.category,
                str(s.tp),
                str(s.fp),
                str(s.fn),
                f"{s.precision:.3f}",
                f"{s.recall:.3f}",
                f"{s.f1:.3f}",
            )
        else:
            row = (s.category, "-", "-", "-", "not available", "", "")
        if extra:
            row = (*row, ", ".join(f"{k} {v}" for k, v in s.extra.items()) if s.available else "")
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(w) if i in (0, 7) else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def explain_unavailable(scores: list[Score], errors: dict[str, str]) -> None:
    """A category whose query failed says why."""
    for score in scores:
        needed = QUERIES_OF[score.category][0]
        if not score.available and needed in errors:
            score.reason = f"query {needed!r}: {errors[needed]}"


def error_lines(scores: list[Score], prefix: str = "") -> Iterable[str]:
    """Every false positive (FP), false negative (FN) and note of the scores, one line each."""
    for score in scores:
        for kind, lines in (
            ("FP", score.false_positives),
            ("FN", score.false_negatives),
            ("NOTE", score.notes),
        ):
            for line in lines:
                yield f"{kind} {prefix}{score.category}  {line}"


# --- the real evaluation set ------------------------------------------------------------------

REALSET_PARTS = ("tune", "heldout")


def load_realset(directory: Path = REALSET_DIR) -> dict[str, dict[str, dict]]:
    """The realset's reference split into its parts: ``tune`` and ``heldout`` (the documents
    listed in heldout.txt, which nobody tunes against)."""
    reference = load_reference(directory / "reference")
    listed = [
        line.strip()
        for line in (directory / "heldout.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    unknown = [stem for stem in listed if stem not in reference]
    if unknown:
        raise SystemExit(f"{directory / 'heldout.txt'}: no reference file for {unknown[0]!r}")
    return {
        "tune": {doc: entry for doc, entry in reference.items() if doc not in listed},
        "heldout": {doc: entry for doc, entry in reference.items() if doc in listed},
    }


def evaluate_realset(directory: Path = REALSET_DIR) -> dict[str, list[Score]]:
    """Scores of the seeds and of the realset's two parts: the bundled corpus and the realset's
    documents are each built into a graph of their own."""
    parts = load_realset(directory)
    seed_results, _ = run_queries(open_graph(None, None))
    real_results, errors = run_queries(open_graph(None, directory / "docs"))
    scores = {"seeds": evaluate(seed_results, load_reference(REFERENCE_DIR))}
    for part in REALSET_PARTS:
        scores[part] = evaluate(real_results, parts[part])
        explain_unavailable(scores[part], errors)
    return scores


def format_realset_table(scores: dict[str, list[Score]]) -> str:
    """One row per category: precision/recall on the seeds, the tuning part and the held-aside
    part, with the counts (TP/FP/FN) of the two realset parts."""

    def cell(score: Score, counts: bool) -> str:
        if not score.available:
            return "-"
        text = f"{score.precision:.2f}/{score.recall:.2f}"
        return f"{text} ({score.tp}/{score.fp}/{score.fn})" if counts else text

    header = ("category", "seeds P/R", "realset tune P/R (TP/FP/FN)", "held-aside P/R (TP/FP/FN)")
    rows = [header]
    for i, category in enumerate(CATEGORIES):
        rows.append(
            (
                category,
                cell(scores["seeds"][i], False),
                cell(scores["tune"][i], True),
                cell(scores["heldout"][i], True),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def realset_below_floor(scores: dict[str, list[Score]], floor: dict) -> list[str]:
    """One line per realset part and category under its floor (floor: {part: {category: ...}})."""
    return [
        f"{part}: {failure}"
        for part in REALSET_PARTS
        for failure in below_floor(scores[part], floor.get(part, {}), strict=True)
    ]


def _main_realset(args) -> int:
    scores = evaluate_realset(args.realset)
    floor_path = args.floor if args.floor != DEFAULT_FLOOR else REALSET_FLOOR
    floor = json.loads(floor_path.read_text(encoding="utf-8")) if floor_path.exists() else {}
    failures = realset_below_floor(scores, floor)
    if args.json:
        print(
            json.dumps(
                {
                    "scores": {
                        part: [s.as_dict() for s in part_scores]
                        for part, part_scores in scores.items()
                    },
                    "below_floor": failures,
                },
                indent=2,
            )
        )
        return 1 if failures else 0
    print(format_realset_table(scores))
    for part in REALSET_PARTS:
        for line in error_lines(scores[part], f"{part} "):
            print(line)
    for failure in failures:
        print(f"below floor: {failure}", file=sys.stderr)
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation.evaluate", description=__doc__.split("\n")[0]
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--graph", type=Path, help="a built graph (.nq) to score")
    source.add_argument("--corpus", type=Path, help="build this corpus directory and score it")
    parser.add_argument(
        "--reference", type=Path, default=REFERENCE_DIR, help="directory of reference files"
    )
    parser.add_argument(
        "--floor", type=Path, default=DEFAULT_FLOOR, help="JSON of minimum precision/recall"
    )
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--details", action="store_true", help="list each category's false positives and negatives"
    )
    parser.add_argument(
        "--strict", action="store_true", help="categories not available fail the floor"
    )
    parser.add_argument(
        "--set",
        choices=("seeds", "real", "register"),
        default="seeds",
        help="real: score the real evaluation set (tests/realset/, tuning and held-aside parts) "
        "beside the seeds, with every false positive and negative; register: the matching of the "
        "Tweede Kamer's register of toezeggingen with the letters' commitments "
        "(tests/reference/register_matches.json), with every false positive and negative",
    )
    parser.add_argument("--realset", type=Path, default=REALSET_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.set == "register":
        from evaluation.register import evaluate_register, report

        for line in report(*evaluate_register()):
            print(line)
        return 0
    if args.set == "real":
        if args.graph or args.corpus:
            parser.error("--set real builds its own documents; --graph and --corpus do not apply")
        return _main_realset(args)

    reference = load_reference(args.reference)
    results, errors = run_queries(open_graph(args.graph, args.corpus))
    scores = evaluate(results, reference)
    explain_unavailable(scores, errors)
    floor = (
        json.loads(args.floor.read_text(encoding="utf-8"))
        if args.floor and args.floor.exists()
        else {}
    )
    failures = below_floor(scores, floor, args.strict)

    if args.json:
        print(
            json.dumps({"scores": [s.as_dict() for s in scores], "below_floor": failures}, indent=2)
        )
    else:
        print(format_table(scores, details=args.details))
        if args.details:
            for line in error_lines(scores):
                print(line)
        for score in scores:
            if not score.available:
                print(f"{score.category}: not available -- {score.reason}", file=sys.stderr)
        for failure in failures:
            print(f"below floor: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
