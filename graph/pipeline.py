"""The per-document pipeline: one list of stages over one document object.

Each stage reads the fields of `DocumentFacts` it `needs` and returns exactly the fields it
`adds`; `run_stages` checks both, so a stage cannot quietly change what an earlier one made, and
adding a fact kind is one stage here (with its emitter, shape and query elsewhere). The stages are
pure functions of the document's text and metadata: that is what makes their result cacheable by
content hash (`graph.cache`) and runnable in a worker process (`extract_all`).

Cross-letter work (motion resolution, recognition of earlier actions, tracing commitments) is not
a stage: it runs in `graph.build` over the documents' finished facts and never writes into them.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from bestuursgraaf.graph.attach import (
    citation_occurrences,
    entity_occurrences,
    motion_occurrences,
    motion_relations,
    report_occurrences,
)
from bestuursgraaf.graph.extract.actions import extract_actions
from bestuursgraaf.graph.extract.citations import without_own_identity
from bestuursgraaf.graph.extract.commitments import extract_commitments
from bestuursgraaf.graph.extract.metadata import extract_metadata
from bestuursgraaf.graph.extract.published import (
    extract_motion_text,
    extract_published_heading,
    published_heading_from_file_name,
)
from bestuursgraaf.graph.facts import DocumentFacts
from bestuursgraaf.graph.letter_dates import document_date, month_end
from bestuursgraaf.graph.read import SourceDocument
from bestuursgraaf.graph.segment import segment


@dataclass(frozen=True)
class Stage:
    name: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    run: Callable[[DocumentFacts], dict]


def _published(facts: DocumentFacts) -> dict:
    clean = facts.segmented.clean  # a heading in the text, else the official file name (kst-36410-21.txt)
    heading = extract_published_heading(clean)
    if heading is None and not facts.source.metadata.get("kamerstuk"):  # metadata that names it wins
        heading = published_heading_from_file_name(facts.source.path.stem, clean)
    text = extract_motion_text(facts.segmented.clean, heading) if heading else None
    return {"published": heading, "motion_text": text}


def _citations(facts: DocumentFacts) -> dict:
    # A document's own identity (its heading, its colophon `kst-35165-53`) is not a citation of it.
    own = {facts.source.metadata.get("kamerstuk"), facts.published.kst_id if facts.published else None}
    return {"citations": without_own_identity(citation_occurrences(facts.segmented), own - {None})}


STAGES: tuple[Stage, ...] = (
    Stage("segment", ("source",), ("segmented",), lambda f: {"segmented": segment(f.source.text)}),
    Stage("metadata", ("segmented",), ("metadata",), lambda f: {"metadata": extract_metadata(f.segmented.clean)}),
    Stage("published", ("source", "segmented"), ("published", "motion_text"), _published),
    Stage("citations", ("source", "segmented", "published"), ("citations",), _citations),
    Stage("motions", ("segmented",), ("motions",), lambda f: {"motions": motion_occurrences(f.segmented)}),
    Stage("actions", ("segmented",), ("actions",), lambda f: {"actions": extract_actions(f.segmented)}),
    Stage("reports", ("segmented",), ("reports",), lambda f: {"reports": report_occurrences(f.segmented)}),
    Stage(
        "relations", ("segmented", "actions", "motions"), ("relations",),
        lambda f: {"relations": motion_relations(f.segmented, f.actions, f.motions)},
    ),
    Stage("entities", ("segmented",), ("entities",), lambda f: {"entities": entity_occurrences(f.segmented)}),
    Stage(
        "commitments", ("source", "segmented", "metadata"), ("commitments",),
        lambda f: {"commitments": extract_commitments(f.segmented, document_date(f), month_end(f))},
    ),
)


class StageError(RuntimeError):
    """A stage broke its contract (read a field not yet made, or returned other fields)."""


def run_stages(source: SourceDocument, stages: Sequence[Stage] = STAGES) -> DocumentFacts:
    """All facts of one document (pure: text and metadata in, facts out)."""
    facts = DocumentFacts(source=source)
    made = {"source"}
    for stage in stages:
        missing = [name for name in stage.needs if name not in made]
        if missing:
            raise StageError(f"stage {stage.name!r} needs {', '.join(missing)}, which no earlier stage adds")
        added = stage.run(facts)
        if set(added) != set(stage.adds):
            raise StageError(
                f"stage {stage.name!r} declares {sorted(stage.adds)} but returned {sorted(added)}"
            )
        already = made & set(added)
        if already:
            raise StageError(f"stage {stage.name!r} would replace {', '.join(sorted(already))}")
        facts = dataclasses.replace(facts, **added)
        made |= set(added)
    return facts


extract_document = run_stages


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context():
    # fork starts workers in milliseconds with the rule data already loaded; spawn where there is none
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def extract_all(sources: Sequence[SourceDocument], jobs: int = 1) -> Iterator[tuple[int, DocumentFacts]]:
    """(index, facts) for each source, as each is done; with `jobs` > 1 in worker processes."""
    if jobs <= 1 or len(sources) <= 1:
        for index, source in enumerate(sources):
            yield index, run_stages(source)
        return
    workers = min(jobs, len(sources))
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        chunk = max(1, min(16, len(sources) // (workers * 8)))
        yield from enumerate(pool.map(run_stages, sources, chunksize=chunk))
