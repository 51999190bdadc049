"""Cheap requests with and without hostile clients, against a real `bestuursgraaf serve` on loopback.

Starts `bestuursgraaf serve` on the bundled graph (built into a temporary data folder), runs
`--clients` clients of cheap requests (small named queries, ASKs over /sparql, GET /) for
`--seconds`, first alone (the baseline) and then beside `--hostile` clients that send cartesian
products, deep property paths and huge results. It prints requests/s and p50/p99 of the cheap
requests in both runs and their ratio, the error mix, the server's peak RSS (with and without
its query workers), and how long each hostile query took against its budget. With `oxigraph`
installed, it also times the same hostile query against `oxigraph serve-read-only --timeout-s`.

    python benchmarks/hostile_load.py                       # 4 + 8 clients, 20 s a run, ~1 min
    python benchmarks/hostile_load.py --seconds 60 --budget 5

Hostile clients honour Retry-After (a client that ignores it is a flood, for a proxy's rate
limit to stop). A script, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.error import HTTPError, URLError

BG = "https://w3id.org/bestuursgraaf/def#"
CHEAP = [
    "/",
    "/queries/documents",
    "/queries/motions",
    "/queries/organisations",
    "/queries/government-layers",
    "/sparql?" + urllib.parse.urlencode({"query": f"ASK {{ ?m a <{BG}Motion> }}"}),
    "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}),
]
HOSTILE = {
    "cartesian": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "cartesian count": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "deep path": "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:x:none>|!<urn:x:none>)*/(!<urn:x:none>)* ?b }",
    "huge result": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }",
    "cartesian construct": "CONSTRUCT { ?a ?b ?i } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


class RssSampler(threading.Thread):
    """Peak RSS of the server process alone, and with its workers, sampled every 0.1 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_server, self.peak_total = pid, 0.0, 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.1):
            server = rss_mb(self.pid)
            total = server + sum(rss_mb(child) for child in children(self.pid))
            self.peak_server, self.peak_total = max(self.peak_server, server), max(self.peak_total, total)


