#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peine.settings")
    if not os.environ.get("DATABASE_URL"):
        # No database given: a development checkout. Use (and if needed start) the
        # project's own cluster, and a secret key kept in .local/ (never in production,
        # where SECRET_KEY is set and the settings refuse to start without it).
        from peine.lib import localdb

        localdb.ensure_running()
        os.environ.setdefault("SECRET_KEY_FILE", str(localdb.local_secret_key_file()))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
