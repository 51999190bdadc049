"""Publishing on the real built corpus: VoID counts, the DCAT-AP shapes, deterministic dumps, diffs, the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bestuursgraaf.graph.build import build_dataset, serialize_nquads
from bestuursgraaf.graph.cli import main
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

REPO_ROOT = Path(__file__).resolve().parent.parent
from bestuursgraaf.graph.namespaces import PREFIXES, Minter
from bestuursgraaf.graph.publish import (
    FORMATS,
    describe_dataset,
    description_graph,
    diff_datasets,
    dump,
    format_summary,
    validate_description,
    with_description,
)
from bestuursgraaf.graph.publish.dataset import LINK_TARGETS, VOID
from bestuursgraaf.graph.publish.dumps import published_context

PARSERS = {"nquads": "nquads", "trig": "trig", "turtle": "turtle", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def built(built_graph_path: Path) -> Dataset:
    dataset = Dataset()
    dataset.parse(built_graph_path, format="nquads")
    return dataset


@pytest.fixture(scope="module")
def union(built: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in built.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


@pytest.fixture(scope="module")
def description(built: Dataset, minter: Minter) -> Graph:
    return describe_dataset(built, minter)


def _number(description: Graph, subject: URIRef, predicate: URIRef) -> int:
    values = list(description.objects(subject, predicate))
    assert len(values) == 1, f"{subject} {predicate}: {values}"
    return int(values[0])


# -- VoID ----------------------------------------------------------------------------------------------


def test_void_counts_equal_independent_rdflib_counts(
    description: Graph, union: Graph, minter: Minter
):
    dataset = URIRef(minter.base + "dataset")
    subjects = set(union.subjects())
    expected = {
        VOID.triples: len(union),
        VOID.distinctSubjects: len(subjects),
        VOID.distinctObjects: len(set(union.objects())),
        VOID.entities: len(
            {s for s in subjects if isinstance(s, URIRef) and s.startswith(minter.base)}
        ),
        VOID.classes: len(set(union.objects(None, RDF.type))),
        VOID.properties: len(set(union.predicates())),
    }
    assert {p: _number(description, dataset, p) for p in expected} == expected


def test_class_and_property_partitions_equal_rdflib_counts(
    description: Graph, union: Graph, minter: Minter
):
    dataset = URIRef(minter.base + "dataset")
    instances = Counter(c for _, c in set(union.subject_objects(RDF.type)))
    per_property = Counter(p for _, p, _ in union)
    classes = {
        description.value(part, VOID["class"]): _number(description, part, VOID.entities)
        for part in description.objects(dataset, VOID.classPartition)
    }
    properties = {
        description.value(part, VOID.property): _number(description, part, VOID.triples)
        for part in description.objects(dataset, VOID.propertyPartition)
    }
    assert classes == dict(instances)
    assert properties == dict(per_property)


def test_linksets_count_links_from_our_resources_to_each_target(
    description: Graph, union: Graph, minter: Minter
):
    expected: Counter = Counter()
    for s, p, o in union:
        if isinstance(o, URIRef) and isinstance(s, URIRef) and s.startswith(minter.base):
            for key, (_, namespace) in LINK_TARGETS.items():
                if o.startswith(namespace):
                    expected[(key, p)] += 1
    found = {}
    for linkset in description.subjects(RDF.type, VOID.Linkset):
        target = description.value(linkset, VOID.objectsTarget)
        key = str(target).rsplit("/", 1)[-1]
        found[(key, description.value(linkset, VOID.linkPredicate))] = _number(
            description, linkset, VOID.triples
        )
    assert found == dict(expected)
    if any(o.startswith(LINK_TARGETS["officielebekendmakingen"][1]) for o in union.objects()):
        assert any(key == "officielebekendmakingen" for key, _ in found)


def test_vocabularies_cover_every_namespace_used(description: Graph, union: Graph, minter: Minter):
    vocabularies = {
        str(v) for v in description.objects(URIRef(minter.base + "dataset"), VOID.vocabulary)
    }
    for term in set(union.predicates()) | set(union.objects(None, RDF.type)):
        assert any(term.startswith(v) for v in vocabularies), term
    assert str(PREFIXES["bg"]) in vocabularies


def test_dates_come_from_the_newest_document_not_the_clock(description: Graph, minter: Minter):
    dataset = URIRef(minter.base + "dataset")
    # the newest seed letter (001) is dated only by its year, 2025, in its sidecar
    assert description.value(dataset, DCTERMS.modified) == Literal(
        "2025", datatype=URIRef(str(PREFIXES["xsd"]) + "gYear")
    )
    assert description.value(dataset, DCTERMS.issued) == description.value(
        dataset, DCTERMS.modified
    )
    period = description.value(dataset, DCTERMS.temporal)
    assert str(description.value(period, DCAT.startDate)) == "2023-01"


def test_distribution_per_dump_format_and_a_sparql_service(description: Graph, minter: Minter):
    base = minter.base
    for fmt in FORMATS.values():
        node = URIRef(f"{base}dataset/distributie/{fmt.name}")
        assert description.value(node, DCAT.downloadURL) == URIRef(f"{base}dump.{fmt.extension}")
        media_type = description.value(node, DCAT.mediaType)
        assert media_type == URIRef(f"https://www.iana.org/assignments/media-types/{fmt.media_type}")
        file_type = description.value(node, DCTERMS.format)
        assert file_type == URIRef(
            f"http://publications.europa.eu/resource/authority/file-type/{fmt.file_type}"
        )
    assert (URIRef(base + "sparql"), RDF.type, DCAT.DataService) in description
    assert (URIRef(base + "dataset"), VOID.sparqlEndpoint, URIRef(base + "sparql")) in description


# -- DCAT-AP shapes ------------------------------------------------------------------------------------


def test_description_conforms_to_the_dcat_ap_shapes(description: Graph, minter: Minter):
    results = validate_description(description)
    assert [r for r in results if r.severity == "Violation"] == []
    # The only warnings are DCAT-AP-NL recommendations that do not apply: a downloadable file is not
    # served through a data service (no dcat:accessService), and the SPARQL endpoint is no file to
    # download (no dcat:downloadURL).
    warnings = {(r.focus.rsplit("/", 1)[-1], r.path.rsplit("#", 1)[-1]) for r in results}
    expected = {(fmt, "accessService") for fmt in FORMATS} | {("sparql", "downloadURL")}
    assert warnings == expected


def test_broken_description_fails_the_shapes(description: Graph, minter: Minter):
    broken = Graph()
    for triple in description:
        broken.add(triple)
    dataset = URIRef(minter.base + "dataset")
    nquads = URIRef(minter.base + "dataset/distributie/nquads")
    broken.remove((dataset, DCTERMS.title, None))
    broken.remove((nquads, DCAT.accessURL, None))
    violations = {
        (r.focus, r.path) for r in validate_description(broken) if r.severity == "Violation"
    }
    assert violations == {(str(dataset), str(DCTERMS.title)), (str(nquads), str(DCAT.accessURL))}


# -- dumps ---------------------------------------------------------------------------------------------

_DUMP_SCRIPT = """
import hashlib, json, sys
from bestuursgraaf.graph.build import build_dataset
from bestuursgraaf.graph.config import BUNDLED_CORPUS
from bestuursgraaf.graph.namespaces import Minter
from bestuursgraaf.graph.publish import FORMATS, dump, with_description
dataset = with_description(build_dataset(BUNDLED_CORPUS), Minter())
print(json.dumps({f: hashlib.sha256(dump(dataset, f)).hexdigest() for f in FORMATS}))
"""


def _dump_hashes(seed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", _DUMP_SCRIPT],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_two_builds_give_byte_identical_dumps_across_hash_seeds():
    first, second = _dump_hashes("1"), _dump_hashes("4242")
    assert set(first) == set(FORMATS)
    assert first == second


@pytest.mark.parametrize("fmt", ["trig", "turtle", "jsonld"])
def test_dumps_parse_back_to_the_nquads_triples(built: Dataset, minter: Minter, fmt: str):
    dataset = with_description(built, minter)
    reference = Dataset().parse(data=dump(dataset, "nquads").decode("utf-8"), format="nquads")
    back = Dataset().parse(data=dump(dataset, fmt).decode("utf-8"), format=PARSERS[fmt])
    triples = {(s, p, o) for s, p, o, _ in reference.quads((None, None, None, None))}
    assert {(s, p, o) for s, p, o, _ in back.quads((None, None, None, None))} == triples
    if FORMATS[fmt].named_graphs:
        assert set(back.quads((None, None, None, None))) == set(
            reference.quads((None, None, None, None))
        )


def test_nquads_dump_is_the_sorted_build_output(built: Dataset, built_graph_path: Path):
    assert dump(built, "nquads") == serialize_nquads(built) == built_graph_path.read_bytes()


def test_jsonld_uses_the_published_context_with_the_project_prefixes(built: Dataset):
    document = json.loads(dump(built, "jsonld"))
    context_file = json.loads((REPO_ROOT / "graph" / "publish" / "context.jsonld").read_text())
    assert document["@context"] == context_file["@context"] == published_context()
    assert all(published_context()[p] == str(ns) for p, ns in PREFIXES.items())
    assert '"bg:quote"' in dump(built, "jsonld").decode("utf-8")


def test_unknown_format_is_refused(built: Dataset):
    with pytest.raises(ValueError, match="unknown dump format 'rdfxml'"):
        dump(built, "rdfxml")


# -- diff ----------------------------------------------------------------------------------------------

REMOVED = "002_8e66f98fee8945c9"


@pytest.fixture(scope="module")
def diff_without_one_document(tmp_path_factory, corpus_dir: Path, built: Dataset):
    # The copy keeps the folder name `corpus`: the graph records each file's path (bg:sourceFile,
    # bg:curatedFrom) relative to the corpus' parent, so another folder name would change every graph.
    copy = tmp_path_factory.mktemp("without") / "corpus"
    shutil.copytree(corpus_dir, copy)
    (copy / f"{REMOVED}.txt").unlink()
    (copy / f"{REMOVED}.json").unlink()
    without = build_dataset(copy)
    return without, diff_datasets(without, built)


def _subjects(lines: list[str]) -> set[str]:
    return {line.split(" ", 1)[0].strip("<>") for line in lines}


def test_diff_adds_the_documents_graph_whole(
    diff_without_one_document, built: Dataset, minter: Minter
):
    _, diffs = diff_without_one_document
    by_graph = {d.graph: d for d in diffs}
    name = minter.graph_for_document(REMOVED)
    document_lines = serialize_nquads(built).decode("utf-8").splitlines()
    expected = sorted(line for line in document_lines if line.endswith(f"<{name}> ."))
    assert by_graph[str(name)].added == expected
    assert by_graph[str(name)].removed == []


def test_diff_of_the_curated_graph_is_the_sidecars_facts(diff_without_one_document, minter: Minter):
    _, diffs = diff_without_one_document
    curated = {d.graph: d for d in diffs}[str(minter.curated_graph)]
    # the sidecar gives the document's type, title, date, note, curator, file and `annex_of`
    # kst-33047-27, a Kamerstuk no other sidecar names (its 6 triples come with it)
    assert curated.removed == []
    assert _subjects(curated.added) == {
        str(minter.document(REMOVED)),
        str(minter.kamerstuk("kst-33047-27")),
    }
    assert len(curated.added) == 13


def test_diff_shows_the_motion_only_that_document_identified(
    diff_without_one_document, minter: Minter
):
    without, diffs = diff_without_one_document
    by_graph = {d.graph: d for d in diffs}
    # Letter 003 mentions the "motie-Strolenberg" by name only. Only the removed annex (002) cites it
    # as Kamerstuk 35298 nr. 19, so with 002 the motion is that Kamerstuk and without it a motion
    # named by its submitter: 003's graph changes though 003 itself did not.
    # The action of 003 that fulfils the motion, and the qualified link saying so, follow it.
    other = by_graph[str(minter.graph_for_document("003_716a83a6eb3f8840"))]
    named, identified = str(minter.motion("motie-Strolenberg")), str(minter.kamerstuk("kst-35298-19"))
    action = minter.thing("actie", "003_716a83a6eb3f8840-onderzoek-besteding-budgetten")
    link = "koppeling/003-716a83a6eb3f8840-onderzoek-besteding-budgetten-{}-fulfils"
    assert _subjects(other.removed) == {named, str(action), minter.base + link.format("strolenberg")}
    assert _subjects(other.added) == {identified, str(action), minter.base + link.format("kst-35298-19")}
    for line in other.removed:
        assert named in line or link.format("strolenberg") in line
    for line in other.added:
        assert identified in line or link.format("kst-35298-19") in line
    # Links (graph/links, if the build makes one) only for resources the document brought in, none removed.
    links = by_graph.get(minter.base + "graph/links")
    if links is not None:
        known_before = {str(s) for s in without.subjects()}
        assert links.removed == []
        assert not (_subjects(links.added) & known_before - {str(minter.kamerstuk("kst-35298-19"))})
    # What connects the letters in time (graph/trace) is made from all of them, so it changes too:
    # the continuations and promise steps that ran through the removed letter.
    trace = by_graph.get(str(minter.trace_graph))
    assert trace is not None and any(REMOVED.replace("_", "-") in line for line in trace.added)
    # The January 2023 letter (004) has two headings that 002 keeps as its action lines: they are
    # actions of 004 only when 002 is there to recognise them by (bg:recognisedFrom an action of 002).
    agenda = by_graph[str(minter.graph_for_document("004_6c88505460917616"))]
    assert agenda.removed == []
    recognised = [line for line in agenda.added if "recognisedFrom" in line]
    assert recognised and all(REMOVED.replace("_", "-") in line for line in recognised)
    expected_graphs = {
        str(minter.curated_graph),
        str(minter.graph_for_document(REMOVED)),
        str(minter.graph_for_document("003_716a83a6eb3f8840")),
        str(minter.graph_for_document("004_6c88505460917616")),
        str(minter.trace_graph),
    } | ({links.graph} if links else set())
    assert set(by_graph) == expected_graphs  # nothing else: not the ontology, not the other letters


def test_summary_lists_each_graph_with_its_counts(diff_without_one_document, minter: Minter):
    _, diffs = diff_without_one_document
    summary = format_summary(diffs)
    name = minter.graph_for_document(REMOVED)
    added = len({d.graph: d for d in diffs}[str(name)].added)
    assert f"+{added} -0  {name}" in summary.splitlines()
    assert format_summary([]) == "no differences\n"


# -- CLI -----------------------------------------------------------------------------------------------


def test_cli_export_includes_the_description_graph(built_graph_path: Path, minter: Minter, capsys):
    assert main(["export", "--format", "nquads", "--graph", str(built_graph_path)]) == 0
    out = capsys.readouterr().out
    dataset = Dataset().parse(data=out, format="nquads")
    description = dataset.graph(description_graph(minter))
    assert (URIRef(minter.base + "dataset"), RDF.type, DCAT.Dataset) in description
    assert len(dataset.graph(minter.curated_graph)) > 0


def test_cli_export_turtle_to_a_file(built_graph_path: Path, tmp_path: Path, capsys):
    out = tmp_path / "dump.ttl"
    assert (
        main(["export", "--format", "turtle", "--graph", str(built_graph_path), "--out", str(out)])
        == 0
    )
    assert capsys.readouterr().out == ""
    assert len(Graph().parse(out, format="turtle")) > 0


def test_cli_diff_prints_the_summary(
    built_graph_path: Path, tmp_path: Path, minter: Minter, capsys
):
    curated = f"<{minter.curated_graph}> ."
    lines = built_graph_path.read_text(encoding="utf-8").splitlines()
    older = tmp_path / "older.nq"
    older.write_text(
        "\n".join(line for line in lines if not line.endswith(curated)) + "\n", encoding="utf-8"
    )
    removed = sum(line.endswith(curated) for line in lines)
    assert main(["diff", str(older), str(built_graph_path), "--summary-only"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"+{removed} -0  {minter.curated_graph}"
    assert main(["diff", str(built_graph_path), str(built_graph_path)]) == 0
    assert capsys.readouterr().out == "no differences\n"


def test_cli_errors_are_one_readable_line(built_graph_path: Path, tmp_path: Path, capsys):
    assert main(["diff", str(built_graph_path), str(tmp_path / "missing.nq")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("bestuursgraaf: error: ") and "missing.nq" in err[0]
    broken = tmp_path / "broken.nq"
    broken.write_text("this is not n-quads\n", encoding="utf-8")
    assert main(["export", "--graph", str(broken)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "broken.nq" in err[0]