def request(base: str, path: str, timeout: float = 120) -> tuple[int, str, float, float]:
    """(status, problem type or '', seconds, Retry-After) of one GET, body read whole."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(base + path, timeout=timeout) as answer:
            answer.read()
            return answer.status, "", time.monotonic() - start, 0.0
    except HTTPError as error:
        body = error.read()
        try:
            kind = json.loads(body).get("type", "").rsplit("/", 1)[-1]
        except ValueError:
            kind = "not problem+json"
        retry = float(error.headers.get("Retry-After") or 0)
        return error.code, kind, time.monotonic() - start, retry
    except (URLError, OSError) as error:
        return 0, type(error).__name__, time.monotonic() - start, 0.0


def cheap_client(base: str, until: float, index: int, out: list) -> None:
    turn = index
    while time.monotonic() < until:
        path = CHEAP[turn % len(CHEAP)]
        status, kind, seconds, _ = request(base, path)
        out.append((status, kind, seconds, path))
        turn += 1


def hostile_client(base: str, until: float, index: int, out: list) -> None:
    names = list(HOSTILE)
    turn = index
    while time.monotonic() < until:
        name = names[turn % len(names)]
        status, kind, seconds, retry = request(base, "/sparql?" + urllib.parse.urlencode({"query": HOSTILE[name]}))
        out.append((name, status, kind, seconds))
        turn += 1
        if retry:
            time.sleep(min(retry, max(0.0, until - time.monotonic())))


def run(base: str, clients: int, hostile: int, seconds: float) -> tuple[list, list, float]:
    cheap: list = []
    bad: list = []
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=cheap_client, args=(base, until, i, cheap)) for i in range(clients)]
    threads += [threading.Thread(target=hostile_client, args=(base, until, i, bad)) for i in range(hostile)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return cheap, bad, time.monotonic() - start


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def summarise(name: str, cheap: list, elapsed: float) -> dict:
    times = [seconds for status, _, seconds, _ in cheap if status == 200]
    mix = collections.Counter(f"{status} {kind}".strip() for status, kind, _, _ in cheap)
    figures = {
        "requests": len(cheap),
        "rps": len(cheap) / elapsed,
        "p50": percentile(times, 0.50) * 1000,
        "p99": percentile(times, 0.99) * 1000,
        "mix": dict(mix),
    }
    print(f"{name:>22}: {figures['requests']:6d} cheap requests, {figures['rps']:7.1f}/s, "
          f"p50 {figures['p50']:7.1f} ms, p99 {figures['p99']:7.1f} ms, statuses {dict(mix)}")
    by_path = collections.defaultdict(list)
    for status, _, seconds, path in cheap:
        by_path[urllib.parse.unquote_plus(path)[:60]].append(seconds)
    for path, seconds in by_path.items():
        print(f"{'':>24}{path:<60} p50 {percentile(seconds, 0.5) * 1000:7.1f} ms, "
              f"p99 {percentile(seconds, 0.99) * 1000:7.1f} ms")
    return figures


def start_server(data_dir: Path, port: int, budget: float, extra_env: dict) -> subprocess.Popen:
    env = {**os.environ, "BESTUURSGRAAF_DATA": str(data_dir), "BESTUURSGRAAF_QUERY_TIMEOUT": str(budget), **extra_env}
    process = subprocess.Popen(
        [sys.executable, "-m", "bestuursgraaf", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 180
    while request(f"http://127.0.0.1:{port}", "/", timeout=5)[0] != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the server did not start: {process.stderr.read().decode()[-2000:]}")
        time.sleep(0.5)
    return process


def bounded_read(url: str, give_up_s: float) -> tuple[int, float, int, bool]:
    """(status, seconds, bytes read, whether the answer ended) of a GET read for at most
    `give_up_s` seconds, counting the bytes and keeping none."""
    start = time.monotonic()
    size = 0
    try:
        with urllib.request.urlopen(url, timeout=give_up_s) as answer:
            while time.monotonic() - start < give_up_s:
                block = answer.read1(1 << 16)
                if not block:
                    return answer.status, time.monotonic() - start, size, True
                size += len(block)
            return answer.status, time.monotonic() - start, size, False
    except HTTPError as error:
        return error.code, time.monotonic() - start, size, True
    except (URLError, OSError):
        return 0, time.monotonic() - start, size, True


def compare_oxigraph_server(store_dir: Path, budget: float) -> None:
    """The alternative: Oxigraph server's own --timeout-s, over the same store."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        print("oxigraph server: not installed (pip install oxigraph), not compared")
        return
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(store_dir), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph", "--timeout-s", str(int(budget))],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while request(base, "/query?" + urllib.parse.urlencode({"query": "ASK {}"}), timeout=5)[0] != 200:
            if time.monotonic() > deadline:
                print("oxigraph server: did not start, not compared")
                return
            time.sleep(0.3)
        print(f"\noxigraph serve-read-only --timeout-s {int(budget)} (the alternative), same store:")
        for name in ("cartesian count", "cartesian"):
            path = "/query?" + urllib.parse.urlencode({"query": HOSTILE[name]})
            status, seconds, size, ended = bounded_read(base + path, give_up_s=6 * budget)
            how = "answer ended" if ended else f"still sending when the client gave up at {6 * budget:g} s"
            print(f"  {name:>20}: HTTP {status}, {size / 1e6:8.1f} MB in {seconds:6.1f} s, {how}; "
                  f"server RSS {rss_mb(process.pid):7.0f} MB")
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=4, help="cheap clients (N)")
    parser.add_argument("--hostile", type=int, default=8, help="hostile clients (M)")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each run")
    parser.add_argument("--budget", type=float, default=10.0, help="BESTUURSGRAAF_QUERY_TIMEOUT")
    parser.add_argument("--no-oxigraph", action="store_true", help="skip the oxigraph server comparison")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="hostile-load-"))
    try:
        return measure(args, data_dir)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def measure(args: argparse.Namespace, data_dir: Path) -> int:
    port = free_port()
    server = start_server(data_dir, port, args.budget, {})
    base = f"http://127.0.0.1:{port}"
    sampler = RssSampler(server.pid)
    sampler.start()
    try:
        print(f"serve on {base}, budget {args.budget:g} s, {len(children(server.pid))} query workers, "
              f"RSS at start {rss_mb(server.pid):.0f} MB (server)")
        cheap, _, elapsed = run(base, args.clients, 0, args.seconds)
        alone = summarise(f"{args.clients} cheap alone", cheap, elapsed)
        cheap, hostile, elapsed = run(base, args.clients, args.hostile, args.seconds)
        loaded = summarise(f"+ {args.hostile} hostile", cheap, elapsed)
        print(f"{'ratio loaded / alone':>22}: p50 {loaded['p50'] / alone['p50']:.2f}x, "
              f"p99 {loaded['p99'] / alone['p99']:.2f}x, requests/s {loaded['rps'] / alone['rps']:.2f}x")
        print(f"{'server peak RSS':>22}: {sampler.peak_server:.0f} MB alone, "
              f"{sampler.peak_total:.0f} MB with its query workers")
        print(f"\nhostile queries ({len(hostile)}), budget {args.budget:g} s:")
        by_name = collections.defaultdict(list)
        for name, status, kind, seconds in hostile:
            by_name[name].append((status, kind, seconds))
        for name, results in by_name.items():
            longest = max(seconds for _, _, seconds in results)
            mix = collections.Counter(f"{status} {kind}".strip() for status, kind, _ in results)
            print(f"  {name:>20}: {len(results):3d} sent, longest {longest:5.2f} s "
                  f"(budget + {longest - args.budget:+.2f} s), {dict(mix)}")
        over = [s for _, status, _, s in hostile if s > args.budget + 1]
        print(f"  over budget + 1 s: {len(over)}")
    finally:
        sampler.stop.set()
        server.terminate()
        server.wait(timeout=20)
    if not args.no_oxigraph:
        compare_oxigraph_server(data_dir / "graph.oxigraph", args.budget)
    return 0


if __name__ == "__main__":
    sys.exit(main())
