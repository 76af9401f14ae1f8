"""The benchmark's page list answers 200 for its personas (a smoke test: nothing is timed)."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from scripts import bench_pages


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = bench_pages.BENCH_URLCONF


@pytest.mark.django_db
def test_every_bench_page_answers_200_for_its_persona(bench_urls):
    call_command("seed_demo", scale=0.2, stdout=StringIO())
    users = bench_pages.bench_users()
    pages = bench_pages.pages()
    assert {p.key for p in pages} >= {
        "stakeholder_list",
        "finding_board",
        "measure_list",
        "dashboard",
        "dashboard_internal",
        "district_report",
        "sector_report_pdf",
        "ref_ceiling",
        "ref_admin",
    }
    for page in pages:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = bench_pages.session_key(users[page.persona])
        response = client.get(page.url)
        assert response.status_code == 200, (page.key, response.status_code)
        if page.kind == "pdf":
            assert response["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_bench_users_are_made_once(bench_urls):
    first = bench_pages.bench_users()
    second = bench_pages.bench_users()
    assert {p: u.pk for p, u in first.items()} == {p: u.pk for p, u in second.items()}
    assert first["admin"].is_staff
    assert not first["officer"].is_staff


def test_reference_pages_exist_only_in_the_bench_urlconf():
    assert resolve("/bench/ceiling/", urlconf=bench_pages.BENCH_URLCONF)
    with pytest.raises(Resolver404):
        resolve("/bench/ceiling/", urlconf="peine.urls")
    with pytest.raises(Resolver404):
        resolve("/bench/admin/", urlconf="peine.urls")
