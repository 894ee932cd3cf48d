"""What person_export and person_erase share: the programme and the person, by slug and e-mail address."""

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from fabriek.privacy import selectors
from fabriek.programmes.models import Programme


def add_subject_arguments(parser: CommandParser) -> None:
    parser.add_argument("--programme", required=True, help="The programme's slug, e.g. ofd.")
    parser.add_argument("--email", required=True, help="The person's e-mail address.")


def subject(options: dict[str, Any]) -> tuple[Programme, dict[str, Any]]:
    """The programme and the records about the person: keyword arguments for person_export/person_erase."""
    programme = Programme.objects.filter(slug=options["programme"]).first()
    if programme is None:
        raise CommandError(_("Unknown programme %(slug)s.") % {"slug": options["programme"]})
    email = options["email"].strip()
    people = selectors.people_with_email(programme=programme, email=email)
    accounts = selectors.accounts_with_email(programme=programme, email=email)
    leads, applications = selectors.intake_with_email(programme=programme, email=email)
    if not (people or accounts or leads or applications):
        raise CommandError(
            _("Programme %(slug)s knows nobody with the e-mail address %(email)s.")
            % {"slug": programme.slug, "email": email}
        )
    return programme, {"people": people, "accounts": accounts, "leads": leads, "applications": applications}
