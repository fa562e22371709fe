"""Nothing typed is lost: a form posted after the session ended, or from a stale page, comes back filled in."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from jixiao.web.accounts.middleware import SEEN_KEY
from jixiao.web.demo import DEMO_PASSWORD
from jixiao.web.records.models import Department, Project
from tests.web.test_editing import form_data

pytestmark = pytest.mark.django_db
TYPED = "全年为 120 名离退休干部发放生活补助，做到应发尽发"


def _project(demo: dict[str, Department]) -> Project:
    return demo["seed"].projects.get(code="130304217IZ2UBLXPFIGE")


def _sign_in_and_follow(client: Client, location: str) -> str:
    """Sign in on the page the redirect leads to, and follow ``next`` back."""
    assert location.startswith("/login/?next=")
    response = client.post(location, {"username": "unit287001", "password": DEMO_PASSWORD}, follow=True)
    return response.content.decode()


def test_a_save_after_the_session_expired_comes_back_filled_in_after_signing_in(
    editor: Client, demo: dict[str, Department]
) -> None:
    project = _project(demo)
    data = form_data(editor, project)
    data["goal"] = TYPED
    editor.logout()  # the session is gone (expired on the server, or the browser closed)
    response = editor.post(f"/projects/{project.pk}/", data)
    assert response.status_code == 302
    page = _sign_in_and_follow(editor, response["Location"])
    assert "已恢复您上次未保存的填写" in page and TYPED in page
    assert Project.objects.get(pk=project.pk).goal != TYPED  # shown again, not saved behind the user's back
    saved = editor.post(f"/projects/{project.pk}/", {**data, "goal": TYPED})
    assert saved.status_code == 302 and Project.objects.get(pk=project.pk).goal == TYPED


def test_a_save_after_the_idle_timeout_is_kept_too(editor: Client, demo: dict[str, Department]) -> None:
    project = _project(demo)
    data = form_data(editor, project)
    data["goal"] = TYPED
    session = editor.session
    session[SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = editor.post(f"/projects/{project.pk}/", data)
    assert response.status_code == 302
    page = _sign_in_and_follow(editor, response["Location"])
    assert TYPED in page and "已恢复" in page


def test_a_save_from_a_stale_tab_keeps_what_was_typed(demo: dict[str, Department]) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="unit287001", password=DEMO_PASSWORD)
    project = _project(demo)
    data = form_data(client, project)
    data["goal"] = TYPED
    data["csrfmiddlewaretoken"] = "stale-token-from-an-earlier-sign-in"
    response = client.post(f"/projects/{project.pk}/", data)
    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期" in page and "已保留" in page and "data-restore" in page and "CSRF 验证失败" not in page
    back = client.get(f"/projects/{project.pk}/").content.decode()
    assert TYPED in back and "已恢复" in back
