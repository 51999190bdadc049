"""`bestuursgraaf fetch` against the recorded answers, replayed by a real HTTP server on 127.0.0.1
(tests/recorded_server.py), and without a network; the live path runs with BESTUURSGRAAF_LIVE=1."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
from pathlib import Path

import pytest
from bestuursgraaf.graph import cli
from bestuursgraaf.graph.build import build
from bestuursgraaf.graph.namespaces import BG, Minter
from bestuursgraaf.graph.sources.fetch import FetchSettings, fetch
from bestuursgraaf.graph.sources.http import FetchError
from rdflib import Dataset
from rdflib.namespace import DCTERMS, RDF

from tests.recorded_server import RECORDED, replaying

BUNDLED = Path(__file__).parent.parent / "corpus"
MINTER = Minter()


def settings_for(base: str, cache: Path, retries: int = 1) -> FetchSettings:
    return FetchSettings(
        cache_dir=cache, koop_url=f"{base}/koop", sru_url=f"{base}/sru", odata_url=f"{base}/odata",
        interval_s=0.0, retries=retries, backoff_s=0.0, timeout_s=10.0,
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under the folder's parent (hidden ones too) with the sha256 of its bytes."""
    return {
        p.relative_to(folder.parent).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.parent.rglob("*"))
        if p.is_file() and "cache" not in p.parts
    }


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_dossier_fetched_as_recorded_builds_with_metadata_and_vote_outcomes(tmp_path: Path):
    corpus = tmp_path / "corpus"
    with replaying() as replay:
        settings = settings_for(replay.base, tmp_path / "cache")
        report = fetch(corpus, settings, dossier="33047", sources=("tk",))
        fetch(corpus, settings, dossier="29684", sources=("tk",))
    assert report.documents == 7 and report.motions == 1
    assert sorted(p.name for p in corpus.glob("*.xml")) == ["kst-29684-293.xml"] + [
        f"kst-33047-{n}.xml" for n in range(33, 40)
    ]
    assert (corpus / "kst-29684-293.xml").read_bytes() == (RECORDED / "koop/kst-29684-293.xml").read_bytes()
    assert (corpus / "tk-odata/stemming-33047.json").is_file()
    # the requests asked for the motions of the dossier and their votes, then each publication
    assert any("/odata/Zaak?" in r and "Nummer%20eq%2033047" in r for r in replay.requests)
    assert any(r.endswith("/koop/kst-33047-38/metadata.xml") for r in replay.requests)
    for path in BUNDLED.glob("001_4ecc82ebad1aebf7.*"):  # a letter of the dossier, as plain text
        shutil.copy(path, corpus)
    build(corpus, tmp_path / "graph.nq", MINTER, persist_store=False)
    dataset = Dataset()
    dataset.parse(tmp_path / "graph.nq", format="nquads")
    curated, opendata = dataset.graph(MINTER.curated_graph), dataset.graph(MINTER.opendata_graph)
    for kst in [f"kst-33047-{n}" for n in range(33, 40)] + ["kst-29684-293"]:
        doc = MINTER.document(kst)
        assert (doc, BG.publishedAs, MINTER.kamerstuk(kst)) in curated
        assert str(curated.value(doc, BG.curatedFrom)) == f"corpus/{kst}.xml"
        assert curated.value(doc, DCTERMS.date) is not None
        assert set(curated.objects(MINTER.kamerstuk(kst), BG.submitter))
    assert (MINTER.kamerstuk("kst-29684-293"), BG.outcome, BG.Aangenomen) in opendata
    assert len(set(curated.objects(MINTER.kamerstuk("kst-29684-293"), BG.submitter))) == 10
    assert (MINTER.kamerstuk("kst-33047-38"), RDF.type, BG.Motion) in opendata


def test_a_second_fetch_asks_conditionally_and_changes_nothing(tmp_path: Path):
    corpus = tmp_path / "corpus"
    with replaying() as replay:
        settings = settings_for(replay.base, tmp_path / "cache")
        fetch(corpus, settings, identifiers=["kst-33047-38", "kst-33047-39"])
        before = snapshot(corpus)
        report = fetch(corpus, settings, identifiers=["kst-33047-38", "kst-33047-39"])
    assert replay.not_modified == 2 and report.from_cache == 2
    assert snapshot(corpus) == before


def test_a_passing_server_error_is_tried_again(tmp_path: Path):
    corpus = tmp_path / "corpus"
    with replaying() as replay:
        replay.fail_next = [503, 429]
        fetch(corpus, settings_for(replay.base, tmp_path / "cache", retries=2), identifiers=["kst-33047-38"])
    assert replay.requests[:3] == ["/koop/kst-33047-38.xml"] * 3
    assert (corpus / "kst-33047-38.xml").is_file()


