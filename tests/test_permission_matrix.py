"""Deny by default, proved for every URL: each URL pattern has a row saying which roles may use it.

For every page URL and every role we request it in the user's own programme (the row's expected status),
in the other programme (always 404: a programme's existence is not revealed to outsiders), and anonymously
(redirect to login). A URL without a row fails `test_every_url_pattern_has_a_row`, so adding a URL means
adding its row. API operations have their own matrix in tests/api/.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fabriek.accounts.models import Role
from fabriek.core.models import AuditEntry

STAFF, LM, MENTOR, PARTICIPANT, PARTNER, FUNDER = (
    Role.STAFF,
    Role.LOCATION_MANAGER,
    Role.MENTOR,
    Role.PARTICIPANT,
    Role.PARTNER,
    Role.FUNDER,
)
EVERYONE = frozenset(Role.values)
ROLES = sorted(EVERYONE)


@dataclass(frozen=True)
class Row:
    """Who may GET this programme URL. `kwargs` builds the URL's other arguments from a programme's records."""

    roles: frozenset[str]
    kwargs: Callable[[SimpleNamespace], dict[str, Any]] = lambda p: {}
    ok: int = 200  # what an allowed role gets (405 for POST-only URLs, 302 for redirects)
    status: dict[str, int] = field(default_factory=dict)  # per-role exceptions, e.g. scoped 404
    #: a public view that hands members on to a programme view with these roles (`member_rule`)
    dispatches: bool = False


def pk(attr: str, name: str = "pk") -> Callable[[SimpleNamespace], dict[str, Any]]:
    return lambda p: {name: getattr(p, attr).pk}


def check_in_code(attendance: Any) -> str:
    """Give the registration a known check-in code (as its confirmation mail would carry) and return it."""
    from fabriek.accounts.models import hash_token

    raw = f"code-{attendance.pk}"
    type(attendance).objects.filter(pk=attendance.pk).update(check_in_code_hash=hash_token(raw))
    return raw


def cancel_token(attendance: Any) -> str:
    from fabriek.accounts.models import hash_token

    raw = f"cancel-{attendance.pk}"
    type(attendance).objects.filter(pk=attendance.pk).update(cancel_token_hash=hash_token(raw))
    return raw


def a_series(programme: Any) -> Any:
    from fabriek.events.models import EventSeries

    return EventSeries.objects.get_or_create(programme=programme, title="Starters Academy", required_sessions=3)[0]


def public_event(programme: Any) -> Any:
    from fabriek.events.models import Event

    Event.objects.filter(programme=programme).update(public=True)
    return Event.objects.filter(programme=programme).first()


def roles(*names: str) -> frozenset[str]:
    return frozenset(names)


def a_deletion(programme: Any) -> AuditEntry:
    """A deletion in the programme that can be undone (of nothing, so undoing it restores nothing). Made
    only here, so that the shared world holds no audit entries other tests would have to count."""
    return AuditEntry.objects.create(
        action="metrics.observation.deleted",
        object_type="metrics.observation",
        object_id="0",
        object_repr="-",
        programme_slug=programme.slug,
        snapshot={"rows": [], "cleared": [], "counts": []},
    )


def a_survey(p: Any) -> Any:
    """An open survey of the programme's company (made only here, like `a_deletion`)."""
    from django.utils import timezone

    from fabriek.surveys.models import SurveyInvitation

    today = timezone.localdate()
    invitation, _ = SurveyInvitation.objects.get_or_create(
        programme=p.programme,
        company=p.company,
        kind="exit",
        reference_date=today,
        defaults={"participation": p.participation, "sent_on": today, "closes_on": today + timedelta(days=30)},
    )
    return invitation


def a_survey_response(p: Any) -> Any:
    from django.utils import timezone

    from fabriek.surveys.models import SurveyResponse

    return SurveyResponse.objects.create(
        invitation=a_survey(p),
        channel="link",
        submitted_at=timezone.now(),
        proposed_outflow_status="freelancer",
        outflow_decision="pending",
    )


def a_desk(p: Any) -> Any:
    from fabriek.spaces.tests.factories import DeskFactory

    return DeskFactory(location=p.location)


def a_room(p: Any) -> Any:
    from fabriek.spaces.tests.factories import RoomFactory

    return RoomFactory(location=p.location)


