"""Every ``jixiao`` command answers a wrong invocation with a Chinese message and exit code 2, never a traceback.

Exit 1 stays "the command ran and found a problem" (a broken audit chain, findings). The matrix covers each command:
missing and invalid arguments, missing files, unwritable outputs, bad ports and counts; then, in fresh processes, no
environment at all, an unmigrated database and an unreachable one; and ``jixiao audit verify`` after ``make run``.
Output files are written only as regular files (or straight to a device), backups readable by their owner only.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.cli import main
from tests.conftest import SEED

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = re.compile(r"\b(argument|arguments|invalid|required|expected|choose from|not allowed|Traceback|Error)\b")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(list(argv), out=out, err=err)
    except SystemExit as stopped:  # argparse's own errors
        code = int(str(stopped.code))
    return code, out.getvalue(), err.getvalue()


def device(folder: Path) -> Path:
    """A null device of the test's own (never /dev/null itself: a regression would replace the machine's)."""
    folder.mkdir()
    path = folder / "null"
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device needs CAP_MKNOD")
    return path


def matrix(tmp: Path, null: Path) -> list[tuple[list[str], str]]:
    """(arguments, a part of the expected message): each is a wrong invocation."""
    tmp.mkdir()
    folder, missing, seed = str(tmp), str(tmp / "missing.txt"), str(SEED)
    (tmp / "notes.txt").write_text("不是备份", encoding="utf-8")
    nowhere = str(tmp / "no-such-folder" / "out.json")
    gen = ["demo", "generate", "--units", "2", "--projects-per-unit", "1"]
    return [
        ([], "缺少参数"),
        (["frobnicate"], "无效"),
        (["import"], "缺少参数"),
        (["import", missing], "找不到文件"),
        (["import", seed, "--bogus"], "无法识别的参数"),
        (["import", seed, "-o", nowhere], "不存在"),
        (["import", seed, "-o", folder], "这是一个目录"),
        (["import", seed, "-o", "/proc/jixiao-test.json"], "无法写入"),
        (["import", seed, "-o"], "需要一个值"),
        (["show"], "缺少参数"),
        (["show", missing], "找不到文件"),
        (["check"], "缺少参数"),
        (["check", missing], "找不到文件"),
        (["check", seed, "--profile", "atlantis"], "atlantis"),
        (["export"], "二者选一"),
        (["export", seed], "导出格式"),
        (["export", seed, "--to", "odt"], "导出格式"),
        (["export", seed, "--to", "docx", "-o", nowhere], "不存在"),
        (["export", seed, "--to", "docx", "-o", folder], "这是一个目录"),
        (["export", seed, "--month", "13"], "无效"),
        (["export", seed, "--year", "next"], "应为整数"),
        (["export", seed, "--department", "287001"], "二者选一"),
        (["export", "--department", "nowhere", "--to", "docx"], "没有找到部门"),
        (["score"], "缺少参数"),
        (["score", missing], "找不到文件"),
        (["score", seed, "--actuals", missing], "找不到文件"),
        (["score", seed, "--profile", "atlantis"], "atlantis"),
        (["serve", "--port", "99999"], "1–65535"),
        (["serve", "--port", "0"], "1–65535"),
        (["serve", "--port", "http"], "1–65535"),
        (["serve", "--bogus"], "无法识别的参数"),
        (["manage"], "请给出 Django 管理命令"),
        (["manage", "frobnicate"], "没有名为“frobnicate”的 Django 管理命令"),
        (["audit"], "缺少参数"),
        (["audit", "frobnicate"], "无效"),
        (["audit", "verify", "--checkpoints", missing], "找不到文件"),
        (["audit", "verify", "--checkpoints", folder], "不是普通文件"),
        (["audit", "verify", "--checkpoints"], "需要一个值"),
        (["audit", "checkpoints", "-o", nowhere], "不存在"),
        (["backup"], "缺少参数"),
        (["backup", nowhere], "不存在"),
        (["backup", folder], "这是一个目录"),
        (["backup", str(null)], "备份只能写入普通文件"),
        (["restore"], "缺少参数"),
        (["restore", missing], "找不到文件"),
        (["restore", folder], "这是一个目录"),
        (["restore", str(tmp / "notes.txt"), "--force"], "不是 Jixiao 的备份文件"),
        (["demo"], "缺少参数"),
        (["demo", "generate"], "缺少参数"),
        (["demo", "generate", "--units", "-1", "--projects-per-unit", "1"], "不小于 1"),
        (["demo", "generate", "--units", "many", "--projects-per-unit", "1"], "不小于 1"),
        (["demo", "generate", "--units", "2", "--projects-per-unit", "0"], "不小于 1"),
        ([*gen, "--years", "0"], "1–50"),
        ([*gen, "--month", "13"], "1–12"),
        ([*gen, "--indicators", "15-8"], "最少-最多"),
        ([*gen, "--first-year", "21"], "2000–2100"),
        (["review-all", "--batch", "0"], "不小于 1"),
        (["review-all", "--year", "next"], "应为整数"),
        (["review-all", "--all", "--stale-only"], "不能与"),
    ]


@pytest.mark.django_db
def test_every_wrong_invocation_gets_a_chinese_message_and_exit_2(tmp_path: Path) -> None:
    null = device(tmp_path / "dev")
    cases = matrix(tmp_path / "work", null)
    assert len(cases) >= 54
    assert {argv[0] for argv, _ in cases if argv} >= {
        "import", "show", "check", "export", "score", "serve", "manage", "audit", "backup", "restore", "demo",
        "review-all",
    }  # fmt: skip
    failures = []
    for argv, expected in cases:
        code, _, err = run(*argv)
        problems = [
            f"exit {code}" if code != 2 else "",
            "no 错误：" if "错误：" not in err else "",
            f"missing {expected!r}" if expected not in err else "",
            "English" if ENGLISH.search(err) else "",
        ]
        if any(problems):
            failures.append(f"jixiao {' '.join(argv)}: {', '.join(p for p in problems if p)}\n{err}")
    assert not failures, "\n".join(failures)
    assert [path.name for path in (tmp_path / "work").iterdir()] == ["notes.txt"]  # no temporary file left behind
    assert [path.name for path in null.parent.iterdir()] == ["null"] and stat.S_ISCHR(null.stat().st_mode)


def test_output_goes_straight_to_a_device_and_the_folder_keeps_no_temporary_file(tmp_path: Path) -> None:
    null = device(tmp_path / "dev")
    for command in (["import", str(SEED)], ["export", str(SEED), "--to", "xlsx"]):
        code, out, err = run(*command, "-o", str(null))
        assert (code, out) == (0, ""), err
        assert stat.S_ISCHR(null.stat().st_mode)  # still the device, not a regular file in its place
    assert [path.name for path in null.parent.iterdir()] == ["null"]
    target = tmp_path / "seed.docx"
    code, _, err = run("export", str(SEED), "-o", str(target))
    assert code == 0 and "已导出" in err
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dev", "seed.docx"]
    code, out, _ = run("import", str(SEED), "-o", "-")
    assert code == 0 and json.loads(out)["year"] == 2021


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "jixiao.backup"
    target.write_bytes(b"old")
    target.chmod(0o644)
    code, _, err = run("backup", str(target))
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.stat().st_size > 3
    assert [path.name for path in tmp_path.iterdir()] == ["jixiao.backup"]


# -- fresh processes: the environment is read once per process -------------------------------------------------------

PROBE = """
import io, json, sys
from jixiao.cli import main
results = []
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(argv, out=out, err=err)
    except SystemExit as stopped:
        code = int(str(stopped.code))
    results.append([argv, code, out.getvalue(), err.getvalue()])
