"""Pytest plugin: a real Virtuoso (`virtuoso-t` from Debian's virtuoso-opensource) for the
remote-store path, with a database and virtuoso.ini of its own in a temporary folder.

Registered with `pytest_plugins` in tests/conftest.py. `make test` installs the package when it
is missing; without it the fixture skips."""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from urllib.error import URLError

import pytest

from tests.server_fixtures import free_port, startup_failure, stop_server

STARTUP_TIMEOUT_S = 60.0
SHUTDOWN_TIMEOUT_S = 20.0
ISQL_TIMEOUT_S = 120.0
DBA_PASSWORD = "dba"  # a fresh database's own; the server listens on 127.0.0.1 only

# Graphs Virtuoso writes itself into a fresh database. Its default graph is the union of every
# graph, so they are made private (unreadable for the anonymous SPARQL user) to leave the union
# of the loaded graphs alone, as `oxigraph serve --union-default-graph` has it.
SYSTEM_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
)
PRIVATE_GRAPHS = "http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs"

INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
CheckpointInterval = 0
NumberOfBuffers    = 2000
MaxDirtyBuffers    = 1200
ThreadsPerQuery    = 2
DirsAllowed        = ., {load}
VADInstallDir      = {db}/vad

[HTTPServer]
ServerPort    = 127.0.0.1:{http_port}
ServerRoot    = {db}
ServerThreads = 4
Charset       = UTF-8

[SPARQL]
ResultSetMaxRows      = 1000000
MaxQueryExecutionTime = 60
"""


@dataclass(frozen=True)
class VirtuosoServer:
    """Where a running Virtuoso answers SPARQL (HTTP) and SQL (isql)."""

    base_url: str
    sql_address: str
    process: subprocess.Popen
    work_dir: Path
    isql: str

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/sparql"

    @property
    def load_dir(self) -> Path:
        return self.work_dir / "load"


def find_virtuoso_binaries() -> tuple[str, str] | None:
    """`virtuoso-t` and its SQL client (`isql-vt` on Debian, `isql` elsewhere), if installed."""
    server = shutil.which("virtuoso-t")
    client = shutil.which("isql-vt") or shutil.which("isql")
    return (server, client) if server and client else None


def run_isql(server: VirtuosoServer, statements: list[str]) -> str:
    """Run SQL statements as dba through isql; any `*** Error` in its output fails loudly."""
    script = "\n".join(statement.rstrip().rstrip(";") + ";" for statement in statements)
    result = subprocess.run(
        [server.isql, server.sql_address, "dba", DBA_PASSWORD, "VERBOSE=OFF", "BANNER=OFF",
         "PROMPT=OFF", "ERRORS=STDOUT"],
        input=script + "\n", capture_output=True, text=True, timeout=ISQL_TIMEOUT_S, check=False,
    )
    said = result.stdout + result.stderr
    if result.returncode != 0 or "*** Error" in said:
        raise RuntimeError(f"isql at {server.sql_address} failed:\n{said.strip()[-3000:]}")
    return said


def _sql_iri(iri: str) -> str:
    assert "'" not in iri, iri
    return f"'{iri}'"


def hide_system_graphs(server: VirtuosoServer) -> None:
    """Make Virtuoso's own graphs private, so that the anonymous SPARQL user's default graph
    (the union of all graphs it may read) is the union of the loaded graphs only."""
    run_isql(
        server,
        [f"DB.DBA.RDF_GRAPH_GROUP_CREATE({_sql_iri(PRIVATE_GRAPHS)}, 1)"]
        + [
            f"DB.DBA.RDF_GRAPH_GROUP_INS({_sql_iri(PRIVATE_GRAPHS)}, {_sql_iri(graph)})"
            for graph in SYSTEM_GRAPHS
        ]
        + [
            "DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 0, 1)",  # private graphs: no access
            "DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 1, 0)",  # the others: read
        ],
    )


_load_number = count(1)


def load_nquads_into_virtuoso(server: VirtuosoServer, nquads: bytes, *, replace: bool = True) -> None:
    """Bulk-load an N-Quads dataset with Virtuoso's loader (`ld_dir` + `rdf_loader_run`);
    `replace` first deletes every quad outside Virtuoso's own graphs."""
    server.load_dir.mkdir(exist_ok=True)
    name = f"dataset-{next(_load_number)}.nq"  # ld_dir registers a file once, by its name
    path = server.load_dir / name
    path.write_bytes(nquads)
    system = ", ".join(f"iri_to_id({_sql_iri(graph)})" for graph in SYSTEM_GRAPHS)
    statements = ["log_enable(3, 1)"]
    if replace:
        statements.append(f"DELETE FROM DB.DBA.RDF_QUAD WHERE G NOT IN ({system})")
    statements += [
        "DELETE FROM DB.DBA.load_list",
        f"ld_dir({_sql_iri(str(server.load_dir))}, {_sql_iri(name)}, 'urn:bestuursgraaf:no-graph')",
        "rdf_loader_run()",
        "checkpoint",
        "SELECT 'LOADER-ERROR', ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL",
    ]
    said = run_isql(server, statements)
    path.unlink()
    if "LOADER-ERROR" in said.replace("'LOADER-ERROR'", ""):
        raise RuntimeError(f"Virtuoso's bulk loader refused {name}:\n{said.strip()[-3000:]}")


def _answers(query_url: str) -> bool:
    url = f"{query_url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=2) as answer:
            return answer.status == 200
    except (URLError, OSError):
        return False


def start_virtuoso(binary: str, isql: str, work_dir: Path) -> VirtuosoServer:
    """Start `virtuoso-t` in the foreground on free local ports, wait until its SPARQL endpoint
    answers, and hide its own graphs from the union default graph."""
    database = work_dir / "db"
    database.mkdir(parents=True)
    (work_dir / "load").mkdir()
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = work_dir / "virtuoso.ini"
    ini.write_text(
        INI.format(db=database, load=work_dir / "load", sql_port=sql_port, http_port=http_port),
        encoding="utf-8",
    )
    output_path = work_dir / "virtuoso.out"
    with output_path.open("wb") as output:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=work_dir, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    server = VirtuosoServer(
        base_url=f"http://127.0.0.1:{http_port}", sql_address=f"127.0.0.1:{sql_port}",
        process=process, work_dir=work_dir, isql=isql,
    )
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline and process.poll() is None:
        if _answers(server.query_url):
            hide_system_graphs(server)
            return server
        time.sleep(0.2)
    raise startup_failure(f"virtuoso-t at {server.query_url}", process, STARTUP_TIMEOUT_S, output_path)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A real Virtuoso, shared by the session, whose default graph is the union of the loaded
    graphs. Tests that load data into it replace the whole dataset first. Its files are removed
    when the session ends."""
    binaries = find_virtuoso_binaries()
    if binaries is None:
        pytest.skip(
            "no `virtuoso-t` with `isql-vt` on PATH (Debian: apt-get install virtuoso-opensource;"
            " `make test` installs it)"
        )
    work_dir = tmp_path_factory.mktemp("virtuoso")
    server = start_virtuoso(*binaries, work_dir)
    try:
        yield server
    finally:
        stop_server(server.process, SHUTDOWN_TIMEOUT_S)
        shutil.rmtree(work_dir, ignore_errors=True)
