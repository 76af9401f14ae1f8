"""Peine's districts, the fields of action, target groups, funding sources and goals.

The data is carried here (from public sources, see docs/data-sources.md) so that a fresh
database has it; the IT administration maintains it afterwards in the admin. The role
groups are created here too; their permissions follow peine/roles.py after every migrate.
"""

from django.core.management import call_command
from django.db import migrations

DISTRICTS = [
    # (name, slug, kind, residents) -- residents from public sources of mixed dates.
    ("Kernstadt", "kernstadt", "core", None),
    ("Berkum", "berkum", "village", 282),
    ("Dungelbeck", "dungelbeck", "village", 1865),
    ("Duttenstedt", "duttenstedt", "village", 1005),
    ("Eixe", "eixe", "village", 645),
    ("Essinghausen", "essinghausen", "village", 1794),
    ("Handorf", "handorf", "village", 886),
    ("Röhrse", "roehrse", "village", 250),
    ("Rosenthal", "rosenthal", "village", 1153),
    ("Schmedenstedt", "schmedenstedt", "village", 991),
    ("Schwicheldt", "schwicheldt", "village", 1275),
    ("Stederdorf", "stederdorf", "village", 5703),
    ("Vöhrum/Landwehr", "voehrum-landwehr", "village", 6999),
    ("Wendesse", "wendesse", "village", 165),
    ("Woltorf", "woltorf", "village", 1925),
]

SECTORS = [
    ("Sprache und Bildung", "sprache-bildung",
     "Integration durch Bildung für alle Altersgruppen, besonders Kinder und Frauen."),
    ("Arbeit und Wirtschaft", "arbeit-wirtschaft",
     "Zugang zu Ausbildung und Arbeit, Unternehmen als Partner."),
    ("Wohnen und Zusammenleben im Quartier", "wohnen-quartier",
     "Nachbarschaft, Wohnraum und Begegnung in Kernstadt und Ortschaften."),
    ("Gesundheit und Pflege", "gesundheit-pflege",
     "Gesundheitsversorgung, Pflege und Prävention für alle."),
    ("Sport und Freizeit", "sport-freizeit",
     "Vereine, Bewegung und Freizeit als Orte der Begegnung."),
    ("Kultur und interreligiöser Dialog", "kultur-dialog",
     "Interkulturelle und interreligiöse Begegnungen und Veranstaltungen."),
    ("Teilhabe, Ehrenamt und Demokratie", "teilhabe-demokratie",
     "Partizipation von Migrantinnen und Migranten, Ehrenamt, politische Bildung."),
    ("Interkulturelle Öffnung der Verwaltung", "oeffnung-verwaltung",
     "Zugänglichkeit und Vielfalt in Verwaltung und öffentlichen Einrichtungen."),
    ("Kinder, Jugend und Familie", "kinder-jugend-familie",
     "Familienzentren, Kitas, Schulen und Jugendarbeit."),
]

TARGET_GROUPS = [
    ("Neuzugewanderte", "neuzugewanderte"),
    ("Geflüchtete", "gefluechtete"),
    ("Kinder und Jugendliche", "kinder-jugendliche"),
    ("Frauen", "frauen"),
    ("Familien", "familien"),
    ("Seniorinnen und Senioren", "senioren"),
    ("Ehrenamtliche", "ehrenamtliche"),
    ("Beschäftigte der Verwaltung", "verwaltung"),
    ("Arbeitsuchende", "arbeitsuchende"),
    ("Alle Einwohnerinnen und Einwohner", "alle"),
]

FUNDING_SOURCES = [
    ("EU-Asyl-, Migrations- und Integrationsfonds (AMIF)", "eu-amif", "eu"),
    ("Land Niedersachsen", "land-niedersachsen", "state"),
    ("Bund (BAMF)", "bund-bamf", "federal"),
    ("Städtischer Haushalt", "staedtischer-haushalt", "municipal"),
    ("Drittmittel und Stiftungen", "drittmittel", "third_party"),
]

GOALS = [
    # (sector slug, code, title)
    ("sprache-bildung", "1.1", "Sprachförderung von der Kita bis zur Erwachsenenbildung ausbauen"),
    ("sprache-bildung", "1.2", "Bildungsangebote für Frauen mit Kinderbetreuung verbinden"),
    ("arbeit-wirtschaft", "2.1", "Übergänge von Schule, Sprachkurs und Ausbildung in Arbeit sichern"),
    ("arbeit-wirtschaft", "2.2", "Unternehmen für vielfältige Belegschaften gewinnen"),
    ("wohnen-quartier", "3.1", "Begegnung und Nachbarschaft in den Quartieren stärken"),
    ("wohnen-quartier", "3.2", "Zugang zu bezahlbarem Wohnraum verbessern"),
    ("gesundheit-pflege", "4.1", "Gesundheitsangebote mehrsprachig und niedrigschwellig machen"),
    ("sport-freizeit", "5.1", "Vereine für neue Mitglieder öffnen"),
    ("kultur-dialog", "6.1", "Interkulturellen und interreligiösen Dialog verstetigen"),
    ("teilhabe-demokratie", "7.1", "Migrantenorganisationen an Entscheidungen beteiligen"),
    ("teilhabe-demokratie", "7.2", "Ehrenamt und demokratische Netzwerke stärken"),
    ("teilhabe-demokratie", "7.3", "Konflikte früh erkennen und gemeinsam bearbeiten"),
    ("oeffnung-verwaltung", "8.1", "Verwaltung interkulturell öffnen und Zugänge vereinfachen"),
    ("kinder-jugend-familie", "9.1", "Familienzentren als Anlaufstellen für alle Familien ausbauen"),
]

ROLES = ["officer", "reviewer", "council", "admin"]


def create_data(apps, schema_editor):
    District = apps.get_model("peine", "District")
    Sector = apps.get_model("peine", "Sector")
    TargetGroup = apps.get_model("peine", "TargetGroup")
    FundingSource = apps.get_model("peine", "FundingSource")
    Goal = apps.get_model("peine", "Goal")
    Group = apps.get_model("auth", "Group")

    for position, (name, slug, kind, residents) in enumerate(DISTRICTS):
        District.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "kind": kind, "residents": residents, "position": position},
        )
    sectors = {}
    for position, (name, slug, description) in enumerate(SECTORS, start=1):
        sectors[slug], _ = Sector.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    for position, (name, slug) in enumerate(TARGET_GROUPS, start=1):
        TargetGroup.objects.update_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    for position, (name, slug, kind) in enumerate(FUNDING_SOURCES, start=1):
        FundingSource.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "position": position}
        )
    for sector_slug, code, title in GOALS:
        Goal.objects.update_or_create(
            code=code, defaults={"sector": sectors[sector_slug], "title": title}
        )
    for role in ROLES:
        Group.objects.get_or_create(name=role)


def create_cache_table(apps, schema_editor):
    """allauth's rate limits count in the database cache: it must exist."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("peine", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_data, migrations.RunPython.noop),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
