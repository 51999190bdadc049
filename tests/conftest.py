"""Shared fixtures: the real corpus, a real built graph, a real embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest
from bestuursgraaf.graph.build import build
from bestuursgraaf.graph.config import BUNDLED_CORPUS
from bestuursgraaf.graph.namespaces import Minter
from bestuursgraaf.graph.store import EmbeddedStore

pytest_plugins = ["tests.server_fixtures", "tests.virtuoso_server"]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return BUNDLED_CORPUS


@pytest.fixture(scope="session")
def minter() -> Minter:
    return Minter()


@pytest.fixture(scope="session")
def built_graph_path(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, minter: Minter) -> Path:
    """The bundled corpus built once per test session, validated, as N-Quads."""
    out = tmp_path_factory.mktemp("built") / "graph.nq"
    build(corpus_dir, out, minter)
    return out


@pytest.fixture(scope="session")
def embedded_store(built_graph_path: Path) -> EmbeddedStore:
    store = EmbeddedStore()
    store.load_file(built_graph_path)
    return store
