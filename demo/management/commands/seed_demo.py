"""Synthetic data at N times a demo unit, for measuring the portal at volume.

``python manage.py seed_demo --scale N`` first loads the ordinary demo (``load_demo_data``:
logins, taxonomies' records, about 60 stakeholders) and then adds, per unit of scale:

    100 stakeholders, 50 contact persons, 60 relationships, 100 measures (with their
    reviews, 1-3 budget lines, spending and indicators of running ones), 20 interviews,
    100 findings, and one consultation round per 5 units (at least one).

So ``--scale 1000`` gives about 100,000 stakeholders, measures and findings, 20,000
interviews and 200 rounds. Districts and sectors are spread as in the demo (about a third
of everything in the Kernstadt). The data is deterministic: a seeded random generator, so
two runs on empty databases give the same names and titles (dates follow today's date, as
the demo's do).

Fast: rows are written with ``bulk_create`` in batches, each batch its own transaction.
The history triggers (django-pghistory) of the seeded tables are switched off for this
command's own connection with ``pgtrigger.ignore``: this is synthetic data, not a change
made by a person, so it has no history. Nothing else is affected.

It refuses to run on a database holding data other than the demo's (users or stakeholders
it does not know) unless ``--force`` is given, and it adds nothing to a database it has
already seeded (start from an empty database for another scale).
"""

import datetime
import random
import time
from decimal import Decimal

import pgtrigger
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from consultations.models import ConsultationRound, Finding, Interview
from demo import consultations as consultations_demo
from demo import measures as measures_demo
from demo import stakeholders as stakeholders_demo
from demo.management.commands.load_demo_data import DEMO_USERS
from measures.models import BudgetLine, Expenditure, Indicator, Measure, ProgressEntry, Review
from peine.models import District, FundingSource, Goal, Sector, TargetGroup, User
from peine.roles import Role
from stakeholders.models import ContactPerson, Relationship, Stakeholder

# Rows per unit of scale.
UNIT = {
    "stakeholders": 100,
    "contacts": 50,
    "relationships": 60,
    "measures": 100,
    "interviews": 20,
    "findings": 100,
}
ROUNDS_PER_UNIT = 0.2
BATCH = 5000
# Seeded stakeholders carry this website domain: how the command recognises its own rows.
SEED_DOMAIN = ".seed.peine.example"
# Accounts the bench harness (scripts/bench.py) creates; they count as demo data.
BENCH_EMAIL_PREFIX = "bench-"
SEED_APPS = ("stakeholders", "consultations", "measures")

