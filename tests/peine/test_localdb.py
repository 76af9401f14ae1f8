"""The local cluster (peine/lib/localdb.py) lets nobody but the checkout's own user in."""

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from peine.lib import localdb

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="runs only against the local cluster"
)


def _psql_as(user: str | None, role: str = localdb.DB_USER) -> subprocess.CompletedProcess:
    command = [localdb.pg_bin("psql"), "-h", str(localdb.socket_dir()), "-U", role]
    command += ["-d", localdb.DB_NAME, "-w", "-tAc", "SELECT current_user"]
    if user:
        command = ["runuser", "-u", user, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd="/")


def test_authentication_is_peer_never_trust():
    hba = (localdb.data_dir() / "pg_hba.conf").read_text()
    assert not localdb.uses_trust()
    rules = [line.split() for line in hba.splitlines() if line.strip() and line[0] != "#"]
    assert rules == [["local", "all", "all", "peer", f"map={localdb.IDENT_MAP}"]]
    ident = (localdb.data_dir() / "pg_ident.conf").read_text()
    mappings = [line.split() for line in ident.splitlines() if line.strip() and line[0] != "#"]
    assert mappings == [[localdb.IDENT_MAP, localdb.client_user(), localdb.DB_USER]]


def test_socket_folder_is_private_to_the_cluster_owner():
    info = os.lstat(localdb.socket_dir())
    assert stat.S_ISDIR(info.st_mode)
    assert stat.S_IMODE(info.st_mode) == 0o700
    expected = "postgres" if os.geteuid() == 0 else localdb.client_user()
    assert info.st_uid == localdb.pwd.getpwnam(expected).pw_uid


def test_the_checkout_user_connects():
    result = _psql_as(None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == localdb.DB_USER


def test_another_local_user_cannot_connect():
    if os.geteuid() == 0:
        # An ordinary user cannot even reach the socket ...
        stranger = _psql_as("nobody")
        assert stranger.returncode != 0
        assert "Permission denied" in stranger.stderr
        # ... and a user who can (the server's own account) is refused by peer
        # authentication: with trust it would get in without a password.
        owner = _psql_as("postgres")
        assert owner.returncode != 0
        assert "Peer authentication failed" in owner.stderr
    else:
        # We cannot become someone else: a role the ident map does not grant us is refused
        # without a password being asked (-w), which trust would have let in.
        other = _psql_as(None, role="postgres")
        assert other.returncode != 0
        assert "authentication failed" in other.stderr


def test_a_foreign_socket_folder_is_refused(tmp_path):
    foreign = tmp_path / "written-by-others"
    foreign.mkdir()
    foreign.chmod(0o777)
    with pytest.raises(localdb.LocalDatabaseError, match="others may write to it"):
        localdb.check_socket_dir(foreign, os.geteuid())

    someone_else = tmp_path / "someone-elses"
    someone_else.mkdir(mode=0o700)
    other_uid = localdb.pwd.getpwnam("nobody").pw_uid
    with pytest.raises(localdb.LocalDatabaseError, match="belongs to"):
        localdb.check_socket_dir(someone_else, other_uid)

    link = tmp_path / "link"
    link.symlink_to(someone_else)
    with pytest.raises(localdb.LocalDatabaseError, match="not a plain folder"):
        localdb.check_socket_dir(link, os.geteuid())


def test_an_own_folder_from_an_earlier_version_is_tightened(tmp_path):
    earlier = tmp_path / "sockets"
    earlier.mkdir()
    earlier.chmod(0o755)
    localdb.check_socket_dir(earlier, os.geteuid())
    assert stat.S_IMODE(os.lstat(earlier).st_mode) == 0o700


def test_a_cluster_made_with_trust_is_switched_to_peer(tmp_path, monkeypatch, capsys):
    pgdata = tmp_path / "pgdata"
    pgdata.mkdir()
    (pgdata / "pg_hba.conf").write_text(
        "# old\nlocal all all trust\nhost all all 127.0.0.1/32 trust\n"
    )
    (pgdata / "pg_ident.conf").write_text("# empty\n")
    monkeypatch.setattr(localdb, "data_dir", lambda: pgdata)
    assert localdb.uses_trust(pgdata)
    localdb._secure_authentication(running=False)
    assert not localdb.uses_trust(pgdata)
    assert "peer map=peine" in (pgdata / "pg_hba.conf").read_text()
    assert stat.S_IMODE(os.stat(pgdata / "pg_hba.conf").st_mode) == 0o600
    assert "trust" in capsys.readouterr().err


LOCALDB = localdb.BASE_DIR / "peine" / "lib" / "localdb.py"


@pytest.fixture
def throwaway_cluster(tmp_path, monkeypatch):
    """A cluster of its own (PEINE_PGDATA), driven through localdb.py's command line.

    Returns a function that runs ``localdb.py <command>`` on it. As root the cluster belongs
    to the postgres user, who may not enter pytest's folders (/tmp/pytest-of-root is 0700),
    so it lies in a folder of /var/tmp that user may pass through.
    """
    base = tmp_path
    if os.geteuid() == 0:
        base = Path(tempfile.mkdtemp(prefix="peine-localdb-test-", dir="/var/tmp"))
        base.chmod(0o711)
    monkeypatch.setenv("PEINE_PGDATA", str(base / "pgdata"))

    def run(command: str) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, str(LOCALDB), command], capture_output=True, text=True, check=False
        )
        assert "Traceback" not in result.stdout + result.stderr, result.stderr
        return result

    yield run
    run("stop")
    shutil.rmtree(localdb.socket_dir(), ignore_errors=True)
    if base != tmp_path:
        shutil.rmtree(base)


