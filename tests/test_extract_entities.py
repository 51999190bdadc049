"""Entity extraction: gazetteer names, patterns for unseen names, provisions, persons, on the corpus."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from bestuursgraaf.graph.extract.entities import EntityMention, extract_entities, load_gazetteers

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def keys(text: str, kind: str | None = None) -> set[str]:
    return {m.key for m in extract_entities(text) if kind is None or m.kind == kind}


def only(text: str, key: str) -> EntityMention:
    found = [m for m in extract_entities(text) if m.key == key]
    assert len(found) == 1, found
    return found[0]


def corpus_keys(name_prefix: str) -> set[str]:
    (path,) = CORPUS.glob(f"{name_prefix}_*.txt")
    return {m.key for m in extract_entities(path.read_text(encoding="utf-8"))}


# --- organisations ---------------------------------------------------------------------------


def test_abbreviation_and_full_name_share_one_key():
    full = only("De Raad voor het Openbaar Bestuur adviseert.", "raad-voor-het-openbaar-bestuur")
    short = only("Het ROB-advies en de reactie.", "raad-voor-het-openbaar-bestuur")
    assert full.label == short.label == "Raad voor het Openbaar Bestuur"
    assert full.subtype == "advisory_body"
    assert ("abbreviation", "ROB") in short.attributes


def test_abbreviation_only_in_its_exact_case():
    assert "raad-voor-het-openbaar-bestuur" not in keys("Rob de Vries belde.")
    assert keys("De RvS en de RVS.") == {
        "raad-van-state",
        "raad-voor-volksgezondheid-en-samenleving",
    }


def test_name_broken_by_a_hard_wrap_and_offsets_point_into_the_source():
    text = "met de Vereniging van Nederlandse \n\nGemeenten (VNG) en"
    m = only(text, "vereniging-van-nederlandse-gemeenten")
    assert text[m.start : m.end] == m.raw == "Vereniging van Nederlandse \n\nGemeenten"
    assert ("abbreviation", "VNG") in m.attributes
    shifted = extract_entities(text, offset=100)[0]
    assert (shifted.start, shifted.end) == (m.start + 100, m.end + 100)


@pytest.mark.parametrize(
    "text, key",
    [
        ("het ministerie van BZK", "ministerie-van-binnenlandse-zaken-en-koninkrijksrelaties"),
        (
            "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
            "ministerie-van-binnenlandse-zaken-en-koninkrijksrelaties",
        ),
        ("de stelselverantwoordelijkheid van mIenW", "ministerie-van-infrastructuur-en-waterstaat"),
        ("met het ministerie van OCW", "ministerie-van-onderwijs-cultuur-en-wetenschap"),
        ("de koepels VNG, IPO en UvW", "unie-van-waterschappen"),
        ("de Unie van Waterschappen", "unie-van-waterschappen"),
        ("het Interprovinciaal Overleg", "interprovinciaal-overleg"),
        ("de Afdeling advisering van de Raad van State", "raad-van-state"),
        ("advies van de Rli", "raad-voor-de-leefomgeving-en-infrastructuur"),
        ("het SCP, het PBL en het CPB", "centraal-planbureau"),
        ("de WRR en de Kiesraad", "kiesraad"),
        ("de Nederlandse Vereniging voor Raadsleden", "nederlandse-vereniging-voor-raadsleden"),
        ("begeleid door DIVOSA", "divosa"),
        ("met de Nationale ombudsman", "nationale-ombudsman"),
        ("de Inspectie van het Onderwijs", "inspectie-van-het-onderwijs"),
        ("debat in de Tweede Kamer", "tweede-kamer"),
        ("een motie van de fractie van GL-PvdA", "groenlinks-pvda"),
        ("de gemeente Súdwest-Fryslân", "gemeente-sudwest-fryslan"),
        ("de gemeente 's-Hertogenbosch", "gemeente-s-hertogenbosch"),
        ("de provincie Utrecht", "provincie-utrecht"),
        ("in Zeeland en Limburg", "provincie-limburg"),
        ("Hoogheemraadschap van Rijnland", "hoogheemraadschap-van-rijnland"),
    ],
)
def test_known_organisations(text: str, key: str):
    assert key in keys(text, "organisation")


def test_roles_become_organisation_mentions_with_the_role():
    m = only("heeft de minister van Financiën verzocht", "ministerie-van-financien")
    assert m.raw == "minister van Financiën" and ("role", "minister van Financiën") in m.attributes
    m = only(
        "mede namens de Staatssecretaris van Fiscaliteit en\nBelastingdienst",
        "ministerie-van-financien",
    )
    assert m.kind == "organisation" and m.subtype == "ministry"
    m = only("Mijn ambtsvoorganger heeft", "ambtsvoorganger")
    assert m.kind == "organisation" and m.subtype == "role"
    assert not keys("Mijn ambtsvoorganger heeft", "person")


@pytest.mark.parametrize(
    "text, key, subtype",
    [
        (
            "samen met de Vereniging van Provinciesecretarissen",
            "vereniging-van-provinciesecretarissen",
            "professional_association",
        ),
        ("de Raad voor Cultuurbeleid", "raad-voor-cultuurbeleid", "advisory_body"),
        ("de Inspectie Sociaal Domein", "inspectie-sociaal-domein", "inspectorate"),
        ("via de Stichting Beter Bestuur", "stichting-beter-bestuur", "foundation"),
        ("de gemeente Nieuwstad", "gemeente-nieuwstad", "municipality"),
        ("het Waterschap Oost-Delta", "waterschap-oost-delta", "water_board"),
        ("het ministerie van Klimaat en Natuur", "ministerie-van-klimaat-en-natuur", "ministry"),
    ],
)
def test_unseen_organisations_by_pattern(text: str, key: str, subtype: str):
    (m,) = [m for m in extract_entities(text) if m.key == key]
    assert m.subtype == subtype


@pytest.mark.parametrize(
    "text",
    [
        "overleg met de gemeenteraad en de raad",
        "Uit de trendrapportage 'Staat van het Bestuur 2022' blijkt",
        "Raad van Bestuur",
        "in gemeente A wel en in gemeente B niet",
        "wat de gemeente best kan doen",
        "Divosa's leden",  # a possessive of a known name is still that name; checked below
    ][:-1],
)
def test_no_organisation_where_there_is_none(text: str):
    assert not keys(text, "organisation")


# --- government layers -----------------------------------------------------------------------


def test_layers():
    text = (
        "Het Rijk, gemeenten, provincies en waterschappen; decentrale overheden en medeoverheden."
    )
    found = [(m.key, m.subtype) for m in extract_entities(text) if m.kind == "government_layer"]
    assert found == [
        ("rijk", None), ("gemeente", None), ("provincie", None), ("waterschap", None),
        ("decentrale-overheden", "decentral"), ("decentrale-overheden", "decentral"),
    ]  # fmt: skip
    assert "openbaar-lichaam" in keys("de openbare lichamen in Caribisch Nederland")


def test_layer_words_that_are_not_layers():
    assert not keys("een rijk aanbod aan gemeentelijke rijksregels", "government_layer")
    assert keys("de Gemeentewet") == {"gemeentewet"}
    assert keys("de gemeente Utrecht") == {"gemeente-utrecht"}
    assert not keys("gemeente- en provinciebesturen")


# --- regional collaborations ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, key, subtype",
    [
        ("in de Regio Deals", "regio-deal", "regio_deal"),
        ("de Regiodeals", "regio-deal", "regio_deal"),
        ("de City Deal Kennis maken", "city-deal-kennis-maken", "city_deal"),
        ("via City en Town Deals", "town-deal", "town_deal"),
        (
            "het Nationaal Programma Vitale Regio's",
            "nationaal-programma-vitale-regios",
            "programme",
        ),
        ("binnen het NPVR", "nationaal-programma-vitale-regios", "programme"),
        ("netwerken als de G40 en de P10", "g40", "network"),
        (
            "op gemeenschappelijke regelingen sturen",
            "gemeenschappelijke-regeling",
            "gemeenschappelijke_regeling",
        ),
        ("afschaffing van de Wgr-plus regio's", "wgr-plusregio", "gemeenschappelijke_regeling"),
        ("de veiligheidsregio's en GGD'en", "ggd", "gemeenschappelijke_regeling"),
        ("via een centrumgemeente", "centrumgemeente", "centrumgemeente"),
    ],
)
def test_collaborations(text: str, key: str, subtype: str):
    (m,) = [m for m in extract_entities(text) if m.key == key]
    assert m.kind == "regional_collaboration" and m.subtype == subtype


# --- laws and provisions --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, key",
    [
        ("de Financiële-verhoudingswet", "financiele-verhoudingswet"),
        ("de Financiële-\nverhoudingswet", "financiele-verhoudingswet"),
        ("de FvW en de Fvw", "financiele-verhoudingswet"),
        ("de Wet gemeenschappelijke regelingen", "wet-gemeenschappelijke-regelingen"),
        ("de wijziging van de Wgr", "wet-gemeenschappelijke-regelingen"),
        ("in lijn met de Wet Open Overheid", "wet-open-overheid"),
        ("de wet versterking decentrale rekenkamers", "wet-versterking-decentrale-rekenkamers"),
        ("Wmo 2015 en Jeugdwet", "wet-maatschappelijke-ondersteuning-2015"),
        (
            "vastgelegd in het Europees Handvest inzake lokale autonomie",
            "europees-handvest-inzake-lokale-autonomie",
        ),
        (
            "de European Charter of Local Self-Government",
            "europees-handvest-inzake-lokale-autonomie",
        ),
        ("een in voorbereiding zijnde Onderhoudswet", "onderhoudswet"),
        ("de Wet versterking lokale democratie is aangenomen", "wet-versterking-lokale-democratie"),
    ],
)
def test_laws(text: str, key: str):
    assert key in keys(text, "law")


def test_a_law_named_inside_a_bills_title_is_mentioned_too():
    found = [(m.key, m.raw) for m in extract_entities("de Wet versterking waarborgfunctie Awb")]
    assert found == [
        ("wet-versterking-waarborgfunctie-awb", "Wet versterking waarborgfunctie Awb"),
        ("algemene-wet-bestuursrecht", "Awb"),
    ]


@pytest.mark.parametrize(
    "text, key, subtype",
    [
        ("op grond van het rechtspositiebesluit decentrale ambtsdragers", "rechtspositiebesluit-decentrale-ambtsdragers", "decree"),
        ("volgens het BBV", "besluit-begroting-en-verantwoording-provincies-en-gemeenten", "decree"),
        ("geregeld in het Besluit bestuurlijke boete decentrale overheden", "besluit-bestuurlijke-boete-decentrale-overheden", "decree"),
        ("zoals het Omgevingsbesluit regelt", "omgevingsbesluit", "decree"),
        ("Sinds afschaffing kaderwet en Wgr-plus regio's", "kaderwet-bestuur-in-verandering", "law"),
    ],
)  # fmt: skip
def test_decrees_and_the_bare_kaderwet(text: str, key: str, subtype: str):
    assert only(text, key).subtype == subtype


def test_decisions_are_not_decrees():
    assert not keys("Het Raadsbesluit en het kabinetsbesluit. Besluit: akkoord.", "law")


def test_law_words_that_are_not_laws():
    assert not keys("wet- en regelgeving, wetgeving en andere wetten; de kaderwet", "law")


def test_grondwet_is_the_constitution():
    assert only("vastgelegd in de Grondwet", "grondwet").subtype == "constitution"


def test_elided_compound_names_both_laws():
    found = keys("vastgelegd in de Gemeente- en Provinciewet", "law")
    assert found == {"gemeentewet", "provinciewet"}


@pytest.mark.parametrize(
    "text, key, article, lid",
    [
        ("conform artikel 116 Gemeentewet", "gemeentewet-art-116", "116", None),
        ("conform art 116 Gemeentewet", "gemeentewet-art-116", "116", None),
        (
            "artikel 114 van de Provinciewet, eerste en tweede lid",
            "provinciewet-art-114",
            "114",
            "1,2",
        ),
        (
            "toepassing van artikel 2 van de Financiële-verhoudingswet (Fvw)",
            "financiele-verhoudingswet-art-2",
            "2",
            None,
        ),
        ("artikel 108, derde lid, van de Gemeentewet", "gemeentewet-art-108", "108", "3"),
        ("art. 124a Gemeentewet", "gemeentewet-art-124a", "124a", None),
        ("de Gemeentewet (artikel 117)", "gemeentewet-art-117", "117", None),
        (
            "de Gemeente- en Provinciewet (respectievelijk artikel 117 en 115)",
            "provinciewet-art-115",
            "115",
            None,
        ),
        (
            "de Gemeente- en Provinciewet (respectievelijk artikel 117 en 115)",
            "gemeentewet-art-117",
            "117",
            None,
        ),
    ],
)
def test_provisions(text: str, key: str, article: str, lid: str | None):
    m = only(text, key)
    assert (m.kind, m.subtype) == ("law", "provision")
    attrs = dict(m.attributes)
    assert (
        attrs["law"] == key.split("-art-")[0]
        and attrs["article"] == article
        and attrs.get("lid") == lid
    )
    assert m.raw.lower().startswith("art") or m.raw.isdigit()
    assert m.label.endswith(f", artikel {article}")  # `Gemeentewet, artikel 116`


# --- persons --------------------------------------------------------------------------------


def test_signatory_with_role():
    text = "Tot slot.\n\nDe minister van Binnenlandse Zaken en Koninkrijksrelaties,\n\n\n Hanke Bruins Slot \n"
    m = only(text, "bruins-slot")
    assert m.kind == "person" and m.label == "Hanke Bruins Slot" and m.subtype is None
    assert ("role", "minister van Binnenlandse Zaken en Koninkrijksrelaties") in m.attributes
    text = "De minister van Binnenlandse Zaken en Koninkrijksrelaties,\n J.J.M. Uitermark\n"
    assert only(text, "uitermark").label == "J.J.M. Uitermark"


def test_researchers_with_titles():
    m = only("adviezen van em. hoogleraar prof. mr. dr. D.J. Elzinga en de B&A-groep", "elzinga")
    assert ("title", "prof. mr. dr.") in m.attributes and (
        "role",
        "emeritus hoogleraar",
    ) in m.attributes
    assert (
        only("waaronder prof. mr. dr. Elzinga constateren", "elzinga").raw
        == "prof. mr. dr. Elzinga"
    )


def test_members_of_parliament_by_surname():
    text = "de motie van de leden Van Dijk (CDA) en Grinwis (CU) en de motie van lid Koole (PvdA, Eerste Kamer)"
    found = {m.key: m for m in extract_entities(text)}
    assert {"van-dijk", "grinwis", "koole", "cda", "christenunie", "partij-van-de-arbeid"} <= set(
        found
    )
    assert ("party", "CDA") in found["van-dijk"].attributes
    assert ("chamber", "Eerste Kamer") in found["koole"].attributes
    assert keys("Het lid Koole vroeg", "person") == {"koole"}
    assert keys("de motie-Van der Molen/Bisschop", "person") == {"van-der-molen", "bisschop"}


def test_commission_named_after_its_chair_is_an_organisation_not_a_person():
    m = only("n.a.v. commissie van Aartsen", "commissie-van-aartsen")
    assert (m.kind, m.label, m.subtype) == ("organisation", "Commissie Van Aartsen", "committee")
    assert not keys("het advies van de commissie Van Ark.", "person")
    assert not keys("de commissie Binnenlandse Zaken")


# --- named bodies, programmes and networks that are not regional collaborations --------------


@pytest.mark.parametrize(
    "text, key, subtype",
    [
        ("Eind 2021 is een projectgroep lokale rekenkamers ingesteld", "projectgroep-lokale-rekenkamers", "working_group"),
        ("het jaarverslag van de Projectgroep Lokale Rekenkamers", "projectgroep-lokale-rekenkamers", "working_group"),
        ("een werkgroep decentrale rekenkamers", "werkgroep-decentrale-rekenkamers", "working_group"),
        ("de Taskforce Regionale Samenwerking", "taskforce-regionale-samenwerking", "working_group"),
        ("het rapport dat bureau Berenschot heeft opgesteld", "berenschot", "firm"),
        ("het onderzoeksbureau Andersson Elffers Felix", "andersson-elffers-felix", "firm"),
        ("adviezen van de B&A-groep", "b-a-groep", "firm"),
        ("Elzinga en B&A Groep.", "b-a-groep", "firm"),
        ("een onderzoek dat Significant in opdracht van BZK uitvoerde", "significant", "firm"),
        ("het Interdepartementaal Overleg EU 24-29", "interdepartementaal-overleg-eu-24-29", "interdepartmental"),
        ("in de Interdepartementale Commissie Europees Recht", "interdepartementale-commissie-europees-recht", "interdepartmental"),
        ("aan tafel bij de Beoordeling Nieuwe Commissievoorstellen (BNC)", "werkgroep-beoordeling-nieuwe-commissievoorstellen", "interdepartmental"),
        ("een benchmark van EIPA", "european-institute-of-public-administration", "international"),
        ("het netwerk Professionals voor Maatwerk Multiproblematiek (PMM)", "professionals-voor-maatwerk-multiproblematiek", "network"),
    ],
)  # fmt: skip
def test_named_bodies_by_their_shape(text: str, key: str, subtype: str):
    (m,) = [m for m in extract_entities(text) if m.key == key]
    assert m.kind == "organisation" and m.subtype == subtype


@pytest.mark.parametrize(
    "text",
    [
        "De projectgroep heeft met gemeenten gesproken.",
        "een werkgroep ingesteld",
        "het Interbestuurlijk bureau",
        "De Groep van vier",
    ],
)
def test_unnamed_groups_are_no_organisation(text: str):
    assert not keys(text, "organisation")


@pytest.mark.parametrize(
    "text",
    [
        "het programma Werk aan Uitvoering (WaU)",
        "via het Overhedenoverleg en het Bestuurlijk Overleg Financiële verhoudingen",
        "het Samenwerkingsplatform Sociaal Domein en Platform PLeK",
        "het Interbestuurlijk Programma (IBP)",
    ],
)
def test_national_programmes_and_consultations_are_not_regional_collaborations(text: str):
    assert not keys(text, "regional_collaboration") and not keys(text, "organisation")


def test_samenwerking_binnen_de_wgr_is_the_gemeenschappelijke_regeling():
    found = extract_entities("Ook is benadrukt dat samenwerking binnen de Wgr onmisbaar is.")
    assert [(m.kind, m.key) for m in found] == [
        ("regional_collaboration", "gemeenschappelijke-regeling"),
        ("law", "wet-gemeenschappelijke-regelingen"),
    ]


def test_eu_as_a_modifier_is_not_the_union():
    assert not keys("samenwerking op EU-\nniveau en de EU-lidstaten", "organisation")
    assert "europese-unie" in keys("de Europese Unie en de EU stellen regels")


# --- abbreviations the document defines -----------------------------------------------------


def test_in_text_definition_is_learned_and_applied():
    text = "De Stichting Lokaal Samenwerken (SLS) adviseert. Later zegt de SLS meer."
    found = [m for m in extract_entities(text) if m.key == "stichting-lokaal-samenwerken"]
    assert [m.raw for m in found] == ["Stichting Lokaal Samenwerken", "SLS"]
    assert ("abbreviation", "SLS") in found[0].attributes


def test_definition_overrides_the_table_within_the_document():
    text = "de Stichting Regionale Volksgezondheid Samenwerking (RVS). De RVS besluit."
    assert [m.key for m in extract_entities(text)] == [
        "stichting-regionale-volksgezondheid-samenwerking"
    ] * 2


def test_parenthesised_word_that_does_not_abbreviate_the_name_is_not_learned():
    text = "de uitvoerbaarheidstoets decentrale overheden (UDO). De UDO helpt."
    assert keys(text) == {"decentrale-overheden"}


# --- the real documents ---------------------------------------------------------------------


def test_corpus_001():
    assert {
        "vereniging-van-nederlandse-gemeenten", "raad-voor-het-openbaar-bestuur",
        "nationaal-programma-vitale-regios", "financiele-verhoudingswet", "grondwet",
        "gemeentewet", "provinciewet", "gemeentewet-art-116", "provinciewet-art-115",
        "europees-handvest-inzake-lokale-autonomie", "wet-revitalisering-generiek-toezicht",
        "raad-voor-de-leefomgeving-en-infrastructuur", "raad-voor-volksgezondheid-en-samenleving",
        "nationale-ombudsman", "vereniging-van-griffiers", "vereniging-van-rekenkamers",
        "vereniging-voor-juridische-kwaliteitszorg", "divosa", "ministerie-van-financien",
        "veiligheidsregio", "uitermark", "van-waveren", "commissie-van-ark", "eerste-kamer",
        "gemeentewet-art-117", "algemene-wet-bestuursrecht", "projectgroep-lokale-rekenkamers",
    } <= corpus_keys("001")  # fmt: skip


def test_corpus_002():
    found = corpus_keys("002")
    assert {
        "interprovinciaal-overleg", "unie-van-waterschappen", "vereniging-van-nederlandse-gemeenten",
        "raad-van-state", "g4", "g40", "p10", "m50", "k80", "regio-deal", "city-deal", "town-deal",
        "agenda-stad", "planbureau-voor-de-leefomgeving", "ministerie-van-infrastructuur-en-waterstaat",
        "europese-commissie", "strolenberg", "van-dijk", "ambtsopvolger",
        "professionals-voor-maatwerk-multiproblematiek", "interdepartementaal-overleg-eu-24-29",
        "werkgroep-beoordeling-nieuwe-commissievoorstellen",
    } <= found  # fmt: skip
    assert "europese-unie" not in found  # only `EU-niveau` and inside a body's name


def test_corpus_003():
    assert {
        "wet-gemeenschappelijke-regelingen", "wet-bevorderen-integriteit-en-functioneren-decentraal-bestuur",
        "wet-versterking-decentrale-rekenkamers", "nederlandse-vereniging-van-rekenkamers-en-rekenkamercommissies",
        "nederlands-genootschap-van-burgemeesters", "nederlandse-vereniging-voor-raadsleden",
        "vereniging-van-griffiers", "wethoudersvereniging", "interprovinciaal-overleg",
        "unie-van-waterschappen", "ministerie-van-onderwijs-cultuur-en-wetenschap", "bruins-slot",
        "leijten", "sneller", "bromet", "d66", "european-institute-of-public-administration",
        "rechtspositiebesluit-decentrale-ambtsdragers", "projectgroep-lokale-rekenkamers",
    } <= corpus_keys("003")  # fmt: skip


def test_corpus_004():
    found = corpus_keys("004")
    assert {
        "gemeentewet-art-116", "provinciewet-art-114", "gemeentewet-art-108", "provinciewet-art-105",
        "financiele-verhoudingswet-art-2", "raad-van-state", "raad-voor-het-openbaar-bestuur",
        "wet-gemeenschappelijke-regelingen", "wet-open-overheid", "vereniging-van-nederlandse-gemeenten",
        "planbureau-voor-de-leefomgeving", "nederlandse-school-voor-openbaar-bestuur",
        "sociaal-en-cultureel-planbureau", "studiegroep-interbestuurlijke-en-financiele-verhoudingen",
        "regio-deal", "city-deal", "wgr-plusregio", "centrumgemeente", "gemeenschappelijke-regeling",
        "ministerie-van-financien", "ministerie-van-binnenlandse-zaken-en-koninkrijksrelaties",
        "elzinga", "bruins-slot", "van-dijk", "grinwis", "koole", "leijten", "cda", "christenunie",
        "partij-van-de-arbeid", "tweede-kamer", "eerste-kamer", "ambtsvoorganger",
        "rijk", "gemeente", "provincie", "waterschap", "decentrale-overheden",
        "berenschot", "b-a-groep", "kaderwet-bestuur-in-verandering",
    } <= found  # fmt: skip
    assert "staat-van-de-uitvoering" not in found


def test_corpus_000_memo():
    assert {
        "ministerie-van-binnenlandse-zaken-en-koninkrijksrelaties", "ministerie-van-infrastructuur-en-waterstaat",
        "raad-van-state", "raad-voor-het-openbaar-bestuur", "jeugdwet", "wet-maatschappelijke-ondersteuning-2015",
        "wet-gemeenschappelijke-regelingen", "commissie-van-aartsen", "tweede-kamer", "eerste-kamer",
        "gemeenschappelijke-regeling",
    } <= corpus_keys("000")  # fmt: skip


def test_every_mention_is_its_span_and_only_laws_nest():
    """Mentions do not overlap, except a law named inside a longer mention (a bill's title,
    `samenwerking binnen de Wgr`), which lies wholly within it."""
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        mentions = extract_entities(text)
        for m in mentions:
            assert text[m.start : m.end] == m.raw, (path.name, m)
        for a, b in itertools.pairwise(mentions):
            nested = b.kind == "law" and a.start <= b.start and b.end <= a.end
            assert a.end <= b.start or nested, (path.name, a, b)


def test_gazetteers_are_loaded_once():
    assert load_gazetteers() is load_gazetteers()


# --- found probing unseen letters -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, key, label",
    [
        (
            "Het Rijk sluit een Regio Deal Parkstad Limburg af.",
            "regio-deal-parkstad-limburg",
            "Regio Deal Parkstad Limburg",
        ),
        ("binnen de Regiodeal Noord-Veluwe", "regio-deal-noord-veluwe", "Regio Deal Noord-Veluwe"),
        (
            "De Veiligheidsregio Zuid-Holland Zuid oefent.",
            "veiligheidsregio-zuid-holland-zuid",
            "Veiligheidsregio Zuid-Holland Zuid",
        ),
        ("taken van de Omgevingsdienst Twente", "omgevingsdienst-twente", "Omgevingsdienst Twente"),
    ],
)
def test_a_deal_or_joint_body_named_by_its_region(text: str, key: str, label: str):
    (m,) = [m for m in extract_entities(text) if m.kind == "regional_collaboration"]
    assert (m.key, m.label) == (key, label)


def test_the_instrument_itself_stays_generic():
    assert keys(
        "Regio Deals en omgevingsdiensten. De Regio Deal. Een Regio Deal De",
        "regional_collaboration",
    ) == {
        "regio-deal",
        "omgevingsdienst",
    }


def test_a_name_does_not_run_into_the_next_letterhead_line():
    text = "Betreft Reactie op het advies van de Raad voor het Openbaar Bestuur\nOns kenmerk 2024-0000012345\n"
    assert keys(text, "organisation") == {"raad-voor-het-openbaar-bestuur"}
    text = "Betreft Bijeenkomst met de Vereniging van Nederlandse\nGemeenten\nDatum 3 mei 2024"
    assert keys(text, "organisation") == {"vereniging-van-nederlandse-gemeenten"}


def test_a_thing_about_all_deals_is_not_a_deal_named_by_its_region():
    assert keys(
        "de Regio Deal Monitor 2023 en het Regio Deal Lab Kennis", "regional_collaboration"
    ) == {"regio-deal"}


def test_universities_of_cited_researchers_are_organisations():
    text = (
        "onderzoekers van de Erasmus Universiteit en de TU Eindhoven; een bedrag van EUR 5 miljoen"
    )
    assert keys(text, "organisation") == {
        "erasmus-universiteit-rotterdam",
        "technische-universiteit-eindhoven",
    }


def test_persons_by_honorific_office_and_apposition():
    text = (
        "Ik sprak met mevrouw dr. E. Sterk, dijkgraaf van het waterschap, met burgemeester Van der Laan "
        "en met wethouder K. de Wit (Zwolle); wethouder Onderwijs schoof niet aan."
    )
    found = {m.key: m for m in extract_entities(text) if m.kind == "person"}
    assert set(found) == {"sterk", "van-der-laan", "de-wit"}
    assert ("role", "dijkgraaf van het waterschap") in found["sterk"].attributes
    assert ("title", "dr.") in found["sterk"].attributes
    assert ("role", "burgemeester") in found["van-der-laan"].attributes


def test_a_given_name_before_a_particle_belongs_to_the_surname():
    (m,) = [
        m
        for m in extract_entities("de motie van het lid Mirjam van Dijk (CDA)")
        if m.kind == "person"
    ]
    assert (m.key, m.label) == ("van-dijk", "Mirjam van Dijk")


def test_an_office_word_ending_a_heading_takes_no_name_from_the_next_line():
    assert keys("Rol van de burgemeester\nBurgemeesters hebben veel taken.", "person") == set()


def test_several_articles_of_one_law_and_articles_numbered_by_chapter():
    assert keys("de artikelen 4 en 7 van de Gemeentewet", "law") == {
        "gemeentewet-art-4",
        "gemeentewet-art-7",
    }
    (m,) = [m for m in extract_entities("op grond van artikel 10:25 Awb") if m.kind == "law"]
    assert (m.label, dict(m.attributes)["article"]) == (
        "Algemene wet bestuursrecht, artikel 10:25",
        "10:25",
    )
    assert keys("artikel 2 van de Gemeentewet en 13 gemeenten", "law") == {"gemeentewet-art-2"}


def test_the_organs_of_a_province_named_like_a_city_are_that_province():
    assert keys("een besluit van Gedeputeerde Staten van Utrecht", "organisation") == {
        "provincie-utrecht"
    }
    assert keys("Provinciale Staten van Groningen", "organisation") == {"provincie-groningen"}
    assert keys("in de stad Groningen", "organisation") == set()


def test_vervoerregios_and_an_elided_region_name():
    assert keys("de MRDH en de Vervoerregio Amsterdam", "regional_collaboration") == {
        "metropoolregio-rotterdam-den-haag",
        "vervoerregio-amsterdam",
    }
    (m,) = extract_entities("in de Regio Deal Noord- en Oost-Groningen")
    assert m.label == "Regio Deal Noord- en Oost-Groningen"


def test_a_signatory_and_a_surname_are_one_person_key():
    from bestuursgraaf.graph.extract.entities import person_key
    from bestuursgraaf.graph.namespaces import Minter

    assert person_key("J.J.M. Uitermark") == person_key("Uitermark") == "uitermark"
    assert person_key("J. de Vries") == person_key("De Vries") == "de-vries"
    minter = Minter()
    assert minter.person("B. Madlener") == minter.person("Madlener")
    assert person_key("Hanke Bruins Slot") == "bruins-slot"


def test_a_plural_head_before_bare_names_lists_each_municipality_and_province():
    text = "Het college bespreekt met de gemeenten Aa en Hunze, Assen en Tynaarlo en de provincies Drenthe en Groningen een fusie."
    keys = [e.key for e in extract_entities(text)]
    for key in (
        "gemeente-aa-en-hunze",
        "gemeente-assen",
        "gemeente-tynaarlo",
        "provincie-drenthe",
        "provincie-groningen",
    ):
        assert key in keys
    assert "gemeente-best" not in [
        e.key for e in extract_entities("Dat is het best voor gemeenten.")
    ]


def test_the_first_column_of_a_municipality_table_names_municipalities():
    text = (
        "Het overzicht:\n\n| Gemeente | Aantal inwoners |\n|---|---|\n| Tynaarlo | 34.000 |\n"
        "| Midden-Groningen | 61.000 |\n| Totaal | 95.000 |\n\nVerder."
    )
    keys = [e.key for e in extract_entities(text)]
    assert "gemeente-tynaarlo" in keys and "gemeente-midden-groningen" in keys


def test_a_gemeenschappelijke_regeling_and_a_regio_are_named_by_what_follows():
    text = (
        "Tiel en Culemborg nemen deel aan de gemeenschappelijke regeling Regio Rivierenland "
        "en werken in de Regio Foodvalley samen; de Regio Deal Achterhoek is een ander instrument."
    )
    found = {e.key: e.subtype for e in extract_entities(text) if e.kind == "regional_collaboration"}
    assert found["regio-rivierenland"] == "gemeenschappelijke_regeling"
    assert found["regio-foodvalley"] == "network"
    assert "regio-deal-achterhoek" in found and "gemeenschappelijke-regeling" in found
    generic = "De gemeenschappelijke regeling is een vorm van samenwerking."
    assert [e.key for e in extract_entities(generic)] == ["gemeenschappelijke-regeling"]


@pytest.mark.parametrize(
    "text, key",
    [
        (
            "Het college handelt volgens de Wet inburgering 2021 en niet anders.",
            "wet-inburgering-2021",
        ),
        ("Dat volgt uit de Wet open overheid 2022-2025 niet.", "wet-open-overheid"),
        ("De Wet open overheid in 2022 veranderde dat.", "wet-open-overheid"),
    ],
)
def test_a_year_right_after_a_law_name_belongs_to_its_title(text, key):
    assert key in [e.key for e in extract_entities(text) if e.kind == "law"]


def test_a_plural_waterschappen_before_bare_names_lists_each_water_board():
    text = "De lasten dragen de waterschappen Rijn en IJssel en Vallei en Veluwe samen."
    keys = [e.key for e in extract_entities(text)]
    assert "waterschap-rijn-en-ijssel" in keys and "waterschap-vallei-en-veluwe" in keys


# --- Organisations as an open class (issue #10): recognised by their form, each with its kind ---
def _organisations(text: str) -> list[tuple[str, str | None]]:
    return [(e.label, e.subtype) for e in extract_entities(text) if e.kind == "organisation"]


# Real sentences, with the page each was read from.
REAL_ORGANISATION_SENTENCES = [
    (  # https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?did=2022D35259 (kst-31865-214)
        (
            "ontvangt VWS tweemaal per jaar (in februari en in juli) een update van de uitvoeringscijfers "
            "van de Nederlandse Zorgautoriteit (NZa)."
        ),
        ("Nederlandse Zorgautoriteit", "regulator"),
    ),
]


REAL_ORGANISATION_SENTENCES += [
    (  # https://www.tweedekamer.nl/kamerstukken/brieven_regering/detail?did=2023D32937 (kst-32802-73)
        (
            "Sinds de inwerkingtreding van de Woo zijn belangrijke stappen gezet, is het Adviescollege "
            "Openbaarheid en Informatiehuishouding (ACOI) ingesteld en worden maatregelen genomen."
        ),
        ("Adviescollege Openbaarheid en Informatiehuishouding", "advisory_body"),
    ),
]


@pytest.mark.parametrize("text, expected", REAL_ORGANISATION_SENTENCES)
def test_real_organisation_recognised_by_its_form(text, expected):
    assert expected in _organisations(text)


# Written for each form: a form word first, further on, in a compound, or a legal form after it.
WRITTEN_ORGANISATIONS = [
    (
        "Het onderzoek is uitgevoerd door het Kennisinstituut voor Mobiliteitsbeleid (KiM).",
        ("Kennisinstituut voor Mobiliteitsbeleid", "research_institute"),
    ),
    (
        "Het Nederlands Instituut voor Sociaal Onderzoek (NISO) bracht een rapport uit.",
        ("Nederlands Instituut voor Sociaal Onderzoek", "research_institute"),
    ),
    (
        "Het Wetenschappelijk Onderzoek- en Datacentrum (WODC) liet het onderzoek doen.",
        ("Wetenschappelijk Onderzoek- en Datacentrum", "research_institute"),
    ),
    (
        "Het Instituut Fysieke Veiligheid (IFV) ondersteunt de veiligheidsregio's.",
        ("Instituut Fysieke Veiligheid", "research_institute"),
    ),
    (
        "De Landelijke Huisartsen Vereniging (LHV) is betrokken.",
        ("Landelijke Huisartsen Vereniging", "professional_association"),
    ),
    (
        "De Nederlandse Vereniging voor Rechtspraak (NVvR) is gehoord.",
        ("Nederlandse Vereniging voor Rechtspraak", "professional_association"),
    ),
    (
        "De Stichting Nederlandse Publieke Omroep heeft gereageerd.",
        ("Stichting Nederlandse Publieke Omroep", "foundation"),
    ),
    (
        "De Adviescommissie Water (AcW) heeft haar advies uitgebracht.",
        ("Adviescommissie Water", "committee"),
    ),
    (
        "De Commissie Bestuurlijke Verhoudingen (CBV) van de VNG adviseert.",
        ("Commissie Bestuurlijke Verhoudingen", "committee"),
    ),
    (
        "Volgens de Nederlandse Zorgautoriteit is dat zo.",
        ("Nederlandse Zorgautoriteit", "regulator"),
    ),
    ("Het onderzoek is uitgevoerd door Ecorys B.V. en anderen.", ("Ecorys B.V.", "firm")),
    (
        "De Coöperatie Dorpsbelang Noord U.A. is opgericht.",
        ("Coöperatie Dorpsbelang Noord U.A.", "firm"),
    ),
    ("Het Expertisecentrum Euro (ECE) adviseert.", ("Expertisecentrum Euro", "research_institute")),
    (
        "Ook de Dienst Justitiële Inrichtingen (DJI) is betrokken.",
        ("Dienst Justitiële Inrichtingen", "agency"),
    ),
    ("De Algemene Bestuursdienst (ABD) werft.", ("Algemene Bestuursdienst", "agency")),
]


@pytest.mark.parametrize("text, expected", WRITTEN_ORGANISATIONS)
def test_organisation_form_gives_name_and_kind(text, expected):
    assert expected in _organisations(text)


def test_defined_abbreviation_names_the_form_recognised_body():
    text = "Het Kennisinstituut voor Mobiliteitsbeleid (KiM) rekende. Het KiM verwacht groei."
    found = [(e.raw, e.key) for e in extract_entities(text) if e.kind == "organisation"]
    assert ("KiM", "kennisinstituut-voor-mobiliteitsbeleid") in found


# Look like the form but are no organisation the tables do not know already.
@pytest.mark.parametrize(
    "text",
    [
        "De Wet op het Kindgebonden Budget en het Instituut.",  # a law title; `Instituut` alone
        "Het Reglement van Orde is gewijzigd.",
        "De Commissie heeft besloten.",  # a bare head
        "De Dienst heeft besloten.",
        # committees, councils and services without an abbreviation defined after them are left
        # to the tables (on the real set's tuning part they added false positives), real ones too:
        "Het rapport van de Onderzoeksraad Voor Veiligheid is verschenen.",  # h-tk-20162017-69-22
        # (a chamber's committee by its portfolio is now recognised by a rule of its own, the
        # committee rule in tests/test_forms_genre.py, per tests/realset/GUIDELINES.md `Verslagen`)
        "Het College van Burgemeester en Wethouders heeft besloten.",  # an organ of each gemeente
        "In het artikel in Economische Statistische Berichten (ESB) van 29 maart 2024 staat het.",
        "De cijfers in de Jaarrapportage Bedrijfsvoering Rijk (JBR) laten dit zien.",
        "In de Nota Ruimte en de Nationale Omgevingsvisie staat dat.",
    ],
)
def test_lookalike_forms_are_no_new_organisation(text):
    assert _organisations(text) == []
