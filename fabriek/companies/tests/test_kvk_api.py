"""GET /api/v1/programmes/{programme}/kvk/{kvk_number}: the pinned answers."""

import pytest
from django.test import Client

from fabriek.accounts.models import Role
from fabriek.companies.tests.kvk_fake import API_KEY, running_fake_kvk

pytestmark = pytest.mark.django_db
URL = "/api/v1/programmes/ofd/kvk/{}"


@pytest.fixture
def fake_kvk(settings):  # type: ignore[no-untyped-def]
    with running_fake_kvk() as fake:
        settings.KVK_API_URL = fake.url
        settings.KVK_API_KEY = API_KEY
        settings.KVK_BACKOFF_SECONDS = 0
        settings.LANGUAGE_CODE = "en"  # the messages are read in English here
        yield fake


@pytest.fixture
def staff_client(world, client: Client) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])
    return client


def test_a_known_number_answers_the_pinned_fields(fake_kvk, staff_client) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(URL.format("90006623"))

    assert response.status_code == 200
    assert response.json() == {
        "kvk_number": "90006623",
        "name": "Hunebed Robotics B.V.",
        "founded_on": "2024-02-15",
        "street": "Industrieweg 12b",
        "postcode": "9403 AB",
        "city": "Assen",
        "municipality_code": "GM0106",
        "sbi_code": "28990",
        "deregistered": False,
    }


def test_an_unknown_number_is_404_with_a_detail(fake_kvk, staff_client) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(URL.format("12345678"))

    assert response.status_code == 404
    assert response.json() == {"detail": "The KvK register has no company with this KvK number."}


@pytest.mark.parametrize("number", ["1234", "abcdefgh", "123456789"])
def test_a_malformed_number_is_422(fake_kvk, staff_client, number) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(URL.format(number))

    assert response.status_code == 422
    assert response.json()["errors"] == {"kvk_number": ["A KvK number is exactly 8 digits."]}
    assert fake_kvk.requests == []


def test_kvk_down_is_503_with_a_detail(fake_kvk, staff_client) -> None:  # type: ignore[no-untyped-def]
    fake_kvk.fail_next = 10

    response = staff_client.get(URL.format("68750110"))

    assert response.status_code == 503
    assert response.json() == {"detail": "The KvK register is temporarily unavailable; try again later."}


def test_without_a_key_the_answer_is_503_and_says_the_lookup_is_off(settings, staff_client) -> None:  # type: ignore[no-untyped-def]
    settings.KVK_API_KEY = ""
    settings.LANGUAGE_CODE = "en"

    response = staff_client.get(URL.format("68750110"))

    assert response.status_code == 503
    assert "no KVK_API_KEY is configured" in response.json()["detail"]