K = Stakeholder.Kind
# kind: (weight, name prefixes)
KINDS = {
    K.CITY_DEPARTMENT: (4, ["Fachdienst", "Stadtteilbüro", "Jugendtreff", "Bürgerbüro"]),
    K.PUBLIC_AUTHORITY: (3, ["Beratungsstelle des Landkreises", "Sozialamt", "Jobcenter-Team"]),
    K.WELFARE: (10, ["Beratungsstelle", "Migrationsberatung", "Sozialstation", "Familienhilfe"]),
    K.MIGRANT_ORGANISATION: (12, ["Kulturverein", "Elternverein", "Gemeinschaft", "Frauenverein"]),
    K.RELIGIOUS: (6, ["Kirchengemeinde", "Moscheegemeinde", "Gemeindezentrum"]),
    K.EDUCATION: (14, ["Grundschule", "Kita", "Familienzentrum", "Lernwerkstatt", "Oberschule"]),
    K.SPORTS: (12, ["SV", "TSV", "Sportfreunde", "Turnverein", "Boxclub"]),
    K.CULTURE: (8, ["Kulturkreis", "Chor", "Theatergruppe", "Heimatverein"]),
    K.EMPLOYER: (10, ["Handwerksbetrieb", "Pflegedienst", "Ausbildungsbetrieb", "Einzelhandel"]),
    K.INITIATIVE: (16, ["Initiative", "Nachbarschaftshilfe", "Sprachcafé", "Patenschaftsprojekt"]),
    K.OTHER: (5, ["Netzwerk", "Ortsrat", "Arbeitskreis"]),
}
TOPICS = [
    "Begegnung",
    "Sprache",
    "Vielfalt",
    "Miteinander",
    "Zukunft",
    "Brücken",
    "Nachbarn",
    "Chancen",
    "Heimat",
    "Aufbruch",
]
DESCRIPTIONS = [
    "Beratung für Neuzugewanderte zu Behörden, Wohnung und Arbeit.",
    "Offene Treffen für Familien, mit Kinderbetreuung und Übersetzung.",
    "Sprachkurse und Lernhilfe für Kinder und Erwachsene.",
    "Begegnungsangebote im Quartier, getragen von Ehrenamtlichen.",
    "Sport und Bewegung für alle Altersgruppen, auch für Frauen.",
    "Kulturelle Veranstaltungen und Feste mit den Vereinen der Stadt.",
    "Ausbildung und Praktika für junge Menschen mit Migrationsgeschichte.",
    "Beratung zu Pflege und Gesundheit in mehreren Sprachen.",
    "Vermittelt bei Konflikten in Nachbarschaften und Vereinen.",
    "Gottesdienste, Jugendgruppe und Hausaufgabenhilfe.",
]
STREETS = ["Hauptstraße", "Bahnhofstraße", "Schulstraße", "Lindenweg", "Am Markt", "Gartenstraße"]
FIRST_NAMES = [
    "Anna", "Mehmet", "Olena", "Thomas", "Fatima", "Jan", "Ayşe", "Sabine", "Ahmad", "Marija",
    "Peter", "Leyla", "Dragan", "Birgit", "Khalil", "Sophie", "Serkan", "Ingrid", "Tobias", "Rania",
]  # fmt: skip
LAST_NAMES = [
    "Müller", "Yılmaz", "Kowalski", "Schmidt", "Haddad", "Nowak", "Becker", "Öztürk", "Petrović",
    "Wagner", "Kovalenko", "Hoffmann", "Al-Hassan", "Schulz", "Demir", "Lange", "Murad", "Wolff",
]  # fmt: skip
FUNCTIONS = ["Vorsitz", "Koordination", "Beratung", "Geschäftsführung", "Ehrenamt", "Leitung"]
ROUND_TOPICS = [
    "Zusammenleben im Quartier",
    "Sprache und Bildung",
    "Arbeit und Ausbildung",
    "Ortschaften im Wandel",
    "Jugend und Familie",
    "Gesundheit und Pflege",
    "Was wollen wir werden?",
    "Vereine und Ehrenamt",
]
# Status of seeded measures: about a third are drafts (the council sees the rest).
STATUS_WEIGHTS = {
    Measure.Status.DRAFT: 35,
    Measure.Status.SUBMITTED: 5,
    Measure.Status.IN_REVIEW: 4,
    Measure.Status.CHANGES_REQUESTED: 4,
    Measure.Status.APPROVED: 10,
    Measure.Status.REJECTED: 4,
    Measure.Status.IN_PROGRESS: 23,
    Measure.Status.PAUSED: 4,
    Measure.Status.COMPLETED: 11,
}
RUNNING = {Measure.Status.IN_PROGRESS, Measure.Status.PAUSED, Measure.Status.COMPLETED}


def expected_counts(scale: float) -> dict[str, int]:
    """Rows the command adds at ``scale`` (budget lines and the like vary with the draw)."""
    counts = {name: round(scale * per_unit) for name, per_unit in UNIT.items()}
    counts["rounds"] = max(1, round(scale * ROUNDS_PER_UNIT))
    return counts


def seeded_stakeholders():
    return Stakeholder.objects.filter(website__endswith=SEED_DOMAIN + "/")


def foreign_data() -> list[str]:
    """What in the database is neither demo data nor this command's (empty: safe to seed)."""
    demo_emails = {email for email, *_ in DEMO_USERS}
    users = User.objects.exclude(email__in=demo_emails).exclude(
        email__startswith=BENCH_EMAIL_PREFIX, email__endswith="@peine.example"
    )
    demo_names = {row[0] for row in stakeholders_demo.STAKEHOLDERS}
    demo_names |= {name for name, _kind in measures_demo.FALLBACK_STAKEHOLDERS}
    demo_names |= {name for name, _kind in consultations_demo.FALLBACK_STAKEHOLDERS}
    stakeholders = Stakeholder.objects.exclude(name__in=demo_names).exclude(
        website__endswith=SEED_DOMAIN + "/"
    )
    found = []
    if count := users.count():
        found.append(f"{count} users who are not demo users")
    if count := stakeholders.count():
        found.append(f"{count} stakeholders that are not demo stakeholders")
    return found


