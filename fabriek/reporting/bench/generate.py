"""A national-scale programme set for the reports benchmark, generated from a seed and bulk-loaded.

What it makes (for `Scale(companies=N, observations=M)`):
- five programmes ("bench-national" holds half of the companies, the others 20/15/10/5 %), each with five
  locations (three physical, one closed, one representation point, one being explored), the three
  packages, and the plan periods 2017-2019 and 2021-2023 with a target for every indicator;
- N companies; each has one or two stays in its programme (30 % came back), and 5 % also had a stay in a
  second programme. Stays start between 2014 and mid-2024, last three months to two years (a tenth
  longer), end with an outflow status (half entrepreneur) or are still going (those that would end after
  2024, and half of those that started in 2023 or later);
- M observations, recorded by the company's home programme, about M / N per company, from a date
  before the company's first start (for 12 % of them after it, so some baselines are found after the
  start and some are missing) up to the end of 2024; mixed sources, and about one date in twenty
  carries a second figure from another source (a tie the source rank decides). Employees follow a slow
  random walk with growth and losses;
- people (a founder per company, mentors, other visitors), partners with agreements, mentors, events
  (about one a year per 25 companies of a programme) and their attendances (four in five checked in).

With `via` (`files.ViaImports`) the companies, stays and observations go through the public import
instead: written as one CSV file per programme and kind, then imported (`make bench` runs `manage.py
import_records` for each, timing it and measuring its memory). Otherwise rows are streamed into the
database: PostgreSQL gets them through COPY (psycopg's `cursor.copy`), other databases through
`bulk_create` in big batches. Everything else is written directly, not through the services:
this is synthetic data for a throwaway database, like the test factories, so no audit entries are made.
The ids of the bulk-loaded rows are chosen here (from the table's highest id on), so the rows can refer
to each other without reading them back; the sequences are reset afterwards.
"""

from __future__ import annotations

import contextlib
import json
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max

from fabriek.companies.models import Company, Person
from fabriek.events.models import Attendance, Event
from fabriek.mentoring.models import Mentor, MentoringSession, MentorMatch
from fabriek.metrics.models import Observation, Source
from fabriek.participation.models import OutflowStatus, Participation
from fabriek.partners.models import Agreement, Partner
from fabriek.programmes.figures import figures_changed
from fabriek.programmes.models import Indicator, Location, PlanPeriod, Programme, ServicePackage, Target
from fabriek.reporting.bench.files import ViaImports, euros, iso

#: Bench programmes have slugs starting with this; nothing else does (see `bench_programmes`).
SLUG_PREFIX = "bench-"
#: (slug, name, share of the companies in %).
PROGRAMMES: tuple[tuple[str, str, int], ...] = (
    ("bench-national", "Bench national programme", 50),
    ("bench-north", "Bench programme north", 20),
    ("bench-east", "Bench programme east", 15),
    ("bench-south", "Bench programme south", 10),
    ("bench-west", "Bench programme west", 5),
)
#: Bench people have e-mail addresses in this (reserved, never delivered) domain.
EMAIL_DOMAIN = "bench.invalid"
FIRST_DAY = date(2014, 1, 1)
LAST_DAY = date(2024, 12, 31)
#: No stay starts after this day, so every stay has had some time to produce figures.
LAST_START = date(2024, 6, 30)
#: KvK numbers of bench companies: KVK_BASE + n.
KVK_BASE = 90_000_000
#: Rows per `bulk_create` call on databases without COPY.
BATCH = 5_000

