"""The review engine: it only loops — every rule over its scope — and applies the profile's severities."""

from __future__ import annotations

import re
from collections.abc import Mapping

from jixiao.domain.collector import collector_paused
from jixiao.domain.model import TargetDocument
from jixiao.domain.profiles import Profile, get_profile
from jixiao.domain.review import rules as _rules  # noqa: F401  (importing registers every rule)
from jixiao.domain.review.context import Context
from jixiao.domain.review.model import RULES, Finding, Rule, Scope, Severity

_T_ID = re.compile(r"^T(\d+)(.*)$")


def rule_order(rule: Rule) -> tuple[int, int, int]:
    """Documentation order: T1–T16 by number (its parts right after it), then the other rules as registered."""
    match = _T_ID.match(rule.id)
    if match:
        return (0, int(match.group(1)), rule.rank if match.group(2) else -1)
    return (1, rule.rank, 0)


def all_rules() -> list[Rule]:
    """Every registered rule in documentation order."""
    return sorted(RULES.values(), key=rule_order)


def effective_severity(rule: Rule, profile: Profile) -> Severity | None:
    """The rule's severity under a profile; None when the profile turns the rule off."""
    override = profile.review.severity.get(rule.id)
    if override is None:
        return rule.severity
    return None if override == "off" else Severity(override)


# Above this many rows the cyclic garbage collector is paused during a review: the review allocates many small
# acyclic objects, and the collector's repeated scans of a large document made the run grow faster than linearly.
_PAUSE_GC_ROWS = 50_000


def review_document(
    document: TargetDocument, *, profile: Profile | None = None, links: Mapping[str, str] | None = None
) -> list[Finding]:
    """Every finding on a document, grouped by place (Part 1, then each project in order, its rows in order).

    ``links`` optionally maps a project code to the title of the department sub-goal it supports.
    """
    rows = sum(len(project.indicators) for project in document.projects)
    with collector_paused(rows > _PAUSE_GC_ROWS):
        return _review(Context(document, profile or get_profile(), links))


def _review(ctx: Context) -> list[Finding]:
    active = [(rule, severity) for rule in all_rules() if (severity := effective_severity(rule, ctx.profile))]
    by_scope = {scope: [(r.check, r.id, s) for r, s in active if r.scope is scope] for scope in Scope}
    findings: list[Finding] = []
    for check, rule_id, severity in by_scope[Scope.DOCUMENT]:
        findings.extend(Finding(rule_id, severity, hit.params, hit.location) for hit in check(ctx))
    project_rules, row_rules = by_scope[Scope.PROJECT], by_scope[Scope.INDICATOR]
    for facts in ctx.projects:
        for check, rule_id, severity in project_rules:
            findings.extend(Finding(rule_id, severity, hit.params, hit.location) for hit in check(facts, ctx))
        for row in facts.rows:
            for check, rule_id, severity in row_rules:
                params = check(row, ctx)
                if params is not None:
                    findings.append(Finding(rule_id, severity, params, row.location))
    ranks = {rule.id: n for n, (rule, _) in enumerate(active)}
    findings.sort(key=lambda f: (*f.location.sort_key(), ranks[f.code]))
    return findings


def has_errors(findings: list[Finding]) -> bool:
    """Whether any finding blocks submission."""
    return any(finding.severity is Severity.ERROR for finding in findings)
