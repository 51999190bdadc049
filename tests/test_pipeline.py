"""The per-document pipeline: one registry of stages with checked contracts, worker processes
that give the same graph as one process, and a cache by content hash that re-extracts exactly
the documents that changed and gives the same bytes as a full build."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bestuursgraaf.graph import cache as cache_module
from bestuursgraaf.graph.build import build
from bestuursgraaf.graph.cache import FactsCache, content_key
from bestuursgraaf.graph.facts import DocumentFacts
from bestuursgraaf.graph.pipeline import STAGES, Stage, StageError, extract_all, run_stages
from bestuursgraaf.graph.read import read_corpus


@pytest.fixture(scope="module")
def full_build(tmp_path_factory, corpus_dir) -> bytes:
    """The bundled corpus built without a cache in one process: what every other way must equal."""
    out = tmp_path_factory.mktemp("full") / "graph.nq"
    build(corpus_dir, out, validate=False, persist_store=False, jobs=1)
    return out.read_bytes()


def _copy_corpus(corpus_dir: Path, target: Path) -> Path:
    corpus = target / "corpus"
    shutil.copytree(corpus_dir, corpus, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    return corpus


# -- the registry -------------------------------------------------------------------------------
def test_every_field_of_a_document_is_added_by_exactly_one_stage():
    fields = {f.name for f in dataclasses.fields(DocumentFacts)} - {"source"}
    added = [name for stage in STAGES for name in stage.adds]
    assert sorted(added) == sorted(fields)


def test_each_stage_needs_only_what_earlier_stages_add():
    made = {"source"}
    for stage in STAGES:
        assert set(stage.needs) <= made, stage.name
        made |= set(stage.adds)


def test_commitments_are_extracted_per_document(corpus_dir):
    source = read_corpus(corpus_dir)[0]
    facts = run_stages(source)
    assert facts.commitments, "the seed letter makes promises; the commitments stage must find them"
    assert all(facts.segmented.clean[m.start : m.end] for m in facts.commitments)


def test_a_stage_that_reads_what_is_not_made_yet_is_refused(corpus_dir):
    source = read_corpus(corpus_dir)[0]
    early = Stage("early", ("actions",), ("reports",), lambda f: {"reports": []})
    with pytest.raises(StageError, match="'early' needs actions"):
        run_stages(source, (early, *STAGES))


def test_a_stage_that_returns_other_fields_than_it_declares_is_refused(corpus_dir):
    source = read_corpus(corpus_dir)[0]
    sly = Stage("sly", ("source",), ("segmented",), lambda f: {"segmented": None, "actions": []})
    with pytest.raises(StageError, match="declares"):
        run_stages(source, (sly,))


def test_a_stage_cannot_replace_an_earlier_stages_facts(corpus_dir):
    source = read_corpus(corpus_dir)[0]
    again = Stage("again", ("segmented",), ("segmented",), lambda f: {"segmented": f.segmented})
    with pytest.raises(StageError, match="would replace segmented"):
        run_stages(source, (*STAGES[:1], again))


# -- parallel -----------------------------------------------------------------------------------
def test_worker_processes_give_the_facts_of_one_process(corpus_dir):
    sources = read_corpus(corpus_dir)
    one = dict(extract_all(sources, jobs=1))
    two = dict(extract_all(sources, jobs=2))
    assert sorted(two) == list(range(len(sources)))
    for index, facts in one.items():
        assert two[index] == facts


def test_a_build_with_two_jobs_is_byte_identical(tmp_path, corpus_dir, full_build):
    out = tmp_path / "graph.nq"
    build(corpus_dir, out, validate=False, persist_store=False, jobs=2)
    assert out.read_bytes() == full_build


# -- the cache ----------------------------------------------------------------------------------
def test_an_unchanged_rebuild_extracts_nothing_and_gives_the_same_bytes(tmp_path, corpus_dir, full_build):
    cache_dir, out = tmp_path / "cache", tmp_path / "graph.nq"
    lines: list[str] = []
    build(corpus_dir, out, validate=False, persist_store=False, cache_dir=cache_dir, progress=lines.append)
    assert out.read_bytes() == full_build
    lines.clear()
    build(corpus_dir, out, validate=False, persist_store=False, cache_dir=cache_dir, progress=lines.append)
    assert out.read_bytes() == full_build  # cached facts were not changed by the cross-letter steps
    assert "5 of 5 documents unchanged since the last build (cached)" in lines
    assert not [line for line in lines if line.startswith("[1/")]


def test_changing_one_letter_re_extracts_only_that_letter(tmp_path, corpus_dir):
    corpus = _copy_corpus(corpus_dir, tmp_path)
    cache_dir = tmp_path / "cache"
    build(corpus, tmp_path / "first.nq", validate=False, persist_store=False, cache_dir=cache_dir)
    changed = sorted(corpus.glob("*.txt"))[2]
    changed.write_text(
        changed.read_text(encoding="utf-8")
        + "\nIk zal uw Kamer voor 1 maart 2030 informeren over de evaluatie van de Wet open overheid.\n",
        encoding="utf-8",
    )
    lines: list[str] = []
    incremental = tmp_path / "incremental.nq"
    build(corpus, incremental, validate=False, persist_store=False, cache_dir=cache_dir, progress=lines.append)
    assert "4 of 5 documents unchanged since the last build (cached)" in lines
    extracted = [line for line in lines if line.startswith("[")]
    assert len(extracted) == 1 and changed.name in extracted[0]
    full = tmp_path / "full.nq"
    build(corpus, full, validate=False, persist_store=False)
    assert incremental.read_bytes() == full.read_bytes()
    assert b"1 maart 2030" in incremental.read_bytes()


def test_a_changed_sidecar_misses_the_cache(corpus_dir):
    source = read_corpus(corpus_dir)[0]
    other = dataclasses.replace(source, metadata={**source.metadata, "date": "1999-01-01"})
    assert content_key(other) != content_key(source)


def test_a_damaged_entry_is_extracted_again(tmp_path, corpus_dir):
    source = read_corpus(corpus_dir)[0]
    cache = FactsCache(tmp_path)
    cache.put(run_stages(source))
    entry = next(tmp_path.rglob("*.pickle"))
    entry.write_bytes(b"not a pickle")
    assert cache.get(source) is None
    assert not entry.exists()


def test_a_new_pipeline_version_starts_a_new_folder_and_prunes_the_old(tmp_path, corpus_dir, monkeypatch):
    source = read_corpus(corpus_dir)[0]
    old = FactsCache(tmp_path)
    old.put(run_stages(source))
    monkeypatch.setattr(cache_module, "pipeline_version", lambda: "f" * 64)
    new = FactsCache(tmp_path)
    assert new.get(source) is None  # the rules changed: nothing old is trusted
    assert new.prune() == 1
    assert not old.folder.exists()


def test_the_cli_refuses_zero_jobs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bestuursgraaf", "build", "--jobs", "0", "--out", str(tmp_path / "g.nq")],
        check=False, capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert "--jobs must be 1 or more" in result.stderr
    assert not (tmp_path / "g.nq").exists()


def test_the_pipeline_version_covers_the_stages_and_not_the_cross_letter_steps():
    from bestuursgraaf.graph.cache import stage_modules

    names = {path.relative_to(Path(cache_module.__file__).parent).as_posix() for path in stage_modules()}
    assert {"pipeline.py", "segment.py", "extract/actions.py", "extract/commitments.py", "deadlines.py"} <= names
    # changing how letters are linked or emitted keeps every document's extracted facts
    assert not names & {"trace.py", "recognise.py", "link.py", "emit.py", "build.py"}
