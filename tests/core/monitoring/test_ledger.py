"""Ledger import in two phases: every error with its row and column, payments only when there is none."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.domain.errors import DocumentError
from jixiao.domain.monitoring import LedgerMapping, import_ledger, parse_date, parse_money
from jixiao.formats.ledger import ledger_rows

D = Decimal
MAPPING = LedgerMapping(date="记账日期", amount="借方金额", project="项目编码", payee="收款单位", purpose="摘要",
                        voucher="凭证号")  # fmt: skip
CODES = {"130304217IZ2UBLXPFIGE", "130304219BN52UPM55EI7"}

GOOD_CSV = """\
北戴河区老干部局 2021年支出明细账
凭证号,记账日期,摘要,收款单位,项目编码,借方金额
记-0012,2021-03-15,发放一季度关心下一代生活补助,北戴河区关工委,130304217IZ2UBLXPFIGE,"12,500.00"
记-0031,2021/6/30,特困老干部帮扶金,个人（12人）,130304219BN52UPM55EI7,6000
记-0045,2021年9月1日,冲销多付补助,北戴河区关工委,130304217IZ2UBLXPFIGE,(500.00)
,,本年累计,,,"18,000.00"
"""

BAD_CSV = """\
凭证号,记账日期,摘要,收款单位,项目编码,借方金额
记-0012,2021-13-15,补助,关工委,130304217IZ2UBLXPFIGE,100
记-0013,2021-03-16,补助,关工委,NOPE,100
记-0014,,补助,关工委,130304217IZ2UBLXPFIGE,一百元
记-0015,2020-12-31,补助,关工委,130304217IZ2UBLXPFIGE,100
"""


def test_a_good_ledger_becomes_payments_in_the_projects_unit() -> None:
    result = import_ledger(ledger_rows(GOOD_CSV.encode("gb18030")), MAPPING, year=2021, projects=CODES)
    assert result.ok and result.errors == ()
    first, second, third = result.payments
    assert (first.date, first.amount, first.voucher, first.payee) == (
        dt.date(2021, 3, 15),
        D("1.25"),
        "记-0012",
        "北戴河区关工委",
    )
    assert (
        first.project == "130304217IZ2UBLXPFIGE" and first.purpose == "发放一季度关心下一代生活补助" and first.line == 3
    )
    assert (second.date, second.amount) == (dt.date(2021, 6, 30), D("0.6"))
    assert third.amount == D("-0.05")  # a reversal in accounting brackets


def test_every_error_is_reported_with_row_and_column_and_nothing_is_imported() -> None:
    result = import_ledger(ledger_rows(BAD_CSV.encode()), MAPPING, year=2021, projects=CODES)
    assert not result.ok and result.payments == ()
    found = [(error.code, error.line, error.column) for error in result.errors]
    assert found == [
        ("ledger.date", 2, 2),
        ("ledger.unknown_project", 3, 5),
        ("ledger.required", 4, 2),
        ("ledger.amount", 4, 6),
        ("ledger.year", 5, 2),
    ]
    assert str(result.errors[1]) == "第 3 行“项目编码”列：没有编码为“NOPE”的项目。"


def test_a_mapping_naming_columns_the_ledger_lacks_reports_each() -> None:
    mapping = LedgerMapping(date="日期", amount="金额", voucher="凭证编号")
    result = import_ledger(ledger_rows(GOOD_CSV.encode()), mapping)
    assert [error.code for error in result.errors] == ["ledger.no_column"] * 3
    assert "“凭证编号”" in str(result.errors[2])


def test_column_letters_work_without_a_header_and_a_one_project_ledger_needs_no_code_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([dt.datetime(2021, 4, 2), 3200.5, "办公用品"])
    sheet.append([dt.datetime(2021, 5, 6), 800, "印刷费"])
    sheet["B1"].number_format = "#,##0.00"
    path = tmp_path / "ledger.xlsx"
    workbook.save(path)
    mapping = LedgerMapping(date="A", amount="B", purpose="C")
    result = import_ledger(ledger_rows(path.read_bytes()), mapping, default_project="P1")
    assert [(p.date, p.amount, p.project) for p in result.payments] == [
        (dt.date(2021, 4, 2), D("0.32005"), "P1"),
        (dt.date(2021, 5, 6), D("0.08"), "P1"),
    ]


def test_an_empty_ledger_is_an_error() -> None:
    result = import_ledger(ledger_rows("凭证号,记账日期,摘要,收款单位,项目编码,借方金额\n".encode()), MAPPING)
    assert [error.code for error in result.errors] == ["ledger.empty"]


def test_the_mapping_round_trips_through_a_dict_and_rejects_bad_data() -> None:
    assert LedgerMapping.from_dict(MAPPING.to_dict()) == MAPPING
    for bad in ({"date": "日期"}, {"date": "日期", "amount": "金额", "colour": "red"},
                {"date": "日期", "amount": "金额", "amount_unit": "美元"},
                {"date": "日期", "amount": "金额", "header_line": 0}):  # fmt: skip
        with pytest.raises(DocumentError) as raised:
            LedgerMapping.from_dict(bad)
        assert raised.value.code == "ledger.mapping"


@pytest.mark.parametrize(
    ("text", "date"),
    [("2021-03-15", dt.date(2021, 3, 15)), ("2021/3/5", dt.date(2021, 3, 5)), ("2021.03.05", dt.date(2021, 3, 5)),
     ("2021年3月5日", dt.date(2021, 3, 5)), ("20210305", dt.date(2021, 3, 5)),
     ("2021-03-05 10:30", dt.date(2021, 3, 5)),
     ("2021-02-30", None), ("三月五日", None)],
)  # fmt: skip
def test_ledger_dates(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("text", "amount"),
    [("1,234.50", D("1234.50")), ("¥1234.5", D("1234.5")), ("1234.50元", D("1234.50")), ("-200", D(-200)),
     ("(200.00)", D("-200.00")), ("一百", None), ("", None)],
)  # fmt: skip
def test_ledger_amounts(text: str, amount: Decimal | None) -> None:
    assert parse_money(text) == amount
