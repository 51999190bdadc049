"""A served query keeps its budget (real `bestuursgraaf serve` processes over the bundled graph):
past its time it is stopped, its worker process ended and replaced; a client that goes away
stops its query; beyond the queue the API says 503 with Retry-After and cheap requests still pass."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.error import HTTPError

import pytest

from tests.server_fixtures import free_port, json_when_up

# 9,043^3 rows to count: it runs for hours and sends nothing until it is done
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ASK = "ASK { ?s ?p ?o }"
SETTLE_S = 30.0  # how long a test waits for workers to come and go (a bound, not a measurement)


def _serve(graph: Path, data_dir: Path, **env: str) -> tuple[str, subprocess.Popen]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bestuursgraaf", "serve", "--graph", str(graph),
         "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, "BESTUURSGRAAF_DATA": str(data_dir), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    json_when_up(f"http://127.0.0.1:{port}/", process)
    return f"http://127.0.0.1:{port}", process


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=20)


def _workers(server: subprocess.Popen) -> set[int]:
    """The live child processes of the server (its query workers), read from /proc."""
    children = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == server.pid and fields[0] != "Z":
            children.add(int(entry.name))
    return children


def _settled(server: subprocess.Popen, count: int) -> set[int]:
    """The workers once there are `count` of them again."""
    deadline = time.monotonic() + SETTLE_S
    while len(workers := _workers(server)) != count:
        assert time.monotonic() < deadline, f"the server has {len(workers)} workers, not {count}"
        time.sleep(0.1)
    return workers


def _get(
    base: str, path: str, accept: str = "", **params: str
) -> tuple[int, dict, dict | str]:
    accept = accept or ("application/sparql-results+json" if path == "/sparql" else "application/json")
    url = f"{base}{path}" + (f"?{urllib.parse.urlencode(params)}" if params else "")
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            body = answer.read()
            json_answer = "json" in answer.headers["Content-Type"]
            return answer.status, dict(answer.headers), json.loads(body) if json_answer else body.decode()
    except HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


@pytest.fixture(scope="module")
def tight(built_graph_path: Path, tmp_path_factory) -> tuple[str, subprocess.Popen]:
    """One quick and one long worker (and two warm spares), no queue, a 3 s budget, small caps."""
    base, process = _serve(
        built_graph_path,
        tmp_path_factory.mktemp("tight"),
        BESTUURSGRAAF_QUERY_TIMEOUT="3",
        BESTUURSGRAAF_QUICK_QUERY_S="0.2",
        BESTUURSGRAAF_QUERY_WORKERS="1",
        BESTUURSGRAAF_LONG_QUERY_WORKERS="1",
        BESTUURSGRAAF_QUERY_QUEUE="0",
        BESTUURSGRAAF_LONG_QUERY_QUEUE="0",
        BESTUURSGRAAF_MAX_ROWS="1000",
        BESTUURSGRAAF_MAX_RESPONSE_BYTES="50000",
    )
    try:
        yield base, process
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def patient(built_graph_path: Path, tmp_path_factory) -> tuple[str, subprocess.Popen]:
    """A budget of a minute, and no move to a long worker: only its client can stop a query."""
    base, process = _serve(
        built_graph_path,
        tmp_path_factory.mktemp("patient"),
        BESTUURSGRAAF_QUERY_TIMEOUT="60",
        BESTUURSGRAAF_QUICK_QUERY_S="60",
    )
    try:
        yield base, process
    finally:
        _stop(process)


def test_a_cartesian_query_is_stopped_and_its_worker_replaced(tight):
    base, server = tight
    before = _settled(server, 4)

    status, headers, problem = _get(base, "/sparql", query=CARTESIAN)

    assert status == 504
    assert headers["Content-Type"] == "application/problem+json"
    assert problem["type"].endswith("/problems/query-timeout")
    assert problem["limit"] == "query_timeout_s" and problem["maximum"] == 3
    gone = before - _workers(server)
    assert gone, "no worker was stopped"
    for pid in gone:  # ended and reaped, not left running
        assert not Path(f"/proc/{pid}").exists()
    after = _settled(server, 4)
    assert after != before
    assert _get(base, "/sparql", query=ASK)[2] == {"head": {}, "boolean": True}


def test_the_row_cap_refuses_a_larger_answer(tight):
    base, _ = tight
    # 9,043 rows of 3 bytes each: within the byte cap, beyond the row cap
    status, _, problem = _get(base, "/sparql", "text/csv", query="SELECT (1 AS ?x) WHERE { ?s ?p ?o }")
    assert status == 400
    assert problem["type"].endswith("/problems/too-many-rows")
    assert problem["limit"] == "max_rows" and problem["maximum"] == 1000
    query = "SELECT (1 AS ?x) WHERE { ?s ?p ?o } LIMIT 1000"
    status, _, answer = _get(base, "/sparql", "text/csv", query=query)
    assert status == 200 and answer.split("\r\n")[:2] == ["x", "1"] and answer.count("\r\n") == 1001


def test_the_byte_cap_refuses_a_larger_answer(tight):
    base, _ = tight
    status, _, problem = _get(base, "/sparql", query="SELECT * WHERE { ?s ?p ?o } LIMIT 999")

    assert status == 400
    assert problem["type"].endswith("/problems/response-too-large")
    assert problem["limit"] == "max_response_bytes" and problem["maximum"] == 50000


def test_an_answer_within_the_caps_is_served_whole(tight):
    base, _ = tight
    status, headers, answer = _get(base, "/sparql", query="SELECT * WHERE { ?s ?p ?o } LIMIT 10")

    assert status == 200
    assert len(answer["results"]["bindings"]) == 10
    assert int(headers["Content-Length"]) > 0


def test_a_named_query_runs_in_the_workers(tight):
    base, _ = tight
    status, _, answer = _get(base, "/queries/documents")

    assert status == 200 and len(answer["rows"]) == 5


def test_beyond_the_queue_the_answer_is_503_with_retry_after(tight):
    base, server = tight
    _settled(server, 4)
    first: list = []
    # texts of their own: a text that outran its quick slice before skips it (query_pool.py)
    query = CARTESIAN + " # first in the queue test"
    running = threading.Thread(target=lambda: first.append(_get(base, "/sparql", query=query)))
    running.start()
    try:
        _wait_for_a_long_query(server)
        # the second expensive query outlives its quick slice and finds the long lane full
        status, headers, problem = _get(base, "/sparql", query=CARTESIAN + " # second in the queue test")
        assert status == 503
        assert problem["type"].endswith("/problems/query-queue-full")
        assert int(headers["Retry-After"]) >= 1
        # while the first still runs, a cheap request passes
        cheap = _get(base, "/sparql", query=ASK)
        assert cheap[0] == 200, cheap
        assert _get(base, "/queries/documents")[0] == 200
    finally:
        running.join(timeout=60)
    assert first and first[0][0] == 504


def _wait_for_a_long_query(server: subprocess.Popen) -> None:
    """Until the first query has left its quick worker (killed there, replaced)."""
    before = _workers(server)
    deadline = time.monotonic() + SETTLE_S
    while not (before - _workers(server)):
        assert time.monotonic() < deadline, "the first query never moved to a long worker"
        time.sleep(0.05)
    _settled(server, 4)


def test_a_client_that_goes_away_stops_its_query(patient):
    base, server = patient
    before = _settled(server, 6)
    port = int(base.rsplit(":", 1)[1])
    client = socket.create_connection(("127.0.0.1", port), timeout=10)
    path = "/sparql?" + urllib.parse.urlencode({"query": CARTESIAN})
    client.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    time.sleep(0.5)  # the query runs
    client.close()

    deadline = time.monotonic() + SETTLE_S  # well inside the 60 s budget
    while not (gone := before - _workers(server)):
        assert time.monotonic() < deadline, "the query of a departed client is still running"
        time.sleep(0.1)
    # Killed workers leave the list of live children at once and /proc when the pool reaps them
    # (a zombie in between): both must happen, the second a moment later.
    while any(Path(f"/proc/{pid}").exists() for pid in gone):
        assert time.monotonic() < deadline, "the stopped worker of a departed client was never reaped"
        time.sleep(0.1)
    _settled(server, 6)
    assert _get(base, "/sparql", query=ASK)[0] == 200


def test_a_query_that_crashes_its_worker_leaves_the_server_answering(patient):
    """Oxigraph 0.5 panics (and aborts its process) sorting some mixed terms: in a worker this
    ends the worker, not the server."""
    base, server = patient
    status, _, body = _get(base, "/sparql", query="SELECT * WHERE { ?s ?p ?o } ORDER BY ?o LIMIT 3")

    assert status == 200 or body["type"].endswith("/problems/query-aborted")
    assert _get(base, "/queries/documents")[0] == 200
    _settled(server, 6)


def test_no_worker_outlives_a_server_killed_outright(built_graph_path: Path, tmp_path: Path):
    _, server = _serve(built_graph_path, tmp_path / "data")
    workers = _settled(server, 6)

    server.kill()  # SIGKILL: no handler of the server runs
    server.wait(timeout=20)

    deadline = time.monotonic() + SETTLE_S
    while alive := [pid for pid in workers if Path(f"/proc/{pid}").exists() and not _zombie(pid)]:
        assert time.monotonic() < deadline, f"workers {alive} outlived their server"
        time.sleep(0.1)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


def test_a_text_that_ran_long_skips_the_quick_slice_next_time(tmp_path: Path, built_graph_path: Path):
    from bestuursgraaf.graph.store import load_store
    from bestuursgraaf.graph.store.base import QueryTimeout
    from bestuursgraaf.graph.store.bounded_results import ResultCaps
    from bestuursgraaf.graph.store.query_pool import PoolSettings, QueryPool

    store_dir = tmp_path / "graph.oxigraph"
    load_store(built_graph_path, store_dir)
    pool = QueryPool(store_dir, PoolSettings(timeout_s=2, quick_s=0.3, quick_workers=1, long_workers=1, spares=1))
    try:
        quick = pool.quick.pids()
        with pytest.raises(QueryTimeout):
            pool.run(CARTESIAN, "json", ResultCaps())
        assert pool.quick.pids() != quick  # its quick worker was stopped after 0.3 s
        _until(lambda: len(pool.quick.pids()) == 1 and len(pool.long.pids()) == 1)
        quick, long = pool.quick.pids(), pool.long.pids()

        with pytest.raises(QueryTimeout):
            pool.run(CARTESIAN, "json", ResultCaps())

        assert pool.quick.pids() == quick  # the second time it went to a long worker at once
        assert pool.long.pids() != long
        media_type, body, rows, _ = pool.run(ASK, "json", ResultCaps())
        assert (media_type, rows) == ("application/sparql-results+json", 1)
        with body:
            assert json.load(body) == {"head": {}, "boolean": True}
    finally:
        pool.close()


def _until(condition) -> None:
    deadline = time.monotonic() + SETTLE_S
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.05)
