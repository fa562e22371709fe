from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """The year-end self-evaluation of projects."""

    name = "jixiao.web.evaluation"
    label = "evaluation"
    verbose_name = "绩效自评"

    def ready(self) -> None:
        from jixiao.web.evaluation import exports
        from jixiao.web.records import documents

        documents.register(exports.SELF_EVALUATION)
        documents.register(exports.ACTUALS_TEMPLATE)
