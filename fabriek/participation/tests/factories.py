import datetime

import factory

from fabriek.companies.tests.factories import CompanyFactory
from fabriek.participation.models import Participation
from fabriek.programmes.tests.factories import LocationFactory, ProgrammeFactory, ServicePackageFactory


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    programme = factory.SubFactory(ProgrammeFactory)
    company = factory.SubFactory(CompanyFactory, programmes=factory.LazyAttribute(lambda o: [o.factory_parent.programme]))
    location = factory.SubFactory(LocationFactory, programme=factory.SelfAttribute("..programme"))
    package = factory.SubFactory(ServicePackageFactory, programme=factory.SelfAttribute("..programme"))
    started_on = datetime.date(2016, 1, 4)
    ended_on = None
    outflow_status = ""
