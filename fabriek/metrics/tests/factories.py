import datetime

import factory

from fabriek.companies.tests.factories import CompanyFactory
from fabriek.metrics.models import Observation, Source
from fabriek.programmes.tests.factories import ProgrammeFactory


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    company = factory.SubFactory(CompanyFactory)
    # the programme that records the figures: the company's (first) programme, else a new one
    programme = factory.LazyAttribute(lambda o: o.company.programmes.order_by("pk").first() or ProgrammeFactory())
    observed_on = datetime.date(2016, 1, 4)
    employees = 1
    interns = 0
    source = Source.STAFF
