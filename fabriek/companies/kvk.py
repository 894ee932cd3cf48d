"""A client for KVK's Handelsregister APIs: Zoeken v2, Basisprofiel v1 and Vestigingsprofiel v1.

It speaks KVK's documented interface (header `apikey`, JSON with Dutch field names, errors as
`{"fout": [{"code": "IPD0005", "omschrijving": ...}]}`) and turns it into what Fabriek needs: a
`KvkCompany` with the fields of our company form, or a `KvkError` whose message a person understands.
Timeouts and 5xx answers are retried with exponential back-off; 4xx answers are final. Caching lives one
level up, in `kvk_lookup` (services), so this module has no database and no clock.
"""

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fabriek.companies.geography import municipality_at, municipality_named

logger = logging.getLogger(__name__)

PRODUCTION_URL = "https://api.kvk.nl"
KVK_NUMBER_LENGTH = 8


@dataclass(frozen=True)
class KvkCompany:
    """What the register says about a company, in the shape of Fabriek's company form (missing: None)."""

    kvk_number: str
    name: str | None
    founded_on: date | None
    street: str | None
    postcode: str | None
    city: str | None
    municipality_code: str | None
    sbi_code: str | None
    deregistered: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "kvk_number": self.kvk_number,
            "name": self.name,
            "founded_on": self.founded_on.isoformat() if self.founded_on else None,
            "street": self.street,
            "postcode": self.postcode,
            "city": self.city,
            "municipality_code": self.municipality_code,
            "sbi_code": self.sbi_code,
            "deregistered": self.deregistered,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "KvkCompany":
        founded = data.get("founded_on")
        return cls(**{**data, "founded_on": date.fromisoformat(founded) if founded else None})


@dataclass(frozen=True)
class KvkSearchResult:
    kvk_number: str
    name: str
    city: str | None
    kind: str  # KVK's "type": hoofdvestiging, nevenvestiging, rechtspersoon
    active: bool


