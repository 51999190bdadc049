"""Triples for commitments (in the graph of the letter that makes them) and for what connects the
letters in time (in a graph of its own): action continuations and the steps of each promise."""

from __future__ import annotations

from collections import Counter

from bestuursgraaf.graph.namespaces import BG, Minter
from bestuursgraaf.graph.segment import Span
from bestuursgraaf.graph.trace import Commitment, Trace
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

CHAMBERS = {"Tweede Kamer": BG.TweedeKamer, "Eerste Kamer": BG.EersteKamer}
STEP_STATUS = {
    "reported": BG.Open,
    "fulfilled": BG.Fulfilled,
    "deferred": BG.Deferred,
    "superseded": BG.Superseded,
}


def commitment_iri(minter: Minter, document: str, start: int, number: int) -> URIRef:
    return minter.thing("toezegging", f"{document}-{start}-{number}")


def commitment_numbers(trace: Trace) -> dict[int, int]:
    """A number per commitment, counting promises that share a sentence apart."""
    numbers: dict[int, int] = {}
    seen: dict[tuple[str, int], int] = {}
    for commitment in trace.commitments:
        key = (commitment.document, commitment.mention.start)
        seen[key] = seen.get(key, 0) + 1
        numbers[id(commitment)] = seen[key]
    return numbers


def emit_commitments(emitter, trace: Trace) -> None:
    """The promises a letter makes, and a passage for each of its commitment sentences (so that
    later steps can point to them)."""
    g, doc_id = emitter.graph, emitter.facts.doc_id
    for mention in trace.mentions.get(doc_id, []):
        emitter.passage(Span(mention.start, mention.end))
    numbers = commitment_numbers(trace)
    addressee = emitter.facts.source.metadata.get("addressee") or (
        emitter.facts.metadata.addressee.value
        if emitter.facts.metadata.addressee
        else "Tweede Kamer"
    )
    signatory = g.value(emitter.doc, BG.signatory)
    for commitment in trace.commitments:
        if commitment.document != doc_id:
            continue
        m = commitment.mention
        node = commitment_iri(emitter.minter, doc_id, m.start, numbers[id(commitment)])
        g.add((node, RDF.type, BG.Commitment))
        g.add((node, RDFS.label, Literal(m.promise)))
        g.add((node, DCTERMS.description, Literal(m.promise)))
        g.add((node, BG.evidence, emitter.passage(Span(m.start, m.end))))
        g.add((node, BG.madeIn, emitter.doc))
        if m.promisor:
            g.add((node, BG.promisorRole, Literal(m.promisor)))
            signer = signer_for(emitter, m.promisor)
            if signer is not None:
                g.add((node, BG.promisor, signer))
            elif m.promisor == "minister" and isinstance(signatory, URIRef):
                g.add((node, BG.promisor, signatory))
        chamber = CHAMBERS.get(m.addressee or "") or CHAMBERS.get(addressee, BG.TweedeKamer)
        g.add((node, BG.promisee, chamber))
        if m.deadline:
            g.add((node, BG.deadlineText, Literal(m.deadline.text)))
            g.add((node, BG.deadlinePrecision, Literal(m.deadline.precision)))
            if m.deadline.start:
                g.add((node, BG.deadlineStart, Literal(m.deadline.start, datatype=XSD.date)))
            if m.deadline.end:
                g.add((node, BG.deadlineEnd, Literal(m.deadline.end, datatype=XSD.date)))
            if m.deadline.recurring:
                g.add((node, BG.recurring, Literal(True)))
        if m.registry_id:
            g.add((node, BG.registryId, Literal(m.registry_id)))
        if commitment.action_key and commitment.action_key in emitter.actions:
            g.add((node, BG.about, emitter.actions[commitment.action_key]))


def signer_for(emitter, promisor: str | None) -> URIRef | None:
    """The bewindspersoon who signs in the office a promise names: `ik` (the writer, "minister")
    is the minister who signs, else the only signatory; "staatssecretaris" the state secretary."""
    signatories = emitter.facts.metadata.signatories
    if promisor not in ("minister", "staatssecretaris") or not signatories:
        return None
    in_office = [s for s in signatories if s.office == promisor]
    if promisor == "minister" and not in_office and len(signatories) == 1:
        in_office = list(signatories)
    return emitter.minter.person(in_office[0].name) if in_office else None


