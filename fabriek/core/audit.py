"""The audit trail: every service that changes something calls `log_action` inside its transaction."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from fabriek.core.models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields`, for a later `diff` (foreign keys by their text)."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Changed fields as {field: [old, new]}."""
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}


def log_action(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    changes: Mapping[str, Any] | None = None,
    programme_slug: str = "",
    reason: str = "",
    snapshot: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Record that `actor` did `action` (an `<app>.<entity>.<past-tense-verb>` code) to `obj`; a deletion
    passes the `snapshot` of what it deleted (core.deletion), which an undo restores."""
    entry = log_event(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj),
        changes=changes,
        programme_slug=programme_slug,
        reason=reason,
    )
    if snapshot is not None:
        entry.snapshot = dict(snapshot)
        entry.save(update_fields=["snapshot"])
    return entry


def log_event(
    *,
    actor: Any,
    action: str,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: Mapping[str, Any] | None = None,
    programme_slug: str = "",
    reason: str = "",
) -> AuditEntry:
    """Record an event that need not name a stored object: a failed login for a name nobody has, a refused
    request (object_repr is then the path), an export."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id[:64],
        object_repr=object_repr[:255],
        programme_slug=programme_slug,
        changes={k: _plain(v) for k, v in (changes or {}).items()},
        reason=reason,
    )


def client_address(request: Any) -> str:
    """The client's address as the lockout sees it (REMOTE_ADDR, or the proxy's last X-Forwarded-For hop
    when BEHIND_PROXY)."""
    from django.conf import settings

    if getattr(settings, "BEHIND_PROXY", False):
        hops = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if hops:
            return hops[-1]
    return str(request.META.get("REMOTE_ADDR") or "")


def _slug(request: Any) -> str:
    return getattr(getattr(request, "programme", None), "slug", "")


def log_personal_data_view(request: Any, obj: models.Model) -> AuditEntry:
    """One line for every page that shows a person's data: `log_personal_data_view(request, person)`.

    Records who looked at whom, when and from where (ASVS V16: access to sensitive data)."""
    return log_event(
        actor=request.user,
        action=f"{obj._meta.label_lower}.viewed",
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj),
        changes={"path": request.path, "ip": client_address(request)},
        programme_slug=_slug(request),
    )


def log_refused(request: Any, status: int, programme_slug: str = "") -> AuditEntry:
    """A refused authorisation (403, or 404 for something outside the caller's scope)."""
    return log_event(
        actor=request.user if getattr(request.user, "is_authenticated", False) else getattr(request, "auth", None),
        action="access.refused",
        object_repr=request.get_full_path(),
        changes={"status": status, "method": request.method, "ip": client_address(request)},
        programme_slug=programme_slug or _slug(request),
    )


def log_download(request: Any, filename: str) -> AuditEntry:
    """An export or download left the system."""
    return log_event(
        actor=request.user,
        action="export.downloaded",
        object_repr=filename,
        changes={"path": request.get_full_path(), "ip": client_address(request)},
        programme_slug=_slug(request),
    )
