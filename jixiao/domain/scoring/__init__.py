"""Year-end self-evaluation scoring (绩效自评, docs/domain/scoring.md): the standard 100-point scheme of a locality.

``score_evaluation(evaluation, settings=profile.scoring)`` scores one project's :class:`SelfEvaluation` (targets
with weights, the actuals, the funds) and returns a :class:`ProjectScore` with every row's score, the budget
execution, the total, the grade and typed :class:`Finding`\\ s (stable codes, Chinese messages from
:mod:`jixiao.domain.errors`). Rules: :mod:`.rules` (per row), :mod:`.checks` (per project); default weights:
:mod:`.weights`; the draft report: :mod:`.report`.
"""

from jixiao.domain.scoring.actuals import Actual, grade_of, parse_actual
from jixiao.domain.scoring.engine import (
    grade_for,
    resolve_weights,
    score_evaluation,
    score_evaluations,
    score_execution,
    total_of,
)
from jixiao.domain.scoring.model import (
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
)
from jixiao.domain.scoring.output import score_to_dict, scores_to_dict
from jixiao.domain.scoring.report import draft_report
from jixiao.domain.scoring.rules import band, in_band, method_of
from jixiao.domain.scoring.weights import default_weights, spread

__all__ = [
    "Achievement",
    "Actual",
    "ExecutionScore",
    "Finding",
    "FundLine",
    "Funds",
    "Grade",
    "IndicatorActual",
    "IndicatorScore",
    "Method",
    "ProjectScore",
    "SelfEvaluation",
    "band",
    "default_weights",
    "draft_report",
    "grade_for",
    "grade_of",
    "in_band",
    "method_of",
    "parse_actual",
    "resolve_weights",
    "score_evaluation",
    "score_evaluations",
    "score_execution",
    "score_to_dict",
    "scores_to_dict",
    "spread",
    "total_of",
]
