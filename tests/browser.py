"""Headless Chromium for the tests: find it, take a screenshot of a URL, dump a URL's DOM.

Debian's `chromium` package is the browser (CI installs it from `make test`); a test that needs it
calls `chromium_or_skip()`, which skips with the reason when there is none."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
RUN_TIMEOUT_S = 90
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--force-color-profile=srgb",
)


def find_chromium() -> str | None:
    """The Chromium executable: $CHROMIUM, else Debian's /usr/bin/chromium, else one on PATH."""
    for candidate in (os.environ.get("CHROMIUM"), *CANDIDATES):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


def chromium_or_skip() -> str:
    found = find_chromium()
    if found is None:
        pytest.skip(
            "no Chromium: install Debian's package (`apt-get install chromium`, as `make test` "
            "does) or name the executable in $CHROMIUM"
        )
    return found


def _run(chromium: str, args: list[str], url: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [chromium, *FLAGS, f"--user-data-dir={profile}", *args, url]
        completed = subprocess.run(
            command,
            check=False,
            capture_output=True,
            timeout=RUN_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
        )
    if completed.returncode != 0:
        stderr = completed.stderr.decode("utf-8", "replace")[-2000:]
        raise RuntimeError(f"{chromium} exited with {completed.returncode} for {url}:\n{stderr}")
    return completed


def screenshot(chromium: str, url: str, png: Path, size: tuple[int, int] = (1400, 900)) -> Path:
    """A PNG of the page at `url` in a window of `size` pixels."""
    _run(chromium, [f"--window-size={size[0]},{size[1]}", f"--screenshot={png}"], url)
    if not png.is_file():
        raise RuntimeError(f"{chromium} wrote no screenshot of {url} to {png}")
    return png


def dump_dom(chromium: str, url: str) -> str:
    """The DOM of the page at `url` after it loaded, serialised as HTML."""
    return _run(chromium, ["--dump-dom"], url).stdout.decode("utf-8")
