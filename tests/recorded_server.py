"""Replay the recorded answers of tests/recorded/ from a real HTTP server on 127.0.0.1, standing in
for KOOP (`/koop/…`) and the Tweede Kamer's OData (`/odata/…`), with ETags and 304s like theirs."""

from __future__ import annotations

import hashlib
import re
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RECORDED = Path(__file__).parent / "recorded"


@dataclass
class Replay:
    base: str
    requests: list[str] = field(default_factory=list)
    not_modified: int = 0
    fail_next: list[int] = field(default_factory=list)  # statuses to answer before the real one


def recorded_file(path: str, query: dict[str, list[str]]) -> Path | None:
    """The recorded file that answers a request, or None (404)."""
    koop = re.fullmatch(r"/koop/(kst-[0-9A-Z-]+)\.xml", path)
    if koop:
        return RECORDED / "koop" / f"{koop[1]}.xml"
    if path == "/odata/Toezegging":  # the register: composed for our dossier, real samples by minister
        where = query.get("$filter", [""])[0]
        if "d/Nummer eq 33047" in where:
            return RECORDED / "composed" / "toezegging-33047.json"
        return RECORDED / "tk-odata" / "toezegging-samples.json" if "contains(Naam," in where else None
    entity = re.fullmatch(r"/odata/(Zaak|Stemming)", path)
    if entity:
        number = re.search(r"d/Nummer eq (\d+)", query.get("$filter", [""])[0])
        if number:
            name = "zaak-motie" if entity[1] == "Zaak" else "stemming"
            return RECORDED / "tk-odata" / f"{name}-{number[1]}.json"
    return None


@contextmanager
def replaying() -> Iterator[Replay]:
    replay = Replay(base="")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            replay.requests.append(self.path)
            if replay.fail_next:
                self.send_response(replay.fail_next.pop(0))
                self.send_header("Retry-After", "0")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            found = recorded_file(parts.path, urllib.parse.parse_qs(parts.query))
            if found is None or not found.is_file():
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = found.read_bytes()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                replay.not_modified += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", etag)
            kind = "application/json" if found.suffix == ".json" else "application/xml"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    replay.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield replay
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
    assert not thread.is_alive(), "the replay server did not stop"
