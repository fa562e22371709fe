"""Limits on what a reader takes on: each hostile file found when probing the site is refused fast, with a
Chinese message naming the limit, inside the parsing sandbox's budget of 5 s and 300 MB; the limits are settable
without Django; the sandbox gives what reading in process gives, and stops a read past its time or memory."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable

import pytest

from jixiao.domain.errors import DocumentError
from jixiao.formats import canonical, read_bytes
from jixiao.formats.ledger import ledger_rows
from jixiao.formats.limits import DEFAULT_LIMITS, MB, ReadLimits, current_limits, set_default_limits
from jixiao.formats.sandbox import Budget, read_isolated, run_isolated
from tests.conftest import SEED
from tests.core.formats import hostile

ISSUE_BUDGET = Budget(seconds=5, memory_bytes=300 * MB)  # "every hostile file refused within 5 s and 300 MB"

# (builder, the code it is refused with, words of the message that name the limit)
HOSTILE: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "17 KB workbook declaring XFD1048576": (hostile.xlsx_far_cell, "limit.sheet_rows", "工作表行数上限 100000 行"),
    "merged range over the whole sheet": (hostile.xlsx_merged_bomb, "limit.sheet_rows", "工作表行数上限"),
    "billion laughs in a worksheet": (hostile.xlsx_billion_laughs, "document.corrupt", "DTD"),
    "PDF with a 40 MB Flate stream": (hostile.pdf_flate_bomb, "limit.pdf_stream_bytes", "数据流大小上限 16 MB"),
    "PDF of 5,000 pages": (hostile.pdf_many_pages, "limit.pdf_pages", "页数上限 500 页"),
    "Word file whose document.xml is 190 MB": (
        hostile.docx_big_document,
        "limit.zip_member_bytes",
        "单个部件解压大小上限 32 MB",
    ),
    "50 MB text": (hostile.big_text, "limit.upload_size", "上传文件大小上限 20 MB"),
    "HTML cells spanning a million cells each": (hostile.html_span_bomb, "limit.table_cells", "表格单元格数上限"),
    "JSON nested 100,000 deep": (hostile.nested_json, "limit.json_depth", "嵌套层数上限"),
    "JSON integer of 5,000 digits": (hostile.huge_integer_json, "limit.json_number", "数字长度上限 40 个字符"),
    "JSON lone surrogate": (hostile.surrogate_json, "json.surrogate", "单独的代理项"),
}


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return {name: build() for name, (build, _code, _words) in HOSTILE.items()}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_is_refused_fast_naming_the_limit(name: str, built: dict[str, bytes]) -> None:
    _build, code, words = HOSTILE[name]
    started = time.perf_counter()
    with pytest.raises(DocumentError) as refused:
        read_bytes(built[name])
    assert time.perf_counter() - started < 2
    assert refused.value.code == code
    assert words in str(refused.value)


def test_hostile_files_are_refused_within_5_s_and_300_mb_in_the_sandbox(built: dict[str, bytes]) -> None:
    """In a child capped at 300 MB more than it started with: past it, the refusal would be ``limit.parse_memory``."""
    for name, (_build, code, _words) in HOSTILE.items():
        started = time.perf_counter()
        with pytest.raises(DocumentError) as refused:
            read_isolated(built[name], budget=ISSUE_BUDGET)
        assert (name, refused.value.code) == (name, code)
        assert time.perf_counter() - started < 5


def test_the_limits_are_settable_without_django() -> None:
    seed = SEED.read_bytes()
    with pytest.raises(DocumentError, match="上传文件大小上限 1 KB") as refused:
        read_bytes(seed, limits=ReadLimits(upload_bytes=1024))
    assert refused.value.code == "limit.upload_size"
    with pytest.raises(DocumentError, match="行数上限 10 行"):
        read_bytes(seed, limits=DEFAULT_LIMITS.replace(rows=10))
    with pytest.raises(DocumentError, match="文字长度上限 100 个字符"):
        read_bytes(seed, limits=DEFAULT_LIMITS.replace(text_chars=100))
    set_default_limits(DEFAULT_LIMITS.replace(upload_bytes=1024))
    try:
        with pytest.raises(DocumentError, match="上传文件大小上限"):
            read_bytes(seed)
    finally:
        set_default_limits(DEFAULT_LIMITS)
    assert current_limits() is DEFAULT_LIMITS
    with pytest.raises(TypeError):
        DEFAULT_LIMITS.replace(no_such_limit=1)


def test_zip_limits_ratio_members_and_total() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * (4 * MB))
    with pytest.raises(DocumentError, match="压缩比上限 100:1") as refused:
        read_bytes(out.getvalue())
    assert refused.value.code == "limit.zip_ratio"
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        for number in range(30):
            archive.writestr(f"xl/part{number}.xml", b"<x/>")
    with pytest.raises(DocumentError, match="部件数上限 20 个"):
        read_bytes(many.getvalue(), limits=DEFAULT_LIMITS.replace(zip_members=20))
    with pytest.raises(DocumentError, match="解压总大小上限 100 字节"):
        read_bytes(many.getvalue(), limits=DEFAULT_LIMITS.replace(zip_total_bytes=100))


def test_sheet_cells_and_columns_are_limited_before_openpyxl_walks_them() -> None:
    wide = hostile.xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c>'
                        '<c r="ZZ1" t="inlineStr"><is><t>x</t></is></c></row>')  # fmt: skip
    with pytest.raises(DocumentError, match="工作表列数上限 100 列") as refused:
        read_bytes(wide, limits=DEFAULT_LIMITS.replace(sheet_columns=100))
    assert "ZZ 列" in str(refused.value)
    merged = hostile.xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>',
                          '<mergeCells count="1"><mergeCell ref="A1:Z1000"/></mergeCells>')  # fmt: skip
    with pytest.raises(DocumentError, match="单元格数上限 10000 个"):
        read_bytes(merged, limits=DEFAULT_LIMITS.replace(sheet_cells=10_000))


def test_json_limits_apply_to_canonical_loads() -> None:
    assert canonical.loads('{"a": [[[1]]], "b": 12.50, "c": "\\ud83d\\ude00"}')["c"] == "😀"
    with pytest.raises(DocumentError, match="嵌套超过 2 层"):
        canonical.loads('{"a": [[1]]}', DEFAULT_LIMITS.replace(json_depth=2))
    with pytest.raises(DocumentError) as refused:
        canonical.loads('{\n"year": 1e999999999}')
    assert (refused.value.code, refused.value.params["line"]) == ("limit.json_number", 2)
    # brackets inside strings are text, not nesting
    assert canonical.loads('{"a": "' + "[" * 500 + '"}')["a"] == "[" * 500


def test_the_sandbox_reads_as_the_process_does() -> None:
    seed = SEED.read_bytes()
    isolated, direct = read_isolated(seed), read_bytes(seed)
    assert isolated.document == direct.document
    assert isolated.warnings == direct.warnings
    assert isolated.layout == direct.layout
    with pytest.raises(DocumentError) as refused:
        read_isolated(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    assert refused.value.code == "document.legacy_office"
    ledger = "日期,金额,项目编码\n2021-03-01,100.00,A1\n".encode()
    assert run_isolated("ledger", ledger) == ledger_rows(ledger)


def test_the_sandbox_stops_a_read_past_its_time() -> None:
    slow = " ".join(f"w{number}" for number in range(200_000)).encode()  # about 90 s to read in process
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="时间上限 1 秒") as refused:
        read_isolated(slow, budget=Budget(seconds=1))
    assert refused.value.code == "limit.parse_time"
    assert time.perf_counter() - started < 4


def test_the_sandbox_stops_a_read_past_its_memory() -> None:
    rows = "".join(
        f'<row r="{row}">' + "".join(f'<c r="{col}{row}"><v>{row}</v></c>' for col in "ABCDEFGHIJ") + "</row>"
        for row in range(1, 20_001)
    )
    big = hostile.xlsx(rows)  # 200,000 cells: within the limits, well over 32 MB in openpyxl
    with pytest.raises(DocumentError, match="内存上限 32 MB") as refused:
        read_isolated(big, budget=Budget(seconds=30, memory_bytes=32 * MB))
    assert refused.value.code == "limit.parse_memory"


def test_pdf_characters_and_objects_are_counted_before_any_page_is_read() -> None:
    pdf = hostile.pdf_many_pages(300)  # one small text object on each page
    with pytest.raises(DocumentError, match="到第 101 页时文字和图形对象已超过 200 个") as refused:
        read_bytes(pdf, limits=DEFAULT_LIMITS.replace(pdf_objects=200))
    assert refused.value.code == "limit.pdf_objects"
