"""Write N letters in the genre of ministers' letters to parliament, for scale benchmarks.

Usage: ``python benchmarks/generate_corpus.py N OUT_DIR [--seed S]``.

The letters are varied, not copies: each belongs to one of N/8 dossiers, is dated after the
letters before it, announces actions of its own under section headings, carries out motions of
named members (cited in footnotes, in two footnote formats), cites earlier Kamerstukken, names
organisations and layers of government, promises to report by a deadline in several registers,
and reports on actions and promises of earlier letters in its dossier (completed, deferred, in
progress). The texts are made from word lists and sentence frames with a seeded random choice,
so the same N and seed give the same corpus. It is a load generator, not an evaluation set:
nothing here is used to tune extraction.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
SURNAMES = [
    "Jansen",
    "De Vries",
    "Van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "De Wit",
    "Dijkstra",
    "Kok",
    "Jacobs",
    "Vermeulen",
    "Van Dijk",
    "Hoekstra",
    "Koster",
    "Prins",
    "Huisman",
    "Kuipers",
    "Willems",
    "Verhoeven",
    "Schouten",
    "Postma",
    "Sneller",
    "Leijten",
    "Bromet",
    "Strolenberg",
    "Van der Molen",
    "Kathmann",
    "Klaver",
    "Omtzigt",
    "Grinwis",
    "Bikker",
    "Chakor",
    "Dassen",
    "Eerdmans",
    "Van Baarle",
    "Sjoerdsma",
]
PARTIES = [
    "VVD",
    "PVV",
    "CDA",
    "D66",
    "GL-PvdA",
    "SP",
    "CU",
    "SGP",
    "NSC",
    "BBB",
    "Volt",
    "JA21",
    "DENK",
    "PvdD",
]
TOPICS = (
    "lokale democratie",
    "regionale samenwerking",
    "interbestuurlijk toezicht",
    ("de decentrale rekenkamers"),
    "de financiële verhoudingen",
    "de uitvoeringskracht van gemeenten",
    "weerbaar bestuur",
    "de positie van de raad",
    "de informatiehuishouding",
    "de omgevingswet",
    "digitale weerbaarheid",
    "burgerparticipatie",
    "de jeugdzorg",
    "de energietransitie",
    "het sociaal domein",
    "de woningbouwopgave",
    "de grensregio's",
    "de krimpregio's",
    "de waterschapsverkiezingen",
    "het toezicht op de rechtmatigheid",
    "de ondermijning",
    "de integriteit van decentrale bestuurders",
    "de open overheid",
    "de bestuurlijke lasten",
)
ACTION_KINDS = (
    "Programma",
    "Onderzoek naar",
    "Evaluatie van",
    "Handreiking voor",
    "Wetsvoorstel over",
    "Actieplan",
    "Pilot",
    "Kennisprogramma",
    "Verkenning van",
    "Werkagenda",
)
ORGANISATIONS = (
    "de Vereniging van Nederlandse Gemeenten (VNG)",
    "het Interprovinciaal Overleg (IPO)",
    "de Unie van Waterschappen",
    "de Raad voor het Openbaar Bestuur",
    ("de Afdeling advisering van de Raad van State"),
    "het Centraal Planbureau",
    "het Sociaal en Cultureel Planbureau",
    "de Nederlandse Vereniging voor Raadsleden",
    "de Vereniging van Griffiers",
    "de Algemene Rekenkamer",
    "de Kiesraad",
    "het Nederlands Genootschap van Burgemeesters",
)
PLACES = (
    "Groningen",
    "Friesland",
    "Drenthe",
    "Overijssel",
    "Gelderland",
    "Utrecht",
    "Limburg",
    "Zeeland",
    "Flevoland",
    "Noord-Brabant",
    "Noord-Holland",
    "Zuid-Holland",
)
CITIES = (
    "Amsterdam",
    "Rotterdam",
    "Utrecht",
    "Eindhoven",
    "Tilburg",
    "Almere",
    "Breda",
    "Nijmegen",
    "Apeldoorn",
    "Haarlem",
    "Enschede",
    "Arnhem",
    "Zaanstad",
    "Amersfoort",
    "Leeuwarden",
    "Zwolle",
)
FILLER = (
    "Dit vraagt om een {adj} samenwerking tussen Rijk, provincies, gemeenten en waterschappen.",
    "De praktijk laat zien dat {topic} om {adj} aandacht vraagt van alle overheden.",
    "Daarbij staat de uitvoerbaarheid voor gemeenten en provincies centraal.",
    "In gesprekken met {org} is gebleken dat er behoefte is aan {adj} afspraken.",
    "Gemeenten als {city} en provincies als {place} hebben hier al ervaring mee opgedaan.",
    "Het kabinet hecht grote waarde aan {topic} en aan een {adj} openbaar bestuur.",
    "Uit de eerste resultaten blijkt dat de aanpak in {place} goed werkt.",
    "De komende periode verzamel ik samen met {org} signalen uit de praktijk.",
    "Ook de regio {place} en de gemeente {city} nemen deel aan deze aanpak.",
    "Dat is nodig om de slagkracht en de democratische legitimiteit te versterken.",
)
ADJECTIVES = ("goede", "betere", "duurzame", "structurele", "gezamenlijke", "heldere", "stevige")
DEADLINES = (
    "voor de zomer van {y}",
    "voor 1 {m} {y}",
    "in het najaar van {y}",
    "voor het einde van {y}",
    "in {m} {y}",
    "bij de begroting voor {y}",
    "begin {y}",
    "medio {y}",
    "zo spoedig mogelijk",
    "voor het kerstreces van {y}",
)


@dataclass
class Action:
    title: str
    dossier: str
    letter: int
    promised: bool = False


@dataclass
class Dossier:
    number: str
    title: str
    numbers: int = 10
    actions: list[Action] = field(default_factory=list)
    motions: list[tuple[str, str, int]] = field(default_factory=list)  # (label, party, nr)


def _vergaderjaar(day: date) -> str:
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{str(start + 1)[2:]}"


def _long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


class Writer:
    def __init__(self, n: int, seed: int, dossiers: int | None = None) -> None:
        self.rng = random.Random(seed)
        self.dossiers = [
            Dossier(str(30000 + self.rng.randrange(7000)), self._title())
            for _ in range(dossiers or max(1, n // 8))
        ]
        self.day = date(2015, 1, 5)

    def _title(self) -> str:
        return self.rng.choice(
            ("Versterking van ", "Toekomst van ", "Kwaliteit van ", "")
        ) + self.rng.choice(TOPICS)

    def _fill(self, text: str) -> str:
        r = self.rng
        return text.format(
            adj=r.choice(ADJECTIVES),
            topic=r.choice(TOPICS),
            org=r.choice(ORGANISATIONS),
            city=r.choice(CITIES),
            place=r.choice(PLACES),
        )

    def _deadline(self) -> str:
        year = self.day.year + self.rng.choice((0, 1, 1, 2))
        return self.rng.choice(DEADLINES).format(y=year, m=self.rng.choice(MONTHS))

    def letter(self, number: int) -> tuple[str, dict]:
        r = self.rng
        self.day += timedelta(days=r.randrange(1, 9))
        dossier = r.choice(self.dossiers)
        dossier.numbers += 1
        footnotes: list[str] = []
        bracket = r.random() < 0.5

        def note(body: str) -> str:
            footnotes.append(body)
            n = len(footnotes)
            return f"[footnoteRef:{n}]" if bracket else f"{n}"

        def kamerstuk(dossier_number: str, nr: int) -> str:
            year = _vergaderjaar(self.day - timedelta(days=r.randrange(30, 900)))
            return f"Kamerstukken II {year}, {dossier_number[:2]} {dossier_number[2:]}, nr. {nr}."

        minister = r.choice(SURNAMES)
        sections = []
        earlier = [a for a in dossier.actions if a.letter < number]
        for action in r.sample(earlier, min(len(earlier), r.randrange(1, 4))):
            status = r.choice(("afgerond", "gestart", "uitgesteld"))
            reference = note(kamerstuk(action.dossier, r.randrange(5, dossier.numbers)))
            if status == "afgerond":
                body = f"In mijn vorige brief{reference} kondigde ik het {action.title.lower()} aan. Het {action.title.lower()} is inmiddels afgerond."
            elif status == "gestart":
                body = f"Het {action.title.lower()} waarover ik uw Kamer eerder informeerde{reference}, is gestart en loopt volgens planning."
            else:
                body = f"Het {action.title.lower()}{reference} kost meer tijd dan voorzien; ik informeer uw Kamer hierover {self._deadline()}."
            sections.append(
                (f"Stand van zaken {action.title.lower()}", [body, self._fill(r.choice(FILLER))])
            )
        for _ in range(r.randrange(8, 16)):
            title = f"{r.choice(ACTION_KINDS)} {r.choice(TOPICS)}"
            action = Action(title, dossier.number, number)
            dossier.actions.append(action)
            sentences = [self._fill(r.choice(FILLER)) for _ in range(r.randrange(5, 12))]
            sentences.insert(
                0, f"Ik start het {title.lower()}, samen met {r.choice(ORGANISATIONS)}."
            )
            if r.random() < 0.45:
                member, party = r.choice(SURNAMES), r.choice(PARTIES)
                nr = r.randrange(10, 200)
                dossier.motions.append((f"motie-{member}", party, nr))
                sentences.append(
                    f"Hiermee geef ik uitvoering aan de motie van het lid {member} ({party}){note(kamerstuk(dossier.number, nr))}."
                )
            elif dossier.motions and r.random() < 0.3:
                label, _party, nr = r.choice(dossier.motions)
                sentences.append(
                    f"Hiermee geef ik tevens uitvoering aan de {label}{note(kamerstuk(dossier.number, nr))}."
                )
            if r.random() < 0.5:
                sentences.append(
                    f"Ik zal uw Kamer {self._deadline()} informeren over de voortgang van het {title.lower()}."
                )
                action.promised = True
            if r.random() < 0.2:
                sentences.append(
                    f"Ik betrek hierbij het advies van {r.choice(ORGANISATIONS)}{note(kamerstuk(str(30000 + r.randrange(7000)), r.randrange(1, 300)))}."
                )
            sections.append((title, sentences))
        kenmerk = f"{self.day.year}-{number:07d}"
        lines = [
            "> Retouradres Postbus 20011 2500 EA Den Haag",
            "",
            "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
            "Postbus 20018",
            "2500 EA Den Haag",
            "",
            f"Datum {_long_date(self.day)}",
            f"Betreft {dossier.title[0].upper() + dossier.title[1:]}",
            f"Kenmerk {kenmerk}",
            "",
            f"Met deze brief informeer ik uw Kamer over de voortgang van {dossier.title.lower()}.",
            self._fill(r.choice(FILLER)),
            "",
        ]
        for heading, sentences in sections:
            lines += [heading, " ".join(sentences), ""]
        lines += [
            "De Minister van Binnenlandse Zaken en Koninkrijksrelaties,",
            "",
            f"{r.choice('ABCDEFGHJKLMNPRSTW')}. {minister}",
            "",
        ]
        if bracket:
            lines += [f"[{i}:  {body} ]" for i, body in enumerate(footnotes, start=1)]
        else:
            lines += [f"{i} {body}" for i, body in enumerate(footnotes, start=1)]
        sidecar = {
            "type": "kamerbrief",
            "date": self.day.isoformat(),
            "kamerstuk": f"kst-{dossier.number}-{dossier.numbers}",
        }
        return "\n".join(lines) + "\n", sidecar


def generate(n: int, out: Path, seed: int = 1, dossiers: int | None = None) -> list[Path]:
    """Write `n` letters (and their sidecars) into `out`; returns the letters' paths. With the same
    seed and `dossiers`, the first letters of a larger corpus are those of a smaller one."""
    out.mkdir(parents=True, exist_ok=True)
    writer = Writer(n, seed, dossiers)
    paths = []
    for number in range(1, n + 1):
        text, sidecar = writer.letter(number)
        path = out / f"gen_{number:06d}.txt"
        path.write_text(text, encoding="utf-8")
        path.with_suffix(".json").write_text(json.dumps(sidecar, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = generate(args.n, args.out, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(
        f"wrote {len(paths)} letters ({size / len(paths) / 1000:.1f} kB each on average) to {args.out}"
    )


if __name__ == "__main__":
    main()