STATUS_WEIGHTS: tuple[tuple[str, int], ...] = (
    (OutflowStatus.ENTREPRENEUR.value, 50),
    (OutflowStatus.FREELANCER.value, 25),
    (OutflowStatus.EMPLOYED.value, 15),
    (OutflowStatus.STOPPED.value, 10),
)
SOURCE_WEIGHTS: tuple[tuple[str, int], ...] = (
    (Source.STAFF.value, 35),
    (Source.SURVEY.value, 20),
    (Source.SELF_REPORT.value, 15),
    (Source.INTAKE.value, 5),
    (Source.KVK.value, 25),
)
#: Whole-plan-period targets (2017-2019 and 2021-2023) per 1,000 companies of a programme, and fixed ones.
TARGETS_PER_THOUSAND = {
    Indicator.EVENTS.value: 120,
    Indicator.PEOPLE_REACHED.value: 1_500,
    Indicator.PARTICIPANTS.value: 300,
    Indicator.PARTNERS.value: 20,
    Indicator.MENTORS.value: 15,
    Indicator.JOBS_CREATED.value: 300,
}
FIXED_TARGETS = {Indicator.PHYSICAL_LOCATIONS.value: 3, Indicator.OTHER_LOCATIONS.value: 2}
MUNICIPALITIES = ("GM0106", "GM0109", "GM0114", "GM0118", "GM0119", "GM1690", "GM1730")


@dataclass(frozen=True)
class Scale:
    """How much to generate; the same scale and seed give the same data."""

    companies: int = 20_000
    observations: int = 2_000_000
    seed: int = 2017


@dataclass
class Generated:
    """What `generate` made: the programmes (largest first), row counts and seconds per step."""

    programmes: list[Programme]
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def bench_programmes() -> models.QuerySet[Programme]:
    """The bench programmes in the database, if any."""
    return Programme.objects.filter(slug__startswith=SLUG_PREFIX)


# -- loading -----------------------------------------------------------------------------------------------