def test_a_lasting_server_error_fails_and_leaves_the_corpus(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BUNDLED / "001_4ecc82ebad1aebf7.txt", corpus)
    before = snapshot(corpus)
    with replaying() as replay:
        replay.fail_next = [503, 503, 503]
        with pytest.raises(FetchError, match="answered 503"):
            fetch(corpus, settings_for(replay.base, tmp_path / "cache"), identifiers=["kst-33047-38"])
    assert snapshot(corpus) == before


def test_one_missing_publication_fails_the_whole_fetch(tmp_path: Path):
    corpus = tmp_path / "corpus"
    missing = r"kst-33047-1\.xml: not found \(404\)"
    with replaying() as replay, pytest.raises(FetchError, match=missing):
        fetch(corpus, settings_for(replay.base, tmp_path / "cache"), identifiers=["kst-33047-38", "kst-33047-1"])
    assert not corpus.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".fetch-")] == []


def test_fetch_without_a_network_fails_in_one_line_and_leaves_the_corpus_byte_identical(
    tmp_path: Path, monkeypatch, capsys
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in BUNDLED.glob("001_4ecc82ebad1aebf7.*"):
        shutil.copy(path, corpus)
    shutil.copy(RECORDED / "koop/kst-33047-38.xml", corpus)
    before = snapshot(corpus)
    unreachable = f"http://127.0.0.1:{closed_port()}"
    for name, path in (("KOOP", "/koop"), ("SRU", "/sru"), ("ODATA", "/odata")):
        monkeypatch.setenv(f"BESTUURSGRAAF_{name}_URL", unreachable + path)
    monkeypatch.setenv("BESTUURSGRAAF_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("BESTUURSGRAAF_FETCH_INTERVAL", "0")
    monkeypatch.setenv("BESTUURSGRAAF_FETCH_RETRIES", "1")
    code = cli.main(["fetch", "--corpus", str(corpus), "--dossier", "33047", "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == cli.EXIT_ERROR
    assert len(err) == 1 and err[0].startswith("bestuursgraaf: error: cannot reach 127.0.0.1:")
    assert err[0].endswith(f"{corpus} was left as it was")
    assert snapshot(corpus) == before


def test_bad_arguments_are_one_line_errors(tmp_path: Path, capsys):
    assert cli.main(["fetch", "--corpus", str(tmp_path / "c"), "kst-33047"]) == cli.EXIT_ERROR
    assert "is not a Kamerstuk identifier" in capsys.readouterr().err
    assert cli.main(["fetch", "--corpus", str(tmp_path / "c"), "--dossier", "33047; drop"]) == cli.EXIT_ERROR
    assert "is not a dossier number" in capsys.readouterr().err
    assert not (tmp_path / "c").exists()


def test_the_cli_fetches_into_a_corpus_that_builds(tmp_path: Path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    with replaying() as replay:
        monkeypatch.setenv("BESTUURSGRAAF_KOOP_URL", f"{replay.base}/koop")
        monkeypatch.setenv("BESTUURSGRAAF_ODATA_URL", f"{replay.base}/odata")
        monkeypatch.setenv("BESTUURSGRAAF_DATA", str(tmp_path / "data"))
        monkeypatch.setenv("BESTUURSGRAAF_FETCH_INTERVAL", "0")
        code = cli.main(["fetch", "--corpus", str(corpus), "--dossier", "29684", "--source", "tk"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "[1/1] kst-29684-293" in captured.err
    assert captured.out.strip() == str(corpus)
    assert cli.main(["build", "--corpus", str(corpus), "--out", str(tmp_path / "g.nq"), "--quiet"]) == 0
    capsys.readouterr()
    assert cli.main(["query", "motion-votes", "--graph", str(tmp_path / "g.nq"), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.strip().splitlines()
    assert rows[0].startswith("motion,zaak,label,outcome,decision")
    assert len(rows) == 1 + 15 and all(",aangenomen,Stemmen - aangenomen," in row for row in rows[1:])


@pytest.mark.skipif(os.environ.get("BESTUURSGRAAF_LIVE") != "1", reason="live sources: set BESTUURSGRAAF_LIVE=1")
def test_live_fetch_of_a_kamerstuk_and_a_dossiers_motions(tmp_path: Path):
    settings = FetchSettings(cache_dir=tmp_path / "cache")
    corpus = tmp_path / "corpus"
    fetch(corpus, settings, identifiers=["kst-33047-38"])
    assert (corpus / "kst-33047-38.xml").is_file()
    report = fetch(corpus, settings, dossier="33047", sources=("tk",))
    assert report.documents >= 7 and (corpus / "tk-odata/zaak-motie-33047.json").is_file()
    report = fetch(corpus, settings, query='w.dossiernummer=="33047" and w.publicatienaam=="Kamerstuk"')
    assert report.documents >= 1
