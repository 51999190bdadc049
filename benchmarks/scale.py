"""How the build and the named queries scale with the number of letters (issue #9's benchmark).

Usage: ``python benchmarks/scale.py [--sizes 100 1000 10000] [--jobs 2] [--repeat 5]``.

For each N it generates N letters in the genre (``benchmarks/generate_corpus.py``), then runs the
real command line in a child process and prints:

- the full build's wall time, letters/s per core, and the child's peak RSS;
- the same build again with every document in the cache (what a rebuild costs when nothing
  changed, i.e. the cross-letter steps, emission, validation and writing);
- adding one letter to the built corpus: the incremental rebuild's time, and whether its graph is
  byte-identical to a full build of the N+1 letters without a cache (``--no-verify`` skips that);
- each named query's p50 in process on the built store (the on-disk store `query` and `serve`
  open, and the same dump in an in-memory store, which shows what the storage costs), over the
  Flask app (the real app, in process, through its WSGI test client), and through a real
  `oxigraph serve-read-only` on the built store: the endpoint's own time (the HTTP request and
  its JSON answer read whole) against the remote store's (`--endpoint`: the same request, its
  answer parsed into rows), with the difference in ms;
- the same for the queries asked about one thing (one letter's rows, one action's), since a
  list of everything grows with the graph whatever the query does.

``--graph PATH`` measures the queries on graphs already built (``bestuursgraaf build --out PATH``)
and skips the builds. ``--baseline-ref main`` also times each query as it is at that git ref, on
the same store in the same run (in a child process, stopped after ``--baseline-limit`` seconds),
and prints now/then.

Ratios, not seconds, are the figures to compare (the machine is shared): build time against the
first N's build time (linear growth means the ratio follows N), and each query's p50 against
``SELECT (1 AS ?one) {}`` measured in the same run on the same store. Asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import generate
from timing import median_seconds

SEED_LETTER_CHARS = 27_000  # the bundled letters' average size, the unit of issue #9's target


def _run_build(corpus: Path, out: Path, jobs: int, *extra: str) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (kB) of the build process, and its stderr."""
    command = [sys.executable, "-m", "bestuursgraaf", "build", "--corpus", str(corpus), "--out", str(out),
               "--jobs", str(jobs), *extra]
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed:\n{stderr[-2000:]}")
    return seconds, usage.ru_maxrss, stderr




def _query_figures(graph: Path, repeat: int, port: int, ref: str | None = None, limit: float = 60.0) -> None:
    import pyoxigraph as ox
    from bestuursgraaf.api import create_app
    from bestuursgraaf.graph.queries import list_queries
    from bestuursgraaf.graph.store import EmbeddedStore, RemoteStore, open_persistent

    store = open_persistent(graph)
    memory = ox.Store()
    memory.bulk_load(path=str(graph), format=ox.RdfFormat.N_QUADS)
    in_memory = EmbeddedStore.wrap(memory)
    app = create_app(store).test_client()
    baseline = median_seconds(lambda: store.select("SELECT (1 AS ?one) WHERE {}"), repeat)
    print(f"    baseline SELECT (1 AS ?one) {{}}: {baseline * 1000:.2f} ms in process")
    queries = {query.name: query for query in list_queries()}
    samples = _samples(store, queries)
    before = _queries_at(ref) if ref else {}
    with _endpoint(graph, port) as endpoint:
        remote = RemoteStore(endpoint)
        for heading, asks in (("every row", _whole_lists(queries, samples)), ("about one thing", _about_one(queries, samples))):
            print(f"    {heading}:")
            print(f"    {'query':36} {'rows':>6} {'on disk':>9} {'x base':>7} {'memory':>8} {'over API':>9} {'API/in':>7}"
                  f" {'endpoint':>9} {'--endpoint':>10} {'added':>8}" + (f" {ref[:10]:>10} {'now/then':>8}" if ref else ""))
            for label, query, values in asks:
                text = query.bind(values)
                rows = len(store.select(text).rows)
                inside = median_seconds(lambda t=text: store.select(t), repeat)
                held = median_seconds(lambda t=text: in_memory.select(t), repeat)
                over = median_seconds(
                    lambda q=query, v=values: app.get(f"/queries/{q.name}", query_string=v, headers={"Accept": "application/json"}),
                    repeat,
                )
                own = median_seconds(lambda t=text: _post(endpoint, t), repeat)
                through = median_seconds(lambda t=text: remote.select(t), repeat)
                then = ""
                if query.name in before:
                    old = _in_child(graph, before[query.name].bind(values), repeat, limit)
                    then = f" {old * 1000:8.1f}ms {inside / old:8.3f}" if old else f" {'>' + format(limit, 'g') + 's':>10} {'':>8}"
                print(f"    {label:36} {rows:6d} {inside * 1000:7.1f}ms {inside / baseline:7.0f} {held * 1000:6.1f}ms"
                      f" {over * 1000:7.1f}ms {over / inside:7.2f} {own * 1000:7.1f}ms {through * 1000:8.1f}ms"
                      f" {(through - own) * 1000:+6.1f}ms" + then)


