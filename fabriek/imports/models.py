from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fabriek.imports.columns import Kind
from fabriek.programmes.models import Programme


class ImportJob(models.Model):
    """A file uploaded through the web page: checked first (the preview), then applied on confirmation.

    The file's bytes are kept until it is applied, so the confirmation imports exactly what was previewed.
    `result` holds the latest outcome (`ImportResult.as_dict()`); `rows_done` / `rows_total` the progress
    of the step that is running.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking")
        CHECKED = "checked", _("Checked")
        APPLYING = "applying", _("Importing")
        APPLIED = "applied", _("Imported")
        FAILED = "failed", _("Failed")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    filename = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(_("content"), blank=True, default=b"")
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CHECKING)
    phase = models.CharField(_("phase"), max_length=20, blank=True)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    rows_total = models.PositiveIntegerField(_("rows in total"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    #: The background task of the running step ("" for a step run within the request).
    task_id = models.CharField(max_length=64, blank=True)
    #: How often the running step was started in the background (a lost worker starts it again).
    attempts = models.PositiveSmallIntegerField(default=0)
    #: For a failed job whose step stopped before it finished: the status that tries the step again.
    retry_status = models.CharField(max_length=20, blank=True, choices=Status.choices)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["programme", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.filename} ({self.kind})"

    @property
    def running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.APPLYING)

    @property
    def retryable(self) -> bool:
        return self.status == self.Status.FAILED and bool(self.retry_status)
