"""gunicorn's settings (deploy/gunicorn.conf.py): workers recycled, a timeout above the
portal's own request deadline, and both `make run` and the service unit use them."""

import runpy

from django.conf import settings

import peine.settings as portal_settings

DEPLOY = settings.BASE_DIR / "deploy"


def test_workers_are_recycled_and_the_timeout_is_explicit():
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["worker_class"] == "sync"  # the deadline's timer needs the main thread
    assert config["max_requests"] > 0
    assert 0 < config["max_requests_jitter"] < config["max_requests"]
    assert 0 < portal_settings.REQUEST_DEADLINE_SECONDS < config["timeout"]


def test_make_run_and_the_service_unit_use_the_settings():
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "gunicorn peine.wsgi --bind 127.0.0.1:$(PORT) --config deploy/gunicorn.conf.py" in run
    unit = (DEPLOY / "peine.service").read_text()
    assert "gunicorn peine.wsgi --config deploy/gunicorn.conf.py" in unit
