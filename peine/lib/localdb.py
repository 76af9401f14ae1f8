"""A project-local PostgreSQL cluster for development and tests.

Used only when no ``DATABASE_URL`` is set. The data lives in ``.pgdata/`` of the checkout
(ignored by git); the server listens on a Unix socket only, so nothing is reachable from
the network and several checkouts on one machine never collide on a port.

PostgreSQL's ``initdb`` refuses to run as root, so when we are root the cluster belongs
to the ``postgres`` system user and every server command runs as that user.

Nobody else on the machine gets in:

- authentication is ``peer``, never ``trust``: the server asks the kernel which
  operating-system user is on the other end of the socket, and ``pg_ident.conf`` lets only
  the user running the checkout (``root`` when we are root) in as the role ``peine``;
- the socket lives in a folder of its own under /tmp that only the cluster's owner may enter
  (mode 0700), made by this module. A folder of that name that someone else made, that is a
  symbolic link, or that others may write to is refused, since a stranger's folder could
  hold a fake server's socket.

A cluster made by an earlier version with ``trust`` is switched to ``peer`` on the next
start (and reloaded if it runs).
"""

import hashlib
import os
import pwd
import shutil
import stat
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
IDENT_MAP = "peine"
HBA_MARKER = "# Written by peine/lib/localdb.py"


class LocalDatabaseError(SystemExit):
    """The local cluster cannot be used safely; the message says what to do."""


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
    """Whether the server answers on its socket (and accepts connections)."""
    return (socket_dir() / ".s.PGSQL.5432").exists() and subprocess.run(
        [pg_bin("pg_isready"), "-q", "-h", str(socket_dir())], check=False
    ).returncode == 0


# The states of the cluster, as `localdb.py status` names them.
NOT_CREATED = "not created"
STOPPED = "stopped"
RUNNING = "running"
CRASHED = "crashed"


def _postmaster_pid(pgdata: Path) -> int | None:
    """The process id postmaster.pid names, if the file is there."""
    try:
        first_line = (pgdata / "postmaster.pid").read_text().split("\n", 1)[0]
    except FileNotFoundError:
        return None
    return int(first_line) if first_line.strip().isdigit() else None


def _is_postgres(pid: int) -> bool:
    """Whether process ``pid`` is alive and a PostgreSQL server (not a reused pid).

    A killed server stays in the process table as a zombie until its parent (often init)
    collects it; for pg_ctl it still runs, so the state in /proc decides.
    """
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    name, _, rest = stat_line.partition(" (")[2].rpartition(") ")
    return name in {"postgres", "postmaster"} and rest[:1] not in {"Z", "X"}


def state() -> str:
    """What the cluster really is: not created, stopped, running, or crashed.

    Crashed: the server ended without shutting down (kill -9, power loss, out of memory),
    so its postmaster.pid is left behind naming a process that is gone (or that is now
    another program). `pg_ctl status` and the process table must both agree that it runs.
    """
    pgdata = data_dir()
    if not (pgdata / "PG_VERSION").exists():
        return NOT_CREATED
    pid = _postmaster_pid(pgdata)
    if pid is None:
        return STOPPED
    status = subprocess.run(
        _as_owner([pg_bin("pg_ctl"), "-D", str(pgdata), "status"]),
        check=False,
        capture_output=True,
    )
    if status.returncode == 0 and _is_postgres(pid):
        return RUNNING
    return CRASHED


def _owner() -> pwd.struct_passwd:
    """The operating-system user the server runs as (and who owns its folders)."""
    if _runs_as_root():
        return pwd.getpwnam("postgres")
    return pwd.getpwuid(os.geteuid())


def client_user() -> str:
    """The operating-system user that may connect: the one running this checkout."""
    return pwd.getpwuid(os.geteuid()).pw_name


