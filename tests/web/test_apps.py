"""The web layer's shape: one app per stage of the lifecycle, dependencies one way (import-linter contracts)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from jixiao.web.audit.access import AUDIT_ROLES
from jixiao.web.records import import_plan
from jixiao.web.records.models import Membership

WEB = Path(__file__).resolve().parents[2] / "jixiao" / "web"
LIFECYCLE = ["targets", "review", "workflow", "publication", "monitoring", "evaluation", "results"]


def test_every_app_folder_is_an_installed_app() -> None:
    folders = sorted(p.parent.name for p in WEB.glob("*/apps.py"))
    installed = sorted(
        config.name.rsplit(".", 1)[1] for config in apps.get_app_configs() if config.name.startswith("jixiao.web.")
    )
    assert folders == installed
    assert set(LIFECYCLE) <= set(folders)


def test_each_stage_has_its_own_urls() -> None:
    for name in [*LIFECYCLE, "accounts", "api", "audit"]:
        assert (WEB / name / "urls.py").exists(), name


def test_the_dependency_contracts_hold() -> None:
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command, "import-linter is a development dependency"
    completed = subprocess.run([command], capture_output=True, text=True, check=False, cwd=WEB.parents[1])
    assert completed.returncode == 0, completed.stdout[-3000:]
    assert "0 broken" in completed.stdout


def test_the_audit_roles_are_membership_roles() -> None:
    assert set(AUDIT_ROLES) == {Membership.Role.AUDITOR.value, Membership.Role.ADMIN.value}


def test_in_year_data_refuses_to_answer_without_a_counter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_plan, "_counters", [])
    with pytest.raises(ImproperlyConfigured):
        import_plan.in_year_data([1])


def test_pages_put_their_stylesheets_and_scripts_in_the_head() -> None:
    """Every page extends the site's base.html and adds its own <link>/<script> in ``{% block head %}``."""
    misplaced = []
    for template in WEB.glob("**/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        if template == WEB / "templates" / "base.html":
            continue
        outside = re.sub(r"{% block head %}.*?{% endblock %}", "", text, flags=re.S)
        if re.search(r"<link |<script ", outside):
            misplaced.append(str(template.relative_to(WEB)))
    assert misplaced == []
