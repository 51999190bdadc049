"""SHACL validation in units that grow with the data, run in parallel and cached.

pySHACL over the union of a whole corpus costs more than the rest of the build together (148 s of
a 286 s build at 432k quads) and grows with the corpus every time one letter is added. Here the
same shapes are checked one *unit* of focus nodes at a time, each over exactly the triples its
checks can read:

- a unit is a set of focus nodes (the typed nodes, which `sh:targetClass` selects, and the
  nodes that `sh:targetNode`, `sh:targetSubjectsOf` and `sh:targetObjectsOf` select): the nodes described in one named
  graph only (a letter's passages, sections, citations; the trace graph's steps) form that
  graph's units; the nodes described in several graphs (a motion, a person, a Kamerstuk named by
  many letters) form the shared units; a home with many nodes is split into buckets by a stable
  hash of the node, so that a unit stays small and adding a letter touches few of them;
- a unit's data are, for each of its focus nodes, every triple it is the subject of and every
  triple it is the object of (inverse paths) in any graph; for each value node, its types and
  the properties that the shapes applied to value nodes (`sh:node` in a property shape) read;
  and the ontology's class hierarchy, which `sh:targetClass` and `sh:class` follow;
- pySHACL runs on those data with the unit's nodes as its focus nodes, so the value nodes included
  for their types are validated in their own unit, not again here.

The results are therefore those of validating the union (tests/test_validate_units.py compares
both on graphs with violations), and each unit's result depends only on its data: it is cached
under the SHA-256 of that data, the shapes, the ontology and this module. Adding one letter
re-validates its own graph's units and the few shared units whose nodes it names.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import pyshacl
from bestuursgraaf.graph.validate import (
    ONTOLOGY_PATH,
    SHAPES_PATH,
    ValidationReport,
    Violation,
    _violation,
)
from pyshacl.shape import Shape
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

UNIT_SIZE = 400  # focus nodes per unit at most, about; a home with more is split into buckets
SHARED = "shared"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Unit:
    home: str  # the named graph its nodes are described in, or SHARED
    focus: tuple  # the nodes to validate (URIRefs), sorted
    triples: tuple  # the triples the checks of those nodes can read
    key: str  # SHA-256 of the focus nodes and the triples (N-Triples, sorted) and the validator


def value_node_predicates(shapes: Graph) -> set[URIRef]:
    """The predicates that a shape applied to value nodes reads: the paths of the property shapes
    of every node shape named by `sh:node` inside a property shape (bgsh:NamedPerson's foaf:name)."""
    predicates: set[URIRef] = set()
    for property_shape in set(shapes.subjects(SH.path, None)):
        for node_shape in shapes.objects(property_shape, SH.node):
            for inner in shapes.objects(node_shape, SH.property):
                path = shapes.value(inner, SH.path)
                if isinstance(path, URIRef):
                    predicates.add(path)
                else:  # a units' data would not hold what such a path reads
                    raise NotImplementedError(f"sh:node shape {node_shape} has a complex path; not supported in units")
    return predicates


def inverse_predicates(shapes: Graph) -> set[URIRef]:
    """The predicates that some property shape follows backwards (`sh:inversePath`)."""
    found = set(shapes.objects(None, SH.inversePath))
    if not all(isinstance(p, URIRef) for p in found):
        raise NotImplementedError("an sh:inversePath over a complex path is not supported in units")
    return found  # type: ignore[return-value]


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt(term) -> str:
    """A term as N-Triples writes it (a literal on one line, whatever its text)."""
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype:
            return f"{text}^^<{term.datatype}>"
        return text
    return term.n3()


def _hierarchy(ontology: Graph) -> list[str]:
    return sorted(
        f"{_nt(s)} {_nt(RDFS.subClassOf)} {_nt(o)} ." for s, o in ontology.subject_objects(RDFS.subClassOf)
    )


def _bucket(node: str, buckets: int) -> int:
    if buckets == 1:
        return 0
    return int.from_bytes(hashlib.blake2b(node.encode(), digest_size=8).digest(), "big") % buckets


def _buckets_for(count: int) -> int:
    """A power of two, so that a home's buckets change only when its size doubles."""
    return 1 if count <= UNIT_SIZE else 2 ** math.ceil(math.log2(count / UNIT_SIZE))


def make_units(quads: Iterable[tuple], shapes: Graph, ontology: Graph, version: str = "") -> list[Unit]:
    """The units of a dataset given as (s, p, o, graph) quads."""
    backwards = inverse_predicates(shapes)
    of_subjects = set(shapes.objects(None, SH.targetSubjectsOf))
    of_objects = set(shapes.objects(None, SH.targetObjectsOf))
    outgoing: dict = defaultdict(set)
    incoming: dict = defaultdict(set)
    homes: dict = defaultdict(set)
    typed: set = {node for node in shapes.objects(None, SH.targetNode) if isinstance(node, URIRef)}
    for s, p, o, g in quads:
        outgoing[s].add((p, o))
        homes[s].add(str(g) if g is not None else "")
        if p in backwards or p in of_objects:  # what an inverse path or an objects-of target reads
            incoming[o].add((s, p))
        if isinstance(s, URIRef) and (p == RDF.type or p in of_subjects):
            typed.add(s)
        if p in of_objects and isinstance(o, URIRef):  # a target that may be described nowhere
            typed.add(o)
            homes[o].add(str(g) if g is not None else "")
    reads = value_node_predicates(shapes) | {RDF.type}
    hierarchy = sorted(ontology.subject_objects(RDFS.subClassOf))

    by_home: dict[str, list] = defaultdict(list)
    for node in typed:
        where = homes.get(node, ())
        by_home[next(iter(where)) if len(where) == 1 else SHARED].append(node)
    written: dict = {}

    def nt(term) -> str:  # terms recur in many triples: each is written once
        text = written.get(term)
        if text is None:
            text = written[term] = _nt(term)
        return text

    units = []
    for home, nodes in sorted(by_home.items()):
        buckets = _buckets_for(len(nodes))
        grouped: dict[int, list] = defaultdict(list)
        for node in nodes:
            grouped[_bucket(str(node), buckets)].append(node)
        for _, members in sorted(grouped.items()):
            members.sort()
            triples: set = set()
            for node in members:
                for p, o in outgoing[node]:
                    triples.add((node, p, o))
                    if isinstance(o, (URIRef, BNode)):
                        triples.update((o, p2, o2) for p2, o2 in outgoing.get(o, ()) if p2 in reads)
                for s, p in incoming.get(node, ()):  # along an inverse path: its subjects are value nodes
                    triples.add((s, p, node))
                    triples.update((s, p2, o2) for p2, o2 in outgoing.get(s, ()) if p2 in reads)
            triples.update((sub, RDFS.subClassOf, sup) for sub, sup in hierarchy)
            digest = hashlib.sha256(version.encode() + b"\0")
            digest.update("\n".join(nt(node) for node in members).encode() + b"\0")
            digest.update("\n".join(sorted(f"{nt(s)} {nt(p)} {nt(o)} ." for s, p, o in triples)).encode())
            units.append(Unit(home, tuple(members), tuple(triples), digest.hexdigest()))
    return units


_WORK: list[Unit] = []  # the units of the running validation: forked workers inherit them


def _validate_index(index: int, shapes_path: str) -> list[dict]:
    return _validate_unit(_WORK[index], shapes_path)


def _validate_unit(unit: Unit, shapes_path: str) -> list[dict]:
    shapes = _shapes(shapes_path)
    data = Graph()
    for triple in unit.triples:
        data.add(triple)
    focus = set(unit.focus)
    with _nested_checks_see_every_node():
        conforms, report, _ = pyshacl.validate(
            data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=True,
            inplace=True, focus_nodes=list(unit.focus),
        )
    if conforms:
        return []
    return [  # a top-level result names the node a shape targeted: one of the unit's, but check
        _violation(report, result).__dict__
        for result in report.objects(None, SH.result)
        if report.value(result, SH.focusNode) in focus
    ]


@contextmanager
def _nested_checks_see_every_node():
    """pySHACL's `focus_nodes` (0.40) filters every shape's focus nodes by that list, also when
    sh:node, sh:or or a property shape checks value nodes, so a submitter without a name would
    pass. A shape is only told its focus nodes (`focus`) when it checks value nodes: those calls
    are let through unfiltered; the shapes' own targets, found when `focus` is None, stay filtered
    to the unit's nodes. Validating without `focus_nodes` and dropping the other nodes' results
    gives the same, but validated every passage a shared node points at again (1.5x the time)."""
    original = Shape.validate

    def validate(self, executor, target_graph, focus=None, *args, **kwargs):
        if focus is None or executor.focus_nodes is None:
            return original(self, executor, target_graph, focus, *args, **kwargs)
        saved, executor.focus_nodes = executor.focus_nodes, None
        try:
            return original(self, executor, target_graph, focus, *args, **kwargs)
        finally:
            executor.focus_nodes = saved

    Shape.validate = validate
    try:
        yield
    finally:
        Shape.validate = original


_SHAPES: dict[str, Graph] = {}


def _shapes(path: str) -> Graph:
    if path not in _SHAPES:
        _SHAPES[path] = Graph().parse(path, format="turtle")
    return _SHAPES[path]


def validator_version(shapes_path: Path, ontology_path: Path) -> str:
    digest = hashlib.sha256(pyshacl.__version__.encode() + b"\0")
    for path in (Path(__file__), shapes_path, ontology_path):
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


class ValidationCache:
    """Unit results (lists of violations, JSON) under `root/validation/<validator version>/`."""

    def __init__(self, root: Path, version: str) -> None:
        self.base = root / "validation"
        self.folder = self.base / version[:20]

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[dict] | None:
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            self._path(key).unlink(missing_ok=True)  # damaged: made again
            return None

    def put(self, key: str, violations: list[dict]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(violations, stream, ensure_ascii=False)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def prune(self) -> int:
        removed = 0
        if self.base.is_dir():
            for folder in self.base.iterdir():
                if folder.is_dir() and folder != self.folder:
                    shutil.rmtree(folder, ignore_errors=True)
                    removed += 1
        return removed


@dataclass
class UnitReport(ValidationReport):
    units: int = 0
    cached: int = 0
    homes_with_violations: tuple[str, ...] = ()


def validate_in_units(
    quads: Iterable[tuple],
    shapes_path: Path = SHAPES_PATH,
    ontology_path: Path = ONTOLOGY_PATH,
    jobs: int = 1,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> UnitReport:
    """Validate a dataset's quads unit by unit (see the module's docstring), `jobs` at a time."""
    say = progress or (lambda message: None)
    shapes = Graph().parse(shapes_path, format="turtle")
    ontology = Graph().parse(ontology_path, format="turtle")
    # as validate_graph does: the ontology file's triples are part of the data (its individuals,
    # the chambers and statuses, are validated too), whether or not the dataset holds them
    file_graph = URIRef(ontology_path.resolve().as_uri())
    everything = itertools.chain(quads, ((s, p, o, file_graph) for s, p, o in ontology))
    version = validator_version(shapes_path, ontology_path)
    units = make_units(everything, shapes, ontology, version)
    cache = ValidationCache(cache_dir, version) if cache_dir is not None else None
    results: list[list[dict] | None] = [None] * len(units)
    keys = [unit.key for unit in units]
    if cache is not None:
        results = [cache.get(key) for key in keys]
    todo = [i for i, found in enumerate(results) if found is None]
    cached = len(units) - len(todo)
    say(f"validating {len(units)} units of the graph ({cached} unchanged since the last build, cached)")
    if todo:
        if jobs > 1 and len(todo) > 1:
            _WORK[:] = units  # before the fork: the workers read them, nothing is pickled
            try:
                with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
                    found = pool.map(_validate_index, todo, [str(shapes_path)] * len(todo), chunksize=4)
                    for done, (index, violations) in enumerate(zip(todo, found), start=1):
                        results[index] = violations
                        if done % 50 == 0 or done == len(todo):
                            say(f"[{done}/{len(todo)}] units validated")
            finally:
                _WORK.clear()
        else:
            for done, index in enumerate(todo, start=1):
                results[index] = _validate_unit(units[index], str(shapes_path))
                if done % 50 == 0 or done == len(todo):
                    say(f"[{done}/{len(todo)}] units validated")
        if cache is not None:
            for index in todo:
                cache.put(keys[index], results[index])  # type: ignore[arg-type]
            cache.prune()
    violations = sorted(
        [Violation(**v) for found in results for v in found],  # type: ignore[union-attr]
        key=lambda v: (v.focus, v.path or "", v.message),
    )
    severe = [v for v in violations if v.severity == "Violation"]
    homes = tuple(sorted({units[i].home for i, found in enumerate(results) if found and any(
        v["severity"] == "Violation" for v in found)}))
    return UnitReport(
        conforms=not severe, violations=violations, units=len(units), cached=cached,
        homes_with_violations=homes,
    )
