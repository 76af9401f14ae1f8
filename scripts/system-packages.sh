#!/usr/bin/env bash
# The Debian/Ubuntu packages the portal needs from the system; installs those missing.
#
#   scripts/system-packages.sh serve   what serving needs (make run)
#   scripts/system-packages.sh test    that and what the tests need (make test, .ci/run)
#
# As root it installs directly, otherwise through sudo when there is one; without either
# it prints the apt-get line to run and stops.
set -euo pipefail

# PostgreSQL's server (the local cluster, pg_dump for backups); Pango and HarfBuzz's
# subsetter for the PDF reports (WeasyPrint warns without libharfbuzz-subset0); Graphviz
# for the analysis's system map; DejaVu, the fonts of the PDFs and the map; gettext's
# msgfmt compiles the translations. python-ldap (sign-in through LDAP/Active Directory,
# django-auth-ldap) is built from source against OpenLDAP's and SASL's headers with gcc.
serve=(postgresql libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 graphviz
       fonts-dejavu-core gettext libldap2-dev libsasl2-dev gcc)
# The browser tests drive Debian's Chromium; pdftotext reads the PDFs' text; the LDAP
# sign-in tests start OpenLDAP's slapd with a small directory of their own (ldapadd).
test=("${serve[@]}" chromium poppler-utils slapd ldap-utils)

case "${1:-}" in
  serve) wanted=("${serve[@]}") ;;
  test) wanted=("${test[@]}") ;;
  *) echo "usage: $0 serve|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null; then
  echo "Not a Debian/Ubuntu system (no dpkg-query): make sure the equivalents of" \
       "${wanted[*]} are installed." >&2
  exit 0
fi

missing=()
for package in "${wanted[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing the missing system packages: ${missing[*]}"
install=(apt-get install -y -q --no-install-recommends "${missing[@]}")
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${install[@]}"
elif command -v sudo >/dev/null; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive "${install[@]}"
else
  echo "These system packages are missing and neither root nor sudo is available." >&2
  echo "Install them as root, then run this again:" >&2
  echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
