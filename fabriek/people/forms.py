from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Person


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "email", "phone", "language"]


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Search name, e-mail or phone"), required=False, max_length=200)


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("The language of the pages and of the e-mails you receive."),
    )
