"""Validation unit by unit gives what validating the union gives, and caches what did not change."""

from __future__ import annotations

from pathlib import Path

import pytest
from bestuursgraaf.graph import validate_units
from bestuursgraaf.graph.build import BuildError, build
from bestuursgraaf.graph.namespaces import BG, Minter
from bestuursgraaf.graph.validate import validate_graph
from bestuursgraaf.graph.validate_units import SHARED, make_units, validate_in_units
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS

from bestuursgraaf.package_data import ontology_dir

SHAPES = ontology_dir() / "shapes.ttl"
ONTOLOGY = ontology_dir() / "bestuursgraaf.ttl"


def _dataset(path: Path) -> Dataset:
    dataset = Dataset()
    dataset.parse(path, format="nquads")
    return dataset


def _quads(dataset: Dataset) -> list:
    return list(dataset.quads((None, None, None, None)))


def _first(dataset: Dataset, kind: URIRef) -> tuple[URIRef, Graph]:
    for graph in dataset.graphs():
        for node in sorted(graph.subjects(RDF.type, kind)):
            return node, graph
    raise AssertionError(f"no {kind} in the graph")


@pytest.fixture
def broken(built_graph_path: Path) -> Dataset:
    """The bundled graph with violations of several kinds, some of which only show across graphs."""
    dataset = _dataset(built_graph_path)
    minter = Minter()
    passage, graph = _first(dataset, BG.Passage)
    graph.remove((passage, BG.quote, None))  # a local node's own property
    motion, _ = _first(dataset, BG.Motion)
    other = dataset.graph(URIRef(str(minter.graph_for_document("zz-other"))))
    other.add((motion, RDFS.label, Literal("")))  # a shared node, broken in a second graph
    person = URIRef("https://w3id.org/bestuursgraaf/id/persoon/zonder-naam")
    other.add((person, RDF.type, BG.Person))
    other.add((person, BG.mentionedIn, passage))
    other.add((motion, BG.submitter, person))  # a value node that fails sh:node NamedPerson
    citation, graph = _first(dataset, BG.Citation)
    for document in list(graph.subjects(BG.hasCitation, citation)):  # an inverse path left empty
        graph.remove((document, BG.hasCitation, citation))
    document, graph = _first(dataset, BG.Document)
    graph.add((document, BG.cites, URIRef("https://w3id.org/bestuursgraaf/id/untyped")))  # sh:class
    graph.add((document, DCTERMS.date, Literal("geen datum")))
    stray = URIRef("https://w3id.org/bestuursgraaf/id/besluit/x")
    dataset.graph(minter.opendata_graph).add((stray, BG.outcome, URIRef("https://example.org/onbekend")))
    return dataset


def test_units_find_exactly_what_the_union_finds(broken):
    whole = validate_graph(broken)
    units = validate_in_units(_quads(broken))
    assert not whole.conforms and len(whole.violations) >= 6
    assert units.violations == whole.violations
    assert units.conforms == whole.conforms


def test_the_bundled_graph_conforms_in_units_as_in_the_union(built_graph_path):
    dataset = _dataset(built_graph_path)
    units = validate_in_units(_quads(dataset), jobs=2)
    assert units.conforms and units.violations == validate_graph(dataset).violations
    assert units.units > 5  # one or more per letter's graph, the shared nodes, the cross-letter graphs


def test_a_node_in_several_graphs_is_validated_once_with_all_it_says(built_graph_path):
    dataset = _dataset(built_graph_path)
    units = make_units(_quads(dataset), Graph().parse(SHAPES), Graph().parse(ONTOLOGY))
    homes: dict = {}
    for unit in units:
        for node in unit.focus:
            assert node not in homes, f"{node} is validated in two units"
            homes[node] = unit.home
    motion, _ = _first(dataset, BG.Motion)
    described_in = {str(g.identifier) for g in dataset.graphs() if (motion, None, None) in g}
    assert homes[motion] == (SHARED if len(described_in) > 1 else described_in.pop())


