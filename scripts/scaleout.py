# ruff: noqa: S310 - runs our own tools against our own loopback server
"""Scale-out check: two gunicorn instances behind nginx on one PostgreSQL.

Usage: ``make scaleout-check`` (the check alone, on the scale-10 bench database) or
``make bench SCALEOUT=1`` (the check, then the whole benchmark through nginx).

It starts, as the current user and on loopback ports only, two gunicorn instances (each as
``make run`` serves: peine.wsgi, 2 sync workers) on the bench database and nginx from
deploy/nginx.conf.template (round robin, an ``X-Upstream`` header naming the instance that
answered), then checks over HTTP that whichever instance answers:

- sessions: a person signed in on one instance is signed in on the other;
- CSRF: the sign-in form fetched from one instance is accepted by the other (a real
  password sign-in of the council persona, who needs no second factor);
- uploads: the stakeholder import preview uploaded to one instance is confirmed on the
  other (officer, session made with Django's SessionStore);
- drafts: a form POSTed after the session expired keeps its text, shown after sign-in by
  the other instance;
- caches: the login rate limit counts failures across both instances (database cache).

Every check must see both instances answer, or it fails. Everything started is stopped at
the end, also on Ctrl-C.
"""

import argparse
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from scripts import bench  # noqa: E402

TEMPLATE = BASE_DIR / "deploy" / "nginx.conf.template"