class KvkError(Exception):
    """A lookup that did not give an answer; `message` says why in words a person can act on."""

    def __init__(self, message: str | Promise, *, code: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


class KvkNotConfigured(KvkError):
    pass


class KvkInvalidNumber(KvkError):
    pass


class KvkNotFound(KvkError):
    pass


class KvkUnavailable(KvkError):
    """KVK could not be reached, answered 5xx after the retries, or refused our key: try again later."""


#: KVK's documented IPD codes (Basisprofiel, Vestigingsprofiel, Zoeken) -> (error class, message).
IPD_CODES: dict[str, tuple[type[KvkError], Promise]] = {
    "IPD0001": (KvkNotFound, _("The KvK register does not offer this information.")),
    "IPD0004": (KvkInvalidNumber, _("The KvK register says this is not a valid KvK number.")),
    "IPD0005": (KvkNotFound, _("The KvK register has no company with this KvK number.")),
    "IPD0006": (KvkInvalidNumber, _("The KvK register says this is not a valid branch number.")),
    "IPD0007": (KvkNotFound, _("The KvK register has no branch with this number.")),
    "IPD0010": (KvkNotFound, _("The KvK register has no information on this company's branches.")),
    "IPD1002": (KvkUnavailable, _("The KvK register is temporarily unavailable; try again later.")),
    "IPD1003": (KvkUnavailable, _("The KvK register is temporarily unavailable; try again in five minutes.")),
    "IPD5200": (KvkNotFound, _("The KvK register found nothing for this search.")),
    "IPD9999": (KvkUnavailable, _("The KvK register had an internal error; try again later.")),
}
UNREACHABLE = _("The KvK register cannot be reached right now; try again later or type the details yourself.")
KEY_REFUSED = _("The KvK register refused Fabriek's API key; ask your administrator to check KVK_API_KEY.")
NOT_CONFIGURED = _("The KvK lookup is off: no KVK_API_KEY is configured. Type the details yourself.")
MALFORMED_NUMBER = _("A KvK number is exactly 8 digits.")


def normalise_kvk_number(value: str) -> str:
    """The 8 digits of a KvK number typed with spaces or dots; KvkInvalidNumber when it is not 8 digits."""
    digits = "".join(ch for ch in value.strip() if ch not in " .")
    if len(digits) != KVK_NUMBER_LENGTH or not digits.isascii() or not digits.isdigit():
        raise KvkInvalidNumber(MALFORMED_NUMBER)
    return digits


class KvkClient:
    """One KVK API account. `transport` lets tests point it anywhere; `sleep` lets them skip the waits."""

    def __init__(
        self,
        *,
        base_url: str = PRODUCTION_URL,
        api_key: str,
        timeout: float = 5.0,
        attempts: int = 3,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not api_key:
            raise KvkNotConfigured(NOT_CONFIGURED)
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.sleep = sleep

    # --- the three documented operations ------------------------------------------------------------

    def search(
        self, *, name: str = "", kvk_number: str = "", page: int = 1, per_page: int = 10
    ) -> list[KvkSearchResult]:
        """Zoeken v2: registrations by name or KvK number (an empty list when KVK finds nothing)."""
        params: dict[str, Any] = {"pagina": page, "resultatenPerPagina": per_page}
        if name:
            params["naam"] = name
        if kvk_number:
            params["kvkNummer"] = normalise_kvk_number(kvk_number)
        try:
            body = self._get("/api/v2/zoeken", params)
        except KvkNotFound:
            return []
        return [_search_result(item) for item in body.get("resultaten") or []]

    def basic_profile(self, kvk_number: str) -> dict[str, Any]:
        """Basisprofiel v1 with coordinates (`geoData=true`), as KVK sends it."""
        return self._get(f"/api/v1/basisprofielen/{normalise_kvk_number(kvk_number)}", {"geoData": "true"})

    def branch_profile(self, branch_number: str) -> dict[str, Any]:
        """Vestigingsprofiel v1 with coordinates, as KVK sends it."""
        return self._get(f"/api/v1/vestigingsprofielen/{branch_number}", {"geoData": "true"})

    # --- what Fabriek asks ----------------------------------------------------------------------------

    def company(self, kvk_number: str) -> KvkCompany:
        """The company behind a KvK number, with its main branch's visiting address and municipality."""
        profile = self.basic_profile(kvk_number)
        embedded = profile.get("_embedded") or {}
        branch = embedded.get("hoofdvestiging") or {}
        addresses = branch.get("adressen") or (embedded.get("eigenaar") or {}).get("adressen") or []
        if not addresses and branch.get("vestigingsnummer"):
            addresses = self.branch_profile(branch["vestigingsnummer"]).get("adressen") or []
        return company_from_profile(profile, addresses)

    # --- transport ------------------------------------------------------------------------------------

    def _get(self, path: str, params: Mapping[str, Any]) -> dict[str, Any]:
        url = self.base_url + path
        headers = {"apikey": self.api_key, "Accept": "application/json"}
        for attempt in range(1, self.attempts + 1):
            try:
                response = httpx.get(url, params=params, headers=headers, timeout=self.timeout)
            except httpx.HTTPError as error:
                logger.warning("KVK %s: %s (attempt %s of %s)", path, error, attempt, self.attempts)
            else:
                if response.status_code < 500 and response.status_code != 429:
                    return _answer(response)
                logger.warning(
                    "KVK %s answered %s (attempt %s of %s)", path, response.status_code, attempt, self.attempts
                )
                if attempt == self.attempts:
                    raise _refusal(response, default=KvkUnavailable(UNREACHABLE))
            if attempt < self.attempts:
                self.sleep(self.backoff * 2 ** (attempt - 1))
        raise KvkUnavailable(UNREACHABLE)


def _answer(response: httpx.Response) -> dict[str, Any]:
    if response.status_code in (401, 403):
        raise KvkUnavailable(KEY_REFUSED, code=str(response.status_code))
    if response.status_code >= 400:
        raise _refusal(
            response,
            default=KvkNotFound(IPD_CODES["IPD0005"][1])
            if response.status_code == 404
            else KvkUnavailable(UNREACHABLE),
        )
    try:
        body = response.json()
    except ValueError as error:
        raise KvkUnavailable(UNREACHABLE) from error
    if not isinstance(body, dict):
        raise KvkUnavailable(UNREACHABLE)
    return body


def _refusal(response: httpx.Response, *, default: KvkError) -> KvkError:
    """The error KVK's `fout` list names; `default` when it names none we know."""
    try:
        errors = response.json().get("fout") or []
    except (ValueError, AttributeError):
        errors = []
    for error in errors:
        code = str(error.get("code", "")) if isinstance(error, dict) else ""
        if code in IPD_CODES:
            kind, message = IPD_CODES[code]
            return kind(message, code=code)
    return default


# --- reading KVK's documents ---------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def kvk_date(value: Any) -> date | None:
    """KVK writes dates as YYYYMMDD, with 00 for an unknown month or day: those count as unknown."""
    text = str(value or "")
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def dutch_postcode(value: Any) -> str | None:
    """KVK's "8823SJ" as Fabriek stores postcodes: "8823 SJ"."""
    text = "".join(str(value or "").split()).upper()
    if len(text) == 6 and text[:4].isdigit() and text[4:].isalpha():
        return f"{text[:4]} {text[4:]}"
    return None


def _street(address: Mapping[str, Any]) -> str | None:
    street = _text(address.get("straatnaam"))
    if not street:
        return None
    number = "".join(part for part in (_text(address.get("huisnummer")), _text(address.get("huisletter"))) if part)
    addition = _text(address.get("huisnummerToevoeging"))
    return " ".join(part for part in (street, number, addition) if part)


def _visiting_address(addresses: list[Any]) -> Mapping[str, Any]:
    usable = [a for a in addresses if isinstance(a, dict) and a.get("indAfgeschermd") != "Ja"]
    visiting = [a for a in usable if a.get("type") == "bezoekadres"]
    return (visiting or usable or [{}])[0]


def _main_sbi(activities: list[Any]) -> str | None:
    codes = [a for a in activities if isinstance(a, dict) and _text(a.get("sbiCode"))]
    main = [a for a in codes if a.get("indHoofdactiviteit") == "Ja"]
    chosen = (main or codes or [{}])[0]
    code = "".join(ch for ch in str(chosen.get("sbiCode") or "") if ch.isdigit())
    return code[:5] or None


def _municipality(address: Mapping[str, Any]) -> str | None:
    geo = address.get("geoData") or {}
    latitude, longitude = geo.get("gpsLatitude"), geo.get("gpsLongitude")
    if isinstance(latitude, int | float) and isinstance(longitude, int | float):
        return municipality_at(latitude=float(latitude), longitude=float(longitude))
    # Without coordinates: a place that carries its municipality's name (Assen, Emmen, Hoogeveen, ...).
    city = _text(address.get("plaats"))
    return municipality_named(city) if city else None


def company_from_profile(profile: Mapping[str, Any], addresses: list[Any]) -> KvkCompany:
    """A `KvkCompany` from a Basisprofiel and the addresses of its main branch."""
    registration = profile.get("materieleRegistratie") or {}
    address = _visiting_address(addresses)
    return KvkCompany(
        kvk_number=str(profile.get("kvkNummer", "")),
        name=_text(profile.get("naam")) or _text(profile.get("statutaireNaam")),
        founded_on=kvk_date(registration.get("datumAanvang")) or kvk_date(profile.get("formeleRegistratiedatum")),
        street=_street(address),
        postcode=dutch_postcode(address.get("postcode")),
        city=_text(address.get("plaats")),
        municipality_code=_municipality(address),
        sbi_code=_main_sbi(profile.get("sbiActiviteiten") or []),
        deregistered=bool(_text(registration.get("datumEinde"))),
    )


def _search_result(item: Mapping[str, Any]) -> KvkSearchResult:
    address = (item.get("adres") or {}).get("binnenlandsAdres") or item
    return KvkSearchResult(
        kvk_number=str(item.get("kvkNummer", "")),
        name=str(item.get("naam") or item.get("handelsnaam") or ""),
        city=_text(address.get("plaats")),
        kind=str(item.get("type", "")),
        active=item.get("actief", "Ja") != "Nee",
    )
