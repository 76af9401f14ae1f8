"""Demo measures: about 40, in every status, with reviews, budgets, indicators and spending.

Works with whatever stakeholders and options for action the other demo modules created;
without any, it creates a few organisations by name. All people are fictional.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from consultations.models import ActionOption
from measures.models import BudgetLine, Expenditure, Indicator, Measure, ProgressEntry, Review
from measures.services import TRANSITIONS
from peine.models import District, FundingSource, Goal, Sector, TargetGroup
from peine.roles import Role, users_with_role
from stakeholders.models import Stakeholder

S = Measure.Status
A = Review.Decision

# The way to each status from a draft; "changes requested" loops back once for some.
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [A.SUBMIT],
    S.IN_REVIEW: [A.SUBMIT, A.START_REVIEW],
    S.CHANGES_REQUESTED: [A.SUBMIT, A.START_REVIEW, A.REQUEST_CHANGES],
    S.REJECTED: [A.SUBMIT, A.START_REVIEW, A.REJECT],
    S.APPROVED: [A.SUBMIT, A.START_REVIEW, A.REQUEST_CHANGES, A.SUBMIT, A.START_REVIEW, A.APPROVE],
    S.IN_PROGRESS: [A.SUBMIT, A.START_REVIEW, A.APPROVE, A.START],
    S.PAUSED: [A.SUBMIT, A.START_REVIEW, A.APPROVE, A.START, A.PAUSE],
    S.COMPLETED: [A.SUBMIT, A.START_REVIEW, A.APPROVE, A.START, A.COMPLETE],
}

REASONS = {
    A.REQUEST_CHANGES: [
        "Bitte die Kosten für Honorare aufschlüsseln und die Kinderbetreuung einplanen.",
        "Die Zielgruppe ist zu weit gefasst; bitte auf die Südstadt konzentrieren.",
        "Bitte einen zweiten Träger als Partner benennen und den Zeitplan konkretisieren.",
    ],
    A.REJECT: [
        "Doppelt mit dem Angebot der Kreisvolkshochschule; bitte dort anknüpfen.",
        "Im Haushaltsjahr nicht finanzierbar; im nächsten Jahr erneut vorschlagen.",
    ],
    A.APPROVE: ["Mit den Fachbereichen abgestimmt; Finanzierung gesichert.", ""],
    A.PAUSE: ["Die Honorarkraft ist ausgefallen; Fortsetzung nach den Sommerferien."],
}

# (title, sector slug, target group slug, district slugs, description)
MEASURES = [
    (
        "Sprachcafé in der Südstadt",
        "sprache-bildung",
        "frauen",
        ["kernstadt"],
        "Wöchentlicher offener Treffpunkt zum Deutschüben mit Kinderbetreuung im Stadtteiltreff.",
    ),
    (
        "Mama lernt Deutsch an Grundschulen",
        "sprache-bildung",
        "frauen",
        ["kernstadt"],
        "Deutschkurse für Mütter vormittags in der Schule ihrer Kinder.",
    ),
    (
        "Lesepatenschaften in Kitas",
        "sprache-bildung",
        "kinder-jugendliche",
        ["stederdorf"],
        "Ehrenamtliche lesen wöchentlich in Kitas vor, auch in Herkunftssprachen.",
    ),
    (
        "Berufssprachkurs Pflege",
        "sprache-bildung",
        "arbeitsuchende",
        ["kernstadt"],
        "Fachsprache für die Pflege in Kooperation mit Pflegeschulen im Landkreis.",
    ),
    (
        "Hausaufgabenhilfe in Vöhrum",
        "kinder-jugend-familie",
        "kinder-jugendliche",
        ["voehrum-landwehr"],
        "Nachmittags-Lernhilfe mit Studierenden und Ehrenamtlichen.",
    ),
    (
        "Ausbildungslotsen für Geflüchtete",
        "arbeit-wirtschaft",
        "gefluechtete",
        ["kernstadt"],
        "Begleitung von jungen Geflüchteten von der Berufsorientierung bis zum Ausbildungsvertrag.",
    ),
    (
        "Praktikumsbörse Peiner Betriebe",
        "arbeit-wirtschaft",
        "arbeitsuchende",
        ["kernstadt"],
        "Unternehmen bieten Schnupperpraktika an; Vermittlung über eine gemeinsame Börse.",
    ),
    (
        "Anerkennungsberatung vor Ort",
        "arbeit-wirtschaft",
        "neuzugewanderte",
        ["kernstadt"],
        "Monatliche Sprechstunde zur Anerkennung ausländischer Berufsabschlüsse.",
    ),
    (
        "Unternehmensfrühstück Vielfalt",
        "arbeit-wirtschaft",
        "alle",
        ["kernstadt"],
        "Austausch von Betrieben über gute Erfahrungen mit vielfältigen Belegschaften.",
    ),
    (
        "Nachbarschaftsfest Telgte",
        "wohnen-quartier",
        "alle",
        ["kernstadt"],
        "Jährliches Fest der Nachbarschaft, von Vereinen und Bewohnerinnen gemeinsam geplant.",
    ),
    (
        "Quartierslotsen Südstadt",
        "wohnen-quartier",
        "neuzugewanderte",
        ["kernstadt"],
        "Ehrenamtliche Lotsinnen erklären Hausordnung, Müll, Behördengänge und Angebote.",
    ),
    (
        "Wohnungsbörse mit Mietpaten",
        "wohnen-quartier",
        "gefluechtete",
        ["kernstadt"],
        "Mietpatinnen und -paten begleiten die Wohnungssuche und vermitteln bei Konflikten.",
    ),
    (
        "Begegnungsgarten Stederdorf",
        "wohnen-quartier",
        "alle",
        ["stederdorf", "wendesse"],
        "Gemeinschaftsgarten als Ort der Begegnung zwischen Alteingesessenen und Zugezogenen.",
    ),
    (
        "Dorfgespräche in den Ortschaften",
        "wohnen-quartier",
        "alle",
        ["dungelbeck", "schwicheldt", "woltorf"],
        "Moderierte Gesprächsabende zum Zusammenleben.",
    ),
    (
        "Mehrsprachige Gesundheitslotsen",
        "gesundheit-pflege",
        "neuzugewanderte",
        ["kernstadt"],
        "Geschulte Lotsinnen informieren in ihren Sprachen über das Gesundheitssystem.",
    ),
    (
        "Pflegeberatung für Familien mit Migrationsgeschichte",
        "gesundheit-pflege",
        "senioren",
        ["kernstadt"],
        "Kultursensible Beratung zu Pflegeleistungen und Entlastungsangeboten.",
    ),
    (
        "Psychosoziale Sprechstunde",
        "gesundheit-pflege",
        "gefluechtete",
        ["kernstadt"],
        "Niedrigschwellige Erstberatung bei Belastungen, mit Dolmetschenden.",
    ),
    (
        "Schwimmkurse für Frauen",
        "sport-freizeit",
        "frauen",
        ["kernstadt"],
        "Frauenschwimmzeiten mit Trainerinnen im Hallenbad.",
    ),
    (
        "Vereinspatenschaften im Sport",
        "sport-freizeit",
        "kinder-jugendliche",
        ["voehrum-landwehr", "eixe"],
        "Vereine übernehmen Beiträge und Begleitung im ersten Jahr.",
    ),
    (
        "Interkulturelles Fußballturnier",
        "sport-freizeit",
        "kinder-jugendliche",
        ["kernstadt"],
        "Turnier der Jugendmannschaften mit Rahmenprogramm der Migrantenorganisationen.",
    ),
    (
        "Radfahrkurse für Erwachsene",
        "sport-freizeit",
        "frauen",
        ["essinghausen"],
        "Sicher Radfahren lernen, mit Leihrädern und Verkehrsregeln.",
    ),
    (
        "Interreligiöser Gesprächskreis",
        "kultur-dialog",
        "alle",
        ["kernstadt"],
        "Gemeinden laden abwechselnd zu Gesprächen über Feste und Alltag ein.",
    ),
    (
        "Tag der offenen Moschee und Kirche",
        "kultur-dialog",
        "alle",
        ["kernstadt"],
        "Gemeinsamer Aktionstag der Religionsgemeinschaften mit Führungen.",
    ),
    (
        "Erzählcafé Lebenswege",
        "kultur-dialog",
        "senioren",
        ["kernstadt", "rosenthal"],
        "Ältere Menschen erzählen von Ankommen und Bleiben in Peine.",
    ),
    (
        "Kulturfest auf dem Marktplatz",
        "kultur-dialog",
        "alle",
        ["kernstadt"],
        "Musik, Tanz und Essen der Peiner Kulturvereine an einem Sommerwochenende.",
    ),
    (
        "Beirat für Migration und Teilhabe",
        "teilhabe-demokratie",
        "alle",
        ["kernstadt"],
        "Aufbau eines beratenden Gremiums mit Vertreterinnen der Migrantenorganisationen.",
    ),
    (
        "Demokratiewerkstatt für Jugendliche",
        "teilhabe-demokratie",
        "kinder-jugendliche",
        ["kernstadt"],
        "Workshops zu Kommunalpolitik mit Besuch im Rat.",
    ),
    (
        "Ehrenamtsbörse mehrsprachig",
        "teilhabe-demokratie",
        "ehrenamtliche",
        ["kernstadt"],
        "Plattform und Sprechstunde, die Ehrenamtliche und Vereine zusammenbringt.",
    ),
    (
        "Konfliktmoderation in Nachbarschaften",
        "teilhabe-demokratie",
        "alle",
        ["kernstadt", "handorf"],
        "Ausgebildete Moderatorinnen begleiten Konflikte früh.",
    ),
    (
        "Diskussionsforum Zusammenleben",
        "teilhabe-demokratie",
        "alle",
        ["kernstadt"],
        "Öffentliche Diskussionsabende zu Fragen des Zusammenlebens.",
    ),
    (
        "Interkulturelle Schulung der Verwaltung",
        "oeffnung-verwaltung",
        "verwaltung",
        ["kernstadt"],
        "Fortbildungsreihe für Beschäftigte mit Publikumsverkehr.",
    ),
    (
        "Formulare in leichter Sprache",
        "oeffnung-verwaltung",
        "neuzugewanderte",
        ["kernstadt"],
        "Die häufigsten Formulare des Bürgerbüros werden vereinfacht und übersetzt.",
    ),
    (
        "Dolmetscherpool für Behördengänge",
        "oeffnung-verwaltung",
        "neuzugewanderte",
        ["kernstadt"],
        "Geschulte Sprachmittlerinnen auf Abruf für Ämter und Schulen.",
    ),
    (
        "Vielfalt in der Ausbildung der Stadt",
        "oeffnung-verwaltung",
        "kinder-jugendliche",
        ["kernstadt"],
        "Gezielte Ansprache junger Menschen mit Migrationsgeschichte.",
    ),
    (
        "Familienzentrum als Anlaufstelle",
        "kinder-jugend-familie",
        "familien",
        ["kernstadt"],
        "Ausbau eines Familienzentrums mit Beratung, Elterncafé und Sprachangeboten.",
    ),
    (
        "Elternabende mehrsprachig",
        "kinder-jugend-familie",
        "familien",
        ["schmedenstedt"],
        "Schulen und Kitas laden mit Sprachmittlung zu Elternabenden ein.",
    ),
    (
        "Ferienprogramm für alle Kinder",
        "kinder-jugend-familie",
        "kinder-jugendliche",
        ["kernstadt", "duttenstedt"],
        "Kostenfreie Ferienangebote mit Vereinen und Jugendarbeit.",
    ),
    (
        "Jugendtreff Walzwerk",
        "kinder-jugend-familie",
        "kinder-jugendliche",
        ["kernstadt"],
        "Offener Treff mit Streetwork und Projekten in den Abendstunden.",
    ),
    (
        "Familienpatenschaften",
        "kinder-jugend-familie",
        "familien",
        ["berkum", "roehrse"],
        "Ehrenamtliche Familien begleiten neu zugezogene Familien im Alltag.",
    ),
    (
        "Willkommensmappe für Neuzugewanderte",
        "oeffnung-verwaltung",
        "neuzugewanderte",
        ["kernstadt"],
        "Mehrsprachige Mappe mit Ansprechstellen, Plänen und Angeboten.",
    ),
    (
        "Sprachmittlung an Schulen",
        "sprache-bildung",
        "familien",
        ["kernstadt"],
        "Ein Pool von Sprachmittlerinnen für Gespräche zwischen Schule und Eltern.",
    ),
]

FALLBACK_STAKEHOLDERS = [
    ("Caritas Migrationsdienst Peine", Stakeholder.Kind.WELFARE),
    ("Kreisvolkshochschule Peine", Stakeholder.Kind.EDUCATION),
    ("Kreissportbund Peine", Stakeholder.Kind.SPORTS),
    ("InterKultura Peiner Land e.V.", Stakeholder.Kind.MIGRANT_ORGANISATION),
    ("Familien für Familien e.V.", Stakeholder.Kind.INITIATIVE),
    ("Fachbereich Jugend, Familie und Soziales", Stakeholder.Kind.CITY_DEPARTMENT),
]

INDICATORS = [
    ("Teilnehmende", "Personen", Decimal("0"), Decimal("60")),
    ("Veranstaltungen", "Termine", Decimal("0"), Decimal("24")),
    ("Kooperationspartner", "Organisationen", Decimal("2"), Decimal("8")),
]

SPENDING = ["Honorare", "Raummiete", "Material", "Dolmetschkosten", "Öffentlichkeitsarbeit"]


def _people(role: Role) -> list:
    users = list(users_with_role(role).order_by("pk"))
    if not users:
        raise LookupError(f"measures demo: no demo user with role {role}")
    return users


def _stakeholders() -> list[Stakeholder]:
    stakeholders = list(Stakeholder.objects.active().order_by("name")[:40])
    if len(stakeholders) < 4:
        for name, kind in FALLBACK_STAKEHOLDERS:
            Stakeholder.objects.get_or_create(name=name, defaults={"kind": kind})
        stakeholders = list(Stakeholder.objects.active().order_by("name")[:40])
    return stakeholders


def _walk(measure, path, *, officer, reviewer, start, rng) -> None:
    """Record the reviews of ``path`` as they would have happened, dated after ``start``."""
    status = S.DRAFT
    when = start
    for action in path:
        new_status = TRANSITIONS[(status, action)]
        when += datetime.timedelta(days=rng.randint(2, 12), hours=rng.randint(1, 7))
        who = officer if action == A.SUBMIT else reviewer
        reasons = REASONS.get(action, [""])
        review = Review.objects.create(
            measure=measure,
            reviewer=who,
            decision=action,
            old_status=status,
            new_status=new_status,
            reason=rng.choice(reasons),
        )
        Review.objects.filter(pk=review.pk).update(created_at=when)
        status = new_status
    Measure.objects.filter(pk=measure.pk).update(
        status=status, status_changed_at=when if path else None
    )


def load(stdout) -> None:
    rng = random.Random(2026)  # the same demo every time
    officers, reviewers = _people(Role.OFFICER), _people(Role.REVIEWER)
    stakeholders = _stakeholders()
    options = list(ActionOption.objects.filter(status=ActionOption.Status.OPEN)[:6])
    sectors = {s.slug: s for s in Sector.objects.all()}
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    districts = {d.slug: d for d in District.objects.all()}
    goals = {}
    for goal in Goal.objects.select_related("sector").order_by("code"):
        goals.setdefault(goal.sector.slug, goal)
    sources = list(FundingSource.objects.filter(active=True))
    statuses = list(PATHS)
    today = timezone.localdate()
    created = 0
    for index, (title, sector, group, where, description) in enumerate(MEASURES):
        status = statuses[index % len(statuses)]
        starts_on = today + datetime.timedelta(days=rng.randint(-420, 120))
        ends_on = starts_on + datetime.timedelta(days=rng.randint(150, 720))
        if status in {S.IN_PROGRESS, S.PAUSED, S.COMPLETED} and starts_on > today:
            starts_on -= datetime.timedelta(days=200)
            ends_on -= datetime.timedelta(days=200)
        if index % 9 == 6:
            # Some running measures are past their planned end: "overdue" finds them.
            ends_on = today - datetime.timedelta(days=rng.randint(10, 60))
            starts_on = ends_on - datetime.timedelta(days=rng.randint(180, 360))
        lead = stakeholders[index % len(stakeholders)]
        measure = Measure.objects.create(
            title=title,
            description=description,
            lead=lead,
            goal=goals.get(sector),
            starts_on=starts_on,
            ends_on=ends_on,
            proposed_by=officers[index % len(officers)],
            origin_option=options.pop() if options and status == S.DRAFT else None,
        )
        measure.sectors.add(sectors[sector])
        measure.target_groups.add(groups[group])
        measure.districts.add(*[districts[slug] for slug in where])
        partners = [s for s in rng.sample(stakeholders, min(2, len(stakeholders))) if s != lead]
        measure.partners.add(*partners)
        if measure.origin_option_id:
            ActionOption.objects.filter(pk=measure.origin_option_id).update(
                status=ActionOption.Status.ADOPTED
            )
        for source in rng.sample(sources, rng.randint(1, min(3, len(sources)))):
            amount = Decimal(rng.randint(5, 400) * 250) + Decimal(rng.choice(["0", "0.50"]))
            BudgetLine.objects.create(measure=measure, funding_source=source, amount=amount)
        _walk(
            measure,
            PATHS[status],
            officer=measure.proposed_by,
            reviewer=reviewers[index % len(reviewers)],
            start=timezone.now() - datetime.timedelta(days=200),
            rng=rng,
        )
        if status in {S.APPROVED, S.IN_PROGRESS, S.PAUSED, S.COMPLETED}:
            _progress(measure, reviewers[0], rng=rng, today=today, running=status != S.APPROVED)
        created += 1
    _effects_on_dynamics()
    stdout.write(f"measures: {created} demo measures with reviews, indicators and spending")


def _effects_on_dynamics() -> None:
    """Demo measures act on the demo analysis' dynamics of their sector (if there is one);
    measures made from an option inherit its links."""
    from analysis.models import Dynamic
    from measures.effects import inherit_dynamics
    from measures.models import MeasureEffect

    dynamics = list(Dynamic.objects.prefetch_related("sectors").order_by("id"))
    for measure in Measure.objects.prefetch_related("sectors").order_by("id"):
        inherit_dynamics(measure)
        sector_ids = {sector.pk for sector in measure.sectors.all()}
        for dynamic in dynamics:
            if sector_ids & {sector.pk for sector in dynamic.sectors.all()}:
                bridge = dynamic.title.startswith(("Religionsgemeinschaften", "Fachkräftemangel"))
                MeasureEffect.objects.get_or_create(
                    measure=measure,
                    dynamic=dynamic,
                    defaults={"effect": "strengthens" if bridge else "weakens"},
                )
                break


def _progress(measure, reviewer, *, rng, today, running: bool) -> None:
    for name, unit, baseline, target in rng.sample(INDICATORS, 2):
        indicator = Indicator.objects.create(
            measure=measure, name=name, unit=unit, baseline=baseline, target=target
        )
        if not running:
            continue
        value = baseline
        for months_ago in range(5, 0, -1):
            value += Decimal(rng.randint(0, int(target / 5) or 1))
            ProgressEntry.objects.create(
                indicator=indicator,
                recorded_on=today - datetime.timedelta(days=30 * months_ago),
                value=min(value, target),
                recorded_by=reviewer,
            )
    if not running:
        return
    for line in measure.budget_lines.all():
        for months_ago in (4, 2):
            Expenditure.objects.create(
                measure=measure,
                funding_source=line.funding_source,
                spent_on=today - datetime.timedelta(days=30 * months_ago),
                amount=(line.amount * Decimal("0.2")).quantize(Decimal("0.01")),
                description=rng.choice(SPENDING),
                recorded_by=reviewer,
            )
