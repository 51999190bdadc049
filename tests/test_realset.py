"""The real evaluation set (tests/realset/): its documents and annotations hang together, the
evaluation scores both of its parts, and the pipeline stays at or above the floors measured when
the set was made (tests/reference/realset_ci_floor.json)."""

from __future__ import annotations

import json

import pytest
from bestuursgraaf.graph.read import read_corpus
from bestuursgraaf.graph.store.base import QueryResult

from evaluation.evaluate import (
    CATEGORIES,
    REALSET_DIR,
    REALSET_FLOOR,
    SUBSET_OF,
    evaluate,
    load_realset,
    load_reference,
    main,
    normalise,
    open_graph,
    realset_below_floor,
    run_queries,
    score_category,
)

DOCS = REALSET_DIR / "docs"
REFERENCES = REALSET_DIR / "reference"
ANNOTATOR = "wt-realset (did not read the extraction code)"


@pytest.fixture(scope="module")
def realset_scores() -> dict:
    """The realset built into a graph of its own (in memory) and scored per part."""
    results, errors = run_queries(open_graph(None, DOCS))
    assert errors == {}
    parts = load_realset()
    return {part: evaluate(results, reference) for part, reference in parts.items()}


def test_realset_has_forty_documents_or_more_each_with_its_annotation():
    texts = {path.stem for path in DOCS.glob("*.txt")}
    references = {path.stem for path in REFERENCES.glob("*.json")}
    assert len(texts) >= 40
    assert texts == references
    assert {path.stem for path in DOCS.glob("*.json")} == texts  # every text has its sidecar


def test_realset_documents_read_as_a_corpus_without_their_own_kst_in_the_sidecar():
    documents = read_corpus(DOCS)
    assert len(documents) == len(list(DOCS.glob("*.txt")))
    for path in DOCS.glob("*.json"):
        sidecar = json.loads(path.read_text(encoding="utf-8"))
        assert "kamerstuk" not in sidecar, path  # a document's identity must come from its text
        assert sidecar["curator"] == "tests/realset/SOURCES.md"


def test_every_realset_document_has_its_source_in_sources_md():
    sources = (REALSET_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for path in DOCS.glob("*.txt"):
        row = next(
            (line for line in sources.splitlines() if line.startswith(f"| {path.stem} |")), ""
        )
        assert "repository" in row or "page http" in row, path.stem


def test_realset_annotations_quote_their_own_texts():
    reference = load_reference(REFERENCES)
    for stem, entry in reference.items():
        assert entry["annotator"] == ANNOTATOR
        assert set(entry["categories"]) <= set(CATEGORIES)
        text = " " + normalise((DOCS / f"{stem}.txt").read_text(encoding="utf-8")) + " "
        for citation in entry["citations"]:
            # no word boundary after it: tables glue the next cell on ("nr. 72De motie")
            assert f" {normalise(citation['raw'])}" in text, (stem, citation["raw"])
        for item in entry["motions"] + entry["motion_relations"] + entry["commitments"]:
            for part in item["quote"].split(" ... "):
                assert f" {normalise(part)}" in text, (stem, part)
        for commitment in entry["commitments"]:
            assert commitment["kind"] in {"promise", "deferral", "reference", "fulfilment"}


def test_held_aside_part_is_about_a_quarter_of_the_set():
    parts = load_realset()
    total = len(parts["tune"]) + len(parts["heldout"])
    assert not set(parts["tune"]) & set(parts["heldout"])
    assert 0.2 <= len(parts["heldout"]) / total <= 0.3


def test_a_category_a_file_does_not_annotate_is_not_scored_on_it():
    entry = {category: [] for category in CATEGORIES}
    entry.update(document="x", categories=["citations"])
    rows = QueryResult(
        ["document", "id", "label"],
        [{"document": "https://w3id.org/bestuursgraaf/id/doc/x", "id": "o", "label": "VNG"}],
    )
    assert not score_category("organisations", {"organisations": rows}, {"x": entry}).available
    entry["categories"] = ["citations", "organisations"]
    assert score_category("organisations", {"organisations": rows}, {"x": entry}).fp == 1


def test_an_unknown_category_in_a_reference_file_is_an_error(tmp_path):
    (tmp_path / "x.json").write_text(json.dumps({"document": "x", "categories": ["motives"]}))
    with pytest.raises(SystemExit, match="unknown category 'motives'"):
        load_reference(tmp_path)


def test_citation_errors_are_listed_per_document():
    entry = {category: [] for category in CATEGORIES}
    entry.update(document="x", citations=[{"raw": "(31 235, nr. 2)", "kamerstuk": "kst-31235-2"}])
    rows = QueryResult(
        ["document", "kamerstuk", "raw"],
        [
            {
                "document": "https://w3id.org/bestuursgraaf/id/doc/x",
                "kamerstuk": "kst-1-1",
                "raw": "1",
            }
        ],
    )
    score = score_category("citations", {"citations": rows}, {"x": entry})
    assert score.false_positives == ["x: kst-1-1"] and score.false_negatives == ["x: kst-31235-2"]


def test_realset_floor_lists_the_annotated_categories_of_both_parts():
    floor = json.loads(REALSET_FLOOR.read_text(encoding="utf-8"))
    annotated = {c for e in load_reference(REFERENCES).values() for c in e["categories"]}
    annotated |= {subset for subset, (whole, _) in SUBSET_OF.items() if whole in annotated}
    for part in ("tune", "heldout"):
        assert set(floor[part]) == annotated


def test_pipeline_meets_the_realset_floor_in_both_parts(realset_scores):
    floor = json.loads(REALSET_FLOOR.read_text(encoding="utf-8"))
    assert realset_below_floor(realset_scores, floor) == []


def test_evaluate_set_real_prints_both_parts_beside_the_seeds_with_every_error(capsys):
    assert main(["--set", "real"]) == 0
    out = capsys.readouterr().out
    header = out.splitlines()[0]
    assert "seeds" in header and "tune" in header and "held-aside" in header
    lines = out.splitlines()
    assert any(line.startswith("FN tune ") for line in lines)
    assert any(line.startswith("FN heldout ") for line in lines)
    assert any(line.startswith("FP tune ") for line in lines)


def test_evaluate_set_real_refuses_a_graph_of_its_own(capsys, tmp_path):
    with pytest.raises(SystemExit):
        main(["--set", "real", "--corpus", str(tmp_path)])
    assert "--set real builds its own documents" in capsys.readouterr().err
