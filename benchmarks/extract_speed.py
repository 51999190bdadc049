"""How long each extraction stage takes on a corpus, as a ratio to segmenting the same texts.

Usage: ``python benchmarks/extract_speed.py [--corpus DIR] [--repeat N]``. Segmentation (the
pipeline's first pass over every character) is the baseline measured in the same run; each stage
is timed over all documents, the median of ``--repeat`` runs, after one untimed warm-up run that
loads the cue and gazetteer tables. Prints seconds and the ratio stage / segmentation; asserts
nothing (timings on a shared machine are noisy: compare ratios between commits, not seconds).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bestuursgraaf.graph.build import extract_document
from bestuursgraaf.graph.extract.actions import extract_actions
from bestuursgraaf.graph.extract.commitments import extract_commitments
from bestuursgraaf.graph.extract.entities import extract_entities
from bestuursgraaf.graph.letter_dates import document_date
from bestuursgraaf.graph.read import read_corpus
from bestuursgraaf.graph.recognise import recognise_earlier_actions
from bestuursgraaf.graph.segment import segment
from timing import median_seconds

CORPUS = Path(__file__).resolve().parent.parent / "corpus"




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sources = read_corpus(args.corpus)
    texts = [s.text for s in sources]
    segmented = [segment(t) for t in texts]
    documents = [extract_document(s) for s in sources]
    dates = [document_date(d) for d in documents]
    stages = {
        "segment (baseline)": lambda: [segment(t) for t in texts],
        "entities": lambda: [extract_entities(t) for t in texts],
        "actions": lambda: [extract_actions(s) for s in segmented],
        "commitments": lambda: [extract_commitments(s, d) for s, d in zip(segmented, dates)],
        "recognise (cross-letter)": lambda: recognise_earlier_actions(documents),
        "whole document extraction": lambda: [extract_document(s) for s in sources],
    }
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} documents, {chars:,} characters, median of {args.repeat} runs")
    baseline = None
    for name, run in stages.items():
        seconds = median_seconds(run, args.repeat)
        baseline = baseline or seconds
        print(f"{name:28s} {seconds:8.3f} s   {seconds / baseline:6.1f}x segment")


if __name__ == "__main__":
    main()
