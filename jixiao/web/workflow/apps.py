from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    """States, versions, to-do lists, notifications and reviewers' comments."""

    name = "jixiao.web.workflow"
    label = "workflow"
    verbose_name = "流程"
