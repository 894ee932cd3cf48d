import datetime

import factory

from fabriek.companies.tests.factories import CompanyFactory
from fabriek.participation.models import Participation
from fabriek.programmes.tests.factories import LocationFactory, ProgrammeFactory, ServicePackageFactory


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    company = factory.SubFactory(CompanyFactory)
    location = factory.SubFactory(LocationFactory, programme=factory.SelfAttribute("..programme"))
    package = factory.SubFactory(ServicePackageFactory, programme=factory.SelfAttribute("..programme"))
    started_on = datetime.date(2016, 1, 4)
    ended_on = None
    outflow_status = ""

    @factory.post_generation
    def register_company(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        # A company is visible in the programmes it participates in.
        if create:
            self.company.programmes.add(self.programme)
