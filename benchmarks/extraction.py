"""Per-document extraction speed in letters of seed size per second per core (issue #9's target).

Usage: ``python benchmarks/extraction.py [--generated N] [--repeat R] [--baseline-ref REF]``.

Times `graph.pipeline.run_stages` (every per-document stage) over each document of three sets in
one process (one core): the bundled letters (`corpus/`), N generated letters
(`generate_corpus.py`, seeded) and the real evaluation set (`tests/realset/docs`). The figure is
characters extracted per second divided by the seed size (the mean length of the five bundled
letters), i.e. letters of seed size per second per core; issue #9 asks for at least 20.

Two baselines are measured in the same run, so the figures compare across a loaded machine:

- reading and segmenting the same documents alone (the pipeline's first pass, always printed);
- with ``--baseline-ref REF``, the same measurement of the code at git ref REF (e.g. ``main``),
  run by this script in a child process over a copy of that ref's package (``git archive``).
  It also compares the facts both versions extract from every document (a canonical dump of each
  `DocumentFacts`, hashed): a speed change must not change what is found, and the script says
  which documents differ if any do.

Medians of ``--repeat`` runs after one warm-up run (`timing.median_seconds`). Asserts nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate_corpus import generate
from timing import median_seconds

SEEDS = ROOT / "corpus"
REALSET = ROOT / "tests" / "realset" / "docs"


def canonical(value):
    """A plain, ordered form of extracted facts (sets sorted, dataclasses as name + fields)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__] + [canonical(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((canonical(v) for v in value), key=repr)
    if isinstance(value, dict):
        return sorted(([canonical(k), canonical(v)] for k, v in value.items()), key=repr)
    if isinstance(value, (datetime.date, Path)):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def facts_digest(facts) -> str:
    return hashlib.sha256(json.dumps(canonical(facts), ensure_ascii=False).encode()).hexdigest()


def measure(sets: dict[str, Path], repeat: int) -> dict:
    """Per set: documents, characters, seconds of extraction and of read + segment, digests."""
    from bestuursgraaf.graph.pipeline import run_stages
    from bestuursgraaf.graph.read import read_corpus
    from bestuursgraaf.graph.segment import segment

    seed_size = sum(len(s.text) for s in read_corpus(SEEDS)) / len(read_corpus(SEEDS))
    import bestuursgraaf.graph

    figures = {"seed_size": seed_size, "code": str(Path(bestuursgraaf.graph.__file__).parent), "sets": {}}
    for name, folder in sets.items():
        sources = read_corpus(folder)
        extract = median_seconds(lambda sources=sources: [run_stages(s) for s in sources], repeat)
        baseline = median_seconds(lambda folder=folder: [segment(s.text) for s in read_corpus(folder)], repeat)
        figures["sets"][name] = {
            "documents": len(sources),
            "chars": sum(len(s.text) for s in sources),
            "extract": extract,
            "read_segment": baseline,
            "digests": {s.doc_id: facts_digest(run_stages(s)) for s in sources},
        }
    return figures


def ref_package(ref: str, into: Path, parts: tuple[str, ...] = ("graph",)) -> Path:
    """A folder that imports as `bestuursgraaf` with the code of git ref `ref`: its `bestuursgraaf/`
    and the folders `parts` (`graph`, `api`, `ontology`, ...) as the subpackages they install as."""
    archive = into / "ref.tar"
    with archive.open("wb") as handle:
        subprocess.run(["git", "-C", str(ROOT), "archive", ref, "bestuursgraaf", *parts], stdout=handle, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "src", filter="data")
    site = into / "site"
    (site / "bestuursgraaf").mkdir(parents=True)
    for part in (into / "src" / "bestuursgraaf").iterdir():
        (site / "bestuursgraaf" / part.name).symlink_to(part)
    for part in parts:
        (site / "bestuursgraaf" / part).symlink_to(into / "src" / part)
    return site


def measure_ref(ref: str, sets: dict[str, Path], repeat: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="extraction-ref-") as tmp:
        site = ref_package(ref, Path(tmp))
        env = dict(os.environ, PYTHONPATH=str(site), PYTHONDONTWRITEBYTECODE="1")
        command = [sys.executable, __file__, "--child", json.dumps({k: str(v) for k, v in sets.items()}),
                   "--repeat", str(repeat)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=tmp, check=False)
        if done.returncode != 0:
            raise SystemExit(f"the run at {ref} failed:\n{done.stderr[-2000:]}")
        figures = json.loads(done.stdout)
        if not figures["code"].startswith(tmp):
            raise SystemExit(f"the run at {ref} imported {figures['code']}, not the ref's copy")
        return figures


def per_core(figures: dict, name: str, key: str = "extract") -> float:
    one = figures["sets"][name]
    return one["chars"] / figures["seed_size"] / one[key]


def report(figures: dict, ref_figures: dict | None, ref: str | None) -> None:
    print(f"seed size {figures['seed_size']:,.0f} characters; median of the runs; one process")
    head = f"{'set':10s} {'docs':>5s} {'chars':>10s} {'extract s':>10s} {'letters/s/core':>15s} {'x read+segment':>15s}"
    if ref_figures:
        head += f" {'at ' + ref:>14s} {'speed-up':>9s} {'facts':>10s}"
    print(head)
    for name, one in figures["sets"].items():
        line = (
            f"{name:10s} {one['documents']:5d} {one['chars']:10,d} {one['extract']:10.3f}"
            f" {per_core(figures, name):15.1f} {one['extract'] / one['read_segment']:14.1f}x"
        )
        if ref_figures:
            theirs = ref_figures["sets"][name]
            differ = [d for d, h in one["digests"].items() if theirs["digests"].get(d) != h]
            facts = "identical" if not differ and one["digests"].keys() == theirs["digests"].keys() else f"{len(differ)} differ"
            line += (
                f" {per_core(ref_figures, name):14.1f} {theirs['extract'] / one['extract']:8.2f}x {facts:>10s}"
            )
            if differ:
                line += "  (" + ", ".join(sorted(differ)[:5]) + ")"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=40, help="generated letters (0: none)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-ref", help="git ref to measure in the same run (e.g. main)")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # JSON of the sets; prints figures as JSON
    args = parser.parse_args()
    if args.child:
        sets = {k: Path(v) for k, v in json.loads(args.child).items()}
        print(json.dumps(measure(sets, args.repeat)))
        return
    with tempfile.TemporaryDirectory(prefix="extraction-gen-") as tmp:
        sets = {"seeds": SEEDS}
        if args.generated:
            generate(args.generated, Path(tmp) / "generated")
            sets["generated"] = Path(tmp) / "generated"
        sets["realset"] = REALSET
        ref_figures = measure_ref(args.baseline_ref, sets, args.repeat) if args.baseline_ref else None
        report(measure(sets, args.repeat), ref_figures, args.baseline_ref)


if __name__ == "__main__":
    main()
