"""Triples for the named entities of a letter: organisations, government layers, regional
collaborations, laws and provisions, persons; and which of them each action involves."""

from __future__ import annotations

from bestuursgraaf.graph.extract.entities import EntityMention
from bestuursgraaf.graph.namespaces import BG
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

ORGANISATION_CLASSES = {
    "ministry": BG.Ministry,
    "koepel": BG.Koepel,
    "advisory_body": BG.AdvisoryBody,
    "professional_association": BG.ProfessionalAssociation,
    "political_party": BG.PoliticalParty,
}
ORGANISATION_LAYERS = {"municipality": BG.Gemeente, "province": BG.Provincie, "water_board": BG.Waterschap}
CHAMBERS = {"tweede-kamer": BG.TweedeKamer, "eerste-kamer": BG.EersteKamer}
LAYERS = {"rijk": BG.Rijk, "provincie": BG.Provincie, "gemeente": BG.Gemeente, "waterschap": BG.Waterschap}
COLLABORATION_CLASSES = {
    "regio_deal": BG.RegioDeal,
    "city_deal": BG.CityDeal,
    "town_deal": BG.CityDeal,
    "gemeenschappelijke_regeling": BG.GemeenschappelijkeRegeling,
    "programme": BG.Programme,
    "network": BG.Network,
}
INVOLVED_KINDS = {"organisation", "government_layer", "regional_collaboration"}


def entity_node(emitter, entity: EntityMention) -> URIRef | None:
    """The node an entity mention stands for, typed; None for what is no thing of its own (a
    role such as `mijn ambtsvoorganger`, a layer word without a layer)."""
    g, minter, attributes = emitter.graph, emitter.minter, dict(entity.attributes)
    if entity.kind == "government_layer":
        return LAYERS.get(entity.key)
    if entity.kind == "organisation":
        if entity.subtype == "role":
            return None
        if entity.key in CHAMBERS:
            return CHAMBERS[entity.key]
        if entity.subtype == "political_party":
            node = minter.party(entity.key)
        else:
            node = minter.thing("organisatie", entity.key)
        g.add((node, RDF.type, ORGANISATION_CLASSES.get(entity.subtype, BG.Organisation)))
        if entity.subtype:  # the kind its form or table gives: research_institute, foundation, …
            g.add((node, BG.organisationKind, Literal(entity.subtype)))
        if entity.subtype in ORGANISATION_LAYERS:
            g.add((node, BG.layer, ORGANISATION_LAYERS[entity.subtype]))
    elif entity.kind == "regional_collaboration":
        node = minter.thing("samenwerking", entity.key)
        g.add((node, RDF.type, COLLABORATION_CLASSES.get(entity.subtype, BG.RegionalCollaboration)))
    elif entity.kind == "law":
        node = minter.thing("wet", entity.key)
        if entity.subtype == "provision" and attributes.get("law"):
            law = minter.thing("wet", attributes["law"])
            g.add((node, RDF.type, BG.LegalProvision))
            g.add((node, BG.provisionOf, law))
        else:
            g.add((node, RDF.type, BG.Law))
    elif entity.kind == "person":
        node = minter.thing("persoon", entity.key)
        g.add((node, RDF.type, BG.Person))
        g.add((node, FOAF.name, Literal(entity.label)))
        if attributes.get("role"):
            g.add((node, BG.role, Literal(attributes["role"])))
    else:
        return None
    g.add((node, RDFS.label, Literal(entity.label)))
    raw = " ".join(entity.raw.split())
    if raw != entity.label:
        g.add((node, SKOS.altLabel, Literal(raw)))
    return node


def emit_entities(emitter) -> None:
    """Every entity mention, with the passage it stands in; actions involve the organisations,
    layers and collaborations named in their own sentences."""
    g = emitter.graph
    by_passage: dict[tuple[int, int], list[URIRef]] = {}
    for occurrence in emitter.facts.entities:
        node = entity_node(emitter, occurrence.entity)
        if node is None:
            continue
        passage = emitter.passage(occurrence.passage)
        g.add((node, BG.mentionedIn, passage))
        law = g.value(node, BG.provisionOf)
        if law is not None:  # citing an article of a law mentions the law
            g.add((law, RDF.type, BG.Law))
            g.add((law, BG.mentionedIn, passage))
            if g.value(law, RDFS.label) is None:
                g.add((law, RDFS.label, Literal(_law_label(occurrence.entity))))
        if occurrence.entity.kind in INVOLVED_KINDS:
            span = (occurrence.passage.start, occurrence.passage.end)
            by_passage.setdefault(span, []).append(node)
    for mention in emitter.facts.actions:
        action = emitter.actions.get(mention.key)
        for (start, end), nodes in by_passage.items():
            if action is not None and start <= mention.start < end:
                for node in nodes:
                    g.add((action, BG.involves, node))


def _law_label(provision: EntityMention) -> str:
    """`Gemeentewet, artikel 116` -> `Gemeentewet`."""
    return provision.label.split(",")[0].strip()
