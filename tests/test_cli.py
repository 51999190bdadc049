"""The `bestuursgraaf` command on the real corpus: build, query, validate, and its error lines."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bestuursgraaf.graph.cli import main

from tests.server_fixtures import load_nquads

REFERENCE = Path(__file__).parent / "reference"


def reference_citations() -> Counter:
    """(document, kst id) occurrences from the hand-annotated reference of the five letters."""
    counts: Counter = Counter()
    for path in REFERENCE.glob("0*.json"):
        data = json.loads(path.read_text())
        for citation in data["citations"]:
            if citation["kamerstuk"]:
                counts[(data["document"], citation["kamerstuk"])] += 1
    return counts


# Every motion with its identifier (resolved through its footnote) and submitters.
EXPECTED_MOTIONS = {
    "kst-33047-38": "Van Waveren",
    "kst-35298-19": "Strolenberg",
    "kst-35298-21": "Van Dijk",
    "kst-35513-13": "Leijten",
    "kst-35513-14": "Van Dijk",
    "kst-35570-VII-K": "Koole (PvdA)",
    "kst-35850-9": "Van Dijk (CDA)",
    "kst-35925-90": "Van Dijk (CDA); Grinwis (CU)",
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_build_shows_progress_and_writes_the_graph(capsys, tmp_path, corpus_dir):
    out = tmp_path / "g.nq"
    code, stdout, stderr = run(capsys, "build", "--corpus", str(corpus_dir), "--out", str(out))
    assert code == 0 and out.is_file()
    assert "[5/5]" in stderr and "footnotes" in stderr and "wrote" in stderr
    assert stdout.strip() == str(out)


def test_query_citations_lists_every_citation_with_its_kst_id(capsys, built_graph_path):
    code, stdout, _ = run(capsys, "query", "citations", "--graph", str(built_graph_path), "--format", "csv")
    assert code == 0
    found = rows(stdout)
    assert list(found[0]) == ["document", "kamerstuk", "raw", "footnote"]
    assert len(found) == 51  # 16 + 6 + 12 + 17 in the footnotes of 001-004
    counts = Counter(
        (row["document"].rsplit("/", 1)[1], row["kamerstuk"]) for row in found if row["kamerstuk"]
    )
    assert counts == reference_citations()
    assert {"raw": "Kamerstukken II, 2022Z25514 (blg)", "kamerstuk": ""}.items() <= next(
        r for r in found if "2022Z25514" in r["raw"]
    ).items()


def test_query_motions_lists_every_motion_with_submitters(capsys, built_graph_path):
    code, stdout, _ = run(capsys, "query", "motions", "--graph", str(built_graph_path), "--format", "csv")
    assert code == 0
    found = {row["motion"]: row for row in rows(stdout)}
    for kst, submitters in EXPECTED_MOTIONS.items():
        assert kst in found, kst
        assert found[kst]["submitters"].startswith(submitters.split(" (")[0]), kst
    assert found["kst-35925-90"]["submitters"] == "Van Dijk (CDA); Grinwis (CU)"
    assert found["kst-35570-VII-K"]["label"] == "motie-Koole"
    bromet = next(row for motion, row in found.items() if row["label"] == "motie-Bromet")
    assert bromet["documents"].endswith("003_716a83a6eb3f8840")


def test_query_documents_maps_documents_to_their_files(capsys, built_graph_path):
    _code, stdout, _ = run(capsys, "query", "documents", "--graph", str(built_graph_path), "--format", "json")
    data = json.loads(stdout)
    sources = {row["document"].rsplit("/", 1)[1]: row["source"] for row in data["rows"]}
    assert sources["004_6c88505460917616"] == "corpus/004_6c88505460917616.txt"
    assert len(sources) == 5


def test_query_parameter_filters(capsys, built_graph_path):
    code, stdout, _ = run(
        capsys, "query", "citations", "--graph", str(built_graph_path), "--format", "csv",
        "--param", "kamerstuk=kst-33047-25",
    )
    assert code == 0 and {r["kamerstuk"] for r in rows(stdout)} == {"kst-33047-25"}
    assert len(rows(stdout)) == 3


def test_validate_reports_conformance(capsys, built_graph_path):
    code, stdout, _ = run(capsys, "validate", "--graph", str(built_graph_path))
    assert code == 0 and "conforms" in stdout


def test_validate_lists_each_violation_in_parallel_units(capsys, built_graph_path, tmp_path):
    # a passage without its quote, in a copy of the built graph
    lines = built_graph_path.read_text(encoding="utf-8").splitlines()
    dropped = next(line for line in lines if "/passage/" in line.split(" ")[0] and "def#quote>" in line)
    broken = tmp_path / "broken.nq"
    broken.write_text("\n".join(line for line in lines if line != dropped) + "\n", encoding="utf-8")
    code, stdout, stderr = run(capsys, "validate", "--graph", str(broken), "--jobs", "2")
    passage = dropped.split(" ")[0].strip("<>").rsplit("/", 1)[-1]
    assert code == 1 and "bg:quote" in stdout and passage in stdout
    assert "1 violations" in stderr and "validating" in stderr  # the count, and progress
    code, _, stderr = run(capsys, "validate", "--graph", str(broken), "--jobs", "0")
    assert code == 2 and "--jobs must be 1 or more" in stderr


@pytest.mark.parametrize(
    "argv, message",
    [
        (["query", "nope"], "no named query 'nope'; available:"),
        (["query", "citations", "--param", "document=not an iri"], "is not an absolute IRI"),
        (["query", "citations", "--param", "x=1"], "has no parameter 'x'"),
        (["query", "citations", "--param", "novalue"], "expected NAME=VALUE"),
    ],
)
def test_bad_query_arguments_get_one_readable_line(capsys, built_graph_path, argv, message):
    code, stdout, stderr = run(capsys, *argv, "--graph", str(built_graph_path))
    assert code == 1 and stdout == ""
    assert stderr.startswith("bestuursgraaf: error: ") and message in stderr
    assert "Traceback" not in stderr


def test_missing_graph_says_how_to_make_one(capsys, tmp_path):
    code, _, stderr = run(capsys, "query", "citations", "--graph", str(tmp_path / "none.nq"))
    assert code == 1 and "run `bestuursgraaf build` first" in stderr


def test_bad_corpus_fails_cleanly_and_keeps_the_previous_graph(capsys, tmp_path, corpus_dir, built_graph_path):
    out = tmp_path / "g.nq"
    shutil.copy(built_graph_path, out)
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PK" * 20)
    code, _, stderr = run(capsys, "build", "--corpus", str(corpus), "--out", str(out))
    assert code == 1
    assert stderr.strip() == f"bestuursgraaf: error: {corpus / 'binary.txt'}: this is a binary file, not plain text (it contains NUL bytes)"
    assert out.read_bytes() == built_graph_path.read_bytes()


def test_unreachable_endpoint_is_one_line(capsys):
    code, _, stderr = run(capsys, "query", "citations", "--endpoint", "http://127.0.0.1:9/query")
    assert code == 1 and "127.0.0.1:9" in stderr and "Traceback" not in stderr


def _normalised(found: list[dict[str, str]]) -> list[str]:
    """Rows as comparable text; GROUP_CONCAT lists have no defined order, so sort their items."""
    return sorted(
        str({k: " ".join(sorted(v.split(" "))) if k == "documents" else v for k, v in row.items()})
        for row in found
    )


def test_same_answers_through_a_remote_sparql_endpoint(capsys, built_graph_path, oxigraph_server):
    load_nquads(oxigraph_server, built_graph_path.read_bytes())
    for name in ("citations", "motions", "documents"):
        _, local, _ = run(capsys, "query", name, "--graph", str(built_graph_path), "--format", "csv")
        code, remote, _ = run(capsys, "query", name, "--endpoint", oxigraph_server.query_url, "--format", "csv")
        assert code == 0
        assert _normalised(rows(remote)) == _normalised(rows(local)), name


def test_installed_command_runs(built_graph_path):
    command = Path(sys.executable).with_name("bestuursgraaf")
    result = subprocess.run(
        [str(command), "query", "motions", "--graph", str(built_graph_path)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0 and "motie-Koole" in result.stdout


def test_version_names_the_installed_release(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"bestuursgraaf {version('bestuursgraaf')}"


def _table(text: str) -> list[list[str]]:
    """The cells of a table the CLI prints (columns are two or more spaces apart)."""
    import re

    lines = text.strip().splitlines()
    return [re.split(r"\s{2,}", line.strip()) for line in lines[2:-1]]


def test_the_table_prints_keys_that_the_next_command_takes_back(capsys, built_graph_path):
    """A tour by pasting: an action of the `actions` table into `action-trace`, a document into
    `actions`, a commitment into `commitment-trace`; nothing printed is cut."""
    graph = ("--graph", str(built_graph_path))
    code, out, _ = run(capsys, "query", "actions", *graph)
    assert code == 0
    actions = [row[0] for row in _table(out)]
    assert actions and all(a.startswith("actie/") and "…" not in a for a in actions)
    code, trace, _ = run(capsys, "query", "action-trace", "--param", f"action={actions[0]}", *graph)
    assert code == 0 and not trace.strip().endswith("(0 rows)")
    code, out, _ = run(capsys, "query", "documents", *graph)
    document = next(cell for row in _table(out) for cell in row if cell.startswith("doc/"))
    code, out, _ = run(capsys, "query", "actions", "--param", f"document={document}", "--format", "csv", *graph)
    assert code == 0 and rows(out) and {r["document"] for r in rows(out)} == {f"https://w3id.org/bestuursgraaf/id/{document}"}
    code, out, _ = run(capsys, "query", "commitments", *graph)
    commitment = _table(out)[0][0]
    assert commitment.startswith("toezegging/")
    code, out, _ = run(capsys, "query", "commitment-trace", "--param", f"commitment={commitment}", *graph)
    assert code == 0 and not out.strip().endswith("(0 rows)")


def test_query_help_lists_every_query_and_its_parameters(capsys):
    with pytest.raises(SystemExit):
        main(["query", "--help"])
    out = capsys.readouterr().out
    assert "action-trace: Trace of an action" in out
    assert "as_of (date, optional, default today)" in out
    assert "commitment (iri)" in out


def test_commitments_and_actions_filter_by_status_minister_and_deadline(capsys, built_graph_path):
    graph = ("--graph", str(built_graph_path), "--format", "csv")

    def query(name: str, *params: str) -> list[dict[str, str]]:
        code, out, err = run(capsys, "query", name, *graph, *[f"--param={p}" for p in params])
        assert code == 0, err
        return rows(out)

    everything = query("commitments")
    statuses = Counter(r["status"] for r in everything)
    assert len(statuses) > 1
    for status, count in statuses.items():
        assert len(query("commitments", f"status={status}")) == count
    ministers = sorted({r["label"] for r in query("persons") if r["label"]})
    counts = {m: len(query("commitments", f"minister={m}")) for m in ministers}
    assert sum(counts.values()) <= len(everything)  # each promise has at most one signer
    assert 0 < max(counts.values()) < len(everything)  # one minister's promises, not all of them
    before = query("commitments", "due_before=2024-12-31")
    after = query("commitments", "due_after=2025-01-01")
    assert before and after
    assert all(r["deadline"].split("/")[1] <= "2024-12-31" for r in before)
    assert all(r["deadline"].split("/")[1] >= "2025-01-01" for r in after)
    done = query("actions", "status=Done")
    assert done and {r["status"] for r in done} == {"Done"}
    assert len(done) < len(query("actions"))
