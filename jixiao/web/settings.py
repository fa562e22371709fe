"""Django settings, read from environment variables (every one is listed in .env.example).

Defaults give a zero-setup install: SQLite in ``JIXIAO_DATA_DIR`` (./data). Production sets ``JIXIAO_SECRET_KEY``
(or ``JIXIAO_SECRET_KEY_FILE``), ``JIXIAO_ALLOWED_HOSTS`` and usually ``DATABASE_URL``; the site refuses to start
with debug off and a development secret.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from jixiao.web.env import (
    POOLERS,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_read_limits,
    env_str,
    parse_database_url,
    parse_replica_url,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("JIXIAO_DATA_DIR", str(Path.cwd() / "data"))).resolve()

DEBUG = env_bool("JIXIAO_DEBUG", False)
DEMO = env_bool("JIXIAO_DEMO", False)
_DEV_SECRET = "jixiao-development-secret-not-for-production"


def _secret_key() -> str:
    key_file = env_str("JIXIAO_SECRET_KEY_FILE", "")
    if key_file:
        return Path(key_file).read_text(encoding="utf-8").strip()
    key = env_str("JIXIAO_SECRET_KEY", "")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    # Demo mode keeps a generated secret in the data directory, so sessions survive restarts; the commands run later
    # from the same folder (`jixiao audit verify` after `make run`) find it there.
    if DEMO or path.is_file():
        if not path.exists():
            DATA_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
            path.chmod(0o600)
        return path.read_text(encoding="utf-8").strip()
    return _DEV_SECRET


SECRET_KEY = _secret_key()
if not DEBUG and SECRET_KEY == _DEV_SECRET and not env_bool("JIXIAO_TESTING", False):
    raise ImproperlyConfigured(
        "JIXIAO_DEBUG 关闭时必须设置 JIXIAO_SECRET_KEY 或 JIXIAO_SECRET_KEY_FILE（不能使用开发密钥）。"
    )

ALLOWED_HOSTS = env_list("JIXIAO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("JIXIAO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "jixiao.web.audit",
    "jixiao.web.records",
    "jixiao.web.accounts",
    "jixiao.web.review",
    "jixiao.web.workflow",
    "jixiao.web.targets",
    "jixiao.web.publication",
    "jixiao.web.monitoring",
    "jixiao.web.evaluation",
    "jixiao.web.results",
    "jixiao.web.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jixiao.web.audit.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "jixiao.web.guards.RefuseNulMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jixiao.web.accounts.tokens.ApiTokenMiddleware",
    "jixiao.web.audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jixiao.web.accounts.middleware.AccountSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.web.workflow.context.site",
                "jixiao.web.audit.access.navigation",
            ],
        },
    },
]

_CONN_MAX_AGE = env_int("JIXIAO_DB_CONN_MAX_AGE", 60)
_POOLER = env_choice("JIXIAO_DB_POOLER", "none", POOLERS)
DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", ""), DATA_DIR / "jixiao.sqlite3", conn_max_age=_CONN_MAX_AGE, pooler=_POOLER
    )
}
_REPLICA = parse_replica_url(
    env_str("DATABASE_REPLICA_URL", ""), DATABASES["default"], conn_max_age=_CONN_MAX_AGE, pooler=_POOLER
)
if _REPLICA is not None:
    DATABASES["replica"] = _REPLICA
# Exports and audit searches read from this alias inside jixiao.web.routers.reading_from_replica(); None: no replica.
JIXIAO_READ_REPLICA = "replica" if _REPLICA is not None else None
DATABASE_ROUTERS = ["jixiao.web.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # the policy of 等级保护第三级 (jixiao/web/accounts/passwords.py; docs/security.md)
    {"NAME": "jixiao.web.accounts.passwords.CharacterKindsValidator"},
    {"NAME": "jixiao.web.accounts.passwords.RepetitionValidator"},
    {"NAME": "jixiao.web.accounts.passwords.UsernameValidator"},
    {"NAME": "jixiao.web.accounts.passwords.HistoryValidator"},
]
# How many earlier passwords a user may not use again.
JIXIAO_PASSWORD_HISTORY = env_int("JIXIAO_PASSWORD_HISTORY", 5)
# Minutes without a request after which a signed-in session ends (the user signs in again).
JIXIAO_IDLE_MINUTES = env_int("JIXIAO_IDLE_MINUTES", 30, minimum=1)
# Argon2id for new and changed passwords; older hashes are upgraded at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Django's model backend with the lock-out: a locked username/address pair is refused before the password is checked.
AUTHENTICATION_BACKENDS = ["jixiao.web.audit.security.LockoutBackend"]
JIXIAO_LOGIN_FAILURE_LIMIT = env_int("JIXIAO_LOGIN_FAILURE_LIMIT", 5, minimum=1)
JIXIAO_LOGIN_LOCK_MINUTES = env_int("JIXIAO_LOGIN_LOCK_MINUTES", 15, minimum=1)
LOGIN_URL = "login"
# A form posted from a stale page keeps what was typed (jixiao/web/drafts.py) instead of Django's bare 403 page.
CSRF_FAILURE_VIEW = "jixiao.web.accounts.views.csrf_failure"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]  # the site-wide stylesheet and script; each app has its own static/
# Set only for `collectstatic` behind nginx; unset, WhiteNoise serves the files from the installed package.
STATIC_ROOT = env_str("JIXIAO_STATIC_ROOT", "") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve straight from the apps' static folders: no collectstatic step needed

SESSION_COOKIE_AGE = env_int("JIXIAO_SESSION_SECONDS", 8 * 3600, minimum=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("JIXIAO_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind TLS, browsers are told to use HTTPS only for a year (sent on HTTPS responses only).
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if SESSION_COOKIE_SECURE else 0
# Reverse proxies in front of the site (nginx: 1). Their X-Forwarded-For gives the client address used by the audit
# trail and the login lock-out, and their X-Forwarded-Proto tells HTTPS requests apart; 0 trusts neither header.
JIXIAO_PROXY_COUNT = env_int("JIXIAO_PROXY_COUNT", 0)
if JIXIAO_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# What an uploaded document may hold (jixiao.formats.limits, docs/formats.md), from JIXIAO_LIMIT_* variables.
JIXIAO_READ_LIMITS = env_read_limits()
# Uploads are read in a child process with this time (seconds) and memory (MB) budget (jixiao.formats.sandbox);
# false reads them in the server process (limits still apply).
JIXIAO_PARSE_ISOLATED = env_bool("JIXIAO_PARSE_ISOLATED", True)
JIXIAO_PARSE_SECONDS = env_int("JIXIAO_PARSE_SECONDS", 30, minimum=1)
JIXIAO_PARSE_MEMORY_MB = env_int("JIXIAO_PARSE_MEMORY_MB", 512, minimum=64)
# The most an import preview keeps in the session (KB, compressed); a larger document is refused with a message.
JIXIAO_PREVIEW_MAX_KB = env_int("JIXIAO_PREVIEW_MAX_KB", 1024, minimum=16)

JIXIAO_PROFILE = env_str("JIXIAO_PROFILE", "national")

# Signed checkpoints of the audit chain's head, outside the database (docs/security.md): the HMAC key (empty: derived
# from SECRET_KEY), the append-only file, and the least number of seconds between two checkpoints (0: one after
# every append).
JIXIAO_AUDIT_KEY = (
    Path(env_str("JIXIAO_AUDIT_KEY_FILE", "")).read_text(encoding="utf-8").strip()
    if env_str("JIXIAO_AUDIT_KEY_FILE", "")
    else env_str("JIXIAO_AUDIT_KEY", "")
)
JIXIAO_AUDIT_CHECKPOINT_FILE = Path(
    env_str("JIXIAO_AUDIT_CHECKPOINT_FILE", "") or DATA_DIR / "audit-checkpoints.jsonl"
).resolve()
JIXIAO_AUDIT_CHECKPOINT_SECONDS = env_int("JIXIAO_AUDIT_CHECKPOINT_SECONDS", 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JIXIAO_LOG_LEVEL", "WARNING")},
    # The audit checkpoints go to the system log whatever JIXIAO_LOG_LEVEL says (journald under systemd).
    "loggers": {"jixiao.audit.checkpoint": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
