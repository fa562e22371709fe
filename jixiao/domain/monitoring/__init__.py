"""In-year monitoring (绩效运行监控, docs/domain/monitoring.md#what-is-monitored): spending against plan and time,
indicator progress, lights, and the two-phase ledger import.

- :func:`spending_status` / :func:`monthly_execution` / :func:`aggregate_status` — payments → execution, plan and
  time progress, lights (:mod:`.spending`);
- :func:`monitor_indicators` — a period's indicator rows with progress and lights (:mod:`.indicators`);
- :func:`import_ledger` with a :class:`LedgerMapping` — ledger rows → payments, every error with row and column
  (:mod:`.ledger`).

Light thresholds come from the profile: ``profile.scoring.lights``.
"""

from jixiao.domain.monitoring.indicators import (
    IndicatorProgress,
    IndicatorReport,
    accumulates,
    indicator_light,
    monitor_indicators,
)
from jixiao.domain.monitoring.ledger import (
    LedgerImport,
    LedgerMapping,
    LedgerRow,
    import_ledger,
    parse_date,
    parse_money,
)
from jixiao.domain.monitoring.model import DeviationCategory, Light, Likelihood, Payment, light_for
from jixiao.domain.monitoring.spending import (
    MonthExecution,
    SpendingStatus,
    aggregate_status,
    default_month,
    monthly_execution,
    plan_curve,
    reached_checkpoint,
    spending_status,
    status_from,
    time_progress,
)

__all__ = [
    "DeviationCategory",
    "IndicatorProgress",
    "IndicatorReport",
    "LedgerImport",
    "LedgerMapping",
    "LedgerRow",
    "Light",
    "Likelihood",
    "MonthExecution",
    "Payment",
    "SpendingStatus",
    "accumulates",
    "aggregate_status",
    "default_month",
    "import_ledger",
    "indicator_light",
    "light_for",
    "monitor_indicators",
    "monthly_execution",
    "parse_date",
    "parse_money",
    "plan_curve",
    "reached_checkpoint",
    "spending_status",
    "status_from",
    "time_progress",
]
