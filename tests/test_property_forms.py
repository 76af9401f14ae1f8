"""Property tests: the main forms with arbitrary text, numbers and dates (hypothesis).

For each form: whatever is typed, validating and saving never raises; and every value the
form accepts reads back from the database exactly as the form cleaned it. Text comes in
two ways: raw (NUL bytes and control characters included: the form may refuse them) and
through ``clean_text``, the cleaning every request gets from ``CleanInputMiddleware``.
Each example runs in a savepoint that is rolled back, so examples do not see each other.
"""

import csv
import datetime
import io
import os
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from consultations.forms import FindingFormSet, InterviewForm
from consultations.models import Finding, Interview
from consultations.services import interview_save
from measures.forms import BudgetLineFormSet, MeasureForm
from measures.models import Measure
from measures.services import measure_save
from peine.lib.characters import clean_text
from peine.models import FundingSource, Sector
from stakeholders.forms import ContactPersonForm, StakeholderForm
from stakeholders.importing import parse_file
from stakeholders.models import ContactPerson, Stakeholder
from stakeholders.services import contact_create, import_rows, stakeholder_create
from tests.factories import ContactPersonFactory, RoundFactory, StakeholderFactory, UserFactory

pytestmark = pytest.mark.django_db

# 60 examples each keep the suite fast; PROPERTY_EXAMPLES=1000 searches longer.
PROPERTY = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any character a browser can send in a form (no unpaired surrogates: str from a request
# cannot hold them, CleanInputMiddleware replaces those of JSON bodies).
ANY_CHAR = st.characters(codec="utf-8")
TRICKY = st.sampled_from(["\x00", "\r", "\n", "\t", "\x01", "\u202e", "ß", "😀", "'", "<", "="])


def mostly(valid, other):
    """Mostly ``valid`` (so that saving is exercised), sometimes ``other``."""
    return st.sampled_from([True, True, True, False]).flatmap(lambda ok: valid if ok else other)


def texts(max_size: int = 60):
    raw = st.text(st.one_of(ANY_CHAR, TRICKY, st.just(" ")), max_size=max_size)
    return mostly(raw.map(clean_text), raw)


def names():
    """Text with at least one letter: what a name field accepts, mostly."""
    letters = st.text(st.characters(categories=["L"]), min_size=1, max_size=5)
    return mostly(st.tuples(letters, texts(40)).map("".join), texts())


def recent_dates():
    """A day of the running round (held, not in the future), or anything."""
    today = datetime.date.today()
    days = st.dates(min_value=today - datetime.timedelta(days=50), max_value=today)
    return mostly(days.map(lambda d: d.isoformat()), dates())


def numbers():
    decimals = st.decimals(
        min_value=Decimal("-10"), max_value=Decimal("1e12"), places=2, allow_nan=False
    )
    german = decimals.map(lambda d: str(d).replace(".", ","))
    return st.one_of(
        german, german, decimals.map(str), st.integers(-(10**15), 10**15).map(str), texts(12)
    )


def dates():
    days = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31))
    return st.one_of(
        days.map(lambda d: d.isoformat()), days.map(lambda d: d.strftime("%d.%m.%Y")), texts(12)
    )


def _rolled_back(function):
    """Run ``function`` in a savepoint that is always rolled back."""
    with transaction.atomic():
        function()
        transaction.set_rollback(True)


def _stored_equals(instance, cleaned: dict, names) -> None:
    instance.refresh_from_db()
    for name in names:
        value = cleaned[name]
        assert getattr(instance, name) == value, name


# --- stakeholder ----------------------------------------------------------------------


