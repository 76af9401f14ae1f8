"""scripts/system-packages.sh installs only the missing packages, and says how when it cannot.

The script runs with a PATH of stand-ins: dpkg-query reports the packages listed in
$INSTALLED as installed, id answers $UID_ANSWER, and apt-get and sudo write down how they
were called instead of doing anything.
"""

import os
import shutil
import subprocess

import pytest
from django.conf import settings

SCRIPT = settings.BASE_DIR / "scripts" / "system-packages.sh"
SERVE = [
    "postgresql",
    "libpango-1.0-0",
    "libpangoft2-1.0-0",
    "libharfbuzz-subset0",
    "graphviz",
    "fonts-dejavu-core",
    "gettext",
    "libldap2-dev",
    "libsasl2-dev",
    "gcc",
]
TEST_ONLY = ["chromium", "poppler-utils", "slapd", "ldap-utils"]

STAND_INS = {
    "dpkg-query": """#!/bin/bash
package="${@: -1}"
for installed in $INSTALLED; do
  [ "$installed" = "$package" ] && { printf 'install ok installed'; exit 0; }
done
exit 1
""",
    "id": '#!/bin/bash\necho "$UID_ANSWER"\n',
    "apt-get": '#!/bin/bash\necho "apt-get $*" >> "$CALLS"\n',
    "sudo": """#!/bin/bash
echo "sudo" >> "$CALLS"
while [[ "$1" == *=* ]]; do export "$1"; shift; done
exec "$@"
""",
}


@pytest.fixture
def run_script(tmp_path):
    def run(kind, *, installed, root=True, sudo=False):
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir(exist_ok=True)
        (bin_dir / "bash").symlink_to(shutil.which("bash"))
        for name, text in STAND_INS.items():
            if name == "sudo" and not sudo:
                continue
            (bin_dir / name).write_text(text)
            (bin_dir / name).chmod(0o755)
        calls = tmp_path / "calls"
        calls.touch()
        env = {
            "PATH": str(bin_dir),
            "INSTALLED": " ".join(installed),
            "UID_ANSWER": "0" if root else "1000",
            "CALLS": str(calls),
        }
        result = subprocess.run(
            [str(SCRIPT), kind], env=env, capture_output=True, text=True, check=False
        )
        return result, calls.read_text().splitlines()

    return run


def test_nothing_missing_installs_nothing(run_script):
    result, calls = run_script("test", installed=SERVE + TEST_ONLY)
    assert result.returncode == 0, result.stderr
    assert calls == []
    assert result.stdout == ""


def test_root_installs_only_what_is_missing(run_script):
    result, calls = run_script("test", installed=[*SERVE, "poppler-utils", "ldap-utils"])
    assert result.returncode == 0, result.stderr
    assert calls == [
        "apt-get update -qq",
        "apt-get install -y -q --no-install-recommends chromium slapd",
    ]


def test_serving_needs_no_browser(run_script):
    result, calls = run_script("serve", installed=["postgresql", "gettext"])
    assert result.returncode == 0, result.stderr
    installed = calls[-1].split()[5:]
    assert installed == [package for package in SERVE if package not in ("postgresql", "gettext")]


def test_without_root_it_goes_through_sudo(run_script):
    result, calls = run_script("serve", installed=SERVE[1:], root=False, sudo=True)
    assert result.returncode == 0, result.stderr
    assert calls == [
        "sudo",
        "apt-get update -qq",
        "sudo",
        "apt-get install -y -q --no-install-recommends postgresql",
    ]


def test_without_root_or_sudo_it_prints_the_line_and_stops(run_script):
    result, calls = run_script("test", installed=SERVE, root=False)
    assert result.returncode == 1
    assert calls == []
    assert "neither root nor sudo" in result.stderr
    line = "  apt-get install --no-install-recommends chromium poppler-utils slapd ldap-utils\n"
    assert line in result.stderr


def test_an_unknown_list_is_refused(run_script):
    result, _ = run_script("everything", installed=[])
    assert result.returncode == 2
    assert "usage" in result.stderr


def test_the_ci_and_make_use_the_script():
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    assert "scripts/system-packages.sh serve" in makefile
    assert "scripts/system-packages.sh test" in makefile
    assert "scripts/system-packages.sh test" in (settings.BASE_DIR / ".ci" / "run").read_text()
    assert os.access(SCRIPT, os.X_OK)
