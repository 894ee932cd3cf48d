"""A synthetic, deterministic history of the OndernemersFabriek Drenthe, 2015-2019, as plain data.

Nothing here touches the database: `build_history()` returns dataclasses that `load_demo` writes. The
same seed gives the same history on every run and every machine (only `random.Random(SEED)` is used).

The history is built so that the seed's own figures come out *by construction* under the pinned counting
rules (issue 3, section 2), not by tuning random numbers until they happen to match:

* on 2016-12-31 the current participants are 17 in Assen, 12 in Emmen and 7 in Hoogeveen (36);
* on 2017-05-31 the in/outflow table is 42/67/16 inflow, 26/17/12 current, 16/50/4 outflow, of which
  entrepreneur 7/50/4, freelancer 6, employed 3, stopped 0, and no company misses figures.

The companies that started before June 2017 come in cohorts (see `COHORTS`):

====== ============================================ ======= ====== ========= =========
cohort who                                          Assen   Emmen  Hoogeveen statuses
====== ============================================ ======= ====== ========= =========
A      left before 2016-12-31                       1       1      0         E, employed
B      current on 2016-12-31, left Jan - May 2017   8       4      2         6 E, 6 ZZP, 2 employed
C      current on 2016-12-31 and on 2017-05-31      9       8      5         leave later
D      started Jan - May 2017, current on 05-31     2       1      1         leave later
====== ============================================ ======= ====== ========= =========

So on 2016-12-31: B + C = 17 / 12 / 7; on 2017-05-31: inflow A + B + C + D = 42, current C + D = 26,
outflow A + B = 16 (7 entrepreneur, 6 freelancer, 3 employed). Assen's first cohort (started February to
May 2015) reaches the two-year limit in the first months of 2017, and Emmen's Kennispoort location was not
continued, which is why so many left in early 2017.

The employees and interns that count on 2017-05-31 are fixed per company (`CURRENT_FIGURES`,
`ENTREPRENEUR_ALUMNI_FIGURES`) and pinned as an anchor of the company's trajectory at exactly the date of
its latest observation on or before 2017-05-31, so the rule reads exactly those values.

From June 2017 on the history runs freely (monthly arrivals, stays of 6-24 months, a few re-entries,
half-yearly surveys, alumni follow-up for two years) until 2019-12-31. `_Builder.continue_to` then carries
it on to today (the real date) from random streams of its own, so nothing dated before 2020 depends on the
day the demo is loaded: see docs/demo.md for the story.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from itertools import pairwise
from zoneinfo import ZoneInfo

from django.utils import timezone

from fabriek.core.periods import add_years
from fabriek.participation import rules as stay_rules

SEED = 20170531
HISTORY_START = date(2015, 2, 1)
#: The end of the history that tells the seed's story; `continue_to` carries it on to today.
SEED_ERA_END = date(2019, 12, 31)
HISTORY_END = SEED_ERA_END  # kept for readers of the first era
END_2016 = date(2016, 12, 31)
SEED_TABLE_DATE = date(2017, 5, 31)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

ASSEN, EMMEN, HOOGEVEEN = "Assen", "Emmen", "Hoogeveen"
ENTREPRENEUR, FREELANCER, EMPLOYED, STOPPED = "entrepreneur", "freelancer", "employed", "stopped"
FULLTIME, PARTTIME, NETWORK = "fulltime", "parttime", "network"

RODEN, MEPPEL = "Health Hub Roden", "Meppel"

#: The day each location opened; no stay starts there earlier. The two representation points, explored in
#: 2017-2019, opened for participants on the network package in 2020 and 2021.
OPENED_ON = {
    ASSEN: date(2015, 2, 1),
    EMMEN: date(2015, 10, 1),
    HOOGEVEEN: date(2016, 4, 1),
    RODEN: date(2020, 9, 1),
    MEPPEL: date(2021, 3, 1),
}
#: Where newcomers go from 2020 on (weights); the representation points only once they are open.
NOW_LOCATION_WEIGHTS = ((ASSEN, 38), (EMMEN, 30), (HOOGEVEEN, 20), (RODEN, 6), (MEPPEL, 6))
#: Fixed desks per location; full-time stays never exceed them (Hoogeveen has a few flex desks only).
DESK_CAPACITY = {ASSEN: 24, EMMEN: 16, HOOGEVEEN: 4}
#: Package mix per location (full-time, part-time, network), as weights.
PACKAGE_WEIGHTS = {ASSEN: (45, 35, 20), EMMEN: (40, 35, 25), HOOGEVEEN: (10, 30, 60)}
#: How stays that end after May 2017 end: entrepreneur, freelancer, employed, stopped.
LATER_STATUS_WEIGHTS = (55, 22, 13, 10)


@dataclass(frozen=True)
class Cohort:
    key: str
    location: str
    #: outflow statuses of the members that left before 2017-05-31 (cohorts A and B), else empty
    statuses: tuple[str, ...]
    size: int
    start_from: date
    start_until: date
    end_from: date | None = None
    end_until: date | None = None


#: The companies that started before June 2017 (see the module docstring for the sums).
COHORTS: tuple[Cohort, ...] = (
    Cohort("A", ASSEN, (ENTREPRENEUR,), 1, date(2015, 2, 2), date(2015, 6, 30), date(2016, 6, 1), date(2016, 11, 30)),
    Cohort("A", EMMEN, (EMPLOYED,), 1, date(2015, 10, 1), date(2016, 1, 31), date(2016, 6, 1), date(2016, 11, 30)),
    # Assen's first cohort: started February - May 2015, left when their two years were up.
    Cohort(
        "B",
        ASSEN,
        (ENTREPRENEUR, ENTREPRENEUR, ENTREPRENEUR, FREELANCER, FREELANCER),
        5,
        date(2015, 2, 2),
        date(2015, 5, 15),
    ),
    Cohort(
        "B",
        ASSEN,
        (ENTREPRENEUR, FREELANCER, EMPLOYED),
        3,
        date(2015, 6, 1),
        date(2016, 6, 30),
        date(2017, 1, 2),
        date(2017, 5, 26),
    ),
    Cohort(
        "B",
        EMMEN,
        (ENTREPRENEUR, ENTREPRENEUR, FREELANCER, FREELANCER),
        4,
        date(2015, 10, 1),
        date(2016, 6, 30),
        date(2017, 1, 2),
        date(2017, 5, 26),
    ),
    Cohort(
        "B",
        HOOGEVEEN,
        (FREELANCER, EMPLOYED),
        2,
        date(2016, 4, 1),
        date(2016, 9, 30),
        date(2017, 1, 2),
        date(2017, 5, 26),
    ),
    Cohort("C", ASSEN, (), 9, date(2015, 6, 15), date(2016, 12, 16)),
    Cohort("C", EMMEN, (), 8, date(2015, 10, 1), date(2016, 12, 16)),
    Cohort("C", HOOGEVEEN, (), 5, date(2016, 4, 1), date(2016, 12, 16)),
    Cohort("D", ASSEN, (), 2, date(2017, 1, 9), date(2017, 5, 29)),
    Cohort("D", EMMEN, (), 1, date(2017, 1, 9), date(2017, 5, 29)),
    Cohort("D", HOOGEVEEN, (), 1, date(2017, 1, 9), date(2017, 5, 29)),
)

#: (employees, interns) on 2017-05-31 of the 26 current participants: 17 employees and 12 interns in all.
CURRENT_FIGURES: tuple[tuple[int, int], ...] = (
    (3, 1), (2, 2), (2, 1), (2, 0), (1, 1), (1, 1), (1, 1), (1, 1), (1, 0), (1, 0), (1, 0), (1, 0),
    (0, 1), (0, 1), (0, 1), (0, 1), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0),
    (0, 0), (0, 0),
)  # fmt: skip
#: (employees, interns) on 2017-05-31 of the 7 alumni still active as entrepreneur: 50 and 4 in all.
ENTREPRENEUR_ALUMNI_FIGURES: tuple[tuple[int, int], ...] = ((14, 1), (11, 1), (8, 1), (7, 1), (5, 0), (3, 0), (2, 0))

#: Programme-wide survey rounds: every 15 May and 15 November, participants and alumni (two years).
SURVEY_DAYS = ((5, 15), (11, 15))


# -- the plan ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonPlan:
    key: int
    name: str
    email: str


@dataclass(frozen=True)
class StayPlan:
    location: str
    package: str
    started_on: date
    ended_on: date | None
    outflow_status: str  # "" while the stay goes on


@dataclass(frozen=True)
class ObservationPlan:
    observed_on: date
    employees: int
    interns: int
    fte: Decimal | None
    revenue_cents: int | None
    source: str


@dataclass
class CompanyPlan:
    kvk_number: str
    name: str
    founded_on: date
    postcode: str
    municipality_code: str
    sbi_code: str
    cohort: str  # A, B, C, D (started before June 2017) or E (later)
    founders: list[int] = field(default_factory=list)  # PersonPlan keys
    stays: list[StayPlan] = field(default_factory=list)
    observations: list[ObservationPlan] = field(default_factory=list)

    def is_current_on(self, day: date) -> bool:
        return any(s.started_on <= day and (s.ended_on is None or s.ended_on >= day) for s in self.stays)


@dataclass(frozen=True)
class EventPlan:
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    location: str | None
    partners: tuple[str, ...]
    attendees: tuple[tuple[int, bool], ...]  # (PersonPlan key, checked in)


@dataclass
class History:
    people: list[PersonPlan]
    companies: list[CompanyPlan]
    events: list[EventPlan]
    today: date


# -- names ---------------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Anne", "Bas", "Bram", "Daan", "Dirk", "Eline", "Emma", "Esther", "Evert", "Fenna", "Floor", "Frank",
    "Geert", "Gerda", "Harm", "Hendrik", "Hilde", "Ilse", "Inge", "Jan", "Janneke", "Jelle", "Jeroen", "Jesse",
    "Jolien", "Joost", "Karin", "Kees", "Klaas", "Koen", "Laura", "Lieke", "Lisa", "Lotte", "Luuk", "Maaike",
    "Marieke", "Mark", "Marloes", "Martijn", "Meike", "Nienke", "Niels", "Noor", "Pieter", "Rianne", "Rick",
    "Roel", "Rutger", "Sanne", "Sietske", "Sjoerd", "Stefan", "Susan", "Thijs", "Tim", "Vera", "Wiebe",
    "Willemijn", "Wouter", "Yara", "Youssef", "Sem", "Mila", "Fatma", "Ahmed", "Tamara", "Ruben", "Iris", "Lars",
)  # fmt: skip
SURNAMES = (
    "Bakker", "Boer", "de Vries", "Jansen", "Hoving", "Hilbrands", "Kuiper", "Meijer", "Mulder", "Oosting",
    "Postma", "Smit", "Timmer", "Wolters", "Zwiers", "Lubbers", "Bruins", "Dekker", "Hofstede", "Huisman",
    "Jalving", "Kamping", "Lanting", "Nijboer", "Oldenhuis", "Pronk", "Reinders", "Schepers", "Seubring",
    "Tiesing", "Veenstra", "Wever", "Bos", "van der Veen", "Brink", "Eleveld", "Vos", "Koops", "Drenth",
    "Hummel", "Boelens", "Kremer", "Snijder", "Wessels", "Steenbergen", "Mensink", "Withaar", "Kiewiet",
    "Scholten", "Hartlief", "Oving", "Dijkstra", "Prins", "Hulshof", "Sterenborg", "Lenting", "Zuidema",
    "Roelofs", "Bouwman", "Kroeze", "ter Horst", "Vedder", "Ensing", "Stoter", "Benjamins", "Holsteijn",
)  # fmt: skip
COMPANY_PREFIXES = (
    "Hunze", "Esker", "Brink", "Veen", "Hondsrug", "Dolmen", "Heide", "Turf", "Silo", "Vaart", "Kade", "Berken",
    "Wierde", "Esch", "Noorder", "Kanaal", "Boerhaar", "Eikenhout", "Zandgrond", "Veldkei", "Hunebed", "Drentsche",
    "Bargeres", "Orvelte", "Dwingel", "Ellert", "Brammert", "Kloos", "Stroom", "Lint", "Ruiter", "Zwartewater",
    "Schoonebeker", "Vledder", "Anloo", "Norger", "Peizer", "Eelder", "Smilder", "Havelter",
)  # fmt: skip
#: (SBI code, name parts): the sector decides the second half of the name.
SECTORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("62010", ("Software", "Apps", "Data", "Code", "Cloud")),
    ("62020", ("IT Advies", "Digital")),
    ("63120", ("Online", "Platform")),
    ("73110", ("Media", "Branding")),
    ("74101", ("Design", "Studio")),
    ("71121", ("Engineering", "Techniek")),
    ("72190", ("Labs", "Biotech")),
    ("32501", ("Medical", "Medtech")),
    ("10890", ("Food", "Zuivel")),
    ("47910", ("Webwinkel", "Store")),
    ("70221", ("Consultancy", "Advies")),
    ("35110", ("Energie", "Solar")),
    ("85599", ("Academy", "Training")),
    ("86919", ("Care", "Zorg")),
    ("52290", ("Logistics", "Transport")),
    ("28990", ("Machines", "Robotics")),
)
LEGAL_FORMS = (" B.V.", " B.V.", "", " V.O.F.")

#: Real four-digit postcode areas per municipality (CBS code) of Drenthe.
POSTCODE_AREAS: dict[str, tuple[int, ...]] = {
    "GM0106": (9401, 9402, 9403, 9404, 9405, 9406, 9407, 9408),  # Assen
    "GM1680": (9451, 9461, 9462, 9468),  # Aa en Hunze: Rolde, Gieten, Gasselte, Annen
    "GM1730": (9471, 9481, 9761, 9765),  # Tynaarlo: Zuidlaren, Vries, Eelde, Paterswolde
    "GM1731": (9411, 9422, 9431),  # Midden-Drenthe: Beilen, Smilde, Westerbork
    "GM1699": (9301, 9302, 9321, 9331),  # Noordenveld: Roden, Peize, Norg
    "GM0114": (7811, 7812, 7813, 7814, 7822, 7824, 7891),  # Emmen, Klazienaveen
    "GM1681": (7873, 7875, 9521, 9531),  # Borger-Odoorn: Odoorn, Exloo, Nieuw-Buinen, Borger
    "GM0109": (7741, 7742, 7751, 7761),  # Coevorden, Dalen, Schoonebeek
    "GM0118": (7901, 7902, 7903, 7904, 7905, 7906, 7907),  # Hoogeveen
    "GM1690": (7921, 7957, 7961, 7963),  # De Wolden: Zuidwolde, De Wijk, Ruinerwold, Ruinen
    "GM0119": (7941, 7942, 7943, 7944),  # Meppel
    "GM1701": (7971, 7981, 7991),  # Westerveld: Havelte, Diever, Dwingeloo
}
#: Where a location's participants come from (municipality, weight).
CATCHMENT: dict[str, tuple[tuple[str, int], ...]] = {
    ASSEN: (("GM0106", 10), ("GM1680", 2), ("GM1730", 2), ("GM1731", 2), ("GM1699", 2)),
    EMMEN: (("GM0114", 10), ("GM1681", 3), ("GM0109", 3)),
    HOOGEVEEN: (("GM0118", 8), ("GM1690", 3), ("GM0119", 2), ("GM1701", 2), ("GM1731", 1)),
    RODEN: (("GM1699", 8), ("GM1730", 3)),
    MEPPEL: (("GM0119", 8), ("GM1701", 3), ("GM1690", 2)),
}
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"


class _Names:
    """Unique synthetic names, drawn from the lists above."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people: set[str] = set()
        self.companies: set[str] = set()
        self.kvk: set[str] = set()

    def person(self) -> tuple[str, str]:
        while True:
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(SURNAMES)
            name = f"{first} {last}"
            if name not in self.people:
                self.people.add(name)
                local = f"{first}.{last}".lower().replace(" ", "")
                return name, f"{local}@example.org"

    def company(self) -> tuple[str, str]:
        while True:
            sbi, parts = self.rng.choice(SECTORS)
            name = f"{self.rng.choice(COMPANY_PREFIXES)} {self.rng.choice(parts)}{self.rng.choice(LEGAL_FORMS)}"
            if name not in self.companies:
                self.companies.add(name)
                return name, sbi

    def kvk_number(self, founded_on: date) -> str:
        # KvK numbers were handed out roughly in sequence: around 58 million in 2013, 70 million in 2018.
        # Capped so that the number keeps its eight digits.
        low = 50_000_000 + (min(founded_on.year, 2028) - 2010) * 2_500_000
        while True:
            number = f"{self.rng.randrange(low, low + 2_500_000):08d}"
            if number not in self.kvk:
                self.kvk.add(number)
                return number


