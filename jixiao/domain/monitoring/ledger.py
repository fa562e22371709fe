"""Importing payments from a finance-system ledger (台账) in two phases: read every row into a :class:`Payment`,
collecting *every* error with its row and column; the caller writes only when there is none (so a bad ledger never
half-imports).

The columns are named by a :class:`LedgerMapping` — the header texts of the department's ledger (or column letters),
saved per department by the web application and reused. Amounts are converted from the ledger's unit (元 by
default) to the projects' unit (万元 by default) exactly, in Decimal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.domain.errors import DocumentError
from jixiao.domain.monitoring.model import Payment
from jixiao.domain.values import normalise

LedgerRow = tuple[int, Sequence[str]]  # the row's line (spreadsheet row or CSV line) and its cells

UNIT_FACTORS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "亿元": Decimal(10**8),
}
_LETTERS_RE = re.compile(r"^[A-Z]{1,3}$")
_DATE_RES = (
    re.compile(
        r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
    ),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),
)
_FIELDS = ("date", "amount", "project", "payee", "purpose", "voucher")
_FIELD_NAMES = {
    "date": "日期",
    "amount": "金额",
    "project": "项目编码",
    "payee": "收款人",
    "purpose": "用途（摘要）",
    "voucher": "凭证号",
}


@dataclass(frozen=True, slots=True)
class LedgerMapping:
    """Which ledger column holds what: header texts (``记账日期``, ``借方金额`` …) or column letters (``A``).

    ``date`` and ``amount`` are required; ``project`` only when one ledger covers several projects.
    ``header_line`` is the header row's line; None finds the first row holding every mapped header.
    """

    date: str
    amount: str
    project: str | None = None
    payee: str | None = None
    purpose: str | None = None
    voucher: str | None = None
    amount_unit: str = "元"
    header_line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """A plain dict for storage (JSON)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LedgerMapping:
        """A mapping from stored data; wrong content raises ``ledger.mapping``."""
        known = {field.name for field in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise DocumentError("ledger.mapping", reason=f"未知字段 {', '.join(unknown)}")
        for name in ("date", "amount"):
            if not isinstance(data.get(name), str) or not str(data.get(name)).strip():
                raise DocumentError("ledger.mapping", reason=f"必须指定{_FIELD_NAMES[name]}列")
        if data.get("amount_unit", "元") not in UNIT_FACTORS:
            raise DocumentError("ledger.mapping", reason=f"金额单位应为 {'、'.join(UNIT_FACTORS)}")
        line = data.get("header_line")
        if line is not None and (isinstance(line, bool) or not isinstance(line, int) or line < 1):
            raise DocumentError("ledger.mapping", reason="表头行号应为正整数")
        return cls(**{name: data[name] for name in known if name in data})

    def columns(self) -> dict[str, str]:
        """The mapped fields and their column names."""
        return {name: value for name in _FIELDS if (value := getattr(self, name))}


@dataclass(frozen=True, slots=True)
class LedgerImport:
    """The result of reading a ledger: payments only when ``errors`` is empty (nothing is half-imported)."""

    payments: tuple[Payment, ...]
    errors: tuple[DocumentError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def _header_key(text: str) -> str:
    return re.sub(r"\s+", "", normalise(text)).rstrip(":")


def _column_index(name: str, header: Sequence[str]) -> int | None:
    keys = [_header_key(cell) for cell in header]
    wanted = _header_key(name)
    if wanted in keys:
        return keys.index(wanted)
    if _LETTERS_RE.match(name):
        index = 0
        for letter in name:
            index = index * 26 + ord(letter) - ord("A") + 1
        return index - 1
    return None


def _find_header(rows: Sequence[LedgerRow], mapping: LedgerMapping) -> int:
    """The index in ``rows`` of the header row: the given line, else the first row holding the most mapped headers
    (-1 when the mapping uses column letters only and there is no header)."""
    if mapping.header_line is not None:
        return next((index for index, (line, _) in enumerate(rows) if line == mapping.header_line), -1)
    names = {_header_key(name) for name in mapping.columns().values() if not _LETTERS_RE.match(name)}
    if not names:
        return -1
    found = [len(names & {_header_key(cell) for cell in cells}) for _, cells in rows]
    return found.index(max(found)) if found and max(found) > 0 else -1


_TOTAL_WORDS = frozenset({"合计", "小计", "总计", "本月合计", "本年累计", "累计"})


def _is_total(cells: Sequence[str]) -> bool:
    """A 合计 row at the foot of a ledger (or of each month) is no payment."""
    return any(_header_key(cell) in _TOTAL_WORDS for cell in cells if cell)


def parse_date(text: str) -> dt.date | None:
    """``2021-03-15``, ``2021/3/15``, ``2021.3.15``, ``2021年3月15日`` (with an optional time) or ``20210315``."""
    body = normalise(text).strip()
    for pattern in _DATE_RES:
        if match := pattern.match(body):
            try:
                return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            except ValueError:
                return None
    return None


def parse_money(text: str) -> Decimal | None:
    """``1,234.50``, ``¥1234.5``, ``1234.50元``, ``-200``, accounting ``(200.00)`` as a Decimal, or None."""
    body = normalise(text).replace(",", "").replace(" ", "").lstrip("¥￥").removesuffix("元")
    negative = body.startswith("(") and body.endswith(")")
    body = body.strip("()")
    if not re.fullmatch(r"[+-]?\d+(?:\.\d+)?", body):
        return None
    try:
        number = Decimal(body)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None
    return -number if negative else number


@dataclass(frozen=True, slots=True)
class _Settings:
    year: int | None
    projects: Collection[str] | None
    default_project: str | None
    amount_unit: str


class _RowReader:
    def __init__(self, header: Sequence[str], mapping: LedgerMapping, settings: _Settings) -> None:
        self.header, self.mapping, self.settings = header, mapping, settings
        self.errors: list[DocumentError] = []
        self.columns: dict[str, int] = {}
        for field_name, name in mapping.columns().items():
            index = _column_index(name, header)
            if index is None:
                self.errors.append(DocumentError("ledger.no_column", name=name, field=_FIELD_NAMES[field_name]))
            else:
                self.columns[field_name] = index

    def cell(self, cells: Sequence[str], field_name: str) -> str:
        index = self.columns.get(field_name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def fail(self, code: str, line: int, field_name: str, **params: Any) -> None:
        index = self.columns[field_name]
        header = self.header[index] if index < len(self.header) else getattr(self.mapping, field_name)
        self.errors.append(DocumentError(code, line=line, column=index + 1, header=header, **params))

    def payment(self, line: int, cells: Sequence[str]) -> Payment | None:
        date, amount = self._date(line, cells), self._amount(line, cells)
        valid, project = self._project(line, cells)
        if date is None or amount is None or not valid:
            return None
        return Payment(
            date=date,
            amount=amount,
            project=project or self.settings.default_project,
            payee=self.cell(cells, "payee") or None,
            purpose=self.cell(cells, "purpose") or None,
            voucher=self.cell(cells, "voucher") or None,
            line=line,
        )

    def _date(self, line: int, cells: Sequence[str]) -> dt.date | None:
        text = self.cell(cells, "date")
        if not text:
            self.fail("ledger.required", line, "date")
            return None
        date = parse_date(text)
        year = self.settings.year
        if date is None:
            self.fail("ledger.date", line, "date", text=text)
        elif year is not None and date.year != year:
            self.fail("ledger.year", line, "date", date=date.isoformat(), year=year)
            return None
        return date

    def _amount(self, line: int, cells: Sequence[str]) -> Decimal | None:
        text = self.cell(cells, "amount")
        if not text:
            self.fail("ledger.required", line, "amount")
            return None
        amount = parse_money(text)
        if amount is None:
            self.fail("ledger.amount", line, "amount", text=text)
            return None
        return amount * UNIT_FACTORS[self.mapping.amount_unit] / UNIT_FACTORS[self.settings.amount_unit]

    def _project(self, line: int, cells: Sequence[str]) -> tuple[bool, str | None]:
        """Whether the row's project is valid, and its code (None: the default project)."""
        if "project" not in self.columns:
            return True, None
        text, projects = self.cell(cells, "project"), self.settings.projects
        if not text and self.settings.default_project is None:
            self.fail("ledger.required", line, "project")
            return False, None
        if text and projects is not None and text not in projects:
            self.fail("ledger.unknown_project", line, "project", text=text)
            return False, None
        return True, text or None


def import_ledger(
    rows: Sequence[LedgerRow],
    mapping: LedgerMapping,
    *,
    year: int | None = None,
    projects: Collection[str] | None = None,
    default_project: str | None = None,
    amount_unit: str = "万元",
) -> LedgerImport:
    """Read a ledger's rows into payments (in ``amount_unit``), or report every error with its row and column.

    ``year`` rejects dates of another year; ``projects`` (codes) rejects rows naming an unknown project;
    ``default_project`` is the project of rows that name none (a one-project ledger).
    """
    header_index = _find_header(rows, mapping)
    header = rows[header_index][1] if header_index >= 0 else ()
    if amount_unit not in UNIT_FACTORS:
        raise ValueError(f"unknown amount unit {amount_unit}")
    settings = _Settings(year, projects, default_project, amount_unit)
    reader = _RowReader(header, mapping, settings)
    if reader.errors:
        return LedgerImport((), tuple(reader.errors))
    payments = [
        payment
        for line, cells in rows[header_index + 1 :]
        if any(cell.strip() for cell in cells)
        and not _is_total(cells)
        and (payment := reader.payment(line, cells)) is not None
    ]
    if not payments and not reader.errors:
        reader.errors.append(DocumentError("ledger.empty"))
    return LedgerImport(() if reader.errors else tuple(payments), tuple(reader.errors))
