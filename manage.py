#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peine.settings")
    if not os.environ.get("DATABASE_URL"):
        # No database given: use (and if needed start) the project's own cluster.
        from peine.lib import localdb

        localdb.ensure_running()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