class Browser:
    """A cookie-keeping HTTP client that records which instance answered."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), bench._NoRedirect
        )
        self.upstreams: list[str] = []

    def cookie(self, name: str, value: str) -> None:
        host = urllib.parse.urlparse(self.base).hostname
        self.jar.set_cookie(
            http.cookiejar.Cookie(
                0, name, value, None, False, host, False, False, "/", True, False,
                None, False, None, None, {},
            )
        )  # fmt: skip

    def request(self, path: str, data: bytes | None = None, headers=None):
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            response = self.opener.open(req, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        body = response.read().decode("utf-8", "replace")
        self.upstreams.append(response.headers.get("X-Upstream", ""))
        return response.status, response.headers, body

    def get(self, path: str):
        return self.request(path)

    def post(self, path: str, fields: dict, files: dict | None = None):
        if files:
            boundary = secrets.token_hex(12)
            parts = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            for name, (filename, content) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
                    + content
                    + b"\r\n"
                )
            data = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        else:
            data = urllib.parse.urlencode(fields, doseq=True).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request(path, data, headers)


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise AssertionError("no CSRF token in the form")
    return match.group(1)


def _both(upstreams: list[str], what: str) -> None:
    seen = {u for u in upstreams if u}
    if len(seen) < 2:
        raise AssertionError(f"{what}: only {seen or 'no instance'} answered; expected both")
    print(f"  ok  {what} (answered by {', '.join(sorted(seen))})", flush=True)


def check_sessions_and_csrf(base: str, email: str, password: str) -> None:
    browser = Browser(base)
    status, _headers, html = browser.get("/konto/login/")
    assert status == 200, status
    status, _headers, _ = browser.post(
        "/konto/login/",
        {"csrfmiddlewaretoken": csrf_token(html), "login": email, "password": password},
    )
    assert status == 302, f"sign-in answered {status}"
    assert browser.upstreams[0] != browser.upstreams[1], "sign-in form and POST on one instance"
    _both(browser.upstreams, "CSRF: the sign-in form of one instance is accepted by the other")
    browser.upstreams.clear()
    for _ in range(4):
        status, _headers, _ = browser.get("/rat/")
        assert status == 200, f"signed-in page answered {status}"
    _both(browser.upstreams, "sessions: signed in on both instances")


def check_upload(base: str, cookie: tuple[str, str], probe_name: str) -> None:
    browser = Browser(base)
    browser.cookie(*cookie)
    status, _headers, html = browser.get("/akteure/import/")
    assert status == 200, f"import page answered {status}"
    csv = f"Name;Art\n{probe_name};Initiative\n".encode()
    status, _headers, html = browser.post(
        "/akteure/import/",
        {"csrfmiddlewaretoken": csrf_token(html)},
        files={"file": ("probe.csv", csv)},
    )
    assert status == 200, f"upload answered {status}"
    token = re.search(r'name="token" value="([^"]+)"', html)
    assert token, "the import preview shows no confirmation form"
    status, headers, _ = browser.post(
        "/akteure/import/bestaetigen/",
        {"csrfmiddlewaretoken": csrf_token(html), "token": token.group(1)},
    )
    assert status == 302, f"confirmation answered {status}"
    assert headers["Location"].endswith("/akteure/"), headers["Location"]
    assert browser.upstreams[1] != browser.upstreams[2], "preview and confirmation on one instance"
    _both(browser.upstreams, "uploads: preview on one instance, confirmed on the other")


def check_draft(base: str, sign_in) -> None:
    browser = Browser(base)
    _status, _headers, html = browser.get("/konto/login/")
    text = f"Entwurf {secrets.token_hex(6)}"
    status, headers, _ = browser.post(
        "/beteiligung/gespraeche/neu/",
        {"csrfmiddlewaretoken": csrf_token(html), "summary": text},
    )
    assert status == 302, f"POST without session answered {status}"
    assert "/konto/login/" in headers["Location"], headers["Location"]
    session_cookie = next(c for c in browser.jar if c.name == "sessionid")
    sign_in(session_cookie.value)
    status, _headers, html = browser.get("/beteiligung/gespraeche/neu/")
    assert status == 200, f"form answered {status}"
    assert text in html, "the typed text was not shown again"
    _both(browser.upstreams, "drafts: typed text kept by one instance, shown by the other")


def check_cache(base: str) -> None:
    browser = Browser(base)
    email = f"probe-{secrets.token_hex(4)}@peine.example"
    limited = False
    for _attempt in range(7):
        _status, _headers, html = browser.get("/konto/login/")
        status, _headers, body = browser.post(
            "/konto/login/",
            {"csrfmiddlewaretoken": csrf_token(html), "login": email, "password": "wrong-password"},
        )
        if status == 429 or "Zu viele" in body or "Too many" in body:
            limited = True
            break
    assert limited, "7 failed sign-ins across both instances were never rate limited"
    _both(browser.upstreams, "caches: the login rate limit counts across both instances")


def start_cluster(env: dict, *, port: int, workdir: Path) -> tuple[str, list[int]]:
    """Two gunicorns and nginx; returns nginx's URL and the gunicorn master pids."""
    ports = (port + 1, port + 2)
    masters = []
    for number, instance_port in enumerate(ports):
        process = bench.start(
            bench.gunicorn_args(instance_port),
            env=env,
            log=bench.RESULTS / f"gunicorn-{number + 1}.log",
        )
        masters.append(process.pid)
    for instance_port in ports:
        bench.wait_for(f"http://127.0.0.1:{instance_port}/healthz")
    for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / folder).mkdir(exist_ok=True)
    conf = (
        TEMPLATE.read_text()
        .replace("@PREFIX@", str(workdir))
        .replace("@PORT@", str(port))
        .replace("@UPSTREAM_A@", f"127.0.0.1:{ports[0]}")
        .replace("@UPSTREAM_B@", f"127.0.0.1:{ports[1]}")
    )
    (workdir / "nginx.conf").write_text(conf)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    bench.start(
        [
            nginx,
            "-p",
            str(workdir),
            "-c",
            str(workdir / "nginx.conf"),
            "-e",
            str(workdir / "error.log"),
        ],
        env=env,
        log=bench.RESULTS / "nginx.log",
    )
    base = f"http://127.0.0.1:{port}"
    bench.wait_for(base + "/healthz")
    return base, masters


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Two gunicorns behind nginx: checks (+ bench).")
    parser.add_argument("--scale", type=float, default=None)
    parser.add_argument("--bench", action="store_true", help="then run the benchmark via nginx")
    parser.add_argument("--port", type=int, default=8780)
    args, rest = parser.parse_known_args(argv)
    signal.signal(signal.SIGTERM, bench._on_signal)
    signal.signal(signal.SIGINT, bench._on_signal)
    scale = args.scale or (float(os.environ.get("BENCH_SCALE", 1000)) if args.bench else 10)
    db_name = bench.database_name(scale)
    env = bench.server_env(db_name)
    bench.RESULTS.mkdir(exist_ok=True)
    bench.prepare_database(db_name, scale, env)
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore

    from scripts import bench_pages
    from stakeholders.models import Stakeholder

    users = bench_pages.bench_users()
    probe = f"Scale-out-Probe {secrets.token_hex(4)}"

    def sign_in(session_key: str) -> None:
        # What a sign-in does to the session (without cycling the key): the stashed
        # form data stays in it.
        store = SessionStore(session_key=session_key)
        signed = SessionStore(session_key=bench_pages.session_key(users["officer"]))
        for key, value in signed.load().items():
            store[key] = value
        store.save()

    with tempfile.TemporaryDirectory(prefix="peine-nginx-") as workdir:
        try:
            base, masters = start_cluster(env, port=args.port, workdir=Path(workdir))
            print(f"nginx on {base}, gunicorn instances on ports {args.port + 1} and "
                  f"{args.port + 2}, database {db_name}", flush=True)  # fmt: skip
            check_sessions_and_csrf(
                base, bench_pages.bench_email("council"), bench_pages.BENCH_PASSWORD
            )
            cookie = ("sessionid", bench_pages.session_key(users["officer"]))
            check_upload(base, cookie, probe)
            assert Stakeholder.objects.filter(name=probe).exists(), "import did not save"
            check_draft(base, sign_in)
            check_cache(base)
            print("Scale-out check passed.", flush=True)
            if args.bench:
                bench._run(
                    bench.parse_args(
                        [
                            "--scale",
                            f"{scale:g}",
                            "--base-url",
                            base,
                            *[f"--server-pid={pid}" for pid in masters],
                            "--label",
                            "nginx round robin over 2 gunicorn instances × 2 sync workers",
                            "--no-docs",
                            *rest,
                        ]
                    ),
                    db_name,
                    env,
                )
        finally:
            Stakeholder.objects.filter(name=probe).delete()
            bench.stop_started()


if __name__ == "__main__":
    main()
