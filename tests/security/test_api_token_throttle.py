"""Guessing API tokens is throttled per client address, like passwords."""

from fabriek.accounts.api_auth import api_token_create
from fabriek.accounts.models import Role

URL = "/api/v1/programmes/ofd/locations"


def test_twenty_unknown_tokens_block_the_address_even_for_a_good_token(client, world, settings) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    _token, good = api_token_create(actor=None, user=world.users[Role.STAFF], name="script")
    for index in range(20):
        response = client.get(URL, headers={"Authorization": f"Bearer guess{index}"}, REMOTE_ADDR="203.0.113.5")
        assert response.status_code == 401
    response = client.get(URL, headers={"Authorization": f"Bearer {good}"}, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 429
    assert "Too many unknown API tokens" in response.json()["detail"]
    # another address is not affected
    assert client.get(URL, headers={"Authorization": f"Bearer {good}"}, REMOTE_ADDR="198.51.100.5").status_code == 200
    cache.clear()