def _queries_at(ref: str) -> dict:
    """The named queries as they are at a git ref (its `queries/`), parsed as today's are."""
    import io
    import tarfile

    from bestuursgraaf.graph.queries import list_queries

    root = Path(__file__).resolve().parent.parent
    archive = subprocess.run(["git", "-C", str(root), "archive", ref, "queries"], capture_output=True, check=True)
    folder = Path(tempfile.mkdtemp(prefix="bg-queries-"))
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return {query.name: query for query in list_queries(folder / "queries")}


_CHILD = """
import statistics, sys, time
import pyoxigraph as ox
from bestuursgraaf.graph.store import EmbeddedStore
store = EmbeddedStore.wrap(ox.Store.read_only(sys.argv[1]))  # as the measured store, rows and all
sparql = sys.stdin.read()
def run():
    store.select(sparql)
run()
times = []
for _ in range(int(sys.argv[2])):
    began = time.perf_counter(); run(); times.append(time.perf_counter() - began)
print(statistics.median(times))
"""


def _in_child(graph: Path, sparql: str, repeat: int, limit: float) -> float | None:
    """A query's p50 on the built store in a child process (so that a query that takes too
    long is stopped at `limit` seconds), or None when it was stopped."""
    from bestuursgraaf.graph.store.persistent import store_dir_for

    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(store_dir_for(graph)), str(repeat)], input=sparql,
                              capture_output=True, text=True, timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return None
    return float(done.stdout)


def _samples(store, queries) -> dict[str, str | None]:
    """What the queries about one thing are asked about: a letter in the middle of the corpus, the
    first action, commitment and key of the graph, and the first action a motion link names."""
    documents = store.select(queries["documents"].bind({})).rows
    actions = store.select(queries["actions"].bind({})).rows
    linked = store.select(queries["motions-by-action"].bind({})).rows
    return {
        "document": documents[len(documents) // 2]["document"] if documents else None,
        "key": actions[0]["key"] if actions else None,
        "action_iri": linked[0]["action"] if linked else None,
        "commitment": _first(store, queries["commitments"], "commitment"),
    }


def _whole_lists(queries, samples):
    """Each query with what it needs and no more (action-trace needs an action, commitment-trace a
    commitment: those are about one thing already)."""
    for query in queries.values():
        needed = {p.name: samples["key" if p.name == "action" else p.name] for p in query.parameters
                  if not p.optional and not p.default}
        if None not in needed.values():
            yield query.name, query, needed


def _about_one(queries, samples):
    for query in queries.values():
        names = {p.name for p in query.parameters if p.optional}
        for parameter, sample in (("document", "document"), ("later_document", "document"), ("key", "key"),
                                  ("action", "action_iri")):
            if parameter in names and samples[sample]:
                yield f"{query.name} ({parameter})", query, {parameter: samples[sample]}
        if query.name == "action-trace" and samples["action_iri"]:
            yield "action-trace (an action's IRI)", query, {"action": samples["action_iri"]}


def _post(endpoint: str, sparql: str) -> bytes:
    """One SPARQL request as any client sends it, its JSON answer read whole and not parsed."""
    import urllib.parse
    import urllib.request

    request = urllib.request.Request(
        endpoint, data=urllib.parse.urlencode({"query": sparql}).encode(),
        headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=600) as answer:
        return answer.read()


@contextlib.contextmanager
def _endpoint(graph: Path, port: int):
    """A real `oxigraph serve-read-only --union-default-graph` on the built store, on 127.0.0.1."""
    import shutil
    import socket
    import urllib.request

    from bestuursgraaf.graph.store.persistent import store_dir_for

    binary = Path(sys.executable).with_name("oxigraph")
    binary = str(binary) if binary.is_file() else shutil.which("oxigraph")
    if binary is None:
        raise SystemExit("no `oxigraph` executable (pip install oxigraph) for the endpoint figures")
    if not port:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(store_dir_for(graph)), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"oxigraph serve-read-only did not answer at {base}") from None
                time.sleep(0.2)
        yield f"{base}/query"
    finally:
        process.terminate()
        process.wait(timeout=20)


