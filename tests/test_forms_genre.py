"""Rules for forms of the genre seen in real Kamerstukken (issue #10), each on a sentence written
for it: the document is run through the real pipeline (`run_stages`) from a file."""

from __future__ import annotations

from pathlib import Path

from bestuursgraaf.graph.pipeline import run_stages
from bestuursgraaf.graph.read import read_document


def _facts(tmp_path: Path, text: str, name: str = "brief.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return run_stages(read_document(path))


MOTION = """Tweede Kamer der Staten-Generaal

Vergaderjaar 2021–2022

36 111

Bouwen en wonen

Nr. 7

MOTIE VAN HET LID BAKKER
Voorgesteld 3 maart 2022
De Kamer,
gehoord de beraadslaging,
overwegende dat de motie-Jansen (36 111, nr. 4) nog niet is uitgevoerd;
verzoekt de regering de bouw te versnellen,
en gaat over tot de orde van de dag.
Bakker

kst-36111-7
ISSN 0921 - 7371
’s-Gravenhage 2022

Tweede Kamer, vergaderjaar 2021–2022, 36 111, nr. 7
"""


def test_own_identity_in_heading_and_colophon_is_no_citation(tmp_path):
    facts = _facts(tmp_path, MOTION)
    assert facts.published.kst_id == "kst-36111-7"
    cited = [o.citation.kst_id for o in facts.citations]
    assert cited == ["kst-36111-4"]  # the motion it names; not kst-36111-7 (twice) of its colophon
