import datetime

import factory

from fabriek.companies.tests.factories import CompanyFactory, PersonFactory
from fabriek.mentoring.models import MatchStatus, Mentor, MentoringSession, MentorMatch
from fabriek.programmes.tests.factories import ProgrammeFactory


class MentorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentor

    person = factory.SubFactory(PersonFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    expertise = factory.LazyFunction(lambda: ["finance"])
    active_from = datetime.date(2016, 1, 1)


class MentorMatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorMatch

    mentor = factory.SubFactory(MentorFactory)
    company = factory.SubFactory(CompanyFactory)
    started_on = datetime.date(2016, 6, 1)
    status = MatchStatus.ACCEPTED


class MentoringSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentoringSession

    match = factory.SubFactory(MentorMatchFactory)
    held_on = datetime.date(2016, 7, 1)
    minutes = 60
    topics = "Pricing and the first hire"
    follow_up = "Send the draft price list"
