"""The PDF behind each paper: rendered on demand, byte for byte the same every time.

Editions and released summaries never change, and the rendering is deterministic: the
"made on" stamp is the moment of freezing or release, the language is German, the base URL
is ``SITE_URL``, and WeasyPrint writes no random identifier or creation date. So the
``size`` and ``sha512Checksum`` the endpoint states always describe the bytes it serves
(``tests/oparl/test_files.py`` renders twice and downloads to check).

Rendering takes a moment, so the bytes are kept in Django's cache (the shared database
cache). The key includes a fingerprint of everything that shapes the bytes (templates,
stylesheets, German catalogue, WeasyPrint's version, ``SITE_URL``), so a deployment that
changes the layout re-renders instead of serving a stale checksum.
"""

import hashlib
from dataclasses import dataclass
from functools import cache as memoize
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from oparl import sources

CACHE_SECONDS = 30 * 24 * 3600


@dataclass(frozen=True)
class Pdf:
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha512(self) -> str:
        return hashlib.sha512(self.content).hexdigest()

    @property
    def etag(self) -> str:
        return f'"{self.sha512[:32]}"'


@memoize
def fingerprint() -> str:
    import weasyprint

    digest = hashlib.sha256(f"{weasyprint.__version__}|{settings.SITE_URL}".encode())
    for name in sources.rendering_inputs():
        path = Path(name)
        digest.update(path.read_bytes() if name and path.is_file() else b"-")
    return digest.hexdigest()[:16]


def html_for(source: str, record) -> str:
    if source == sources.EDITION:
        return sources.edition_html(record)
    return sources.summary_html(record)


def pdf_for(source: str, record) -> Pdf:
    key = f"oparl:pdf:{source}:{record.pk}:{fingerprint()}"
    content = cache.get(key)
    if content is None:
        content = sources.render_pdf(html_for(source, record))
        cache.set(key, content, CACHE_SECONDS)
    return Pdf(content)


def filename(source: str, record) -> str:
    if source == sources.EDITION:
        return f"ausgabe-{record.pk}-{record.meeting_date:%Y-%m-%d}.pdf"
    return f"zusammenfassung-runde-{record.round_id}-version-{record.version}.pdf"
