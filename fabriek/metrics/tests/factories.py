import datetime

import factory

from fabriek.companies.tests.factories import CompanyFactory
from fabriek.metrics.models import Observation, Source


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    company = factory.SubFactory(CompanyFactory)
    observed_on = datetime.date(2016, 1, 4)
    employees = 1
    interns = 0
    source = Source.STAFF
