"""The scoring engine: weights, each row by its rule, budget execution, total, grade and the project checks.

``score_evaluation(evaluation, settings=...)`` never raises on odd data: whatever the rules cannot score is scored
0 (or by the scorer's own score, unverified) and reported as a finding, so a published table full of arithmetic
errors still gets a complete result beside the published one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from jixiao.domain.collector import collector_paused
from jixiao.domain.findings import Location, Severity
from jixiao.domain.model import Indicator
from jixiao.domain.profiles.scoring import DEFAULT_SCORING, GradeCutoffs, ScoringSettings
from jixiao.domain.scoring import checks
from jixiao.domain.scoring.actuals import Actual, parse_actual
from jixiao.domain.scoring.model import (
    HUNDRED,
    Achievement,
    ExecutionScore,
    Finding,
    FundLine,
    Funds,
    Grade,
    IndicatorActual,
    IndicatorScore,
    Method,
    ProjectScore,
    SelfEvaluation,
    agrees,
    q2,
)
from jixiao.domain.scoring.rules import (
    NUMERIC_RULES,
    achievement_of,
    band,
    default_score,
    in_band,
    method_of,
    nearest_in_band,
    strict_boundary,
)
from jixiao.domain.scoring.weights import default_weights
from jixiao.domain.values import format_number

ZERO = Decimal(0)


def grade_for(total: Decimal, cutoffs: GradeCutoffs) -> Grade:
    """优/良/中/差 on half-open intervals: ≥90 优, [80, 90) 良, [60, 80) 中, <60 差 by default (89.5 → 良)."""
    if total >= cutoffs.excellent:
        return Grade.EXCELLENT
    if total >= cutoffs.good:
        return Grade.GOOD
    if total >= cutoffs.passing:
        return Grade.FAIR
    return Grade.POOR


# ---------------------------------------------------------------------------------------------------------------
# Weights


def resolve_weights(evaluation: SelfEvaluation, settings: ScoringSettings) -> tuple[list[Decimal], list[Finding]]:
    """Each row's weight: entered, else printed in the target table, else the scheme's default share."""
    indicators = evaluation.project.indicators
    entered = [evaluation.actual(i).weight for i in range(len(indicators))]
    chosen = [weight if weight is not None else row.weight for weight, row in zip(entered, indicators, strict=True)]
    if all(weight is not None for weight in chosen):
        return [weight for weight in chosen if weight is not None], []
    defaults = default_weights(indicators, settings.scheme)
    missing = sum(1 for weight in chosen if weight is None)
    finding = Finding("weights.default", Severity.INFO, {"count": missing, "scheme": settings.scheme.title})
    return [weight if weight is not None else default for weight, default in zip(chosen, defaults, strict=True)], [
        finding
    ]


# ---------------------------------------------------------------------------------------------------------------
# One indicator row


class _Row:
    """Scores one row and collects its findings."""

    def __init__(self, position: int, indicator: Indicator, entry: IndicatorActual, weight: Decimal) -> None:
        self.position, self.indicator, self.entry, self.weight = position, indicator, entry, weight
        self.actual: Actual = parse_actual(entry.actual)
        self.findings: list[Finding] = []

    def note(self, code: str, severity: Severity, **params: object) -> None:
        params = {"position": self.position, "name": self.indicator.level3 or "", **params}
        self.findings.append(Finding(code, severity, params, Location.row(self.position, self.indicator.level3)))

    def result(
        self,
        score: Decimal | None,
        method: Method,
        achievement: Achievement | None = None,
        band_: tuple[Decimal, Decimal] | None = None,
    ) -> IndicatorScore:
        indicator = self.indicator
        return IndicatorScore(
            position=self.position,
            level1=indicator.level1,
            level2=indicator.level2,
            level3=indicator.level3,
            target=indicator.value.text,
            actual=self.actual.text,
            weight=self.weight,
            score=score,
            method=method,
            published_score=self.entry.score,
            achievement=achievement,
            band=band_,
        )

    def score(self, settings: ScoringSettings) -> IndicatorScore:
        if self.actual.not_applicable:
            self.note("score.not_applicable", Severity.INFO)
            return self.result(None, Method.NOT_APPLICABLE)
        if self.actual.missing:
            self.note("score.no_actual", Severity.WARNING)
            return self.result(ZERO, method_of(self.indicator.value))
        method = method_of(self.indicator.value)
        rule = NUMERIC_RULES.get(method)
        if rule is not None and self.actual.number is not None:
            self._check_unit()
            score = q2(rule(self.indicator.value, self.actual.number, self.weight, settings))
            if strict_boundary(self.indicator.value, self.actual.number):
                return self._strict_boundary(score, method, settings)
            return self.result(score, method)
        if rule is not None:
            self.note("score.text_actual", Severity.WARNING, target=self.indicator.value.text, actual=self.actual.text)
        grade = achievement_of(self.indicator.value, self.actual)
        if grade is None:
            return self._manual()
        return self._qualitative(grade, settings)

    def _strict_boundary(self, score: Decimal, method: Method, settings: ScoringSettings) -> IndicatorScore:
        """An actual equal to a strict target (95% against ">95%"): not completed; scored by the proportional rule
        (the full weight at equality) unless the profile sets a share of the weight for this case."""
        share = settings.strict_boundary_share
        if share is not None:
            score = q2(self.weight * share)
        target, actual = self.indicator.value.text, self.actual.text
        self.note("score.strict_boundary", Severity.WARNING, target=target, actual=actual, score=format_number(score))
        scored = self.result(score, method)
        return dataclasses.replace(scored, strict_miss=True)

    def _check_unit(self) -> None:
        target_unit, actual_unit = self.indicator.value.unit, self.actual.unit
        if target_unit and actual_unit and target_unit != actual_unit:
            self.note("score.unit_mismatch", Severity.WARNING, actual_unit=actual_unit, target_unit=target_unit)

    def _qualitative(self, grade: Achievement, settings: ScoringSettings) -> IndicatorScore:
        bands, weight, chosen = settings.bands, self.weight, self.entry.score
        low, high = band(grade, weight, bands)
        shown = f"[{format_number(q2(low))}, {format_number(q2(high))}{']' if grade is Achievement.ACHIEVED else ')'}"
        if chosen is None:
            score = q2(default_score(grade, weight, bands))
            if grade is not Achievement.ACHIEVED:
                self.note(
                    "score.default_band", Severity.INFO, grade=grade.value, score=format_number(score), band=shown
                )
        elif in_band(grade, chosen, weight, bands):
            score = chosen
        else:
            score = q2(nearest_in_band(grade, chosen, weight, bands))
            params = {
                "grade": grade.value,
                "band": shown,
                "chosen": format_number(chosen),
                "score": format_number(score),
            }
            self.note("score.out_of_band", Severity.WARNING, **params)
        return self.result(score, Method.QUALITATIVE, grade, (low, high))

    def _manual(self) -> IndicatorScore:
        target, actual, chosen = self.indicator.value.text, self.actual.text, self.entry.score
        if chosen is None:
            self.note("score.unscorable", Severity.WARNING, target=target, actual=actual)
            return self.result(ZERO, Method.MANUAL)
        score = min(max(chosen, ZERO), self.weight)
        self.note("score.manual", Severity.WARNING, target=target, actual=actual, score=format_number(score))
        return self.result(score, Method.MANUAL)


def _row_checks(row: _Row, scored: IndicatorScore, settings: ScoringSettings) -> None:
    """Published-score and explanation checks of a scored row."""
    published = row.entry.score
    if published is not None and published > scored.weight:
        row.note(
            "score.over_weight",
            Severity.WARNING,
            published=format_number(published),
            weight=format_number(scored.weight),
        )
    checked = scored.method not in (Method.QUALITATIVE, Method.MANUAL, Method.NOT_APPLICABLE)
    score = scored.score
    if checked and published is not None and score is not None and not agrees(score, published, settings.tolerance):
        row.note("score.mismatch", Severity.WARNING, ours=format_number(score), published=format_number(published))
    if row.entry.reason or row.actual.missing:
        return
    if score is not None and score < scored.weight:
        row.note("explanation.unmet", Severity.WARNING, score=format_number(score), weight=format_number(scored.weight))
    percent = _overachievement(row, scored)
    threshold = settings.overachievement_reason_from
    if threshold is not None and percent is not None and percent >= threshold:
        row.note(
            "explanation.overachieved",
            Severity.WARNING,
            percent=format_number(q2(percent)),
            threshold=format_number(threshold),
        )


def _overachievement(row: _Row, scored: IndicatorScore) -> Decimal | None:
    """The actual as a percentage of a positive target (Guangxi's ≥130% trigger, V5), None when not applicable."""
    target = row.indicator.value.number
    if scored.method not in (Method.POSITIVE, Method.EQUAL) or target is None or target <= 0:
        return None
    number = row.actual.number
    return None if number is None else number * HUNDRED / target


def score_rows(
    evaluation: SelfEvaluation, weights: Sequence[Decimal], settings: ScoringSettings
) -> tuple[list[IndicatorScore], list[Finding]]:
    rows: list[IndicatorScore] = []
    findings: list[Finding] = []
    for index, (indicator, weight) in enumerate(zip(evaluation.project.indicators, weights, strict=True)):
        row = _Row(index + 1, indicator, evaluation.actual(index), weight)
        scored = row.score(settings)
        _row_checks(row, scored, settings)
        rows.append(scored)
        findings.extend(row.findings)
    return rows, findings


# ---------------------------------------------------------------------------------------------------------------
# Budget execution (docs/domain/scoring.md#budget-execution)


def _parts_sum(parts: Sequence[FundLine], field: str) -> Decimal | None:
    values = [getattr(part, field) for part in parts if getattr(part, field) is not None]
    return sum(values, ZERO) if values else None


def _base_amounts(funds: Funds) -> tuple[Decimal | None, Decimal | None, list[Finding]]:
    """Budget and executed amounts; a total row left 0 or blank while its parts hold amounts uses the parts
    (池州's "0 0 0 10 0 0" row, docs/domain/scoring.md#example-a-池州-2022-default-scheme)."""
    budget = funds.budget if funds.budget is not None else funds.initial
    executed = funds.executed
    parts_budget = _parts_sum(funds.parts, "budget") or _parts_sum(funds.parts, "initial")
    if not parts_budget:
        return budget, executed, []
    if funds.budget is None and funds.initial is None:  # no total row printed: its parts are the project's funds
        return parts_budget, _parts_sum(funds.parts, "executed"), []
    if not budget:
        used = "其中各项之和"
        budget, executed = parts_budget, _parts_sum(funds.parts, "executed")
    elif budget == parts_budget:
        return budget, executed, []
    else:
        used = "年度资金总额"
    total = funds.budget if funds.budget is not None else ZERO
    params = {"total": format_number(total), "parts": format_number(parts_budget), "used": used}
    return budget, executed, [Finding("execution.parts", Severity.WARNING, params)]


def score_execution(funds: Funds, settings: ScoringSettings) -> tuple[ExecutionScore, list[Finding]]:
    """Rate = executed ÷ budget; score = rate × weight, capped at the weight, 2 dp; a zero budget is not applicable."""
    weight = funds.weight if funds.weight is not None else settings.scheme.execution
    budget, executed, findings = _base_amounts(funds)
    if budget is None or budget <= 0:
        findings.append(Finding("execution.zero_budget", Severity.WARNING))
        return ExecutionScore(budget, executed, None, weight, None, funds.score, applicable=False), findings
    if executed is None:
        findings.append(Finding("execution.no_executed", Severity.WARNING))
    rate = max(executed or ZERO, ZERO) / budget
    score, rate_percent = q2(min(rate * weight, weight)), q2(rate * HUNDRED)
    if rate > 1:
        params = {
            "executed": format_number(executed or ZERO),
            "budget": format_number(budget),
            "rate": format_number(rate_percent),
        }
        findings.append(Finding("execution.over", Severity.ERROR, {**params, "weight": format_number(weight)}))
    if funds.rate is not None and not agrees(rate_percent, funds.rate, settings.tolerance):
        params = {"published": format_number(funds.rate), "ours": format_number(rate_percent)}
        findings.append(Finding("execution.rate_mismatch", Severity.WARNING, params))
    if funds.score is not None and not agrees(score, funds.score, settings.tolerance):
        params = {
            "ours": format_number(score),
            "rate": format_number(rate_percent),
            "weight": format_number(weight),
            "published": format_number(funds.score),
        }
        findings.append(Finding("execution.mismatch", Severity.WARNING, params))
    return ExecutionScore(budget, executed, rate_percent, weight, score, funds.score), findings


# ---------------------------------------------------------------------------------------------------------------
# The project


def total_of(rows: Sequence[IndicatorScore], execution: ExecutionScore) -> tuple[Decimal, list[Finding]]:
    """Σ scores + execution score; when rows (or the execution) do not apply, rescaled to the full points (E9)."""
    raw = sum((row.score for row in rows if row.score is not None), ZERO)
    raw += execution.score if execution.score is not None else ZERO
    possible = sum((row.weight for row in rows), execution.weight)
    excluded = sum((row.weight for row in rows if not row.applicable), ZERO)
    excluded += ZERO if execution.applicable else execution.weight
    applicable = possible - excluded
    if excluded <= 0 or applicable <= 0:
        return q2(raw), []
    total = q2(raw * possible / applicable)
    count = sum(1 for row in rows if not row.applicable) + (0 if execution.applicable else 1)
    params = {
        "count": count,
        "excluded": format_number(excluded),
        "raw": format_number(q2(raw)),
        "possible": format_number(possible),
        "applicable": format_number(applicable),
        "total": format_number(total),
    }
    return total, [Finding("score.rescaled", Severity.INFO, params)]


def score_evaluation(evaluation: SelfEvaluation, *, settings: ScoringSettings = DEFAULT_SCORING) -> ProjectScore:
    """Score one project's self-evaluation (docs/domain/scoring.md) and check it against what its table states."""
    weights, findings = resolve_weights(evaluation, settings)
    rows, row_findings = score_rows(evaluation, weights, settings)
    execution, execution_findings = score_execution(evaluation.funds, settings)
    total, total_findings = total_of(rows, execution)
    grade = grade_for(total, settings.grades)
    facts = checks.Facts(evaluation, tuple(rows), execution, total, grade, settings)
    project_findings = [finding for check in checks.CHECKS for finding in check(facts)]
    project = evaluation.project
    return ProjectScore(
        code=project.code,
        name=project.name,
        execution=execution,
        indicators=tuple(rows),
        total=total,
        grade=grade,
        published_total=evaluation.published_total,
        published_grade=evaluation.published_grade,
        findings=(*findings, *execution_findings, *row_findings, *total_findings, *project_findings),
    )


# Scoring creates only acyclic records; above this many projects the cyclic collector's full passes over the
# growing result cost more than the scoring itself (a third of the time at 200,000 rows), so they are paused.
_GC_PAUSE_ABOVE = 2000


def score_evaluations(
    evaluations: Sequence[SelfEvaluation], *, settings: ScoringSettings = DEFAULT_SCORING
) -> list[ProjectScore]:
    """Score many projects (a department, a city); the cyclic garbage collector is paused for large batches."""
    with collector_paused(len(evaluations) > _GC_PAUSE_ABOVE):
        return [score_evaluation(evaluation, settings=settings) for evaluation in evaluations]
