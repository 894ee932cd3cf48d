import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Step 3 of 3: the programme is required, and one figure per programme, company, date and source."""

    dependencies = [
        ("metrics", "0004_observation_programme_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="observation",
            name="programme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="observations",
                to="programmes.programme",
                verbose_name="programme",
            ),
        ),
        migrations.AddConstraint(
            model_name="observation",
            constraint=models.UniqueConstraint(
                fields=("company", "programme", "observed_on", "source"),
                name="observation_unique_programme_company_date_source",
            ),
        ),
    ]
