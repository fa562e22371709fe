"""The self-evaluation table (项目支出绩效自评表) and the actuals template (实际完成值填报表) as documents."""

from __future__ import annotations

import dataclasses

from jixiao.formats.evaluation_export import ActualsTemplateExporter, ScoredProject, SelfEvaluationExporter
from jixiao.formats.exporters import RENDERERS, Exporter
from jixiao.web.monitoring import selectors
from jixiao.web.monitoring.summaries import department_evaluations, project_evaluation
from jixiao.web.records import services
from jixiao.web.records.documents import Document, Scope

FORMATS = ("docx", "xlsx", "pdf", "html")


def _self_evaluation(scope: Scope) -> Exporter:
    department = scope.department
    items = [project_evaluation(scope.project)] if scope.project is not None else department_evaluations(department)
    return SelfEvaluationExporter(
        [ScoredProject(item.evaluation, item.score) for item in items],
        year=department.year,
        department=department.name,
        amount_unit=selectors.amount_unit(department),
    )


def _actuals_template(scope: Scope) -> Exporter:
    document = services.department_document(scope.department)
    if scope.project is not None:
        wanted = services.project_document(scope.project)
        document = dataclasses.replace(document, projects=[wanted])
    return ActualsTemplateExporter(document)


SELF_EVALUATION = Document(
    SelfEvaluationExporter.identifier, SelfEvaluationExporter.verbose_name, _self_evaluation, FORMATS
)
ACTUALS_TEMPLATE = Document(
    ActualsTemplateExporter.identifier, ActualsTemplateExporter.verbose_name, _actuals_template, tuple(RENDERERS)
)
