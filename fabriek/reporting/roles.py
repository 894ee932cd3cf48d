"""Who may see which report, shared by the pages and the API."""

from fabriek.accounts.access import ALL_ROLES
from fabriek.accounts.models import Role
from fabriek.programmes.models import Indicator

#: The dashboard, the indicators download and the indicators report: every member (aggregates only).
DASHBOARD_READERS = ALL_ROLES
#: The in/outflow and jobs reports, pages and downloads (aggregates; staff downloads add company rows).
REPORT_READERS = frozenset({Role.STAFF, Role.LOCATION_MANAGER, Role.FUNDER})
#: The companies behind a number (location managers: only those that stayed at their location).
COMPANY_READERS = frozenset({Role.STAFF, Role.LOCATION_MANAGER})
#: Downloads with a sheet of company names: only staff, who see every company of the programme.
COMPANY_EXPORTERS = frozenset({Role.STAFF})
#: The records behind the indicators that do not count companies, by indicator: the roles that see those
#: records elsewhere (people are personal data: staff only; mentors: as the mentor pages; partners: as the
#: partner pages, whose partner members see only their own).
RECORD_READERS: dict[str, frozenset[str]] = {
    Indicator.EVENTS.value: ALL_ROLES,
    Indicator.PEOPLE_REACHED.value: frozenset({Role.STAFF}),
    Indicator.PARTNERS.value: frozenset({Role.STAFF, Role.FUNDER}),
    Indicator.PHYSICAL_LOCATIONS.value: ALL_ROLES,
    Indicator.OTHER_LOCATIONS.value: ALL_ROLES,
    Indicator.MENTORS.value: frozenset({Role.STAFF, Role.LOCATION_MANAGER}),
}