# -- dates ---------------------------------------------------------------------------------------------


def _weekday_between(rng: random.Random, first: date, last: date) -> date:
    """A random working day in [first, last] (the range must hold one)."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    working = [d for d in days if d.weekday() < 5]
    return rng.choice(working)


def _last_day_of_stay(started_on: date) -> date:
    """The last day a stay may have without an override: two years minus one day (clause 6)."""
    return stay_rules.last_day_without_reason(started_on)


def _years(first: date, last: date) -> float:
    return (last - first).days / 365.25


# -- the builder ---------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._first_era_events: list[EventPlan] = []
        # One stream per concern, so that a change to the figures or the events leaves the stays alone.
        self.rng = random.Random(seed)
        self.figures_rng = random.Random(f"{seed}-figures")
        self.events_rng = random.Random(f"{seed}-events")
        self.names = _Names(random.Random(f"{seed}-names"))
        self.people: list[PersonPlan] = []
        self.companies: list[CompanyPlan] = []
        # per company (by index): employees anchors [(date, employees)] and pinned interns {date: interns}
        self.anchors: dict[int, list[tuple[date, float]]] = {}
        self.pinned_interns: dict[int, dict[date, int]] = {}
        self.growth: dict[int, float] = {}  # employees a year, per company
        self.revenue_base: dict[int, int] = {}  # euros a year before staff, per company

    # people and companies

    def new_person(self) -> int:
        name, email = self.names.person()
        person = PersonPlan(key=len(self.people), name=name, email=email)
        self.people.append(person)
        return person.key

    def new_company(
        self, cohort: str, location: str, first_start: date, rng: random.Random | None = None
    ) -> CompanyPlan:
        rng = rng or self.rng
        name, sbi = self.names.company()
        # Mostly young companies: founded up to three years before intake, now and then older (the
        # five-year criterion is a policy, and the history shows one or two exceptions).
        age_days = rng.choice((30, 90, 180, 270, 365, 540, 730, 1095, 1460, 1900))
        founded_on = first_start - timedelta(days=rng.randint(age_days // 2, age_days))
        municipalities, weights = zip(*CATCHMENT[location], strict=True)
        municipality = rng.choices(municipalities, weights=weights)[0]
        area = rng.choice(POSTCODE_AREAS[municipality])
        while True:
            letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
            if letters not in ("SA", "SD", "SS"):  # not used in Dutch postcodes
                break
        company = CompanyPlan(
            kvk_number=self.names.kvk_number(founded_on),
            name=name,
            founded_on=founded_on,
            postcode=f"{area} {letters}",
            municipality_code=municipality,
            sbi_code=sbi,
            cohort=cohort,
        )
        founders = rng.choices((1, 2, 3), weights=(60, 35, 5))[0]
        company.founders = [self.new_person() for _ in range(founders)]
        self.companies.append(company)
        return company

    def package(self, location: str, rng: random.Random | None = None) -> str:
        return (rng or self.rng).choices((FULLTIME, PARTTIME, NETWORK), weights=PACKAGE_WEIGHTS[location])[0]

    def later_status(self, rng: random.Random | None = None) -> str:
        return (rng or self.rng).choices((ENTREPRENEUR, FREELANCER, EMPLOYED, STOPPED), weights=LATER_STATUS_WEIGHTS)[0]

    def growth_rate(self, rng: random.Random) -> float:
        """Employees a year: most starters stay small, a few grow fast."""
        kind = rng.choices(("none", "slow", "grow", "fast"), weights=(38, 37, 20, 5))[0]
        return {
            "none": 0.0,
            "slow": rng.uniform(0.4, 1.0),
            "grow": rng.uniform(1.2, 2.5),
            "fast": rng.uniform(3.0, 5.0),
        }[kind]

    def baseline(self, rng: random.Random) -> int:
        return rng.choices((0, 1, 2, 3), weights=(58, 24, 11, 7))[0]

    # stays

    def cohort_stays(self) -> None:
        """Cohorts A-D (see the module docstring): the stays that make the seed's 2016 and 2017 figures."""
        rng = self.rng
        for cohort in COHORTS:
            statuses = list(cohort.statuses)
            rng.shuffle(statuses)
            for n in range(cohort.size):
                started_on = _weekday_between(rng, cohort.start_from, cohort.start_until)
                company = self.new_company(cohort.key, cohort.location, started_on)
                if cohort.key in ("A", "B"):
                    if cohort.end_from is None or cohort.end_until is None:
                        # Assen's first cohort leaves when the two years are up, in the last weeks before.
                        last = _last_day_of_stay(started_on)
                        ended_on = _weekday_between(rng, last - timedelta(days=20), last)
                    else:
                        ended_on = _weekday_between(
                            rng, cohort.end_from, min(cohort.end_until, _last_day_of_stay(started_on))
                        )
                    stay = StayPlan(cohort.location, self.package(cohort.location), started_on, ended_on, statuses[n])
                else:
                    # Cohorts C and D are still there on 2017-05-31 and leave within their two years.
                    last = _last_day_of_stay(started_on)
                    earliest = max(SEED_TABLE_DATE + timedelta(days=14), started_on + timedelta(days=270))
                    ended_on = _weekday_between(rng, earliest, last)  # earliest <= last: they started after 2015-06-14
                    stay = StayPlan(
                        cohort.location, self.package(cohort.location), started_on, ended_on, self.later_status()
                    )
                company.stays.append(stay)

    def later_stays(self) -> None:
        """Cohort E: monthly arrivals from June 2017 to December 2019; stays still going at the end stay open."""
        rng = self.rng
        month = date(2017, 6, 1)
        while month <= HISTORY_END:
            arrivals = rng.choices((1, 2, 3, 4, 5), weights=(15, 30, 30, 15, 10))[0]
            if month.month in (7, 8):  # summer
                arrivals = max(1, arrivals - 2)
            next_month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
            for _ in range(arrivals):
                location = rng.choices((ASSEN, EMMEN, HOOGEVEEN), weights=(42, 35, 23))[0]
                started_on = _weekday_between(rng, month, next_month - timedelta(days=1))
                company = self.new_company("E", location, started_on)
                months = rng.choices((6, 9, 12, 15, 18, 21, 24), weights=(8, 10, 18, 14, 18, 12, 20))[0]
                ended_on = min(started_on + timedelta(days=round(months * 30.4)), _last_day_of_stay(started_on))
                if ended_on > HISTORY_END:
                    stay = StayPlan(location, self.package(location), started_on, None, "")
                else:
                    stay = StayPlan(location, self.package(location), started_on, ended_on, self.later_status())
                company.stays.append(stay)
            month = next_month

    def re_entries(self) -> None:
        """A few alumni come back on the network package after a break (their second stay, after May 2017)."""
        rng = self.rng
        candidates = [
            c
            for c in self.companies
            if c.cohort in ("B", "C")
            and c.stays[-1].ended_on is not None
            and c.stays[-1].outflow_status in (FREELANCER, ENTREPRENEUR)
            and c.stays[-1].ended_on < date(2018, 6, 30)
        ]
        for company in rng.sample(candidates, 3):
            previous_end = company.stays[-1].ended_on
            assert previous_end is not None
            started_on = _weekday_between(
                rng, max(previous_end, SEED_TABLE_DATE) + timedelta(days=150), previous_end + timedelta(days=400)
            )
            ended_on = started_on + timedelta(days=rng.randint(180, 365))
            if ended_on > HISTORY_END:
                stay = StayPlan(company.stays[-1].location, NETWORK, started_on, None, "")
            else:
                stay = StayPlan(company.stays[-1].location, NETWORK, started_on, ended_on, self.later_status())
            company.stays.append(stay)

    def respect_desk_capacity(self, until: date = SEED_ERA_END) -> None:
        """Full-time means a fixed desk: when a location's desks are all taken, a newcomer goes part-time.

        Only the desks in use on a newcomer's first day matter, so running this again over a longer history
        keeps every earlier decision."""
        stays = sorted(
            ((c, i, s) for c in self.companies for i, s in enumerate(c.stays)), key=lambda row: row[2].started_on
        )
        accepted: dict[str, list[StayPlan]] = {loc: [] for loc in DESK_CAPACITY}
        for company, index, stay in stays:
            if stay.package != FULLTIME or stay.location not in DESK_CAPACITY:
                continue
            end = stay.ended_on or until
            taken = accepted[stay.location]
            # The most desks in use on any day of this stay: check at each start inside the stay.
            days = [stay.started_on] + [s.started_on for s in taken if stay.started_on < s.started_on <= end]
            busiest = max(sum(1 for s in taken if s.started_on <= day <= (s.ended_on or until)) for day in days)
            if busiest >= DESK_CAPACITY[stay.location]:
                company.stays[index] = StayPlan(
                    stay.location, PARTTIME, stay.started_on, stay.ended_on, stay.outflow_status
                )
            else:
                taken.append(stay)

    # figures

    def observation_dates(
        self, company: CompanyPlan, rng: random.Random, after: date | None = None, until: date = SEED_ERA_END
    ) -> list[tuple[date, str]]:
        """When the company's figures were recorded, and by what source: in (after, until]."""
        rows: list[tuple[date, str]] = []
        first_start = company.stays[0].started_on
        if after is None and rng.random() < 0.35 and company.founded_on < first_start - timedelta(days=30):
            rows.append((company.founded_on, "kvk"))
        for stay in company.stays:
            rows.append((stay.started_on, "intake"))
            if stay.ended_on is not None:
                rows.append((stay.ended_on, "staff"))
        last_end = company.stays[-1].ended_on
        for year in range((after or HISTORY_START).year, until.year + 1):
            for month, day in SURVEY_DAYS:
                when = date(year, month, day)
                if when < first_start or when > until or (after is not None and when <= after):
                    continue
                if company.is_current_on(when):
                    answers = rng.random() < 0.85
                    source = "survey" if rng.random() < 0.8 else "self_report"
                elif last_end is not None and when <= add_years(last_end, 2):
                    answers = rng.random() < 0.65
                    source = "survey"
                elif any(
                    s.ended_on is not None and s.ended_on < when <= add_years(s.ended_on, 2) for s in company.stays
                ):
                    answers = rng.random() < 0.65  # between two stays
                    source = "survey"
                else:
                    answers = False
                if answers:
                    rows.append((when, source))
        if after is not None:
            rows = [(when, source) for when, source in rows if after < when <= until]
        return sorted(set(rows))

    def trajectory(
        self,
        index: int,
        company: CompanyPlan,
        pinned: tuple[date, int, int] | None,
        rng: random.Random,
        until: date = SEED_ERA_END,
    ) -> None:
        """Employees over time as anchors (linear in between). `pinned`: (date, employees, interns) that the
        company's figures must show exactly on that date (its figure for the seed's table)."""
        g = self.growth_rate(rng)
        self.growth[index] = g
        first_start = company.stays[0].started_on
        b0 = float(self.baseline(rng))
        anchors: list[tuple[date, float]] = []
        interns: dict[date, int] = {}
        if pinned is not None:
            when, employees, pinned_interns = pinned
            b0 = min(b0, float(employees)) if when > first_start else float(employees)
            if employees >= 5:
                # The seed's entrepreneur alumni grew from a small start.
                b0 = float(round(employees * rng.uniform(0.15, 0.35)))
            interns[when] = pinned_interns
        anchors.append((first_start, b0))
        value = b0
        at = first_start
        for n, stay in enumerate(company.stays):
            end = stay.ended_on or until
            if pinned is not None and at <= pinned[0] <= end:
                anchors.append((pinned[0], float(pinned[1])))
                at, value = pinned[0], float(pinned[1])
            if stay.ended_on is None:
                anchors.append((until, value + g * _years(at, until)))
                break
            if stay.outflow_status == ENTREPRENEUR:
                value = value + g * _years(at, stay.ended_on)
                if (
                    pinned is not None
                    and stay.ended_on < pinned[0]
                    and (n + 1 == len(company.stays) or pinned[0] < company.stays[n + 1].started_on)
                ):
                    value = float(pinned[1])  # left with the staff it still had when surveyed
            else:
                value = 0.0
            anchors.append((stay.ended_on, value))
            at = stay.ended_on
            if (
                pinned is not None
                and stay.ended_on < pinned[0]
                and (n + 1 == len(company.stays) or pinned[0] < company.stays[n + 1].started_on)
            ):
                # An alumnus whose figure for the seed's table comes from a survey after leaving.
                anchors.append((pinned[0], float(pinned[1])))
                at, value = pinned[0], float(pinned[1])
            if n + 1 < len(company.stays):
                anchors.append((company.stays[n + 1].started_on, value))
                at = company.stays[n + 1].started_on
            elif stay.outflow_status == ENTREPRENEUR:
                later = add_years(stay.ended_on, 2)
                anchors.append((later, value + 0.8 * g * _years(at, later)))
        self.anchors[index] = sorted(anchors)
        self.pinned_interns[index] = interns

    def employees_on(self, index: int, day: date) -> int:
        anchors = self.anchors[index]
        if day <= anchors[0][0]:
            return round(anchors[0][1])
        for (d0, v0), (d1, v1) in pairwise(anchors):
            if d0 <= day <= d1:
                if d1 == d0:
                    return round(v1)
                return round(v0 + (v1 - v0) * (day - d0).days / (d1 - d0).days)
        return round(anchors[-1][1])

    def observations(self, index: int, company: CompanyPlan, dates: list[tuple[date, str]], rng: random.Random) -> None:
        if index not in self.revenue_base:
            self.revenue_base[index] = rng.randint(15_000, 120_000)  # euros a year before staff
        revenue_base = self.revenue_base[index]
        by_date: dict[date, tuple[int, int, Decimal | None, int | None]] = {}
        for when, source in dates:
            if source == "kvk":
                company.observations.append(ObservationPlan(when, 0, 0, None, None, source))
                continue
            if when not in by_date:
                employees = self.employees_on(index, when)
                current = company.is_current_on(when)
                last_status = next(
                    (s.outflow_status for s in reversed(company.stays) if s.started_on <= when), ENTREPRENEUR
                )
                if when in self.pinned_interns[index]:
                    interns = self.pinned_interns[index][when]
                elif current:
                    interns = rng.choices((0, 1, 2), weights=(60, 30, 10))[0]
                elif last_status == ENTREPRENEUR:
                    interns = rng.choices((0, 1), weights=(75, 25))[0]
                else:
                    interns = 0
                fte: Decimal | None = Decimal(employees * rng.uniform(0.55, 0.95)).quantize(Decimal("0.01"))
                if source == "self_report" and rng.random() < 0.4:
                    fte = None  # self-reports often leave the FTE blank
                if not current and last_status != ENTREPRENEUR:
                    revenue = None
                elif rng.random() < 0.2:
                    revenue = None  # not everyone states revenue
                else:
                    years_in = max(0.0, _years(company.stays[0].started_on, when))
                    euros = (revenue_base * (1 + 0.25 * years_in) + employees * 52_000) * rng.uniform(0.85, 1.15)
                    revenue = round(euros) * 100
                by_date[when] = (employees, interns, fte, revenue)
            employees, interns, fte, revenue = by_date[when]
            company.observations.append(ObservationPlan(when, employees, interns, fte, revenue, source))

    def figures(self) -> None:
        """Trajectories and observations, pinning the 33 companies whose figures count on 2017-05-31."""
        rng = self.figures_rng
        current = [i for i, c in enumerate(self.companies) if c.cohort in ("C", "D")]
        alumni = [
            i
            for i, c in enumerate(self.companies)
            if c.cohort in ("A", "B") and c.stays[0].outflow_status == ENTREPRENEUR
        ]
        assert len(current) == len(CURRENT_FIGURES) and len(alumni) == len(ENTREPRENEUR_ALUMNI_FIGURES)
        figures = dict(zip(current, rng.sample(CURRENT_FIGURES, len(current)), strict=True))
        figures |= dict(zip(alumni, rng.sample(ENTREPRENEUR_ALUMNI_FIGURES, len(alumni)), strict=True))
        dates = [self.observation_dates(company, rng) for company in self.companies]
        for index, company in enumerate(self.companies):
            pinned = None
            if index in figures:
                # The figure that counts is the company's latest observation on or before 2017-05-31.
                counting = max(d for d, source in dates[index] if d <= SEED_TABLE_DATE and source != "kvk")
                pinned = (counting, *figures[index])
            self.trajectory(index, company, pinned, rng)
            self.observations(index, company, dates[index], rng)

    # events

    def events(self) -> list[EventPlan]:
        rng = self.events_rng
        visitors: list[int] = []
        plans: list[EventPlan] = []
        for when, kind, title, location, partners, expected in EVENTS:
            starts_at = datetime.combine(when, time(16, 0) if kind == "network" else time(19, 0), AMSTERDAM)
            ends_at = starts_at + timedelta(hours=2, minutes=30)
            # Entrepreneurs from outside: some new faces at every event, some who came before.
            newcomers = [self.new_person() for _ in range(round(expected * rng.uniform(0.38, 0.52)))]
            returning = rng.sample(visitors, min(len(visitors), round(expected * rng.uniform(0.1, 0.2))))
            visitors.extend(newcomers)
            founders = [
                person
                for company in self.companies
                if company.is_current_on(when) and rng.random() < 0.35
                for person in company.founders[:1]
            ]
            alumni = [
                person
                for company in self.companies
                if not company.is_current_on(when) and company.stays[0].started_on <= when and rng.random() < 0.08
                for person in company.founders[:1]
            ]
            attendees = sorted(set(newcomers + returning + founders + alumni))
            plans.append(
                EventPlan(
                    title=title,
                    kind=kind,
                    starts_at=starts_at.astimezone(UTC),
                    ends_at=ends_at.astimezone(UTC),
                    location=location,
                    partners=partners,
                    attendees=tuple((person, rng.random() < 0.86) for person in attendees),
                )
            )
        return plans

    # from 2020 to today

    def continue_to(self, today: date) -> list[EventPlan]:
        """Carries the history on from 2020 to `today` without changing anything dated before 2020.

        Everything here draws from streams of its own, so the first era (and with it the seed's table) is
        the same whatever `today` is."""
        rng = random.Random(f"{self.seed}-now")
        figures_rng = random.Random(f"{self.seed}-now-figures")
        first_era = len(self.companies)
        still_open = [i for i, c in enumerate(self.companies) if c.stays[-1].ended_on is None]
        for index in still_open:
            # The stays still going at the end of 2019 end as planned, within their two years.
            company = self.companies[index]
            stay = company.stays[-1]
            last = min(_last_day_of_stay(stay.started_on), today)
            earliest = min(max(SEED_ERA_END + timedelta(days=7), stay.started_on + timedelta(days=180)), last)
            ended_on = _weekday_between(rng, earliest, last) if earliest < last else last
            if ended_on < today:
                company.stays[-1] = StayPlan(
                    stay.location, stay.package, stay.started_on, ended_on, self.later_status(rng)
                )
        self.arrivals(rng, today)
        self.respect_desk_capacity(until=today)
        for index in still_open:
            self.extend_trajectory(index, self.companies[index], today)
        for index, company in enumerate(self.companies):
            if index >= first_era:
                self.trajectory(index, company, None, figures_rng, until=today)
                dates = self.observation_dates(company, figures_rng, until=today)
            else:
                dates = self.observation_dates(company, figures_rng, after=SEED_ERA_END, until=today)
            self.observations(index, company, self.keep_figures_fresh(company, dates, today), figures_rng)
        return self.recent_events(today)

    def arrivals(self, rng: random.Random, today: date) -> None:
        """Cohort F: monthly arrivals from January 2020 to today, fewer in the spring of 2020 (the pandemic),
        at the three factories and, since they opened, on the network package at the representation points."""
        month = SEED_ERA_END + timedelta(days=1)
        while month <= today:
            arrivals = rng.choices((1, 2, 3, 4, 5), weights=(15, 30, 30, 15, 10))[0]
            if month.month in (7, 8) or date(2020, 3, 1) <= month <= date(2020, 6, 1):
                arrivals = max(1, arrivals - 2)
            next_month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
            places = [(loc, w) for loc, w in NOW_LOCATION_WEIGHTS if OPENED_ON[loc] <= month]
            for _ in range(arrivals):
                location = rng.choices([loc for loc, _ in places], weights=[w for _, w in places])[0]
                started_on = _weekday_between(rng, month, min(next_month - timedelta(days=1), today))
                company = self.new_company("F", location, started_on, rng)
                months = rng.choices((6, 9, 12, 15, 18, 21, 24), weights=(8, 10, 18, 14, 18, 12, 20))[0]
                ended_on = min(started_on + timedelta(days=round(months * 30.4)), _last_day_of_stay(started_on))
                package = self.package(location, rng) if location in PACKAGE_WEIGHTS else NETWORK
                if ended_on >= today:
                    stay = StayPlan(location, package, started_on, None, "")
                else:
                    stay = StayPlan(location, package, started_on, ended_on, self.later_status(rng))
                company.stays.append(stay)
            month = next_month
        # And one starter whose intake is today, so the demo's records run up to today.
        company = self.new_company("F", ASSEN, today, rng)
        company.stays.append(StayPlan(ASSEN, self.package(ASSEN, rng), today, None, ""))

    def extend_trajectory(self, index: int, company: CompanyPlan, today: date) -> None:
        """The employees after 2019 of a company whose stay was still going then, grown at its own rate."""
        anchors = self.anchors[index]
        g = self.growth[index]
        at, value = anchors[-1]
        stay = company.stays[-1]
        if stay.ended_on is None:
            anchors.append((today, value + g * _years(at, today)))
            return
        value = value + g * _years(at, stay.ended_on) if stay.outflow_status == ENTREPRENEUR else 0.0
        anchors.append((stay.ended_on, value))
        if stay.outflow_status == ENTREPRENEUR:
            later = add_years(stay.ended_on, 2)
            anchors.append((later, value + 0.8 * g * _years(stay.ended_on, later)))

    @staticmethod
    def keep_figures_fresh(company: CompanyPlan, dates: list[tuple[date, str]], today: date) -> list[tuple[date, str]]:
        """Adds the follow-up the team makes for what the surveys miss: a current participant's figures
        are never over eight months old, and an alumnus is called about a month after leaving."""
        rows = set(dates)
        known = sorted(when for when, _ in rows)
        for stay in company.stays:
            end = stay.ended_on or today
            day = stay.started_on
            while day <= end and day <= today:
                latest = max((d for d in known if d <= day), default=None)
                if latest is not None and (day - latest).days > 240 and day > SEED_ERA_END:
                    rows.add((day, "staff"))
                    known = sorted([*known, day])
                day += timedelta(days=30)
            if stay.ended_on is not None and stay.ended_on > SEED_ERA_END:
                call = stay.ended_on + timedelta(days=35)
                if call <= today and not any(stay.ended_on < d <= call for d in known):
                    rows.add((call, "staff"))
        return sorted(rows)

    def recent_events(self, today: date) -> list[EventPlan]:
        """The programme's events from 2020 on: its yearly calendar (online in the pandemic), this year's
        events so far, the ones people have registered for in the coming weeks, and tonight's event."""
        rng = random.Random(f"{self.seed}-now-events")
        calendar: list[tuple[datetime, str, str, str | None, tuple[str, ...], int]] = []
        for year in range(2020, today.year + 1):
            for month, day_of_month, kind, title, location, partners, expected in YEARLY_EVENTS:
                if year in (2020, 2021) and (year, month) not in ((2020, 1), (2021, 9), (2021, 11)):
                    location, title = None, f"Online: {title}"  # the pandemic
                when = date(year, month, day_of_month)
                when += timedelta(days=(3 - when.weekday()) % 7)  # on the Thursday after
                if when <= today + timedelta(days=42):
                    start_time = time(16, 0) if kind == "network" else time(19, 0)
                    calendar.append(
                        (datetime.combine(when, start_time, AMSTERDAM), kind, title, location, partners, expected)
                    )
        calendar.append(
            (datetime.combine(today, time(19, 0), AMSTERDAM), "network", TONIGHT_TITLE, ASSEN, ("Gemeente Assen",), 0)
        )
        visitors = [key for event in self._first_era_events for key, _ in event.attendees]
        plans: list[EventPlan] = []
        for starts_at, kind, title, location, partners, expected in sorted(calendar, key=lambda row: row[0]):
            ends_at = starts_at + timedelta(hours=2, minutes=30)
            day = starts_at.date()
            if title == TONIGHT_TITLE:
                # Registered in advance, nobody checked in yet: the door opens at seven.
                founders = [c.founders[0] for c in self.companies if c.is_current_on(day)]
                pool = sorted(set(visitors))
                attendees = sorted(set(rng.sample(founders, min(len(founders), 30)) + rng.sample(pool, 22)))
                attendees = attendees[:TONIGHT_REGISTERED]
                while len(attendees) < TONIGHT_REGISTERED:
                    attendees.append(self.new_person())
                plans.append(
                    EventPlan(
                        title,
                        kind,
                        starts_at.astimezone(UTC),
                        ends_at.astimezone(UTC),
                        location,
                        partners,
                        tuple((key, False) for key in attendees),
                    )
                )
                continue
            newcomers = [self.new_person() for _ in range(round(expected * rng.uniform(0.38, 0.52)))]
            returning = rng.sample(visitors, min(len(visitors), round(expected * rng.uniform(0.1, 0.2))))
            visitors.extend(newcomers)
            founders = [c.founders[0] for c in self.companies if c.is_current_on(day) and rng.random() < 0.35]
            attendees = sorted(set(newcomers + returning + founders))
            upcoming = day > today
            plans.append(
                EventPlan(
                    title=title,
                    kind=kind,
                    starts_at=starts_at.astimezone(UTC),
                    ends_at=ends_at.astimezone(UTC),
                    location=location,
                    partners=partners,
                    attendees=tuple((key, not upcoming and rng.random() < 0.86) for key in attendees),
                )
            )
        return plans


