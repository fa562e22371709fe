"""Settings for the test run: the site's settings with a throw-away data directory and a test-only secret."""

import os
import tempfile

os.environ.setdefault("JIXIAO_TESTING", "true")
os.environ.setdefault("JIXIAO_DATA_DIR", tempfile.mkdtemp(prefix="jixiao-test-data-"))

from jixiao.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests only