def _batched(model, objects, *, batch=BATCH):
    """bulk_create in batches, each batch its own transaction; returns the saved objects."""
    saved = []
    for start in range(0, len(objects), batch):
        with transaction.atomic():
            saved += model.objects.bulk_create(objects[start : start + batch])
    return saved


def _weighted(rng, population, weights, k):
    return rng.choices(population, weights=weights, k=k)


class Command(BaseCommand):
    help = "Add deterministic synthetic data at N times a demo unit (100 stakeholders, ...)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Units of data: 1 is about 100 stakeholders, measures and findings; "
            "1000 is about 100,000 of each.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even if the database holds data other than the demo's.",
        )

    def handle(self, *args, scale: float, force: bool, **options):
        if scale <= 0:
            raise CommandError("--scale must be greater than 0.")
        found = foreign_data()
        if found and not force:
            raise CommandError(
                "This database holds data that is not demo data ("
                + "; ".join(found)
                + "). seed_demo adds synthetic records; run it on a database of its own, "
                "or pass --force."
            )
        already = seeded_stakeholders().count()
        if already:
            self.stdout.write(
                f"Already seeded ({already} synthetic stakeholders, scale "
                f"{already / UNIT['stakeholders']:g}); nothing added. Use an empty database "
                "for another scale."
            )
            return
        started = time.monotonic()
        call_command("load_demo_data", stdout=self.stdout)
        uris = [
            uri
            for uri in (f"{m._meta.label}:{t.name}" for m, t in pgtrigger.registered())
            if uri.split(".")[0] in SEED_APPS
        ]
        # Synthetic rows are not a person's changes: no history rows for them.
        with pgtrigger.ignore(*uris):
            made = Seeder(scale=scale, stdout=self.stdout).run()
        elapsed = time.monotonic() - started
        self.stdout.write(f"seed_demo --scale {scale:g} done in {elapsed:.0f} s. Rows added:")
        for name, count in made.items():
            self.stdout.write(f"  {name:28} {count:>9,}")