print(json.dumps(results, ensure_ascii=False))
"""


def probe(commands: list[list[str]], cwd: Path, **env: str) -> list[tuple[list[str], int, str, str]]:
    """Run ``jixiao`` commands in one fresh process with only ``env`` (no JIXIAO_*, no DATABASE_URL)."""
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd), "PYTHONPATH": str(ROOT), **env}
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(commands)], cwd=cwd, env=clean, capture_output=True, text=True
    )
    assert completed.returncode == 0 and "Traceback" not in completed.stderr, completed.stderr
    return [tuple(row) for row in json.loads(completed.stdout)]


DATABASE_COMMANDS = [
    ["audit", "verify"],
    ["audit", "checkpoint"],
    ["audit", "checkpoints"],
    ["backup", "copy.backup"],
    ["review-all"],
    ["export", "--department", "287001", "--to", "docx"],
]


def test_without_an_environment_the_django_commands_say_what_is_missing(tmp_path: Path) -> None:
    commands = [
        *DATABASE_COMMANDS,
        ["restore", "copy.backup"],
        ["demo", "generate", "--units", "1", "--projects-per-unit", "1"],
        ["manage", "migrate"],
        ["serve", "--no-server"],
    ]
    for argv, code, out, err in probe(commands, tmp_path):
        assert (code, out) == (2, ""), (argv, err)
        assert "运行环境未配置好" in err and "JIXIAO_SECRET_KEY" in err and "Traceback" not in err, (argv, err)
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_an_unmigrated_or_unreachable_database_is_said_so(tmp_path: Path) -> None:
    secret = {"JIXIAO_SECRET_KEY": "a-secret-for-this-test-only-0123456789", "JIXIAO_DATA_DIR": str(tmp_path / "d")}
    for argv, code, out, err in probe(DATABASE_COMMANDS, tmp_path, **secret):
        assert (code, out) == (2, ""), (argv, err)
        assert "数据库尚未迁移" in err and "jixiao manage migrate" in err, (argv, err)
    unreachable = {**secret, "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/jixiao"}
    for argv, code, out, err in probe([["audit", "verify"], ["review-all"]], tmp_path, **unreachable):
        assert (code, out) == (2, ""), (argv, err)
        assert err.startswith("错误：无法使用数据库：") and "Traceback" not in err, (argv, err)


def test_after_make_run_audit_verify_just_works_in_the_same_folder(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("jixiao")
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    demo = subprocess.run(  # what `make run` does, without the server
        [str(script), "serve", "--demo", "--no-server"],
        cwd=tmp_path,
        env={**clean, "JIXIAO_DATA_DIR": "data"},
        capture_output=True,
        text=True,
    )
    assert demo.returncode == 0, demo.stderr
    verify = subprocess.run([str(script), "audit", "verify"], cwd=tmp_path, env=clean, capture_output=True, text=True)
    assert verify.returncode == 0, verify.stderr
    assert "审计链完好" in verify.stdout and "签名检查点相符" in verify.stdout
