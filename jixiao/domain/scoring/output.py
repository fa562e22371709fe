"""The ``jixiao score --json`` shape of a result, exactly::

    {"projects": [{"code", "name", "execution": {"budget", "executed", "rate", "weight", "score"},
                   "indicators": [{"level1", "level2", "level3", "target", "actual", "weight", "score",
                                   "published_score"}],
                   "total", "grade", "published_total", "warnings"}]}

Numbers are ``Decimal`` (written as exact JSON numbers by :func:`jixiao.formats.canonical.dumps`); ``rate`` is
in percent (76.00); an absent number is ``None``; ``warnings`` are the findings' Chinese messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jixiao.domain.scoring.model import ProjectScore


def score_to_dict(score: ProjectScore) -> dict[str, Any]:
    execution = score.execution
    return {
        "code": score.code,
        "name": score.name,
        "execution": {
            "budget": execution.budget,
            "executed": execution.executed,
            "rate": execution.rate,
            "weight": execution.weight,
            "score": execution.score,
        },
        "indicators": [
            {
                "level1": row.level1,
                "level2": row.level2,
                "level3": row.level3,
                "target": row.target,
                "actual": row.actual,
                "weight": row.weight,
                "score": row.score,
                "published_score": row.published_score,
            }
            for row in score.indicators
        ],
        "total": score.total,
        "grade": score.grade.value,
        "published_total": score.published_total,
        "warnings": [finding.message for finding in score.findings],
    }


def scores_to_dict(scores: Sequence[ProjectScore]) -> dict[str, Any]:
    return {"projects": [score_to_dict(score) for score in scores]}
