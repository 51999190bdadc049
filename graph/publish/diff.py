"""What changed between two builds, per named graph, as N-Quads lines added and removed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset
from rdflib.exceptions import ParserError
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

DEFAULT_GRAPH = ""  # the name under which triples of the default graph are reported


@dataclass(frozen=True)
class GraphDiff:
    """The changes in one graph: N-Quads lines (sorted) only in the new build, and only in the old."""

    graph: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def read_built_graph(path: Path) -> Dataset:
    """A built graph file (.nq, or .trig) as a Dataset; a missing or unreadable file is one clear error."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no built graph here; run `bestuursgraaf build` first")
    dataset = Dataset()
    try:
        dataset.parse(path, format="trig" if path.suffix == ".trig" else "nquads")
    except (ParserError, SyntaxError, UnicodeDecodeError) as error:
        message = " ".join(str(error).split())
        raise ValueError(f"{path}: not a readable N-Quads/TriG graph: {message}") from None
    return dataset


def quads_by_graph(dataset: Dataset) -> dict[str, set[str]]:
    """Each non-empty graph's triples as N-Quads lines, keyed by graph IRI."""
    result: dict[str, set[str]] = {}
    for graph in dataset.graphs():
        if not len(graph):
            continue
        default = graph.identifier == DATASET_DEFAULT_GRAPH_ID
        name = DEFAULT_GRAPH if default else str(graph.identifier)
        suffix = " ." if default else f" {graph.identifier.n3()} ."
        lines = graph.serialize(format="nt").splitlines()
        result.setdefault(name, set()).update(
            line.rstrip()[:-1].rstrip() + suffix for line in lines if line.strip()
        )
    return result


def diff_datasets(old: Dataset, new: Dataset) -> list[GraphDiff]:
    """The graphs that differ, sorted by name; unchanged graphs are left out."""
    before, after = quads_by_graph(old), quads_by_graph(new)
    diffs = []
    for name in sorted(before.keys() | after.keys()):
        old_lines, new_lines = before.get(name, set()), after.get(name, set())
        if old_lines != new_lines:
            diffs.append(
                GraphDiff(name, sorted(new_lines - old_lines), sorted(old_lines - new_lines))
            )
    return diffs


def format_summary(diffs: list[GraphDiff], lines: bool = True) -> str:
    """Per graph `+N -M  <graph>`, then (with `lines`) its added (`+ `) and removed (`- `) quads."""
    if not diffs:
        return "no differences\n"
    out = []
    for diff in diffs:
        out.append(f"+{len(diff.added)} -{len(diff.removed)}  {diff.graph or '(default graph)'}")
        if lines:
            out.extend(f"  + {line}" for line in diff.added)
            out.extend(f"  - {line}" for line in diff.removed)
    total_added = sum(len(d.added) for d in diffs)
    total_removed = sum(len(d.removed) for d in diffs)
    out.append(f"{len(diffs)} graphs changed: +{total_added} -{total_removed}")
    return "\n".join(out) + "\n"
