"""`jixiao check`: the seed's known defects each on their project and indicator, the well-formed fixture clean,
the JSON shape, exit codes and profiles."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from jixiao.cli import main

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "jixiao" / "demo" / "seed_287001_2021.txt"
WELL_FORMED = ROOT / "tests" / "fixtures" / "review" / "well_formed_412001_2022.txt"
P1, P2, P3, P4 = "130304217IZ2UBLXPFIGE", "130304219BN52UPM55EI7", "13030421LP5A2WUGC1RUX", "13030421X9KKCDI4024X6"


def check(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def seed_findings() -> set[tuple[str, str | None, str | None]]:
    code, out, _ = check("--json", str(SEED))
    assert code == 0  # the seed's defects are warnings: nothing in it blocks submission outright
    return {(f["rule"], f["project"], f["indicator"]) for f in json.loads(out)}


SEED_EXPECTED = [
    # rate targets of ≥100%
    ("T10", P2, "特困金发放准确率"),
    ("T10", P2, "业务工作稳定性"),
    ("T10", P2, "控制在预算资金内"),
    # both cost indicators written with ≥
    ("T9", P2, "控制在预算资金内"),
    ("T9", P4, "劳务派遣费发放标准"),
    # the likely typo
    ("name.typo", P2, "自己使用效益"),
    # ecological-benefit indicators about society
    *[("category.ecology", p, "保障社会发展") for p in (P1, P2, P3, P4)],
    # the timeliness indicator that measures accuracy; the quality indicator counted in 次
    ("category.time", P4, "社保缴纳的准确性"),
    ("category.quality", P3, "组织有意义活动"),
    # descriptions that repeat the names and empty bases (a sample; every row has both)
    ("description.repeats", P1, "关心下一代人员数量"),
    ("description.repeats", P4, "劳务派遣人员满意度"),
    ("T15", P1, "关心下一代人员数量"),
    ("T15", P3, "老干部满意度"),
    # the benefit indicators repeated across all four projects
    *[
        ("boilerplate", p, name)
        for p in (P1, P2, P3, P4)
        for name in ("业务工作稳定性", "保障社会发展", "保障工作完成")
    ],
    ("boilerplate", P1, "资金使用效益"),
]


@pytest.mark.parametrize("expected", SEED_EXPECTED, ids=lambda e: f"{e[0]}-{e[2]}")
def test_it_reports_the_seed_defect_on_its_project_and_indicator(seed_findings: set, expected: tuple) -> None:
    assert expected in seed_findings


def test_every_row_of_the_seed_has_a_repeated_description_and_no_basis(seed_findings: set) -> None:
    assert sum(1 for rule, _, _ in seed_findings if rule == "description.repeats") == 36
    assert sum(1 for rule, _, _ in seed_findings if rule == "T15") == 36


def test_it_does_not_flag_the_seeds_sound_indicators(seed_findings: set) -> None:
    assert ("T10", P1, "关心下一代经费发放准确率") not in seed_findings  # ≥99% is a fine rate
    assert ("name.typo", P1, "资金使用效益") not in seed_findings  # the correct spelling is not a typo
    assert not any(rule == "T9" and project in (P1, P3) for rule, project, _ in seed_findings)  # ≤ costs


def test_the_well_formed_fixture_has_no_error_and_no_warning() -> None:
    code, out, err = check("--json", str(WELL_FORMED))
    assert (code, err) == (0, "")
    assert [f for f in json.loads(out) if f["severity"] != "info"] == []


def test_the_json_records_have_exactly_the_documented_keys() -> None:
    _, out, _ = check("--json", str(SEED))
    records = json.loads(out)
    assert records and all(
        list(r) == ["rule", "severity", "project", "indicator", "message", "suggestion"] for r in records
    )
    overall = [r for r in records if r["rule"] == "overall.unmeasurable"]
    assert overall and all(r["project"] is None and r["indicator"] is None for r in overall)


def test_it_exits_1_when_a_finding_is_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text(WELL_FORMED.read_text(encoding="utf-8").replace("\t≥120场\n", "\t≥**场\n"), encoding="utf-8")
    code, out, _ = check(str(broken))
    assert code == 1
    assert "[错误] T6" in out and "送戏下乡演出场次" in out


def test_it_exits_2_when_a_file_cannot_be_read_and_still_reviews_the_others(tmp_path: Path) -> None:
    code, out, err = check("--json", str(tmp_path / "missing.txt"), str(SEED))
    assert code == 2
    assert "找不到文件" in err and "Traceback" not in err
    assert any(r["project"] == P1 for r in json.loads(out))


def test_it_exits_2_for_an_unknown_profile() -> None:
    code, _, err = check("--profile", "atlantis", str(SEED))
    assert code == 2 and "atlantis" in err and "national" in err


def test_the_readable_report_groups_findings_by_project() -> None:
    code, out, _ = check(str(SEED))
    assert code == 0
    headings = [line for line in out.splitlines() if line.startswith("项目 ")]
    assert headings == [
        f"项目 {P1} 老干部局关心下一代工作经费",
        f"项目 {P2} 老干部局特困退休干部帮扶资金",
        f"项目 {P3} 老干部活动经费",
        f"项目 {P4} 老干部局劳务派遣人员经费",
    ]
    assert "第 5 行指标“自己使用效益”" in out and "建议：核对后改为“资金使用效益”" in out


def test_it_reviews_several_files_in_one_run() -> None:
    code, out, _ = check(str(SEED), str(WELL_FORMED))
    assert code == 0
    assert out.count("合计：") == 2


def test_the_sichuan_profile_makes_a_missing_comparator_an_error() -> None:
    code, out, _ = check("--json", "--profile", "sichuan", str(SEED))
    assert code == 1
    assert {"rule": "T5.comparator", "severity": "error", "project": P1, "indicator": "关心下一代人员数量"}.items() <= (
        next(r for r in json.loads(out) if r["rule"] == "T5.comparator").items()
    )
