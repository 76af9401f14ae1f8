"""Speed of the council dashboard and reports at 100 times the demo data volume.

Usage: ``make benchmark`` (or ``.venv/bin/python scripts/benchmark.py [--runs N]``).

It never touches the development database: Django's test-database machinery creates (and
keeps, for the next run) a separate database ``test_<name>_benchmark`` on the same
PostgreSQL cluster, fills it once with synthetic records at about 100x the demo volume
(3,000 measures, 6,000 budget lines, 9,000 expenditures, 300 rounds, 3,000 interviews,
15,000 findings), then requests each page with Django's test Client as a council member
and as an officer, and prints the SQL query count and the median time over N runs.
Bounded: data generation takes about a minute, the measurements a few seconds each.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from consultations.models import ConsultationRound, Finding, Interview, RoundSummary  # noqa: E402
from measures.models import BudgetLine, Expenditure, Measure  # noqa: E402
from peine.models import District, FundingSource, Goal, Sector, User  # noqa: E402
from stakeholders.models import Stakeholder  # noqa: E402

SCALE = {"measures": 3000, "rounds": 300, "interviews": 3000, "findings": 15000}


def _database() -> None:
    settings.DATABASES["default"]["TEST"]["NAME"] = (
        f"test_{settings.DATABASES['default']['NAME']}_benchmark"
    )
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)


def _user(email: str, role: str) -> User:
    user, _ = User.objects.get_or_create(email=email)
    user.groups.set([Group.objects.get(name=role)])
    return user


@transaction.atomic
def _fill(rng: random.Random) -> None:
    if Measure.objects.count() >= SCALE["measures"]:
        return
    print("Generating data (once) ...", flush=True)
    officer = _user("bench-officer@peine.example", "officer")
    sectors = list(Sector.objects.all())
    districts = list(District.objects.all())
    sources = list(FundingSource.objects.all())
    goals = list(Goal.objects.all())
    stakeholders = Stakeholder.objects.bulk_create(
        Stakeholder(name=f"Akteur {i}", kind="initiative") for i in range(1000)
    )
    start = date(2024, 1, 1)
    rounds = ConsultationRound.objects.bulk_create(
        ConsultationRound(
            title=f"Runde {i}",
            starts_on=start + timedelta(days=i),
            ends_on=start + timedelta(days=i + 90),
            status="evaluated",
        )
        for i in range(SCALE["rounds"])
    )
    RoundSummary.objects.bulk_create(
        RoundSummary(
            round=r,
            version=1,
            evaluation="Auswertung",
            content={"interviews_held": 10},
            released_on=r.ends_on,
            released_by=officer,
        )
        for r in rounds[::2]
    )
    interviews = Interview.objects.bulk_create(
        Interview(
            round=rng.choice(rounds),
            held_on=start,
            interviewer=officer,
            district=rng.choice(districts),
            notes="vertraulich",
        )
        for _ in range(SCALE["interviews"])
    )
    Finding.objects.bulk_create(
        Finding(
            interview=i,
            round_id=i.round_id,
            statement="Aussage",
            sector=rng.choice(sectors),
            district=i.district,
            kind=rng.choice(list(Finding.Kind)),
        )
        for i in (rng.choice(interviews) for _ in range(SCALE["findings"]))
    )
    statuses = list(Measure.Status)
    measures = Measure.objects.bulk_create(
        Measure(
            title=f"Maßnahme {i}",
            status=rng.choice(statuses),
            proposed_by=officer,
            lead=rng.choice(stakeholders),
            goal=rng.choice(goals),
            starts_on=start + timedelta(days=rng.randint(0, 900)),
            ends_on=start + timedelta(days=rng.randint(901, 1500)),
        )
        for i in range(SCALE["measures"])
    )
    Measure.sectors.through.objects.bulk_create(
        Measure.sectors.through(measure=m, sector=s)
        for m in measures
        for s in rng.sample(sectors, 2)
    )
    Measure.districts.through.objects.bulk_create(
        Measure.districts.through(measure=m, district=d)
        for m in measures
        for d in rng.sample(districts, 2)
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(measure=m, funding_source=s, amount=Decimal(rng.randint(1000, 90000)))
        for m in measures
        for s in rng.sample(sources, 2)
    )
    Expenditure.objects.bulk_create(
        Expenditure(
            measure=m,
            funding_source=rng.choice(sources),
            recorded_by=officer,
            spent_on=start + timedelta(days=rng.randint(0, 900)),
            amount=Decimal(rng.randint(100, 9000)),
        )
        for m in measures
        for _ in range(3)
    )


def _measure(client: Client, url: str, runs: int) -> tuple[int, int, float]:
    client.get(url)  # warm up
    times, queries, status = [], 0, 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as context:
            began = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - began)
        queries, status = len(context.captured_queries), response.status_code
    return status, queries, statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    setup_test_environment()
    _database()
    _fill(random.Random(2027))
    released = RoundSummary.objects.values_list("round_id", flat=True).first()
    pages = [
        ("dashboard", "/rat/"),
        ("sector report", "/rat/handlungsfelder/sprache-bildung/"),
        ("district report", "/rat/ortschaften/kernstadt/"),
        ("round report", f"/rat/beteiligung/{released}/"),
        ("dashboard CSV", "/rat/export/"),
        ("sector report PDF", "/rat/handlungsfelder/sprache-bildung/pdf/"),
    ]
    counts = {
        "measures": Measure.objects.count(),
        "findings": Finding.objects.count(),
        "expenditures": Expenditure.objects.count(),
    }
    print(f"Data: {counts}; median of {args.runs} runs; queries include session and user.")
    print(f"{'page':22} {'role':8} {'status':>6} {'queries':>8} {'median ms':>10}")
    for role in ("council", "officer"):
        client = Client()
        client.force_login(_user(f"bench-{role}@peine.example", role))
        for name, url in pages:
            runs = 2 if name.endswith("PDF") else args.runs
            status, queries, median = _measure(client, url, runs)
            print(f"{name:22} {role:8} {status:>6} {queries:>8} {median:>10.1f}")


if __name__ == "__main__":
    main()
