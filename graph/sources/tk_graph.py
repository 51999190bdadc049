"""The Tweede Kamer's open data on motions as triples: each motion's outcome, the decision it came
from and the votes per fractie, every fact saying which recorded answer it was imported from."""

from __future__ import annotations

from bestuursgraaf.graph.emit import kamerstuk_from_id, new_graph, party_identity
from bestuursgraaf.graph.namespaces import BG, Minter
from bestuursgraaf.graph.sources.tk_odata import ODATA_SOURCE, Decision, OpenDataRecords, TkMotion
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

ODATA_BASE = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0"
OUTCOME_NODES = {"aangenomen": BG.Aangenomen, "verworpen": BG.Verworpen, "aangehouden": BG.Aangehouden}


def _provenance(g: Graph, node: URIRef, motion: TkMotion) -> None:
    for source in sorted(motion.sources):
        g.add((node, BG.importedFrom, Literal(source)))
    g.add((node, DCTERMS.publisher, Literal(ODATA_SOURCE)))


def _motion_node(g: Graph, minter: Minter, motion: TkMotion) -> URIRef:
    if motion.kst_id:
        try:
            node = kamerstuk_from_id(g, minter, motion.kst_id)
        except ValueError:
            node = minter.motion(f"zaak-{motion.nummer or motion.zaak_id}")
    else:
        node = minter.motion(f"zaak-{motion.nummer or motion.zaak_id}")
        g.add((node, RDFS.label, Literal(motion.onderwerp or motion.nummer or motion.zaak_id)))
    g.add((node, RDF.type, BG.Motion))
    if motion.nummer:
        g.add((node, BG.zaakNummer, Literal(motion.nummer)))
    if motion.appraisal:
        g.add((node, BG.cabinetAppraisal, Literal(motion.appraisal)))
    g.add((node, DCTERMS.source, URIRef(f"{ODATA_BASE}/Zaak({motion.zaak_id})")))
    _provenance(g, node, motion)
    return node


def _decision(g: Graph, minter: Minter, motion: TkMotion, decision: Decision) -> URIRef:
    node = minter.thing("besluit", decision.besluit_id)
    g.add((node, RDF.type, BG.MotionDecision))
    g.add((node, RDFS.label, Literal(decision.kind)))
    g.add((node, BG.besluitSoort, Literal(decision.kind)))
    if decision.outcome:
        g.add((node, BG.outcome, OUTCOME_NODES[decision.outcome]))
    if decision.decided_on:
        g.add((node, BG.decidedOn, Literal(decision.decided_on, datatype=XSD.date)))
    g.add((node, DCTERMS.source, URIRef(f"{ODATA_BASE}/Besluit({decision.besluit_id})")))
    g.add((node, BG.importedFrom, Literal(decision.source)))
    g.add((node, DCTERMS.publisher, Literal(ODATA_SOURCE)))
    for vote in decision.votes:
        key, label = party_identity(vote.fractie)
        party = minter.party(key)
        g.add((party, RDF.type, BG.PoliticalParty))
        g.add((party, RDFS.label, Literal(label)))
        g.add((party, BG.importedFrom, Literal(decision.source)))
        who = f"{vote.fractie}/{vote.member}" if vote.member else vote.fractie
        vote_node = minter.thing("stemming", f"{decision.besluit_id}-{who}")
        g.add((vote_node, RDF.type, BG.Vote))
        g.add((vote_node, BG.votingParty, party))
        g.add((vote_node, BG.voteChoice, Literal(vote.choice)))
        if vote.seats is not None:
            g.add((vote_node, BG.seats, Literal(vote.seats)))
        if vote.member:
            g.add((vote_node, BG.memberName, Literal(vote.member)))
        g.add((node, BG.hasVote, vote_node))
    return node


def emit_opendata(records: OpenDataRecords, minter: Minter) -> Graph:
    """One graph with what the Kamer's open data says about the motions of the corpus."""
    g = new_graph()
    for zaak_id in sorted(records.motions):
        motion = records.motions[zaak_id]
        node = _motion_node(g, minter, motion)
        for decision in sorted(motion.decisions.values(), key=lambda d: d.besluit_id):
            g.add((node, BG.decision, _decision(g, minter, motion, decision)))
        final = motion.final
        if final is not None:
            g.add((node, BG.outcome, OUTCOME_NODES[final.outcome]))
    return g
