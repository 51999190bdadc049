"""Opening the graph for a query: re-parsing the N-Quads dump into memory (the old way, the
baseline) against opening the persistent on-disk store read-only, in the same run.

    python benchmarks/store_open.py [--graph PATH.nq] [--repeat N] [--copies K]

`--copies K` makes a dump K times the size of the graph (each copy in its own named graphs), to
show how the gap grows with the data. Prints the median seconds of each way, open plus one
COUNT query, and the ratio parse / open. A script, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bestuursgraaf.graph.build import build
from bestuursgraaf.graph.config import BUNDLED_CORPUS
from bestuursgraaf.graph.store import EmbeddedStore, load_store, open_persistent
from timing import median_seconds

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"




def _parse(dump: Path) -> None:
    store = EmbeddedStore()
    store.load_file(dump)
    store.select(COUNT)


def _open(dump: Path) -> None:
    open_persistent(dump).select(COUNT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, help="a built graph (default: build the bundled corpus)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "graph.nq"
        source = args.graph or build(BUNDLED_CORPUS, Path(folder) / "built.nq", persist_store=False).path
        text = source.read_text(encoding="utf-8")
        copies = [re.sub(r"<([^>]+)> \.$", rf"<\1#copy{i}> .", text, flags=re.MULTILINE) for i in range(args.copies)]
        dump.write_text("".join(copies), encoding="utf-8")
        quads = load_store(dump)
        parse = median_seconds(lambda: _parse(dump), args.repeat, warm_up=False)
        opened = median_seconds(lambda: _open(dump), args.repeat, warm_up=False)
    print(f"{quads} quads, median of {args.repeat}")
    print(f"re-parse the dump (baseline): {parse:.3f} s")
    print(f"open the on-disk store:       {opened:.3f} s")
    print(f"ratio parse / open:           {parse / opened:.1f}x")


if __name__ == "__main__":
    main()
