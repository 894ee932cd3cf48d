"""The OFD as the seed describes it: programme, plan period, locations, packages, partners, mentors, users.

Plain data only; `fabriek.demo.loader` writes it. The source is the provincial council proposal of May 2017
(`../shared/seed/000_90ab97eef46a1435.txt`, digested in docs/domain.md). Names of organisations are the
ones the seed gives; banks, accountants and investors, which the seed names only as kinds, are stood in for
by generic names. People's names are synthetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PROGRAMME_SLUG = "ofd"
PROGRAMME_NAME = "OndernemersFabriek Drenthe"

PLAN_PERIOD_NAME = "2017-2019"
PLAN_PERIOD_STARTS_ON = date(2017, 1, 1)
PLAN_PERIOD_ENDS_ON = date(2019, 12, 31)

#: The seed's targets for 2017-2019 (section 6, "Doelstelling"), by fabriek.programmes.models.Indicator.
TARGETS: dict[str, int] = {
    "events": 18,
    "people_reached": 300,
    "participants": 150,
    "partners": 25,
    "physical_locations": 3,
    "other_locations": 2,
    "mentors": 15,
    "jobs_created": 150,
}

#: The seed's budget (section 9) in euros: (line, 2017, 2018-2019 together).
BUDGET_EUROS: tuple[tuple[str, int, int], ...] = (
    ("Personeel (projectleider, business developer, office manager, marketing & communicatie)", 285_000, 570_000),
    ("Huisvesting drie locaties", 50_000, 100_000),
    ("Inkoop (marketing, workshops, coaches)", 40_000, 80_000),
    ("Onvoorzien", 15_000, 30_000),
    ("Spaarpot experiment Topklas", 20_000, 40_000),
)


#: The plan periods after the seed's, as the province renewed the programme: (name, from, until, targets,
#: yearly budget in euros). Invented for the demo, in the seed's proportions.
LATER_PLAN_PERIODS: tuple[tuple[str, date, date, dict[str, int], int], ...] = (
    (
        "2020-2023",
        date(2020, 1, 1),
        date(2023, 12, 31),
        {
            "events": 28, "people_reached": 450, "participants": 140, "partners": 25,
            "physical_locations": 3, "other_locations": 2, "mentors": 15, "jobs_created": 160,
        },
        400_000,
    ),
    (
        "2024-2027",
        date(2024, 1, 1),
        date(2027, 12, 31),
        {
            "events": 36, "people_reached": 600, "participants": 150, "partners": 25,
            "physical_locations": 3, "other_locations": 2, "mentors": 16, "jobs_created": 170,
        },
        430_000,
    ),
)  # fmt: skip


#: The later plan periods' budget is one line a year (the demo does not invent the split).
LATER_BUDGET_LINE = "Programmabudget (personeel, huisvesting, inkoop)"


def budget_lines() -> list[tuple[int, str, int]]:
    """(year, line, amount in cents) for 2017, 2018 and 2019.

    The seed gives 2018-2019 as one two-year amount; it is split evenly over the two years here, because
    nothing in the seed says otherwise (every line's two-year amount is exactly twice its 2017 amount).
    """
    rows = []
    for name, first_year, two_years in BUDGET_EUROS:
        rows.append((2017, name, first_year * 100))
        rows.append((2018, name, two_years * 100 // 2))
        rows.append((2019, name, two_years * 100 - two_years * 100 // 2))
    return rows


@dataclass(frozen=True)
class LocationSeed:
    name: str
    kind: str
    status: str
    opened_on: date | None
    address: str
    municipality_code: str
    desk_capacity: int


LOCATIONS: tuple[LocationSeed, ...] = (
    LocationSeed("Assen", "physical", "active", date(2015, 2, 1), "De Silo, Havenkwartier, Assen", "GM0106", 24),
    LocationSeed(
        "Emmen",
        "physical",
        "active",
        date(2015, 10, 1),
        "Kennispoort Drenthe (Stenden Hogeschool), Emmen",
        "GM0114",
        16,
    ),
    # Not (yet) a full factory: a few flex desks in the ondernemershotel.
    LocationSeed(
        "Hoogeveen", "physical", "active", date(2016, 4, 1), "Ondernemershotel De Compaenen, Hoogeveen", "GM0118", 4
    ),
    # Explored in 2017-2019; open for participants on the network package since 2020 and 2021.
    LocationSeed(
        "Health Hub Roden",
        "representation",
        "active",
        date(2020, 9, 1),
        "Health Hub (voormalig Cordis-terrein), Roden",
        "GM1699",
        0,
    ),
    LocationSeed("Meppel", "representation", "active", date(2021, 3, 1), "Bedrijvenpark Oevers, Meppel", "GM0119", 0),
)

#: (kind, name, monthly price in cents, includes a workspace). Prices are the demo's guess: the seed has none.
PACKAGES: tuple[tuple[str, str, int, bool], ...] = (
    ("fulltime", "Fulltimepakket (vaste werkplek 24/7)", 25_000, True),
    ("parttime", "Parttimepakket (flexplek één dag per week)", 9_500, True),
    ("network", "Netwerkpakket (zonder werkplek)", 3_500, False),
)

#: The 12 municipalities of Drenthe (CBS), as government partners.
MUNICIPALITIES: tuple[tuple[str, str], ...] = (
    ("GM1680", "Aa en Hunze"),
    ("GM0106", "Assen"),
    ("GM1681", "Borger-Odoorn"),
    ("GM0109", "Coevorden"),
    ("GM0114", "Emmen"),
    ("GM0118", "Hoogeveen"),
    ("GM0119", "Meppel"),
    ("GM1731", "Midden-Drenthe"),
    ("GM1699", "Noordenveld"),
    ("GM1730", "Tynaarlo"),
    ("GM1701", "Westerveld"),
    ("GM1690", "De Wolden"),
)

#: (name, kind, agreement from, agreement until): every partner the seed names, plus the municipalities.
#: About 22 have an agreement in 2017-2019 (target 25); the rest are linked without one.
PARTNERS: tuple[tuple[str, str, date | None, date | None], ...] = (
    ("Gemeente Aa en Hunze", "government", None, None),
    ("Gemeente Assen", "government", date(2015, 2, 1), None),
    ("Gemeente Borger-Odoorn", "government", None, None),
    ("Gemeente Coevorden", "government", None, None),
    ("Gemeente Emmen", "government", date(2015, 10, 1), None),
    ("Gemeente Hoogeveen", "government", date(2016, 4, 1), None),
    ("Gemeente Meppel", "government", date(2018, 3, 1), None),
    ("Gemeente Midden-Drenthe", "government", None, None),
    ("Gemeente Noordenveld", "government", date(2017, 9, 1), None),
    ("Gemeente Tynaarlo", "government", None, None),
    ("Gemeente Westerveld", "government", None, None),
    ("Gemeente De Wolden", "government", None, None),
    # The Chamber of Commerce is a public body and a feeder relation (source of leads).
    ("Kamer van Koophandel", "government", date(2015, 1, 15), None),
    ("Kennispoort Drenthe", "knowledge", date(2015, 10, 1), date(2017, 6, 30)),  # the Emmen location ended in 2017
    ("Kennispoort Zwolle", "knowledge", None, None),
    ("NOM", "finance", date(2015, 6, 1), None),
    ("MKB Fonds Drenthe", "finance", date(2016, 1, 1), None),
    ("Flinc", "finance", date(2017, 3, 1), None),
    ("Ondernemer coacht Ondernemer (VNO-NCW Noord)", "network", date(2015, 4, 1), None),
    ("Drenthe College", "education", date(2016, 9, 1), None),
    ("Stenden Hogeschool", "education", date(2015, 10, 1), None),
    ("Alfa-college", "education", date(2017, 9, 1), None),
    ("Value 050 (RuG, UMCG, Hanzehogeschool)", "knowledge", date(2018, 1, 15), None),
    ("Stichting Young Business Award", "network", date(2016, 5, 1), None),
    ("De Noorderlingen", "education", None, None),
    ("De Drentse Zaak", "other", date(2017, 4, 1), date(2019, 3, 31)),
    ("STiB (Hoogeveen)", "network", date(2016, 4, 1), None),
    ("Growing Workplace Emmen", "network", date(2018, 6, 1), None),
    ("Jong Bedrijvennetwerk Drenthe", "network", date(2017, 1, 1), None),
    # The seed names these only as kinds ("banken, accountants, investeerders, kennispartners").
    ("Bank in Drenthe (voedingsrelatie)", "bank", date(2015, 3, 1), None),
    ("Accountantskantoor in Drenthe (voedingsrelatie)", "accountant", date(2016, 2, 1), None),
    ("Investeerdersnetwerk Noord-Nederland", "finance", None, None),
    ("Kennispartners (adviseurs en coaches)", "knowledge", None, None),
)

#: Short names the event plans use, mapped to the partner names above.
PARTNER_ALIASES: dict[str, str] = {
    "STiB": "STiB (Hoogeveen)",
    "Value 050": "Value 050 (RuG, UMCG, Hanzehogeschool)",
    "Ondernemer coacht Ondernemer": "Ondernemer coacht Ondernemer (VNO-NCW Noord)",
}

#: Entrepreneur-mentors (target 15): (synthetic name, expertise, active from, active until).
MENTORS: tuple[tuple[str, tuple[str, ...], date, date | None], ...] = (
    ("Albert Nijhuis", ("finance", "financing"), date(2015, 3, 1), None),
    ("Gerrit Wubbels", ("sales", "retail"), date(2015, 3, 1), date(2017, 6, 30)),
    ("Marga Tuinstra", ("marketing", "branding"), date(2015, 5, 1), date(2016, 6, 30)),
    ("Henk Slagter", ("manufacturing", "export"), date(2015, 9, 1), None),
    ("Ineke Folkers", ("hr", "leadership"), date(2016, 1, 15), None),
    ("Johan Knol", ("software", "tech"), date(2016, 5, 1), date(2018, 12, 31)),
    ("Wilma Goorhuis", ("legal", "contracts"), date(2016, 9, 1), None),
    ("Reinier Arends", ("growth", "strategy"), date(2017, 2, 1), None),
    ("Trijntje Lamberts", ("healthcare", "medtech"), date(2017, 4, 1), date(2018, 3, 31)),
    ("Egbert Tammens", ("agrifood",), date(2017, 9, 1), None),
    ("Marjan Feddema", ("finance", "administration"), date(2018, 1, 15), None),
    ("Bart Oosterhof", ("export", "germany"), date(2018, 5, 1), None),
    ("Hanneke Potgieter", ("marketing", "online"), date(2018, 10, 1), date(2019, 9, 30)),
    ("Sybren Wagenaar", ("growth", "investors"), date(2019, 2, 1), None),
    ("Lenie Schuiling", ("sales", "b2b"), date(2019, 6, 1), None),
    # Since 2020.
    ("Femke Bosma", ("sustainability", "energy"), date(2020, 9, 1), None),
    ("Ruud Kleine", ("software", "saas"), date(2021, 2, 1), None),
    ("Anouk Veldman", ("marketing", "online"), date(2022, 4, 1), None),
    ("Hessel Brouwer", ("finance", "investors"), date(2023, 1, 15), None),
    ("Yvonne Staal", ("healthcare", "care"), date(2024, 3, 1), None),
    ("Mehmet Yilmaz", ("export", "logistics"), date(2025, 9, 1), None),
)


@dataclass(frozen=True)
class UserSeed:
    username: str
    role: str  # an accounts Role, or "superuser"
    first_name: str
    last_name: str
    scope: str = ""  # location name, partner name, or "company" for the participant


#: One shared password for every demo account (set only when the account is created).
DEMO_PASSWORD = "fabriek-demo"  # noqa: S105 - a published demo password, by design

USERS: tuple[UserSeed, ...] = (
    UserSeed("admin", "superuser", "Beheer", "Fabriek"),
    UserSeed("staff", "staff", "Petra", "Hofman"),
    UserSeed("locatiemanager", "location_manager", "Gert", "Huizing", scope="Assen"),
    UserSeed("mentor", "mentor", "Albert", "Nijhuis"),
    UserSeed("deelnemer", "participant", "", "", scope="company"),
    UserSeed("partner", "partner", "Kim", "Vos", scope="Kamer van Koophandel"),
    UserSeed("provincie", "funder", "Marja", "Dijkhuis"),
)
