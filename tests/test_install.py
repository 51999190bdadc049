"""A plain, non-editable `pip install .` builds the bundled corpus, queries it and serves it,
with every piece of data (queries, ontology, curated decisions, corpus) read from the installed
package, not from this checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.server_fixtures import free_port, json_when_up

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The package installed from a wheel into its own folder; the environment that runs it there
    (this virtualenv's dependencies, but the package only from that folder, run outside the checkout)."""
    target = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(REPO)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    data = tmp_path_factory.mktemp("data")
    return {**os.environ, "PYTHONPATH": str(target), "BESTUURSGRAAF_DATA": str(data), "TARGET": str(target)}


def _run(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bestuursgraaf", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=600,
        check=False,
    )


def test_installed_package_is_imported_from_the_wheel_not_the_checkout(installed, tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", ("import bestuursgraaf.graph, bestuursgraaf.package_data as p; "
         "print(bestuursgraaf.graph.__file__); print(p.queries_dir()); print(p.bundled_corpus())")],
        env=installed, cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    for line in done.stdout.split():
        assert line.startswith(installed["TARGET"]), line


def test_installed_package_builds_queries_and_serves(installed, tmp_path):
    built = _run(installed, tmp_path, "build")
    assert built.returncode == 0, built.stderr[-3000:]
    graph = Path(installed["BESTUURSGRAAF_DATA"]) / "graph.nq"
    assert graph.stat().st_size > 100_000
    queried = _run(installed, tmp_path, "query", "documents", "--format", "json")
    assert queried.returncode == 0, queried.stderr[-3000:]
    assert len(json.loads(queried.stdout)["rows"]) == 5
    # the export is checked against the Kamer's XSD, installed with the ontology (ontology/tkdata/)
    exported = _run(installed, tmp_path, "export-toezeggingen", "--out", str(tmp_path / "t.xml"))
    assert exported.returncode == 0, exported.stderr[-3000:]
    assert b"http://www.tweedekamer.nl/xsd/tkData/v1-0" in (tmp_path / "t.xml").read_bytes()

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bestuursgraaf", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=installed, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        body = json_when_up(f"http://127.0.0.1:{port}/queries/documents", server)
        assert len(body["rows"]) == 5
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/def.ttl", timeout=5) as answer:
            assert b"owl:Ontology" in answer.read()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_default_data_folder_is_the_checkouts_own_or_the_users(installed, tmp_path):
    """Run from this checkout, graphs go to its own data/ (never shared with another checkout);
    an installed package uses $XDG_DATA_HOME/bestuursgraaf."""
    ask = [sys.executable, "-c", "from bestuursgraaf.graph.config import default_data_dir; print(default_data_dir())"]
    env = {k: v for k, v in os.environ.items() if k != "BESTUURSGRAAF_DATA"}
    here = subprocess.run(ask, env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert Path(here.stdout.strip()) == REPO / "data"
    env = {k: v for k, v in installed.items() if k != "BESTUURSGRAAF_DATA"} | {"XDG_DATA_HOME": str(tmp_path)}
    there = subprocess.run(ask, env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert Path(there.stdout.strip()) == tmp_path / "bestuursgraaf"
