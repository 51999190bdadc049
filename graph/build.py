"""Build the graph: compose the stages per document, link across documents, validate, write atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from bestuursgraaf.graph.cache import FactsCache
from bestuursgraaf.graph.emit import DocumentEmitter, emit_curated, load_ontology
from bestuursgraaf.graph.emit_trace import emit_trace
from bestuursgraaf.graph.facts import DocumentFacts
from bestuursgraaf.graph.link import resolve_motions
from bestuursgraaf.graph.linkout import link_out
from bestuursgraaf.graph.namespaces import BG, PREFIXES, Minter
from bestuursgraaf.graph.pipeline import extract_all, extract_document  # noqa: F401  (extract_document: the one-document API)
from bestuursgraaf.graph.read import SourceDocument, read_corpus
from bestuursgraaf.graph.recognise import recognise_earlier_actions
from bestuursgraaf.graph.register_graph import add_register
from bestuursgraaf.graph.store.persistent import umask_mode
from bestuursgraaf.graph.trace import read_curated_links, trace, unapplied_curated_links
from rdflib import Dataset, Graph
from rdflib.namespace import RDF, RDFS, SKOS

from bestuursgraaf.package_data import curated_dir, ontology_dir

ONTOLOGY_PATH = ontology_dir() / "bestuursgraaf.ttl"
CURATED_DIR = curated_dir()


def _relative(path: Path) -> str:
    """A curated file as the provenance names it (`curated/action_links.csv`), wherever installed."""
    try:
        return (Path("curated") / path.relative_to(CURATED_DIR)).as_posix()
    except ValueError:
        return path.as_posix()


Progress = Callable[[str], None]


class BuildError(Exception):
    """The build could not produce a valid graph; nothing was written."""


def extract_documents(
    sources: list[SourceDocument],
    jobs: int = 1,
    cache: FactsCache | None = None,
    progress: Progress | None = None,
) -> list[DocumentFacts]:
    """Every document's facts, from the cache where its content and the pipeline are unchanged,
    else by the stages (in `jobs` worker processes), in the order of `sources`."""
    say = progress or (lambda message: None)
    documents: list[DocumentFacts | None] = [cache.get(s) if cache else None for s in sources]
    todo = [index for index, facts in enumerate(documents) if facts is None]
    if cache is not None:
        say(f"{len(sources) - len(todo)} of {len(sources)} documents unchanged since the last build (cached)")
    for done, (position, facts) in enumerate(extract_all([sources[i] for i in todo], jobs), start=1):
        documents[todo[position]] = facts
        if cache is not None:
            cache.put(facts)
        say(f"[{done}/{len(todo)}] {facts.source.source}: {_summary(facts)}")
    return documents  # type: ignore[return-value]


def _summary(facts: DocumentFacts) -> str:
    return (
        f"{len(facts.segmented.footnotes)} footnotes ({facts.segmented.footnote_format or 'none'}), "
        f"{len(facts.segmented.headings)} sections, {len(facts.citations)} citations, "
        f"{len(facts.motions)} motion mentions, {len({a.key for a in facts.actions})} actions, "
        f"{len(facts.relations)} action-motion relations, "
        f"{len({r.report.key for r in facts.reports})} reports, "
        f"{len({e.entity.key for e in facts.entities})} entities, {len(facts.commitments)} commitment sentences"
    )


def build_dataset(
    corpus_dir: Path,
    minter: Minter | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
    cache: FactsCache | None = None,
    sources: list[SourceDocument] | None = None,
) -> Dataset:
    """The dataset of a corpus: a named graph per document, one for curated facts, one for the links
    to external identifiers (TOOI, BWB, officielebekendmakingen), one for the ontology.
    `sources` are the corpus' documents when the caller has read them already."""
    minter = minter or Minter()
    say = progress or (lambda message: None)
    sources = read_corpus(corpus_dir) if sources is None else sources
    say(f"read {len(sources)} documents from {corpus_dir}")
    documents = extract_documents(sources, jobs, cache, say)
    motions, assignment = resolve_motions(documents)
    recognised = recognise_earlier_actions(documents)
    say(
        f"recognised {sum(len({m.key for m in found}) for found in recognised.values())} actions of "
        "earlier letters named again in later ones"
    )
    say(
        f"linked {sum(len(f.motions) for f in documents)} motion mentions to {len(motions)} motions"
    )
    # a letter's own facts stay as its stages made them (and as the cache keeps them); the
    # actions recognised in it as earlier letters' are added in a view for the cross-letter steps
    documents = [
        replace(facts, actions=facts.actions + recognised[facts.doc_id])
        if recognised.get(facts.doc_id) else facts
        for facts in documents
    ]
    curated_links = CURATED_DIR / "action_links.csv"
    curated = read_curated_links(curated_links)
    for line in unapplied_curated_links(curated, documents):
        say(f"{_relative(curated_links)}: not applied, {line}")
    traced = trace(documents, curated, _relative(curated_links))
    say(
        f"traced {len(traced.commitments)} commitments "
        f"({sum(len(c.steps) for c in traced.commitments)} later steps) and "
        f"{len(traced.continuations)} action continuations across letters"
    )

    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    for facts in documents:  # written straight into the document's named graph: no copy
        target = dataset.graph(minter.graph_for_document(facts.doc_id))
        DocumentEmitter(facts, minter, target).emit(motions, assignment, traced)
    _add_graph(dataset, minter.curated_graph, emit_curated(sources, minter))
    _add_graph(dataset, minter.trace_graph, emit_trace(traced, minter))
    _add_opendata(dataset, corpus_dir, minter, say)
    add_register(dataset, corpus_dir, minter, say)  # after the letters: it matches their commitments
    one_label_per_person(dataset)
    dataset.default_union = True  # link_out reads every named graph at once, without a copy of them
    try:
        links = link_out(dataset)
    finally:
        dataset.default_union = False
    say(f"linked {len(set(links.subjects()))} resources to external identifiers")
    _add_graph(dataset, minter.links_graph, links)
    if ONTOLOGY_PATH.is_file():
        _add_graph(dataset, minter.ontology_graph, load_ontology(ONTOLOGY_PATH))
    return dataset


