"""A project-local PostgreSQL cluster for development and tests.

Used only when no ``DATABASE_URL`` is set. The data lives in ``.pgdata/`` of the checkout
(ignored by git); the server listens on a Unix socket only, so nothing is reachable from
the network and several checkouts on one machine never collide on a port.

PostgreSQL's ``initdb`` refuses to run as root, so when we are root the cluster belongs
to the ``postgres`` system user and every server command runs as that user.
"""

import hashlib
import os
import pwd
import shutil
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PG_BIN_CANDIDATES = [
    os.environ.get("PEINE_PG_BIN", ""),
    "/usr/lib/postgresql/15/bin",
    "/usr/lib/postgresql/16/bin",
    "/usr/lib/postgresql/17/bin",
]
DB_NAME = "peine"
DB_USER = "peine"


def pg_bin(name: str) -> str:
    for candidate in PG_BIN_CANDIDATES:
        if candidate and (Path(candidate) / name).exists():
            return str(Path(candidate) / name)
    found = shutil.which(name)
    if found:
        return found
    raise SystemExit(
        f"PostgreSQL's {name} was not found. Install it (Debian: apt-get install "
        "postgresql) or set DATABASE_URL to an existing database."
    )


def _runs_as_root() -> bool:
    return os.geteuid() == 0


def _owner_can_reach(path: Path, user: str) -> bool:
    """Whether ``user`` can traverse every parent folder of ``path``."""
    result = subprocess.run(
        ["runuser", "-u", user, "--", "test", "-x", str(path.parent)],
        check=False,
        capture_output=True,
    )
    return result.returncode == 0


def data_dir() -> Path:
    configured = os.environ.get("PEINE_PGDATA")
    if configured:
        return Path(configured)
    path = BASE_DIR / ".pgdata"
    if _runs_as_root() and not _owner_can_reach(path, "postgres"):
        # The checkout is under a folder the postgres user may not enter (e.g. /root).
        digest = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:10]
        return Path("/var/tmp") / f"peine-pgdata-{digest}"
    return path


def socket_dir() -> Path:
    """A short path: Unix socket paths are limited to about 100 characters."""
    digest = hashlib.sha256(str(data_dir()).encode()).hexdigest()[:10]
    return Path("/tmp") / f"peine-pg-{digest}"


def _as_owner(args: list[str]) -> list[str]:
    if _runs_as_root():
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(_as_owner(args), check=True, **kwargs)


def is_running() -> bool:
    return (socket_dir() / ".s.PGSQL.5432").exists() and subprocess.run(
        [pg_bin("pg_isready"), "-q", "-h", str(socket_dir())], check=False
    ).returncode == 0


def _prepare_dirs() -> None:
    pgdata, sockets = data_dir(), socket_dir()
    pgdata.mkdir(mode=0o700, exist_ok=True)
    sockets.mkdir(mode=0o755, exist_ok=True)
    if _runs_as_root():
        postgres = pwd.getpwnam("postgres")
        for folder in (pgdata, sockets):
            os.chown(folder, postgres.pw_uid, postgres.pw_gid)


def ensure_running() -> None:
    """Create the cluster on first use and start it if it is not running."""
    if is_running():
        return
    _prepare_dirs()
    pgdata = data_dir()
    if not (pgdata / "PG_VERSION").exists():
        print(f"Creating a local PostgreSQL cluster in {pgdata} ...", file=sys.stderr)
        _run(
            [
                pg_bin("initdb"),
                "-D",
                str(pgdata),
                "-U",
                DB_USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-instructions",
            ],
            stdout=subprocess.DEVNULL,
        )
    # Durable like any PostgreSQL: people try the portal with real notes. The tests make
    # their own sessions fast (synchronous_commit=off in tests/settings.py).
    options = (
        f"-c listen_addresses='' -c unix_socket_directories='{socket_dir()}' "
        "-c max_connections=100 -c shared_buffers=256MB"
    )
    _run(
        [
            pg_bin("pg_ctl"),
            "-D",
            str(pgdata),
            "-l",
            str(pgdata / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(50):
        if is_running():
            break
        time.sleep(0.2)
    _ensure_database()


def _ensure_database() -> None:
    psql = [pg_bin("psql"), "-h", str(socket_dir()), "-U", DB_USER, "-d", "postgres", "-tAc"]
    exists = subprocess.run(
        [*psql, f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not exists:
        subprocess.run([*psql, f"CREATE DATABASE {DB_NAME}"], check=True, stdout=subprocess.DEVNULL)


def stop() -> None:
    pgdata = data_dir()
    if (pgdata / "postmaster.pid").exists():
        _run([pg_bin("pg_ctl"), "-D", str(pgdata), "-m", "fast", "stop"], stdout=subprocess.DEVNULL)


def local_secret_key_file() -> Path:
    """A development secret key in .local/ of the checkout, made on first use."""
    import secrets

    path = BASE_DIR / ".local" / "secret_key"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path


def database_settings() -> dict:
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DB_NAME,
        "USER": DB_USER,
        "HOST": str(socket_dir()),
        "PORT": "",
    }


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "start"
    if command == "start":
        ensure_running()
        print(f"PostgreSQL is running (socket in {socket_dir()}, data in {data_dir()}).")
    elif command == "stop":
        stop()
    elif command == "status":
        print("running" if is_running() else "stopped")
    else:
        raise SystemExit(f"unknown command {command!r}: use start, stop or status")
