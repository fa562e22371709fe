"""The monitoring views, one module per area; ``urls.py`` refers to them through this package."""

from jixiao.web.monitoring.views import ledger, monitoring, orphans, payments

__all__ = ["ledger", "monitoring", "orphans", "payments"]
