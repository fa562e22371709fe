"""The `jixiao` command: exit codes, Chinese messages, never a traceback."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.cli import main
from tests.conftest import SEED


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(list(argv), out=out, err=err)
    except SystemExit as exit_:  # argparse usage errors
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_import_writes_canonical_json_to_stdout() -> None:
    code, out, err = run("import", str(SEED))
    assert code == 0, err
    data = json.loads(out)
    assert data["department"]["code"] == "287001"
    assert [p["code"] for p in data["projects"]] == [
        "130304217IZ2UBLXPFIGE",
        "130304219BN52UPM55EI7",
        "13030421LP5A2WUGC1RUX",
        "13030421X9KKCDI4024X6",
    ]
    assert [len(p["indicators"]) for p in data["projects"]] == [9, 9, 9, 9]
    assert err == ""


def test_import_writes_to_a_file_with_dash_o(tmp_path: Path) -> None:
    target = tmp_path / "seed.json"
    code, out, _ = run("import", str(SEED), "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["year"] == 2021
    assert [p.name for p in tmp_path.iterdir()] == ["seed.json"]


def test_import_reads_canonical_json_back(tmp_path: Path) -> None:
    first = tmp_path / "a.json"
    run("import", str(SEED), "-o", str(first))
    code, out, _ = run("import", str(first))
    assert code == 0
    assert out == first.read_text(encoding="utf-8")


def test_show_renders_an_aligned_table() -> None:
    code, out, _ = run("show", str(SEED))
    assert code == 0
    assert "287001 中国共产党秦皇岛市北戴河区委员会老干部局" in out
    assert "│ 产出指标   │ 数量指标           │ 关心下一代人员数量" in out
    assert out.count("┌") == 4


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "文件是空的"),
        (b"   \n\n", "文件是空的"),
        (bytes(range(256)) * 8, "这不是文本文件"),
        ("随便写的一段话\n没有任何表格".encode(), "没有找到绩效目标表"),
        (b'{"schema": "jixiao.targets/1", "year": }', "JSON 格式错误（第 1 行第 40 列）"),
    ],
)
def test_unreadable_input_exits_2_with_a_chinese_message(tmp_path: Path, content: bytes, expected: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    for command in ("import", "show"):
        code, out, err = run(command, str(bad))
        assert code == 2
        assert out == ""
        assert expected in err
        assert "Traceback" not in err


def test_random_bytes_exit_2_without_traceback(tmp_path: Path) -> None:
    noise = tmp_path / "noise.bin"
    noise.write_bytes(os.urandom(4096))
    code, _, err = run("import", str(noise))
    assert code == 2
    assert err.startswith("错误：")


def test_a_missing_file_exits_2() -> None:
    code, _, err = run("import", "/nonexistent/file.txt")
    assert code == 2
    assert "找不到文件" in err


def test_a_wrong_command_line_exits_2_in_chinese() -> None:
    code, _, err = run("import")
    assert code == 2
    assert "命令行参数有误" in err


def test_a_damaged_project_gives_parts_and_warnings_and_strict_fails(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("\t项目编码\n\t130304217IZ2UBLXPFIGE\n", "\t项目编码\n\t\n", 1)
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(text, encoding="utf-8")
    code, out, err = run("import", str(damaged))
    assert code == 0
    assert len(json.loads(out)["projects"]) == 4
    assert "警告" in err and "没有项目编码" in err
    code, out, err = run("import", "--strict", str(damaged))
    assert code == 2
    assert out == ""
    assert "严格模式" in err


def test_the_installed_console_script_runs() -> None:
    script = Path(sys.executable).with_name("jixiao")
    completed = subprocess.run([str(script), "show", str(SEED)], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert "老干部局劳务派遣人员经费" in completed.stdout


def test_show_gives_midterm_values_a_column_of_their_own() -> None:
    fixture = Path(__file__).parent.parent / "fixtures" / "two_row_header" / "haigang_health_cells.txt"
    code, out, _ = run("show", str(fixture))
    assert code == 0
    assert "│ 中期指标值" in out and "│ 年度指标值" in out
    assert "   中期目标：" in out
    code, out, _ = run("show", str(SEED))
    assert "中期指标值" not in out  # the seed prints annual values only