@PROPERTY
@given(
    name=names(),
    kind=mostly(st.sampled_from(Stakeholder.Kind.values), texts(10)),
    description=texts(300),
    website=mostly(st.sampled_from(["", "https://example.org/ä?q=1"]), texts(30)),
    street=texts(),
    postcode=texts(10),
    town=texts(),
    influence=mostly(st.sampled_from(["1", "3", "5"]), texts(3)),
    interest=mostly(st.sampled_from(["2", "4"]), texts(3)),
)
def test_stakeholder_form(db, name, kind, description, website, street, postcode, town,
                          influence, interest):  # fmt: skip
    data = {
        "name": name, "kind": kind, "description": description, "website": website,
        "street": street, "postcode": postcode, "town": town, "influence": influence,
        "interest": interest, "active": "on", "sectors": [str(Sector.objects.first().pk)],
    }  # fmt: skip

    def check():
        form = StakeholderForm(data)
        if not form.is_valid():
            event("refused")
            return
        event("accepted")
        cleaned = form.cleaned_data
        stakeholder = stakeholder_create(
            fields=cleaned, sectors=cleaned["sectors"], districts=cleaned["districts"]
        )
        names = ["name", "kind", "description", "website", "street", "postcode", "town",
                 "influence", "interest", "active"]  # fmt: skip
        _stored_equals(stakeholder, cleaned, names)
        assert list(stakeholder.sectors.all()) == list(cleaned["sectors"])

    _rolled_back(check)


# --- contact person -------------------------------------------------------------------


@PROPERTY
@given(
    name=names(),
    function=texts(),
    email=st.one_of(st.just(""), st.emails().map(lambda e: e[:200]), texts(30)),
    phone=st.one_of(st.just("+49 5171 123-45"), texts(20)),
    given_on=st.one_of(st.just(""), dates()),
    purpose=texts(100),
    withdrawn_on=st.one_of(st.just(""), dates()),
)
def test_contact_person_form(db, name, function, email, phone, given_on, purpose, withdrawn_on):
    stakeholder = StakeholderFactory()
    data = {
        "name": name, "function": function, "email": email, "phone": phone,
        "consent_given_on": given_on, "consent_purpose": purpose,
        "consent_withdrawn_on": withdrawn_on,
    }  # fmt: skip

    def check():
        form = ContactPersonForm(data)
        if not form.is_valid():
            event("refused")
            return
        event("accepted")
        contact = contact_create(stakeholder=stakeholder, fields=form.cleaned_data)
        _stored_equals(contact, form.cleaned_data, list(data))

    _rolled_back(check)


# --- interview with findings ----------------------------------------------------------


