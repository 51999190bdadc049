"""Turn extracted facts into triples: one graph per document, one for curated facts."""

from __future__ import annotations

import re
from pathlib import Path

from bestuursgraaf.graph.extract.citations import Citation
from bestuursgraaf.graph.extract.entities import extract_entities
from bestuursgraaf.graph.extract.motions import Submitter
from bestuursgraaf.graph.facts import DocumentFacts
from bestuursgraaf.graph.link import MotionNode
from bestuursgraaf.graph.namespaces import BG, PREFIXES, Minter
from bestuursgraaf.graph.read import SourceDocument
from bestuursgraaf.graph.segment import Span
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, RDFS, SKOS, XSD

DOCUMENT_CLASSES = {
    "kamerbrief": BG.Kamerbrief,
    "nota": BG.Nota,
    "bijlage": BG.Bijlage,
    "voortgangsrapportage": BG.Voortgangsrapportage,
    "motie": BG.Document,  # the text of a motion; the motion itself is the Kamerstuk it is published as
    "document": BG.Document,
}
CHAMBERS = {"II": BG.TweedeKamer, "I": BG.EersteKamer, "Tweede Kamer": BG.TweedeKamer, "Eerste Kamer": BG.EersteKamer}


def party_identity(written: str) -> tuple[str, str]:
    """A party as a motion names it ("CU") -> (key, label) of the party the gazetteer knows
    ("christenunie", "ChristenUnie"), so that all its spellings are one node."""
    for entity in extract_entities(written):
        if entity.subtype == "political_party" and entity.start == 0 and entity.end == len(written):
            return entity.key, entity.label
    return written, written


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def date_literal(value: str) -> Literal:
    """`2023-09-04` as xsd:date, `2023-01` as xsd:gYearMonth, `2025` as xsd:gYear."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    raise ValueError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def quote(text: str, span: Span) -> str:
    return re.sub(r"\s+", " ", text[span.start : span.end]).strip()


class DocumentEmitter:
    """Writes the triples of one document into its own graph."""

    def __init__(self, facts: DocumentFacts, minter: Minter, graph: Graph | None = None) -> None:
        self.facts = facts
        self.minter = minter
        self.graph = new_graph() if graph is None else graph  # the document's named graph itself
        self.doc = minter.document(facts.doc_id)
        self.sections = self._sections()

    # -- building blocks ------------------------------------------------------------------
    def _sections(self) -> list[tuple[int, URIRef]]:
        headings = self.facts.segmented.headings
        result = []
        for order, heading in enumerate(headings, start=1):
            section = self.minter.section(self.facts.doc_id, order)
            g = self.graph
            g.add((section, RDF.type, BG.Section))
            g.add((section, DCTERMS.title, Literal(heading.title)))
            g.add((section, BG.order, Literal(order)))
            g.add((section, BG.level, Literal(heading.level)))
            g.add((section, BG.startOffset, Literal(heading.start)))
            if heading.number:
                g.add((section, BG.sectionNumber, Literal(heading.number)))
            g.add((section, BG.inDocument, self.doc))
            g.add((self.doc, BG.hasSection, section))
            result.append((heading.start, section))
        return result

    def section_at(self, offset: int) -> URIRef | None:
        current = None
        for start, section in self.sections:
            if start <= offset:
                current = section
        return current

    def passage(self, span: Span) -> URIRef:
        node = self.minter.passage(self.facts.doc_id, span.start, span.end)
        g = self.graph
        if (node, RDF.type, BG.Passage) not in g:
            g.add((node, RDF.type, BG.Passage))
            g.add((node, BG.inDocument, self.doc))
            g.add((node, BG.startOffset, Literal(span.start)))
            g.add((node, BG.endOffset, Literal(span.end)))
            text = quote(self.facts.segmented.clean, span) or quote(self.facts.segmented.text, span)
            g.add((node, BG.quote, Literal(text)))
            section = self.section_at(span.start)
            if section is not None:
                g.add((node, BG.inSection, section))
        return node

    def kamerstuk(self, citation: Citation) -> URIRef:
        return kamerstuk_triples(self.graph, self.minter, citation)

    def person(self, name: str, evidence: URIRef, party: str | None = None, chamber: str | None = None) -> URIRef:
        node = self.minter.person(name)
        g = self.graph
        g.add((node, RDF.type, BG.Person))
        g.add((node, FOAF.name, Literal(name)))
        g.add((node, RDFS.label, Literal(name)))
        g.add((node, BG.mentionedIn, evidence))
        if party:
            key, label = party_identity(party)
            party_node = self.minter.party(key)
            g.add((party_node, RDF.type, BG.PoliticalParty))
            g.add((party_node, RDFS.label, Literal(label)))
            if label != party:
                g.add((party_node, SKOS.altLabel, Literal(party)))
            g.add((party_node, BG.mentionedIn, evidence))
            g.add((node, BG.party, party_node))
        if chamber in CHAMBERS:
            g.add((node, BG.memberOfChamber, CHAMBERS[chamber]))
        return node

    # -- the document ---------------------------------------------------------------------
    def emit(
        self, motions: dict[str, MotionNode], assignment: dict[tuple[str, int], str], trace=None
    ) -> Graph:
        from bestuursgraaf.graph.emit_actions import emit_actions, emit_reports
        from bestuursgraaf.graph.emit_entities import emit_entities
        from bestuursgraaf.graph.emit_trace import emit_commitments

        self._metadata()
        self._citations()
        motion_nodes = self._motions(motions, assignment)
        self.actions = emit_actions(self, motion_nodes)
        emit_reports(self)
        emit_entities(self)
        if trace is not None:
            emit_commitments(self, trace)
        return self.graph

    def title(self) -> str | None:
        """The document's title: from its sidecar, else as the text states it."""
        curated = self.facts.source.metadata.get("title")
        stated = self.facts.metadata.title.value if self.facts.metadata.title else None
        return curated or stated

    def _metadata(self) -> None:
        g, source, metadata = self.graph, self.facts.source, self.facts.metadata
        g.add((self.doc, RDF.type, BG.Document))
        g.add((self.doc, DCTERMS.identifier, Literal(source.doc_id)))
        g.add((self.doc, BG.sourceFile, Literal(source.source)))
        curated = source.metadata
        if "type" not in curated and metadata.doc_type:
            g.add((self.doc, RDF.type, DOCUMENT_CLASSES[metadata.doc_type.value]))
        for key, field, predicate in (
            ("title", metadata.title, DCTERMS.title),
            ("kenmerk", metadata.kenmerk, BG.kenmerk),
        ):
            if key not in curated and field:
                g.add((self.doc, predicate, Literal(field.value)))
                g.add((self.doc, BG.evidence, self.passage(Span(field.start, field.end))))
        if "date" not in curated and metadata.date:
            g.add((self.doc, DCTERMS.date, date_literal(metadata.date.value)))
            g.add((self.doc, BG.evidence, self.passage(Span(metadata.date.start, metadata.date.end))))
        if "signatory" not in curated and metadata.signatory:
            evidence = self.passage(Span(metadata.signatory.start, metadata.signatory.end))
            g.add((self.doc, BG.signatory, self.person(metadata.signatory.value, evidence)))
        if "signatory" not in curated:
            for signatory in metadata.signatories:  # each with the office and ministry they sign for
                evidence = self.passage(Span(signatory.start, signatory.end))
                person = self.person(signatory.name, evidence)
                g.add((self.doc, BG.signatory, person))
                g.add((person, BG.office, Literal(signatory.office)))
                if signatory.ministry_key:
                    ministry = self.minter.thing("organisatie", signatory.ministry_key)
                    g.add((ministry, RDF.type, BG.Ministry))
                    g.add((ministry, RDFS.label, Literal(signatory.ministry)))
                    g.add((person, ORG.memberOf, ministry))
        if "addressee" not in curated and metadata.addressee:
            g.add((self.doc, BG.addressee, CHAMBERS[metadata.addressee.value]))
        if self.facts.published is not None:
            self._published()

    def _published(self) -> None:
        """A document published as a Kamerstuk says which one it is; a motion also what it asks."""
        g, heading = self.graph, self.facts.published
        evidence = self.passage(Span(heading.start, heading.end))
        citation = Citation(
            raw=heading.title_line, start=heading.start, end=heading.end, chamber=heading.chamber,
            vergaderjaar=heading.vergaderjaar, dossier=heading.dossier, ondernummer=heading.ondernummer,
        )
        kamerstuk = self.kamerstuk(citation)
        if heading.dossier_title:
            g.add((self.minter.dossier(heading.dossier), DCTERMS.title, Literal(heading.dossier_title)))
        if "kamerstuk" not in self.facts.source.metadata:
            g.add((self.doc, BG.publishedAs, kamerstuk))
            g.add((self.doc, BG.evidence, evidence))
        if self.title() is None:  # "BRIEF VAN DE MINISTER VAN …" is the title it is published under
            g.add((self.doc, DCTERMS.title, Literal(heading.title_line)))
        motion = self.facts.motion_text
        if motion is None:
            return
        g.add((kamerstuk, RDF.type, BG.Motion))
        g.set((kamerstuk, RDFS.label, Literal("motie-" + "/".join(s.name for s in motion.submitters))))
        g.add((kamerstuk, BG.mentionedIn, evidence))
        for submitter in motion.submitters:
            g.add((kamerstuk, BG.submitter, self.person(submitter.name, evidence, submitter.party, submitter.chamber)))
        if motion.proposed:
            g.add((kamerstuk, BG.dateProposed, Literal(motion.proposed, datatype=XSD.date)))
        request = self.passage(Span(motion.request_start, motion.request_end))
        g.add((kamerstuk, BG.requestText, Literal(motion.request)))
        g.add((kamerstuk, BG.evidence, request))
        for consideration in motion.considerations:
            g.add((kamerstuk, BG.consideration, Literal(consideration)))
        if motion.deadline:
            g.add((kamerstuk, BG.requestDeadlineText, Literal(motion.deadline.text)))
            if motion.deadline.start:
                g.add((kamerstuk, BG.requestDeadlineStart, Literal(motion.deadline.start, datatype=XSD.date)))
            if motion.deadline.end:
                g.add((kamerstuk, BG.requestDeadlineEnd, Literal(motion.deadline.end, datatype=XSD.date)))

    def _citations(self) -> None:
        g = self.graph
        seen: dict[int, int] = {}
        for occurrence in self.facts.citations:
            citation = occurrence.citation
            # "nrs. 25 en 26" gives two citations over one span: number them apart.
            seen[citation.start] = seen.get(citation.start, 0) + 1
            node = self.minter.citation(self.facts.doc_id, citation.start, seen[citation.start])
            g.add((node, RDF.type, BG.Citation))
            g.add((node, BG.rawText, Literal(citation.raw)))
            g.add((node, BG.evidence, self.passage(occurrence.passage)))
            g.add((node, BG.startOffset, Literal(citation.start)))
            if occurrence.footnote is not None:
                g.add((node, BG.footnoteNumber, Literal(occurrence.footnote)))
            g.add((self.doc, BG.hasCitation, node))
            if citation.kst_id:
                kamerstuk = self.kamerstuk(citation)
                g.add((node, BG.citedKamerstuk, kamerstuk))
                g.add((self.doc, BG.cites, kamerstuk))
            elif citation.dossier:
                g.add((node, BG.citedDossier, dossier_triples(g, self.minter, citation.dossier)))

    def _motions(
        self, motions: dict[str, MotionNode], assignment: dict[tuple[str, int], str]
    ) -> dict[int, URIRef]:
        """The motion nodes, by index of their occurrence in the document."""
        g = self.graph
        nodes: dict[int, URIRef] = {}
        for index, occurrence in enumerate(self.facts.motions):
            node_info = motions[assignment[(self.facts.doc_id, index)]]
            sentence = self.passage(occurrence.sentence)
            if node_info.kamerstuk is not None:
                motion = self.kamerstuk(node_info.kamerstuk)
            else:
                motion = self.minter.motion(node_info.key)
            g.add((motion, RDF.type, BG.Motion))
            g.set((motion, RDFS.label, Literal(node_info.label)))
            g.add((motion, BG.mentionedIn, sentence))
            if occurrence.mention.adopted:
                g.add((motion, BG.adopted, Literal(True)))
            for submitter in occurrence.mention.submitters:
                g.add((motion, BG.submitter, self._submitter(submitter, node_info, sentence)))
            nodes[index] = motion
        return nodes

    def _submitter(self, submitter: Submitter, node_info: MotionNode, evidence: URIRef) -> URIRef:
        known = {s.name: s for s in node_info.submitters}.get(submitter.name, submitter)
        return self.person(known.name, evidence, known.party, known.chamber)


