"""The monitoring and self-evaluation views, one module per area; ``urls.py`` refers to them through this package."""

from jixiao.web.monitoring.views import evaluation, ledger, monitoring, orphans, payments

__all__ = ["evaluation", "ledger", "monitoring", "orphans", "payments"]
