"""The whole document: split the block stream into Part 1 and the project tables, then infer year and department."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from jixiao.domain.errors import DocumentError, ReadWarning
from jixiao.domain.model import Department, Indicator, Project, TargetDocument, ValueKind
from jixiao.formats.blocks import Block, Para, Row
from jixiao.formats.interpret.header import merge_header_rows
from jixiao.formats.interpret.labels import (
    AMOUNT_UNIT_RE,
    CN_ITEM_RE,
    DOCUMENT_TITLE_RE,
    HEADER_LABELS,
    ORGANISATION_RE,
    PAGE_NUMBER_RE,
    PROJECT_TITLE_RE,
    YEAR_RE,
    label_key,
    section_of,
)
from jixiao.formats.interpret.narrative import described_projects
from jixiao.formats.interpret.overall import numbering, part1_section, read_overall
from jixiao.formats.interpret.project import ProjectReader, parse_unit, split_label
from jixiao.formats.interpret.roles import resolve_level_columns
from jixiao.formats.interpret.wide import is_listing_only, new_project, split_wide_row, stray, wide_header


@dataclass(slots=True)
class ReadResult:
    """What a reader recognised, the warnings about what it skipped, and the layout it detected."""

    document: TargetDocument
    warnings: list[ReadWarning] = field(default_factory=list)
    layout: str = ""


def is_part_marker(text: str, number: str) -> bool:
    """``第一部分`` alone or with its heading (``第一部分 部门整体绩效目标``)."""
    compact = re.sub(r"\s+", "", text)
    return compact.startswith(f"第{number}部分") and len(compact) <= 16


def document_title(text: str) -> re.Match[str] | None:
    """The match of a document title (``XX局2023年度项目支出绩效目标表``), which names no project."""
    match = DOCUMENT_TITLE_RE.match(re.sub(r"\s+", "", text))
    if match is None or (match.group("after") and not ORGANISATION_RE.match(match.group("after"))):
        return None
    return match


def project_title(text: str) -> str | None:
    """The title of a project table (``1.XX经费绩效目标表``) without its number, or None."""
    if len(text) > 80:
        return None
    match = PROJECT_TITLE_RE.match(text)
    if match is None or "部门整体" in text or CN_ITEM_RE.match(text) or document_title(text):
        return None
    return match.group("numbered") or match.group("title")


def _title_row_as_para(block: Block) -> Block:
    """A row holding nothing but a title (a spreadsheet's first row) is the title's paragraph."""
    if not isinstance(block, Row) or block.nonempty() != [block.first]:
        return block
    if project_title(block.first) or document_title(block.first) or AMOUNT_UNIT_RE.match(label_key(block.first)):
        return Para(text=block.first, line=block.line)
    return block


def _split_parts(blocks: Sequence[Block]) -> tuple[list[Para], list[Block], list[Para]]:
    """Part 1's paragraphs, Part 2's blocks, and the heading paragraphs before either part."""
    part1: list[Para] = []
    part2: list[Block] = []
    preamble: list[Para] = []
    where = "preamble"
    for block in map(_title_row_as_para, blocks):
        if isinstance(block, Para):
            text = block.text
            if PAGE_NUMBER_RE.match(text):
                continue
            if is_part_marker(text, "一") or (where == "preamble" and re.sub(r"\s", "", text) == "部门整体绩效目标"):
                where = "part1"
                continue
            if is_part_marker(text, "二"):
                where = "part2"
                continue
            if where == "part1" and re.sub(r"\s", "", text) == "部门整体绩效目标":
                continue
            if where != "part2" and project_title(text):
                where = "part2"
            if where == "part1" and part1_section(text) is None and not part1 and numbering(text) is None:
                preamble.append(block)
                continue
            if where == "preamble" and part1_section(text):
                where = "part1"
        elif where != "part2":
            where = "part2"
        if where == "part1" and isinstance(block, Para):
            part1.append(block)
        elif where == "part2":
            part2.append(block)
        elif isinstance(block, Para):
            preamble.append(block)
    return part1, part2, preamble


def _read_projects(blocks: Iterable[Block], warnings: list[ReadWarning]) -> tuple[list[ProjectReader], str | None]:
    readers: list[ProjectReader] = []
    pending_title: tuple[str, int] | None = None
    pending_unit: str | None = None
    wide: tuple[list[str], Row] | None = None
    listing = False
    for block in blocks:
        if isinstance(block, Row) and (header := wide_header(block)) is not None:
            wide = header
            continue
        if wide is not None and isinstance(block, Row):
            _wide_row(block, wide, readers, pending_unit, warnings)
            continue
        wide = None
        if isinstance(block, Row) and (_numbered_listing_header(block) or (listing and not _labelled(block))):
            # 序号 | 乡镇名称 | 项目名称 | 金额: a list of projects (an allocation table), no target table
            listing = True
            continue
        listing = False
        if isinstance(block, Para):
            title = project_title(block.text)
            unit_match = AMOUNT_UNIT_RE.match(label_key(block.text))
            if title is not None:
                pending_title = (title, block.line)
            elif unit_match is not None:
                pending_unit = unit_match.group("unit")
                if readers and readers[-1].columns is None:
                    readers[-1].amount_unit = pending_unit
            elif readers:
                warnings.append(ReadWarning("table.stray_row", block.line, {"text": block.text[:60]}))
            continue
        if pending_title is not None or not readers or _starts_new_table(block, readers[-1]):
            title, line = pending_title if pending_title else (None, block.line)
            readers.append(ProjectReader(project=Project(code=None, name=None, title=title), line=line))
            readers[-1].amount_unit, readers[-1].unit_inherited = pending_unit, pending_unit is not None
            pending_title = None
        readers[-1].feed(block, warnings)
    return readers, pending_unit


def _numbered_listing_header(row: Row) -> bool:
    """The header of a numbered list of projects: 序号 first, then a 项目名称 or 项目编码 column."""
    filled = row.nonempty()
    return (
        bool(filled)
        and label_key(filled[0]) == "序号"
        and any(HEADER_LABELS.get(label_key(cell)) in ("name", "code") for cell in filled[1:])
    )


def _labelled(row: Row) -> bool:
    return any(label_key(cell) in HEADER_LABELS or section_of(cell) for cell in row.cells if cell)


def _wide_row(
    row: Row, wide: tuple[list[str], Row], readers: list[ProjectReader], unit: str | None, warnings: list[ReadWarning]
) -> None:
    """One row of a listing of projects (:mod:`.wide`): a new project where it names one, then its indicator."""
    roles, header = wide
    cut = split_wide_row(row, roles)
    if cut.project.get("name"):
        previous = readers[-1].project if readers else None
        reader = ProjectReader(project=new_project(), line=row.line, amount_unit=unit)
        readers.append(reader)
        reader.feed(header, warnings)
        before = len(warnings)
        for role, text in cut.project.items():
            if role == "goal":
                reader.project.goal = text
            else:
                reader.set_field(role, text, row, warnings)
        reader.flagged.extend(index for index in range(before, len(warnings)) if warnings[index].field_name)
        if "unit" not in cut.project and previous is not None:
            reader.project.unit = previous.unit  # the unit's cell is merged over its projects
    elif is_listing_only(cut) or not readers:
        warnings.append(stray(row))
        return
    if cut.indicators is not None:
        readers[-1].feed(cut.indicators, warnings)


def _starts_new_table(row: Row, current: ProjectReader) -> bool:
    """A 项目编码/项目名称 row after the current project already has them starts another table; so does a unit line
    (``XX局 | 单位：万元``) after the current project's indicators, as it heads the next table."""
    keys = [HEADER_LABELS.get(label_key(cell)) for cell in row.cells]
    project = current.project
    if project.indicators and any(AMOUNT_UNIT_RE.match(label_key(cell)) for cell in row.cells if cell):
        return True
    return ("code" in keys and project.code is not None) or (
        "name" in keys and "code" not in keys and project.name is not None
    )


_YEAR_SUBTITLE_RE = re.compile(r"^[（(]?\s*(20\d{2})\s*年度?\s*[)）]?$")


def _year_subtitles(blocks: Sequence[Block]) -> list[str]:
    """``（2020年度）`` printed under a table's title, as a line or a row of its own: the year the table is for."""
    texts = [block.text if isinstance(block, Para) else " ".join(block.nonempty()) for block in blocks[:200]]
    return [f"{match.group(1)}年" for text in texts if (match := _YEAR_SUBTITLE_RE.match(text.strip()))]


def _infer_year(texts: Iterable[str], preferred: Iterable[str]) -> int | None:
    for text in preferred:
        match = YEAR_RE.search(text)
        if match:
            return int(match.group(1))
    counts = Counter(int(match.group(1)) for text in texts for match in YEAR_RE.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


def _department(readers: Sequence[ProjectReader], preamble: Sequence[Para]) -> Department:
    """The department: a printed 主管部门, else the document title's, else the budget units' code and name."""
    named = [reader.department for reader in readers if reader.department is not None]
    named += [department for para in preamble if (department := _labelled_department(para.text))]
    from_title = next((name for para in preamble if (name := _title_department(para.text))), None)
    from_units = _units_department(readers)
    if named:
        return Department(code=named[0].code or from_units.code, name=named[0].name)
    if from_title:
        return Department(code=from_units.code, name=from_title)
    return from_units


def _labelled_department(text: str) -> Department | None:
    pair = split_label(text)
    if pair is None or HEADER_LABELS[label_key(pair[0])] not in ("department", "unit"):
        return None
    unit = parse_unit(pair[1])
    return Department(code=unit.code, name=unit.name)


def _title_department(text: str) -> str | None:
    match = document_title(text)
    if match is None:
        return None
    for part in (match.group("before"), match.group("after")):
        if ORGANISATION_RE.match(part):
            return part
    return None


def _units_department(readers: Sequence[ProjectReader]) -> Department:
    units = [reader.project.unit for reader in readers if reader.project.unit is not None]
    if not units:
        return Department(code=None, name=None)
    codes = Counter(unit.code for unit in units if unit.code)
    code = codes.most_common(1)[0][0] if codes else None
    name = units[0].name
    if name:
        name = re.sub(r"[（(]\s*本级\s*[)）]$|本级$", "", name).strip() or name
    return Department(code=code, name=name)


def interpret(blocks: Sequence[Block], *, layout: str = "", ends_open: bool = True) -> ReadResult:
    """Build the document from a block stream; raise :class:`DocumentError` when no target table is recognisable.

    ``ends_open``: a copied text may end inside its last cell (False when its last line closes the cell with ``|``).
    """
    warnings: list[ReadWarning] = []
    part1, part2, preamble = _split_parts(resolve_level_columns(merge_header_rows(blocks)))
    overall = read_overall(part1, warnings) if part1 else None
    readers, trailing_unit = _read_projects(part2, warnings)
    if layout not in ("docx", "xlsx", "pdf", "html"):  # only a copied text is cut off mid-row
        _drop_cut_row(readers, blocks, warnings, ends_open)
    readers = [reader for reader in readers if _recognisable(reader)]
    cut_text = _cut_text(readers, blocks) if layout not in ("docx", "xlsx", "pdf", "html") else None
    locate(readers, warnings)
    if overall is None and not readers:
        first_line = blocks[0].line if blocks else None
        raise DocumentError("document.unrecognised", line=first_line)
    _name_overall_tables(readers, preamble)
    for reader in readers:
        _only_overall_goal(reader)
    for table, reader in enumerate(readers):
        _check_project(reader, warnings)
        warnings.extend(
            ReadWarning("project.text_joined", reader.line, {"field": _TEXT_FIELDS[name]}, table=table, field_name=name)
            for name in sorted(reader.joined & _TEXT_FIELDS.keys())
        )
        if cut_text is not None and cut_text[0] is reader:
            name = cut_text[1]
            warnings.append(
                ReadWarning(
                    "project.text_cut", reader.line, {"field": _TEXT_FIELDS[name]}, table=table, field_name=name
                )
            )
    described, warnings = _described_projects(blocks, readers, warnings)
    units = [reader.amount_unit for reader in readers if reader.amount_unit]
    units += [match.group("unit") for para in preamble if (match := AMOUNT_UNIT_RE.match(label_key(para.text)))]
    units += [trailing_unit] if trailing_unit else []
    units += ["万元"] if any(project.budget.total is not None for project in described) else []
    texts = [block.text for block in preamble] + [
        text for reader in readers for text in (reader.project.fund_use or "", reader.project.goal or "")
    ]
    titles = [para.text for para in preamble] + [reader.project.title or "" for reader in readers]
    document = TargetDocument(
        year=_infer_year(texts, _year_subtitles(blocks) + [title for title in titles if "目标" in title]),
        amount_unit=units[0] if units else None,
        department=_department(readers, preamble),
        overall=overall,
        projects=[*described, *(reader.project for reader in readers)],
        title=next((para.text for para in preamble if "目标" in para.text), None),
    )
    return ReadResult(document=document, warnings=warnings, layout=layout)


_TEXT_FIELDS = {"goal": "年度目标", "midterm_goal": "中期目标"}
_PROSE_FIELDS = {"unit": "实施单位", "total": "预算数", "fiscal": "财政资金", "goal": "年度目标"}


def _described_projects(
    blocks: Sequence[Block], readers: Sequence[ProjectReader], warnings: list[ReadWarning]
) -> tuple[list[Project], list[ReadWarning]]:
    """Projects numbered prose describes (:mod:`.narrative`): one a table prints takes what its table left empty;
    the others come first, as the prose does. Returns them and the warnings, renumbered after them."""
    texts = [
        (text, block.line)
        for block in blocks
        for text in ([block.text] if isinstance(block, Para) else [cell for cell in block.cells if cell])
        if "项目" in text
    ]
    found = described_projects(texts) if any("”项目" in text or '"项目' in text for text, _ in texts) else []
    by_name = {label_key(reader.project.name or ""): table for table, reader in enumerate(readers)}
    added: list[tuple[Project, int, list[str]]] = []
    notes: list[ReadWarning] = []
    for item in found:
        table = by_name.get(label_key(item.project.name or ""))
        if table is None:
            added.append((item.project, item.line, item.fields))
            continue
        project, filled = readers[table].project, list[str]()
        for name in item.fields:
            if name == "unit" and project.unit is None:
                project.unit, filled = item.project.unit, [*filled, name]
            elif name in ("total", "fiscal") and getattr(project.budget, name) is None:
                setattr(project.budget, name, getattr(item.project.budget, name))
                filled.append(name)
            elif name == "goal" and (project.goal is None or _completes(item.project.goal, project.goal)):
                project.goal, filled = item.project.goal, [*filled, name]  # a goal cell cut short, said in full
        notes += [_prose_note(item.line, table, name) for name in filled]
    if added:
        shift = len(added)
        warnings = [w if w.table is None else dataclasses.replace(w, table=w.table + shift) for w in warnings]
        notes = [dataclasses.replace(w, table=(w.table or 0) + shift) for w in notes]
        for table, (_, line, fields) in enumerate(added):
            notes += [_prose_note(line, table, name) for name in fields]
    return [project for project, _, _ in added], warnings + notes


def _completes(full: str | None, cut: str) -> bool:
    """Whether ``full`` is ``cut`` said to its end (the table's cell lost its tail)."""
    compact = re.sub(r"\s+", "", cut)
    return bool(full) and len(compact) >= 8 and re.sub(r"\s+", "", full or "").startswith(compact) and full != cut


def _prose_note(line: int, table: int, name: str) -> ReadWarning:
    return ReadWarning("prose.field", line, {"field": _PROSE_FIELDS[name]}, table=table, field_name=name)


def _cut_text(readers: Sequence[ProjectReader], blocks: Sequence[Block]) -> tuple[ProjectReader, str] | None:
    """The last project's goal when the document ends inside it: an excerpt cut mid-sentence leaves it incomplete."""
    if not readers or not blocks or readers[-1].project.indicators:
        return None
    last = blocks[-1]
    texts = [last.text] if isinstance(last, Para) else [cell for cell in last.cells if cell]
    if not texts or not texts[-1].strip():
        return None
    tail = texts[-1].strip()
    for name in ("goal", "midterm_goal"):
        text = (getattr(readers[-1].project, name) or "").strip()
        if text and text.endswith(tail):
            return readers[-1], name
    return None


_OVERALL_GOAL_LABELS = frozenset({"整体目标"})


def _only_overall_goal(reader: ProjectReader) -> None:
    """整体目标 beside 年度目标 is the mid-term goal; printed alone, it is the table's goal."""
    project = reader.project
    if (
        project.goal is None
        and project.midterm_goal
        and reader.section_labels.get("midterm_goal") in _OVERALL_GOAL_LABELS
    ):
        project.goal, project.midterm_goal = project.midterm_goal, None


def _name_overall_tables(readers: Sequence[ProjectReader], preamble: Sequence[Para]) -> None:
    """A department's overall table (部门整体绩效目标表) prints no 项目名称: the department it names is its name."""
    titles = [para.text for para in preamble] + [reader.project.title or "" for reader in readers]
    if not any("整体" in title and "目标" in title for title in titles):
        return
    for reader in readers:
        if reader.project.name is None and reader.department is not None and reader.department.name:
            reader.project.name = reader.department.name


def _drop_cut_row(
    readers: Sequence[ProjectReader], blocks: Sequence[Block], warnings: list[ReadWarning], ends_open: bool = True
) -> None:
    """An excerpt cut inside the table's last row leaves that row without its value: it is left out, with a
    warning, instead of being read as an indicator with a name and no target."""
    if not readers or not blocks or not readers[-1].project.indicators:
        return
    reader = readers[-1]
    last = reader.project.indicators[-1]
    if reader.last_row_line < max(block.line for block in blocks[-3:]):
        return
    if last.value.text and (not ends_open or _complete_value(last, reader.project.indicators[:-1])):
        return
    if last.value.text:  # the row may be cut inside its value (成本指标 | 气): kept, and flagged as a whole
        params = {"name": last.level3 or last.level2 or last.level1 or ""}
        position = len(reader.project.indicators) - 1
        warnings.append(ReadWarning("indicator.last_row", reader.last_row_line, params, row=position, field_name="*"))
        reader.flagged.append(len(warnings) - 1)
        return
    reader.project.indicators.pop()
    name = last.level3 or last.level2 or last.level1 or ""
    warnings.append(ReadWarning("document.cut_row", reader.last_row_line, {"name": name}))


def _complete_value(last: Indicator, before: Sequence[Indicator]) -> bool:
    """Whether the value of a row the text ends in reads as whole: a quantity with its unit (≥90%), or a bare number
    where the table's other values print none. A word (气, 数量指) may be the start of a longer one."""
    value = last.value
    if value.number is None:
        return value.kind is not ValueKind.QUALITATIVE
    return value.unit is not None or not any(other.value.unit for other in before)


def locate(readers: Sequence[ProjectReader], warnings: list[ReadWarning]) -> None:
    """Give each warning that names a field the index of its project among those read."""
    for table, reader in enumerate(readers):
        for index in reader.flagged:
            warnings[index] = dataclasses.replace(warnings[index], table=table)


def _recognisable(reader: ProjectReader) -> bool:
    project = reader.project
    return bool(project.code or project.name or project.indicators)


def _check_project(reader: ProjectReader, warnings: list[ReadWarning]) -> None:
    project = reader.project
    label = project.name or project.title or project.code or "?"
    if not project.code:
        warnings.append(ReadWarning("project.no_code", reader.line, {"name": label}))
    if not project.name:
        warnings.append(ReadWarning("project.no_name", reader.line, {"code": project.code or "?"}))
    if not project.indicators:
        warnings.append(ReadWarning("project.no_indicators", reader.line, {"name": label}))
