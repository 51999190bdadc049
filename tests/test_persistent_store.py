"""The persistent store: `build` and `load` write an on-disk Oxigraph store next to the dump,
atomically; `query` and `serve` answer from it without parsing the dump."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from bestuursgraaf.graph.build import build
from bestuursgraaf.graph.cli import main
from bestuursgraaf.graph.read import DocumentError
from bestuursgraaf.graph.store import StoreError, load_store, open_persistent, store_dir_for
from bestuursgraaf.graph.store.persistent import MARKER


def _query_rows(capsys, graph: Path, name: str = "documents") -> tuple[list[dict], str]:
    capsys.readouterr()
    code = main(["query", name, "--graph", str(graph), "--format", "csv"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return list(csv.DictReader(io.StringIO(captured.out))), captured.err


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture()
def graph_copy(tmp_path: Path, built_graph_path: Path) -> Path:
    """A private copy of the session's built dump and its store, free to damage."""
    graph = tmp_path / "graph.nq"
    shutil.copy2(built_graph_path, graph)
    shutil.copytree(store_dir_for(built_graph_path), store_dir_for(graph))
    return graph


def test_build_writes_the_store_with_a_marker_of_its_dump(built_graph_path: Path) -> None:
    store_dir = store_dir_for(built_graph_path)
    assert store_dir == built_graph_path.with_name("graph.oxigraph")
    marker = json.loads((store_dir / MARKER).read_text())
    assert marker["sha256"] == hashlib.sha256(built_graph_path.read_bytes()).hexdigest()
    assert marker["dump"] == "graph.nq"
    assert _leftovers(built_graph_path.parent) == []
    quads = built_graph_path.read_bytes().count(b"\n")
    assert len(open_persistent(built_graph_path)) == quads


def test_query_answers_from_the_store_without_the_dump(capsys, graph_copy: Path) -> None:
    expected, _ = _query_rows(capsys, graph_copy)
    assert len(expected) == 5
    graph_copy.unlink()
    rows, err = _query_rows(capsys, graph_copy)
    assert rows == expected
    assert "loading" not in err


