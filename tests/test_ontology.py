"""The ontology: parses, is consistent for HermiT, labels everything in Dutch and English, covers the built graph."""

from __future__ import annotations

import shutil
from pathlib import Path

import owlready2
import pytest
from bestuursgraaf.graph.namespaces import BG
from bestuursgraaf.graph.validate import ONTOLOGY_PATH
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

ONTOLOGY_IRI = URIRef("https://w3id.org/bestuursgraaf/def")
DECLARATION_TYPES = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
)
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def bg_terms(ontology: Graph) -> set[URIRef]:
    return {
        term
        for kind in TERM_TYPES
        for term in ontology.subjects(RDF.type, kind)
        if isinstance(term, URIRef) and term.startswith(str(BG))
    }


def test_ontology_header_names_version_and_licence(ontology: Graph):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef(
        "https://w3id.org/bestuursgraaf/def/0.1.0"
    )
    for predicate in ("title", "description", "creator", "license", "created"):
        assert ontology.value(ONTOLOGY_IRI, URIRef(f"http://purl.org/dc/terms/{predicate}"))


def test_every_bg_term_has_dutch_and_english_label_and_definition(ontology: Graph):
    terms = bg_terms(ontology)
    assert BG.Passage in terms and BG.linkRelation in terms and BG.kstId in terms
    missing = []
    for term in sorted(terms):
        labels = {label.language for label in ontology.objects(term, RDFS.label)}
        definitions = {
            d.language
            for predicate in (SKOS.definition, RDFS.comment)
            for d in ontology.objects(term, predicate)
        }
        for language in ("nl", "en"):
            if language not in labels:
                missing.append(f"{term} has no rdfs:label@{language}")
            if language not in definitions:
                missing.append(f"{term} has no definition@{language}")
    assert not missing, "\n".join(missing)


def test_external_terms_in_axioms_are_declared(ontology: Graph):
    """owlready2 and HermiT need every class and property in an axiom declared with its kind."""
    declared = {s for kind in DECLARATION_TYPES for s in ontology.subjects(RDF.type, kind)}
    referenced = set(ontology.objects(None, RDFS.subClassOf)) | set(
        ontology.objects(None, RDFS.subPropertyOf)
    )
    referenced |= {o for o in ontology.objects(None, RDFS.domain) if isinstance(o, URIRef)}
    referenced |= set(ontology.predicates())
    builtin = (
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://www.w3.org/2000/01/rdf-schema#",
        "http://www.w3.org/2002/07/owl#",
    )
    undeclared = sorted(
        str(term)
        for term in referenced
        if isinstance(term, URIRef) and not str(term).startswith(builtin) and term not in declared
    )
    assert not undeclared, undeclared


def test_link_relation_values_are_the_punned_relation_properties(ontology: Graph):
    assert ontology.value(BG.linkRelation, RDFS.range) == BG.MotionRelationKind
    for relation in (BG.fulfils, BG.takesIntoAccount, BG.respondsTo):
        assert (relation, RDF.type, OWL.ObjectProperty) in ontology
        assert (relation, RDFS.subPropertyOf, BG.relatesToMotion) in ontology
        assert (relation, RDF.type, BG.MotionRelationKind) in ontology


def test_hermit_finds_the_ontology_consistent(ontology: Graph, tmp_path: Path):
    java = shutil.which("java")
    if java is None:
        pytest.skip("no java on PATH for HermiT")
    owlready2.JAVA_EXE = java
    as_ntriples = tmp_path / "bestuursgraaf.nt"
    ontology.serialize(as_ntriples, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(as_ntriples.as_uri()).load()
    assert onto.search_one(iri=str(BG.Passage)) is not None
    with onto:
        # raises OwlReadyInconsistentOntologyError if the ontology is inconsistent
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []


def test_built_graph_uses_only_terms_the_ontology_defines(ontology: Graph, built_graph_path: Path):
    dataset = Dataset()
    dataset.parse(built_graph_path, format="nquads")
    used = set()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        if p.startswith(str(BG)):
            used.add(p)
        if p == RDF.type and o.startswith(str(BG)):
            used.add(o)
        for term in (s, o):
            if isinstance(term, URIRef) and term.startswith(str(BG)):
                used.add(term)
    defined = set(ontology.subjects(RDF.type, None))
    assert sorted(str(t) for t in used - defined) == []
