"""The persistent embedded store: an on-disk Oxigraph store next to the N-Quads dump.

`graph.nq` has its store in `graph.oxigraph/`, with a marker file that names the dump it was
loaded from (its sha256, size and modification time). A store is made aside, in a temporary
sibling directory, and swapped in only when complete, so a failed load leaves the old store.
Readers open it read-only, so a query and a running server can share it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from bestuursgraaf.graph.store.base import StoreError
from bestuursgraaf.graph.store.embedded import EmbeddedStore

MARKER = "loaded-from.json"
STORE_SUFFIX = ".oxigraph"

Progress = Callable[[str], None]


def store_dir_for(dump_path: Path) -> Path:
    """Where the on-disk store of a dump lives: `graph.nq` -> `graph.oxigraph/`."""
    return dump_path.with_suffix(STORE_SUFFIX)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fingerprint(dump_path: Path) -> dict:
    stat = dump_path.stat()
    return {"dump": dump_path.name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _read_marker(store_dir: Path) -> dict | None:
    try:
        return json.loads((store_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_fresh(dump_path: Path, store_dir: Path | None = None) -> bool:
    """Whether the store holds this dump. A missing dump leaves the store as the only copy, so it
    counts as fresh; an unchanged size and modification time spare hashing the dump."""
    store_dir = store_dir or store_dir_for(dump_path)
    marker = _read_marker(store_dir)
    if not isinstance(marker, dict) or "sha256" not in marker:
        return False
    if not dump_path.is_file():
        return True
    seen = _fingerprint(dump_path)
    if all(marker.get(key) == value for key, value in seen.items()):
        return True
    return marker["sha256"] == _sha256(dump_path)


def umask_mode(directory: bool = False) -> int:
    """The mode a file (0o666) or folder (0o777) gets under the user's umask: a temporary made
    private by `tempfile` is given it before it is renamed into place."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if directory else 0o666) & ~mask


def _copy_atomically(source: Path, target: Path) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.fchmod(handle, umask_mode())
    os.close(handle)
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_store(
    dump_path: Path,
    store_dir: Path | None = None,
    progress: Progress | None = None,
    source: Path | None = None,
) -> int:
    """Load an N-Quads file into a new on-disk store and swap it in; returns the quad count.
    `source` (default: the dump itself) is another file that, once it loaded, also replaces the
    dump, so dump and store stay one graph. A file that does not parse raises StoreError and
    leaves the old dump, the old store and no temporary."""
    say = progress or (lambda message: None)
    store_dir = store_dir or store_dir_for(dump_path)
    source = source or dump_path
    if not source.is_file():
        raise StoreError(f"{source}: no N-Quads dump here; run `bestuursgraaf build` first")
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.", suffix=".tmp", dir=store_dir.parent))
    temporary.chmod(umask_mode(directory=True))
    old: Path | None = None
    try:
        say(f"loading {source} into the store at {store_dir}")
        store = ox.Store(str(temporary))
        try:
            store.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS)
            store.flush()
            quads = len(store)
        except (SyntaxError, OSError) as error:
            raise StoreError(
                f"{source}: cannot load the graph ({error}); the store at {store_dir} was left as it was"
            ) from error
        finally:
            del store
        if source.resolve() != dump_path.resolve():
            _copy_atomically(source, dump_path)
        marker = {**_fingerprint(dump_path), "sha256": _sha256(dump_path)}
        (temporary / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        if store_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.", suffix=".old", dir=store_dir.parent))
            os.replace(store_dir, old)
        os.replace(temporary, store_dir)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        if old is not None and not store_dir.exists():
            os.replace(old, store_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    say(f"loaded {quads} quads into {store_dir}")
    return quads


def open_persistent(dump_path: Path, progress: Progress | None = None) -> EmbeddedStore:
    """The on-disk store of a dump, opened read-only; (re)loaded from the dump once if it is
    missing or stale."""
    say = progress or (lambda message: None)
    store_dir = store_dir_for(dump_path)
    if not is_fresh(dump_path, store_dir):
        if not dump_path.is_file():
            raise FileNotFoundError(
                f"no built graph at {dump_path}; run `bestuursgraaf build` first (or pass --graph PATH)"
            )
        reason = "is stale" if store_dir.exists() else "does not exist yet"
        say(f"the store at {store_dir} {reason}: loading it from {dump_path}")
        load_store(dump_path, store_dir, progress)
    try:
        return EmbeddedStore.wrap(ox.Store.read_only(str(store_dir)))
    except OSError as error:
        raise StoreError(f"{store_dir}: cannot open the store: {error}") from error
