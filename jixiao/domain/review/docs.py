"""Write docs/rules.md from the rule registry and the profiles, so the documentation cannot drift from the code.

Run: ``.venv/bin/python -m jixiao.domain.review.docs docs/rules.md`` (without a path it prints to stdout).
A test fails when the committed file differs from what this produces.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from jixiao.domain.profiles import available_profiles
from jixiao.domain.review.engine import all_rules
from jixiao.domain.review.model import Rule, Scope

REGENERATE = ".venv/bin/python -m jixiao.domain.review.docs docs/rules.md"

_SCOPES = {Scope.INDICATOR: "每一行指标", Scope.PROJECT: "每个项目", Scope.DOCUMENT: "整个文件（跨项目、第一部分）"}

_INTRO = """\
# 审核规则（Target review rules）

<!-- Generated from the rule registry in jixiao/domain/review — do not edit by hand.
     Regenerate: {regenerate} -->

`jixiao check FILE...` and the web application run these rules over a target document (`review_document`).
Each finding names its rule, severity, place (project code, indicator row, or the department-overall part), a
Chinese message and a fix suggestion.

- **Severity**: `error` (错误) blocks submission; `warning` (警告) is a reviewer's flag; `info` (提示) is a hint.
  A locality profile may change a rule's severity or turn it off (below).
- **Ids** are stable: `T1`–`T16` are the checks described in [domain/review.md](domain/review.md#checks) under
  their numbers; a check split into parts keeps its number with a dotted suffix (`T9.unit`); the checks this project
  added have dotted ids by subject (`category.time`, `name.typo`).
- **依据 (basis)** links to the section of `docs/domain/` that says what the check looks at and why; the tags in
  brackets (E1, G7, V11, S2 …) are public sources, listed in [domain/sources.md](domain/sources.md).
- **Adding a rule**: write a 5–30 line function in `jixiao/domain/review/rules/`, register it with `@rule(...)`, add a
  test that fires and one that does not, and regenerate this file.
"""


def _summary(rules: list[Rule]) -> list[str]:
    lines = ["## 规则一览", "", "| id | 标题 | 级别 | 检查范围 |", "|---|---|---|---|"]
    lines += [f"| [`{r.id}`](#{_anchor(r)}) | {r.title} | {r.severity.value} | {_SCOPES[r.scope]} |" for r in rules]
    return [*lines, ""]


def _anchor(rule: Rule) -> str:
    return rule.id.lower().replace(".", "")


_DOMAIN_LINK = re.compile(r"docs/domain/([\w\-/]+\.md(?:#[\w\-]+)?)")


def _linked(text: str) -> str:
    """``docs/domain/review.md#t1-required-fields`` in a basis → a Markdown link relative to docs/rules.md."""
    return _DOMAIN_LINK.sub(lambda match: f"[{match.group(1)}](domain/{match.group(1)})", text)


def _section(rule: Rule) -> list[str]:
    return [
        f'<a id="{_anchor(rule)}"></a>',
        "",
        f"### {rule.id} {rule.title}",
        "",
        f"- 级别：`{rule.severity.value}`；检查范围：{_SCOPES[rule.scope]}",
        f"- 依据：{_linked(rule.basis)}",
        f"- 不合格示例：{rule.example}",
        f"- 提示文字（模板）：{rule.message}",
        f"- 修改建议：{rule.suggestion}",
        "",
    ]


def _profiles() -> list[str]:
    lines = [
        "## 地区配置（profiles）",
        "",
        "One file per locality in `jixiao/domain/profiles/`; `--profile NAME` selects one.",
        "",
    ]
    lines += ["| name | 名称 | severity overrides | sources |", "|---|---|---|---|"]
    for profile in available_profiles().values():
        overrides = "，".join(f"`{k}` → `{v}`" for k, v in sorted(profile.review.severity.items())) or "—"
        lines.append(f"| `{profile.name}` | {profile.title} | {overrides} | {_linked(profile.sources)} |")
    return [*lines, ""]


def render_rules_doc() -> str:
    """The full text of docs/rules.md."""
    rules = all_rules()
    lines = [_INTRO.format(regenerate=f"`{REGENERATE}`"), *_summary(rules), "## 规则详情", ""]
    for rule in rules:
        lines += _section(rule)
    lines += _profiles()
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    text = render_rules_doc()
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
