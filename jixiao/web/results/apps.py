from django.apps import AppConfig


class ResultsConfig(AppConfig):
    """The finance bureau's overview of every unit: execution, lights, grades."""

    name = "jixiao.web.results"
    label = "results"
    verbose_name = "结果与总览"

    def ready(self) -> None:
        from jixiao.web.records import documents
        from jixiao.web.results import exports

        documents.register_list(exports.OVERVIEW)
