"""How the build and the named queries scale with the number of letters (issue #9's benchmark).

Usage: ``python benchmarks/scale.py [--sizes 100 1000 10000] [--jobs 2] [--repeat 5]``.

For each N it generates N letters in the genre (``benchmarks/generate_corpus.py``), then runs the
real command line in a child process and prints:

- the full build's wall time, letters/s per core, and the child's peak RSS;
- the same build again with every document in the cache (what a rebuild costs when nothing
  changed, i.e. the cross-letter steps, emission, validation and writing);
- adding one letter to the built corpus: the incremental rebuild's time, and whether its graph is
  byte-identical to a full build of the N+1 letters without a cache (``--no-verify`` skips that);
- with ``--baseline-ref REF``, the same three builds with the code of git ref REF, in the same
  run on the same corpus, as ratios, and whether both made the same graph;
- each named query's p50 in process on the built store, and over the Flask app (the real app,
  in process, through its WSGI test client).

Ratios, not seconds, are the figures to compare (the machine is shared): build time against the
first N's build time (linear growth means the ratio follows N), and each query's p50 against
``SELECT (1 AS ?one) {}`` measured in the same run on the same store. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import ref_package
from generate_corpus import generate
from timing import median_seconds

SEED_LETTER_CHARS = 27_000  # the bundled letters' average size, the unit of issue #9's target


def _run_build(corpus: Path, out: Path, jobs: int, *extra: str, env: dict | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (kB) of the build process, and its stderr; `env` runs another copy
    of the code (the baseline ref's, see `_ref_environment`)."""
    command = [sys.executable, "-m", "bestuursgraaf", "build", "--corpus", str(corpus), "--out", str(out),
               "--jobs", str(jobs), *extra]
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed:\n{stderr[-2000:]}")
    return seconds, usage.ru_maxrss, stderr




def _query_figures(graph: Path, repeat: int) -> None:
    from bestuursgraaf.api import create_app
    from bestuursgraaf.graph.queries import list_queries
    from bestuursgraaf.graph.store import open_persistent

    store = open_persistent(graph)
    app = create_app(store).test_client()
    baseline = median_seconds(lambda: store.select("SELECT (1 AS ?one) WHERE {}"), repeat)
    print(f"    baseline SELECT (1 AS ?one) {{}}: {baseline * 1000:.2f} ms in process")
    print(f"    {'query':28} {'in process':>12} {'x base':>8} {'over API':>12} {'API/in':>7}")
    queries = {query.name: query for query in list_queries()}
    # the queries about one thing are asked about the first action and commitment of the graph
    samples = {
        "action": _first(store, queries["actions"], "key"),
        "commitment": _first(store, queries["commitments"], "commitment"),
    }
    for query in queries.values():
        values = {p.name: samples[p.name] for p in query.parameters if not p.optional and not p.default}
        if None in values.values():
            print(f"    {query.name:28} skipped: the graph has no {', '.join(values)} to ask about")
            continue
        text = query.bind(values)
        inside = median_seconds(lambda t=text: store.select(t), repeat)
        over = median_seconds(
            lambda q=query, v=values: app.get(f"/queries/{q.name}", query_string=v, headers={"Accept": "application/json"}),
            repeat,
        )
        print(f"    {query.name:28} {inside * 1000:10.1f}ms {inside / baseline:8.0f} {over * 1000:10.1f}ms {over / inside:7.2f}")


def _first(store, query, column: str) -> str | None:
    rows = store.select(query.bind({})).rows
    return rows[0][column] if rows else None


