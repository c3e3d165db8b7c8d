# The pages' municipality fields now point at municipalities.Municipality, which is
# the same table (kennisbank_municipality) under its new app: state only, no column
# or constraint changes.

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0005_remove_wagtail_default_roles"),
        ("municipalities", "0001_municipality_from_kennisbank"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="caseindexpage",
                    name="municipality",
                    field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name="case_index", to="municipalities.municipality", verbose_name="municipality"),
                ),
                migrations.AlterField(
                    model_name="casepage",
                    name="municipality",
                    field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="municipalities.municipality", verbose_name="municipality"),
                ),
                migrations.AlterField(
                    model_name="casepage",
                    name="partner_municipalities",
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name="partner_cases", to="municipalities.municipality", verbose_name="partner municipalities"),
                ),
                migrations.AlterField(
                    model_name="lessonpage",
                    name="municipality",
                    field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="municipalities.municipality", verbose_name="municipality"),
                ),
            ],
            database_operations=[],
        ),
    ]
