"""The served API (a real `bestuursgraaf serve` process) drops connections that send nothing,
so half-sent requests (slowloris) cannot hold its threads, and it answers others meanwhile."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.server_fixtures import free_port, json_when_up


@pytest.fixture(scope="module")
def server(built_graph_path: Path, tmp_path_factory) -> tuple[str, subprocess.Popen]:
    port = free_port()
    env = {
        **os.environ,
        "BESTUURSGRAAF_DATA": str(tmp_path_factory.mktemp("data")),
        "BESTUURSGRAAF_CHANNEL_TIMEOUT": "2",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bestuursgraaf", "serve", "--graph", str(built_graph_path),
         "--host", "127.0.0.1", "--port", str(port), "--threads", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        json_when_up(f"http://127.0.0.1:{port}/", process)
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=10)


def _half_sent(port: int) -> socket.socket:
    client = socket.create_connection(("127.0.0.1", port), timeout=30)
    client.sendall(b"GET /queries/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    return client


def test_half_sent_requests_are_closed_and_others_are_answered(server):
    base, process = server
    port = int(base.rsplit(":", 1)[1])
    slow = [_half_sent(port) for _ in range(20)]  # ten times the server's threads
    try:
        # While they hang, the server answers a whole request.
        assert len(json_when_up(f"{base}/queries/documents", process)["rows"]) == 5
        for client in slow:  # each is closed by the server (an empty read), not left open
            assert client.recv(1024) == b""
    finally:
        for client in slow:
            client.close()
