"""Nothing unreleased and no personal data in any OParl response, object, list or file."""

import pytest

from tests.council.test_views import pdf_text
from tests.oparl.conftest import MARKERS
from tests.oparl.crawl import crawl
from tests.oparl.test_endpoint import CHANGES

pytestmark = pytest.mark.django_db


def test_no_marker_in_any_response(published, anon):
    responses = crawl(anon, [CHANGES + "&limit=1"])
    pdfs = [r for r in responses.values() if r["Content-Type"] == "application/pdf"]
    assert len(pdfs) == 8  # four live papers, each by access and download URL
    for url, response in responses.items():
        if response["Content-Type"] == "application/pdf":
            text = pdf_text(response.content)
            assert len(text) > 100, url
        else:
            text = response.content.decode()
        for marker in MARKERS.values():
            assert marker.lower() not in text.lower(), f"{marker} in {url}"
    # Who made an edition or released a summary is not published either.
    officer = published["officer"]
    for response in responses.values():
        assert officer.email.encode() not in response.content