def _add_opendata(dataset: Dataset, corpus_dir: Path, minter: Minter, say: Progress) -> None:
    """The Tweede Kamer's open data recorded in the corpus' `tk-odata/` (by `bestuursgraaf fetch`)."""
    from bestuursgraaf.graph.sources.tk_graph import emit_opendata
    from bestuursgraaf.graph.sources.tk_odata import read_opendata_folder

    records = read_opendata_folder(corpus_dir / "tk-odata", corpus_dir.parent)
    if records.motions or records.unresolved:
        with_outcome = sum(1 for m in records.motions.values() if m.final)
        say(
            f"read {len(records.motions)} motions from the Tweede Kamer's open data, {with_outcome} "
            f"with a vote outcome; {len(records.unresolved)} decisions not attributable to one motion"
        )
        _add_graph(dataset, minter.opendata_graph, emit_opendata(records, minter))


def _add_graph(dataset: Dataset, name, graph: Graph) -> None:
    target = dataset.graph(name)
    for triple in graph:
        target.add(triple)


def serialize_nquads(dataset: Dataset) -> bytes:
    """N-Quads with the lines sorted, so that the same input gives byte-identical output."""
    text = dataset.serialize(format="nquads")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8")


def _fullness(label: str) -> tuple[int, int, str]:
    return (len(label.split()), len(label), label)


def one_label_per_person(dataset: Dataset) -> None:
    """A person is one node per surname, named `J.J.M. Uitermark` in the signature and `Uitermark`
    in the text: the fullest name is its label, the others alternative labels, so that each
    person is one row wherever it is asked for."""
    labels: dict = {}  # the labels a person has in the graphs that type it: the fullest is chosen
    for context in dataset.graphs():
        for person in set(context.subjects(RDF.type, BG.Person)):
            labels.setdefault(person, set()).update(context.objects(person, RDFS.label))
    best = {
        person: max(names, key=lambda name: _fullness(str(name)))
        for person, names in labels.items() if len(names) >= 2
    }
    for person, chosen in best.items():  # where the person has labels: by the index, not a scan
        for _, _, name, where in list(dataset.quads((person, RDFS.label, None, None))):
            context = where if isinstance(where, Graph) else dataset.graph(where)
            if name != chosen:
                context.remove((person, RDFS.label, name))
                context.add((person, RDFS.label, chosen))
                context.add((person, SKOS.altLabel, name))


