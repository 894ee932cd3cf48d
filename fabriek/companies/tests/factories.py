import factory

from fabriek.companies.models import Company, CompanyRole, Person


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        skip_postgeneration_save = True

    kvk_number = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    name = factory.Sequence(lambda n: f"Company {n} BV")
    postcode = "9401 AB"
    municipality_code = "GM0106"

    @factory.post_generation
    def programmes(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.programmes.add(*extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class CompanyRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyRole

    company = factory.SubFactory(CompanyFactory)
    person = factory.SubFactory(PersonFactory)
    role = CompanyRole.Role.FOUNDER
