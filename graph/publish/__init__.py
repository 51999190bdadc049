"""Publishing the built graph as linked open data: a DCAT/VoID description, deterministic dumps, and diffs."""

from bestuursgraaf.graph.publish.dataset import (
    describe_dataset,
    description_graph,
    validate_description,
    void_statistics,
    with_description,
)
from bestuursgraaf.graph.publish.diff import (
    GraphDiff,
    diff_datasets,
    format_summary,
    read_built_graph,
)
from bestuursgraaf.graph.publish.dumps import FORMATS, dump

__all__ = [
    "FORMATS",
    "GraphDiff",
    "describe_dataset",
    "description_graph",
    "diff_datasets",
    "dump",
    "format_summary",
    "read_built_graph",
    "validate_description",
    "void_statistics",
    "with_description",
]
