"""Bestuursgraaf: a linked-data knowledge graph of Dutch inter-governmental relations and commitments.

The installed package is `bestuursgraaf`; its parts live in the repository's top-level folders
(`graph/` → `bestuursgraaf.graph`, `api/` → `bestuursgraaf.api`), and its data (`queries/`,
`ontology/`, `curated/`, `corpus/`) is package data read through `bestuursgraaf.package_data`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bestuursgraaf")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"
