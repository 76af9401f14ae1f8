"""Demo analysis for the demo rounds: dynamics of social change in Peine, how they act on
each other (with a reinforcing and a balancing loop), two workshops, released versions.

Findings are assigned by words of their statements; all texts are fictional but follow
what the city's interviews reported (see the consultations demo).
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from analysis import services
from analysis.models import Dynamic, Influence, OptionLink, Workshop, WorkshopOption
from consultations.models import ActionOption, ConsultationRound, Finding
from peine.models import Sector
from peine.roles import Role, users_with_role
from stakeholders.models import Stakeholder

# (title, description, sector slugs, words that find its findings)
DYNAMICS = [
    (
        "Rückzug in eigene Vereinsstrukturen",
        "Vereine und Gemeinden bleiben unter sich; Neue finden schwer hinein.",
        ["sport-freizeit", "teilhabe-demokratie"],
        ["Verein"],
    ),
    (
        "Strukturwandel schwächt Nachbarschaftstreffs",
        "Kneipen, Läden und Treffpunkte schließen, besonders in den Ortschaften.",
        ["wohnen-quartier"],
        ["Treff", "Begegnung", "Nachbar"],
    ),
    (
        "Wachsendes Misstrauen zwischen Alteingesessenen und Zugewanderten",
        "Vorurteile und Gerüchte verbreiten sich, wo man sich nicht begegnet.",
        ["kultur-dialog", "wohnen-quartier"],
        ["Misstrauen", "Vorurteil", "Rassismus", "Gerücht"],
    ),
    (
        "Sprachbarrieren verzögern Teilhabe",
        "Lange Wartelisten und fehlende Kurse in den Ortschaften.",
        ["sprache-bildung"],
        ["Sprach", "Deutsch", "Kurs"],
    ),
    (
        "Ehrenamt wird älter und müde",
        "Wenige tragen viel; Nachwuchs fehlt in Initiativen und Vereinen.",
        ["teilhabe-demokratie"],
        ["Ehrenamt", "ehrenamtlich"],
    ),
    (
        "Fachkräftemangel öffnet Betriebe für Zugewanderte",
        "Unternehmen suchen Auszubildende und Fachkräfte und werden zu Partnern.",
        ["arbeit-wirtschaft"],
        ["Ausbildung", "Betrieb", "Unternehmen", "Arbeit"],
    ),
    (
        "Verwaltung schwer zugänglich",
        "Bescheide und Abläufe sind schwer verständlich; Termine fehlen.",
        ["oeffnung-verwaltung"],
        ["Verwaltung", "Bescheid", "Amt"],
    ),
    (
        "Jugendliche ohne Orte",
        "Jugendliche treffen sich im öffentlichen Raum, Konflikte mit Anwohnenden nehmen zu.",
        ["kinder-jugend-familie"],
        ["Jugend"],
    ),
    (
        "Religionsgemeinschaften als Brückenbauer",
        "Gemeinden und Moscheevereine kooperieren und beziehen gemeinsam Stellung.",
        ["kultur-dialog"],
        ["Gemeinde", "Moschee", "Religion"],
    ),
    (
        "Wohnungsmangel verdrängt in Randlagen",
        "Bezahlbarer Wohnraum fehlt; Zugewanderte wohnen konzentriert in wenigen Straßen.",
        ["wohnen-quartier"],
        ["Wohn", "Miete"],
    ),
]

# (from, to, effect, strength, why); titles shortened to their first words below
INFLUENCES = [
    (
        "Rückzug",
        "Strukturwandel",
        "strengthens",
        2,
        "Wer nur im eigenen Verein ist, trägt den Treff im Ort nicht mit.",
    ),
    (
        "Strukturwandel",
        "Wachsendes",
        "strengthens",
        3,
        "Wo Treffpunkte fehlen, begegnet man sich nicht und Gerüchte füllen die Lücke.",
    ),
    (
        "Wachsendes",
        "Rückzug",
        "strengthens",
        2,
        "Misstrauen treibt Menschen in die eigenen Kreise.",
    ),
    (
        "Ehrenamt",
        "Strukturwandel",
        "strengthens",
        2,
        "Ohne Ehrenamtliche schließen die letzten Treffpunkte.",
    ),
    ("Rückzug", "Ehrenamt", "strengthens", 1, "Vereine werben keine neuen Engagierten von außen."),
    (
        "Sprachbarrieren",
        "Wachsendes",
        "strengthens",
        2,
        "Wer sich nicht verständigen kann, bleibt fremd.",
    ),
    (
        "Sprachbarrieren",
        "Verwaltung",
        "strengthens",
        2,
        "Bescheide ohne Erklärung bleiben unverstanden.",
    ),
    (
        "Fachkräftemangel",
        "Sprachbarrieren",
        "weakens",
        2,
        "Betriebe finanzieren berufsbezogene Sprachkurse.",
    ),
    (
        "Sprachbarrieren",
        "Fachkräftemangel",
        "strengthens",
        1,
        "Fehlende Sprache hält Stellen offen und den Druck hoch.",
    ),
    (
        "Fachkräftemangel",
        "Wachsendes",
        "weakens",
        1,
        "Kolleginnen und Kollegen lernen sich im Betrieb kennen.",
    ),
    (
        "Religionsgemeinschaften",
        "Wachsendes",
        "weakens",
        2,
        "Gemeinsame Stellungnahmen in Krisen dämpfen Gerüchte.",
    ),
    (
        "Wachsendes",
        "Religionsgemeinschaften",
        "strengthens",
        2,
        "Je mehr Misstrauen, desto mehr suchen die Gemeinden den Schulterschluss.",
    ),
    (
        "Jugendliche",
        "Wachsendes",
        "strengthens",
        2,
        "Konflikte im öffentlichen Raum nähren Vorurteile.",
    ),
    (
        "Strukturwandel",
        "Jugendliche",
        "strengthens",
        2,
        "Mit den Treffpunkten verschwinden Orte für Jugendliche.",
    ),
    (
        "Wohnungsmangel",
        "Wachsendes",
        "strengthens",
        2,
        "Konzentriertes Wohnen trennt die Lebenswelten.",
    ),
    (
        "Wohnungsmangel",
        "Strukturwandel",
        "strengthens",
        1,
        "Neue Baugebiete entstehen ohne Gemeinschaftsräume.",
    ),
    (
        "Verwaltung",
        "Ehrenamt",
        "strengthens",
        1,
        "Ehrenamtliche füllen die Lücken der Verwaltung und ermüden.",
    ),
    (
        "Ehrenamt",
        "Sprachbarrieren",
        "weakens",
        2,
        "Sprachcafés und Lesepatenschaften tragen sich durch Ehrenamt.",
    ),
]

# option title prefix -> (dynamic prefix, effect)
OPTION_LINKS = [
    ("Sprachcafés", "Sprachbarrieren", "weakens"),
    ("Sprachcafés", "Strukturwandel", "weakens"),
    ("Raumbörse", "Strukturwandel", "weakens"),
    ("Raumbörse", "Rückzug", "weakens"),
    ("Mehrsprachige", "Verwaltung", "weakens"),
    ("Runder Tisch", "Religionsgemeinschaften", "strengthens"),
    ("Jährlicher Bürgerdialog", "Wachsendes", "weakens"),
    ("Treffpunkte in neuen", "Wohnungsmangel", "weakens"),
    ("Willkommensstelle", "Fachkräftemangel", "strengthens"),
]


def _find(items, prefix):
    return next(item for item in items if item.title.startswith(prefix))


def load(stdout) -> None:
    officers = list(users_with_role(Role.OFFICER).order_by("email"))
    rounds = list(ConsultationRound.objects.order_by("starts_on"))
    if not officers or len(rounds) < 2:
        stdout.write("Analysis demo: no officer or fewer than two rounds, skipped.")
        return
    sectors = {s.slug: s for s in Sector.objects.all()}
    dynamics = []
    through = Dynamic.findings.through
    for title, description, slugs, words in DYNAMICS:
        dynamic = Dynamic.objects.create(title=title, description=description)
        dynamic.sectors.set([sectors[slug] for slug in slugs if slug in sectors])
        matching = Q()
        for word in words:
            matching |= Q(statement__icontains=word)
        ids = []
        for round_ in rounds:
            ids += list(
                Finding.objects.filter(matching, round=round_)
                .order_by("id")
                .values_list("id", flat=True)[:8]
            )
        through.objects.bulk_create([through(dynamic=dynamic, finding_id=pk) for pk in ids])
        dynamics.append(dynamic)
    for source, target, effect, strength, reason in INFLUENCES:
        Influence.objects.create(
            source=_find(dynamics, source),
            target=_find(dynamics, target),
            effect=effect,
            strength=strength,
            reason=reason,
        )
    options = list(ActionOption.objects.all())
    for option_prefix, dynamic_prefix, effect in OPTION_LINKS:
        option = next((o for o in options if o.title.startswith(option_prefix)), None)
        if option is not None:
            OptionLink.objects.get_or_create(
                option=option, dynamic=_find(dynamics, dynamic_prefix), defaults={"effect": effect}
            )
    today = timezone.localdate()
    stakeholders = list(Stakeholder.objects.filter(active=True).order_by("name"))
    for index, (title, place, days, count) in enumerate(
        [
            ("Werkstatt Begegnung und Nachbarschaft", "Forum Peine", 380, 7),
            ("Werkstatt Sprache, Arbeit und Verwaltung", "Ratssaal Peine", 40, 6),
        ]
    ):
        workshop = Workshop.objects.create(
            title=title,
            held_on=today - datetime.timedelta(days=days),
            place=place,
            round=rounds[0] if index == 0 else rounds[1],
        )
        workshop.stakeholders.set(stakeholders[index::3][:count])
        chosen = [o for o in options if o.round_id == workshop.round_id][:4]
        for priority, option in enumerate(chosen, start=1):
            WorkshopOption.objects.create(
                workshop=workshop, option=option, priority=min(priority, 3)
            )
    services.release_map(user=officers[0])
    services.release_comparison(later=rounds[1], earlier=rounds[0], user=officers[0])
    stdout.write(
        f"Analysis demo: {len(dynamics)} dynamics, {Influence.objects.count()} influences, "
        "2 workshops, map and comparison released."
    )
