"""Reading documents: bad input gets a clear message naming the file and the problem."""

from __future__ import annotations

import pytest
from bestuursgraaf.graph.read import DocumentError, read_corpus, read_document

DUTCH = (
    "Hierbij informeer ik uw Kamer over de voortgang van de actieagenda. In deze brief ga ik in op "
    "de samenwerking tussen het Rijk, de provincies, de gemeenten en de waterschappen, en op de "
    "moties die uw Kamer heeft aangenomen. Ik zal uw Kamer voor de zomer opnieuw informeren over "
    "de uitkomsten van het onderzoek naar de ondersteuning van gemeenteraden."
)


def test_bundled_corpus_reads_with_sidecars(corpus_dir):
    documents = read_corpus(corpus_dir)
    assert len(documents) == 5
    assert all(d.metadata_source and d.metadata_source.endswith(".json") for d in documents)
    assert {d.source.split("/")[0] for d in documents} == {"corpus"}


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"caf\xe9 " * 50, "not UTF-8"),
        (b"Kort briefje.", "too little"),
        (
            (
                b"Dear Speaker, I hereby inform the House about the progress of the action agenda. "
                b"In this letter I discuss the cooperation between the national government, the "
                b"provinces and the municipalities, and the motions that the House has adopted."
            ),
            "another language (en",
        ),
    ],
)
def test_bad_document_gets_a_clear_message(tmp_path, content, message):
    path = tmp_path / "brief.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)


def test_bad_sidecar_names_file_and_line(tmp_path):
    (tmp_path / "brief.txt").write_text(DUTCH)
    (tmp_path / "brief.json").write_text('{"type": "kamerbrief",\n "title": }')
    with pytest.raises(DocumentError, match=r"brief\.json:2: invalid JSON"):
        read_document(tmp_path / "brief.txt")


def test_sidecar_with_unknown_type_is_refused(tmp_path):
    (tmp_path / "brief.txt").write_text(DUTCH)
    (tmp_path / "brief.json").write_text('{"type": "roman"}')
    with pytest.raises(DocumentError, match="type 'roman' is not one of"):
        read_document(tmp_path / "brief.txt")


def test_empty_corpus_folder_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="no documents"):
        read_corpus(tmp_path)