def _ref_environment(ref: str, scratch: Path) -> dict:
    """The environment in which `python -m bestuursgraaf` runs the code of git ref `ref`."""
    scratch.mkdir(parents=True, exist_ok=True)
    site = ref_package(ref, scratch, ("graph", "api", "queries", "ontology", "curated", "corpus"))
    env = dict(os.environ, PYTHONPATH=str(site), PYTHONDONTWRITEBYTECODE="1")
    where = subprocess.run(
        [sys.executable, "-c", "import bestuursgraaf.graph.build as b; print(b.__file__)"],
        env=env, capture_output=True, text=True, check=True, cwd=scratch,
    ).stdout.strip()
    if not where.startswith(str(scratch)):
        raise SystemExit(f"the baseline imported {where}, not the copy of {ref}")
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-verify", action="store_true", help="skip the full N+1 build that checks bytes")
    parser.add_argument("--no-queries", action="store_true")
    parser.add_argument("--baseline-ref", metavar="REF",
                        help="also build each corpus with the code of git ref REF, in the same run")
    args = parser.parse_args()
    first = None
    with tempfile.TemporaryDirectory(prefix="bg-scale-") as scratch:
        ref_env = _ref_environment(args.baseline_ref, Path(scratch) / "ref") if args.baseline_ref else None
        for n in args.sizes:
            root = Path(scratch) / str(n)
            dossiers = max(1, n // 8)
            paths = generate(n, root / "corpus", dossiers=dossiers)
            chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
            out = root / "graph.nq"
            if ref_env is not None:  # first, so that the code under test is not favoured by warm caches
                ref_out = root / "ref" / "graph.nq"
                ref_seconds, ref_rss, _ = _run_build(root / "corpus", ref_out, args.jobs, env=ref_env)
            seconds, rss, _ = _run_build(root / "corpus", out, args.jobs)
            first = first or (n, seconds)
            per_core = n / seconds / args.jobs
            seed_size = chars / SEED_LETTER_CHARS / seconds / args.jobs
            quads = sum(1 for _ in out.open("rb"))
            print(f"N={n}: {quads} quads, {chars / n / 1000:.1f} kB a letter")
            print(f"  full build (--jobs {args.jobs}): {seconds:.1f} s, {per_core:.2f} letters/s per core "
                  f"({seed_size:.2f} of seed size), peak RSS {rss / 1024:.0f} MB; "
                  f"x{seconds / first[1]:.2f} the N={first[0]} build for x{n / first[0]:.0f} the letters")
            if ref_env is not None:
                same = "same graph" if ref_out.read_bytes() == out.read_bytes() else "graphs DIFFER"
                print(f"    at {args.baseline_ref}: {ref_seconds:.1f} s, peak RSS {ref_rss / 1024:.0f} MB; "
                      f"this code takes x{seconds / ref_seconds:.2f} its time ({same})")
                ref_cached, _, _ = _run_build(root / "corpus", ref_out, args.jobs, env=ref_env)
            cached, _, _ = _run_build(root / "corpus", out, args.jobs)
            print(f"  rebuild, nothing changed: {cached:.1f} s ({cached / seconds:.2f} of the full build)")
            if ref_env is not None:
                print(f"    at {args.baseline_ref}: {ref_cached:.1f} s; this code takes x{cached / ref_cached:.2f} its time")
            added = generate(n + 1, root / "plus", dossiers=dossiers)[-1]
            for suffix in (".txt", ".json"):
                (root / "corpus" / added.with_suffix(suffix).name).write_bytes(added.with_suffix(suffix).read_bytes())
            if ref_env is not None:
                ref_one, _, _ = _run_build(root / "corpus", ref_out, args.jobs, env=ref_env)
            one, _, log = _run_build(root / "corpus", out, args.jobs)
            cached_line = next((line for line in log.splitlines() if "unchanged since" in line), "")
            print(f"  add one letter: {one:.1f} s ({one / seconds:.2f} of the full build); {cached_line}")
            if ref_env is not None:
                print(f"    at {args.baseline_ref}: {ref_one:.1f} s; this code takes x{one / ref_one:.2f} its time")
            if not args.no_verify:
                full = root / "full.nq"
                _run_build(root / "corpus", full, args.jobs, "--no-cache")
                same = full.read_bytes() == out.read_bytes()
                print(f"  incremental graph byte-identical to a full build: {'yes' if same else 'NO'}")
            if not args.no_queries:
                _query_figures(out, args.repeat)


if __name__ == "__main__":
    main()