def union_graph(dataset: Dataset) -> Graph:
    union = Graph()
    for context in dataset.graphs():
        for triple in context:
            union.add(triple)
    return union


def write_atomically(path: Path, data: bytes) -> None:
    """Write next to the target and rename over it: a reader never sees a half-written graph,
    and the graph has the permissions the user's umask gives a new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(handle, umask_mode())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _graph_name(home: str, minter: Minter | None) -> str:
    """A unit's home as a user knows it: `document 004_...` for a letter's graph."""
    from bestuursgraaf.graph.validate_units import SHARED

    if home == SHARED:
        return "nodes that several graphs describe"
    prefix = str((minter or Minter()).graph_for_document(""))
    if prefix and home.startswith(prefix):
        return f"document {home[len(prefix):]}"
    return f"graph <{home}>"


@dataclass(frozen=True)
class BuildReport:
    path: Path
    quads: int
    graphs: int


def build(
    corpus_dir: Path,
    out_path: Path,
    minter: Minter | None = None,
    progress: Progress | None = None,
    validate: bool = True,
    shapes_path: Path | None = None,
    persist_store: bool = True,
    jobs: int = 1,
    cache_dir: Path | None = None,
) -> BuildReport:
    """Build, validate against the SHACL shapes, and only then replace the graph at `out_path`.
    With `cache_dir`, each document's facts are kept there by content hash and reused while the
    document and the pipeline are unchanged; `jobs` worker processes extract the others."""
    say = progress or (lambda message: None)
    cache = FactsCache(cache_dir) if cache_dir is not None else None
    sources = read_corpus(corpus_dir)  # once: the stages and the texts file beside the graph read them
    dataset = build_dataset(corpus_dir, minter, progress, jobs=jobs, cache=cache, sources=sources)
    if validate:
        from bestuursgraaf.graph.validate import SHAPES_PATH
        from bestuursgraaf.graph.validate_units import validate_in_units

        say("validating against the SHACL shapes")
        # unit by unit, `jobs` at a time, each unit's result kept in the cache by its data's hash
        report = validate_in_units(
            dataset.quads((None, None, None, None)), shapes_path or SHAPES_PATH, jobs=jobs,
            cache_dir=cache_dir, progress=say,
        )
        if not report.conforms:
            lines = "\n".join(str(v) for v in report.violations[:50])
            more = len(report.violations) - 50
            suffix = f"\n… and {more} more" if more > 0 else ""
            where = ", ".join(_graph_name(home, minter) for home in report.homes_with_violations[:10])
            raise BuildError(
                f"the built graph does not conform to the shapes ({len(report.violations)} violations, "
                f"in {where}); {out_path} was left as it was:\n{lines}{suffix}"
            )
    data = serialize_nquads(dataset)
    write_atomically(out_path, data)
    # a separate step: the letters' texts beside the graph, for the browse site's letter pages
    from bestuursgraaf.graph.letter_texts import keep_texts_next_to

    keep_texts_next_to(out_path, sources)
    if persist_store:
        from bestuursgraaf.graph.store.persistent import load_store

        load_store(out_path, progress=say)
    if cache is not None and cache.prune():
        say(f"removed the cache entries of earlier pipeline versions from {cache.root}")
    from bestuursgraaf.graph.search_index import build_next_to  # the search index beside it

    say(f"indexed the passages and labels for search in {build_next_to(out_path)}")
    graphs = len({g.identifier for g in dataset.graphs() if len(g)})
    quads = data.count(b"\n")
    say(f"wrote {quads} quads in {graphs} named graphs to {out_path}")
    return BuildReport(out_path, quads, graphs)
