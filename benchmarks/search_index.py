"""Full-text search candidates side by side: SQLite FTS5 (graph/search_index.py), the store's own
SPARQL (CONTAINS over LCASE of every quote and label, in embedded Oxigraph) and a Python loop.

Builds the bundled corpus's graph, then a graph with 100x its passages (each a copy of a real
passage with its words shuffled, so the index cannot share them), and measures for each:
the time to build the index, the time of representative queries (median of 5), and the index
size. Prints absolute figures and the ratio of each candidate to the Python loop (the baseline).

    python benchmarks/search_index.py             # bundled graph and 100x, about a minute
    python benchmarks/search_index.py --factor 20

A script, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bestuursgraaf.graph import search_index
from bestuursgraaf.graph.build import build
from bestuursgraaf.graph.config import BUNDLED_CORPUS
from bestuursgraaf.graph.store import EmbeddedStore
from rdflib import Literal, URIRef

QUERIES = ["Leijten", "regionale samenwerking", "gemeente", "Raad van State", "rekenkamer"]
BG = "https://w3id.org/bestuursgraaf/def#"


def timed(run: Callable[[], object], repeat: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def scaled_store(graph: Path, factor: int) -> EmbeddedStore:
    """The graph with `factor - 1` extra copies of each passage, words shuffled, in new IRIs."""
    store = EmbeddedStore()
    store.load_file(graph)
    if factor <= 1:
        return store
    rows = store.select(
        f"SELECT ?p ?q ?d WHERE {{ ?p a <{BG}Passage> ; <{BG}quote> ?q ; <{BG}inDocument> ?d }}"
    ).rows
    rng = random.Random(13)
    lines = []
    for copy in range(1, factor):
        for row in rows:
            words = row["q"].split()
            rng.shuffle(words)
            iri = URIRef(f"{row['p']}-copy{copy}").n3()
            quote = Literal(" ".join(words)).n3()
            lines.append(f"{iri} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{BG}Passage> .")
            lines.append(f"{iri} <{BG}quote> {quote} .")
            lines.append(f"{iri} <{BG}inDocument> {URIRef(row['d']).n3()} .")
    with tempfile.NamedTemporaryFile("w", suffix=".nq", delete=False, encoding="utf-8") as extra:
        extra.write("\n".join(lines) + "\n")
    store.load_file(Path(extra.name))
    Path(extra.name).unlink()
    return store


def sparql_search(store: EmbeddedStore, text: str) -> int:
    needle = Literal(text.lower()).n3()
    query = f"""SELECT ?thing WHERE {{
      {{ ?thing <{BG}quote> ?text }} UNION {{ ?thing <http://www.w3.org/2000/01/rdf-schema#label> ?text }}
      FILTER (CONTAINS(LCASE(STR(?text)), {needle}))
    }} LIMIT {search_index.MAX_HITS}"""
    return len(store.select(query).rows)


def python_search(entries: list[search_index.Entry], text: str) -> int:
    words = [word.lower() for word in text.split()]
    hits = [e for e in entries if all(w in (e.title + " " + e.body).lower() for w in words)]
    return len(hits[: search_index.MAX_HITS])


def measure(store: EmbeddedStore, label: str, folder: Path) -> None:
    print(f"\n== {label}: {len(store)} quads")
    start = time.perf_counter()
    entries = search_index.entries_from_store(store)
    read_s = time.perf_counter() - start
    path = folder / f"{label}.search.sqlite"
    start = time.perf_counter()
    search_index.write_index(store, path)
    fts_build_s = time.perf_counter() - start
    print(f"entries {len(entries)}: reading them from the store {read_s:.2f} s")
    print(
        f"FTS5 index: built in {fts_build_s:.2f} s (including the read), {path.stat().st_size / 1e6:.1f} MB"
    )
    connection = search_index.open_index(path)
    print(
        f"{'query':24} {'python loop':>12} {'sparql':>12} {'fts5':>12} {'sparql/py':>10} {'fts5/py':>9}"
    )
    for text in QUERIES:
        py_s, py_n = timed(lambda text=text: python_search(entries, text))
        sp_s, sp_n = timed(lambda text=text: sparql_search(store, text), repeat=3)
        fts_s, result = timed(lambda text=text: search_index.search(connection, text))
        print(
            f"{text:24} {py_s * 1000:9.1f} ms {sp_s * 1000:9.1f} ms {fts_s * 1000:9.2f} ms"
            f" {sp_s / py_s:10.2f} {fts_s / py_s:9.3f}   hits py={py_n} sparql={sp_n} fts5={len(result.hits)}"
        )
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--factor", type=int, default=100, help="passages of the large graph, x the bundled"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        graph = Path(folder) / "graph.nq"
        build(BUNDLED_CORPUS, graph, validate=False, persist_store=False)
        measure(scaled_store(graph, 1), "bundled", Path(folder))
        measure(scaled_store(graph, args.factor), f"{args.factor}x passages", Path(folder))


if __name__ == "__main__":
    main()
