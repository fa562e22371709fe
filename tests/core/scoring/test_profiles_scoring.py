"""Localities whose scoring differs are selectable profiles: Guangxi's ≥130% reason, the city 20-point scheme."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

from jixiao.cli import main
from jixiao.domain.profiles import get_profile
from jixiao.domain.profiles.scoring import CITY_20_SCORING, GUANGXI_SCORING

CITY = Path(__file__).resolve().parents[2] / "fixtures" / "selfeval" / "city_2020_yuye.xlsx"


def test_guangxi_and_the_city_scheme_are_profiles() -> None:
    assert get_profile("guangxi").scoring == GUANGXI_SCORING
    assert get_profile("guangxi").scoring.overachievement_reason_from == Decimal(130)
    assert get_profile("city20").scoring == CITY_20_SCORING


def test_the_city_table_scores_without_warnings_under_the_city_profile() -> None:
    results = {}
    for profile in ("national", "city20"):
        out = io.StringIO()
        assert main(["score", str(CITY), "--json", "--profile", profile], out=out, err=io.StringIO()) == 0
        results[profile] = json.loads(out.getvalue())["projects"][0]
    assert results["city20"]["total"] == 100 and results["city20"]["warnings"] == []
    assert any("效益指标" in warning for warning in results["national"]["warnings"])
