"""A person whose name is planted in every place the portal can hold it, and the sweep
that looks for it in every text column of every table afterwards."""

from importlib import import_module

import pghistory
from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from consultations.models import InterviewDraft
from tests.factories import (
    ActionOptionFactory,
    ContactPersonFactory,
    EditionFactory,
    FindingFactory,
    InterviewFactory,
    MeasureFactory,
    RoundSummaryFactory,
)

SURNAME = "Markerowa"
NAME = f"Zyxwaldine {SURNAME}"
EMAIL = f"zyxwaldine.{SURNAME.lower()}@verein.example"


def plant_person(officer) -> dict:
    """The person in every place: contact fields, interview participation and notes (and
    their history), a finding, an option, a measure, a released summary, a frozen edition,
    an interview draft, a session, the history's request context, the admin's log."""
    contact = ContactPersonFactory(name=NAME, email=EMAIL, function=f"Vorsitz ({SURNAME})")
    contact.phone = "05171 4711"
    contact.save()  # a second history event of the contact
    interview = InterviewFactory(notes=f"{NAME} berichtete vom Nachbarschaftsfest.")
    interview.contact_persons.add(contact)
    with pghistory.context(note=f"Korrektur für {NAME}"):
        interview.notes = f"{NAME} berichtete ausführlich vom Nachbarschaftsfest."
        interview.summary = f"Gespräch mit {SURNAME}."
        interview.save()
    finding = FindingFactory(interview=interview, statement=f"Laut {NAME} fehlen Räume.")
    option = ActionOptionFactory(round=interview.round, description=f"Idee von {SURNAME}.")
    measure = MeasureFactory(description=f"Ansprechpartnerin: {NAME}, {EMAIL}")
    summary = RoundSummaryFactory(
        evaluation=f"{NAME} hat die Runde geprägt.", content={"quote": f"so {SURNAME}"}
    )
    edition = EditionFactory(content=f"<p>Bericht mit {NAME}</p>")
    draft = InterviewDraft.objects.create(
        author=officer, data={"notes": [f"Entwurf: {NAME} rief an."]}
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["consultations_drafts"] = {"/x/": {"owner": "o", "saved": 0, "data": {"notes": [NAME]}}}
    store.create()
    LogEntry.objects.create(
        user=officer,
        content_type=ContentType.objects.get_for_model(contact),
        object_id=str(contact.pk),
        object_repr=NAME,
        action_flag=ADDITION,
    )
    return {
        "contact": contact,
        "interview": interview,
        "finding": finding,
        "option": option,
        "measure": measure,
        "summary": summary,
        "edition": edition,
        "draft": draft,
        "session_key": store.session_key,
    }


TEXT_TYPES = ("text", "character varying", "character", "json", "jsonb", "tsvector")


def tables_holding(needle: str) -> list[str]:
    """Every "table.column" of the public schema whose text contains ``needle``."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t
              ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
              AND c.data_type = ANY(%s)
            ORDER BY 1, 2
            """,
            [list(TEXT_TYPES)],
        )
        columns = cursor.fetchall()
        for table, column in columns:
            cursor.execute(
                f'SELECT 1 FROM "{table}" WHERE "{column}"::text ILIKE %s LIMIT 1',  # noqa: S608
                [f"%{needle}%"],
            )
            if cursor.fetchone():
                found.append(f"{table}.{column}")
    return found


def sessions_holding(needle: str) -> int:
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    return sum(
        needle.lower() in str(store.decode(s.session_data)).lower() for s in Session.objects.all()
    )
