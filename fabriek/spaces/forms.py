from django import forms
from django.utils.translation import gettext_lazy as _

from fabriek.core.forms import DateInput
from fabriek.participation.models import OutflowStatus, Participation
from fabriek.spaces.models import Desk, Room


class DeskForm(forms.ModelForm):
    class Meta:
        model = Desk
        fields = ["label", "kind", "active"]

    def _post_clean(self) -> None:
        pass  # the service validates the whole record


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name", "capacity", "opens_at_hour", "closes_at_hour", "active"]

    def _post_clean(self) -> None:
        pass


class DayForm(forms.Form):
    day = forms.DateField(label=_("Date"), required=False, widget=DateInput())


class AssignForm(forms.Form):
    participation = forms.ModelChoiceField(label=_("Stay"), queryset=Participation.objects.none())

    def __init__(self, *args, stays=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if stays is not None:
            self.fields["participation"].queryset = stays
        self.fields["participation"].label_from_instance = lambda stay: stay.company.name


class BookForm(forms.Form):
    """A desk-day from the home or the booking page: the day, and a desk if the person chose one."""

    day = forms.DateField()
    desk = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    company = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


HOURS = [(hour, f"{hour:02d}:00") for hour in range(0, 25)]


class RoomBookForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start_hour = forms.TypedChoiceField(label=_("From"), choices=HOURS[:-1], coerce=int)
    end_hour = forms.TypedChoiceField(label=_("Until"), choices=HOURS[1:], coerce=int)


class OutflowForm(forms.Form):
    ended_on = forms.DateField(label=_("End date"), widget=DateInput())
    outflow_status = forms.ChoiceField(label=_("Outflow status"), choices=OutflowStatus.choices)
