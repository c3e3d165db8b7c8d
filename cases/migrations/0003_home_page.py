from django.db import migrations


def create_home(apps, schema_editor):
    """Replace Wagtail's welcome page with the Kennisbank home and its topic index."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("cases", "HomePage")
    TopicIndexPage = apps.get_model("cases", "TopicIndexPage")

    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    locale = Locale.objects.first()
    home_type, _ = ContentType.objects.get_or_create(app_label="cases", model="homepage")
    topic_type, _ = ContentType.objects.get_or_create(app_label="cases", model="topicindexpage")

    home = HomePage.objects.create(
        title="Kennisbank",
        draft_title="Kennisbank",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=1,
        url_path="/home/",
        locale=locale,
        intro=(
            "Wat hebben andere gemeenten geleerd? Casusbladen en lessen uit het sociaal "
            "domein, gedeeld door professionals van gemeenten."
        ),
    )
    TopicIndexPage.objects.create(
        title="Onderwerpen",
        draft_title="Onderwerpen",
        slug="onderwerpen",
        content_type=topic_type,
        path="000100010001",
        depth=3,
        numchild=0,
        url_path="/home/onderwerpen/",
        locale=locale,
        intro="Casusbladen en lessen per thema, decentralisatie, risico, kans en profiel.",
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Kennisbank"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_seed_taxonomy"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home, migrations.RunPython.noop)]