def _next_id(model: type[models.Model]) -> int:
    return int(model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1


def load(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Stream `rows` (tuples in the order of `fields`, given by attname, e.g. "company_id") into the table
    of `model`: COPY on PostgreSQL, `bulk_create` in batches of BATCH elsewhere. Returns the row count."""
    concrete = {f.attname: f for f in model._meta.concrete_fields}
    meta_fields = [concrete[name] for name in fields]
    manager = model._default_manager
    count = 0
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in meta_fields)
        json_at = [n for n, f in enumerate(meta_fields) if isinstance(f, models.JSONField)]
        statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                if json_at:
                    row = [json.dumps(v) if n in json_at else v for n, v in enumerate(row)]
                copy.write_row(row)
                count += 1
        return count
    batch: list[models.Model] = []
    for row in rows:
        batch.append(model(**dict(zip(fields, row, strict=True))))
        if len(batch) >= BATCH:
            manager.bulk_create(batch)
            count += len(batch)
            batch.clear()
    if batch:
        manager.bulk_create(batch)
        count += len(batch)
    return count


def analyze() -> str:
    """Fresh planner statistics after the load; returns the statement it ran.

    On PostgreSQL also VACUUM, which a live database's autovacuum would have done by the time anyone asks
    for a report: it sets the visibility map (so index-only scans need no heap visits) and keeps autovacuum
    from starting in the middle of the timings. VACUUM cannot run inside a transaction (as in the tests),
    so there it is ANALYZE alone."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    statement = "VACUUM ANALYZE" if vacuum else "ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(statement)
    return statement


def _reset_sequences(*model_list: type[models.Model]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


# -- the generator -----------------------------------------------------------------------------------------


def _split(total: int, shares: Sequence[int]) -> list[int]:
    """`total` split by `shares` (largest remainder), every part at least 1 when total allows."""
    whole = sum(shares)
    parts = [total * share // whole for share in shares]
    order = sorted(range(len(shares)), key=lambda n: -(total * shares[n] % whole))
    for n in order[: total - sum(parts)]:
        parts[n] += 1
    for n, part in enumerate(parts):
        if part == 0 and total >= len(shares):
            big = parts.index(max(parts))
            parts[big] -= 1
            parts[n] = 1
    return parts


def _pool(weights: Sequence[tuple[str, int]]) -> list[str]:
    """A list to draw from with rng.choice, each value as often as its weight."""
    return [value for value, weight in weights for _ in range(weight)]


def _day(start: date, end: date, rng: random.Random) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


@dataclass
class _Setup:
    """The small records of one programme that the bulk rows refer to."""

    programme: Programme
    share: int
    locations: list[int]
    packages: list[int]
    #: pk -> name of the locations, pk -> kind of the packages: how an import file names them.
    location_names: dict[int, str] = field(default_factory=dict)
    package_kinds: dict[int, str] = field(default_factory=dict)
    companies: list[int] = field(default_factory=list)


def _make_programmes(parts: list[int]) -> list[_Setup]:
    setups = []
    for (slug, name, share), size in zip(PROGRAMMES, parts, strict=True):
        programme = Programme.objects.create(slug=slug, name=name)
        physical, closed, representation, exploring = (
            Location.Kind.PHYSICAL,
            Location.Status.CLOSED,
            Location.Kind.REPRESENTATION,
            Location.Status.EXPLORING,
        )
        active = Location.Status.ACTIVE
        locations = Location.objects.bulk_create(
            [
                Location(programme=programme, name="Assen", kind=physical, status=active, opened_on=date(2014, 2, 1)),
                Location(programme=programme, name="Emmen", kind=physical, status=active, opened_on=date(2014, 10, 1)),
                Location(
                    programme=programme, name="Hoogeveen", kind=physical, status=active, opened_on=date(2016, 4, 1)
                ),
                Location(
                    programme=programme,
                    name="Meppel",
                    kind=physical,
                    status=closed,
                    opened_on=date(2017, 1, 1),
                    closed_on=date(2020, 6, 30),
                ),
                Location(
                    programme=programme, name="Roden", kind=representation, status=active, opened_on=date(2017, 3, 1)
                ),
                Location(programme=programme, name="Beilen", kind=representation, status=exploring),
            ]
        )
        packages = ServicePackage.objects.bulk_create(
            [
                ServicePackage(programme=programme, name=str(kind.label), kind=kind, monthly_price_cents=price)
                for kind, price in zip(ServicePackage.Kind, (45_000, 17_500, 5_000), strict=True)
            ]
        )
        for plan_name, starts_on, ends_on in (
            ("2017-2019", date(2017, 1, 1), date(2019, 12, 31)),
            ("2021-2023", date(2021, 1, 1), date(2023, 12, 31)),
        ):
            plan = PlanPeriod.objects.create(programme=programme, name=plan_name, starts_on=starts_on, ends_on=ends_on)
            targets = {key: max(1, per * size // 1000) for key, per in TARGETS_PER_THOUSAND.items()}
            Target.objects.bulk_create(
                Target(plan_period=plan, indicator=key, value=value)
                for key, value in {**targets, **FIXED_TARGETS}.items()
            )
        setups.append(
            _Setup(
                programme=programme,
                share=share,
                locations=[location.pk for location in locations[:3]],
                packages=[package.pk for package in packages],
                location_names={location.pk: location.name for location in locations},
                package_kinds={package.pk: package.kind for package in packages},
            )
        )
    return setups


def _stays(rng: random.Random, statuses: list[str]) -> list[tuple[date, date | None, str]]:
    """One company's stays in one programme, in order, never overlapping."""
    start = _day(FIRST_DAY, LAST_START, rng)
    stays: list[tuple[date, date | None, str]] = []
    for _ in range(2 if rng.random() < 0.3 else 1):
        length = rng.randint(90, 730) if rng.random() < 0.9 else rng.randint(731, 1_100)
        end = start + timedelta(days=length)
        if end > LAST_DAY or (start.year >= 2023 and rng.random() < 0.5):
            stays.append((start, None, ""))
            break
        stays.append((start, end, rng.choice(statuses)))
        start = end + timedelta(days=rng.randint(60, 900))
        if start > LAST_START:
            break
    return stays


def _observations(
    rng: random.Random, company_id: int, first_start: date, count: int, sources: list[str], others: dict[str, list[str]]
) -> Iterator[tuple[Any, ...]]:
    """`count` observations of one company, dated from before (or, for some, shortly after) its first start
    up to LAST_DAY, about one date in twenty with a second figure from another source."""
    if rng.random() < 0.88:
        begin = first_start - timedelta(days=rng.randint(0, 700))
    else:
        begin = first_start + timedelta(days=rng.randint(1, 150))
    begin = max(FIRST_DAY, min(begin, LAST_DAY - timedelta(days=count)))
    span = (LAST_DAY - begin).days + 1
    distinct = max(1, min(span, count - count // 20))
    offsets = sorted(rng.sample(range(span), distinct))
    tied = set(rng.sample(range(distinct), count - distinct))
    employees, interns = rng.randint(0, 4), rng.randint(0, 2)
    first = begin.toordinal()
    for n, offset in enumerate(offsets):
        step = rng.random()
        if step < 0.12:
            employees += 1
        elif step < 0.18 and employees:
            employees -= 1
        if rng.random() < 0.1:
            interns = rng.randint(0, 3)
        day = date.fromordinal(first + offset)
        source = rng.choice(sources)
        fte = f"{employees * 0.8:.2f}" if step < 0.5 else None
        revenue = employees * 6_000_000 + rng.randint(0, 5_000_000) if step > 0.7 else None
        yield (company_id, day, employees, interns, fte, revenue, source)
        if n in tied:
            other = rng.choice(others[source])
            yield (company_id, day, max(0, employees + rng.choice((-1, 1))), interns, None, None, other)


def generate(
    scale: Scale, *, log: Callable[[str], None] = lambda text: None, via: ViaImports | None = None
) -> Generated:
    """Generate and load the programme set of `scale` (see the module docstring).

    Without `via` everything is bulk-loaded in one transaction. With `via`, the companies, stays and
    observations go through the import files instead (`files.ViaImports`: written, then imported by its
    `run`, which must see committed programmes, so there is no transaction around it all); the records
    without an import format (memberships in a second programme, people, partners, mentors, events) are
    still loaded directly. The same scale and seed give the same records either way, up to the ids."""
    if scale.companies < len(PROGRAMMES) or scale.observations < scale.companies:
        raise ValueError("the bench needs at least one company per programme and one observation per company")
    rng = random.Random(scale.seed)
    statuses, sources = _pool(STATUS_WEIGHTS), _pool(SOURCE_WEIGHTS)
    # The second source of a tie: any other, by weight.
    others = {source: [s for s in sources if s != source] for source in set(sources)}
    result = Generated(programmes=[])

    def step(name: str, work: Callable[[], int]) -> None:
        began = time.perf_counter()
        result.counts[name] = work()
        result.seconds[name] = time.perf_counter() - began
        log(f"  {name:<14} {result.counts[name]:>10,} rows  {result.seconds[name]:7.1f} s")

    with transaction.atomic() if via is None else contextlib.nullcontext():
        began = time.perf_counter()
        parts = _split(scale.companies, [share for _, _, share in PROGRAMMES])
        with transaction.atomic():
            setups = _make_programmes(parts)
        result.programmes = [setup.programme for setup in setups]
        slugs = [setup.programme.slug for setup in setups]
        result.seconds["programmes"] = time.perf_counter() - began

        person_id, partner_id, event_id = _next_id(Person), _next_id(Partner), _next_id(Event)

        # Companies, interleaved over the programmes as they would have joined over the years.
        home = [n for n, part in enumerate(parts) for _ in range(part)]
        rng.shuffle(home)
        company_rows = (
            (
                f"{KVK_BASE + n:08d}",
                f"Bench company {n}",
                _day(date(2008, 1, 1), date(2024, 1, 1), rng),
                "",
                rng.choice(MUNICIPALITIES),
                "",
            )
            for n in range(scale.companies)
        )
        if via is None:
            first_id = _next_id(Company)
            company_ids = list(range(first_id, first_id + scale.companies))
            step(
                "companies",
                lambda: load(
                    Company,
                    ("id", "kvk_number", "name", "founded_on", "postcode", "municipality_code", "sbi_code"),
                    ((cid, *row) for cid, row in zip(company_ids, company_rows, strict=True)),
                ),
            )
        else:
            files = (
                (slugs[n], (kvk, name, iso(founded), *rest))
                for n, (kvk, name, founded, *rest) in zip(home, company_rows, strict=True)
            )
            step("companies", lambda: via.import_all("companies", via.write("companies", files, slugs)))
            kvks = [f"{KVK_BASE + n:08d}" for n in range(scale.companies)]
            found = dict(Company.objects.filter(kvk_number__in=kvks).values_list("kvk_number", "id"))
            company_ids = [found[kvk] for kvk in kvks]
        kvk_of = {cid: f"{KVK_BASE + n:08d}" for n, cid in enumerate(company_ids)}
        for cid, n in zip(company_ids, home, strict=True):
            setups[n].companies.append(cid)

        # Stays: every company in its home programme, 5 % also in a second one.
        memberships: list[tuple[int, int]] = []
        stays: list[tuple[Any, ...]] = []
        first_start: dict[int, date] = {}
        recorder: dict[int, int] = {}  # the programme that records a company's figures (its home)
        for n, setup in enumerate(setups):
            for cid in setup.companies:
                recorder[cid] = setup.programme.pk
                programmes = [n]
                if rng.random() < 0.05:
                    programmes.append(rng.choice([m for m in range(len(setups)) if m != n]))
                for m in programmes:
                    target = setups[m]
                    # A company's home programme links it when its companies file is imported.
                    if via is None or m != n:
                        memberships.append((cid, target.programme.pk))
                    for started_on, ended_on, status in _stays(rng, statuses):
                        stays.append(
                            (
                                cid,
                                target.programme.pk,
                                rng.choice(target.locations),
                                rng.choice(target.packages),
                                started_on,
                                ended_on,
                                status,
                                "",
                            )
                        )
                        first_start[cid] = min(first_start.get(cid, started_on), started_on)
        through = Company.programmes.through
        step("memberships", lambda: load(through, ("company_id", "programme_id"), memberships))
        if via is None:
            step(
                "participations",
                lambda: load(
                    Participation,
                    (
                        "company_id",
                        "programme_id",
                        "location_id",
                        "package_id",
                        "started_on",
                        "ended_on",
                        "outflow_status",
                        "long_stay_reason",
                    ),
                    stays,
                ),
            )
        else:
            slug_of = {setup.programme.pk: setup.programme.slug for setup in setups}
            names = {pk: name for setup in setups for pk, name in setup.location_names.items()}
            package_kind = {pk: kind for setup in setups for pk, kind in setup.package_kinds.items()}
            files = (
                (
                    slug_of[programme],
                    (kvk_of[cid], names[location], package_kind[package], iso(start), iso(end), status),
                )
                for cid, programme, location, package, start, end, status, _reason in stays
            )
            step("participations", lambda: via.import_all("participations", via.write("participations", files, slugs)))

        # Observations: streamed, never all in memory.
        each, extra = divmod(scale.observations, scale.companies)

        def observation_rows() -> Iterator[tuple[Any, ...]]:
            for n, cid in enumerate(company_ids):
                for row in _observations(rng, cid, first_start[cid], each + (n < extra), sources, others):
                    yield (row[0], recorder[cid], *row[1:])

        if via is None:
            step(
                "observations",
                lambda: load(
                    Observation,
                    (
                        "company_id",
                        "programme_id",
                        "observed_on",
                        "employees",
                        "interns",
                        "fte",
                        "revenue_cents",
                        "source",
                    ),
                    observation_rows(),
                ),
            )
        else:
            slug_of = {setup.programme.pk: setup.programme.slug for setup in setups}
            files = (
                (slug_of[programme], (kvk_of[cid], iso(day), employees, interns, fte or "", euros(revenue), source))
                for cid, programme, day, employees, interns, fte, revenue, source in observation_rows()
            )
            step("observations", lambda: via.import_all("observations", via.write("observations", files, slugs)))

        # People: a founder per company, mentors, and other visitors of events.
        mentors_pool = max(10, scale.companies // 100)
        visitors = scale.companies // 2
        people = scale.companies + mentors_pool + visitors
        person_ids = list(range(person_id, person_id + people))
        mentor_people = person_ids[scale.companies : scale.companies + mentors_pool]
        guests = person_ids[: scale.companies] + person_ids[scale.companies + mentors_pool :]
        step(
            "people",
            lambda: load(
                Person,
                ("id", "name", "email", "phone", "language"),
                ((pid, f"Bench person {pid}", f"person{pid}@{EMAIL_DOMAIN}", "", "nl") for pid in person_ids),
            ),
        )

        # Partners and their agreements (one or two each, with weighted programmes).
        partner_count = max(10, scale.companies // 60)
        partner_ids = list(range(partner_id, partner_id + partner_count))
        kinds = list(Partner.Kind.values)
        step(
            "partners",
            lambda: load(
                Partner,
                ("id", "name", "kind"),
                ((pid, f"Bench partner {pid}", rng.choice(kinds)) for pid in partner_ids),
            ),
        )
        shares = [setup.share for setup in setups]
        agreements: list[tuple[Any, ...]] = []
        for pid in partner_ids:
            for _ in range(rng.randint(1, 2)):
                setup = rng.choices(setups, weights=shares)[0]
                started_on = _day(FIRST_DAY, date(2023, 12, 31), rng)
                ended_on = None if rng.random() < 0.4 else started_on + timedelta(days=rng.randint(365, 1_825))
                agreements.append((pid, setup.programme.pk, started_on, ended_on))
        partner_programmes = sorted({(pid, programme_id) for pid, programme_id, _, _ in agreements})
        step(
            "agreements", lambda: load(Agreement, ("partner_id", "programme_id", "started_on", "ended_on"), agreements)
        )
        step(
            "partner links",
            lambda: load(Partner.programmes.through, ("partner_id", "programme_id"), partner_programmes),
        )

        # Mentors: about 15 spans per 1,000 companies of a programme.
        spans: dict[tuple[int, int, date], date | None] = {}
        for setup in setups:
            for _ in range(max(2, len(setup.companies) * 15 // 1000)):
                active_from = _day(FIRST_DAY, LAST_START, rng)
                until = None if rng.random() < 0.5 else active_from + timedelta(days=rng.randint(180, 1_500))
                spans[(rng.choice(mentor_people), setup.programme.pk, active_from)] = until
        step(
            "mentors",
            lambda: load(
                Mentor,
                (
                    "person_id",
                    "programme_id",
                    "expertise",
                    "expertise_note",
                    "capacity",
                    "availability",
                    "active_from",
                    "active_until",
                ),
                (
                    (person, programme_id, [], "", 2, "", since, until)
                    for (person, programme_id, since), until in spans.items()
                ),
            ),
        )
        _mentorships(step, setups)

        # Events: about one a year per 25 companies of a programme, with their attendances.
        events: list[tuple[Any, ...]] = []
        for setup in setups:
            per_year = max(2, len(setup.companies) // 25)
            for year in range(FIRST_DAY.year, LAST_DAY.year + 1):
                for _ in range(per_year):
                    day = _day(date(year, 1, 1), date(year, 12, 31), rng)
                    starts_at = datetime(day.year, day.month, day.day, rng.randint(8, 18), tzinfo=UTC)
                    events.append(
                        (
                            event_id + len(events),
                            setup.programme.pk,
                            f"Bench event {event_id + len(events)}",
                            rng.choice(Event.Kind.values),
                            starts_at,
                            starts_at + timedelta(hours=2),
                            rng.choice(setup.locations),
                        )
                    )
        step(
            "events",
            lambda: load(Event, ("id", "programme_id", "title", "kind", "starts_at", "ends_at", "location_id"), events),
        )

        def attendance_rows() -> Iterator[tuple[Any, ...]]:
            for event in events:
                for person in rng.sample(guests, min(len(guests), rng.randint(5, 40))):
                    yield (event[0], person, rng.random() < 0.8)

        step("attendances", lambda: load(Attendance, ("event_id", "person_id", "checked_in"), attendance_rows()))
        _reset_sequences(Company, Person, Partner, Event)
        # written by COPY and bulk_create, which send no signals (`reporting.watch`)
        figures_changed(programme_ids=[programme.pk for programme in result.programmes])
    return result


def _mentorships(step: Callable[[str, Callable[[], int]], None], setups: Sequence[Any]) -> None:
    """Mentorships and sessions for the mentors just loaded (clause 14 counts mentors who mentored): some
    mentors have none, some matches are proposed or declined, and some sessions fall after a match ended.
    From a random stream of their own, so the records generated after them keep their values."""
    rng = random.Random(14)
    companies_of = {setup.programme.pk: setup.companies for setup in setups}
    mentors = (
        Mentor.objects.filter(programme__in=list(companies_of))
        .order_by("pk")
        .values_list("pk", "programme_id", "active_from", "active_until")
    )
    matches: dict[tuple[int, int, date], tuple[Any, ...]] = {}
    sessions: list[tuple[Any, ...]] = []
    match_id = _next_id(MentorMatch)
    for mentor_id, programme_id, since, until in mentors:
        if rng.random() < 0.2:
            continue
        last = min(until or LAST_DAY, LAST_DAY)
        for _ in range(rng.randint(1, 3)):
            started = _day(since, last, rng)
            ended = None if rng.random() < 0.3 else min(last, started + timedelta(days=rng.randint(30, 540)))
            status = rng.choices(["accepted", "proposed", "declined"], weights=[8, 1, 1])[0]
            key = (mentor_id, rng.choice(companies_of[programme_id]), started)
            if key in matches:
                continue
            matches[key] = (match_id, *key, ended, status, "")
            if status == "accepted":
                latest = min(LAST_DAY, (ended or LAST_DAY) + timedelta(days=60))
                for _ in range(rng.randint(0, 6)):
                    sessions.append((match_id, _day(started, latest, rng), rng.choice((45, 60, 90)), "Bench", ""))
            match_id += 1
    fields = ("id", "mentor_id", "company_id", "started_on", "ended_on", "status", "decline_reason")
    step("mentorships", lambda: load(MentorMatch, fields, matches.values()))
    step(
        "sessions",
        lambda: load(
            MentoringSession,
            ("match_id", "held_on", "minutes", "topics", "follow_up", "logged_at"),
            ((*row, datetime(2024, 12, 31, tzinfo=UTC)) for row in sessions),
        ),
    )
    _reset_sequences(MentorMatch)


def remove() -> dict[str, int]:
    """Delete every bench record (bench programmes and all that hangs on them, bench companies and people).
    Returns the number of rows deleted per model."""
    deleted: dict[str, int] = {}

    def gone(label: str, queryset: models.QuerySet[Any]) -> None:
        deleted[label] = queryset.delete()[0]

    with transaction.atomic():
        programmes = list(bench_programmes().values_list("pk", flat=True))
        companies = Company.objects.filter(programmes__in=programmes).values("pk")
        # Without the per-row delete signals (`reporting.watch`), which would load every figure into memory;
        # the programmes go at the end, and with them their stored figures.
        observations = Observation.objects.filter(company__in=companies)
        deleted["observations"] = observations._raw_delete(observations.db)
        gone("attendances", Attendance.objects.filter(event__programme__in=programmes))
        gone("events", Event.objects.filter(programme__in=programmes))
        gone("sessions", MentoringSession.objects.filter(match__mentor__programme__in=programmes))
        gone("mentorships", MentorMatch.objects.filter(mentor__programme__in=programmes))
        gone("mentors", Mentor.objects.filter(programme__in=programmes))
        partners = list(Partner.objects.filter(programmes__in=programmes).values_list("pk", flat=True).distinct())
        gone("agreements", Agreement.objects.filter(programme__in=programmes))
        gone("partners", Partner.objects.filter(pk__in=partners, agreements__isnull=True))
        gone("participations", Participation.objects.filter(programme__in=programmes))
        gone("companies", Company.objects.filter(pk__in=list(companies.values_list("pk", flat=True))))
        gone("people", Person.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}"))
        gone("programmes", Programme.objects.filter(pk__in=programmes))
    return deleted