class Seeder:
    def __init__(self, *, scale: float, stdout):
        self.rng = random.Random(2026)  # the same data every time
        self.counts = expected_counts(scale)
        self.stdout = stdout
        self.today = timezone.localdate()
        self.made: dict[str, int] = {}
        self.sectors = list(Sector.objects.order_by("position"))
        self.districts = list(District.objects.order_by("position"))
        # A third of everything in the Kernstadt (the first district), the rest spread.
        self.district_weights = [len(self.districts) - 1] + [1] * (len(self.districts) - 1)
        self.groups = list(TargetGroup.objects.order_by("position"))
        self.sources = list(FundingSource.objects.filter(active=True).order_by("position"))
        self.goals = {}
        for goal in Goal.objects.order_by("code"):
            self.goals.setdefault(goal.sector_id, goal)
        self.officers = list(User.objects.filter(groups__name=Role.OFFICER).order_by("pk"))
        self.reviewers = list(User.objects.filter(groups__name=Role.REVIEWER).order_by("pk"))

    def _note(self, name: str, count: int) -> None:
        self.made[name] = self.made.get(name, 0) + count

    def _through(self, field, pairs) -> None:
        """Bulk-inserts many-to-many rows ``(left_id, right_id)`` for ``field``."""
        through = field.remote_field.through
        left = field.m2m_field_name() + "_id"
        right = field.m2m_reverse_field_name() + "_id"
        rows = [through(**{left: a, right: b}) for a, b in pairs]
        _batched(through, rows, batch=20000)
        self._note(f"{field.model.__name__}.{field.name}", len(rows))

    def _districts(self, low=1, high=2) -> list:
        chosen = _weighted(
            self.rng, self.districts, self.district_weights, self.rng.randint(low, high)
        )
        return list({d.pk: d for d in chosen}.values())

    def run(self) -> dict[str, int]:
        self.stdout.write(f"Seeding: {self.counts}")
        stakeholders = self.stakeholders()
        contacts = self.contacts(stakeholders)
        self.relationships(stakeholders)
        self.measures(stakeholders)
        self.consultations(stakeholders, contacts)
        return self.made

    # Stakeholders, contact persons, relationships -----------------------------------
    def stakeholders(self) -> list[Stakeholder]:
        rng, kinds = self.rng, list(KINDS)
        weights = [KINDS[k][0] for k in kinds]
        places = [d.name for d in self.districts]
        objects = []
        for n in range(1, self.counts["stakeholders"] + 1):
            kind = rng.choices(kinds, weights=weights)[0]
            prefix = rng.choice(KINDS[kind][1])
            place = _weighted(rng, places, self.district_weights, 1)[0]
            street = rng.choice(STREETS) + f" {rng.randint(1, 120)}" if rng.random() < 0.6 else ""
            objects.append(
                Stakeholder(
                    name=f"{prefix} {rng.choice(TOPICS)} {place} {n}",
                    kind=kind,
                    description=" ".join(rng.sample(DESCRIPTIONS, 2)),
                    website=f"https://akteur-{n}{SEED_DOMAIN}/",
                    street=street,
                    postcode="31224" if street else "",
                    influence=rng.randint(1, 5),
                    interest=rng.randint(1, 5),
                    active=rng.random() < 0.95,
                )
            )
        saved = _batched(Stakeholder, objects)
        self._note("stakeholders", len(saved))
        field = Stakeholder._meta.get_field("sectors")
        self._through(
            field,
            [
                (s.pk, sector.pk)
                for s in saved
                for sector in self.rng.sample(self.sectors, self.rng.randint(1, 3))
            ],
        )
        self._through(
            Stakeholder._meta.get_field("districts"),
            [(s.pk, d.pk) for s in saved for d in self._districts()],
        )
        return saved

    def contacts(self, stakeholders) -> dict[int, list[int]]:
        rng = self.rng
        owners = rng.sample(stakeholders, min(self.counts["contacts"], len(stakeholders)))
        objects = []
        for n, owner in enumerate(owners, start=1):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            given = self.today - datetime.timedelta(days=rng.randint(30, 900))
            withdrawn = given + datetime.timedelta(days=20) if rng.random() < 0.05 else None
            objects.append(
                ContactPerson(
                    stakeholder=owner,
                    name=f"{first} {last}",
                    function=rng.choice(FUNCTIONS),
                    email=f"kontakt{n}@example.org",
                    phone=f"05171 {rng.randint(100000, 999999)}",
                    consent_given_on=given if rng.random() < 0.85 else None,
                    consent_purpose="Kontakt im Rahmen des Integrationskonzepts",
                    consent_withdrawn_on=None,
                )
            )
            if withdrawn and objects[-1].consent_given_on:
                objects[-1].consent_withdrawn_on = withdrawn
        saved = _batched(ContactPerson, objects)
        self._note("contact persons", len(saved))
        by_stakeholder: dict[int, list[int]] = {}
        for person in saved:
            if person.consent_withdrawn_on is None:
                by_stakeholder.setdefault(person.stakeholder_id, []).append(person.pk)
        return by_stakeholder

    def relationships(self, stakeholders) -> None:
        rng, kinds = self.rng, list(Relationship.Kind)
        wanted = min(self.counts["relationships"], len(stakeholders) * (len(stakeholders) - 1))
        seen, objects = set(), []
        while len(objects) < wanted:
            source, target = rng.sample(stakeholders, 2)
            kind = rng.choices(kinds, weights=[6, 2, 3, 1])[0]
            if (source.pk, target.pk, kind) in seen:
                continue
            seen.add((source.pk, target.pk, kind))
            since = self.today - datetime.timedelta(days=rng.randint(60, 3000))
            objects.append(
                Relationship(
                    source=source,
                    target=target,
                    kind=kind,
                    since=since if rng.random() < 0.6 else None,
                    note="",
                )
            )
        self._note("relationships", len(_batched(Relationship, objects)))

    # Measures ----------------------------------------------------------------------
    def measures(self, stakeholders) -> None:
        rng = self.rng
        templates = measures_demo.MEASURES
        sectors = {s.slug: s for s in self.sectors}
        groups = {g.slug: g for g in self.groups}
        statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
        places = [d.name for d in self.districts]
        objects, extra = [], []
        now = timezone.now()
        for n in range(1, self.counts["measures"] + 1):
            title, sector, group, _where, description = rng.choice(templates)
            status = rng.choices(statuses, weights=weights)[0]
            starts_on = self.today + datetime.timedelta(days=rng.randint(-900, 120))
            if status in RUNNING and starts_on > self.today:
                starts_on -= datetime.timedelta(days=200)
            ends_on = starts_on + datetime.timedelta(days=rng.randint(150, 720))
            place = _weighted(rng, places, self.district_weights, 1)[0]
            changed = now - datetime.timedelta(days=rng.randint(1, 400), hours=rng.randint(0, 23))
            objects.append(
                Measure(
                    title=f"{title} – {place} {n}",
                    description=description,
                    lead=rng.choice(stakeholders) if rng.random() < 0.9 else None,
                    goal=self.goals.get(sectors[sector].pk),
                    starts_on=starts_on,
                    ends_on=ends_on,
                    status=status,
                    status_changed_at=None if status == Measure.Status.DRAFT else changed,
                    proposed_by=rng.choice(self.officers),
                )
            )
            more_sectors = rng.sample(self.sectors, rng.randint(0, 1))
            extra.append(
                (
                    {sectors[sector].pk} | {s.pk for s in more_sectors},
                    groups[group].pk,
                    {d.pk for d in self._districts()},
                    {s.pk for s in rng.sample(stakeholders, rng.randint(0, 2))},
                )
            )
        saved = _batched(Measure, objects)
        self._note("measures", len(saved))
        field = Measure._meta.get_field
        self._through(
            field("sectors"), [(m.pk, s) for m, e in zip(saved, extra, strict=True) for s in e[0]]
        )
        self._through(
            field("target_groups"), [(m.pk, e[1]) for m, e in zip(saved, extra, strict=True)]
        )
        self._through(
            field("districts"), [(m.pk, d) for m, e in zip(saved, extra, strict=True) for d in e[2]]
        )
        self._through(
            field("partners"),
            [(m.pk, s) for m, e in zip(saved, extra, strict=True) for s in e[3] if s != m.lead_id],
        )
        self.reviews_and_money(saved)

    def reviews_and_money(self, measures) -> None:
        rng = self.rng
        reviews, lines, spending, indicators = [], [], [], []
        for measure in measures:
            path = measures_demo.PATHS[measure.status]
            status = Measure.Status.DRAFT
            reviewer = rng.choice(self.reviewers)
            for action in path:
                new_status = measures_demo.TRANSITIONS[(status, action)]
                reviews.append(
                    Review(
                        measure=measure,
                        reviewer=measure.proposed_by
                        if action == measures_demo.A.SUBMIT
                        else reviewer,
                        decision=action,
                        old_status=status,
                        new_status=new_status,
                        reason=rng.choice(measures_demo.REASONS.get(action, [""])),
                    )
                )
                status = new_status
            for source in rng.sample(self.sources, rng.randint(1, min(3, len(self.sources)))):
                amount = Decimal(rng.randint(5, 400) * 250)
                lines.append(BudgetLine(measure=measure, funding_source=source, amount=amount))
                if measure.status in RUNNING:
                    for months_ago in (4, 2):
                        spending.append(
                            Expenditure(
                                measure=measure,
                                funding_source=source,
                                spent_on=self.today - datetime.timedelta(days=30 * months_ago),
                                amount=(amount * Decimal("0.2")).quantize(Decimal("0.01")),
                                description=rng.choice(measures_demo.SPENDING),
                                recorded_by=reviewer,
                            )
                        )
            if measure.status in RUNNING:
                name, unit, baseline, target = rng.choice(measures_demo.INDICATORS)
                indicators.append(
                    (
                        Indicator(
                            measure=measure, name=name, unit=unit, baseline=baseline, target=target
                        ),
                        reviewer,
                    )
                )
        self._note("reviews", len(_batched(Review, reviews)))
        self._note("budget lines", len(_batched(BudgetLine, lines)))
        self._note("expenditures", len(_batched(Expenditure, spending)))
        saved = _batched(Indicator, [i for i, _who in indicators])
        self._note("indicators", len(saved))
        entries = [
            ProgressEntry(
                indicator=indicator,
                recorded_on=self.today - datetime.timedelta(days=30 * months_ago),
                value=min(
                    indicator.baseline + (indicator.target / 4) * (3 - months_ago), indicator.target
                ),
                recorded_by=who,
            )
            for indicator, (_i, who) in zip(saved, indicators, strict=True)
            for months_ago in (2, 1)
        ]
        self._note("progress entries", len(_batched(ProgressEntry, entries)))

    # Consultations -------------------------------------------------------------------
    def consultations(self, stakeholders, contacts) -> None:
        rng = self.rng
        count = self.counts["rounds"]
        rounds = []
        for n in range(count):
            # Oldest first; the last ones are running and planned.
            starts_on = self.today - datetime.timedelta(days=30 * (count - n) + rng.randint(0, 20))
            if n == count - 1 and count > 2:
                status, starts_on = (
                    ConsultationRound.Status.PLANNED,
                    self.today + datetime.timedelta(days=60),
                )
            elif n >= count - 3:
                status = ConsultationRound.Status.RUNNING
            else:
                status = rng.choice(
                    [ConsultationRound.Status.CLOSED, ConsultationRound.Status.EVALUATED]
                )
            rounds.append(
                ConsultationRound(
                    title=f"Gesprächsrunde {starts_on.year}: {rng.choice(ROUND_TOPICS)} ({n + 1})",
                    guiding_question="Wie erleben Sie das Zusammenleben in Peine?",
                    starts_on=starts_on,
                    ends_on=starts_on + datetime.timedelta(days=rng.randint(60, 180)),
                    status=status,
                )
            )
        rounds = _batched(ConsultationRound, rounds)
        self._note("consultation rounds", len(rounds))
        self._through(
            ConsultationRound._meta.get_field("sectors"),
            [(r.pk, s.pk) for r in rounds for s in self.sectors],
        )
        self._through(
            ConsultationRound._meta.get_field("districts"),
            [(r.pk, d.pk) for r in rounds for d in self.districts],
        )
        # Rounds differ in size: a few large ones, many small ones.
        sizes = [rng.lognormvariate(0, 0.9) for _ in rounds]
        owners = _weighted(rng, rounds, sizes, self.counts["interviews"])
        interviews, chosen = [], []
        for round_ in owners:
            held = round_.status != ConsultationRound.Status.PLANNED
            span = max((round_.ends_on - round_.starts_on).days, 1)
            interviews.append(
                Interview(
                    round=round_,
                    status=Interview.Status.HELD if held else Interview.Status.PLANNED,
                    held_on=round_.starts_on + datetime.timedelta(days=rng.randint(0, span)),
                    format=rng.choice(Interview.Format.values),
                    interviewer=rng.choice(self.officers),
                    district=_weighted(rng, self.districts, self.district_weights, 1)[0],
                    notes=rng.choice(consultations_demo.NOTES) if held else "",
                    summary=rng.choice(consultations_demo.SUMMARIES) if held else "",
                    confidentiality=rng.choice(Interview.Confidentiality.values),
                )
            )
            chosen.append(rng.sample(stakeholders, 1 if rng.random() < 0.7 else 2))
        interviews = _batched(Interview, interviews)
        self._note("interviews", len(interviews))
        self._through(
            Interview._meta.get_field("stakeholders"),
            [(i.pk, s.pk) for i, some in zip(interviews, chosen, strict=True) for s in some],
        )
        self._through(
            Interview._meta.get_field("contact_persons"),
            [
                (i.pk, contacts[s.pk][0])
                for i, some in zip(interviews, chosen, strict=True)
                if i.status == Interview.Status.HELD
                for s in some
                if s.pk in contacts
            ],
        )
        self.findings(interviews)

    def findings(self, interviews) -> None:
        rng = self.rng
        held = [i for i in interviews if i.status == Interview.Status.HELD] or interviews
        if not held:
            return
        sectors = {s.slug: s for s in self.sectors}
        statements = consultations_demo.STATEMENTS + consultations_demo.FUTURE_STATEMENTS
        assessments = ["", "", "Deckt sich mit mehreren Gesprächen.", "Einzelstimme, beobachten."]
        objects = []
        for _n in range(self.counts["findings"]):
            interview = rng.choice(held)
            slug, kind, text = rng.choice(statements)
            objects.append(
                Finding(
                    interview=interview,
                    round_id=interview.round_id,
                    statement=text.replace("{ort}", rng.choice(consultations_demo.PLACES)),
                    sector=sectors[slug],
                    district=interview.district,
                    kind=kind,
                    assessment=rng.choice(assessments),
                )
            )
        self._note("findings", len(_batched(Finding, objects)))


def seeded_scale() -> float:
    """The scale this database was seeded with (0 when it was not)."""
    return seeded_stakeholders().count() / UNIT["stakeholders"]
