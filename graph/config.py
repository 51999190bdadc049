"""Settings shared by the CLI, the build and the API, with their defaults and environment overrides."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from bestuursgraaf.graph.namespaces import DEFAULT_BASE

from bestuursgraaf.package_data import bundled_corpus

BUNDLED_CORPUS = bundled_corpus()


def default_data_dir() -> Path:
    """The user's data directory: $BESTUURSGRAAF_DATA, else $XDG_DATA_HOME/bestuursgraaf."""
    if os.environ.get("BESTUURSGRAAF_DATA"):
        return Path(os.environ["BESTUURSGRAAF_DATA"])
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "bestuursgraaf"


@dataclass(frozen=True)
class Settings:
    """Where things are and how they are named. Environment: BESTUURSGRAAF_BASE_IRI,
    BESTUURSGRAAF_DATA, BESTUURSGRAAF_ENDPOINT."""

    base_iri: str = field(default_factory=lambda: os.environ.get("BESTUURSGRAAF_BASE_IRI", DEFAULT_BASE))
    data_dir: Path = field(default_factory=default_data_dir)
    endpoint: str | None = field(default_factory=lambda: os.environ.get("BESTUURSGRAAF_ENDPOINT"))
    max_rows: int = 10_000

    @property
    def default_graph_path(self) -> Path:
        return self.data_dir / "graph.nq"
