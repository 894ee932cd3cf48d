import factory

from fabriek.intake.models import Application, Lead, LeadSource
from fabriek.programmes.tests.factories import ProgrammeFactory


class LeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lead

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Lead {n}")
    email = factory.Sequence(lambda n: f"lead{n}@example.org")
    company_name = factory.Sequence(lambda n: f"Starter {n} BV")
    source = LeadSource.OUTREACH


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    programme = factory.SubFactory(ProgrammeFactory)
    company_name = factory.Sequence(lambda n: f"Applicant {n} BV")
    kvk_number = factory.Sequence(lambda n: f"{70000000 + n}")
    founder_name = factory.Sequence(lambda n: f"Founder {n}")
    founder_email = factory.Sequence(lambda n: f"founder{n}@example.org")
    activity = "Robots for farms"
    ambition = "Ten employees in two years"
    business_model = "Leasing robots"
    support_need = "Sales"
