from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """The public site: published target tables, withheld projects."""

    name = "jixiao.web.publication"
    label = "publication"
    verbose_name = "公开"

    def ready(self) -> None:
        from jixiao.web.publication import exports
        from jixiao.web.records import documents

        documents.register(exports.PUBLISHED)
