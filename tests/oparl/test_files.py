"""The PDFs behind the papers: public, released only, and exactly the bytes the File states."""

import hashlib
import json

import pytest
from django.core.cache import cache

from oparl import files, sources
from tests.oparl.crawl import BASE

pytestmark = pytest.mark.django_db


def main_files(client) -> list[dict]:
    page = json.loads(client.get("/oparl/v1.1/body/peine/paper/?limit=20").content)
    return [paper["mainFile"] for paper in page["data"]]


def test_checksum_and_size_match_the_downloaded_bytes(published, anon):
    found = main_files(anon)
    assert len(found) == 4
    for file in found:
        for url in (file["downloadUrl"], file["accessUrl"]):
            response = anon.get(url.removeprefix("http://testserver"))
            assert response.status_code == 200
            assert response["Content-Type"] == file["mimeType"] == "application/pdf"
            assert response.content.startswith(b"%PDF-")
            assert len(response.content) == file["size"] == int(response["Content-Length"])
            assert hashlib.sha512(response.content).hexdigest() == file["sha512Checksum"]


def test_download_is_an_attachment_and_access_is_not(published, anon):
    file = main_files(anon)[0]
    download = anon.get(file["downloadUrl"].removeprefix("http://testserver"))
    assert download["Content-Disposition"] == f'attachment; filename="{file["fileName"]}"'
    access = anon.get(file["accessUrl"].removeprefix("http://testserver"))
    assert "attachment" not in access["Content-Disposition"]
    again = anon.get(
        file["accessUrl"].removeprefix("http://testserver"), HTTP_IF_NONE_MATCH=access["ETag"]
    )
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


def test_rendering_is_deterministic_so_the_checksum_survives_the_cache(published, anon):
    """The cache only saves time: a fresh rendering gives the very same bytes."""
    before = {file["id"]: file["sha512Checksum"] for file in main_files(anon)}
    cache.clear()
    after = {file["id"]: file["sha512Checksum"] for file in main_files(anon)}
    assert before == after
    for source, queryset in sources.querysets().items():
        for record in queryset.filter(superseded_at__isnull=True):
            html = files.html_for(source, record)
            assert sources.render_pdf(html) == sources.render_pdf(html)


def test_the_pdf_is_the_released_text(published, anon):
    from tests.council.test_views import pdf_text

    summary = published["current_summary"]
    text = pdf_text(anon.get(f"/oparl/v1.1/file/summary/{summary.pk}/pdf/").content)
    assert "Die Runde zeigt Bedarf an Abendkursen." in text  # the released evaluation
    assert f"Version {summary.version}" in text
    edition = published["editions"][1]
    text = pdf_text(anon.get(f"/oparl/v1.1/file/edition/{edition.pk}/pdf/").content)
    assert "Sprache und Bildung" in text


def test_unknown_files_are_404(published, anon):
    for url in ("file/edition/999999/", "file/summary/999999/pdf/", "file/x/1/download/"):
        response = anon.get(f"/oparl/v1.1/{url}")
        assert response.status_code == 404
        assert response["Access-Control-Allow-Origin"] == "*"
    assert BASE.endswith("/oparl/v1.1/")


def test_a_summary_of_an_odd_shape_still_gets_its_pdf_without_unknown_keys(db, anon):
    from tests.factories import RoundSummaryFactory

    summary = RoundSummaryFactory(
        content={"interview_count": "zwölf", "contact_persons": ["KONTAKTMARKER"], "options": 3}
    )
    response = anon.get(f"/oparl/v1.1/file/summary/{summary.pk}/pdf/")
    assert response.status_code == 200
    from tests.council.test_views import pdf_text

    text = pdf_text(response.content)
    assert "KONTAKTMARKER" not in text
    assert summary.evaluation in text
