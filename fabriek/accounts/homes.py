"""Where each role lands after logging in (`fabriek.accounts.views.home`).

Staff and the funder work with the whole programme, so their home is its dashboard; every other role has
a home of its own (`fabriek.homes`): a location manager their location, a participant their company, a
mentor their mentees and events, a partner their organisation and its events.
"""

from fabriek.accounts.models import Role

#: The roles whose home is the programme's dashboard.
DASHBOARD_HOME_ROLES: frozenset[str] = frozenset({Role.STAFF, Role.FUNDER})
#: The roles with a home page of their own.
OWN_HOME_ROLES: frozenset[str] = frozenset(Role.values) - DASHBOARD_HOME_ROLES


def home_url_name(role: str) -> str:
    return "reporting:dashboard" if role in DASHBOARD_HOME_ROLES else "homes:home"
