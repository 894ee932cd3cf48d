import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Figures belong to the programme that recorded them (step 1 of 3: the column, empty)."""

    dependencies = [
        ("programmes", "0001_initial"),
        ("metrics", "0002_bounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="observation",
            name="programme",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="observations",
                to="programmes.programme",
                verbose_name="programme",
            ),
        ),
        migrations.RemoveConstraint(model_name="observation", name="observation_unique_company_date_source"),
    ]
