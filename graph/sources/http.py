"""A polite HTTP client for the official sources: an on-disk cache with conditional requests, a
rate limit, retries with backoff, and one-line errors. Only GET, only http(s)."""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bestuursgraaf import __version__

USER_AGENT = f"bestuursgraaf/{__version__} (+https://w3id.org/bestuursgraaf)"
_RETRY_STATUS = {429, 500, 502, 503, 504}


def _short(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.netloc}{parts.path}"


class FetchError(Exception):
    """A source could not be reached or gave a bad answer; the message is one line."""


class NotFound(FetchError):
    """The source answered 404 for this URL."""


@dataclass(frozen=True)
class Response:
    url: str
    status: int  # 200, or 304 when the cached copy was still current
    body: bytes
    from_cache: bool


class PoliteClient:
    """GETs with a cache in `cache_dir`: a cached answer is asked again with If-None-Match /
    If-Modified-Since and reused on 304; requests are at least `interval_s` apart; a refused
    connection, a time-out, 429 or 5xx is tried again `retries` times, waiting `backoff_s`,
    2×, 4× … (or what Retry-After says, at most `max_wait_s`)."""

    def __init__(
        self,
        cache_dir: Path,
        interval_s: float = 1.0,
        retries: int = 3,
        backoff_s: float = 1.0,
        timeout_s: float = 30.0,
        max_wait_s: float = 60.0,
        max_bytes: int = 50_000_000,
        progress: Callable[[str], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.cache_dir = cache_dir
        self.interval_s = interval_s
        self.retries = retries
        self.backoff_s = backoff_s
        self.timeout_s = timeout_s
        self.max_wait_s = max_wait_s
        self.max_bytes = max_bytes
        self.say = progress or (lambda message: None)
        self.sleep = sleep
        self._last_request = 0.0
        self.requests = 0  # sent over the network (a 304 counts)

    # -- the cache -------------------------------------------------------------------------
    def _entry(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.cache_dir / f"{key}.body", self.cache_dir / f"{key}.json"

    def _store(self, url: str, body: bytes, headers) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        body_path, meta_path = self._entry(url)
        meta = {"url": url, "etag": headers.get("ETag"), "last_modified": headers.get("Last-Modified")}
        for path, data in ((body_path, body), (meta_path, json.dumps(meta).encode("utf-8"))):
            handle, temporary = tempfile.mkstemp(dir=self.cache_dir, prefix=".tmp-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)

    def _cached(self, url: str) -> tuple[bytes, dict] | None:
        body_path, meta_path = self._entry(url)
        if not (body_path.is_file() and meta_path.is_file()):
            return None
        try:
            return body_path.read_bytes(), json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None

    # -- the network -----------------------------------------------------------------------
    def _wait_turn(self) -> None:
        wait = self._last_request + self.interval_s - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last_request = time.monotonic()

    def _retry_after(self, error: urllib.error.HTTPError, attempt: int) -> float:
        header = error.headers.get("Retry-After") if error.headers else None
        if header:
            if header.strip().isdigit():
                return min(float(header), self.max_wait_s)
            when = email.utils.parsedate_to_datetime(header)
            if when is not None:
                return min(max(0.0, when.timestamp() - time.time()), self.max_wait_s)
        return min(self.backoff_s * 2**attempt, self.max_wait_s)

    def get(self, url: str) -> Response:
        scheme = urllib.parse.urlsplit(url).scheme
        if scheme not in ("http", "https"):
            raise FetchError(f"{url}: only http and https URLs are fetched")
        cached = self._cached(url)
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        if cached:
            if cached[1].get("etag"):
                headers["If-None-Match"] = cached[1]["etag"]
            if cached[1].get("last_modified"):
                headers["If-Modified-Since"] = cached[1]["last_modified"]
        for attempt in range(self.retries + 1):
            self._wait_turn()
            self.requests += 1
            try:
                request = urllib.request.Request(url, headers=headers)
                with urllib.request.urlopen(request, timeout=self.timeout_s) as answer:
                    body = answer.read(self.max_bytes + 1)
                    if len(body) > self.max_bytes:
                        raise FetchError(f"{url}: the answer is larger than {self.max_bytes} bytes")
                    self._store(url, body, answer.headers)
                    return Response(url, answer.status, body, False)
            except urllib.error.HTTPError as error:
                if error.code == 304 and cached:
                    return Response(url, 304, cached[0], True)
                if error.code == 404:
                    raise NotFound(f"{url}: not found (404)") from None
                if error.code not in _RETRY_STATUS or attempt == self.retries:
                    raise FetchError(f"{url}: the server answered {error.code} {error.reason}") from None
                wait = self._retry_after(error, attempt)
                self.say(f"{_short(url)}: {error.code}, trying again in {wait:.1f} s")
            except (TimeoutError, urllib.error.URLError, ConnectionError) as error:
                reason = getattr(error, "reason", error)
                if attempt == self.retries:
                    raise FetchError(
                        f"cannot reach {urllib.parse.urlsplit(url).netloc}: {reason} "
                        f"(tried {self.retries + 1} times)"
                    ) from None
                wait = min(self.backoff_s * 2**attempt, self.max_wait_s)
                self.say(f"{_short(url)}: {reason}, trying again in {wait:.1f} s")
            self.sleep(wait)
        raise FetchError(f"{url}: no answer")  # not reached