def check_socket_dir(path: Path, owner_uid: int) -> None:
    """Refuse a socket folder that is not exclusively the cluster owner's.

    A folder owned by the cluster's owner that nobody else may write to (mode 0755 from
    earlier versions of this module) is tightened to 0700: only its owner could have put
    anything into it.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    problem = None
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        problem = "it is not a plain folder (a symbolic link or a file)"
    elif info.st_uid != owner_uid:
        try:
            name = pwd.getpwuid(info.st_uid).pw_name
        except KeyError:
            name = str(info.st_uid)
        expected = pwd.getpwuid(owner_uid).pw_name
        problem = f"it belongs to {name!r}, not to {expected!r}"
    elif stat.S_IMODE(info.st_mode) & 0o022:
        problem = f"others may write to it (mode {stat.S_IMODE(info.st_mode):04o})"
    if problem:
        raise LocalDatabaseError(
            f"The socket folder {path} of the local database was not made by this checkout: "
            f"{problem}. Someone else may have created it to intercept the connection. Stop "
            f"using it, check who made it, remove it (rm -r {path}) and start again; the "
            "portal makes it anew with mode 0700."
        )
    if stat.S_IMODE(info.st_mode) != 0o700:
        os.chmod(path, 0o700)


def _secure_socket_dir() -> Path:
    """Make the socket folder (0700, the cluster owner's) or check the one that exists."""
    path, owner = socket_dir(), _owner()
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        check_socket_dir(path, owner.pw_uid)
        return path
    os.chmod(path, 0o700)  # whatever the umask
    if _runs_as_root():
        os.chown(path, owner.pw_uid, owner.pw_gid)
    return path


def _prepare_dirs() -> None:
    pgdata = data_dir()
    pgdata.mkdir(mode=0o700, exist_ok=True)
    if _runs_as_root():
        postgres = _owner()
        os.chown(pgdata, postgres.pw_uid, postgres.pw_gid)
    _secure_socket_dir()


def _hba_text() -> str:
    return (
        f"{HBA_MARKER}: only the user running the checkout may connect.\n"
        "# Unix socket only (listen_addresses is empty); peer authentication asks the kernel\n"
        "# who is connecting, pg_ident.conf maps that user to the role peine. Never trust.\n"
        f"local   all   all   peer map={IDENT_MAP}\n"
    )


def _ident_text() -> str:
    return (
        f"{HBA_MARKER}: the operating-system user that may sign in as {DB_USER}.\n"
        f"{IDENT_MAP}   {client_user()}   {DB_USER}\n"
    )


def _write_owned(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o600)
    if _runs_as_root():
        owner = _owner()
        os.chown(path, owner.pw_uid, owner.pw_gid)


def uses_trust(pgdata: Path | None = None) -> bool:
    """Whether the cluster's pg_hba.conf lets anyone in with ``trust``."""
    hba = (pgdata or data_dir()) / "pg_hba.conf"
    if not hba.exists():
        return False
    for line in hba.read_text().splitlines():
        fields = line.split("#", 1)[0].split()
        if "trust" in fields:
            return True
    return False


def _secure_authentication(*, running: bool) -> None:
    """Write peer authentication for this user; reload a running server if it changed."""
    pgdata = data_dir()
    hba, ident = pgdata / "pg_hba.conf", pgdata / "pg_ident.conf"
    if hba.exists() and hba.read_text() == _hba_text() and ident.read_text() == _ident_text():
        return
    had_trust = uses_trust(pgdata)
    _write_owned(hba, _hba_text())
    _write_owned(ident, _ident_text())
    if had_trust:
        print(
            f"The local database in {pgdata} let every local user in (trust); it now admits "
            f"only {client_user()!r} (peer authentication).",
            file=sys.stderr,
        )
    if running:
        _run([pg_bin("pg_ctl"), "-D", str(pgdata), "reload"], stdout=subprocess.DEVNULL)


def ensure_running() -> None:
    """Create the cluster on first use and start it if it is not running.

    Every call checks the socket folder and the authentication, also of a running server.
    """
    _prepare_dirs()
    pgdata = data_dir()
    current = state()
    if current != NOT_CREATED:
        _secure_authentication(running=current == RUNNING)
    if current == RUNNING:
        _wait_until_ready()
        return
    if current == CRASHED:
        print(
            f"The local database in {pgdata} did not shut down cleanly (a crash, kill or "
            "power loss); starting it replays its write-ahead log, which restores every "
            "committed change.",
            file=sys.stderr,
        )
        pid = _postmaster_pid(pgdata)
        if pid is not None and Path(f"/proc/{pid}").exists() and not _is_postgres(pid):
            # The dead server's pid is still taken (by its zombie, or by another program
            # now): PostgreSQL would take its lock files for a running server's and refuse
            # to start.
            for lock in (pgdata / "postmaster.pid", socket_dir() / ".s.PGSQL.5432.lock"):
                lock.unlink(missing_ok=True)
    if current == NOT_CREATED:
        print(f"Creating a local PostgreSQL cluster in {pgdata} ...", file=sys.stderr)
        _run(
            [
                pg_bin("initdb"),
                "-D",
                str(pgdata),
                "-U",
                DB_USER,
                "--auth-local=peer",
                "--auth-host=reject",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-instructions",
            ],
            stdout=subprocess.DEVNULL,
        )
        _secure_authentication(running=False)
    # Durable like any PostgreSQL: people try the portal with real notes. The tests make
    # their own sessions fast (synchronous_commit=off in tests/settings.py).
    options = (
        f"-c listen_addresses='' -c unix_socket_directories='{socket_dir()}' "
        "-c max_connections=100 -c shared_buffers=256MB"
    )
    started = subprocess.run(
        _as_owner(
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
            ]
        ),
        check=False,
        stdout=subprocess.DEVNULL,
    )
    if started.returncode != 0:
        raise LocalDatabaseError(
            f"The local database in {pgdata} did not start. The end of its log "
            f"({pgdata / 'server.log'}):\n{_log_tail(pgdata)}"
        )
    _wait_until_ready()
    _ensure_database()


