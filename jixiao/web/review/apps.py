from django.apps import AppConfig


class ReviewConfig(AppConfig):
    """The review of targets: findings shown on every page, review-all."""

    name = "jixiao.web.review"
    label = "review"
    verbose_name = "审核"