def dossier_triples(g: Graph, minter: Minter, dossier: str) -> URIRef:
    node = minter.dossier(dossier)
    g.add((node, RDF.type, BG.Dossier))
    g.add((node, BG.dossierNumber, Literal(dossier)))
    g.add((node, RDFS.label, Literal(f"Kamerstuk {dossier}")))
    return node


def kamerstuk_triples(g: Graph, minter: Minter, citation: Citation) -> URIRef:
    node = minter.kamerstuk(citation.kst_id)
    g.add((node, RDF.type, BG.Kamerstuk))
    g.add((node, BG.kstId, Literal(citation.kst_id)))
    g.add((node, BG.dossierNumber, Literal(citation.dossier)))
    g.add((node, BG.ondernummer, Literal(citation.ondernummer)))
    g.add((node, BG.inDossier, dossier_triples(g, minter, citation.dossier)))
    if citation.chamber in CHAMBERS:
        g.add((node, BG.chamber, CHAMBERS[citation.chamber]))
    if citation.vergaderjaar:
        g.add((node, BG.vergaderjaar, Literal(citation.vergaderjaar)))
    g.add((node, RDFS.label, Literal(kamerstuk_label(citation))))
    return node


def kamerstuk_label(citation: Citation) -> str:
    """The citation in its standard form: `Kamerstukken II 2022/23, 33047, nr. 25`."""
    parts = ["Kamerstukken" + (f" {citation.chamber}" if citation.chamber else "")]
    if citation.vergaderjaar:
        first, second = citation.vergaderjaar.split("-")
        parts[0] += f" {first}/{second[-2:]}"
    number = citation.ondernummer if citation.ondernummer.isalpha() else f"nr. {citation.ondernummer}"
    return f"{parts[0]}, {citation.dossier}, {number}"