#: (date, kind, title, location, co-organising partners, expected number of outside guests)
EVENTS: tuple[tuple[date, str, str, str | None, tuple[str, ...], int], ...] = (
    (date(2015, 2, 19), "network", "Opening OndernemersFabriek Assen", ASSEN, ("Gemeente Assen",), 40),
    (date(2015, 6, 11), "workshop", "Workshop: je verdienmodel op één A4", ASSEN, (), 14),
    (
        date(2015, 10, 22),
        "network",
        "Opening OndernemersFabriek Emmen",
        EMMEN,
        ("Gemeente Emmen", "Stenden Hogeschool"),
        35,
    ),
    (
        date(2016, 2, 18),
        "academy",
        "Starters Academy: financiering voor starters",
        ASSEN,
        ("MKB Fonds Drenthe", "NOM"),
        18,
    ),
    (
        date(2016, 4, 14),
        "network",
        "Opening OndernemersFabriek Hoogeveen",
        HOOGEVEEN,
        ("Gemeente Hoogeveen", "STiB"),
        25,
    ),
    (date(2016, 6, 9), "workshop", "Workshop: online marketing", EMMEN, (), 12),
    (date(2016, 9, 29), "pitch", "Pitchavond Young Business Award", ASSEN, ("Stichting Young Business Award",), 30),
    (date(2016, 11, 24), "network", "Ondernemersborrel Zuidoost-Drenthe", EMMEN, ("Kennispoort Drenthe",), 20),
    (date(2017, 2, 16), "academy", "Starters Academy: de eerste medewerker aannemen", ASSEN, (), 16),
    (date(2017, 4, 13), "masterclass", "Masterclass: investeringsgereed met Flinc", ASSEN, ("Flinc",), 20),
    (date(2017, 6, 22), "network", "Zomerborrel OFD", HOOGEVEEN, ("Jong Bedrijvennetwerk Drenthe",), 28),
    (date(2017, 9, 28), "pitch", "Pitchavond Young Business Award", ASSEN, ("Stichting Young Business Award",), 32),
    (date(2017, 10, 19), "workshop", "Workshop: exporteren naar Duitsland", EMMEN, ("Kamer van Koophandel",), 14),
    (
        date(2017, 11, 30),
        "network",
        "Health Hub Roden: kennismaking met de OFD",
        "Health Hub Roden",
        ("Gemeente Noordenveld",),
        22,
    ),
    (date(2018, 1, 25), "network", "Nieuwjaarsborrel OFD", ASSEN, (), 34),
    (
        date(2018, 3, 22),
        "academy",
        "Starters Academy: financiering en subsidies",
        EMMEN,
        ("NOM", "MKB Fonds Drenthe"),
        18,
    ),
    (date(2018, 5, 17), "masterclass", "Masterclass: opschalen met Value 050", ASSEN, ("Value 050",), 16),
    (
        date(2018, 6, 14),
        "network",
        "Ondernemer coacht Ondernemer: matchavond",
        HOOGEVEEN,
        ("Ondernemer coacht Ondernemer",),
        20,
    ),
    (date(2018, 9, 27), "pitch", "Pitchavond Young Business Award", EMMEN, ("Stichting Young Business Award",), 30),
    (date(2018, 11, 15), "workshop", "Workshop: Meppel ontmoet de OFD", "Meppel", ("Gemeente Meppel",), 15),
    (date(2019, 1, 24), "network", "Nieuwjaarsborrel OFD", EMMEN, (), 32),
    (date(2019, 3, 14), "academy", "Starters Academy: groeien met personeel", HOOGEVEEN, ("Drenthe College",), 15),
    (date(2019, 4, 11), "masterclass", "Topklas: kick-off met de eerste deelnemers", ASSEN, ("NOM",), 12),
    (
        date(2019, 5, 23),
        "workshop",
        "Workshop: stagiairs en werkstudenten",
        ASSEN,
        ("Alfa-college", "Drenthe College"),
        14,
    ),
    (date(2019, 6, 20), "network", "Growing Workplace Emmen x OFD", EMMEN, ("Growing Workplace Emmen",), 26),
    (date(2019, 9, 26), "pitch", "Pitchavond Young Business Award", ASSEN, ("Stichting Young Business Award",), 30),
    (
        date(2019, 11, 21),
        "network",
        "OFD Ondernemersdag Drenthe",
        ASSEN,
        ("Kamer van Koophandel", "Gemeente Assen"),
        45,
    ),
)


