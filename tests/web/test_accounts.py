"""Identity controls of 等级保护第三级: the password policy, changes and administrator resets, idle sessions, no
caching of signed-in pages, and imports that can only write the user's own organisation."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from jixiao.web.accounts.admin import temporary_password
from jixiao.web.accounts.middleware import SEEN_KEY
from jixiao.web.audit.models import AuditEntry
from jixiao.web.demo import DEMO_PASSWORD
from jixiao.web.records.models import Department
from tests.conftest import SEED
from tests.web.test_import import upload

pytestmark = pytest.mark.django_db
GOOD = "Qz7#mLp2vRt9"


def _refusal(password: str, user: Any = None) -> str:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Aa1!Aa1!Aa", "重复的片段"),
        ("abcdefghijk", "至少 3 种"),
        ("Password123", "太常见"),
    ],
)
def test_the_policy_refuses_weak_passwords(password: str, reason: str) -> None:
    assert reason in _refusal(password)


def test_the_policy_refuses_a_password_built_on_the_username(demo: dict[str, Department]) -> None:
    victim = get_user_model().objects.create_user("victim", password=GOOD)
    assert "包含用户名" in _refusal("victim7victim7", victim) or "重复" in _refusal("victim7victim7", victim)
    assert "包含用户名" in _refusal("Xy9#victim!Q", victim)
    assert _refusal(GOOD, None) == ""


def test_temporary_passwords_meet_the_policy() -> None:
    for _ in range(20):
        assert _refusal(temporary_password()) == ""


def test_a_user_changes_the_password_and_cannot_go_back_to_an_earlier_one(demo: dict[str, Department]) -> None:
    client = Client()
    assert client.login(username="unit287001", password=DEMO_PASSWORD)
    page = client.get("/password/").content.decode()
    assert "大写字母、小写字母、数字、符号" in page
    changed = client.post("/password/", {"old_password": DEMO_PASSWORD, "new_password1": GOOD, "new_password2": GOOD})
    assert changed.status_code == 302
    assert AuditEntry.objects.filter(action="jixiao.auth.password_changed").count() == 1
    assert Client().login(username="unit287001", password=GOOD)
    again = client.post(
        "/password/", {"old_password": GOOD, "new_password1": DEMO_PASSWORD, "new_password2": DEMO_PASSWORD}
    )
    assert again.status_code == 200 and "最近 5 次用过的密码" in again.content.decode()


def test_an_administrators_reset_forces_a_change_at_the_next_sign_in(demo: dict[str, Department]) -> None:
    admin = Client()
    assert admin.login(username="admin", password=DEMO_PASSWORD)
    user = get_user_model().objects.get(username="unit287001")
    response = admin.post(
        "/admin/auth/user/", {"action": "reset_passwords", "_selected_action": [user.pk]}, follow=True
    )
    text = response.content.decode()
    assert "unit287001：" in text
    temporary = text.split("unit287001：", 1)[1][:14]
    client = Client()
    assert client.login(username="unit287001", password=temporary)
    forced = client.get("/")
    assert forced.status_code == 302 and forced["Location"] == "/password/"
    client.post("/password/", {"old_password": temporary, "new_password1": GOOD, "new_password2": GOOD})
    assert client.get("/").status_code == 200
    assert AuditEntry.objects.filter(action="jixiao.auth.password_reset").count() == 1


def test_an_idle_session_ends_and_says_why(editor: Client) -> None:
    assert editor.get("/").status_code == 200
    session = editor.session
    session[SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = editor.get("/todo/")
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=/todo/")
    assert editor.get("/").status_code == 302  # signed out
    assert AuditEntry.objects.filter(action="jixiao.auth.idle_logout").count() == 1


def test_signed_in_pages_and_downloads_are_not_cached_and_public_ones_may_be(
    editor: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    for url in ("/", f"/departments/{seed.pk}/", f"/departments/{seed.pk}/export/xlsx/"):
        assert editor.get(url)["Cache-Control"] == "no-store", url
    assert "no-store" not in Client().get("/public/").get("Cache-Control", "")


def test_an_import_cannot_write_another_departments_targets(demo: dict[str, Department]) -> None:
    unit2 = Client()
    assert unit2.login(username="unit2", password=DEMO_PASSWORD)
    organisation = demo["second"].organisation
    upload(unit2, "老干部局.txt", SEED.read_bytes(), organisation)
    page = unit2.post("/import/preview/", follow=True).content.decode()
    assert "与所选单位" in page and "只能导入本单位的绩效目标" in page
    assert not Department.objects.filter(organisation=organisation, code="287001").exists()


def test_the_new_endpoints_keep_their_access_rules(demo: dict[str, Department]) -> None:
    """The access matrix for what this work added: the password page is the signed-in user's own; only an
    administrator resets passwords; the confirmation pages of the workflow act only for those who may act."""
    anonymous = Client()
    assert anonymous.get("/password/")["Location"].startswith("/login/")
    assert anonymous.post("/password/", {"old_password": "x"}).status_code == 302
    editor = Client()
    assert editor.login(username="unit287001", password=DEMO_PASSWORD)
    user = get_user_model().objects.get(username="unit2")
    response = editor.post("/admin/auth/user/", {"action": "reset_passwords", "_selected_action": [user.pk]})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert Client().login(username="unit2", password=DEMO_PASSWORD)  # untouched
    seed = demo["seed"]
    outsider = Client()
    assert outsider.login(username="unit2", password=DEMO_PASSWORD)
    assert outsider.get(f"/departments/{seed.pk}/act/approve_department/").status_code == 404
    not_yet = editor.get(f"/departments/{seed.pk}/act/publish/")  # the editor may not publish: back to the page
    assert not_yet.status_code == 302 and not_yet["Location"] == f"/departments/{seed.pk}/"
