"""One registry of output documents: the web downloads and ``jixiao export --department`` make the same files."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.test import Client

from jixiao.cli import main
from jixiao.formats import evaluation_export, exporters
from jixiao.web.records import documents
from jixiao.web.records.documents import Scope
from jixiao.web.records.models import Department


def _exporter_classes() -> set[str]:
    found = set()
    for module in (exporters, evaluation_export):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, exporters.Exporter) and hasattr(value, "identifier"):
                found.add(value.identifier)
    return found


def test_every_exporter_of_the_formats_package_is_a_registered_document() -> None:
    registered = {kind.identifier for kind in documents.documents()}
    assert registered - {"published"} == _exporter_classes()  # the published version: the department exporter
    assert {"department-targets", "project-targets", "monitoring", "self-evaluation", "actuals-template"} <= registered


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("document", "url"),
    [
        ("department-targets", "/departments/{pk}/export/html/"),
        ("monitoring", "/departments/{pk}/monitoring/export/html/?month=7"),
        ("self-evaluation", "/departments/{pk}/evaluation/export/html/"),
    ],
)
def test_the_command_line_writes_what_the_web_download_sends(
    document: str, url: str, editor: Client, demo: dict[str, Department], tmp_path: Path
) -> None:
    seed = demo["seed"]
    web = editor.get(url.format(pk=seed.pk))
    assert web.status_code == 200
    out = tmp_path / "out.html"
    code, _, err = _run(
        "export", "--department", seed.code, "--year", str(seed.year), "--document", document, "--month", "7",
        "--to", "html", "-o", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert out.read_bytes() == web.content


@pytest.mark.django_db
def test_a_project_monitoring_table_is_exported_as_a_workbook(demo: dict[str, Department], tmp_path: Path) -> None:
    seed = demo["seed"]
    project = seed.projects.order_by("position").first()
    assert project is not None
    out = tmp_path / "监控表.xlsx"
    code, _, err = _run(
        "export", "--department", str(seed.pk), "--project", project.code, "--document", "monitoring", "-o", str(out)
    )
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    text = " ".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value)
    assert project.name in text


@pytest.mark.django_db
def test_the_actuals_template_is_reachable_from_the_command_line(demo: dict[str, Department], tmp_path: Path) -> None:
    seed = demo["seed"]
    out = tmp_path / "actuals.xlsx"
    code, _, err = _run("export", "--department", seed.code, "--document", "actuals-template", "-o", str(out))
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["绩效指标", "项目资金"]
    names = {row[1] for row in book["项目资金"].iter_rows(min_row=3, values_only=True) if row[1]}
    assert names == set(seed.projects.values_list("name", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--department", "没有这个部门", "--to", "pdf"], "没有找到部门"),
        (["--department", "287001", "--document", "nothing", "--to", "pdf"], "没有名为“nothing”的文档"),
        (["--department", "287001", "--document", "monitoring", "--to", "json"], "请用 --to 指定导出格式"),
        (["--department", "287001", "--project", "不存在", "--to", "pdf"], "中没有编码或名称为“不存在”的项目"),
        (["--to", "pdf"], "二者选一"),
    ],
)
def test_bad_export_requests_get_a_chinese_error_and_exit_2(
    argv: list[str], expected: str, demo: dict[str, Department]
) -> None:
    code, _, err = _run("export", *argv)
    assert code == 2
    assert expected in err and "Traceback" not in err


@pytest.mark.django_db
def test_the_list_names_every_document(demo: Any) -> None:
    code, out, _ = _run("export", "--list")
    assert code == 0
    for kind in documents.documents():
        assert kind.identifier in out and kind.verbose_name in out


@pytest.mark.django_db
def test_a_document_for_the_wrong_scope_is_refused(demo: dict[str, Department]) -> None:
    from jixiao.domain.errors import JixiaoError

    with pytest.raises(JixiaoError, match="不能按部门导出"):
        documents.exporter("project-targets", Scope(demo["seed"]))


@pytest.mark.django_db
def test_the_list_downloads_are_on_the_command_line_too(
    finance: Client, demo: dict[str, Department], tmp_path: Path
) -> None:
    web = finance.get("/overview/?format=csv&year=2021&month=7").content
    out = tmp_path / "overview.csv"
    code, _, err = _run("export", "--document", "overview", "--year", "2021", "--month", "7", "-o", str(out))
    assert code == 0, err
    assert out.read_bytes() == web  # the same list (the finance persona sees every unit of 2021)
    audit = tmp_path / "audit.xlsx"
    code, _, err = _run("export", "--document", "audit", "-o", str(audit))
    assert code == 0, err
    assert openpyxl.load_workbook(audit).sheetnames == ["审计日志"]
    code, out_text, _ = _run("export", "--list")
    assert "overview" in out_text and "audit" in out_text


@pytest.mark.django_db
def test_the_published_document_is_the_public_download_on_the_command_line_too(
    approver: Client, dept: Client, finance: Client, demo: dict[str, Department], tmp_path: Path
) -> None:
    seed = demo["seed"]
    code, _, err = _run("export", "--department", seed.code, "--document", "published", "--to", "json")
    assert code == 2 and "尚未公开绩效目标" in err
    for client, action in ((approver, "submit"), (dept, "approve_department"), (finance, "approve_finance")):
        client.post(f"/departments/{seed.pk}/act/{action}/", {"confirmed": "yes"})
    approver.post(f"/departments/{seed.pk}/act/publish/", {"confirmed": "yes"})
    web = Client().get(f"/public/departments/{seed.pk}/download/json/").content
    out = tmp_path / "published.json"
    code, _, err = _run("export", "--department", seed.code, "--document", "published", "-o", str(out))
    assert code == 0, err
    assert out.read_bytes() == web
