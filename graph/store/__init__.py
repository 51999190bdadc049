"""One store interface, two implementations: an embedded Oxigraph store and a remote SPARQL endpoint."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from bestuursgraaf.graph.store.base import (
    QueryResult,
    QuerySyntaxError,
    Store,
    StoreError,
    UpdateRefused,
)

# The implementations are imported when first named (PEP 562), so that a query worker process,
# which imports only `query_worker`, does not pay for rdflib and SPARQLWrapper.
_LAZY = {
    "EmbeddedStore": "bestuursgraaf.graph.store.embedded",
    "RemoteStore": "bestuursgraaf.graph.store.remote",
    "load_store": "bestuursgraaf.graph.store.persistent",
    "open_persistent": "bestuursgraaf.graph.store.persistent",
    "store_dir_for": "bestuursgraaf.graph.store.persistent",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    from bestuursgraaf.graph.config import Settings

ENDPOINT_ENV = "BESTUURSGRAAF_ENDPOINT"

__all__ = [
    "EmbeddedStore",
    "QueryResult",
    "QuerySyntaxError",
    "RemoteStore",
    "Store",
    "StoreError",
    "UpdateRefused",
    "load_store",
    "open_persistent",
    "open_store",
    "store_dir_for",
]


def open_store(
    graph_path: Path | None = None, endpoint: str | None = None, settings: Settings | None = None
) -> Store:
    """The store chosen at start-up: a remote endpoint if one is named (argument or
    BESTUURSGRAAF_ENDPOINT), otherwise the embedded store loaded from the built graph file.
    With `settings`, a remote request keeps the query budget (deadline, bytes)."""
    from bestuursgraaf.graph.store.embedded import EmbeddedStore
    from bestuursgraaf.graph.store.remote import RemoteStore

    endpoint = endpoint or os.environ.get(ENDPOINT_ENV)
    if endpoint and settings is not None:
        return RemoteStore(
            endpoint,
            timeout=settings.query_timeout_s,
            max_bytes=settings.max_response_bytes,
            timeout_param=settings.endpoint_timeout_param,
        )
    if endpoint:
        return RemoteStore(endpoint)
    store = EmbeddedStore()
    if graph_path is not None:
        store.load_file(graph_path)
    return store
