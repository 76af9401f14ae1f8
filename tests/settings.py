"""Test settings: production settings (DEBUG off) with test-only secrets, served over HTTP."""

import os
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")

from peine.settings import *  # noqa: F403
from peine.settings import BASE_DIR, DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Test sessions need not wait for the disk: a crash loses only test data.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
(Path(BASE_DIR) / "staticfiles").mkdir(exist_ok=True)
