"""A query worker process: opens the on-disk store read-only and answers jobs from its stdin.

Started by `query_pool.py` as `python -m bestuursgraaf.graph.store.query_worker STORE_DIR
MEMORY_MB NICENESS`. Each job is one JSON line (query, format, caps, the file to write the
answer to); each reply one JSON line. Oxigraph cannot interrupt a query, so this process is
what the server kills when a query overruns its budget or its client goes away.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import sys

import pyoxigraph as ox
from bestuursgraaf.graph.store.base import (
    QuerySyntaxError,
    QueryTooLarge,
    ResultTooLarge,
    StoreError,
    UpdateRefused,
)
from bestuursgraaf.graph.store.bounded_results import ResultCaps, write_results


def answer(store: ox.Store, job: dict) -> dict:
    """The reply to one job; the answer itself is in the file the job names."""
    caps = ResultCaps(job["max_rows"], job["max_bytes"], job.get("truncate", False))
    try:
        with open(job["out"], "wb") as out:
            written = write_results(store, job["query"], job["format"], out, caps)
    except ResultTooLarge as error:
        return _error("too-large", error, limit=error.limit, maximum=error.maximum)
    except QueryTooLarge as error:
        return _error("too-deep", error, limit=error.limit, maximum=error.maximum)
    except QuerySyntaxError as error:
        return _error("syntax", error)
    except UpdateRefused as error:
        return _error("update", error)
    except MemoryError:
        return {"error": "memory", "message": "out of memory"}
    except (StoreError, OSError) as error:
        return _error("store", error)
    return {"media_type": written.media_type, "rows": written.rows, "bytes": written.bytes}


def _error(kind: str, error: Exception, **extra: object) -> dict:
    return {"error": kind, "message": str(error), **extra}


def _die_with_parent() -> None:
    """Be killed when the server that started this worker ends, even by SIGKILL (Linux)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere a worker ends at the end of its stdin, once its query is done


def main(argv: list[str]) -> int:
    store_dir, memory_mb, niceness = argv[0], int(argv[1]), int(argv[2])
    _die_with_parent()
    if os.getppid() == 1:  # the parent ended before the line above
        return 1
    if memory_mb > 0:  # address space: a query that grows past it fails here, not the server
        limit = memory_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if niceness > 0:
        os.nice(niceness)
    replies = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but replies on the pipe
    store = ox.Store.read_only(store_dir)
    replies.write(json.dumps({"ready": len(store)}).encode() + b"\n")
    replies.flush()
    for line in sys.stdin.buffer:
        reply = answer(store, json.loads(line))
        replies.write(json.dumps(reply).encode() + b"\n")
        replies.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
