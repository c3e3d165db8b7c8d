from django.db import migrations

# (vocabulary, slug, label, description): the vocabularies of the AEF 2015 casusbladen
# and the Regioplan organisation profiles. Editors extend them in the admin.
TERMS = [
    ("thema", "jeugdhulp", "Jeugdhulp", ""),
    ("thema", "wmo-ondersteuning", "Wmo-ondersteuning", ""),
    ("thema", "participatie-en-werk", "Participatie en werk", ""),
    ("thema", "inkomen-en-schulden", "Inkomen en schulden", ""),
    ("thema", "sociale-wijkteams", "Sociale wijkteams", ""),
    ("thema", "zorg-en-veiligheid", "Zorg en veiligheid", ""),
    ("thema", "agressie-en-geweld", "Agressie en geweld", ""),
    ("thema", "integriteit", "Integriteit", ""),
    ("thema", "communicatie-met-inwoners", "Communicatie met inwoners", ""),
    ("thema", "hr-en-vakmanschap", "HR en vakmanschap", ""),
    ("thema", "kennismanagement", "Kennismanagement", ""),
    ("thema", "inkoop-en-contractering", "Inkoop en contractering", ""),
    ("thema", "digitalisering-en-ict", "Digitalisering en ICT", ""),
    ("thema", "uitvoerbaarheid-en-beleid", "Uitvoerbaarheid en beleid", ""),
    ("thema", "leiderschap-en-cultuur", "Leiderschap en cultuur", ""),
    ("decentralisatie", "wmo-2015", "Wmo 2015", "Wet maatschappelijke ondersteuning 2015"),
    ("decentralisatie", "jeugdwet", "Jeugdwet", ""),
    ("decentralisatie", "participatiewet", "Participatiewet", ""),
    (
        "risico",
        "onbegrip",
        "Onbegrip",
        "Inwoners begrijpen nieuwe regels of beslissingen niet.",
    ),
    (
        "risico",
        "agressie-en-geweld",
        "Agressie en geweld",
        "Medewerkers krijgen te maken met agressie of geweld.",
    ),
    (
        "risico",
        "integriteitsschending",
        "Integriteitsschending",
        "Meer beslisruimte vergroot de kans op integriteitsschendingen.",
    ),
    (
        "risico",
        "risico-regelreflex",
        "Risico-regelreflex",
        "Na een incident volgen nieuwe regels die het maatwerk weer inperken.",
    ),
    ("kans", "beter-contact", "Beter contact", "Dichter bij inwoners, beter contact."),
    ("kans", "snellere-dienstverlening", "Snellere dienstverlening", ""),
    ("kans", "meer-maatwerk", "Meer maatwerk", ""),
    ("kans", "netwerken-faciliteren", "Netwerken faciliteren", ""),
    (
        "organisatieprofiel",
        "vroege-vernieuwer",
        "Vroege vernieuwer",
        "Begon al vóór de decentralisaties met de nieuwe werkwijze.",
    ),
    (
        "organisatieprofiel",
        "pro-actief",
        "Pro-actief",
        "Bereidde de nieuwe taken actief en planmatig voor.",
    ),
    (
        "organisatieprofiel",
        "pragmatisch",
        "Pragmatisch",
        "Zorgde eerst voor continuïteit en vernieuwt stap voor stap.",
    ),
]


def seed(apps, schema_editor):
    Term = apps.get_model("cases", "Term")
    for vocabulary, slug, label, description in TERMS:
        Term.objects.get_or_create(
            vocabulary=vocabulary,
            slug=slug,
            defaults={"label": label, "description": description},
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
