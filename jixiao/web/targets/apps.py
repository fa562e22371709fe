from django.apps import AppConfig


class TargetsConfig(AppConfig):
    """Setting targets: the department and project pages, the editing grid, import and copy to a new year."""

    name = "jixiao.web.targets"
    label = "target_pages"
    verbose_name = "绩效目标编制"
