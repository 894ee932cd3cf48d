"""`manage.py create_api_token USERNAME NAME`: make an API token and print its key once."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fabriek.accounts.api_auth import api_token_create
from fabriek.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Create an API token for a user and print its key. Only a hash is stored: copy the key now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="the user the token acts as")
        parser.add_argument("name", help="what the token is for, e.g. 'province dashboard'")
        parser.add_argument("--read-only", action="store_true", help="the token may only read (GET)")
        parser.add_argument("--days", type=int, default=None, help="how long it works (default API_TOKEN_DAYS)")

    def handle(self, *args: Any, username: str, name: str, read_only: bool, days: int | None, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}; create the user first.")
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive; a token for them would not work.")
        scope = ApiToken.Scope.READ if read_only else ApiToken.Scope.READ_WRITE
        try:
            token, raw = api_token_create(actor=None, user=user, name=name, scope=scope, days=days)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stderr.write(
            f"Token {token.name!r} for {user.username} ({token.get_scope_display()}, expires "
            f"{token.expires_at:%Y-%m-%d}); send it as 'Authorization: Bearer <key>'."
        )
        self.stdout.write(raw)
