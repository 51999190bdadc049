"""Killable worker processes that run the server's queries within a wall-clock budget.

Oxigraph runs a query in the calling thread and cannot interrupt it, so the server hands each
query to a worker process (`query_worker.py`) that opens the on-disk store read-only, and kills
that process when the query overruns its budget or its client goes away; a fresh worker takes
its place. Two lanes keep cheap queries fast while expensive ones run: every query starts on a
*quick* worker; one still running after `quick_s` is stopped there and started again on a *long*
worker, which runs at a lower CPU priority and of which there are few. Each lane admits at most
its workers plus `queue` requests; beyond that a query is refused at once (QueryQueueFull).
"""

from __future__ import annotations

import collections
import json
import logging
import os
import queue
import select
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from bestuursgraaf.graph.store.base import (
    QueryAborted,
    QueryCancelled,
    QueryQueueFull,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooLarge,
    ResultTooLarge,
    StoreError,
    UpdateRefused,
)
from bestuursgraaf.graph.store.bounded_results import ResultCaps

log = logging.getLogger(__name__)

Cancelled = Callable[[], bool]
_POLL_S = 0.05  # how often a waiting request looks at its deadline and its client
_STARTUP_S = 60.0
_EXPENSIVE_REMEMBERED = 1024  # query texts that outran their quick slice, most recent kept


@dataclass(frozen=True)
class PoolSettings:
    """How many workers of each lane, how many requests may wait for them, how long a query may
    run in all (`timeout_s`) and on a quick worker (`quick_s`), and each worker's memory."""

    timeout_s: float = 10.0
    quick_s: float = 1.0
    quick_workers: int = 2
    long_workers: int = 2
    quick_queue: int = 8
    long_queue: int = 2
    memory_mb: int = 2048
    long_niceness: int = 19  # the lowest CPU priority: cheap queries come first
    spares: int = 2  # warm workers that take a killed one's place at once


class _Demoted(Exception):
    """A query that used up its quick slice; it goes on to a long worker."""


