"""Score the matching of register toezeggingen with the letters' commitments against the hand
annotation in tests/reference/register_matches.json (`python -m evaluation.evaluate --set register`).

The corpus scored is the bundled one plus the register answers the annotation names (copied into
its `tk-odata/`); the graph is built as `bestuursgraaf build` builds it and its bg:RegisterMatch
nodes are the predictions. A prediction is a (register number, commitment id) pair; an entry the
annotation gives no commitment (null) has no pair, so any match of it is a false positive."""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bestuursgraaf.graph.build import build_dataset
from bestuursgraaf.graph.namespaces import BG
from rdflib import Dataset
from rdflib.namespace import RDF

from bestuursgraaf.package_data import bundled_corpus

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "reference" / "register_matches.json"
ANSWERS = (
    ROOT / "tests" / "recorded" / "composed" / "toezegging-33047.json",
    ROOT / "tests" / "recorded" / "tk-odata" / "toezegging-samples.json",
)


@dataclass
class RegisterScore:
    true_positives: list[tuple[str, str]] = field(default_factory=list)
    false_positives: list[tuple[str, str]] = field(default_factory=list)
    false_negatives: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = len(self.true_positives) + len(self.false_positives)
        return len(self.true_positives) / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = len(self.true_positives) + len(self.false_negatives)
        return len(self.true_positives) / expected if expected else 1.0


def predicted_pairs(dataset: Dataset) -> set[tuple[str, str]]:
    """(register number, commitment id) of every bg:RegisterMatch of a built dataset."""
    dataset.default_union = True
    try:
        pairs = set()
        for match in dataset.subjects(RDF.type, BG.RegisterMatch):
            entry = dataset.value(match, BG.registerEntry)
            commitment = dataset.value(match, BG.extractedCommitment)
            number = dataset.value(entry, BG.registryId)
            pairs.add((str(number), str(commitment).rsplit("/", 1)[-1]))
        return pairs
    finally:
        dataset.default_union = False


def score_pairs(predicted: set[tuple[str, str]], reference: list[dict], part: str | None = None) -> RegisterScore:
    """Score the predictions; with a part ("real" or "composed"), only the register entries the
    annotation marks as of that part, and the predictions about them."""
    if part is not None:
        reference = [r for r in reference if r.get("part") == part]
        numbers = {r["register"] for r in reference}
        predicted = {p for p in predicted if p[0] in numbers}
    expected = {(r["register"], r["commitment"]) for r in reference if r.get("commitment")}
    result = RegisterScore()
    result.true_positives = sorted(predicted & expected)
    result.false_positives = sorted(predicted - expected)
    result.false_negatives = sorted(expected - predicted)
    return result


def build_with_register(answers: tuple[Path, ...] = ANSWERS) -> Dataset:
    with tempfile.TemporaryDirectory(prefix="register-eval-") as folder:
        corpus = Path(folder) / "corpus"
        shutil.copytree(bundled_corpus(), corpus, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
        (corpus / "tk-odata").mkdir(exist_ok=True)
        for answer in answers:
            shutil.copy(answer, corpus / "tk-odata" / answer.name)
        return build_dataset(corpus)


PARTS = ("real", "composed")


def evaluate_register(reference_path: Path = REFERENCE) -> tuple[RegisterScore, dict[str, RegisterScore]]:
    """The score on all annotated entries, and on the real and the composed ones apart."""
    reference = json.loads(reference_path.read_text(encoding="utf-8"))["register"]
    predicted = predicted_pairs(build_with_register())
    return score_pairs(predicted, reference), {part: score_pairs(predicted, reference, part) for part in PARTS}


def _figures(score: RegisterScore) -> str:
    counts = f"tp {len(score.true_positives)}, fp {len(score.false_positives)}, fn {len(score.false_negatives)}"
    found = len(score.true_positives) + len(score.false_positives)
    expected = len(score.true_positives) + len(score.false_negatives)
    precision = f"{score.precision:.3f}" if found else "n/a"  # nothing predicted: nothing to be right about
    recall = f"{score.recall:.3f}" if expected else "n/a"
    return f"precision {precision} recall {recall} ({counts})"


def report(score: RegisterScore, parts: dict[str, RegisterScore] | None = None) -> list[str]:
    lines = [f"register matching: {_figures(score)}"]
    lines += [f"  on {part} entries: {_figures(s)}" for part, s in (parts or {}).items()]
    lines += [f"  false positive: {entry} -> {commitment}" for entry, commitment in score.false_positives]
    lines += [f"  false negative: {entry} -> {commitment}" for entry, commitment in score.false_negatives]
    return lines
