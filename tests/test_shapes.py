"""The SHACL shapes: a small valid graph with one of everything conforms; each kind of breakage is caught on the right node and path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bestuursgraaf.graph.namespaces import BG
from bestuursgraaf.graph.validate import ValidationReport, Violation, validate_graph
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

ID = "https://example.org/id/"
DOC = URIRef(ID + "doc/brief")
PASSAGE = URIRef(ID + "doc/brief/passage/10-90")
SECTION = URIRef(ID + "doc/brief/section/1")
CITATION = URIRef(ID + "doc/brief/citation/40")
KAMERSTUK = URIRef(ID + "kamerstuk/kst-33047-25")
DOSSIER = URIRef(ID + "dossier/33047")
MOTION = URIRef(ID + "motie/van-der-plas")
PERSON = URIRef(ID + "persoon/van-der-plas")
PARTY = URIRef(ID + "partij/bbb")
ACTION = URIRef(ID + "actie/ondersteuning-raadsleden")
ACTION_LINE = URIRef(ID + "actielijn/versterken-raden")
LINK = URIRef(ID + "link/1")
COMMITMENT = URIRef(ID + "toezegging/1")
REPORT = URIRef(ID + "rapport/rob-advies")
MINISTRY = URIRef(ID + "organisatie/bzk")
REGIO_DEAL = URIRef(ID + "samenwerking/regio-deal-parkstad")
LAW = URIRef(ID + "wet/gemeentewet")
PROVISION = URIRef(ID + "wet/gemeentewet/artikel-1")
CURATED = Literal("corpus/brief.json")
STEP = URIRef(ID + "toezegging/1/stap/1")
CONTINUATION = URIRef(ID + "voortzetting/1")


def valid_graph() -> Graph:
    """One valid instance of every shaped class, linked the way the pipeline links them."""
    g = Graph()
    add = g.add
    add((DOC, RDF.type, BG.Kamerbrief))  # typed only by the subclass: the shape reaches it
    add((DOC, BG.sourceFile, Literal("corpus/brief.txt")))
    add((DOC, DCTERMS.title, Literal("Versterking decentrale besturen")))
    add((DOC, DCTERMS.date, Literal("2023-09-04", datatype=XSD.date)))
    add((DOC, BG.addressee, BG.TweedeKamer))
    add((DOC, BG.signatory, PERSON))
    add((DOC, BG.hasSection, SECTION))
    add((DOC, BG.hasCitation, CITATION))
    add((DOC, BG.cites, KAMERSTUK))
    add((DOC, BG.publishedAs, KAMERSTUK))

    add((SECTION, RDF.type, BG.Section))
    add((SECTION, BG.inDocument, DOC))
    add((SECTION, DCTERMS.title, Literal("Inleiding")))
    add((SECTION, BG.order, Literal(1)))
    add((SECTION, BG.level, Literal(1)))
    add((SECTION, BG.sectionNumber, Literal("1")))

    add((PASSAGE, RDF.type, BG.Passage))
    add((PASSAGE, BG.inDocument, DOC))
    add((PASSAGE, BG.startOffset, Literal(10)))
    add((PASSAGE, BG.endOffset, Literal(90)))
    add((PASSAGE, BG.quote, Literal("de motie van het lid Van der Plas (Kamerstuk 33047, nr. 25)")))
    add((PASSAGE, BG.inSection, SECTION))

    add((CITATION, RDF.type, BG.Citation))
    add((CITATION, BG.rawText, Literal("Kamerstuk 33047, nr. 25")))
    add((CITATION, BG.evidence, PASSAGE))
    add((CITATION, BG.citedKamerstuk, KAMERSTUK))
    add((CITATION, BG.footnoteNumber, Literal(3)))
    add((CITATION, BG.startOffset, Literal(40)))

    add((KAMERSTUK, RDF.type, BG.Kamerstuk))
    add((KAMERSTUK, BG.kstId, Literal("kst-33047-25")))
    add((KAMERSTUK, BG.dossierNumber, Literal("33047")))
    add((KAMERSTUK, BG.ondernummer, Literal("25")))
    add((KAMERSTUK, BG.vergaderjaar, Literal("2022-2023")))
    add((KAMERSTUK, BG.chamber, BG.TweedeKamer))
    add((KAMERSTUK, BG.inDossier, DOSSIER))
    add((DOSSIER, RDF.type, BG.Dossier))
    add((DOSSIER, BG.dossierNumber, Literal("33047")))

    add((MOTION, RDF.type, BG.Motion))  # known by its submitter only: no kst id needed
    add((MOTION, RDFS.label, Literal("motie-Van der Plas")))
    add((MOTION, BG.mentionedIn, PASSAGE))
    add((MOTION, BG.submitter, PERSON))
    add((MOTION, BG.adopted, Literal(True)))
    add((MOTION, BG.requestText, Literal("verzoekt de regering raadsleden beter te ondersteunen")))

    add((PERSON, RDF.type, BG.Person))
    add((PERSON, FOAF.name, Literal("Van der Plas")))
    add((PERSON, BG.mentionedIn, PASSAGE))
    add((PERSON, BG.party, PARTY))
    add((PERSON, BG.memberOfChamber, BG.TweedeKamer))
    add((PARTY, RDF.type, BG.PoliticalParty))
    add((PARTY, RDFS.label, Literal("BBB")))
    add((PARTY, BG.mentionedIn, PASSAGE))

    add((ACTION, RDF.type, BG.Action))
    add((ACTION, DCTERMS.title, Literal("Ondersteuning van raadsleden")))
    add((ACTION, BG.mentionedIn, PASSAGE))
    add((ACTION, BG.status, BG.InProgress))
    add((ACTION, BG.actionLine, ACTION_LINE))
    add((ACTION, BG.responsible, MINISTRY))
    add((ACTION, BG.fulfils, MOTION))
    add((ACTION, BG.involves, BG.Gemeente))
    add((ACTION, BG.involves, REGIO_DEAL))
    add((ACTION, BG.announcedIn, DOC))
    add((ACTION, BG.inSection, SECTION))
    add((ACTION_LINE, RDF.type, BG.ActionLine))
    add((ACTION_LINE, RDFS.label, Literal("Versterken van raden")))
    add((ACTION_LINE, BG.curatedFrom, CURATED))

    add((LINK, RDF.type, BG.ActionMotionLink))
    add((LINK, BG.linkAction, ACTION))
    add((LINK, BG.linkMotion, MOTION))
    add((LINK, BG.linkRelation, BG.fulfils))
    add((LINK, BG.evidence, PASSAGE))

    add((COMMITMENT, RDF.type, BG.Commitment))
    add((COMMITMENT, RDFS.label, Literal("De Kamer voor de zomer informeren")))
    add((COMMITMENT, BG.evidence, PASSAGE))
    add((COMMITMENT, BG.status, BG.Open))
    add((COMMITMENT, BG.promisor, PERSON))
    add((COMMITMENT, BG.promisee, BG.TweedeKamer))
    add((COMMITMENT, BG.about, ACTION))
    add((COMMITMENT, BG.madeIn, DOC))
    add((COMMITMENT, BG.deadlineText, Literal("voor de zomer van 2024")))
    add((COMMITMENT, BG.deadlineStart, Literal("2024-01-01", datatype=XSD.date)))
    add((COMMITMENT, BG.deadlineEnd, Literal("2024-06-30", datatype=XSD.date)))

    add((REPORT, RDF.type, BG.AdvisoryReport))
    add((REPORT, DCTERMS.title, Literal("Vertrouwen in verbinding")))
    add((REPORT, BG.author, MINISTRY))
    add((REPORT, BG.year, Literal("2022", datatype=XSD.gYear)))
    add((REPORT, BG.mentionedIn, PASSAGE))
    add((DOC, BG.cites, REPORT))

    add((MINISTRY, RDF.type, BG.Ministry))
    add((MINISTRY, RDFS.label, Literal("ministerie van BZK")))
    add((MINISTRY, BG.layer, BG.Rijk))
    add((MINISTRY, BG.curatedFrom, CURATED))

    add((REGIO_DEAL, RDF.type, BG.RegioDeal))
    add((REGIO_DEAL, RDFS.label, Literal("Regio Deal Parkstad Limburg")))
    add((REGIO_DEAL, BG.mentionedIn, PASSAGE))

    add((LAW, RDF.type, BG.Law))
    add((LAW, RDFS.label, Literal("Gemeentewet")))
    add((LAW, BG.mentionedIn, PASSAGE))
    add((PROVISION, RDF.type, BG.LegalProvision))
    add((PROVISION, RDFS.label, Literal("artikel 1 Gemeentewet")))
    add((PROVISION, BG.provisionOf, LAW))
    add((PROVISION, BG.mentionedIn, PASSAGE))

    add((STEP, RDF.type, BG.CommitmentStep))
    add((STEP, BG.stepOf, COMMITMENT))
    add((STEP, BG.stepDocument, DOC))
    add((STEP, BG.status, BG.Deferred))
    add((STEP, BG.stepKind, Literal("deferred")))
    add((STEP, BG.stepDate, Literal("2024-06-01", datatype=XSD.date)))
    add((STEP, BG.evidence, PASSAGE))
    add((CONTINUATION, RDF.type, BG.ActionContinuation))
    add((CONTINUATION, BG.fromAction, ACTION))
    add((CONTINUATION, BG.toAction, ACTION))
    add((CONTINUATION, BG.linkMethod, Literal("automatic: same name")))
    add((CONTINUATION, BG.evidence, PASSAGE))
    return g


NAME_PATH = f"(<{RDFS.label}>|<{DCTERMS.title}>|<{FOAF.name}>|<{SKOS.prefLabel}>)"


def violations_at(report: ValidationReport, focus: URIRef) -> list[Violation]:
    return [v for v in report.violations if v.focus == str(focus)]


def test_valid_graph_with_one_of_everything_conforms():
    report = validate_graph(valid_graph())
    assert report.violations == []
    assert report.conforms


def test_dataset_is_validated_as_the_union_of_its_graphs():
    dataset = Dataset()
    triples = list(valid_graph())
    half = len(triples) // 2
    for triple in triples[:half]:
        dataset.graph(URIRef(ID + "graph/a")).add(triple)
    for triple in triples[half:]:
        dataset.graph(URIRef(ID + "graph/b")).add(triple)
    assert validate_graph(dataset).conforms
    dataset.graph(URIRef(ID + "graph/b")).add((PASSAGE, BG.startOffset, Literal(5)))
    report = validate_graph(dataset)
    assert not report.conforms
    assert any(v.path == str(BG.startOffset) for v in violations_at(report, PASSAGE))


def drop(subject: URIRef, predicate: URIRef) -> Callable[[Graph], None]:
    return lambda g: g.remove((subject, predicate, None))


def replace(subject: URIRef, predicate: URIRef, value) -> Callable[[Graph], None]:
    return lambda g: g.set((subject, predicate, value))


def also(subject: URIRef, predicate: URIRef, value) -> Callable[[Graph], None]:
    return lambda g: g.add((subject, predicate, value))


def steps(*mutations: Callable[[Graph], None]) -> Callable[[Graph], None]:
    def run(g: Graph) -> None:
        for mutation in mutations:
            mutation(g)

    return run


def without_provenance(subject: URIRef) -> Callable[[Graph], None]:
    return steps(
        drop(subject, BG.mentionedIn), drop(subject, BG.evidence), drop(subject, BG.curatedFrom)
    )


def new_chamber(g: Graph) -> None:
    g.add((BG.Senaat, RDF.type, BG.Chamber))
    g.add((BG.Senaat, RDFS.label, Literal("Senaat")))
    g.add((BG.Senaat, BG.curatedFrom, CURATED))


BROKEN = {
    # What connects the letters in time
    "commitment step of no commitment": (drop(STEP, BG.stepOf), STEP, BG.stepOf),
    "commitment step with an action status": (replace(STEP, BG.status, BG.Done), STEP, BG.status),
    "commitment step dated by a string": (
        replace(STEP, BG.stepDate, Literal("juni 2024")), STEP, BG.stepDate,
    ),
    "commitment step without its passage": (drop(STEP, BG.evidence), STEP, None),
    "continuation without saying how it was found": (
        drop(CONTINUATION, BG.linkMethod), CONTINUATION, BG.linkMethod,
    ),
    "continuation with a made-up method": (
        replace(CONTINUATION, BG.linkMethod, Literal("guessed")), CONTINUATION, BG.linkMethod,
    ),
    "continuation to an untyped node": (
        replace(CONTINUATION, BG.toAction, URIRef(ID + "x")), CONTINUATION, BG.toAction,
    ),
    # Document (reached through bg:Kamerbrief ⊑ bg:Document)
    "document without source file or curation": (drop(DOC, BG.sourceFile), DOC, None),
    "document with two titles": (
        also(DOC, DCTERMS.title, Literal("Nog een titel")),
        DOC,
        DCTERMS.title,
    ),
    "document date as a plain string": (
        replace(DOC, DCTERMS.date, Literal("2023-09-04")),
        DOC,
        DCTERMS.date,
    ),
    "document addressed to an untyped node": (
        replace(DOC, BG.addressee, URIRef(ID + "x")),
        DOC,
        BG.addressee,
    ),
    # Kamerstuk
    "kst id without kst- prefix": (
        replace(KAMERSTUK, BG.kstId, Literal("33047-25")),
        KAMERSTUK,
        BG.kstId,
    ),
    "kst id in lower case": (
        replace(KAMERSTUK, BG.kstId, Literal("kst-35925-vii-3")),
        KAMERSTUK,
        BG.kstId,
    ),
    "kamerstuk without kst id": (drop(KAMERSTUK, BG.kstId), KAMERSTUK, None),
    "kamerstuk in two chambers": (
        also(KAMERSTUK, BG.chamber, BG.EersteKamer),
        KAMERSTUK,
        BG.chamber,
    ),
    "vergaderjaar with a slash": (
        replace(KAMERSTUK, BG.vergaderjaar, Literal("2022/23")),
        KAMERSTUK,
        BG.vergaderjaar,
    ),
    # Dossier
    "dossier number with spaces": (
        replace(DOSSIER, BG.dossierNumber, Literal("33 047")),
        DOSSIER,
        BG.dossierNumber,
    ),
    "dossier without number": (drop(DOSSIER, BG.dossierNumber), DOSSIER, BG.dossierNumber),
    # Motion
    "motion without label": (drop(MOTION, RDFS.label), MOTION, RDFS.label),
    "motion without provenance": (without_provenance(MOTION), MOTION, None),
    "motion submitter without a name": (drop(PERSON, FOAF.name), MOTION, BG.submitter),
    # Chamber
    "a third chamber": (new_chamber, BG.Senaat, None),
    # Person and party
    "person without name": (drop(PERSON, FOAF.name), PERSON, FOAF.name),
    "person without provenance": (without_provenance(PERSON), PERSON, None),
    "person in a party that is not a party": (
        replace(PERSON, BG.party, MINISTRY),
        PERSON,
        BG.party,
    ),
    "party without label": (drop(PARTY, RDFS.label), PARTY, RDFS.label),
    # Citation
    "citation without raw text": (drop(CITATION, BG.rawText), CITATION, BG.rawText),
    "citation with two evidence passages": (
        steps(
            also(CITATION, BG.evidence, URIRef(ID + "p2")),
            also(URIRef(ID + "p2"), RDF.type, BG.Passage),
        ),
        CITATION,
        BG.evidence,
    ),
    "citation citing two kamerstukken": (
        steps(also(CITATION, BG.citedKamerstuk, MOTION)),
        CITATION,
        BG.citedKamerstuk,
    ),
    "citation with footnote 0": (
        replace(CITATION, BG.footnoteNumber, Literal(0)),
        CITATION,
        BG.footnoteNumber,
    ),
    # Passage
    "passage starting after its end": (
        replace(PASSAGE, BG.startOffset, Literal(500)),
        PASSAGE,
        BG.startOffset,
    ),
    "passage with negative offset": (
        steps(replace(PASSAGE, BG.startOffset, Literal(-1))),
        PASSAGE,
        BG.startOffset,
    ),
    "passage with offset as string": (
        replace(PASSAGE, BG.endOffset, Literal("90")),
        PASSAGE,
        BG.endOffset,
    ),
    "passage with empty quote": (replace(PASSAGE, BG.quote, Literal("")), PASSAGE, BG.quote),
    "passage in no document": (drop(PASSAGE, BG.inDocument), PASSAGE, BG.inDocument),
    # Section
    "section numbered from 0": (replace(SECTION, BG.order, Literal(0)), SECTION, BG.order),
    "section without heading": (drop(SECTION, DCTERMS.title), SECTION, DCTERMS.title),
    # Action and action line
    "action without provenance": (without_provenance(ACTION), ACTION, None),
    "action without name": (drop(ACTION, DCTERMS.title), ACTION, NAME_PATH),
    "action with a commitment status": (replace(ACTION, BG.status, BG.Open), ACTION, BG.status),
    "action fulfilling a non-motion": (
        replace(ACTION, BG.fulfils, DOC),
        ACTION,
        f"(<{BG.relatesToMotion}>|<{BG.fulfils}>|<{BG.takesIntoAccount}>|<{BG.respondsTo}>)",
    ),
    "action line without provenance": (without_provenance(ACTION_LINE), ACTION_LINE, None),
    # Action-motion link
    "link with the general relation": (
        replace(LINK, BG.linkRelation, BG.relatesToMotion),
        LINK,
        BG.linkRelation,
    ),
    "link without evidence": (drop(LINK, BG.evidence), LINK, BG.evidence),
    "link without motion": (drop(LINK, BG.linkMotion), LINK, BG.linkMotion),
    # Commitment
    "commitment without provenance": (without_provenance(COMMITMENT), COMMITMENT, None),
    "commitment deadline ending before it starts": (
        replace(COMMITMENT, BG.deadlineEnd, Literal("2023-12-31", datatype=XSD.date)),
        COMMITMENT,
        BG.deadlineStart,
    ),
    "commitment deadline as a year": (
        replace(COMMITMENT, BG.deadlineEnd, Literal("2024", datatype=XSD.gYear)),
        COMMITMENT,
        BG.deadlineEnd,
    ),
    "commitment to a ministry": (
        replace(COMMITMENT, BG.promisee, MINISTRY),
        COMMITMENT,
        BG.promisee,
    ),
    # Advisory report
    "report without provenance": (without_provenance(REPORT), REPORT, None),
    "report without title": (drop(REPORT, DCTERMS.title), REPORT, NAME_PATH),
    "report by an untyped author": (
        replace(REPORT, BG.author, URIRef(ID + "x")),
        REPORT,
        BG.author,
    ),
    # Organisation
    "organisation without provenance": (without_provenance(MINISTRY), MINISTRY, None),
    "organisation in an unknown layer": (
        replace(MINISTRY, BG.layer, BG.Europa),
        MINISTRY,
        BG.layer,
    ),
    # Regional collaboration
    "regio deal without provenance": (without_provenance(REGIO_DEAL), REGIO_DEAL, None),
    "regio deal without name": (drop(REGIO_DEAL, RDFS.label), REGIO_DEAL, NAME_PATH),
    # Law and provision
    "law without provenance": (without_provenance(LAW), LAW, None),
    "provision of a non-law": (replace(PROVISION, BG.provisionOf, DOC), PROVISION, BG.provisionOf),
    # Concepts
    "an unknown status": (lambda g: g.add((BG.Paused, RDF.type, BG.Status)), BG.Paused, None),
    "an unknown layer": (
        lambda g: g.add((BG.Europa, RDF.type, BG.GovernmentLayer)),
        BG.Europa,
        None,
    ),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_broken_instance_is_reported_on_its_node_and_path(case: str):
    mutate, focus, path = BROKEN[case]
    graph = valid_graph()
    mutate(graph)
    report = validate_graph(graph)
    assert not report.conforms
    found = violations_at(report, focus)
    expected_path = None if path is None else str(path)
    assert any(v.path == expected_path for v in found), [str(v) for v in report.violations]
    for violation in report.violations:
        line = str(violation)
        assert "\n" not in line and line.strip() == line
        assert violation.severity == "Violation"


def test_violation_reads_as_one_line_with_prefixed_names():
    graph = valid_graph()
    graph.set((KAMERSTUK, BG.kstId, Literal("33047-25")))
    (violation,) = validate_graph(graph).violations
    assert str(violation) == (
        f"<{KAMERSTUK}> bg:kstId: A Kamerstuk has one bg:kstId, written like kst-33047-25, "
        "kst-36600-VII-142 or kst-35570-VII-K."
    )


def test_citation_outside_any_document_names_the_inverse_path():
    graph = valid_graph()
    graph.remove((DOC, BG.hasCitation, CITATION))
    (violation,) = validate_graph(graph).violations
    assert violation.path == f"^<{BG.hasCitation}>"
    assert str(violation).startswith(f"<{CITATION}> ^bg:hasCitation: ")


@pytest.mark.parametrize(
    "kst_id", ["kst-33047-25", "kst-36600-VII-142", "kst-35570-VII-K", "kst-36200-B-10"]
)
def test_real_kst_ids_pass(kst_id: str):
    graph = valid_graph()
    graph.set((KAMERSTUK, BG.kstId, Literal(kst_id)))
    assert validate_graph(graph).conforms


@pytest.mark.parametrize(
    "kst_id",
    ["33047-25", "kst-", "kst 33047 25", "kst-33047-25 ", "kst-35925-vii-3", "KST-33047-25"],
)
def test_malformed_kst_ids_fail(kst_id: str):
    graph = valid_graph()
    graph.set((KAMERSTUK, BG.kstId, Literal(kst_id)))
    report = validate_graph(graph)
    assert [(v.focus, v.path) for v in report.violations] == [(str(KAMERSTUK), str(BG.kstId))]


def test_motion_known_by_kst_id_is_also_a_kamerstuk():
    graph = valid_graph()
    graph.add((KAMERSTUK, RDF.type, BG.Motion))
    graph.add((KAMERSTUK, RDFS.label, Literal("motie-Van der Plas (33047, nr. 25)")))
    graph.add((KAMERSTUK, BG.mentionedIn, PASSAGE))
    assert validate_graph(graph).conforms
    graph.remove((KAMERSTUK, BG.kstId, None))
    assert validate_graph(graph).conforms  # a motion may lack a kst id


def test_ontology_individuals_conform_with_their_own_provenance():
    """The chambers, layers and statuses come from the ontology and need no passage."""
    graph = Graph()
    graph.add((BG.TweedeKamer, RDF.type, BG.Chamber))
    report = validate_graph(graph)
    assert report.conforms, [str(v) for v in report.violations]


def test_built_corpus_conforms(built_graph_path: Path):
    dataset = Dataset()
    dataset.parse(built_graph_path, format="nquads")
    report = validate_graph(dataset)
    assert report.conforms, "\n".join(str(v) for v in report.violations[:20])
