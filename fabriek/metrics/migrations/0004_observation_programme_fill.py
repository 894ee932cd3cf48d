from django.db import migrations


def fill(apps, schema_editor):
    """Until now every programme of a company saw all its figures. To change no programme's numbers, each
    figure goes to every programme the company is in: the first keeps the row, the others get a copy. A figure
    of a company in no programme was seen by nobody; it goes with nothing to count it in."""
    Observation = apps.get_model("metrics", "Observation")
    Company = apps.get_model("companies", "Company")
    links = Company.programmes.through.objects.order_by("company_id", "programme_id")
    programmes: dict[int, list[int]] = {}
    for company_id, programme_id in links.values_list("company_id", "programme_id"):
        programmes.setdefault(company_id, []).append(programme_id)
    fields = ["observed_on", "employees", "interns", "fte", "revenue_cents", "source"]
    for company_id, ids in programmes.items():
        rows = Observation.objects.filter(company_id=company_id, programme__isnull=True)
        copies = [
            Observation(company_id=company_id, programme_id=other, **{f: getattr(row, f) for f in fields})
            for row in rows
            for other in ids[1:]
        ]
        rows.update(programme_id=ids[0])
        Observation.objects.bulk_create(copies, batch_size=1000)
    Observation.objects.filter(programme__isnull=True).delete()


class Migration(migrations.Migration):
    """Step 2 of 3: every figure gets its programme."""

    dependencies = [
        ("companies", "0005_person_language_user_contact_role"),
        ("metrics", "0003_observation_programme"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
