from django.db.models import QuerySet
from django.http import Http404

from fabriek.mail.models import OutboxMessage
from fabriek.programmes.models import Programme


def outbox_list(*, programme: Programme, state: str = "") -> QuerySet[OutboxMessage]:
    """The programme's outgoing messages, newest first, without their contents."""
    messages = OutboxMessage.objects.filter(programme=programme).defer("raw").order_by("-created_at", "-id")
    return messages.filter(state=state) if state else messages


def outbox_get(*, programme: Programme, pk: int) -> OutboxMessage:
    message = OutboxMessage.objects.filter(programme=programme, pk=pk).defer("raw").first()
    if message is None:
        raise Http404
    return message
