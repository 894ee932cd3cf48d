from django.db import models
from django.utils.translation import gettext_lazy as _

from fabriek.programmes.models import Programme


class FiguresSummary(models.Model):
    """One computed report of a programme, kept for the figures version it was computed at
    (`reporting.summary`). A row whose version is not the programme's current one is never served."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    #: What was computed and for which parameters, e.g. "inflow-outflow:2017-05-31:" (see `summary._key`).
    key = models.CharField(max_length=200)
    version = models.BigIntegerField()
    #: A fingerprint of the code that computes the figures: a new release never serves the old one's numbers.
    code = models.CharField(max_length=40)
    #: Figures that change with the clock (an event counts once it has begun) hold until then.
    valid_until = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField()
    #: The report as computed, pickled (written and read only by `summary`, never from outside input).
    payload = models.BinaryField()

    class Meta:
        verbose_name = _("figures summary")
        verbose_name_plural = _("figures summaries")
        constraints = [models.UniqueConstraint(fields=["programme", "key"], name="figuressummary_unique_key")]
        indexes = [models.Index(fields=["programme", "version"], name="figuressummary_version")]

    def __str__(self) -> str:
        return f"{self.key} @ {self.version}"
