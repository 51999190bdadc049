"""Link mentions across documents so that one thing is one node, however many letters name it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bestuursgraaf.graph.extract.citations import Citation
from bestuursgraaf.graph.extract.motions import Submitter
from bestuursgraaf.graph.facts import DocumentFacts, MotionOccurrence
from bestuursgraaf.graph.namespaces import slugify


@dataclass
class MotionNode:
    key: str  # the kst id when known, else "motie-<submitters>"
    label: str
    submitters: list[Submitter]
    kamerstuk: Citation | None
    occurrences: list[tuple[str, MotionOccurrence]] = field(default_factory=list)


def submitter_key(submitters: tuple[Submitter, ...] | list[Submitter]) -> tuple[str, ...]:
    return tuple(sorted(slugify(s.name) for s in submitters))


def motion_label(submitters: tuple[Submitter, ...] | list[Submitter]) -> str:
    return "motie-" + "/".join(s.name for s in submitters)


def _merge_submitters(known: list[Submitter], new: tuple[Submitter, ...]) -> list[Submitter]:
    """Keep one submitter per name, completing party and chamber from whichever mention states them."""
    merged = {slugify(s.name): s for s in known}
    for s in new:
        old = merged.get(slugify(s.name))
        merged[slugify(s.name)] = Submitter(
            name=old.name if old else s.name,
            party=(old.party if old and old.party else s.party),
            chamber=(old.chamber if old and old.chamber else s.chamber),
        )
    order = [slugify(s.name) for s in known] + [slugify(s.name) for s in new]
    return [merged[k] for k in dict.fromkeys(order)]


def known_letters(documents: list[DocumentFacts]) -> set[str]:
    """The kst ids that the corpus knows to be letters or annexes, not motions."""
    ids = set()
    for facts in documents:
        for key in ("kamerstuk", "annex_of"):
            if facts.source.metadata.get(key):
                ids.add(str(facts.source.metadata[key]))
        if facts.published is not None and facts.published.kind != "motie":
            ids.add(facts.published.kst_id)
    return ids


def resolve_motions(documents: list[DocumentFacts]) -> tuple[dict[str, MotionNode], dict[tuple[str, int], str]]:
    """Motion nodes and, for each (doc_id, occurrence index), the key of its node.

    A mention whose footnote gives the Kamerstuk is that Kamerstuk. A mention without one is
    the motion of the same submitters that some document does identify, when exactly one
    such motion exists in the corpus; otherwise it stays a motion known by its submitters."""
    nodes: dict[str, MotionNode] = {}
    by_submitters: dict[tuple[str, ...], set[str]] = defaultdict(set)
    assignment: dict[tuple[str, int], str] = {}
    pending: list[tuple[str, int, MotionOccurrence]] = []
    letters = known_letters(documents)
    for facts in documents:  # a published motion identifies itself and its submitters
        if facts.published is not None and facts.motion_text is not None:
            by_submitters[submitter_key(facts.motion_text.submitters)].add(facts.published.kst_id)
            node = nodes.setdefault(facts.published.kst_id, MotionNode(facts.published.kst_id, "", [], None))
            node.submitters = _merge_submitters(node.submitters, facts.motion_text.submitters)
            node.label = motion_label(node.submitters)
    for facts in documents:
        for index, occurrence in enumerate(facts.motions):
            citation = occurrence.kamerstuk
            if citation is None or citation.kst_id is None or citation.kst_id in letters:
                pending.append((facts.doc_id, index, occurrence))
                continue
            key = citation.kst_id
            node = nodes.setdefault(key, MotionNode(key, "", [], citation))
            node.submitters = _merge_submitters(node.submitters, occurrence.mention.submitters)
            node.label = motion_label(node.submitters)
            node.occurrences.append((facts.doc_id, occurrence))
            by_submitters[submitter_key(occurrence.mention.submitters)].add(key)
            assignment[(facts.doc_id, index)] = key
    for doc_id, index, occurrence in pending:
        if not occurrence.mention.submitters:  # named by its chamber or subject: a node of its own
            key = f"motie-{doc_id}-{occurrence.mention.start}"
            label = occurrence.mention.label or " ".join(occurrence.mention.raw.split())
            node = nodes.setdefault(key, MotionNode(key, label, [], None))
            node.occurrences.append((doc_id, occurrence))
            assignment[(doc_id, index)] = key
            continue
        same = by_submitters.get(submitter_key(occurrence.mention.submitters), set())
        if len(same) == 1:
            key = next(iter(same))
        else:
            key = "motie-" + "-".join(submitter_key(occurrence.mention.submitters))
        node = nodes.setdefault(key, MotionNode(key, "", [], None))
        node.submitters = _merge_submitters(node.submitters, occurrence.mention.submitters)
        node.label = motion_label(node.submitters)
        node.occurrences.append((doc_id, occurrence))
        assignment[(doc_id, index)] = key
    return nodes, assignment