def _wait_until_ready() -> None:
    """A server that runs may still be starting or recovering: wait until it answers."""
    for _ in range(300):
        if is_running():
            return
        time.sleep(0.2)
    raise LocalDatabaseError(
        f"The local database in {data_dir()} runs but does not answer on {socket_dir()}. "
        f"The end of its log:\n{_log_tail(data_dir())}"
    )


def _log_tail(pgdata: Path, lines: int = 5) -> str:
    try:
        return "\n".join((pgdata / "server.log").read_text().splitlines()[-lines:])
    except OSError as error:
        return f"(the log cannot be read: {error})"


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


def stop() -> str:
    """Stop the server if it runs; what happened, in one line for the operator."""
    pgdata = data_dir()
    current = state()
    if current == NOT_CREATED:
        return f"There is no local database in {pgdata}: nothing to stop."
    if current == STOPPED:
        return f"The local database in {pgdata} is not running: nothing to stop."
    if current == CRASHED:
        return (
            f"The local database in {pgdata} was not running: it ended without shutting "
            "down (a crash, kill or power loss), nothing to stop. The next start recovers "
            "every committed change from its write-ahead log (docs/operations.md)."
        )
    stopped = subprocess.run(
        _as_owner([pg_bin("pg_ctl"), "-D", str(pgdata), "-m", "fast", "-w", "stop"]),
        check=False,
        capture_output=True,
        text=True,
    )
    if stopped.returncode != 0 and state() == RUNNING:
        raise LocalDatabaseError(
            f"The local database in {pgdata} did not stop: {stopped.stderr.strip()}"
        )
    return f"The local database in {pgdata} is stopped."


def describe() -> str:
    """The cluster's state in one line for `localdb.py status`."""
    current, pgdata = state(), data_dir()
    if current == RUNNING:
        return f"running (socket in {socket_dir()}, data in {pgdata})"
    if current == CRASHED:
        return (
            f"crashed: {pgdata / 'postmaster.pid'} names process "
            f"{_postmaster_pid(pgdata)}, which no longer runs as the server; the next start "
            "recovers it"
        )
    return f"{current} (data in {pgdata})"


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


def main(command: str) -> int:
    """The command line: start, stop or status. Exit status 0, or for status 3 when the
    server does not run (as pg_ctl's); a failure is a message, never a traceback."""
    try:
        if command == "start":
            ensure_running()
            print(f"PostgreSQL is running (socket in {socket_dir()}, data in {data_dir()}).")
        elif command == "stop":
            print(stop())
        elif command == "status":
            print(describe())
            return 0 if state() == RUNNING else 3
        else:
            raise SystemExit(f"unknown command {command!r}: use start, stop or status")
    except (subprocess.CalledProcessError, OSError) as error:
        raise SystemExit(f"The local database ({data_dir()}): {error}") from None
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "start"))
