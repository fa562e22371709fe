"""Import in the browser's forms: upload → preview with warnings → confirm; all or nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jixiao.web.records import services
from jixiao.web.records.models import Department, Organisation
from tests.conftest import SEED

pytestmark = pytest.mark.django_db


def upload(client: Client, name: str, content: bytes, organisation: Organisation, replace: bool = False) -> object:
    data = {"file": SimpleUploadedFile(name, content), "organisation": organisation.pk}
    if replace:
        data["replace"] = "on"
    return client.post("/import/", data)


def test_a_document_is_previewed_then_imported_on_confirmation(editor: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    text = SEED.read_text(encoding="utf-8").replace("\t项目编码\n\t130304217IZ2UBLXPFIGE\n", "\t项目编码\n\t\n", 1)
    response = upload(editor, "目标表.txt", text.encode(), seed.organisation, replace=True)
    assert response.status_code == 302  # type: ignore[attr-defined]
    preview = editor.get("/import/preview/").content.decode()
    assert "4 个项目、36 条指标" in preview
    assert "没有项目编码" in preview
    assert seed.projects.filter(code__isnull=True).count() == 0  # nothing written before confirmation
    done = editor.post("/import/preview/")
    assert done.status_code == 302
    assert Department.objects.get(pk=seed.pk).projects.filter(code__isnull=True).count() == 1


def test_an_existing_year_is_not_overwritten_without_replace(editor: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    before = services.department_document(seed)
    upload(editor, "seed.txt", SEED.read_bytes(), seed.organisation)
    page = editor.post("/import/preview/", follow=True).content.decode()
    assert "已有 2021 年度的绩效目标" in page
    assert services.department_document(seed) == before


def test_an_unreadable_file_names_the_file_and_the_reason(editor: Client, demo: dict[str, Department]) -> None:
    response = upload(editor, "乱码.bin", bytes(range(256)) * 4, demo["seed"].organisation)
    page = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "无法读取“乱码.bin”" in page and "不是文本文件" in page


def test_one_cannot_import_into_an_organisation_one_does_not_edit(
    other_editor: Client, demo: dict[str, Department]
) -> None:
    response = upload(other_editor, "seed.txt", SEED.read_bytes(), demo["seed"].organisation)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "选择一个有效的选项" in response.content.decode()  # type: ignore[attr-defined]


# A real run-on excerpt (青山区教育局's table), its 主管部门 renamed to the seed unit's: an import may only write the
# chosen organisation's own department.
RUN_ON = """绩效目标表
(2020年度)
项目名称农村义务教育薄弱学校改造补助资金
项目主管部门老干部局项目执行单位化工区学校
资金情况(万元)
年度资金总额:16
总体目标年度目标
全面改善农村义务教育薄弱学校办学条件。
绩效指标一级指标二级指标指标内容指标值
产出指标数量指标农村义务教育学校改造覆盖率100%
质量指标校舍维修改造质量合格率100%
效益指标可持续影响指标义务教育优质均衡发展情况稳步提高
"""


def test_fields_the_reader_inferred_are_marked_and_must_be_checked_before_importing(
    editor: Client, demo: dict[str, Department]
) -> None:
    organisation = demo["seed"].organisation
    upload(editor, "连排.txt", RUN_ON.encode(), organisation)
    preview = editor.get("/import/preview/").content.decode()
    assert "data-import-flags" in preview
    assert preview.count("data-flagged") == 3  # the three values cut from their names
    assert "没有明确的单元格边界" in preview
    refused = editor.post("/import/preview/")
    assert refused.status_code == 400
    assert "请先核对标黄的内容并勾选确认" in refused.content.decode()
    assert not Department.objects.filter(organisation=organisation, year=2020).exists()
    done = editor.post("/import/preview/", {"checked": "1"})
    assert done.status_code == 302
    imported = Department.objects.get(organisation=organisation, year=2020)
    assert [row.value_text for row in imported.projects.get().indicators.all()] == ["100%", "100%", "稳步提高"]