def build_history(seed: int = SEED, today: date | None = None) -> History:
    """The whole synthetic history up to `today` (the real date by default, so the demo stays current);
    the same `seed` and `today` always give the same history, and what is dated before 2020 does not
    depend on `today`."""
    today = today or timezone.localdate()
    builder = _Builder(seed)
    builder.cohort_stays()
    builder.later_stays()
    builder.re_entries()
    builder.respect_desk_capacity()
    builder.figures()
    builder._first_era_events = builder.events()
    events = builder._first_era_events
    if today > SEED_ERA_END:
        events = events + builder.continue_to(today)
    return History(people=builder.people, companies=builder.companies, events=events, today=today)


#: The yearly calendar from 2020 on: (month, day, kind, title, location, co-organising partners, expected
#: outside guests). Each is held on the Thursday on or after the date.
YEARLY_EVENTS: tuple[tuple[int, int, str, str, str | None, tuple[str, ...], int], ...] = (
    (1, 20, "network", "Nieuwjaarsborrel OFD", ASSEN, (), 34),
    (3, 12, "academy", "Starters Academy: financiering en subsidies", EMMEN, ("NOM", "MKB Fonds Drenthe"), 18),
    (4, 16, "workshop", "Workshop: je eerste medewerker", HOOGEVEEN, ("Drenthe College",), 14),
    (5, 21, "masterclass", "Masterclass: opschalen", ASSEN, ("Value 050",), 16),
    (6, 18, "network", "Zomerborrel OFD", EMMEN, ("Growing Workplace Emmen",), 28),
    (9, 24, "pitch", "Pitchavond Young Business Award", ASSEN, ("Stichting Young Business Award",), 30),
    (10, 15, "workshop", "Workshop: duurzaam ondernemen", RODEN, ("Gemeente Noordenveld",), 14),
    (11, 12, "network", "OFD Ondernemersdag Drenthe", ASSEN, ("Kamer van Koophandel", "Gemeente Assen"), 45),
    (12, 10, "workshop", "Workshop: jaarplan voor starters", MEPPEL, ("Gemeente Meppel",), 15),
)
#: Tonight's event (dated on the day the demo is loaded): 52 people registered, nobody checked in yet.
TONIGHT_TITLE = "Inloopavond voor starters"
TONIGHT_REGISTERED = 52
