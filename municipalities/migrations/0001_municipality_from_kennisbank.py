# The Municipality model moves from the project app (kennisbank) into this app.
# State only: the table kennisbank_municipality and its rows stay as they are, and
# the model keeps that table name (Meta.db_table). The content type is renamed in
# place, so permissions, admin log entries and Wagtail's log and reference index
# keep pointing at the same rows.

import django.core.validators
from django.db import migrations, models


def _move_content_type(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=target, model="municipality").exists():
        types.filter(app_label=source, model="municipality").update(app_label=target)


def rename_content_type(apps, schema_editor):
    _move_content_type(apps, schema_editor, "kennisbank", "municipalities")


def restore_content_type(apps, schema_editor):
    _move_content_type(apps, schema_editor, "municipalities", "kennisbank")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("kennisbank", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Municipality",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("cbs_code", models.CharField(max_length=6, unique=True, validators=[django.core.validators.RegexValidator("^GM\\d{4}$", "A CBS code looks like GM0344.")], verbose_name="CBS code")),
                        ("name", models.CharField(max_length=100, verbose_name="name")),
                        ("province", models.CharField(db_index=True, max_length=50, verbose_name="province")),
                        ("population", models.PositiveIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name="population")),
                        ("population_year", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="population year")),
                        ("veiligheidsregio_code", models.CharField(blank=True, max_length=4, verbose_name="safety region")),
                        ("area_km2", models.PositiveIntegerField(blank=True, null=True, verbose_name="land area (km²)")),
                    ],
                    options={
                        "verbose_name": "municipality",
                        "verbose_name_plural": "municipalities",
                        "ordering": ["name"],
                        "db_table": "kennisbank_municipality",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_type, restore_content_type),
    ]
