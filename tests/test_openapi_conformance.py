"""The OpenAPI description matches the API: schemathesis, with every check enabled, against a
real `bestuursgraaf serve` process on 127.0.0.1, finds no failure. The number of examples per
operation is bounded (and the seed fixed), so the run takes some tens of seconds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.server_fixtures import bestuursgraaf_serving

SCHEMATHESIS_CONFIG = Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = int(os.environ.get("BESTUURSGRAAF_SCHEMATHESIS_EXAMPLES", "5"))
# the `st` command of schemathesis, run by this interpreter (its script may not be on PATH)
RUN_SCHEMATHESIS = "import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())"
SEED = os.environ.get("BESTUURSGRAAF_SCHEMATHESIS_SEED", "20261203")


@pytest.fixture(scope="module")
def served(built_graph_path: Path, tmp_path_factory) -> str:
    data_dir = tmp_path_factory.mktemp("data")
    with bestuursgraaf_serving(built_graph_path, data_dir, threads=4) as url:
        yield url


def test_schemathesis_finds_no_failure_with_every_check(served: str, tmp_path: Path):
    pytest.importorskip("schemathesis")
    command = [
        sys.executable, "-c", RUN_SCHEMATHESIS,
        "--config-file", str(SCHEMATHESIS_CONFIG),
        "run", f"{served}/openapi.json",
        "--checks", "all",
        "--max-examples", str(MAX_EXAMPLES),
        "--seed", SEED,
        "--workers", "1",
        "--request-timeout", "30",
        "--no-color",
    ]  # fmt: skip
    run = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False
    )
    report = run.stdout + run.stderr
    assert run.returncode == 0, report[-20_000:]
    assert "failure" not in report.splitlines()[-1], report[-5_000:]
