# Municipality now belongs to the municipalities app (its migration 0001 took over
# the table); the project app forgets it. State only: nothing in the database changes.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("kennisbank", "0001_initial"),
        ("cases", "0006_municipality_from_municipalities_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Municipality")],
            database_operations=[],
        ),
    ]
