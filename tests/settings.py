"""Settings for the test run: the site's settings with a throw-away data directory and a test-only secret."""

import os
import tempfile

os.environ.setdefault("JIXIAO_TESTING", "true")
os.environ.setdefault("JIXIAO_DATA_DIR", tempfile.mkdtemp(prefix="jixiao-test-data-"))

from jixiao.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests only

# A read replica that is the test database itself (Django's TEST MIRROR). Reads go there only in tests that set
# JIXIAO_READ_REPLICA (tests/web/test_replica.py), so every other test runs as with a single database.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
JIXIAO_READ_REPLICA = None