def test_query_does_not_parse_an_unchanged_dump(capsys, graph_copy: Path) -> None:
    expected, _ = _query_rows(capsys, graph_copy)
    stat = graph_copy.stat()
    # Same size and modification time, but no longer N-Quads: parsing it would fail.
    graph_copy.write_bytes(b"#" * (stat.st_size - 1) + b"\n")
    os.utime(graph_copy, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    rows, err = _query_rows(capsys, graph_copy)
    assert rows == expected
    assert "loading" not in err


def test_a_stale_marker_reloads_the_store_once(capsys, graph_copy: Path) -> None:
    marker_path = store_dir_for(graph_copy) / MARKER
    marker = json.loads(marker_path.read_text())
    marker_path.write_text(json.dumps({**marker, "sha256": "0" * 64, "size": 1}))
    rows, err = _query_rows(capsys, graph_copy)
    assert len(rows) == 5
    assert "is stale: loading it from" in err
    assert json.loads(marker_path.read_text())["sha256"] == marker["sha256"]
    _rows, err = _query_rows(capsys, graph_copy)
    assert "loading" not in err
    assert _leftovers(graph_copy.parent) == []


def test_a_changed_dump_replaces_the_store(capsys, graph_copy: Path, tmp_path: Path) -> None:
    small = b'<https://example.org/s> <https://example.org/p> "o" <https://example.org/g> .\n'
    graph_copy.write_bytes(small)
    capsys.readouterr()
    assert main(["query", "documents", "--graph", str(graph_copy), "--format", "csv"]) == 0
    err = capsys.readouterr().err
    assert "is stale: loading it from" in err
    assert len(open_persistent(graph_copy)) == 1


def test_a_missing_store_is_loaded_from_the_dump(capsys, tmp_path: Path, built_graph_path: Path) -> None:
    graph = tmp_path / "graph.nq"
    shutil.copy2(built_graph_path, graph)
    rows, err = _query_rows(capsys, graph)
    assert len(rows) == 5
    assert "does not exist yet: loading it from" in err
    assert (store_dir_for(graph) / MARKER).is_file()


def test_no_dump_and_no_store_is_a_one_line_error(capsys, tmp_path: Path) -> None:
    assert main(["query", "documents", "--graph", str(tmp_path / "none.nq")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no built graph at" in err[0]
    assert not store_dir_for(tmp_path / "none.nq").exists()


def test_a_failed_build_leaves_the_old_dump_and_store(
    capsys, tmp_path: Path, graph_copy: Path, corpus_dir: Path
) -> None:
    expected, _ = _query_rows(capsys, graph_copy)
    before = graph_copy.read_bytes()
    broken = tmp_path / "corpus"
    shutil.copytree(corpus_dir, broken)
    (broken / "zz_leeg.txt").write_bytes(b"")
    with pytest.raises(DocumentError):
        build(broken, graph_copy)
    assert graph_copy.read_bytes() == before
    graph_copy.unlink()  # the store alone still answers
    rows, _ = _query_rows(capsys, graph_copy)
    assert rows == expected
    assert _leftovers(tmp_path) == []


def test_load_of_a_malformed_file_leaves_the_old_store(capsys, tmp_path: Path, graph_copy: Path) -> None:
    expected, _ = _query_rows(capsys, graph_copy)
    before = graph_copy.read_bytes()
    bad = tmp_path / "bad.nq"
    bad.write_bytes(b"<https://example.org/s> <https://example.org/p> not-a-term .\n")
    capsys.readouterr()
    assert main(["load", "--graph", str(graph_copy), str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    errors = [line for line in err if line.startswith("bestuursgraaf: error:")]
    assert len(errors) == 1 and "bad.nq: cannot load the graph" in errors[0]
    assert "left as it was" in errors[0]
    assert graph_copy.read_bytes() == before
    rows, err = _query_rows(capsys, graph_copy)
    assert rows == expected and "loading" not in err
    assert _leftovers(tmp_path) == []


def test_load_replaces_dump_and_store_with_another_file(capsys, tmp_path: Path, graph_copy: Path) -> None:
    other = tmp_path / "other.nq"
    other.write_bytes(
        b'<https://example.org/s> <https://example.org/p> "een" <https://example.org/g> .\n'
        b'<https://example.org/s> <https://example.org/p> "twee" <https://example.org/g> .\n'
    )
    capsys.readouterr()
    assert main(["load", "--graph", str(graph_copy), str(other)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(store_dir_for(graph_copy))
    assert "loaded 2 quads into" in captured.err
    assert graph_copy.read_bytes() == other.read_bytes()
    rows, err = _query_rows(capsys, graph_copy)
    assert rows == [] and "loading" not in err
    assert _leftovers(tmp_path) == []


def test_load_without_a_file_reloads_from_the_dump(capsys, graph_copy: Path) -> None:
    shutil.rmtree(store_dir_for(graph_copy))
    assert main(["load", "--graph", str(graph_copy)]) == 0
    assert "loading" in capsys.readouterr().err
    rows, _ = _query_rows(capsys, graph_copy)
    assert len(rows) == 5


def test_load_store_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no N-Quads dump here"):
        load_store(tmp_path / "graph.nq")
    assert list(tmp_path.iterdir()) == []


def test_serve_answers_from_the_store_without_the_dump(tmp_path: Path, graph_copy: Path) -> None:
    import subprocess
    import sys

    from tests.server_fixtures import free_port, json_when_up

    graph_copy.unlink()
    port = free_port()
    env = {**os.environ, "BESTUURSGRAAF_DATA": str(tmp_path / "data")}
    server = subprocess.Popen(
        [sys.executable, "-m", "bestuursgraaf", "serve", "--graph", str(graph_copy),
         "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        body = json_when_up(f"http://127.0.0.1:{port}/queries/documents", server)
        assert len(body["rows"]) == 5
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert b"loading" not in server.stderr.read()
    assert not (tmp_path / "data").exists()