def _sql(statement: str) -> str:
    command = [localdb.pg_bin("psql"), "-h", str(localdb.socket_dir()), "-U", localdb.DB_USER]
    command += ["-d", localdb.DB_NAME, "-v", "ON_ERROR_STOP=1", "-tAc", statement]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def test_status_start_and_stop_follow_the_server(throwaway_cluster):
    status = throwaway_cluster("status")
    assert (status.returncode, status.stdout.split(" (")[0]) == (3, "not created")
    stop = throwaway_cluster("stop")
    assert stop.returncode == 0
    assert "no local database" in stop.stdout

    assert throwaway_cluster("start").returncode == 0
    status = throwaway_cluster("status")
    assert (status.returncode, status.stdout.split(" (")[0]) == (0, "running")
    assert throwaway_cluster("start").returncode == 0  # a second start leaves it running

    stop = throwaway_cluster("stop")
    assert (stop.returncode, stop.stdout.strip()[-11:]) == (0, "is stopped.")
    status = throwaway_cluster("status")
    assert (status.returncode, status.stdout.split(" (")[0]) == (3, "stopped")
    stop = throwaway_cluster("stop")
    assert stop.returncode == 0
    assert "is not running: nothing to stop" in stop.stdout


def test_a_killed_server_is_reported_stopped_cleanly_and_recovers(throwaway_cluster):
    assert throwaway_cluster("start").returncode == 0
    _sql("CREATE TABLE note (text text); INSERT INTO note VALUES ('saved before the crash')")
    pid = int((localdb.data_dir() / "postmaster.pid").read_text().split()[0])

    os.kill(pid, signal.SIGKILL)  # as a power loss would
    for _ in range(100):
        if not localdb._is_postgres(pid):  # gone, or a zombie not yet collected
            break
        time.sleep(0.1)

    status = throwaway_cluster("status")
    assert status.returncode == 3
    assert status.stdout.startswith(f"crashed: {localdb.data_dir() / 'postmaster.pid'}")
    stop = throwaway_cluster("stop")  # what `make stop` runs
    assert stop.returncode == 0, stop.stderr
    assert "was not running: it ended without shutting down" in stop.stdout

    start = throwaway_cluster("start")
    assert start.returncode == 0, start.stderr
    assert "did not shut down cleanly" in start.stderr
    assert throwaway_cluster("status").returncode == 0
    assert _sql("SELECT text FROM note") == "saved before the crash"


def test_a_stale_pid_file_of_a_reused_pid_is_not_taken_for_the_server(throwaway_cluster):
    assert throwaway_cluster("start").returncode == 0
    assert throwaway_cluster("stop").returncode == 0
    # The server died long ago; its pid now belongs to another program (this test).
    pid_file = localdb.data_dir() / "postmaster.pid"
    pid_file.write_text(f"{os.getpid()}\n{localdb.data_dir()}\n")
    if os.geteuid() == 0:
        owner = localdb.pwd.getpwnam("postgres")
        os.chown(pid_file, owner.pw_uid, owner.pw_gid)

    assert throwaway_cluster("status").stdout.startswith("crashed")
    assert throwaway_cluster("stop").returncode == 0
    start = throwaway_cluster("start")
    assert start.returncode == 0, start.stderr
    assert throwaway_cluster("status").returncode == 0