def a_desk_booking(p: Any) -> Any:
    """The participant company's booking for tomorrow (its own, so the participant may cancel it)."""
    from fabriek.spaces.tests.factories import DeskBookingFactory

    return DeskBookingFactory(participation=p.participation, day=datetime.date.today() + datetime.timedelta(days=1))


def a_room_booking(p: Any) -> Any:
    from fabriek.spaces.models import RoomBooking

    return RoomBooking.objects.create(
        programme=p.programme,
        room=a_room(p),
        day=datetime.date.today() + datetime.timedelta(days=1),
        start_hour=9,
        end_hour=10,
        company=p.company,
    )


PROGRAMME_URLS: dict[str, Row] = {
    "audit-log": Row(roles(STAFF)),
    "reporting:dashboard": Row(EVERYONE),
    "reporting:indicators-export": Row(EVERYONE),
    # every member reaches the events and locations behind the dashboard's figures (the default list)
    "reporting:indicator-records": Row(EVERYONE),
    "reporting:inflow-outflow": Row(roles(STAFF, LM, FUNDER)),
    "reporting:inflow-outflow-export": Row(roles(STAFF, LM, FUNDER)),
    "reporting:inflow-outflow-companies": Row(roles(STAFF, LM)),
    "reporting:jobs-created": Row(roles(STAFF, LM, FUNDER)),
    "reporting:jobs-created-export": Row(roles(STAFF, LM, FUNDER)),
    "reporting:jobs-created-companies": Row(roles(STAFF, LM)),
    "reporting:coverage-companies": Row(roles(STAFF, LM)),
    # contributions per company: accounting, the programme team's
    "reporting:contributions": Row(roles(STAFF)),
    "reporting:contributions-export": Row(roles(STAFF)),
    "companies:company-list": Row(roles(STAFF, LM, PARTICIPANT)),
    # a location manager's new company comes with a stay at their location: sent on to the starter form
    "companies:company-create": Row(roles(STAFF, LM), status={LM: 302}),
    "companies:company-detail": Row(roles(STAFF, LM, PARTICIPANT), pk("company")),
    "companies:company-edit": Row(roles(STAFF, LM, PARTICIPANT), pk("company")),
    # Deleting (a confirm page, then POST) and undoing is for staff only: the reported figures change with it
    "companies:company-delete": Row(roles(STAFF), pk("company")),
    "participation:participation-delete": Row(roles(STAFF), pk("participation")),
    "events:event-delete": Row(roles(STAFF), pk("event")),
    "events:attendance-delete": Row(roles(STAFF), lambda p: {"event": p.event.pk, "pk": p.attendance.pk}),
    "metrics:observation-delete": Row(roles(STAFF), lambda p: {"company": p.company.pk, "pk": p.observation.pk}),
    "deletions:deletion-list": Row(roles(STAFF)),
    "deletions:deletion-undo": Row(roles(STAFF), lambda p: {"pk": a_deletion(p.programme).pk}, ok=405),
    # A person's requests about their data (export, erasure) are handled by the programme's staff
    "privacy:person-search": Row(roles(STAFF)),
    "privacy:person-export": Row(roles(STAFF), lambda p: {"pk": p.attendance.person_id}),
    "privacy:person-erase": Row(roles(STAFF), lambda p: {"pk": p.attendance.person_id}),
    "companies:company-person-add": Row(roles(STAFF), pk("company")),
    "companies:company-person-remove": Row(
        roles(STAFF), lambda p: {"pk": p.company.pk, "role": p.company_role.pk}, ok=405
    ),
    # the funder never sees personal data; a partner sees only themselves (the founder is 404); the mentor
    # coaches the founder's company, so sees its founder
    "people:person-list": Row(roles(STAFF, LM, PARTICIPANT)),
    "people:person-detail": Row(EVERYONE - {FUNDER}, pk("founder"), status={PARTNER: 404}),
    # staff correct anyone they see; everybody else only themselves
    "people:person-edit": Row(
        EVERYONE - {FUNDER}, pk("founder"), status={LM: 403, PARTICIPANT: 403, MENTOR: 403, PARTNER: 404}
    ),
    "participation:participation-list": Row(roles(STAFF, LM, PARTICIPANT)),
    "participation:participation-create": Row(roles(STAFF, LM)),
    "participation:company-options": Row(roles(STAFF, LM)),
    "participation:participation-detail": Row(roles(STAFF, LM, PARTICIPANT), pk("participation")),
    "participation:participation-edit": Row(roles(STAFF, LM), pk("participation")),
    "participation:starter-create": Row(roles(STAFF, LM)),
    # staff and the funder have the dashboard as their home; the others a page of their own
    "homes:home": Row(roles(LM, MENTOR, PARTICIPANT, PARTNER)),
    "programmes:location-list": Row(EVERYONE),
    "programmes:location-create": Row(roles(STAFF)),
    "programmes:location-detail": Row(EVERYONE, pk("location")),
    "programmes:location-edit": Row(roles(STAFF), pk("location")),
    "partners:partner-list": Row(roles(STAFF, FUNDER, PARTNER)),
    "partners:partner-create": Row(roles(STAFF)),
    "partners:partner-detail": Row(roles(STAFF, FUNDER, PARTNER), pk("partner")),
    "partners:partner-edit": Row(roles(STAFF), pk("partner")),
    "partners:agreement-create": Row(roles(STAFF), pk("partner", "partner")),
    "partners:agreement-edit": Row(roles(STAFF), lambda p: {"partner": p.partner.pk, "pk": p.agreement.pk}),
    "mentoring:mentor-list": Row(roles(STAFF, LM, MENTOR)),
    "mentoring:mentor-create": Row(roles(STAFF)),
    "mentoring:mentor-detail": Row(roles(STAFF, LM, MENTOR), pk("mentor")),
    "mentoring:mentor-edit": Row(roles(STAFF), pk("mentor")),
    "mentoring:mentor-match-create": Row(roles(STAFF), pk("mentor")),
    "mentoring:mentor-match-end": Row(roles(STAFF), lambda p: {"pk": p.mentor.pk, "match": p.mentor_match.pk}, ok=405),
    # matching and sessions: staff; the mentor their own matches; the company's participants its mentoring
    "mentoring:match-suggest": Row(roles(STAFF)),
    "mentoring:match-detail": Row(roles(STAFF, MENTOR, PARTICIPANT), pk("mentor_match")),
    # POST only: the mentor answers a proposal, or staff record the answer they gave by phone
    "mentoring:match-respond": Row(roles(STAFF, MENTOR), pk("mentor_match"), ok=405),
    "mentoring:session-create": Row(roles(STAFF, MENTOR), pk("mentor_match")),
    "mentoring:session-follow-up": Row(roles(STAFF, MENTOR, PARTICIPANT), pk("mentor_session"), ok=405),
    "mentoring:needs-edit": Row(roles(STAFF, PARTICIPANT), pk("company", "company")),
    "mentoring:mentor-hours": Row(roles(STAFF)),
    "events:event-list": Row(EVERYONE),
    "events:event-create": Row(roles(STAFF, LM)),
    # a public_view that shows members the event in Fabriek under these roles (world's event is not public)
    "events:event-detail": Row(EVERYONE, pk("event"), dispatches=True),
    "events:check-in-code": Row(roles(STAFF, LM), lambda p: {"code": check_in_code(p.attendance)}),
    "events:attendee-export": Row(roles(STAFF, LM), pk("event")),
    "events:series-list": Row(EVERYONE),
    "events:series-create": Row(roles(STAFF)),
    "events:series-detail": Row(roles(STAFF, LM), lambda p: {"pk": a_series(p.programme).pk}),
    "events:series-edit": Row(roles(STAFF), lambda p: {"pk": a_series(p.programme).pk}),
    "events:company-series": Row(roles(STAFF, LM, PARTICIPANT), pk("company", "company")),
    "events:event-edit": Row(roles(STAFF, LM), pk("event")),
    "events:event-check-in": Row(roles(STAFF, LM), pk("event")),
    # POST-only: an allowed role's GET is 405, a refused one's 403
    "events:attendance-create": Row(roles(STAFF, LM), pk("event", "event"), ok=405),
    "events:attendance-toggle": Row(roles(STAFF, LM), lambda p: {"event": p.event.pk, "pk": p.attendance.pk}, ok=405),
    "imports:import-upload": Row(roles(STAFF)),
    "imports:import-detail": Row(roles(STAFF), pk("import_job")),
    "imports:import-progress": Row(roles(STAFF), pk("import_job"), ok=302),  # a finished job redirects to its page
    "imports:import-confirm": Row(roles(STAFF), pk("import_job"), ok=405),
    "imports:import-retry": Row(roles(STAFF), pk("import_job"), ok=405),
    "imports:import-messages": Row(roles(STAFF), pk("import_job")),
    "invitations:invitation-list": Row(roles(STAFF)),
    "mail:outbox-list": Row(roles(STAFF)),
    "mail:outbox-retry": Row(roles(STAFF), pk("outbox_message"), ok=405),
    "metrics:observation-create": Row(roles(STAFF, LM, PARTICIPANT), pk("company", "company")),
    # participants may correct only their own self-reports; the world's figures come from staff
    "metrics:observation-edit": Row(
        roles(STAFF, LM, PARTICIPANT),
        lambda p: {"company": p.company.pk, "pk": p.observation.pk},
        status={PARTICIPANT: 403},
    ),
    # referrals out: staff refer participants; a partner sees and answers only the ones made to it
    "partners:referral-list": Row(roles(STAFF, PARTNER)),
    "partners:referral-create": Row(roles(STAFF)),
    "partners:referral-company-options": Row(roles(STAFF)),
    "partners:referral-outcome": Row(roles(STAFF, PARTNER), pk("referral")),
    "intake:partner-scorecard": Row(roles(STAFF, FUNDER, PARTNER)),
    # intake: partners see their own referrals (status only); mentors only the applications they review
    "intake:lead-list": Row(roles(STAFF, PARTNER)),
    "intake:lead-create": Row(roles(STAFF, PARTNER)),
    "intake:lead-detail": Row(roles(STAFF, PARTNER), pk("lead")),
    "intake:lead-edit": Row(roles(STAFF), pk("lead")),
    "intake:application-list": Row(roles(STAFF, MENTOR)),
    "intake:application-create": Row(roles(STAFF)),
    # a mentor who was not asked to review it does not see it; nobody has been asked in the world
    "intake:application-detail": Row(roles(STAFF, MENTOR), pk("application"), status={MENTOR: 404}),
    "intake:reviewer-assign": Row(roles(STAFF), pk("application"), ok=405),
    "intake:review-edit": Row(roles(STAFF, MENTOR), pk("application"), status={STAFF: 404, MENTOR: 404}),
    "intake:decision-create": Row(roles(STAFF), pk("application")),
    # spaces: staff and the location's manager manage desks and rooms; participants book (POST-only: 405)
    "spaces:overview": Row(roles(STAFF, LM)),
    "spaces:location": Row(roles(STAFF, LM), pk("location")),
    # figures without names: the funder too
    "spaces:occupancy": Row(roles(STAFF, LM, FUNDER), pk("location")),
    "spaces:desk-create": Row(roles(STAFF, LM), pk("location")),
    "spaces:room-create": Row(roles(STAFF, LM), pk("location")),
    "spaces:desk-edit": Row(roles(STAFF, LM), lambda p: {"pk": a_desk(p).pk}),
    "spaces:desk-assign": Row(roles(STAFF, LM), lambda p: {"pk": a_desk(p).pk}, ok=405),
    "spaces:room-edit": Row(roles(STAFF, LM), lambda p: {"pk": a_room(p).pk}),
    "spaces:booking-check-in": Row(roles(STAFF, LM), lambda p: {"pk": a_desk_booking(p).pk}, ok=405),
    "spaces:stay-outflow": Row(roles(STAFF, LM), pk("participation"), ok=405),
    "spaces:book": Row(roles(PARTICIPANT)),
    "spaces:waitlist-join": Row(roles(PARTICIPANT), ok=405),
    "spaces:booking-create": Row(roles(STAFF, LM, PARTICIPANT), ok=405),
    "spaces:booking-cancel": Row(roles(STAFF, LM, PARTICIPANT), lambda p: {"pk": a_desk_booking(p).pk}, ok=405),
    "spaces:room-booking-create": Row(roles(STAFF, LM, PARTICIPANT), lambda p: {"pk": a_room(p).pk}, ok=405),
    "spaces:room-booking-cancel": Row(roles(STAFF, LM, PARTICIPANT), lambda p: {"pk": a_room_booking(p).pk}, ok=405),
    # surveys: rates are aggregates (the funder sees them); the call list and answers by phone are staff's
    "survey-admin:response-rates": Row(roles(STAFF, FUNDER)),
    "survey-admin:call-list": Row(roles(STAFF)),
    "survey-admin:staff-entry": Row(roles(STAFF), lambda p: {"pk": a_survey(p).pk}),
    "survey-admin:outflow-decide": Row(roles(STAFF), lambda p: {"pk": a_survey_response(p).pk}, ok=405),
    # a participant answers their own company's open surveys from their home page; staff are sent on to
    # entering the answers on the founder's behalf
    "survey-admin:participant-answer": Row(
        roles(STAFF, PARTICIPANT), lambda p: {"pk": a_survey(p).pk}, status={STAFF: 302}
    ),
}

