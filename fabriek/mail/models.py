from django.db import models
from django.utils.translation import gettext_lazy as _

from fabriek.programmes.models import Programme


class OutboxMessage(models.Model):
    """One outgoing message, written in the transaction of the change that caused it.

    The worker delivers it (`services.outbox_deliver_due`). `raw` holds the complete message as it will go
    out; it is emptied once the message is delivered, so links with one-time tokens do not stay in the
    database. A message of no programme (a password reset) is seen only by superusers, in the admin.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.CASCADE, related_name="outbox_messages"
    )
    from_email = models.CharField(_("from"), max_length=320)
    recipients = models.JSONField(_("recipients"), default=list)
    to_display = models.TextField(_("to"))
    subject = models.CharField(_("subject"), max_length=998)
    language = models.CharField(_("language"), max_length=10, blank=True)
    raw = models.BinaryField(_("message"), blank=True, default=b"")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"]),
            models.Index(fields=["programme", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.to_display}: {self.subject}"
