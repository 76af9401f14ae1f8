"""The WSGI entry point gunicorn loads in each worker."""

import importlib
import sys

import pytest

from peine.lib import pdf


@pytest.mark.parametrize("warm", [True, False])
def test_workers_load_the_pdf_renderer_when_they_start_unless_switched_off(
    settings, monkeypatch, warm
):
    settings.PDF_WARM_UP = warm
    calls = []
    monkeypatch.setattr(pdf, "warm_up", lambda: calls.append("warm"))
    module = sys.modules.get("peine.wsgi")
    module = importlib.reload(module) if module else importlib.import_module("peine.wsgi")
    assert callable(module.application)
    assert calls == (["warm"] if warm else [])


def test_warming_up_parses_the_stylesheets_once_for_every_later_pdf():
    pdf._stylesheets.cache_clear()
    pdf.warm_up()
    assert pdf._stylesheets.cache_info().currsize == 1
    _fonts, sheets = pdf._stylesheets()
    assert len(sheets) == len(pdf.STYLESHEETS)
