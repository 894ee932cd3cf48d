"""Writes of mentors. A mentor is a Person (name, e-mail, phone) linked to a programme for a span of time;
the mentor services write both, in one transaction and one audit entry."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company, Person
from fabriek.core.audit import diff, log_action, snapshot
from fabriek.core.mailing import compose
from fabriek.core.validation import ConstraintErrors, full_clean_per_field, save_per_field, update_logged
from fabriek.mentoring import selectors
from fabriek.mentoring.expertise import normalise_expertise
from fabriek.mentoring.models import MatchStatus, Mentor, MentoringNeeds, MentoringSession, MentorMatch
from fabriek.programmes.figures import figures_changed
from fabriek.programmes.models import Programme

PERSON_FIELDS = ("name", "email", "phone")
MENTOR_FIELDS = ("expertise", "expertise_note", "capacity", "availability", "active_from", "active_until")
PERSON_CONSTRAINT_ERRORS: ConstraintErrors = {}
MENTOR_CONSTRAINT_ERRORS: ConstraintErrors = {
    "mentor_active_until_after_from": ("active_until", _("A mentor cannot stop before they start.")),
    "mentor_unique_span": ("active_from", _("This mentor already has a span starting on this date.")),
}


def _expertise(values: Sequence[str], field: str = "expertise") -> list[str]:
    try:
        return normalise_expertise(values)
    except ValidationError as error:
        raise ValidationError({field: error}) from None


def _validate(person: Person, mentor: Mentor, *, person_is_new: bool) -> None:
    """Validate both records and report all errors at once, each on its form field."""
    errors: dict[str, list[ValidationError]] = {}
    for obj, constraint_errors, exclude in (
        (person, PERSON_CONSTRAINT_ERRORS, ()),
        # A new person has no id yet; the mentor's checks that need it cannot fail for a new person.
        (mentor, MENTOR_CONSTRAINT_ERRORS, ("person",) if person_is_new else ()),
    ):
        try:
            full_clean_per_field(obj, constraint_errors, exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _changes(person: Person, mentor: Mentor) -> dict[str, Any]:
    return {**snapshot(person, PERSON_FIELDS), **snapshot(mentor, MENTOR_FIELDS)}


@transaction.atomic
def mentor_create(
    *,
    actor: Any,
    programme: Programme,
    name: str,
    active_from: date,
    email: str = "",
    phone: str = "",
    expertise: Sequence[str] = (),
    expertise_note: str = "",
    capacity: int = 2,
    availability: str = "",
    active_until: date | None = None,
) -> Mentor:
    """Link a new mentor to a programme: creates the person and the mentor record. The e-mail is how a
    mentor who logs in finds their own record (see selectors.mentor_visible)."""
    person = Person(name=name, email=email, phone=phone)
    mentor = Mentor(
        programme=programme,
        expertise=_expertise(expertise),
        expertise_note=expertise_note,
        capacity=capacity,
        availability=availability,
        active_from=active_from,
        active_until=active_until,
    )
    _validate(person, mentor, person_is_new=True)
    save_per_field(person, PERSON_CONSTRAINT_ERRORS)
    mentor.person = person
    save_per_field(mentor, MENTOR_CONSTRAINT_ERRORS)
    log_action(
        actor=actor,
        action="mentoring.mentor.created",
        obj=mentor,
        changes={f: [None, v] for f, v in _changes(person, mentor).items() if v not in ("", None, [])},
        programme_slug=programme.slug,
    )
    return mentor


@transaction.atomic
def mentor_update(*, actor: Any, programme: Programme, mentor: Mentor, **fields: Any) -> Mentor:
    """Change a mentor's person details (name, email, phone) and span or expertise; only the fields given
    change, and one audit entry lists them old -> new. A refused change leaves both objects as they were."""
    unknown = set(fields) - set(PERSON_FIELDS) - set(MENTOR_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if mentor.programme_id != programme.pk:
        raise ValueError("the mentor belongs to another programme")
    if "expertise" in fields:
        fields["expertise"] = _expertise(fields["expertise"])
    person = mentor.person
    before = _changes(person, mentor)
    original = {name: getattr(person if name in PERSON_FIELDS else mentor, name) for name in fields}
    for name, value in fields.items():
        setattr(person if name in PERSON_FIELDS else mentor, name, value)
    try:
        _validate(person, mentor, person_is_new=False)
    except ValidationError:
        for name, value in original.items():
            setattr(person if name in PERSON_FIELDS else mentor, name, value)
        raise
    changes = diff(before, _changes(person, mentor))
    if changes:
        person_changed = [f for f in changes if f in PERSON_FIELDS]
        mentor_changed = [f for f in changes if f in MENTOR_FIELDS]
        if person_changed:
            save_per_field(person, PERSON_CONSTRAINT_ERRORS, update_fields=person_changed)
        if mentor_changed:
            save_per_field(mentor, MENTOR_CONSTRAINT_ERRORS, update_fields=mentor_changed)
        log_action(
            actor=actor,
            action="mentoring.mentor.updated",
            obj=mentor,
            changes=changes,
            programme_slug=programme.slug,
        )
    return mentor


MATCH_FIELDS = ("mentor", "company", "started_on", "ended_on", "status")
MATCH_CONSTRAINT_ERRORS: ConstraintErrors = {
    "mentormatch_ends_after_start": ("ended_on", _("A mentorship cannot end before it starts.")),
    "mentormatch_unique_start": ("company", _("This mentor already coaches this company from this date.")),
}


def _mail_people(people: Sequence[Person | None]) -> list[Person]:
    return [person for person in people if person is not None and person.email]


@transaction.atomic
def mentor_match_create(
    *,
    actor: Any,
    programme: Programme,
    mentor: Mentor,
    company: Company,
    started_on: date,
    ended_on: date | None = None,
) -> MentorMatch:
    """Propose a company to a mentor as their mentee; the mentor accepts or declines it
    (`mentor_match_respond`), and until then it is no mentoring (clause 14). Both must belong to the
    programme, and the mentor must have room: their open proposals and current mentees together stay within
    their capacity. The mentor gets a mail (through the outbox, in their language) when the change commits."""
    if mentor.programme_id != programme.pk:
        raise ValueError("the mentor belongs to another programme")
    if not company.programmes.filter(pk=programme.pk).exists():
        raise ValidationError({"company": _("Choose a company of this programme.")})
    taken = selectors.mentor_load(mentor=mentor, on=started_on)
    if taken >= mentor.capacity:
        raise ValidationError(
            {
                "company": _(
                    "%(mentor)s already has %(taken)d mentees or open proposals, their capacity; end a mentorship "
                    "or raise their capacity first."
                )
                % {"mentor": mentor.person.name, "taken": taken}
            }
        )
    match = MentorMatch(
        mentor=mentor,
        company=company,
        started_on=started_on,
        ended_on=ended_on,
        status=MatchStatus.PROPOSED,
        proposed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    full_clean_per_field(match, MATCH_CONSTRAINT_ERRORS)
    save_per_field(match, MATCH_CONSTRAINT_ERRORS)
    log_action(
        actor=actor,
        action="mentoring.mentormatch.created",
        obj=match,
        changes={f: [None, v] for f, v in snapshot(match, MATCH_FIELDS).items() if v is not None},
        programme_slug=programme.slug,
    )
    for person in _mail_people([mentor.person]):
        compose(
            template="mentoring/mail/match_proposed",
            context={"match": match, "programme": programme, "link": _match_link(programme, match)},
            to=[person.email],
            language=person.language,
            programme_slug=programme.slug,
        ).send()
    return match


def _match_link(programme: Programme, match: MentorMatch) -> str:
    path = reverse("mentoring:match-detail", kwargs={"programme": programme.slug, "pk": match.pk})
    return f"{settings.SITE_URL}{path}"


@transaction.atomic
def mentor_match_respond(
    *, actor: Any, programme: Programme, match: MentorMatch, accept: bool, reason: str = ""
) -> MentorMatch:
    """The mentor's answer to a proposal. Only a proposal can be answered, once: the update is conditional, so
    two answers at the same moment (two tabs, two devices) give one. Whoever proposed it gets a mail."""
    status = MatchStatus.ACCEPTED if accept else MatchStatus.DECLINED
    if len(reason) > 500:
        raise ValidationError({"reason": _("Keep the reason under 500 characters.")})
    answered = MentorMatch.objects.filter(pk=match.pk, status=MatchStatus.PROPOSED).update(
        status=status, responded_at=timezone.now(), decline_reason="" if accept else reason.strip()
    )
    if not answered:
        raise ValidationError(_("This proposal has been answered already."))
    # an update sends no signal, and an accepted mentorship counts as mentoring (clause 14)
    figures_changed(programme_ids=[programme.pk])
    match.refresh_from_db()
    log_action(
        actor=actor,
        action=f"mentoring.mentormatch.{status}",
        obj=match,
        changes={"status": [MatchStatus.PROPOSED, status]},
        programme_slug=programme.slug,
    )
    proposer = match.proposed_by
    if proposer is not None and proposer.email:
        compose(
            template="mentoring/mail/match_answered",
            context={"match": match, "programme": programme, "link": _match_link(programme, match)},
            to=[proposer.email],
            language=proposer.language or "nl",
            programme_slug=programme.slug,
        ).send()
    return match


@transaction.atomic
def mentor_match_end(*, actor: Any, programme: Programme, match: MentorMatch, ended_on: date) -> MentorMatch:
    """End a mentorship on `ended_on` (not before its start)."""
    update_logged(
        match,
        fields={"ended_on": ended_on},
        editable=("ended_on",),
        constraint_errors=MATCH_CONSTRAINT_ERRORS,
        actor=actor,
        action="mentoring.mentormatch.ended",
        programme_slug=programme.slug,
    )
    return match


SESSION_FIELDS = ("match", "held_on", "minutes", "topics", "follow_up")


@transaction.atomic
def mentoring_session_create(
    *,
    actor: Any,
    programme: Programme,
    match: MentorMatch,
    held_on: date,
    minutes: int,
    topics: str,
    follow_up: str = "",
) -> MentoringSession:
    """Log a session of an accepted mentorship, held on or after its start (a last talk after the end date
    still counts: mentors keep in touch). Who may log it for which match is the caller's check
    (`selectors.match_for_logging`)."""
    if match.mentor.programme_id != programme.pk:
        raise ValueError("the match belongs to another programme")
    if match.status != MatchStatus.ACCEPTED:
        raise ValidationError({"match": _("Sessions can be logged once the mentor has accepted the mentee.")})
    session = MentoringSession(
        match=match,
        held_on=held_on,
        minutes=minutes,
        topics=topics.strip(),
        follow_up=follow_up.strip(),
        logged_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    full_clean_per_field(session, {})
    if held_on < match.started_on:
        raise ValidationError(
            {
                "held_on": _("The mentorship started on %(start)s; a session cannot be before that.")
                % {"start": formats.date_format(match.started_on)}
            }
        )
    session.save()
    log_action(
        actor=actor,
        action="mentoring.mentoringsession.created",
        obj=session,
        changes={f: [None, v] for f, v in snapshot(session, SESSION_FIELDS).items() if v not in ("", None)},
        programme_slug=programme.slug,
    )
    return session


@transaction.atomic
def mentoring_session_follow_up_done(
    *, actor: Any, programme: Programme, session: MentoringSession, done: bool = True
) -> MentoringSession:
    """Mark a session's agreed follow-up done today (or open again)."""
    if not session.follow_up:
        raise ValidationError(_("This session has no follow-up to mark."))
    update_logged(
        session,
        fields={"follow_up_done_on": timezone.localdate() if done else None},
        editable=("follow_up_done_on",),
        constraint_errors={},
        actor=actor,
        action="mentoring.mentoringsession.follow_up_done" if done else "mentoring.mentoringsession.follow_up_reopened",
        programme_slug=programme.slug,
    )
    return session


@transaction.atomic
def mentoring_needs_set(
    *, actor: Any, programme: Programme, company: Company, needs: Sequence[str], note: str = ""
) -> MentoringNeeds:
    """What a company wants help with, in the mentors' vocabulary (the suggestions read it)."""
    if not company.programmes.filter(pk=programme.pk).exists():
        raise ValueError("the company belongs to another programme")
    record = MentoringNeeds.objects.filter(company=company, programme=programme).first()
    before = snapshot(record, ("needs", "note")) if record else {"needs": None, "note": None}
    record = record or MentoringNeeds(company=company, programme=programme)
    record.needs = _expertise(needs, "needs")
    record.note = note.strip()
    full_clean_per_field(record, {"mentoringneeds_one_per_company": ("needs", _("Saved at the same time; try again."))})
    changes = diff(before, snapshot(record, ("needs", "note")))
    if changes:
        record.updated_at = timezone.now()
        save_per_field(record, {"mentoringneeds_one_per_company": ("needs", _("Saved at the same time; try again."))})
        log_action(
            actor=actor,
            action="mentoring.mentoringneeds.updated",
            obj=record,
            changes=changes,
            programme_slug=programme.slug,
        )
    return record
