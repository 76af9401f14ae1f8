"""PDF rendering with WeasyPrint: the same HTML as the printable page, no network access."""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

# The PDF reads only what we hand it: the stylesheets below and inline SVG. Every URL
# (images, fonts, links' targets are not fetched) is refused, so no request leaves.
STYLESHEETS = ("css/print.css", "css/summaries.css")


class _NoFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        raise ValueError(f"PDF rendering fetches nothing: {url}")


def _stylesheets() -> list[CSS]:
    sheets = []
    for name in STYLESHEETS:
        path = finders.find(name)
        if path:
            sheets.append(CSS(filename=path, url_fetcher=_NoFetcher()))
    return sheets


def render_pdf(html: str, *, base_url: str) -> bytes:
    document = HTML(string=html, base_url=base_url, url_fetcher=_NoFetcher())
    return document.write_pdf(stylesheets=_stylesheets())


def pdf_response(html: str, *, base_url: str, filename: str) -> HttpResponse:
    response = HttpResponse(render_pdf(html, base_url=base_url), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