def kamerstuk_from_id(g: Graph, minter: Minter, kst_id: str) -> URIRef:
    """A Kamerstuk named by its kst id alone (as in a curated sidecar)."""
    m = re.fullmatch(r"kst-(\d+(?:-[0-9A-Z]+)*?)-([0-9]+|[A-Z]{1,2})", kst_id)
    if m is None:
        raise ValueError(f"{kst_id!r} is not a kst identifier such as kst-33047-25")
    citation = Citation(
        raw=kst_id, start=0, end=0, chamber=None, vergaderjaar=None, dossier=m[1], ondernummer=m[2]
    )
    return kamerstuk_triples(g, minter, citation)


def emit_curated(documents: list[SourceDocument], minter: Minter) -> Graph:
    """Facts taken from metadata sidecars: each document node says which file they came from."""
    g = new_graph()
    for source in documents:
        if not source.metadata:
            continue
        data, doc = source.metadata, minter.document(source.doc_id)
        try:
            g.add((doc, RDF.type, DOCUMENT_CLASSES[data.get("type", "document")]))
            g.add((doc, BG.curatedFrom, Literal(source.metadata_source)))
            if data.get("curator"):
                g.add((doc, BG.curatedBy, Literal(data["curator"])))
            if "title" in data:
                g.add((doc, DCTERMS.title, Literal(data["title"])))
            if "date" in data:
                g.add((doc, DCTERMS.date, date_literal(str(data["date"]))))
            if "kenmerk" in data:
                g.add((doc, BG.kenmerk, Literal(data["kenmerk"])))
            if "note" in data:
                g.add((doc, RDFS.comment, Literal(data["note"], lang="en")))
            if "signatory" in data:
                person = minter.person(data["signatory"])
                g.add((person, RDF.type, BG.Person))
                g.add((person, FOAF.name, Literal(data["signatory"])))
                g.add((person, RDFS.label, Literal(data["signatory"])))
                g.add((person, BG.curatedFrom, Literal(source.metadata_source)))
                g.add((doc, BG.signatory, person))
            if "addressee" in data:
                g.add((doc, BG.addressee, CHAMBERS[data["addressee"]]))
            _official_metadata(g, minter, source, doc)
            if "kamerstuk" in data:
                kamerstuk = kamerstuk_from_id(g, minter, data["kamerstuk"])
                g.add((doc, BG.publishedAs, kamerstuk))
            if "annex_of" in data:
                g.add((doc, BG.annexOf, kamerstuk_from_id(g, minter, data["annex_of"])))
        except (ValueError, KeyError) as error:
            raise ValueError(f"{source.metadata_source}: {error}") from None
    return g


def _official_metadata(g: Graph, minter: Minter, source: SourceDocument, doc: URIRef) -> None:
    """What a publication's metadata.xml adds to a sidecar: its vergaderjaar, and its indieners,
    who submitted it (a motion) or signed it (a letter); each says which file it came from."""
    data = source.metadata
    kst = data.get("kamerstuk")
    if kst and data.get("vergaderjaar"):
        g.add((minter.kamerstuk(kst), BG.vergaderjaar, Literal(data["vergaderjaar"])))
    for written in data.get("indieners", []):
        name = " ".join(re.sub(r"\([^)]*\)", " ", written).split())  # `I. (Inge) van Dijk`
        person = minter.person(name)
        g.add((person, RDF.type, BG.Person))
        g.add((person, FOAF.name, Literal(name)))
        g.add((person, RDFS.label, Literal(name)))
        g.add((person, BG.curatedFrom, Literal(source.metadata_source)))
        if data.get("type") == "motie" and kst:
            motion = minter.kamerstuk(kst)
            g.add((motion, RDF.type, BG.Motion))
            g.add((motion, BG.curatedFrom, Literal(source.metadata_source)))
            g.add((motion, BG.submitter, person))
        else:
            g.add((doc, BG.signatory, person))


def load_ontology(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph
