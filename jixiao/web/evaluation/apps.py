from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """The year-end self-evaluation of projects."""

    name = "jixiao.web.evaluation"
    label = "evaluation"
    verbose_name = "绩效自评"
