"""Locality profiles: discovery, the frame each locality uses, thresholds and per-rule severity."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import replace

import pytest

import jixiao.domain.profiles as profiles
from jixiao.domain.errors import JixiaoError
from jixiao.domain.profiles import Thresholds, available_profiles, get_profile
from jixiao.domain.review import RULES, Severity, review_document

from .builders import document, findings, project, row, with_row


def test_every_module_with_a_profile_is_available_and_national_is_the_default() -> None:
    modules = [info.name for info in pkgutil.iter_modules(profiles.__path__)]
    defined = {
        importlib.import_module(f"jixiao.domain.profiles.{m}").PROFILE.name
        for m in modules
        if m not in ("base", "scoring")
    }
    assert set(available_profiles()) == defined >= {"national", "sichuan"}
    assert get_profile().name == "national" and get_profile(None) is get_profile("national")
    assert get_profile("四川省").name == "sichuan"


def test_an_unknown_profile_is_a_chinese_error() -> None:
    with pytest.raises(JixiaoError) as raised:
        get_profile("atlantis")
    assert raised.value.code == "profile.unknown" and "national" in str(raised.value)


@pytest.mark.parametrize("profile", list(available_profiles().values()), ids=lambda p: p.name)
def test_severity_overrides_name_real_rules_and_severities(profile: profiles.Profile) -> None:
    for rule_id, severity in profile.review.severity.items():
        assert rule_id in RULES
        assert severity == "off" or Severity(severity)


def economic_cost_row() -> object:
    return document(with_row(project(), 4, row("产出指标", "经济成本指标", "成本控制数", "≤30万元")))


def test_sichuan_files_the_economic_cost_under_output_but_national_does_not() -> None:
    doc = economic_cost_row()
    assert findings(doc, "T3", profile=get_profile("sichuan")) == []  # type: ignore[arg-type]
    assert [f.location.indicator for f in findings(doc, "T3")] == ["成本控制数"]  # type: ignore[arg-type]


def test_national_accepts_the_cost_subtypes_under_a_cost_level1() -> None:
    doc = document(with_row(project(), 4, row("成本指标", "经济成本指标", "成本控制数", "≤30万元")))
    assert findings(doc, "T3") == [] and findings(doc, "T3.level1") == []


def test_a_cost_subtype_is_still_checked_as_a_cost() -> None:
    doc = document(with_row(project(), 4, row("成本指标", "社会成本指标", "成本控制数", "≥30万元")))
    assert [f.rule for f in review_document(doc) if f.rule.startswith("T9")] == ["T9"]


def test_a_profile_can_turn_a_rule_off_or_change_its_severity() -> None:
    national = get_profile()
    doc = document(with_row(project(), 1, row("产出指标", "数量指标", "演出场次", "≥120场", basis=None)))
    off = replace(national, review=replace(national.review, severity={"T15": "off"}))
    error = replace(national, review=replace(national.review, severity={"T15": "error"}))
    assert findings(doc, "T15", profile=off) == []
    assert [f.severity for f in findings(doc, "T15", profile=error)] == [Severity.ERROR]


def test_a_locality_without_a_basis_column_is_not_asked_for_one() -> None:
    national = get_profile()
    doc = document(with_row(project(), 1, row("产出指标", "数量指标", "演出场次", "≥120场", basis=None)))
    assert findings(doc, "T15", profile=replace(national, review=replace(national.review, basis_column=False))) == []


def test_thresholds_come_from_the_profile() -> None:
    doc = document(with_row(project(), 6, row("满意度指标", "服务对象满意度指标", "观众满意度", "≥75%")))
    lenient = replace(get_profile(), thresholds=Thresholds(satisfaction_min=70))
    assert findings(doc, "T14") and findings(doc, "T14", profile=lenient) == []
    assert findings(document(project(indicators=project().indicators[:4])), "T4") == []
    strict = replace(get_profile(), thresholds=Thresholds(min_indicators=8))
    assert findings(document(project()), "T4", profile=strict)
