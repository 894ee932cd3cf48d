import factory

from fabriek.imports.models import ImportJob
from fabriek.imports.results import ImportResult
from fabriek.programmes.tests.factories import ProgrammeFactory


class ImportJobFactory(factory.django.DjangoModelFactory):
    """A checked upload of one company, ready to be confirmed."""

    class Meta:
        model = ImportJob

    programme = factory.SubFactory(ProgrammeFactory)
    kind = "companies"
    filename = "companies.csv"
    content = b"kvk_number,name\n12345678,Example BV\n"
    language = "en"
    status = ImportJob.Status.CHECKED
    result = factory.LazyFunction(
        lambda: ImportResult(kind="companies", filename="companies.csv", dry_run=True, rows=1, created=1).as_dict()
    )