def _first(store, query, column: str) -> str | None:
    rows = store.select(query.bind({})).rows
    return rows[0][column] if rows else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-verify", action="store_true", help="skip the full N+1 build that checks bytes")
    parser.add_argument("--no-queries", action="store_true")
    parser.add_argument("--graph", type=Path, nargs="+", help="measure the queries on these built graphs only")
    parser.add_argument("--port", type=int, default=0, help="the endpoint's port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--baseline-ref", help="also time the named queries as they are at this git ref (e.g. main)")
    parser.add_argument("--baseline-limit", type=float, default=60.0, help="seconds before a baseline query is stopped")
    args = parser.parse_args()
    if args.graph:
        for graph in args.graph:
            quads = sum(1 for _ in graph.open("rb"))
            print(f"{graph}: {quads} quads")
            _query_figures(graph, args.repeat, args.port, args.baseline_ref, args.baseline_limit)
        return
    first = None
    with tempfile.TemporaryDirectory(prefix="bg-scale-") as scratch:
        for n in args.sizes:
            root = Path(scratch) / str(n)
            dossiers = max(1, n // 8)
            paths = generate(n, root / "corpus", dossiers=dossiers)
            chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
            out = root / "graph.nq"
            seconds, rss, _ = _run_build(root / "corpus", out, args.jobs)
            first = first or (n, seconds)
            per_core = n / seconds / args.jobs
            seed_size = chars / SEED_LETTER_CHARS / seconds / args.jobs
            quads = sum(1 for _ in out.open("rb"))
            print(f"N={n}: {quads} quads, {chars / n / 1000:.1f} kB a letter")
            print(f"  full build (--jobs {args.jobs}): {seconds:.1f} s, {per_core:.2f} letters/s per core "
                  f"({seed_size:.2f} of seed size), peak RSS {rss / 1024:.0f} MB; "
                  f"x{seconds / first[1]:.2f} the N={first[0]} build for x{n / first[0]:.0f} the letters")
            cached, _, _ = _run_build(root / "corpus", out, args.jobs)
            print(f"  rebuild, nothing changed: {cached:.1f} s ({cached / seconds:.2f} of the full build)")
            added = generate(n + 1, root / "plus", dossiers=dossiers)[-1]
            for suffix in (".txt", ".json"):
                (root / "corpus" / added.with_suffix(suffix).name).write_bytes(added.with_suffix(suffix).read_bytes())
            one, _, log = _run_build(root / "corpus", out, args.jobs)
            cached_line = next((line for line in log.splitlines() if "unchanged since" in line), "")
            print(f"  add one letter: {one:.1f} s ({one / seconds:.2f} of the full build); {cached_line}")
            if not args.no_verify:
                full = root / "full.nq"
                _run_build(root / "corpus", full, args.jobs, "--no-cache")
                same = full.read_bytes() == out.read_bytes()
                print(f"  incremental graph byte-identical to a full build: {'yes' if same else 'NO'}")
            if not args.no_queries:
                _query_figures(out, args.repeat, args.port, args.baseline_ref, args.baseline_limit)


if __name__ == "__main__":
    main()
