import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor) -> None:
    from search.fallback_table import rebuild

    rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_fallback_text_index"),
        ("wagtailcore", "0098_apitoken"),
        ("cases", "0008_field_limits_status_labels"),
        ("municipalities", "0003_link_existing_workspaces"),
    ]

    operations = [
        migrations.CreateModel(
            name="FallbackPage",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("kind", models.CharField(max_length=20)),
                ("members_only", models.BooleanField()),
                ("town", models.CharField(max_length=255)),
                ("municipality_code", models.CharField(max_length=10)),
                ("province", models.CharField(max_length=50)),
                ("size_class", models.CharField(max_length=20)),
                ("published", models.DateTimeField(null=True)),
                ("facet_values", models.TextField()),
            ],
            options={
                "indexes": [models.Index(fields=["town"], name="search_fallback_town")],
            },
        ),
        migrations.CreateModel(
            name="FallbackValue",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("facet", models.CharField(max_length=20)),
                ("value", models.CharField(max_length=255)),
                (
                    "page",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="values",
                        to="search.fallbackpage",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["page", "facet", "value"], name="search_fallback_page_value"
                    ),
                    models.Index(fields=["facet", "value"], name="search_fallback_value"),
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
