"""Errors the domain raises; views and the API turn them into messages a person can act on."""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A business rule refused the change; its message is shown to the user as is."""