class QueryWorker:
    """One worker process and its pipes."""

    def __init__(self, store_dir: Path, memory_mb: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bestuursgraaf.graph.store.query_worker",
             str(store_dir), str(memory_mb), "0"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            close_fds=True,
            env={**os.environ, "RUST_BACKTRACE": "0"},  # a panic is one line in the log, not 40
        )
        self.memory_mb = memory_mb
        ready = self._reply(time.monotonic() + _STARTUP_S, None)
        if ready is None or "ready" not in ready:
            self.kill()
            raise StoreError(f"a query worker could not open the store at {store_dir}")

    @property
    def pid(self) -> int:
        return self.process.pid

    def run(self, job: dict, deadline: float, cancelled: Cancelled | None) -> dict:
        """Send a job and wait for its reply until `deadline` (QueryTimeout is raised by the
        caller on None), killing this process when the client is gone (QueryCancelled)."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(job).encode() + b"\n")
        self.process.stdin.flush()
        reply = self._reply(deadline, cancelled)
        if reply is None:
            self.kill()
        return reply  # type: ignore[return-value]

    def _reply(self, deadline: float, cancelled: Cancelled | None) -> dict | None:
        """The next reply line, or None at the deadline."""
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            readable, _, _ = select.select([stdout], [], [], min(remaining, _POLL_S))
            if readable:
                line = stdout.readline()
                if not line:  # the process ended: killed by its memory limit, or crashed
                    code = self.process.wait()
                    log.warning("query worker %d ended with %s", self.pid, code)
                    raise QueryAborted(self.memory_mb)
                return json.loads(line)
            if cancelled is not None and cancelled():
                self.kill()
                raise QueryCancelled("the client went away; its query was stopped")

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


def start_worker(store_dir: Path, memory_mb: int, what: str) -> QueryWorker | None:
    try:
        return QueryWorker(store_dir, memory_mb)
    except (OSError, StoreError) as error:
        log.error("cannot start a %s query worker: %s", what, error)
        return None  # started again when a request takes its slot


class WorkerLane:
    """Workers of one kind, and the admission count of the requests using or awaiting them."""

    def __init__(
        self,
        name: str,
        store_dir: Path,
        size: int,
        waiting: int,
        memory_mb: int,
        niceness: int,
        spawner: queue.Queue,
    ) -> None:
        self.name = name
        self._spawner = spawner
        self.store_dir = store_dir
        self.size = size
        self.memory_mb = memory_mb
        self.niceness = niceness
        self._idle: queue.Queue[QueryWorker | None] = queue.Queue()
        self._admitted = threading.BoundedSemaphore(size + waiting)
        self._closed = False
        self._all: set[QueryWorker] = set()
        self._lock = threading.Lock()
        for _ in range(size):
            self._idle.put(self._start())

    def _start(self) -> QueryWorker | None:
        worker = start_worker(self.store_dir, self.memory_mb, self.name)
        if worker is not None:
            self._adopt(worker)
        return worker

    def pids(self) -> list[int]:
        with self._lock:
            return sorted(worker.pid for worker in self._all if worker.alive())

    def admit(self) -> bool:
        return self._admitted.acquire(blocking=False)

    def release(self) -> None:
        self._admitted.release()

    def run(
        self,
        job: dict,
        deadline: float,
        cancelled: Cancelled | None,
        slice_s: float | None = None,
        ran: list[float] | None = None,
    ) -> dict | None:
        """Run a job on a free worker of this lane (the caller was admitted), for at most
        `slice_s` once a worker has it; None when the deadline or the slice came first, in which
        case the worker was killed and is being replaced."""
        worker = self._take(deadline, cancelled)
        if worker is None:
            return None
        started = time.monotonic()
        if slice_s is not None:
            deadline = min(deadline, started + slice_s)  # waiting is not running
        reply = None
        try:
            reply = worker.run(job, deadline, cancelled)
        finally:
            if ran is not None:
                ran[0] = time.monotonic() - started
            if worker.alive():
                self._idle.put(worker)
            else:
                self._replace(worker)
        return reply

    def _take(self, deadline: float, cancelled: Cancelled | None) -> QueryWorker | None:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                worker = self._idle.get(timeout=min(remaining, _POLL_S))
            except queue.Empty:
                if cancelled is not None and cancelled():
                    raise QueryCancelled("the client went away while its query waited") from None
                continue
            if worker is not None and worker.alive():
                return worker
            if worker is not None:
                self._replace(worker)  # died while idle
            else:
                time.sleep(_POLL_S)  # a slot whose worker could not start: try again
                self._spawner.put(self)

    def _replace(self, dead: QueryWorker) -> None:
        """Forget a killed worker and have its successor started aside, so that the request
        that caused the kill is answered at once."""
        with self._lock:
            self._all.discard(dead)
        self._spawner.put(self)

    def refill(self, spare: QueryWorker | None) -> None:
        """Put a worker into this lane: a warm spare when there is one, else a new one (on the
        spawner thread)."""
        if self._closed:
            if spare is not None:
                spare.kill()
            self._idle.put(None)
            return
        if spare is None or not spare.alive():
            self._idle.put(self._start())
            return
        self._adopt(spare)
        self._idle.put(spare)

    def _adopt(self, worker: QueryWorker) -> None:
        if self.niceness > 0:
            try:
                os.setpriority(os.PRIO_PROCESS, worker.pid, self.niceness)
            except OSError:
                pass
        with self._lock:
            self._all.add(worker)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()


class QueryPool:
    """The quick and long lanes over one on-disk store, and the spool folder for answers."""

    def __init__(self, store_dir: Path, settings: PoolSettings) -> None:
        self.settings = settings
        self.store_dir = store_dir
        self._spawner: queue.Queue[WorkerLane | None] = queue.Queue()
        self._spares: queue.Queue[QueryWorker] = queue.Queue()
        self._expensive: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._expensive_lock = threading.Lock()
        self.quick = WorkerLane(
            "quick", store_dir, settings.quick_workers, settings.quick_queue, settings.memory_mb, 0,
            self._spawner,
        )
        self.long = WorkerLane(
            "long", store_dir, settings.long_workers, settings.long_queue, settings.memory_mb,
            settings.long_niceness, self._spawner,
        )
        self._spool = tempfile.TemporaryDirectory(prefix="bestuursgraaf-answers-")
        for _ in range(settings.spares):
            if (spare := start_worker(store_dir, settings.memory_mb, "spare")) is not None:
                self._spares.put(spare)
        threading.Thread(target=self._spawn_forever, name="query-worker-spawner", daemon=True).start()

    def _spawn_forever(self) -> None:
        """Start replacement workers, all from this one long-lived thread: a worker asks to be
        killed when the thread that started it ends (PR_SET_PDEATHSIG), so that no worker
        outlives a server killed outright."""
        while (lane := self._spawner.get()) is not None:
            try:
                spare = self._spares.get_nowait()
            except queue.Empty:
                spare = None
            lane.refill(spare)
            while self._spawner.empty() and self._spares.qsize() < self.settings.spares:
                if (worker := start_worker(self.store_dir, self.settings.memory_mb, "spare")) is None:
                    break
                self._spares.put(worker)

    def worker_pids(self) -> list[int]:
        """The processes serving the lanes (not the warm spares)."""
        return self.quick.pids() + self.long.pids()

    def run(
        self, sparql: str, result_format: str, caps: ResultCaps, cancelled: Cancelled | None = None
    ) -> tuple[str, BinaryIO, int, int]:
        """Run a query within the budget: its media type, the answer as an open file, its rows
        and its size in bytes.
        Raises QueryTimeout, QueryQueueFull, QueryCancelled, ResultTooLarge, QuerySyntaxError..."""
        deadline = time.monotonic() + self.settings.timeout_s
        handle, path = tempfile.mkstemp(dir=self._spool.name, suffix=".answer")
        os.close(handle)
        job = {
            "query": sparql,
            "format": result_format,
            "max_rows": caps.max_rows,
            "max_bytes": caps.max_bytes,
            "truncate": caps.truncate,
            "out": path,
        }
        try:
            reply = self._run_in_lanes(job, deadline, cancelled)
            answer = open(path, "rb")  # noqa: SIM115 - handed to the caller, who closes it
        finally:
            os.unlink(path)  # the open file keeps the answer until it is closed
        return reply["media_type"], answer, reply["rows"], reply["bytes"]

    def _run_in_lanes(self, job: dict, deadline: float, cancelled: Cancelled | None) -> dict:
        """On a quick worker for `quick_s`, then on a long one; a query text that ran long on a
        long worker before goes to the long lane at once (one slow only by bad luck does not)."""
        text = " ".join(job["query"].split())
        if not self._known_expensive(text):
            try:
                return self._in_lane(self.quick, job, deadline, cancelled, self.settings.quick_s)
            except _Demoted:
                pass
        ran = [0.0]
        try:
            reply = self._in_lane(self.long, job, deadline, cancelled, None, ran)
        finally:  # by how long it ran, not how long it waited; refused, it stays expensive
            if 0 < ran[0] < self.settings.quick_s:  # it was slow on its quick worker by bad luck
                self._forget_expensive(text)
            else:
                self._remember_expensive(text)
        return reply

    def _known_expensive(self, text: str) -> bool:
        with self._expensive_lock:
            if text in self._expensive:
                self._expensive.move_to_end(text)
                return True
            return False

    def _forget_expensive(self, text: str) -> None:
        with self._expensive_lock:
            self._expensive.pop(text, None)

    def _remember_expensive(self, text: str) -> None:
        with self._expensive_lock:
            self._expensive[text] = None
            while len(self._expensive) > _EXPENSIVE_REMEMBERED:
                self._expensive.popitem(last=False)

    def _in_lane(
        self,
        lane: WorkerLane,
        job: dict,
        deadline: float,
        cancelled: Cancelled | None,
        slice_s: float | None,
        ran: list[float] | None = None,
    ) -> dict:
        if not lane.admit():
            raise QueryQueueFull(
                max(1, round(self.settings.timeout_s)),
                f"the server runs and queues as many {lane.name} queries as it takes"
                f" ({'BESTUURSGRAAF_LONG_QUERY_QUEUE' if lane is self.long else 'BESTUURSGRAAF_QUERY_QUEUE'});"
                " try again later",
            )
        try:
            reply = lane.run(job, deadline, cancelled, slice_s, ran)
        finally:
            lane.release()
        if reply is None:
            if slice_s is not None and time.monotonic() < deadline:
                raise _Demoted
            raise QueryTimeout(self.settings.timeout_s)
        return _raise_for(reply, self.settings.memory_mb)

    def close(self) -> None:
        self._spawner.put(None)
        self.quick.close()
        self.long.close()
        while not self._spares.empty():
            self._spares.get_nowait().kill()
        self._spool.cleanup()


def _raise_for(reply: dict, memory_mb: int) -> dict:
    """The reply itself when it carries an answer; else the error it names, raised."""
    kind = reply.get("error")
    if kind is None:
        return reply
    message = reply.get("message", "")
    if kind == "too-large":
        raise ResultTooLarge(reply["limit"], reply["maximum"], message)
    if kind == "too-deep":
        raise QueryTooLarge(reply["limit"], reply.get("maximum"), message)
    if kind == "syntax":
        raise QuerySyntaxError(message)
    if kind == "update":
        raise UpdateRefused(message)
    if kind == "memory":
        raise QueryAborted(memory_mb)
    raise StoreError(message)
