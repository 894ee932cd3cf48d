"""`manage.py create_api_token USERNAME NAME`: make an API token and print its key once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fabriek.accounts.api_auth import api_token_create
from fabriek.accounts.models import User


class Command(BaseCommand):
    help = "Create an API token for a user and print its key. Only a hash is stored: copy the key now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="the user the token acts as")
        parser.add_argument("name", help="what the token is for, e.g. 'province dashboard'")

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}; create the user first.")
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive; a token for them would not work.")
        token, raw = api_token_create(actor=None, user=user, name=name)
        self.stderr.write(f"Token {token.name!r} for {user.username}; send it as 'Authorization: Bearer <key>'.")
        self.stdout.write(raw)
