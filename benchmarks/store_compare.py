"""Embedded Oxigraph (pyoxigraph) against rdflib's in-memory Dataset, side by side on the same data.

Measures bulk load time, representative queries and peak memory of each store, each store in
its own child process (so peak RSS counts Rust allocations too, which tracemalloc cannot see),
and prints absolute figures with the ratio rdflib / oxigraph (rdflib is the baseline).

    python benchmarks/store_compare.py                      # default scales, < 2 min on 2 cores
    python benchmarks/store_compare.py --scale 10000,100000,500000
    python benchmarks/store_compare.py --graph build/graph.nq

A script, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

# The vocabulary and IRI base of graph/namespaces.py, written out so that a child process
# imports only the store it measures.
DEF = "https://w3id.org/bestuursgraaf/def#"
ID = "https://w3id.org/bestuursgraaf/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCTERMS = "http://purl.org/dc/terms/"
FOAF_NAME = "http://xmlns.com/foaf/0.1/name"
XSD = "http://www.w3.org/2001/XMLSchema#"

DEFAULT_SCALES = "10000,100000"
STORES = ("rdflib", "oxigraph")

QUERIES = {
    "lookup by IRI": f"""
        SELECT ?p ?o WHERE {{ <{ID}doc/kst-36000-0> ?p ?o }}""",
    "motions + submitters (join, GROUP_CONCAT)": f"""
        PREFIX bg: <{DEF}> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        SELECT ?motion (GROUP_CONCAT(?name; separator=", ") AS ?submitters) WHERE {{
          ?motion a bg:Motion ; bg:submittedBy ?person .
          ?person foaf:name ?name .
        }} GROUP BY ?motion""",
    "citations of a dossier (3-hop join)": f"""
        PREFIX bg: <{DEF}>
        SELECT DISTINCT ?document WHERE {{
          ?document bg:hasPassage ?passage .
          ?passage bg:cites ?citation .
          ?citation bg:refersTo ?kamerstuk .
          ?kamerstuk bg:dossier "36000" .
        }}""",
    "full-scan COUNT": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "FILTER regex over literals": f"""
        PREFIX bg: <{DEF}>
        SELECT ?passage WHERE {{ ?passage bg:text ?text FILTER regex(?text, "gemeenten", "i") }}""",
}

WORDS = (  # noqa: SIM905  a line of words reads better than 40 quoted ones
    "de het een gemeenten provincies waterschappen rijk kabinet minister kamer motie verzoekt "
    "regering overleg afspraken middelen uitvoering decentralisatie jeugdzorg wonen stikstof "
    "energietransitie financiering fonds toezegging brief voortgang onderzoek evaluatie in met "
    "voor van op aan over zal worden heeft is"
).split()
PARTIES = ("VVD", "PVV", "NSC", "BBB", "GL-PvdA", "D66", "CDA", "SP", "CU", "SGP", "PvdD")


# --- synthetic data --------------------------------------------------------------------------


def iri(text: str) -> str:
    return f"<{text}>"


def literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if datatype:
        return f"{quoted}^^<{datatype}>"
    return f"{quoted}@{lang}" if lang else quoted


def synthetic_quads(triples: int, seed: int = 7) -> Iterator[str]:
    """N-Quads lines in the shape of a built graph, about `triples` of them: letters
    (each its own named graph) with passages that cite kamerstukken, motions with submitters,
    and shared graphs of kamerstukken and persons."""
    rng = random.Random(seed)
    persons_graph, kamerstukken_graph = iri(f"{ID}graph/persons"), iri(f"{ID}graph/kamerstukken")
    persons = [f"{ID}persoon/{n}" for n in range(max(20, triples // 2000))]
    dossiers = [str(36000 + n) for n in range(max(5, triples // 5000))]
    described: set[str] = set()  # kamerstukken already described, so that every quad is new
    emitted = 0

    def quad(s: str, p: str, o: str, g: str) -> str:
        nonlocal emitted
        emitted += 1
        return f"{s} {p} {o} {g} .\n"

    for n, person in enumerate(persons):
        yield quad(iri(person), iri(RDF_TYPE), iri(f"{DEF}Person"), persons_graph)
        yield quad(iri(person), iri(FOAF_NAME), literal(f"Kamerlid {n}"), persons_graph)
        yield quad(iri(person), iri(f"{DEF}party"), literal(rng.choice(PARTIES)), persons_graph)
    letter = 0
    while emitted < triples:
        dossier = dossiers[letter % len(dossiers)]
        graph = iri(f"{ID}graph/letter-{letter}")
        document = iri(f"{ID}doc/kst-{dossier}-{letter}")
        yield quad(document, iri(RDF_TYPE), iri(f"{DEF}Letter"), graph)
        yield quad(document, iri(f"{DCTERMS}title"), literal(f"Brief {letter}", lang="nl"), graph)
        date = f"2024-{1 + letter % 12:02d}-{1 + letter % 28:02d}"
        yield quad(document, iri(f"{DCTERMS}date"), literal(date, f"{XSD}date"), graph)
        for passage_n in range(rng.randint(5, 15)):
            passage = iri(f"{ID}doc/kst-{dossier}-{letter}/passage/{passage_n}")
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40)))
            yield quad(document, iri(f"{DEF}hasPassage"), passage, graph)
            yield quad(passage, iri(f"{DEF}text"), literal(text, lang="nl"), graph)
            yield quad(
                passage, iri(f"{DEF}position"), literal(str(passage_n), f"{XSD}integer"), graph
            )
            if rng.random() < 0.4:
                yield from citation_quads(
                    rng, passage, graph, kamerstukken_graph, dossiers, described, quad
                )
        for motion_n in range(rng.randint(0, 3)):
            yield from motion_quads(rng, dossier, letter, motion_n, graph, persons, quad)
        letter += 1


def citation_quads(
    rng, passage, graph, kamerstukken_graph, dossiers, described, quad
) -> Iterator[str]:
    dossier, number = rng.choice(dossiers), rng.randint(1, 200)
    kamerstuk = iri(f"{ID}kamerstuk/kst-{dossier}-{number}")
    citation = iri(f"{passage[1:-1]}/citation/{number}")
    yield quad(passage, iri(f"{DEF}cites"), citation, graph)
    yield quad(citation, iri(f"{DEF}refersTo"), kamerstuk, graph)
    yield quad(
        citation, iri(f"{DEF}anchorText"), literal(f"Kamerstuk {dossier}, nr. {number}"), graph
    )
    if kamerstuk in described:
        return
    described.add(kamerstuk)
    yield quad(kamerstuk, iri(RDF_TYPE), iri(f"{DEF}Kamerstuk"), kamerstukken_graph)
    yield quad(kamerstuk, iri(f"{DEF}dossier"), literal(dossier), kamerstukken_graph)
    yield quad(kamerstuk, iri(f"{DEF}ondernummer"), literal(str(number)), kamerstukken_graph)


def motion_quads(rng, dossier, letter, motion_n, graph, persons, quad) -> Iterator[str]:
    motion = iri(f"{ID}motie/{dossier}-{letter * 3 + motion_n + 1}")
    yield quad(motion, iri(RDF_TYPE), iri(f"{DEF}Motion"), graph)
    yield quad(motion, iri(f"{DCTERMS}title"), literal(f"Motie over {rng.choice(WORDS)}"), graph)
    yield quad(motion, iri(f"{DEF}dossier"), literal(dossier), graph)
    for person in rng.sample(persons, rng.randint(1, 3)):
        yield quad(motion, iri(f"{DEF}submittedBy"), iri(person), graph)


def write_synthetic(triples: int, directory: Path) -> Path:
    path = directory / f"synthetic-{triples}.nq"
    with path.open("w", encoding="utf-8") as out:
        out.writelines(synthetic_quads(triples))
    return path


# --- one store, measured in a child process --------------------------------------------------


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def open_rdflib(path: Path) -> Callable[[str], int]:
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(str(path), format="nquads")
    return lambda sparql: len(list(dataset.query(sparql)))


def open_oxigraph(path: Path) -> Callable[[str], int]:
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return lambda sparql: len(list(store.query(sparql, use_default_graph_as_union=True)))


def measure_store(store: str, path: Path, repeat: int) -> dict:
    """Load time, median query times and peak RSS of one store: run inside the child."""
    opener = open_rdflib if store == "rdflib" else open_oxigraph
    if store == "rdflib":
        import rdflib  # noqa: F401  the import is part of the start, not of the load
    else:
        import pyoxigraph  # noqa: F401
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    run_query = opener(path)
    figures = {"load (s)": time.perf_counter() - started}
    run_query(
        "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    )  # untimed: rdflib builds its SPARQL parser on first use
    rows = {}
    for name, sparql in QUERIES.items():
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            rows[name] = run_query(sparql)
            timings.append(time.perf_counter() - started)
        figures[f"{name} (ms)"] = statistics.median(timings) * 1000
    figures["peak RSS (MB)"] = peak_rss_mb()
    figures["RSS growth (MB)"] = peak_rss_mb() - rss_before
    return {"figures": figures, "rows": rows}


def measure_in_child(store: str, path: Path, repeat: int) -> dict:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", store, "--repeat", str(repeat), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"{store} on {path} failed:\n{completed.stderr}")
    return json.loads(completed.stdout)


# --- the comparison table --------------------------------------------------------------------


def print_comparison(label: str, results: dict[str, dict]) -> None:
    baseline, subject = results["rdflib"], results["oxigraph"]
    print(f"\n## {label}\n")
    print(
        f"| {'measurement':<50} | {'rdflib':>10} | {'oxigraph':>10} | {'rdflib / oxigraph':>17} |"
    )
    print(f"|{'-' * 52}|{'-' * 11}:|{'-' * 11}:|{'-' * 18}:|")
    for name, value in baseline["figures"].items():
        other = subject["figures"][name]
        ratio = f"{value / other:.1f}x" if other > 0 else "n/a"
        print(f"| {name:<50} | {figure(value):>10} | {figure(other):>10} | {ratio:>17} |")
    print("\nrows per query: " + ", ".join(f"{n} {name!r}" for name, n in subject["rows"].items()))
    for name in QUERIES:
        if baseline["rows"][name] != subject["rows"][name]:
            print(
                f"warning: '{name}' gave {baseline['rows'][name]} rows in rdflib and "
                f"{subject['rows'][name]} in oxigraph"
            )


def figure(value: float) -> str:
    """Three significant digits without switching to exponent notation."""
    decimals = 0 if value >= 100 else 1 if value >= 10 else 2 if value >= 1 else 3
    return f"{value:.{decimals}f}"


def count_lines(path: Path) -> int:
    with path.open("rb") as lines:
        return sum(1 for line in lines if line.strip() and not line.startswith(b"#"))


def compare(path: Path, repeat: int) -> None:
    results = {store: measure_in_child(store, path, repeat) for store in STORES}
    print_comparison(f"{path.name}: {count_lines(path):,} quads", results)


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale",
        default=DEFAULT_SCALES,
        help=f"comma-separated sizes of synthetic graphs in triples (default {DEFAULT_SCALES})",
    )
    parser.add_argument("--graph", type=Path, help="also compare on this built graph (.nq)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the median counts")
    parser.add_argument("--child", choices=STORES, help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    if arguments.child:
        print(json.dumps(measure_store(arguments.child, arguments.path, arguments.repeat)))
        return
    if arguments.graph and arguments.graph.suffix != ".nq":
        raise SystemExit(f"{arguments.graph}: expected an N-Quads file (.nq)")
    scales = [int(scale) for scale in arguments.scale.split(",") if scale.strip()]
    print(f"# rdflib Dataset vs pyoxigraph Store ({arguments.repeat} runs per query, median)")
    with tempfile.TemporaryDirectory(prefix="store-compare-") as directory:
        for triples in scales:
            compare(write_synthetic(triples, Path(directory)), arguments.repeat)
    if arguments.graph:
        compare(arguments.graph, arguments.repeat)


if __name__ == "__main__":
    main()
