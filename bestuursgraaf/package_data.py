"""Where the package's data is: the named queries, the ontology, curated decisions, the bundled corpus.

Each is a data package (`bestuursgraaf.queries`, …) installed with the code, found through
`importlib.resources` whether the package is installed from a wheel or in editable mode.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def package_dir(name: str) -> Path:
    """The folder of a data package: `queries`, `ontology`, `curated` or `corpus`."""
    return Path(str(files(f"bestuursgraaf.{name}")))


def queries_dir() -> Path:
    return package_dir("queries")


def ontology_dir() -> Path:
    return package_dir("ontology")


def curated_dir() -> Path:
    return package_dir("curated")


def bundled_corpus() -> Path:
    return package_dir("corpus")
