"""The register of toezeggingen as triples: each entry its own bg:RegisterCommitment (text, status,
due date, ministry, promisor, fulfilling letter, its repetitions, supplements and changes), and
each match with an extracted commitment a bg:RegisterMatch with its method and confidence."""

from __future__ import annotations

from bestuursgraaf.graph.emit import kamerstuk_from_id, new_graph
from bestuursgraaf.graph.namespaces import BG, Minter
from bestuursgraaf.graph.register_match import RegisterMatch
from bestuursgraaf.graph.sources.tk_graph import ODATA_BASE
from bestuursgraaf.graph.sources.tk_odata import ODATA_SOURCE
from bestuursgraaf.graph.sources.tk_register import RegisterEntry
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, XSD

# The register's statuses on the commitment statuses of the ontology; a partial one has none.
STATUS_NODES = {
    "Openstaand": BG.Open, "Voldaan": BG.Fulfilled, "Afgedaan": BG.Fulfilled, "Vervallen": BG.Superseded,
}
RELATION_PROPERTIES = {
    "IsHerhalingVan": BG.repeats, "IsAanvullingOp": BG.supplements, "IsWijzigingVan": BG.amends,
}


def entry_iri(minter: Minter, entry_id: str) -> URIRef:
    return minter.thing("register-toezegging", entry_id)


def _person_name(register_name: str) -> str:
    """'Bruins Slot, H.G.J.' -> 'H.G.J. Bruins Slot', the order a signature has."""
    surname, _, initials = register_name.partition(",")
    return f"{initials.strip()} {surname.strip()}".strip()


def _entry(g: Graph, minter: Minter, entry: RegisterEntry) -> URIRef:
    node = entry_iri(minter, entry.entry_id)
    g.add((node, RDF.type, BG.RegisterCommitment))
    g.add((node, RDFS.label, Literal(entry.number or entry.entry_id)))
    g.add((node, DCTERMS.description, Literal(entry.text)))
    if entry.number:
        g.add((node, BG.registryId, Literal(entry.number)))
    if entry.status:
        g.add((node, BG.registerStatus, Literal(entry.status)))
        if entry.status in STATUS_NODES:
            g.add((node, BG.status, STATUS_NODES[entry.status]))
    if entry.due:
        g.add((node, BG.dueDate, Literal(entry.due, datatype=XSD.date)))
    if entry.created:
        g.add((node, DCTERMS.created, Literal(entry.created, datatype=XSD.date)))
    if entry.ministry:
        g.add((node, BG.ministryName, Literal(entry.ministry)))
    if entry.office:
        g.add((node, BG.promisorOffice, Literal(entry.office)))
    if entry.activity:
        g.add((node, BG.activityNumber, Literal(entry.activity)))
    for dossier in entry.dossiers:
        g.add((node, BG.aboutDossier, minter.dossier(dossier)))
    if entry.promisor:
        g.add((node, BG.promisorName, Literal(entry.promisor)))
        person = minter.person(_person_name(entry.promisor))
        g.add((node, BG.promisor, person))
        g.add((person, RDF.type, BG.Person))
        g.add((person, FOAF.name, Literal(_person_name(entry.promisor))))
        g.add((person, RDFS.label, Literal(_person_name(entry.promisor))))
        g.add((person, BG.importedFrom, Literal(entry.source)))
    for letter in entry.letters:
        if letter.kst_id:
            try:
                g.add((node, BG.fulfilledIn, kamerstuk_from_id(g, minter, letter.kst_id)))
            except ValueError:
                pass
        if letter.number:
            g.add((node, BG.fulfillingDocumentNumber, Literal(letter.number)))
    for name, targets in entry.relations.items():
        for target in targets:
            g.add((node, RELATION_PROPERTIES[name], entry_iri(minter, target)))
    g.add((node, DCTERMS.source, URIRef(f"{ODATA_BASE}/Toezegging({entry.entry_id})")))
    g.add((node, BG.importedFrom, Literal(entry.source)))
    g.add((node, DCTERMS.publisher, Literal(ODATA_SOURCE)))
    return node


def _match(g: Graph, minter: Minter, match: RegisterMatch) -> None:
    register = entry_iri(minter, match.entry.entry_id)
    node = minter.thing("register-match", f"{match.entry.entry_id}-{str(match.commitment.node).rsplit('/', 1)[-1]}")
    g.add((node, RDF.type, BG.RegisterMatch))
    g.add((node, BG.registerEntry, register))
    g.add((node, BG.extractedCommitment, match.commitment.node))
    g.add((node, BG.linkMethod, Literal(match.method)))
    g.add((node, BG.confidence, _decimal(match.confidence)))
    g.add((node, BG.textSimilarity, _decimal(match.text_similarity)))


def _decimal(value: float) -> Literal:
    """Three decimals in the canonical form every store gives back (0.7, not 0.700)."""
    return Literal(f"{value:.3f}".rstrip("0").rstrip(".") or "0", datatype=XSD.decimal)


def emit_register(entries: list[RegisterEntry], matches: list[RegisterMatch], minter: Minter) -> Graph:
    """One graph with the register's entries of the corpus and their matches with the letters."""
    g = new_graph()
    for entry in entries:
        _entry(g, minter, entry)
    for match in matches:
        _match(g, minter, match)
    return g


def add_register(dataset, corpus_dir, minter: Minter, say) -> None:
    """The register answers in the corpus' `tk-odata/`, matched with the dataset's commitments and
    added to the open-data graph (graph/tk-opendata)."""
    from bestuursgraaf.graph.register_match import extracted_commitments, match_register
    from bestuursgraaf.graph.sources.tk_register import read_register_folder

    entries = read_register_folder(corpus_dir / "tk-odata", corpus_dir.parent)
    if not entries:
        return
    dataset.default_union = True  # the commitments are in the documents' graphs
    try:
        commitments = extracted_commitments(dataset)
    finally:
        dataset.default_union = False
    matches = match_register(entries, commitments)
    say(
        f"read {len(entries)} toezeggingen from the Tweede Kamer's register; matched {len(matches)} "
        f"with the {len(commitments)} commitments of the letters"
    )
    target = dataset.graph(minter.opendata_graph)
    for triple in emit_register(entries, matches, minter):
        target.add(triple)