def emit_trace(trace: Trace, minter: Minter) -> Graph:
    """Continuations between the letters' actions, and every later step of every promise."""
    g = Graph()
    into = Counter((c.later_document, c.later_key, c.earlier_document) for c in trace.continuations)
    for link in trace.continuations:
        earlier = minter.thing("actie", f"{link.earlier_document}-{link.earlier_key}")
        later = minter.thing("actie", f"{link.later_document}-{link.later_key}")
        g.add((later, BG.continues, earlier))
        name = f"{link.later_document}-{link.later_key}-{link.earlier_document}"
        if into[(link.later_document, link.later_key, link.earlier_document)] > 1:
            name += f"-{link.earlier_key}"  # two earlier actions of one letter continue into it
        node = minter.thing("voortzetting", name)
        g.add((node, RDF.type, BG.ActionContinuation))
        g.add((node, BG.fromAction, earlier))
        g.add((node, BG.toAction, later))
        g.add((node, BG.linkMethod, Literal(link.method)))
        if link.method.startswith("curated: "):
            g.add((node, BG.curatedFrom, Literal(link.method.removeprefix("curated: "))))
        else:
            g.add(
                (
                    node,
                    BG.evidence,
                    _action_passage(trace, minter, link.later_document, link.later_key),
                )
            )
    numbers = commitment_numbers(trace)
    for commitment in trace.commitments:
        _steps(g, minter, trace, commitment, numbers)
    return g


def _action_passage(trace: Trace, minter: Minter, document: str, key: str) -> URIRef:
    start, end = trace.action_spans[(document, key)]
    return minter.passage(document, start, end)


def _steps(
    g: Graph, minter: Minter, trace: Trace, commitment: Commitment, numbers: dict[int, int]
) -> None:
    m = commitment.mention
    node = commitment_iri(minter, commitment.document, m.start, numbers[id(commitment)])
    made = trace.dates.get(commitment.document)
    _step(g, minter, node, "0", commitment.document, made, BG.Open, Span(m.start, m.end), "promise")
    for number, step in enumerate(commitment.steps, start=1):
        status = STEP_STATUS[step.status]
        _step(
            g,
            minter,
            node,
            str(number),
            step.document,
            step.date,
            status,
            Span(step.start, step.end),
            step.status,
        )
        document = minter.document(step.document)
        if step.status == "reported":
            g.add((node, BG.reportedOnIn, document))
        elif step.status == "fulfilled":
            g.add((node, BG.fulfilledIn, document))
            if m.deadline and m.deadline.end and step.date:
                g.add((node, BG.fulfilledOnTime, Literal(step.date <= m.deadline.end)))
        elif step.status == "deferred":
            g.add((node, BG.deferredIn, document))
        elif step.status == "superseded" and step.renewal:
            renewed = next(
                (c for c in trace.commitments if (c.document, c.mention.start) == step.renewal),
                None,
            )
            if renewed is not None:
                g.add(
                    (
                        node,
                        BG.supersededBy,
                        commitment_iri(
                            minter, renewed.document, renewed.mention.start, numbers[id(renewed)]
                        ),
                    )
                )


def _step(
    g: Graph,
    minter: Minter,
    commitment: URIRef,
    number: str,
    document: str,
    when,
    status: URIRef,
    span: Span,
    kind: str,
) -> None:
    step = URIRef(f"{commitment}/stap/{number}")
    g.add((step, RDF.type, BG.CommitmentStep))
    g.add((step, BG.stepOf, commitment))
    g.add((step, BG.stepDocument, minter.document(document)))
    g.add((step, BG.status, status))
    g.add((step, BG.stepKind, Literal(kind)))
    g.add((step, BG.evidence, minter.passage(document, span.start, span.end)))
    if when is not None:
        g.add((step, BG.stepDate, Literal(when, datatype=XSD.date)))