@PROPERTY
@given(
    held_on=recent_dates(),
    notes=texts(400),
    summary=texts(200),
    statements=st.lists(texts(200), min_size=0, max_size=3),
    assessments=st.lists(texts(80), min_size=3, max_size=3),
    kind=mostly(st.sampled_from(Finding.Kind.values), texts(8)),
)
def test_interview_form_with_findings(db, held_on, notes, summary, statements, assessments, kind):
    officer = UserFactory(role="officer")
    consultation_round = RoundFactory()
    person = ContactPersonFactory()
    sector = Sector.objects.first()
    data = {
        "round": str(consultation_round.pk), "held_on": held_on, "format": "in_person",
        "stakeholders": [str(person.stakeholder_id)], "contact_persons": [str(person.pk)],
        "interviewer": str(officer.pk), "district": "", "notes": notes, "summary": summary,
        "confidentiality": Interview.Confidentiality.INTERNAL,
        "findings-TOTAL_FORMS": str(len(statements)), "findings-INITIAL_FORMS": "0",
        "findings-MIN_NUM_FORMS": "0", "findings-MAX_NUM_FORMS": "100",
    }  # fmt: skip
    for index, statement in enumerate(statements):
        data |= {
            f"findings-{index}-statement": statement,
            f"findings-{index}-sector": str(sector.pk),
            f"findings-{index}-district": "",
            f"findings-{index}-kind": kind,
            f"findings-{index}-assessment": assessments[index],
        }

    def check():
        form = InterviewForm(data, user=officer)
        findings = FindingFormSet(data, instance=Interview(), prefix="findings")
        if not (form.is_valid() and findings.is_valid()):
            event("refused")
            return
        event("accepted")
        interview = interview_save(form=form, findings=findings)
        _stored_equals(interview, form.cleaned_data, ["held_on", "notes", "summary"])
        stored = list(interview.findings.order_by("pk").values_list("statement", "assessment"))
        typed = [
            (f.cleaned_data["statement"], f.cleaned_data["assessment"])
            for f in findings.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        assert stored == typed

    _rolled_back(check)


# --- measure with budget lines --------------------------------------------------------


@PROPERTY
@given(
    title=names(),
    description=texts(300),
    starts_on=recent_dates(),
    ends_on=st.one_of(st.just(""), dates()),
    amounts=st.lists(numbers(), min_size=0, max_size=2),
    same_source=st.booleans(),
)
def test_measure_form_with_budget_lines(db, title, description, starts_on, ends_on, amounts,
                                        same_source):  # fmt: skip
    officer = UserFactory(role="officer")
    sources = list(FundingSource.objects.filter(active=True)[:2])
    data = {
        "title": title, "description": description, "starts_on": starts_on,
        "ends_on": ends_on, "sectors": [str(Sector.objects.first().pk)],
        "budget-TOTAL_FORMS": str(len(amounts)), "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0", "budget-MAX_NUM_FORMS": "20",
    }  # fmt: skip
    for index, amount in enumerate(amounts):
        source = sources[0] if same_source else sources[index % len(sources)]
        data |= {f"budget-{index}-funding_source": str(source.pk), f"budget-{index}-amount": amount}

    def check():
        with translation.override("de"):
            form = MeasureForm(data)
            lines = BudgetLineFormSet(data, instance=Measure(), prefix="budget")
            if not (form.is_valid() and lines.is_valid()):
                event("refused")
                return
            event("accepted")
            measure = measure_save(
                form=form, budget_formset=lines, user=officer, expected_version=None
            )
        _stored_equals(measure, form.cleaned_data, ["title", "description", "starts_on", "ends_on"])
        stored = sorted(measure.budget_lines.values_list("funding_source_id", "amount"))
        typed = sorted(
            (f.cleaned_data["funding_source"].pk, f.cleaned_data["amount"])
            for f in lines.forms
            if f.cleaned_data
        )
        assert stored == typed

    _rolled_back(check)


# --- import rows ----------------------------------------------------------------------


@PROPERTY
@given(
    name=names(),
    kind=mostly(st.sampled_from(["Initiative", "migrant", "Sportverein"]), texts(10)),
    description=texts(200),
    street=texts(),
    postcode=texts(8),
    town=texts(),
    influence=mostly(st.sampled_from(["1", "5", ""]), texts(3)),
    contact=texts(),
    given_on=st.one_of(st.just(""), dates()),
    purpose=texts(40),
)
def test_import_rows(db, name, kind, description, street, postcode, town, influence, contact,
                     given_on, purpose):  # fmt: skip
    header = ["Name", "Art", "Beschreibung", "Straße", "PLZ", "Ort", "Einfluss",
              "Kontakt Name", "Einwilligung am", "Einwilligung Zweck"]  # fmt: skip
    row = [name, kind, description, street, postcode, town, influence, contact, given_on, purpose]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL).writerows([header, row])
    for encoding in ("utf-8", "utf-8-sig"):
        content = buffer.getvalue().encode(encoding, errors="surrogatepass")

        def check(content=content):
            preview = parse_file("akteure.csv", content)
            if not preview.clean:
                assert preview.file_errors or preview.errors or not preview.rows
                event("refused")
                return
            event("accepted")
            payload = preview.payload()
            import_rows(rows=payload["rows"], columns=payload["columns"])
            data = preview.rows[0].data
            stakeholder = Stakeholder.objects.get(name=data["name"])
            for key in ("kind", "description", "street", "postcode", "town", "influence"):
                assert getattr(stakeholder, key) == data[key], key
            if "contact" in data:
                person = ContactPerson.objects.get(stakeholder=stakeholder)
                assert person.name == data["contact"]["name"]
                assert person.consent_purpose == data["contact"]["consent_purpose"]

        _rolled_back(check)
