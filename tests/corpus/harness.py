"""The corpus harness: read every corpus document with Jixiao's readers and compare with its expected reading.

``python -m tests.corpus.harness`` (``make corpus``) prints field-level precision and recall per field, per layout
family and per document kind, and the count of **silently wrong** fields: a value read where the expected one differs
and no flag of the reader names that field. ``--json FILE`` writes the figures; ``--check-expected`` only validates
the expected readings' shape; ``--index`` regenerates INDEX.tsv; ``--doc NNN`` shows one document's differences.

How a reading is scored (README.md): every field of the expected reading and of the reader's result is a slot. A slot
where either side has a value is *right* when both agree after normalisation (texts: NFKC, white space removed,
Traditional → Simplified, pinyin in brackets removed, comparator glyphs folded; numbers: equal as decimals). It is
*wrong* when the reader has a value that differs (or the document prints nothing there), *missed* when only the
expected reading has one. Precision = right / read, recall = right / expected. A document the reader refuses is all
missed: the user saw an error. Indicators are paired in document order by their names (a sequence alignment), so one
dropped row does not shift every later one.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from tests.corpus.schema import CORPUS, DOCS, EXPECTED, check

OFFICE = CORPUS / "office"
BASELINE = CORPUS / "baseline.json"
"""The figures ``docs/reading.md`` records; ``tests/core/test_corpus.py`` fails when one gets worse."""

PROJECT_FIELDS = (
    "name",
    "code",
    "unit",
    "unit_code",
    "total",
    "fiscal",
    "other",
    "midterm_budget",
    "amount_unit",
    "spending_plan",
    "goal",
    "midterm_goal",
)
EVALUATION_FIELDS = (
    "name",
    "code",
    "unit",
    "initial",
    "budget",
    "executed",
    "fund_weight",
    "rate",
    "fund_score",
    "goal",
    "goal_result",
    "total",
    "grade",
)
INDICATOR_FIELDS = (
    "level1",
    "level2",
    "level3",
    "description",
    "value",
    "comparator",
    "number",
    "unit",
    "midterm",
    "weight",
    "basis",
    "core",
)
EVALUATION_INDICATOR_FIELDS = (*INDICATOR_FIELDS, "actual", "score")
NUMERIC = {"total", "fiscal", "other", "midterm_budget", "number", "weight", "initial", "budget", "executed",
           "fund_weight", "rate", "fund_score", "score"}  # fmt: skip


# ---------------------------------------------------------------------------------------------------------------
# Normalisation of compared values


_PINYIN_RE = re.compile(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+)\)")
_FOLDS = (
    ("大于等于", "≥"),
    ("小于等于", "≤"),
    ("不低于", "≥"),
    ("不少于", "≥"),
    ("不高于", "≤"),
    ("不超过", "≤"),
    (">=", "≥"),
    ("<=", "≤"),
    ("≧", "≥"),
    ("≦", "≤"),
    ("⩾", "≥"),
    ("⩽", "≤"),
    ("═", "="),
    ("＝", "="),
    ("百分比", "%"),
    ("％", "%"),
    ("m2", "平方米"),  # ㎡ after NFKC, read as 平方米 by the value grammar
    ("m3", "立方米"),
)
_converter: Any = None


def _simplified(text: str) -> str:
    global _converter
    if _converter is None:
        from opencc import OpenCC

        _converter = OpenCC("t2s")
    return str(_converter.convert(text))


def norm_text(value: Any) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value))
    text = _PINYIN_RE.sub("", text)
    text = re.sub(r"\s+", "", text)
    text = _simplified(text)
    for old, new in _FOLDS:
        text = text.replace(old, new)
    text = text.rstrip("。.;,")
    return text or None


def norm_number(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).replace(",", "").rstrip("%"))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


_POINTS_RE = re.compile(r"\(\d+(?:\.\d+)?分\)$")


def same(name: str, expected: Any, read: Any) -> bool:
    if name in ("level1", "level2"):  # a level's points (产出指标(50分)) are a weight, printed or not
        return _POINTS_RE.sub("", norm_text(expected) or "") == _POINTS_RE.sub("", norm_text(read) or "")
    if name in NUMERIC:
        return norm_number(expected) == norm_number(read)
    if name == "core":
        return bool(expected) == bool(read)
    return norm_text(expected) == norm_text(read)


def present(name: str, value: Any) -> bool:
    if name == "core":
        return bool(value)
    if name == "spending_plan":
        return bool(value)
    return value is not None and value != ""


# ---------------------------------------------------------------------------------------------------------------
# The reader's result in the expected reading's shape


@dataclass(slots=True)
class Reading:
    """One document as read: tables (projects or evaluations) as flat dicts, the flagged fields, the layout."""

    tables: list[dict[str, Any]]
    flags: set[tuple[int, int | None, str]] = field(default_factory=set)
    error: str | None = None
    layout: str = ""
    seconds: float = 0.0
    crashed: bool = False


def _dec(value: Any) -> str | None:
    return None if value is None else str(value)


def _indicator_dict(indicator: Any) -> dict[str, Any]:
    value = indicator.value
    midterm = getattr(indicator, "midterm_value", None)
    return {
        "level1": indicator.level1,
        "level2": indicator.level2,
        "level3": indicator.level3,
        "description": getattr(indicator, "description", None),
        "value": value.text or None,
        "comparator": value.comparator.value if value.comparator is not None else None,
        "number": _dec(value.number),
        "unit": value.unit,
        "midterm": midterm.text if midterm is not None else None,
        "weight": _dec(indicator.weight),
        "basis": getattr(indicator, "basis", None),
        "core": bool(getattr(indicator, "core", False)),
    }


def _plan(points: Iterable[Any]) -> str | None:
    text = ";".join(f"{_dec(point.percent)}" for point in points)
    return text or None


def _flags(result: Any) -> set[tuple[int, int | None, str]]:
    """The fields the reader says it is not sure of: (table, indicator row or None, field or '*')."""
    found: set[tuple[int, int | None, str]] = set()
    for warning in result.warnings:
        if getattr(warning, "field_name", None) is not None and warning.table is not None:
            found.add((warning.table, warning.row, warning.field_name))
            if warning.field_name == "value":  # the comparator, number and unit are read from the value
                found.update((warning.table, warning.row, part) for part in ("comparator", "number", "unit"))
    return found


def read_target(data: bytes) -> Reading:
    from jixiao.formats import read_bytes

    result = read_bytes(data)
    document = result.document
    tables = []
    for project in document.projects:
        budget = project.budget
        tables.append(
            {
                "name": project.name,
                "code": project.code,
                "unit": project.unit.name if project.unit else None,
                "unit_code": project.unit.code if project.unit else None,
                "total": _dec(budget.total),
                "fiscal": _dec(budget.fiscal),
                "other": _dec(budget.other),
                "midterm_budget": _dec(getattr(budget, "midterm", None)),
                "amount_unit": getattr(project, "amount_unit", None) or document.amount_unit,
                "spending_plan": _plan(project.spending_plan),
                "goal": project.goal,
                "midterm_goal": project.midterm_goal,
                "indicators": [_indicator_dict(indicator) for indicator in project.indicators],
            }
        )
    return Reading(tables=tables, flags=_flags(result), layout=result.layout)


def read_evaluation(data: bytes) -> Reading:
    from jixiao.formats.selfeval import read_selfeval_bytes

    result = read_selfeval_bytes(data)
    tables = []
    for evaluation in result.evaluations:
        project, funds = evaluation.project, evaluation.funds
        indicators = []
        for index, indicator in enumerate(project.indicators):
            row = _indicator_dict(indicator)
            actual = evaluation.actual(index)
            row["actual"] = actual.actual
            row["weight"] = _dec(actual.weight if actual.weight is not None else indicator.weight)
            row["score"] = _dec(actual.score)
            indicators.append(row)
        tables.append(
            {
                "name": project.name,
                "code": project.code,
                "unit": project.unit.name if project.unit else None,
                "initial": _dec(funds.initial),
                "budget": _dec(funds.budget),
                "executed": _dec(funds.executed),
                "fund_weight": _dec(funds.weight),
                "rate": _dec(funds.rate),
                "fund_score": _dec(funds.score),
                "goal": project.goal,
                "goal_result": evaluation.goal_result,
                "total": _dec(evaluation.published_total),
                "grade": evaluation.published_grade,
                "indicators": indicators,
            }
        )
    return Reading(tables=tables, flags=_flags(result), layout=result.layout)


def read_document(path: Path, kind: str) -> Reading:
    from jixiao.domain.errors import DocumentError

    data = path.read_bytes()
    start = time.perf_counter()
    try:
        reading = read_target(data) if kind in ("target", "dept-target") else read_evaluation(data)
    except DocumentError as error:
        reading = Reading(tables=[], error=str(error))
    except Exception as error:  # a reader must never crash: counted and shown, the run goes on
        reading = Reading(tables=[], error=f"CRASH {type(error).__name__}: {error}", crashed=True)
    reading.seconds = time.perf_counter() - start
    return reading


def expected_tables(expected: dict[str, Any]) -> list[dict[str, Any]]:
    """The expected reading flattened like :class:`Reading` tables."""
    tables = []
    if expected["kind"] in ("target", "dept-target"):
        for project in expected.get("projects", []):
            budget = project.get("budget") or {}
            plan = project.get("spending_plan") or []
            tables.append(
                {
                    "name": project.get("name"),
                    "code": project.get("code"),
                    "unit": project.get("unit"),
                    "unit_code": project.get("unit_code"),
                    "total": budget.get("total"),
                    "fiscal": budget.get("fiscal"),
                    "other": budget.get("other"),
                    "midterm_budget": project.get("midterm_budget"),
                    "amount_unit": expected.get("amount_unit") if any(budget.values()) else None,
                    "spending_plan": ";".join(str(point.get("percent")) for point in plan) or None,
                    "goal": project.get("goal"),
                    "midterm_goal": project.get("midterm_goal"),
                    "indicators": project.get("indicators") or [],
                }
            )
        return tables
    for evaluation in expected.get("evaluations", []):
        funds = evaluation.get("funds") or {}
        tables.append(
            {
                "name": evaluation.get("name"),
                "code": evaluation.get("code"),
                "unit": evaluation.get("unit"),
                "initial": funds.get("initial"),
                "budget": funds.get("budget"),
                "executed": funds.get("executed"),
                "fund_weight": funds.get("weight"),
                "rate": funds.get("rate"),
                "fund_score": funds.get("score"),
                "goal": evaluation.get("goal"),
                "goal_result": evaluation.get("goal_result"),
                "total": evaluation.get("total"),
                "grade": evaluation.get("grade"),
                "indicators": evaluation.get("indicators") or [],
            }
        )
    return tables


# ---------------------------------------------------------------------------------------------------------------
# Comparison


@dataclass(slots=True)
class Slot:
    """One compared field."""

    document: str
    family: str
    kind: str
    scope: str  # "project" (project or evaluation fields) or "indicator"
    name: str
    expected: Any
    read: Any
    flagged: bool
    where: str

    @property
    def right(self) -> bool:
        return (
            present(self.name, self.expected)
            and present(self.name, self.read)
            and same(self.name, self.expected, self.read)
        )

    @property
    def wrong(self) -> bool:
        return present(self.name, self.read) and not self.right

    @property
    def silently_wrong(self) -> bool:
        return self.wrong and not self.flagged


def _key(row: dict[str, Any]) -> str:
    return norm_text(row.get("level3") or row.get("level2") or row.get("level1") or "") or ""


def align(expected: list[dict[str, Any]], read: list[dict[str, Any]]) -> list[tuple[int | None, int | None]]:
    """Pairs (expected index, read index) in document order; None where a row has no partner."""
    matcher = difflib.SequenceMatcher(a=[_key(row) for row in expected], b=[_key(row) for row in read], autojunk=False)
    pairs: list[tuple[int | None, int | None]] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal" or tag == "replace":
            common = min(a1 - a0, b1 - b0)
            pairs.extend((a0 + offset, b0 + offset) for offset in range(common))
            pairs.extend((index, None) for index in range(a0 + common, a1))
            pairs.extend((None, index) for index in range(b0 + common, b1))
        elif tag == "delete":
            pairs.extend((index, None) for index in range(a0, a1))
        else:
            pairs.extend((None, index) for index in range(b0, b1))
    return pairs


def _table_pairs(expected: list[dict[str, Any]], read: list[dict[str, Any]]) -> list[tuple[int | None, int | None]]:
    """Expected tables paired with read ones by name (then order)."""
    used: set[int] = set()
    pairs: list[tuple[int | None, int | None]] = []
    for index, table in enumerate(expected):
        best, score = None, 0.0
        for candidate, other in enumerate(read):
            if candidate in used:
                continue
            ratio = difflib.SequenceMatcher(
                a=norm_text(table.get("name")) or "", b=norm_text(other.get("name")) or ""
            ).ratio()
            ratio += 0.01 if candidate == index else 0.0
            if ratio > score:
                best, score = candidate, ratio
        if best is None and index < len(read) and index not in used:
            best = index
        if best is not None:
            used.add(best)
        pairs.append((index, best))
    pairs.extend((None, index) for index in range(len(read)) if index not in used)
    return pairs


def compare(name: str, expected: dict[str, Any], reading: Reading) -> list[Slot]:
    kind, family = expected["kind"], expected["family"]
    evaluation = kind in ("selfeval", "dept-selfeval")
    table_fields = EVALUATION_FIELDS if evaluation else PROJECT_FIELDS
    row_fields = EVALUATION_INDICATOR_FIELDS if evaluation else INDICATOR_FIELDS
    slots: list[Slot] = []
    want, got = expected_tables(expected), reading.tables

    def flagged(table: int | None, row: int | None, field_name: str) -> bool:
        if table is None:
            return False
        return bool({(table, row, field_name), (table, row, "*"), (table, None, "*")} & reading.flags)

    for expected_index, read_index in _table_pairs(want, got):
        mine = want[expected_index] if expected_index is not None else {}
        theirs = got[read_index] if read_index is not None else {}
        where = f"{name} table {expected_index if expected_index is not None else '+' + str(read_index)}"
        for field_name in table_fields:
            slots.append(
                Slot(
                    name,
                    family,
                    kind,
                    "project",
                    field_name,
                    mine.get(field_name),
                    theirs.get(field_name),
                    flagged(read_index, None, field_name),
                    where,
                )
            )
        rows_want, rows_got = mine.get("indicators", []), theirs.get("indicators", [])
        for row_index, read_row in align(rows_want, rows_got):
            row = rows_want[row_index] if row_index is not None else {}
            other = rows_got[read_row] if read_row is not None else {}
            label = row.get("level3") or row.get("level2") or other.get("level3") or other.get("level2")
            for field_name in row_fields:
                slots.append(
                    Slot(
                        name,
                        family,
                        kind,
                        "indicator",
                        field_name,
                        row.get(field_name),
                        other.get(field_name),
                        flagged(read_index, read_row, field_name),
                        f"{where} row {label}",
                    )
                )
    return slots


# ---------------------------------------------------------------------------------------------------------------
# The run


@dataclass(slots=True)
class Case:
    name: str
    path: Path
    expected: dict[str, Any]


def cases() -> Iterator[Case]:
    """Every expected reading with its document (``--check-expected`` reports the ones that do not load)."""
    folders = [(EXPECTED, DOCS), (OFFICE, OFFICE)]
    for folder, documents in folders:
        for path in sorted(folder.glob("*.json")) if folder.exists() else []:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if (documents / data["file"]).is_file():
                yield Case(path.stem, documents / data["file"], data)


@dataclass(slots=True)
class Tally:
    right: int = 0
    read: int = 0
    expected: int = 0
    wrong: int = 0
    silent: int = 0

    def add(self, slot: Slot) -> None:
        self.right += slot.right
        self.read += present(slot.name, slot.read)
        self.expected += present(slot.name, slot.expected)
        self.wrong += slot.wrong
        self.silent += slot.silently_wrong

    @property
    def slots(self) -> int:
        return self.read + self.expected - self.right

    def as_dict(self) -> dict[str, Any]:
        return {
            "right": self.right,
            "read": self.read,
            "expected": self.expected,
            "wrong": self.wrong,
            "silently_wrong": self.silent,
            "precision": ratio(self.right, self.read),
            "recall": ratio(self.right, self.expected),
            "right_share": ratio(self.right, self.slots),
        }


def ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def run(selected: list[str] | None = None) -> tuple[dict[str, Any], list[Slot], dict[str, Reading]]:
    slots: list[Slot] = []
    readings: dict[str, Reading] = {}
    for case in cases():
        if selected and case.name not in selected:
            continue
        reading = read_document(case.path, case.expected["kind"])
        readings[case.name] = reading
        slots.extend(compare(case.name, case.expected, reading))
    return figures(slots, readings), slots, readings


def _group(expected_kind: str) -> str:
    return "targets" if expected_kind in ("target", "dept-target") else "selfevals"


def figures(slots: list[Slot], readings: dict[str, Reading]) -> dict[str, Any]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for slot in slots:
        group = _group(slot.kind)
        office = slot.family in ("docx", "xlsx", "pdf", "html")
        for key in (
            "all",
            f"{group}.{slot.scope}",
            f"field.{group}.{slot.scope}.{slot.name}",
            f"family.{slot.family}",
            f"kind.{slot.kind}",
            "office" if office else "text",
        ):
            tallies[key].add(slot)
    documents = sorted({slot.document for slot in slots} | set(readings))
    refused = sorted(name for name, reading in readings.items() if reading.error)
    return {
        "documents": len(documents),
        "refused": refused,
        "crashed": sorted(name for name, reading in readings.items() if reading.crashed),
        "tallies": {key: tallies[key].as_dict() for key in sorted(tallies)},
    }


def headline(result: dict[str, Any]) -> dict[str, float]:
    """The headline figures of reading the corpus, which have targets (and which the test keeps from dropping)."""
    tallies = result["tallies"]

    def share(key: str) -> float:
        return float(tallies.get(key, {}).get("right_share", 1.0))

    everything = tallies.get("all", {})
    return {
        "documents": result["documents"],
        "crashed": len(result.get("crashed", [])),
        "target_indicator_right": share("targets.indicator"),
        "target_project_right": share("targets.project"),
        "selfeval_right": ratio(
            sum(tallies.get(key, {}).get("right", 0) for key in ("selfevals.indicator", "selfevals.project")),
            sum(
                Tally(**{k: tallies.get(key, {}).get(k, 0) for k in ("right", "read", "expected")}).slots
                for key in ("selfevals.indicator", "selfevals.project")
            ),
        ),
        "silently_wrong": everything.get("silently_wrong", 0),
        "silently_wrong_share": ratio(
            everything.get("silently_wrong", 0),
            Tally(**{k: everything.get(k, 0) for k in ("right", "read", "expected")}).slots,
        ),
        "office_silently_wrong": tallies.get("office", {}).get("silently_wrong", 0),
    }


def print_report(result: dict[str, Any], out: Any = sys.stdout) -> None:
    tallies = result["tallies"]
    print(f"documents: {result['documents']}, refused: {len(result['refused'])}", file=out)
    print(f"{'':44} {'right%':>7} {'prec':>6} {'recall':>6} {'wrong':>6} {'silent':>6}", file=out)
    for key, tally in tallies.items():
        print(
            f"{key:44} {100 * tally['right_share']:7.2f} {100 * tally['precision']:6.1f} "
            f"{100 * tally['recall']:6.1f} {tally['wrong']:6} {tally['silently_wrong']:6}",
            file=out,
        )
    print(json.dumps(headline(result), ensure_ascii=False, indent=1), file=out)


def markdown(result: dict[str, Any]) -> str:
    """The figures as the tables of docs/reading.md."""
    tallies = result["tallies"]
    lines = ["| group | fields right | precision | recall | wrong | silently wrong |", "|---|---:|---:|---:|---:|---:|"]
    order = [
        "all",
        "text",
        "office",
        "targets.indicator",
        "targets.project",
        "selfevals.indicator",
        "selfevals.project",
    ]
    order += sorted(key for key in tallies if key.startswith(("kind.", "family.")))
    for key in order:
        if key in tallies:
            tally = tallies[key]
            lines.append(
                f"| {key} | {100 * tally['right_share']:.1f}% | {100 * tally['precision']:.1f}% | "
                f"{100 * tally['recall']:.1f}% | {tally['wrong']} | {tally['silently_wrong']} |"
            )
    lines += [
        "",
        "| field | fields right | precision | recall | wrong | silently wrong |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key in sorted(key for key in tallies if key.startswith("field.")):
        tally = tallies[key]
        lines.append(
            f"| {key.removeprefix('field.')} | {100 * tally['right_share']:.1f}% | {100 * tally['precision']:.1f}% | "
            f"{100 * tally['recall']:.1f}% | {tally['wrong']} | {tally['silently_wrong']} |"
        )
    return "\n".join(lines)


def print_documents(slots: list[Slot], readings: dict[str, Reading], out: Any = sys.stdout) -> None:
    """One line per document: right, wrong (silently), missed, the layout read."""
    per: dict[str, Tally] = defaultdict(Tally)
    for slot in slots:
        per[slot.document].add(slot)
    for name in sorted(readings):
        tally, reading = per[name], readings[name]
        note = f"refused: {reading.error[:50]}" if reading.error else reading.layout
        print(
            f"{name:>14} right {tally.right:4}/{tally.slots:<4} wrong {tally.wrong:3} (silent {tally.silent:3}) "
            f"missed {tally.expected - tally.right:4}  {note}",
            file=out,
        )


def print_document(name: str, slots: list[Slot], reading: Reading) -> None:
    print(
        f"{name}: layout {reading.layout or '-'}, {reading.seconds * 1000:.1f} ms"
        + (f", refused: {reading.error}" if reading.error else "")
    )
    for slot in slots:
        if slot.right or (not present(slot.name, slot.expected) and not present(slot.name, slot.read)):
            continue
        mark = "WRONG" if slot.wrong else "miss "
        if slot.wrong and slot.flagged:
            mark = "flag "
        print(f"  {mark} {slot.where} · {slot.name}: expected {slot.expected!r}, read {slot.read!r}")


def check_expected() -> int:
    problems = 0
    for path in sorted(EXPECTED.glob("*.json")) + (sorted(OFFICE.glob("*.json")) if OFFICE.exists() else []):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            print(f"{path.name}: not JSON: {error}")
            problems += 1
            continue
        for line in check(data, path.name, path.parent):
            print(line)
            problems += 1
    print(f"{problems} problem(s)")
    return 1 if problems else 0


def write_index() -> None:
    columns = ("file", "kind", "province", "year", "family", "features", "unit", "source_url", "notes")
    lines = ["\t".join(columns)]
    for path in sorted(EXPECTED.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        values = [data.get(column) for column in columns]
        values[5] = ",".join(data.get("features") or [])
        lines.append(
            "\t".join("" if value is None else str(value).replace("\t", " ").replace("\n", " ") for value in values)
        )
    (CORPUS / "INDEX.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.corpus.harness")
    parser.add_argument("--check-expected", action="store_true", help="only validate the expected readings' shape")
    parser.add_argument("--index", action="store_true", help="regenerate INDEX.tsv from the expected readings")
    parser.add_argument("--doc", action="append", help="show the differences of one document (repeatable)")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--documents", action="store_true", help="one line per document")
    parser.add_argument("--record", action="store_true", help="record the headline figures as the new baseline")
    parser.add_argument("--markdown", action="store_true", help="print the figures as docs/reading.md's tables")
    args = parser.parse_args(argv)
    if args.check_expected:
        return check_expected()
    if args.index:
        write_index()
        return 0
    result, slots, readings = run(args.doc)
    if args.doc:
        for name in args.doc:
            print_document(name, [slot for slot in slots if slot.document == name], readings[name])
    if args.documents:
        print_documents(slots, readings)
    if args.markdown:
        print(markdown(result))
        return 0
    print_report(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.record:
        BASELINE.write_text(json.dumps(headline(result), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"recorded in {BASELINE.relative_to(CORPUS.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
