"""Uploads in the web application: hostile files are refused with the Chinese message naming
the limit — read in the parsing sandbox, never a 500 or a worker's memory —, the limits come from JIXIAO_LIMIT_*
variables, and previews are kept in the session compressed and bounded."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from jixiao.formats import canonical, read_bytes
from jixiao.formats.limits import DEFAULT_LIMITS, MB
from jixiao.web import uploads
from jixiao.web.env import READ_LIMIT_VARIABLES, SettingError, env_read_limits
from jixiao.web.records.models import Department
from tests.conftest import SEED
from tests.core.formats import hostile
from tests.web.test_monitoring import MAPPING

ROOT = Path(__file__).resolve().parents[2]
PREVIEW_KEY = "jixiao_import_preview"


def _import(client: Client, name: str, content: bytes, department: Department) -> object:
    return client.post(
        "/import/", {"file": SimpleUploadedFile(name, content), "organisation": department.organisation.pk}
    )


@pytest.mark.parametrize(
    ("name", "build", "words"),
    [
        ("far.xlsx", hostile.xlsx_far_cell, "工作表行数上限"),
        ("bomb.pdf", hostile.pdf_flate_bomb, "数据流大小上限"),
        ("nested.json", hostile.nested_json, "嵌套层数上限"),
        ("laughs.xlsx", hostile.xlsx_billion_laughs, "DTD"),
    ],
)
def test_a_hostile_upload_is_a_400_naming_the_limit(
    editor: Client, demo: dict[str, Department], name: str, build: object, words: str
) -> None:
    assert callable(build)
    response = _import(editor, name, build(), demo["seed"])
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert words in response.content.decode()  # type: ignore[attr-defined]
    assert PREVIEW_KEY not in editor.session


def test_an_upload_past_the_size_limit_is_refused_before_it_is_read(
    editor: Client, demo: dict[str, Department]
) -> None:
    with override_settings(JIXIAO_READ_LIMITS=DEFAULT_LIMITS.replace(upload_bytes=1024)):
        response = _import(editor, "目标表.txt", SEED.read_bytes(), demo["seed"])
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "超过上传文件大小上限 1 KB" in response.content.decode()  # type: ignore[attr-defined]


def test_the_preview_is_kept_compressed_and_bounded(editor: Client, demo: dict[str, Department]) -> None:
    seed = SEED.read_bytes()
    _import(editor, "目标表.txt", seed, demo["seed"])
    stored = editor.session[PREVIEW_KEY]
    whole = canonical.to_json(read_bytes(seed).document)
    assert isinstance(stored, str) and len(stored) < len(whole.encode()) / 4  # not the whole document as JSON
    assert uploads.unpack_preview(stored)["name"] == "目标表.txt"
    assert editor.get("/import/preview/").status_code == 200
    with override_settings(JIXIAO_PREVIEW_MAX_KB=1):
        response = _import(editor, "目标表.txt", seed, demo["seed"])
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "超过预览大小上限 1 KB" in response.content.decode()  # type: ignore[attr-defined]


def test_in_process_reading_keeps_the_limits(editor: Client, demo: dict[str, Department]) -> None:
    with override_settings(JIXIAO_PARSE_ISOLATED=False):
        response = _import(editor, "far.xlsx", hostile.xlsx_far_cell(), demo["seed"])
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "工作表行数上限" in response.content.decode()  # type: ignore[attr-defined]


def test_a_hostile_ledger_is_refused_naming_the_limit(editor: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    upload = io.BytesIO(hostile.xlsx_merged_bomb())
    upload.name = "台账.xlsx"
    response = editor.post(f"/departments/{seed.pk}/ledger/", {"file": upload, **MAPPING})
    assert response.status_code == 400
    assert "工作表行数上限" in response.content.decode()


@pytest.mark.parametrize(
    "body",
    [
        '{"name": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"name": "x", "budget": {"total": 1' + "0" * 5000 + "}}",
        '{"name": "\\ud800"}',
    ],
)
def test_the_api_refuses_hostile_json_in_json(editor: Client, demo: dict[str, Department], body: str) -> None:
    seed = demo["seed"]
    response = editor.post(f"/api/departments/{seed.pk}/projects", body, content_type="application/json")
    assert response.status_code == 400
    assert re.search(r"[\u4e00-\u9fff]", json.loads(response.content)["error"])
    assert seed.projects.count() == 4


def test_the_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert env_read_limits() == DEFAULT_LIMITS
    monkeypatch.setenv("JIXIAO_LIMIT_UPLOAD_MB", "5")
    monkeypatch.setenv("JIXIAO_LIMIT_JSON_DEPTH", "16")
    limits = env_read_limits()
    assert (limits.upload_bytes, limits.json_depth, limits.rows) == (5 * MB, 16, DEFAULT_LIMITS.rows)
    monkeypatch.setenv("JIXIAO_LIMIT_ROWS", "0")
    with pytest.raises(SettingError, match="JIXIAO_LIMIT_ROWS"):
        env_read_limits()


def test_every_limit_has_a_variable_listed_in_env_example() -> None:
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(encoding="utf-8"), re.MULTILINE))
    assert set(READ_LIMIT_VARIABLES) == set(DEFAULT_LIMITS.__dataclass_fields__)
    variables = {variable for variable, _unit in READ_LIMIT_VARIABLES.values()}
    assert variables | {"JIXIAO_PARSE_ISOLATED", "JIXIAO_PARSE_SECONDS", "JIXIAO_PARSE_MEMORY_MB"} <= documented
