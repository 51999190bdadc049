"""Triples for what a letter does: its actions, the action lines they fall under, their relations
to motions, and the advisory reports it cites."""

from __future__ import annotations

from collections import defaultdict

from bestuursgraaf.graph.extract.actions import ActionMention
from bestuursgraaf.graph.namespaces import BG, slugify
from bestuursgraaf.graph.segment import Span
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

STATUSES = {
    "announced": BG.Announced,
    "in_progress": BG.InProgress,
    "done": BG.Done,
    "handed_to_next_cabinet": BG.HandedToNextCabinet,
}


def action_status(mentions: list[ActionMention], segmented) -> str:
    """The status of an action in a letter: as its own section heading presents it, else as most
    of its mentions do (the first of those on a tie). One past-tense aside ("de bouwstenen heb ik
    toegestuurd") does not make an announced action done."""
    heading_starts = {h.start for h in segmented.headings}
    for mention in mentions:
        if mention.start in heading_starts:
            return mention.status
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.status] = counts.get(mention.status, 0) + 1
    return max(counts, key=lambda status: (counts[status], -[m.status for m in mentions].index(status)))
RELATIONS = {"fulfils": BG.fulfils, "takesIntoAccount": BG.takesIntoAccount, "respondsTo": BG.respondsTo}
DOCUMENT_ACTION = "document"


def action_iri(emitter, key: str) -> URIRef:
    """An action as one letter presents it; the same action in other letters is linked by
    bg:continues."""
    return emitter.minter.thing("actie", f"{emitter.facts.doc_id}-{key}")


def emit_actions(emitter, motion_nodes: dict[int, URIRef]) -> dict[str, URIRef]:
    """The letter's actions (one node per key), their action lines, and their motion relations."""
    g, facts = emitter.graph, emitter.facts
    by_key: dict[str, list[ActionMention]] = defaultdict(list)
    for mention in facts.actions:
        by_key[mention.key].append(mention)
    nodes: dict[str, URIRef] = {}
    for key, mentions in by_key.items():
        node = action_iri(emitter, key)
        nodes[key] = node
        first = mentions[0]
        g.add((node, RDF.type, BG.Action))
        g.add((node, DCTERMS.title, Literal(first.title)))
        g.add((node, BG.actionKey, Literal(key)))
        g.add((node, BG.actionKind, Literal(first.kind)))
        status = action_status(mentions, facts.segmented)
        g.add((node, BG.status, STATUSES[status]))
        g.add((node, BG.announcedIn, emitter.doc))
        section = emitter.section_at(first.start)
        if section is not None:
            g.add((node, BG.inSection, section))
        for mention in mentions:
            g.add((node, BG.mentionedIn, emitter.passage(Span(mention.start, mention.end))))
        # the passage an overview quotes, stated so that a query needs no search for the minimum
        opening = min(mentions, key=lambda mention: (mention.start, mention.end))
        g.add((node, BG.firstMentionedIn, emitter.passage(Span(opening.start, opening.end))))
        if first.action_line:
            g.add((node, BG.actionLine, _action_line(emitter, first)))
        origin = next((m.named_again_from for m in mentions if m.named_again_from), None)
        if origin is not None:  # how it was found: by the name it has in that letter's action
            g.add((node, BG.recognisedFrom, emitter.minter.thing("actie", f"{origin}-{key}")))
        responsible = next((m for m in mentions if m.responsible), None)
        if responsible is not None:
            _responsible(emitter, node, responsible)
    for relation in facts.relations:
        motion = motion_nodes.get(relation.motion_index)
        if motion is None:
            continue
        action = nodes.get(relation.action_key) or _document_action(emitter, relation.action_key, nodes)
        evidence = emitter.passage(relation.sentence)
        predicate = RELATIONS[relation.relation]
        g.add((action, predicate, motion))
        link = emitter.minter.thing(
            "koppeling", f"{facts.doc_id}-{relation.action_key}-{motion.split('/')[-1]}-{relation.relation}"
        )
        g.add((link, RDF.type, BG.ActionMotionLink))
        g.add((link, BG.linkAction, action))
        g.add((link, BG.linkMotion, motion))
        g.add((link, BG.linkRelation, predicate))
        g.add((link, BG.evidence, evidence))
        g.add((link, BG.cue, Literal(" ".join(relation.cue.cue.split()))))
    return nodes


