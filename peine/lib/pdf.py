"""PDF rendering with WeasyPrint: the same HTML as the printable page, no network access.

The PDF is tagged (PDF/UA-1: a structure tree, the document language from ``<html lang>``
and its title from ``<title>``), so a screen reader can follow headings and tables.
"""

from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

# The PDF reads only what we hand it: the stylesheets below and inline SVG. Every URL
# (images, fonts, links' targets are not fetched) is refused, so no request leaves.
STYLESHEETS = ("css/measures.css", "css/print.css", "css/summaries.css")
PDF_VARIANT = "pdf/ua-1"


class _NoFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        raise ValueError(f"PDF rendering fetches nothing: {url}")


@cache
def _stylesheets() -> tuple[FontConfiguration, list[CSS]]:
    """Parsed once per process: parsing the stylesheets costs more than a small report."""
    fonts = FontConfiguration()
    sheets = []
    for name in STYLESHEETS:
        path = finders.find(name)
        if path:
            sheets.append(CSS(filename=path, url_fetcher=_NoFetcher(), font_config=fonts))
    return fonts, sheets


def layout(html: str, *, base_url: str) -> Document:
    """The laid-out pages (their boxes are what tests measure); ``render_pdf`` writes them."""
    fonts, sheets = _stylesheets()
    document = HTML(string=html, base_url=base_url, url_fetcher=_NoFetcher())
    return document.render(
        stylesheets=sheets, font_config=fonts, pdf_variant=PDF_VARIANT, pdf_tags=True
    )


def render_pdf(html: str, *, base_url: str) -> bytes:
    return layout(html, base_url=base_url).write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)


def pdf_response(html: str, *, base_url: str, filename: str) -> HttpResponse:
    response = HttpResponse(render_pdf(html, base_url=base_url), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


def warm_up() -> None:
    """Load what every PDF needs (WeasyPrint, Pango's fonts, the parsed stylesheets) now:
    web workers call this when they start (peine/wsgi.py, ``PDF_WARM_UP``)."""
    render_pdf('<html lang="de"><title>-</title><p>-</p></html>', base_url="http://localhost/")
