"""Exporters (one per output document) and the ``jixiao export`` command built on them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.domain.errors import JixiaoError
from jixiao.formats import canonical, read_path
from jixiao.formats.exporters import (
    EXPORTERS,
    RENDERERS,
    DepartmentTargetsExporter,
    Exporter,
    ProjectTargetsExporter,
    find_project,
    safe_filename,
)
from jixiao.formats.layout import Layout, Paragraph, Section
from tests.conftest import SEED


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(list(argv), out=out, err=err)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_every_exporter_is_registered_and_offers_every_format() -> None:
    assert set(EXPORTERS) == {"department-targets", "project-targets"}
    document = read_path(SEED).document
    exporter = DepartmentTargetsExporter(document)
    assert exporter.formats == ("docx", "xlsx", "pdf", "html", "json")
    assert exporter.export("json").data.decode("utf-8") == canonical.to_json(document)


def test_a_new_official_document_needs_only_a_layout() -> None:
    class NoticeExporter(Exporter):
        identifier = "notice"
        verbose_name = "通知"

        def layout(self) -> Layout:
            return Layout("通知", [Section("通知", [Paragraph("请于月底前报送。")])])

        def filename_stem(self) -> str:
            return "通知"

    output = NoticeExporter().export("html")
    assert output.filename == "通知.html" and output.media_type.startswith("text/html")
    assert "请于月底前报送。" in output.data.decode("utf-8")
    assert NoticeExporter().formats == tuple(RENDERERS)


def test_an_unknown_format_is_an_error_with_a_chinese_message() -> None:
    with pytest.raises(JixiaoError) as caught:
        DepartmentTargetsExporter(read_path(SEED).document).export("odt")
    assert caught.value.code == "export.format" and "docx" in str(caught.value)


def test_one_project_exports_alone_with_its_code_in_the_file_name() -> None:
    document = read_path(SEED).document
    project = find_project(document, "13030421LP5A2WUGC1RUX")
    output = ProjectTargetsExporter(document, project).export("json")
    data = json.loads(output.data)
    assert [p["code"] for p in data["projects"]] == ["13030421LP5A2WUGC1RUX"] and data["overall"] is None
    assert output.filename.startswith("13030421LP5A2WUGC1RUX") and output.filename.endswith("绩效目标表.json")
    with pytest.raises(JixiaoError) as caught:
        find_project(document, "不存在")
    assert caught.value.code == "export.no_project"


def test_file_names_are_safe_on_every_system() -> None:
    assert safe_filename('2021年/老干部局:"目标"?') == "2021年_老干部局_目标_"
    assert safe_filename("..") == "jixiao"


def test_the_cli_writes_each_format_and_reads_it_back(tmp_path: Path) -> None:
    expected = run("import", str(SEED))[1]
    for fmt in ("docx", "xlsx", "html"):
        target = tmp_path / f"seed.{fmt}"
        code, out, err = run("export", str(SEED), "--to", fmt, "-o", str(target))
        assert code == 0 and out == "" and "已导出" in err
        assert run("import", str(target))[1] == expected


def test_the_cli_takes_the_format_from_the_output_name_and_prints_json_without_one(tmp_path: Path) -> None:
    code, _, _ = run("export", str(SEED), "-o", str(tmp_path / "out.xlsx"))
    assert code == 0 and (tmp_path / "out.xlsx").read_bytes().startswith(b"PK")
    code, out, _ = run("export", str(SEED), "--to", "json")
    assert code == 0 and json.loads(out)["department"]["code"] == "287001"


def test_the_cli_exports_one_project_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    target = tmp_path / "one.html"
    assert run("export", str(SEED), "--project", "老干部局关心下一代工作经费", "-o", str(target))[0] == 0
    assert run("import", str(target))[1].count('"code": "130304217IZ2UBLXPFIGE"') == 1
    code, _, err = run("export", str(SEED), "--project", "XYZ", "--to", "docx", "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "XYZ" in err and not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("argv", [["--to", "odt"], ["-o", "seed.odt"], []])
def test_the_cli_needs_a_known_format(argv: list[str]) -> None:
    code, out, err = run("export", str(SEED), *argv)
    assert code == 2 and out == "" and "错误" in err
