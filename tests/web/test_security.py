"""Login security and the browser-facing protections: Argon2, lock-out, session expiry, CSRF, security headers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.sessions.models import Session
from django.db import connection, connections
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from jixiao.web import settings as site
from jixiao.web.audit.models import AuditEntry, LoginThrottle
from jixiao.web.audit.security import CONTENT_SECURITY_POLICY
from jixiao.web.demo import DEMO_PASSWORD
from jixiao.web.records.models import Department

ROOT = Path(__file__).resolve().parents[2]
LOCKED = "登录失败次数过多"


def log_in(client: Client, username: str = "unit287001", password: str = DEMO_PASSWORD) -> str:
    response = client.post("/login/", {"username": username, "password": password})
    return "" if response.status_code == 302 else response.content.decode()


def logged_in(client: Client) -> bool:
    return client.get("/").status_code == 200


# -- passwords ----------------------------------------------------------------------------------------------------


def test_the_site_hashes_passwords_with_argon2id() -> None:
    assert site.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    hasher = Argon2PasswordHasher()  # the test settings use a fast hasher; this is the site's
    hashed = hasher.encode("correct horse battery", hasher.salt())
    assert hashed.startswith("argon2$argon2id$")
    assert hasher.verify("correct horse battery", hashed) and not hasher.verify("wrong", hashed)


# -- lock-out -----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_five_failures_lock_the_username_at_that_address_and_say_so(demo: dict[str, Department]) -> None:
    client = Client(REMOTE_ADDR="198.51.100.9")
    pages = [log_in(client, password=f"guess-{n}") for n in range(5)]
    assert all("用户名或密码不正确" in page for page in pages[:4])
    assert LOCKED in pages[4] and "15 分钟后再试" in pages[4]
    assert LOCKED in log_in(client) and not logged_in(client)  # the right password does not help now
    assert log_in(Client(REMOTE_ADDR="198.51.100.10")) == ""  # the real user elsewhere is not locked out
    recorded = list(AuditEntry.objects.filter(action__startswith="jixiao.auth.").values_list("action", flat=True))
    assert recorded.count("jixiao.auth.login_failed") == 5
    assert recorded.count("jixiao.auth.locked") == 1 and recorded.count("jixiao.auth.login_blocked") == 1


@pytest.mark.django_db
def test_each_password_check_is_counted_before_it_runs(demo: dict[str, Department]) -> None:
    from jixiao.web.audit import throttle

    assert [throttle.begin_attempt("unit287001", "203.0.113.5") for _ in range(6)] == [True] * 5 + [False]
    assert throttle.locked_until("unit287001", "203.0.113.5") is not None  # the sixth, unchecked, locked the pair


POSTGRES = connection.vendor == "postgresql"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not POSTGRES, reason="SQLite serialises the logins; PostgreSQL runs them at once")
def test_twenty_simultaneous_guesses_after_four_failures_get_one_check_between_them(
    demo: dict[str, Department],
) -> None:
    address = "198.51.100.77"
    for n in range(4):
        log_in(Client(REMOTE_ADDR=address), password=f"guess-{n}")
    barrier = threading.Barrier(20)

    def guess(n: int) -> None:
        try:
            client = Client(REMOTE_ADDR=address)
            barrier.wait()
            log_in(client, password=f"parallel-{n}")
        finally:
            connections.close_all()

    workers = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    recorded = list(AuditEntry.objects.filter(action__startswith="jixiao.auth.").values_list("action", flat=True))
    assert recorded.count("jixiao.auth.login_failed") == 5  # four before, one of the twenty: the rest never checked
    assert recorded.count("jixiao.auth.login_blocked") == 19
    assert LOCKED in log_in(Client(REMOTE_ADDR=address))  # and now the right password is refused too


@pytest.mark.django_db
def test_the_lock_ends_after_its_period(demo: dict[str, Department]) -> None:
    client = Client(REMOTE_ADDR="198.51.100.9")
    for n in range(5):
        log_in(client, password=f"guess-{n}")
    past = timezone.now() - timedelta(minutes=16)
    LoginThrottle.objects.update(locked_until=past, window_start=past - timedelta(minutes=1))  # 16 minutes later
    assert log_in(client) == ""
    assert not LoginThrottle.objects.exists()


@pytest.mark.django_db
def test_a_successful_login_clears_the_count_and_usernames_are_not_case_tricks(demo: dict[str, Department]) -> None:
    client = Client(REMOTE_ADDR="198.51.100.9")
    for n in range(4):
        log_in(client, username="UNIT287001" if n % 2 else "unit287001", password=f"guess-{n}")
    assert LoginThrottle.objects.get().failures == 4  # one counter for every spelling of the name
    assert log_in(client) == ""
    client.post("/logout/")
    for n in range(4):
        assert LOCKED not in log_in(client, password=f"again-{n}")


@pytest.mark.django_db
def test_the_admin_login_honours_the_lock(demo: dict[str, Department]) -> None:
    client = Client(REMOTE_ADDR="198.51.100.9")
    for n in range(5):
        log_in(client, username="admin", password=f"guess-{n}")
    client.post("/admin/login/", {"username": "admin", "password": DEMO_PASSWORD, "next": "/admin/"})
    assert client.get("/admin/").status_code == 302  # still sent to the login page
    assert AuditEntry.objects.filter(action="jixiao.auth.login_blocked").exists()


# -- sessions -----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sessions_end_with_the_browser_and_after_their_age(demo: dict[str, Department]) -> None:
    client = Client()
    response = client.post("/login/", {"username": "unit287001", "password": DEMO_PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    assert cookie["httponly"] is True
    session = Session.objects.get()
    remaining = (session.expire_date - timezone.now()).total_seconds()
    assert site.SESSION_COOKIE_AGE - 60 < remaining <= site.SESSION_COOKIE_AGE
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))  # the age has passed
    assert client.get("/").status_code == 302


# -- CSRF on every write -------------------------------------------------------------------------------------------


def _routes(patterns: list[Any], prefix: str = "") -> list[str]:
    """Every page of the site (the Django admin's own forms are left to Django), with sample path values."""
    paths: list[str] = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if not route.startswith("admin/"):
                paths.extend(_routes(pattern.url_patterns, route))
        elif isinstance(pattern, URLPattern):
            paths.append("/" + re.sub(r"<(?:int|str|slug|path|uuid):\w+>", "1", route))
    return paths


def test_the_route_walk_sees_every_app() -> None:
    routes = _routes(get_resolver().url_patterns)
    assert {"/login/", "/logout/", "/audit/", "/projects/1/", "/api/projects/1"} <= set(routes)


@pytest.mark.django_db
def test_every_page_refuses_a_post_without_a_csrf_token(demo: dict[str, Department]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo["seed"].organisation.memberships.get(role="editor").user)
    refused = {}
    for path in _routes(get_resolver().url_patterns):
        response = client.post(path, {"name": "x"})
        refused[path] = response.status_code == 403 and b"CSRF" in response.content
    assert [path for path, ok in refused.items() if not ok] == []
    token = client.get("/").cookies.get("csrftoken") or client.cookies["csrftoken"]
    assert client.post("/logout/", {"csrfmiddlewaretoken": token.value}).status_code == 302  # with a token: accepted


# -- headers ------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_carry_the_security_headers(editor: Client) -> None:
    for response in (editor.get("/"), Client().get("/login/"), editor.get("/audit/")):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert "Strict-Transport-Security" not in response  # plain HTTP: HSTS would be ignored anyway
    static = editor.get("/static/jixiao/app.css")
    assert (
        static["Content-Security-Policy"] == CONTENT_SECURITY_POLICY and static["X-Content-Type-Options"] == "nosniff"
    )
    static.close()
    for directive in ("default-src 'self'", "style-src 'self'", "img-src 'self'", "font-src 'self'"):
        assert directive in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=31536000)
def test_https_responses_carry_hsts_when_secure_cookies_are_on() -> None:
    response = Client().get("/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.parametrize(("secure", "hsts"), [("true", "31536000"), ("false", "0")])
def test_secure_cookies_switch_on_hsts(secure: str, hsts: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_"))}
    env.update({"JIXIAO_DATA_DIR": str(tmp_path), "JIXIAO_TESTING": "true", "JIXIAO_SECURE_COOKIES": secure})
    code = "from jixiao.web import settings as s; print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE)"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == [hsts, str(secure == "true")]


TEMPLATES = sorted((ROOT / "jixiao" / "web").glob("*/templates/**/*.html"))


def test_templates_have_no_inline_scripts_styles_or_handlers() -> None:
    """The policy forbids inline code; a template that needs some must move it to a static file."""
    assert TEMPLATES
    for template in TEMPLATES:
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", text), template


def test_eval_is_allowed_only_while_a_template_uses_htmx_js_expressions() -> None:
    uses_eval = any(re.search(r"hx-(?:vals|headers)='(?:js|javascript):", t.read_text("utf-8")) for t in TEMPLATES)
    assert ("'unsafe-eval'" in CONTENT_SECURITY_POLICY) == uses_eval
