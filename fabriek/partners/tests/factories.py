import datetime

import factory

from fabriek.partners.models import Agreement, Partner
from fabriek.programmes.tests.factories import ProgrammeFactory


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = Partner.Kind.NETWORK

    @factory.post_generation
    def programmes(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.programmes.add(*extracted)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    partner = factory.SubFactory(PartnerFactory)
    started_on = datetime.date(2016, 1, 1)

    @factory.post_generation
    def register_partner(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            self.partner.programmes.add(self.programme)