def test_only_the_units_whose_data_changed_are_validated_again(built_graph_path, tmp_path, monkeypatch):
    dataset = _dataset(built_graph_path)
    first = validate_in_units(_quads(dataset), cache_dir=tmp_path)
    assert first.cached == 0 and first.units > 1
    calls = []
    real = validate_units._validate_unit
    monkeypatch.setattr(validate_units, "_validate_unit", lambda unit, shapes: calls.append(unit.home) or real(unit, shapes))
    again = validate_in_units(_quads(dataset), cache_dir=tmp_path)
    assert again.cached == again.units and calls == [] and again.violations == first.violations
    passage, graph = _first(dataset, BG.Passage)
    graph.remove((passage, BG.quote, None))
    changed = validate_in_units(_quads(dataset), cache_dir=tmp_path)
    assert calls == [str(graph.identifier)]  # the passage's own graph's unit, nothing else
    assert changed.cached == changed.units - 1 and not changed.conforms
    assert any("quote" in v.path for v in changed.violations if v.path)


def test_a_damaged_cache_entry_is_made_again(built_graph_path, tmp_path):
    dataset = _dataset(built_graph_path)
    validate_in_units(_quads(dataset), cache_dir=tmp_path)
    for entry in (tmp_path / "validation").rglob("*.json"):
        entry.write_text("{not json")
    report = validate_in_units(_quads(dataset), cache_dir=tmp_path)
    assert report.cached == 0 and report.conforms


def test_a_build_that_breaks_the_shapes_names_the_documents(corpus_dir, tmp_path):
    shapes = tmp_path / "strict.ttl"
    shapes.write_text(
        """@prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix bg: <https://w3id.org/bestuursgraaf/def#> .
        <urn:x:shape> a sh:NodeShape ; sh:targetClass bg:Person ;
            sh:property [ sh:path bg:party ; sh:minCount 1 ; sh:message "needs a party" ] .
        """
    )
    out = tmp_path / "graph.nq"
    with pytest.raises(BuildError, match="does not conform") as error:
        build(corpus_dir, out, shapes_path=shapes, persist_store=False)
    assert "in nodes that several graphs describe" in str(error.value) or "in document " in str(error.value)
    assert not out.exists()


def test_focus_nodes_of_every_target_kind_are_validated():
    shapes = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <https://example.org/> .
        ex:s1 a sh:NodeShape ; sh:targetObjectsOf ex:p ; sh:in ( ex:ok ) .
        ex:s2 a sh:NodeShape ; sh:targetSubjectsOf ex:q ; sh:property [ sh:path ex:r ; sh:minCount 1 ] .
        ex:s3 a sh:NodeShape ; sh:targetNode ex:lonely ; sh:property [ sh:path ex:r ; sh:minCount 1 ] .
        """,
        format="turtle",
    )
    ex = "https://example.org/"
    g = URIRef(ex + "g")
    quads = [
        (URIRef(ex + "a"), URIRef(ex + "p"), URIRef(ex + "bad"), g),
        (URIRef(ex + "b"), URIRef(ex + "q"), Literal("x"), g),
        (URIRef(ex + "c"), FOAF.name, Literal("c"), g),
    ]
    units = make_units(quads, shapes, Graph())
    focus = {node for unit in units for node in unit.focus}
    assert focus == {URIRef(ex + "bad"), URIRef(ex + "b"), URIRef(ex + "lonely")}


def test_an_inverse_path_sees_the_types_of_its_subjects_in_other_graphs():
    # the Kamer's decision (open-data graph) on a motion typed in a letter's graph: sh:class Motion
    # along ^bg:decision must find the motion's type there, as validating the union does
    base = "https://w3id.org/bestuursgraaf/id/"
    motion, decision, passage = URIRef(base + "motie/m"), URIRef(base + "besluit/b"), URIRef(base + "doc/d/passage/1-2")
    letter, opendata = URIRef(base + "graph/doc/d"), URIRef(base + "graph/tk-opendata")
    quads = [
        (motion, RDF.type, BG.Motion, letter),
        (motion, RDFS.label, Literal("motie-X"), letter),
        (motion, BG.mentionedIn, passage, letter),
        (passage, RDF.type, BG.Passage, letter),
        (motion, BG.decision, decision, opendata),
        (decision, RDF.type, BG.MotionDecision, opendata),
        (decision, BG.importedFrom, Literal("tk-odata/x.json"), opendata),
    ]
    dataset = Dataset()
    for quad in quads:
        dataset.add(quad)
    whole = {v for v in validate_graph(dataset).violations if v.focus == str(decision)}
    units = {v for v in validate_in_units(quads).violations if v.focus == str(decision)}
    assert units == whole
    assert not any("bg:decision" in str(v) and "decision of a bg:Motion" in str(v) for v in units)
