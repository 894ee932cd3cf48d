import datetime

import factory

from fabriek.programmes.models import Location, PlanPeriod, Programme, ServicePackage


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")


class PlanPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanPeriod

    programme = factory.SubFactory(ProgrammeFactory)
    name = "2017-2019"
    starts_on = datetime.date(2017, 1, 1)
    ends_on = datetime.date(2019, 12, 31)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Location {n}")
    kind = Location.Kind.PHYSICAL
    status = Location.Status.ACTIVE
    opened_on = datetime.date(2015, 2, 1)
    desk_capacity = 20


class ServicePackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePackage
        django_get_or_create = ("programme", "kind")

    programme = factory.SubFactory(ProgrammeFactory)
    kind = ServicePackage.Kind.FULLTIME
    name = factory.LazyAttribute(lambda o: o.kind.title())
    monthly_price_cents = 25000
    includes_workspace = True
    flexible_desk_days_per_week = factory.LazyAttribute(lambda o: 1 if o.kind == ServicePackage.Kind.PARTTIME else 0)
