"""Pytest plugin: a real `oxigraph serve` process for the remote-store path, and what every
server fixture shares (a free port, waiting, stopping).

Registered with `pytest_plugins = ["tests.server_fixtures"]` in tests/conftest.py."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.error import URLError

import pytest

STARTUP_TIMEOUT_S = 20.0
SHUTDOWN_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class OxigraphServer:
    """Where a running Oxigraph server answers."""

    base_url: str
    process: subprocess.Popen
    data_dir: Path

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def store_url(self) -> str:
        return f"{self.base_url}/store"


def find_oxigraph_binary() -> str | None:
    """The `oxigraph` executable of this virtualenv (next to sys.executable), else the one on PATH."""
    beside_python = Path(sys.executable).with_name("oxigraph")
    if beside_python.is_file():
        return str(beside_python)
    return shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load_nquads(server: OxigraphServer, nquads: bytes, *, replace: bool = True) -> None:
    """Load an N-Quads dataset into the server through its graph store endpoint:
    PUT replaces the whole dataset, POST adds to it."""
    request = urllib.request.Request(
        server.store_url,
        data=nquads,
        method="PUT" if replace else "POST",
        headers={"Content-Type": "application/n-quads"},
    )
    with urllib.request.urlopen(request, timeout=30):
        pass


def json_when_up(url: str, process: subprocess.Popen, startup_timeout_s: float = 60.0) -> object:
    """The JSON at `url` once the server `process` answers; fails if it exits or never answers."""
    import json

    deadline = time.monotonic() + startup_timeout_s
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return json.loads(answer.read())
        except (URLError, OSError):
            assert process.poll() is None, process.stderr.read().decode()[-3000:]
            assert time.monotonic() < deadline, f"the server did not answer {url} within {startup_timeout_s} s"
            time.sleep(0.3)


def _answers(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/", timeout=1):
            return True
    except (URLError, OSError):
        return False


def start_oxigraph(binary: str, data_dir: Path) -> OxigraphServer:
    """Start `oxigraph serve` on a free local port and wait until it answers HTTP."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    stderr_path = data_dir.parent / "oxigraph.stderr"
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            [
                binary,
                "serve",
                "--location",
                str(data_dir),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
            ],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        if _answers(base_url):
            return OxigraphServer(base_url=base_url, process=process, data_dir=data_dir)
        time.sleep(0.1)
    raise startup_failure(f"oxigraph serve at {base_url}", process, STARTUP_TIMEOUT_S, stderr_path)


def startup_failure(
    server: str, process: subprocess.Popen, timeout_s: float, output: Path
) -> RuntimeError:
    """Stop a server that never answered and say why, with the end of what it wrote."""
    exited = process.poll()
    stop_server(process)
    log = output.read_text(errors="replace").strip()[-3000:] or "(it wrote nothing)"
    what = (
        f"did not answer within {timeout_s:g} s"
        if exited is None
        else f"exited with status {exited} before answering"
    )
    return RuntimeError(f"{server} {what}; its output:\n{log}")


def stop_server(process: subprocess.Popen, timeout_s: float = SHUTDOWN_TIMEOUT_S) -> None:
    """Terminate a server process; kill it if it does not stop in time."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """A real Oxigraph server, shared by the session, whose default graph is the union of the
    named graphs. Tests that load data into it should replace the whole dataset first."""
    binary = find_oxigraph_binary()
    if binary is None:
        pytest.skip(
            "no `oxigraph` executable next to the Python interpreter or on PATH "
            "(pip install oxigraph)"
        )
    data_dir = tmp_path_factory.mktemp("oxigraph") / "data"
    server = start_oxigraph(binary, data_dir)
    try:
        yield server
    finally:
        stop_server(server.process)
