import datetime

import factory

from fabriek.companies.tests.factories import PersonFactory
from fabriek.events.models import Attendance, Event
from fabriek.programmes.tests.factories import ProgrammeFactory

AMS = datetime.timezone(datetime.timedelta(hours=1))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Event {n}")
    kind = Event.Kind.NETWORK
    starts_at = datetime.datetime(2017, 3, 1, 16, 0, tzinfo=AMS)
    ends_at = datetime.datetime(2017, 3, 1, 18, 0, tzinfo=AMS)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    checked_in = True