def _document_action(emitter, key: str, nodes: dict[str, URIRef]) -> URIRef:
    """`Met deze actieagenda doe ik de motie gestand`: the letter itself is the action."""
    node = action_iri(emitter, DOCUMENT_ACTION)
    if key not in nodes:
        g = emitter.graph
        title = emitter.title() or f"Brief {emitter.facts.doc_id}"
        g.add((node, RDF.type, BG.Action))
        g.add((node, DCTERMS.title, Literal(title)))
        g.add((node, BG.actionKey, Literal(slugify(title))))
        g.add((node, BG.actionKind, Literal("agenda")))
        g.add((node, BG.status, BG.Announced))
        g.add((node, BG.announcedIn, emitter.doc))
        g.add((node, BG.mentionedIn, emitter.passage(_first_sentence(emitter))))
        g.add((node, BG.firstMentionedIn, emitter.passage(_first_sentence(emitter))))
        nodes[key] = node
    return node


def _first_sentence(emitter) -> Span:
    sentences = emitter.facts.segmented.sentences
    return sentences[0] if sentences else Span(0, min(200, len(emitter.facts.segmented.text)))


def _action_line(emitter, mention: ActionMention) -> URIRef:
    g = emitter.graph
    node = emitter.minter.thing("actielijn", f"{emitter.facts.doc_id}-{mention.action_line}")
    g.add((node, RDF.type, BG.ActionLine))
    g.add((node, SKOS.prefLabel, Literal(mention.action_line)))
    g.add((node, RDFS.label, Literal(mention.action_line)))
    heading = next(
        (h for h in emitter.facts.segmented.headings if h.title == mention.action_line), None
    )
    span = Span(heading.start, heading.end) if heading else Span(mention.start, mention.end)
    g.add((node, BG.mentionedIn, emitter.passage(span)))
    return node


def emit_reports(emitter) -> None:
    """Advisory reports and studies: one node per report across letters, cited by the document."""
    g = emitter.graph
    for occurrence in emitter.facts.reports:
        report = occurrence.report
        node = emitter.minter.thing("rapport", report.key)
        g.add((node, RDF.type, BG.AdvisoryReport))
        label = report.title or (f"{report.kind} van {report.body}" if report.body else report.raw)
        g.add((node, RDFS.label, Literal(" ".join(label.split()))))
        if report.title:
            g.add((node, DCTERMS.title, Literal(" ".join(report.title.split()))))
        if report.year:
            g.add((node, BG.year, Literal(report.year, datatype=XSD.gYear)))
        g.add((node, BG.reportKind, Literal(report.kind)))
        if report.body:
            g.add((node, BG.authorName, Literal(" ".join(report.body.split()))))
        g.add((node, BG.mentionedIn, emitter.passage(Span(report.start, report.end))))
        g.add((emitter.doc, BG.cites, node))



def _responsible(emitter, action: URIRef, mention: ActionMention) -> None:
    """`de minister van BZK werkt aan …`: the ministry (or other organisation) the letter names as
    responsible, as the entity stage knows it; nothing when it names none it knows."""
    from bestuursgraaf.graph.emit_entities import entity_node
    from bestuursgraaf.graph.extract.entities import extract_entities

    for entity in extract_entities(mention.responsible or ""):
        if entity.kind == "organisation":
            node = entity_node(emitter, entity)
            if node is not None:
                emitter.graph.add((node, BG.mentionedIn, emitter.passage(Span(mention.start, mention.end))))
                emitter.graph.add((action, BG.responsible, node))
                return