#: Public pages of a programme: the same answer for everyone, logged in or not, member or not.
PUBLIC_PROGRAMME_URLS: dict[str, int] = {
    "intake:apply": 200,
    "intake:apply-done": 200,
    "intake:apply-kvk": 200,  # the KvK lookup is off in the tests: the form's company part says so
}

#: Public pages about one record: name -> (kwargs from a programme's records, the answer for everyone).
#: Under another programme's slug, and for a record that is not public, the answer is 404.
PUBLIC_RECORD_URLS: dict[str, tuple[Callable[[SimpleNamespace], dict[str, Any]], int]] = {
    # the public page of a public event (members see it with ?view=public; the matrix above covers them)
    "events:event-register": (lambda p: {"pk": public_event(p.programme).pk}, 302),  # GET: back to the page
    # the cancel link of a confirmation mail: GET asks to confirm
    "events:registration-cancel": (lambda p: {"token": cancel_token(p.attendance)}, 200),
}

# URLs outside any programme: name -> {"anonymous": status, "member": status}
GLOBAL_URLS: dict[str, dict[str, int]] = {
    "home": {"anonymous": 302, "member": 302},
    "accounts:login": {"anonymous": 200, "member": 200},
    "accounts:logout": {"anonymous": 405, "member": 405},
    # without an invitation's token in the session there is nothing to accept
    "accounts:invitation-accept": {"anonymous": 404, "member": 404},
    "set_language": {"anonymous": 302, "member": 302},
    "profile": {"anonymous": 302, "member": 200},
    "healthz": {"anonymous": 200, "member": 200},
    "accounts:password_change": {"anonymous": 302, "member": 200},
    "accounts:password_change_done": {"anonymous": 302, "member": 200},
    "accounts:password_reset": {"anonymous": 200, "member": 200},
    "accounts:password_reset_done": {"anonymous": 200, "member": 200},
    # a link with a wrong token shows "this link does not work"
    "accounts:password_reset_confirm": {"anonymous": 200, "member": 200},
    "accounts:password_reset_complete": {"anonymous": 200, "member": 200},
    "accounts:security": {"anonymous": 302, "member": 200},
    "accounts:token-revoke": {"anonymous": 302, "member": 405},  # POST-only
    # the feed opens with its secret token only (a wrong one: 404); the page to make one is the user's own
    "calendar:feed": {"anonymous": 404, "member": 404},
    "calendar:settings": {"anonymous": 302, "member": 200},
    # without a second factor there is nothing to pass: on to where the user was going
    "accounts:two-factor-verify": {"anonymous": 302, "member": 302},
    "accounts:two-factor-setup": {"anonymous": 302, "member": 200},
    "accounts:two-factor-recovery-codes": {"anonymous": 302, "member": 405},  # POST-only
    "accounts:two-factor-remove": {"anonymous": 302, "member": 200},
    # a survey link: an unknown token, and without a token in the session nothing to answer, is a plain 404
    "surveys:open": {"anonymous": 404, "member": 404},
    "surveys:answer": {"anonymous": 404, "member": 404},
}
GLOBAL_KWARGS: dict[str, dict[str, str]] = {
    "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
    "accounts:token-revoke": {"pk": "1"},
    "calendar:feed": {"token": "no-such-token"},
    "surveys:open": {"token": "no-such-token"},
}


