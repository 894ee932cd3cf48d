"""The KvK lookup against a local fake of KVK's API: documented answers, errors, retries, cache."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone, translation

from fabriek.companies import kvk, services
from fabriek.companies.models import KvkLookup
from fabriek.companies.tests.kvk_fake import API_KEY, running_fake_kvk


@pytest.fixture
def fake_kvk(settings):  # type: ignore[no-untyped-def]
    with running_fake_kvk() as fake:
        settings.KVK_API_URL = fake.url
        settings.KVK_API_KEY = API_KEY
        settings.KVK_BACKOFF_SECONDS = 0
        settings.KVK_TIMEOUT_SECONDS = 2
        yield fake


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    """The messages are read in English here; their Dutch lives in the catalogue."""
    with translation.override("en"):
        yield


def test_a_documented_profile_becomes_the_company_forms_fields(fake_kvk) -> None:  # type: ignore[no-untyped-def]
    company = services.kvk_lookup(kvk_number="68750110")

    assert company.as_dict() == {
        "kvk_number": "68750110",
        "name": "Test BV Donald",
        "founded_on": "2017-05-19",
        "street": "Hizzaarderlaan 3 A",
        "postcode": "8823 SJ",
        "city": "Lollum",
        "municipality_code": None,  # Lollum is in Friesland, outside the shipped boundaries: no guess
        "sbi_code": "01241",
        "deregistered": False,
    }
    assert fake_kvk.requests == ["/api/v1/basisprofielen/68750110"]


def test_the_municipality_follows_from_the_coordinates_and_the_main_activity_gives_the_sbi_code(fake_kvk) -> None:  # type: ignore[no-untyped-def]
    company = services.kvk_lookup(kvk_number="9000 6623")

    assert (company.street, company.postcode, company.city) == ("Industrieweg 12b", "9403 AB", "Assen")
    assert company.municipality_code == "GM0106"
    assert company.sbi_code == "28990"  # the activity marked as main, not the first one listed
    assert company.founded_on == date(2024, 2, 15)  # materiele registratie, not the later formal one


def test_without_an_address_the_branch_profile_is_asked_and_its_city_names_the_municipality(fake_kvk) -> None:  # type: ignore[no-untyped-def]
    company = services.kvk_lookup(kvk_number="69599084")

    assert fake_kvk.requests == ["/api/v1/basisprofielen/69599084", "/api/v1/vestigingsprofielen/000038509504"]
    assert (company.street, company.postcode, company.city) == ("Hoofdstraat 1", "7811 EA", "Emmen")
    assert company.municipality_code == "GM0114"  # no coordinates: the place Emmen is the municipality Emmen
    assert company.deregistered is True
    assert company.founded_on == date(2017, 10, 5)  # "20171000" has no day, so the formal date stands in
    assert company.sbi_code == "7410"  # "74.10" without its dot


def test_a_second_lookup_within_a_day_asks_kvk_nothing_and_after_a_day_asks_again(fake_kvk) -> None:  # type: ignore[no-untyped-def]
    first = services.kvk_lookup(kvk_number="68750110")
    second = services.kvk_lookup(kvk_number="68750110")

    assert second == first
    assert len(fake_kvk.requests) == 1
    with time_machine.travel(timezone.now() + timedelta(hours=24, seconds=1)):
        services.kvk_lookup(kvk_number="68750110")
    assert len(fake_kvk.requests) == 2


def test_an_unknown_number_is_not_found_and_that_answer_is_kept_too(fake_kvk) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        with pytest.raises(kvk.KvkNotFound) as refused:
            services.kvk_lookup(kvk_number="12345678")
        assert str(refused.value.message) == "The KvK register has no company with this KvK number."
    assert fake_kvk.requests == ["/api/v1/basisprofielen/12345678"]
    assert KvkLookup.objects.get(kvk_number="12345678").found is False


FULLWIDTH_DIGITS = "".join(chr(0xFF11 + i) for i in range(8))  # looks like 12345678, is not ASCII


@pytest.mark.parametrize("typed", ["1234567", "123456789", "1234567a", "", FULLWIDTH_DIGITS])
def test_a_malformed_number_is_refused_before_asking_kvk(fake_kvk, typed) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(kvk.KvkInvalidNumber):
        services.kvk_lookup(kvk_number=typed)
    assert fake_kvk.requests == []


def test_a_number_kvk_itself_calls_invalid_gives_kvks_reason(fake_kvk) -> None:  # type: ignore[no-untyped-def]
    client = services.kvk_client()
    with pytest.raises(kvk.KvkInvalidNumber) as refused:
        client.branch_profile("12")
    assert refused.value.code == "IPD0006"


def test_a_failing_server_is_retried_with_back_off_and_its_answer_used(fake_kvk) -> None:  # type: ignore[no-untyped-def]
    waits: list[float] = []
    fake_kvk.fail_next = 2
    client = kvk.KvkClient(base_url=fake_kvk.url, api_key=API_KEY, attempts=3, backoff=0.5, sleep=waits.append)

    company = services.kvk_lookup(kvk_number="68750110", client=client)

    assert company.name == "Test BV Donald"
    assert len(fake_kvk.requests) == 3
    assert waits == [0.5, 1.0]


def test_a_server_that_keeps_failing_is_unavailable_and_that_is_not_cached(fake_kvk) -> None:  # type: ignore[no-untyped-def]
    fake_kvk.fail_next = 3

    with pytest.raises(kvk.KvkUnavailable) as refused:
        services.kvk_lookup(kvk_number="68750110")

    assert refused.value.code == "IPD1002"
    assert str(refused.value.message) == "The KvK register is temporarily unavailable; try again later."
    assert len(fake_kvk.requests) == 3
    assert services.kvk_lookup(kvk_number="68750110").name == "Test BV Donald"  # the next try asks again


def test_a_slow_server_times_out_and_is_unavailable(fake_kvk) -> None:  # type: ignore[no-untyped-def]
    fake_kvk.delay = 0.5
    client = kvk.KvkClient(base_url=fake_kvk.url, api_key=API_KEY, timeout=0.1, attempts=2, sleep=lambda s: None)

    with pytest.raises(kvk.KvkUnavailable) as refused:
        client.company("68750110")

    assert str(refused.value.message).startswith("The KvK register cannot be reached right now")
    assert len(fake_kvk.requests) == 2


def test_a_server_that_is_not_there_is_unavailable() -> None:
    with running_fake_kvk() as fake:
        url = fake.url  # the port is free again once the server is gone
    client = kvk.KvkClient(base_url=url, api_key=API_KEY, timeout=1, attempts=2, sleep=lambda s: None)

    with pytest.raises(kvk.KvkUnavailable):
        client.company("68750110")


def test_a_refused_api_key_says_so_and_is_not_retried(fake_kvk) -> None:  # type: ignore[no-untyped-def]
    client = kvk.KvkClient(base_url=fake_kvk.url, api_key="wrong", sleep=lambda s: None)

    with pytest.raises(kvk.KvkUnavailable) as refused:
        client.company("68750110")

    assert "refused Fabriek's API key" in str(refused.value.message)
    assert len(fake_kvk.requests) == 1


def test_without_a_key_the_lookup_is_off(settings) -> None:  # type: ignore[no-untyped-def]
    settings.KVK_API_KEY = ""
    with pytest.raises(kvk.KvkNotConfigured) as refused:
        services.kvk_lookup(kvk_number="68750110")
    assert "no KVK_API_KEY is configured" in str(refused.value.message)


def test_search_by_name_lists_registrations_and_an_empty_search_is_an_empty_list(fake_kvk) -> None:  # type: ignore[no-untyped-def]
    client = services.kvk_client()

    found = client.search(name="Hunebed")

    assert [(r.kvk_number, r.name, r.city, r.kind, r.active) for r in found] == [
        ("90006623", "Hunebed Robotics B.V.", "Assen", "hoofdvestiging", True),
        ("69599084", "Hunebed Design", "Emmen", "rechtspersoon", False),
    ]
    assert client.search(name="Nergens") == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("20170519", date(2017, 5, 19)), ("20170500", None), ("20170231", None), ("", None), (None, None), ("2017", None)],
)
def test_kvk_dates(raw, expected) -> None:  # type: ignore[no-untyped-def]
    assert kvk.kvk_date(raw) == expected


#: KVK's documented error codes with the HTTP status it sends them with
DOCUMENTED_ERRORS = [
    (404, "IPD0001", kvk.KvkNotFound),
    (400, "IPD0004", kvk.KvkInvalidNumber),
    (404, "IPD0005", kvk.KvkNotFound),
    (400, "IPD0006", kvk.KvkInvalidNumber),
    (404, "IPD0007", kvk.KvkNotFound),
    (404, "IPD0010", kvk.KvkNotFound),
    (503, "IPD1002", kvk.KvkUnavailable),
    (503, "IPD1003", kvk.KvkUnavailable),
    (404, "IPD5200", kvk.KvkNotFound),
    (500, "IPD9999", kvk.KvkUnavailable),
]


def test_every_documented_error_code_is_listed() -> None:
    assert sorted(code for _, code, _ in DOCUMENTED_ERRORS) == sorted(kvk.IPD_CODES)


@pytest.mark.parametrize(("status", "code", "kind"), DOCUMENTED_ERRORS)
def test_each_documented_error_becomes_its_message(fake_kvk, status, code, kind) -> None:  # type: ignore[no-untyped-def]
    fake_kvk.error = (status, code)
    client = kvk.KvkClient(base_url=fake_kvk.url, api_key=API_KEY, attempts=2, sleep=lambda s: None)

    with pytest.raises(kind) as refused:
        client.basic_profile("68750110")

    assert refused.value.code == code
    assert str(refused.value.message) == str(kvk.IPD_CODES[code][1])
    assert len(fake_kvk.requests) == (2 if status >= 500 else 1)  # only server errors are tried again
