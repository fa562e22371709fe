"""Projects a budget disclosure describes in numbered prose before (or instead of) their tables.

``1.“文化中心运营专项经费”项目。 (1)项目概述。… (3)实施主体。XX局。 (6)年度预算安排。财政拨款634万元。 (7)绩效目标。…``:
each quoted project name opens a description whose numbered items give its unit (实施主体), its annual amount
(年度预算安排) and its goal (绩效目标). A project the tables also print takes from it only what its table left
empty; one they do not print is a project of its own. Every field read from the prose is flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.domain.model import Project, Unit
from jixiao.formats.interpret.labels import label_key
from jixiao.formats.interpret.prose import first_amount

_HEAD_RE = re.compile(r"(?:^|\s)\d{1,2}\s*[.、．]\s*[“\"](?P<name>[^”\"\n]{2,60})[”\"]\s*项目\s*[。.．]?")
_ITEM_RE = re.compile(r"[(（]\s*\d{1,2}\s*[)）]\s*(?P<label>[^。:：\s(（]{2,10})\s*[。:：]\s*")
_AMOUNT_RE = re.compile(r"(?P<amount>\d+(?:\.\d+)?)\s*万元")


@dataclass(slots=True)
class Described:
    """A project as the prose describes it, and the fields it gives."""

    project: Project
    line: int
    fields: list[str] = field(default_factory=list)


def described_projects(texts: list[tuple[str, int]]) -> list[Described]:
    """The projects numbered prose describes, in order: ``texts`` are the paragraphs with their lines."""
    joined = "\n".join(text for text, _ in texts)
    starts = [0]
    for text, _ in texts[:-1]:
        starts.append(starts[-1] + len(text) + 1)
    heads = list(_HEAD_RE.finditer(joined))
    found: list[Described] = []
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(joined)
        line = next(
            line for start, (_, line) in zip(reversed(starts), reversed(texts), strict=True) if start <= head.start()
        )
        described = Described(Project(code=None, name=head.group("name").strip()), line)
        _read_items(joined[head.end() : end], described)
        if described.fields:
            found.append(described)
    return found


def _read_items(text: str, described: Described) -> None:
    items = list(_ITEM_RE.finditer(text))
    project = described.project
    for index, item in enumerate(items):
        end = items[index + 1].start() if index + 1 < len(items) else len(text)
        body = text[item.end() : end].strip()
        label = label_key(item.group("label"))
        if label == "实施主体" and body:
            project.unit = Unit(code=None, name=body.rstrip("。.；;").strip())
            described.fields.append("unit")
        elif label == "年度预算安排" and (amount := first_amount(_AMOUNT_RE, body)) is not None:
            project.budget.total = amount
            described.fields.append("total")
            if "财政" in body:
                project.budget.fiscal = amount
                described.fields.append("fiscal")
        elif label == "绩效目标" and body:
            goal = body.split("\n")[0].strip()
            project.goal = goal[: goal.rindex("。") + 1] if "。" in goal else goal  # not the table title after it
            described.fields.append("goal")
