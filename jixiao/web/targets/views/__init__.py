"""The site's views, one module per area; ``urls.py`` refers to them through this package."""

from jixiao.web.targets.views.overview import overview
from jixiao.web.targets.views.public import public_department, public_download, public_index, public_stylesheet
from jixiao.web.targets.views.targets import (
    department_copy,
    department_detail,
    department_export,
    department_overall,
    home,
    import_preview,
    import_start,
    indicator_row,
    project_delete,
    project_detail,
    project_export,
    project_new,
    value_preview,
)
from jixiao.web.targets.views.tokens import token_revoke, tokens
from jixiao.web.targets.views.workflow import (
    comment_add,
    department_act,
    department_history,
    notifications,
    project_publication,
    todo,
)

__all__ = [
    "comment_add",
    "department_act",
    "department_copy",
    "department_detail",
    "department_export",
    "department_history",
    "department_overall",
    "home",
    "import_preview",
    "import_start",
    "indicator_row",
    "notifications",
    "overview",
    "project_delete",
    "project_detail",
    "project_export",
    "project_new",
    "project_publication",
    "public_department",
    "public_download",
    "public_index",
    "public_stylesheet",
    "todo",
    "token_revoke",
    "tokens",
    "value_preview",
]