def assert_security_headers(response: Any) -> None:
    """Every answer Django gives carries the CSP, the Permissions-Policy and no-store (it may hold personal data)."""
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cache-Control"] == "no-store"


def assert_refusal_logged(user: Any, status: int) -> None:
    """A refused request leaves an audit entry: who, what path, which status."""
    from fabriek.core.models import AuditEntry

    entry = AuditEntry.objects.filter(action="access.refused").latest("id")
    assert (entry.actor, entry.changes["status"]) == (user, status)


def url_patterns(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(qualified name, view) for every named URL pattern, skipping the admin and the API."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace
            if namespace in {"admin", "api"}:
                continue
            yield from url_patterns(entry, f"{prefix}{namespace}:" if namespace else prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry.callback


def test_every_url_pattern_has_a_row() -> None:
    names = {name for name, _ in url_patterns()}
    rows = set(PROGRAMME_URLS) | set(GLOBAL_URLS) | set(PUBLIC_PROGRAMME_URLS) | set(PUBLIC_RECORD_URLS)
    missing = names - rows
    stale = rows - names
    assert not missing, f"URLs without a permission row: {sorted(missing)}"
    assert not stale, f"rows for URLs that no longer exist: {sorted(stale)}"


def test_every_page_view_declares_its_access_rule() -> None:
    undeclared = [name for name, view in url_patterns() if getattr(view, "access_rule", None) is None]
    assert not undeclared


def test_the_rows_agree_with_the_rules_the_views_declare() -> None:
    views = dict(url_patterns())

    def rule(name: str, row: Row) -> Any:
        if row.dispatches:
            assert views[name].access_rule == "public"
            return views[name].member_rule
        return views[name].access_rule

    disagree = {
        name: (sorted(row.roles), sorted(rule(name, row)))
        for name, row in PROGRAMME_URLS.items()
        if name in views and row.roles != rule(name, row)
    }
    assert not disagree


CASES = [(name, role) for name in sorted(PROGRAMME_URLS) for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_a_member_gets_what_the_row_says_in_their_own_programme(client, world, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    row = PROGRAMME_URLS[name]
    client.force_login(world.users[role])
    expected = row.status.get(role, row.ok if role in row.roles else 403)
    response = client.get(reverse(name, kwargs={"programme": "ofd", **row.kwargs(world.ofd)}))
    assert response.status_code == expected
    assert_security_headers(response)
    if expected in (403, 404):
        assert_refusal_logged(world.users[role], expected)


@pytest.mark.parametrize(("name", "role"), CASES)
def test_a_member_gets_404_for_another_programme(client, world, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    row = PROGRAMME_URLS[name]
    client.force_login(world.users[role])
    # the other programme's URL, with the other programme's records
    response = client.get(reverse(name, kwargs={"programme": "other", **row.kwargs(world.other)}))
    assert response.status_code == 404
    assert_security_headers(response)
    assert_refusal_logged(world.users[role], 404)


@pytest.mark.parametrize("name", sorted(PROGRAMME_URLS))
def test_staff_get_404_for_another_programmes_record_under_their_own_programme(client, world, name: str) -> None:  # type: ignore[no-untyped-def]
    row = PROGRAMME_URLS[name]
    kwargs = row.kwargs(world.other)
    if not kwargs:
        return  # the URL names no record, so there is nothing to smuggle in
    client.force_login(world.users[STAFF])
    response = client.get(reverse(name, kwargs={"programme": "ofd", **kwargs}))
    assert response.status_code == 404
    assert_refusal_logged(world.users[STAFF], 404)


@pytest.mark.parametrize("name", sorted(PROGRAMME_URLS))
def test_anonymous_visitors_are_sent_to_the_login_page(client, world, name: str) -> None:  # type: ignore[no-untyped-def]
    row = PROGRAMME_URLS[name]
    response = client.get(reverse(name, kwargs={"programme": "ofd", **row.kwargs(world.ofd)}))
    assert response.status_code == 302
    assert_security_headers(response)
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(PUBLIC_PROGRAMME_URLS))
def test_public_programme_pages_answer_everyone_and_only_for_existing_programmes(client, world, name: str) -> None:  # type: ignore[no-untyped-def]
    expected = PUBLIC_PROGRAMME_URLS[name]
    assert views_rule(name) == "public"
    for slug in ("ofd", "other"):
        assert client.get(reverse(name, kwargs={"programme": slug})).status_code == expected
    for user in (world.users[STAFF], world.users[PARTICIPANT], world.users["other_staff"]):
        client.force_login(user)
        assert client.get(reverse(name, kwargs={"programme": "ofd"})).status_code == expected
    assert client.get(reverse(name, kwargs={"programme": "no-such-programme"})).status_code == 404


@pytest.mark.parametrize("name", sorted(PUBLIC_RECORD_URLS))
def test_public_record_pages_answer_everyone_and_only_for_the_programmes_own_records(client, world, name: str) -> None:  # type: ignore[no-untyped-def]
    kwargs, expected = PUBLIC_RECORD_URLS[name]
    assert views_rule(name) == "public"
    own = reverse(name, kwargs={"programme": "ofd", **kwargs(world.ofd)})
    assert client.get(own).status_code == expected
    for user in (world.users[STAFF], world.users[PARTICIPANT], world.users["other_staff"]):
        client.force_login(user)
        response = client.get(own)
        assert response.status_code == expected
        assert_security_headers(response)
    # another programme's record under this programme's slug, and an unknown programme
    assert client.get(reverse(name, kwargs={"programme": "ofd", **kwargs(world.other)})).status_code == 404
    assert client.get(reverse(name, kwargs={"programme": "no-such-programme", **kwargs(world.ofd)})).status_code == 404


def test_a_public_events_page_is_for_everyone_and_members_see_it_in_fabriek(client, world) -> None:  # type: ignore[no-untyped-def]
    event = public_event(world.ofd.programme)
    url = reverse("events:event-detail", kwargs={"programme": "ofd", "pk": event.pk})
    anonymous = client.get(url)
    assert anonymous.status_code == 200
    assert 'id="seats-left"' in anonymous.content.decode()  # the public page
    client.force_login(world.users["other_staff"])
    assert client.get(url).status_code == 200  # not a member here: a visitor
    other = public_event(world.other.programme)
    assert client.get(reverse("events:event-detail", kwargs={"programme": "ofd", "pk": other.pk})).status_code == 404
    client.force_login(world.users[FUNDER])
    member = client.get(url)
    assert member.status_code == 200
    assert 'id="seats-left"' not in member.content.decode()
    assert client.get(f"{url}?view=public").status_code == 200


def views_rule(name: str) -> Any:
    return getattr(dict(url_patterns())[name], "access_rule", None)


@pytest.mark.parametrize("name", sorted(GLOBAL_URLS))
def test_global_urls(client, world, name: str) -> None:  # type: ignore[no-untyped-def]
    url = reverse(name, kwargs=GLOBAL_KWARGS.get(name))
    response = client.get(url)
    assert response.status_code == GLOBAL_URLS[name]["anonymous"]
    assert_security_headers(response)
    client.force_login(world.users[FUNDER])
    response = client.get(url)
    assert response.status_code == GLOBAL_URLS[name]["member"]
    assert_security_headers(response)


def test_the_admin_is_for_superusers_only(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[STAFF])
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(world.users["superuser"])
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_view_without_an_access_rule_is_refused(rf, world) -> None:  # type: ignore[no-untyped-def]
    from django.http import HttpResponse

    from fabriek.accounts.middleware import AccessRuleMiddleware

    def undeclared(request):  # type: ignore[no-untyped-def]
        return HttpResponse("secret")

    request = rf.get("/somewhere")
    request.resolver_match = None
    response = AccessRuleMiddleware(lambda r: HttpResponse())(request)
    assert response.status_code == 200
    assert AccessRuleMiddleware(lambda r: HttpResponse()).process_view(request, undeclared, (), {}).status_code == 403


@pytest.mark.parametrize(
    "model", ["companies/company", "participation/participation", "metrics/observation", "partners/agreement"]
)
def test_the_admin_shows_the_programmes_records_but_changes_them_only_through_the_services(
    client, world, model: str
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users["superuser"])
    assert client.get(f"/admin/{model}/").status_code == 200
    assert client.get(f"/admin/{model}/add/").status_code == 403


def test_a_refused_page_explains_itself_in_dutch(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[FUNDER])
    response = client.get(reverse("companies:company-list", kwargs={"programme": "ofd"}))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
    response = client.get(reverse("companies:company-list", kwargs={"programme": "other"}))
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
