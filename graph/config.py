"""Settings shared by the CLI, the build and the API, with their defaults and environment overrides."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from bestuursgraaf.graph.namespaces import DEFAULT_BASE

from bestuursgraaf.package_data import bundled_corpus

BUNDLED_CORPUS = bundled_corpus()


def checkout_root() -> Path | None:
    """The source checkout this code runs from (an editable install), else None."""
    root = Path(__file__).resolve().parent.parent
    project = root / "pyproject.toml"
    if (root / ".git").exists() and project.is_file() and 'name = "bestuursgraaf"' in project.read_text("utf-8"):
        return root
    return None


def default_data_dir() -> Path:
    """Where graphs are kept: $BESTUURSGRAAF_DATA; else, run from a source checkout, its own
    `data/` (so two checkouts never share a graph); else $XDG_DATA_HOME/bestuursgraaf."""
    if os.environ.get("BESTUURSGRAAF_DATA"):
        return Path(os.environ["BESTUURSGRAAF_DATA"])
    checkout = checkout_root()
    if checkout is not None:
        return checkout / "data"
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "bestuursgraaf"


def _int_env(name: str, default: int) -> int:
    return _number_env(name, default, int, "a whole number")


def _float_env(name: str, default: float) -> float:
    return _number_env(name, default, float, "a number")


def _number_env(name: str, default, kind: type, noun: str):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return kind(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not {noun}") from None


def _iri_list_env(name: str) -> frozenset[str]:
    return frozenset(iri.strip() for iri in os.environ.get(name, "").split(",") if iri.strip())


@dataclass(frozen=True)
class Settings:
    """Where things are and how they are named. Environment: BESTUURSGRAAF_BASE_IRI,
    BESTUURSGRAAF_DATA, BESTUURSGRAAF_ENDPOINT (with BESTUURSGRAAF_ENDPOINT_TIMEOUT_PARAM), and for the queries the API runs
    BESTUURSGRAAF_MAX_QUERY_CHARS, BESTUURSGRAAF_MAX_QUERY_DEPTH and BESTUURSGRAAF_SERVICE_ALLOW
    (comma-separated endpoint IRIs that SERVICE may call; none by default), their budget
    BESTUURSGRAAF_QUERY_TIMEOUT (seconds), BESTUURSGRAAF_MAX_ROWS, BESTUURSGRAAF_MAX_RESPONSE_BYTES,
    and for the worker processes that run them (see graph/store/query_pool.py)
    BESTUURSGRAAF_QUERY_WORKERS, BESTUURSGRAAF_LONG_QUERY_WORKERS, BESTUURSGRAAF_QUICK_QUERY_S,
    BESTUURSGRAAF_QUERY_QUEUE, BESTUURSGRAAF_LONG_QUERY_QUEUE and BESTUURSGRAAF_QUERY_MEMORY_MB, and
    for the server BESTUURSGRAAF_CHANNEL_TIMEOUT (seconds) and BESTUURSGRAAF_CONNECTION_LIMIT."""

    base_iri: str = field(
        default_factory=lambda: os.environ.get("BESTUURSGRAAF_BASE_IRI", DEFAULT_BASE)
    )
    data_dir: Path = field(default_factory=default_data_dir)
    endpoint: str | None = field(default_factory=lambda: os.environ.get("BESTUURSGRAAF_ENDPOINT"))
    # the request parameter by which the endpoint takes a query's budget in ms (Virtuoso: timeout)
    endpoint_timeout_param: str | None = field(
        default_factory=lambda: os.environ.get("BESTUURSGRAAF_ENDPOINT_TIMEOUT_PARAM") or None
    )
    # named queries cut their answer here (and say so); /sparql refuses a larger answer
    max_rows: int = field(default_factory=lambda: _int_env("BESTUURSGRAAF_MAX_ROWS", 100_000))
    # 7x the longest bundled query, room for a VALUES list of some hundreds of IRIs
    max_query_chars: int = field(
        default_factory=lambda: _int_env("BESTUURSGRAAF_MAX_QUERY_CHARS", 20_000)
    )
    # the bundled queries nest at most 9 deep; rdflib's parser overflows its stack near 27, and
    # Oxigraph's crashes the process near 5,000
    max_query_depth: int = field(
        default_factory=lambda: _int_env("BESTUURSGRAAF_MAX_QUERY_DEPTH", 20)
    )
    service_allow: frozenset[str] = field(
        default_factory=lambda: _iri_list_env("BESTUURSGRAAF_SERVICE_ALLOW")
    )
    # The budget of every query the API runs: stopped after this many seconds, refused beyond
    # this many bytes (the spooled answer on disk, never in memory)
    query_timeout_s: float = field(
        default_factory=lambda: _float_env("BESTUURSGRAAF_QUERY_TIMEOUT", 10.0)
    )
    max_response_bytes: int = field(
        default_factory=lambda: _int_env("BESTUURSGRAAF_MAX_RESPONSE_BYTES", 50_000_000)
    )
    # Worker processes for a store on disk: every query starts on a quick worker, one still
    # running after quick_query_s moves to a long one (fewer, lower CPU priority); each lane
    # lets this many requests wait beyond its workers and refuses more with 503 + Retry-After.
    query_workers: int = field(default_factory=lambda: _int_env("BESTUURSGRAAF_QUERY_WORKERS", 2))
    long_query_workers: int = field(
        default_factory=lambda: _int_env("BESTUURSGRAAF_LONG_QUERY_WORKERS", 2)
    )
    quick_query_s: float = field(
        default_factory=lambda: _float_env("BESTUURSGRAAF_QUICK_QUERY_S", 1.0)
    )
    query_queue: int = field(default_factory=lambda: _int_env("BESTUURSGRAAF_QUERY_QUEUE", 8))
    long_query_queue: int = field(
        default_factory=lambda: _int_env("BESTUURSGRAAF_LONG_QUERY_QUEUE", 2)
    )
    # the address space of one worker (it opens at about 450 MB of mostly unused mappings)
    query_memory_mb: int = field(
        default_factory=lambda: _int_env("BESTUURSGRAAF_QUERY_MEMORY_MB", 2048)
    )
    # The server: a connection that sends nothing for this long is closed (half-sent requests,
    # slowloris), and beyond this many open connections new ones wait in the listen backlog.
    channel_timeout_s: int = field(
        default_factory=lambda: _int_env("BESTUURSGRAAF_CHANNEL_TIMEOUT", 30)
    )
    connection_limit: int = field(
        default_factory=lambda: _int_env("BESTUURSGRAAF_CONNECTION_LIMIT", 100)
    )

    graph_file: Path | None = None  # the graph a command was given (`serve --graph`), if any

    @property
    def default_graph_path(self) -> Path:
        """The graph to use: the one given, else `graph.nq` in the data directory."""
        return self.graph_file or self.data_dir / "graph.nq"
