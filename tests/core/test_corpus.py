"""The corpus of real documents (tests/corpus): its readings are well formed, and no reading figure gets worse.

The figures are the harness's (``make corpus``); ``tests/corpus/baseline.json`` holds the ones recorded in
docs/reading.md. Reading better is recorded with ``python -m tests.corpus.harness --record``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.corpus.harness import BASELINE, headline, run, write_index
from tests.corpus.schema import CORPUS, check, load_all

# A share may wobble in its last recorded digit when a document is added; anything more is a real drop.
TOLERANCE = 0.0001


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    result, _slots, _readings = run()
    return headline(result)


def test_every_expected_reading_is_well_formed() -> None:
    problems = [line for path, data in load_all() for line in check(data, path.name)]
    assert problems == []


def test_the_corpus_has_a_hundred_real_documents_of_fifteen_provinces() -> None:
    readings = [data for _path, data in load_all()]
    assert len(readings) >= 100
    assert len({data["province"] for data in readings if data.get("province")}) >= 15
    assert all(data["source_url"].startswith("http") for data in readings)


def test_the_index_lists_every_document(tmp_path: Any) -> None:
    before = (CORPUS / "INDEX.tsv").read_text(encoding="utf-8")
    write_index()
    assert (CORPUS / "INDEX.tsv").read_text(encoding="utf-8") == before, "run: python -m tests.corpus.harness --index"


def test_no_document_crashes_a_reader(figures: dict[str, Any]) -> None:
    assert figures["crashed"] == 0


@pytest.mark.parametrize("name", ["target_indicator_right", "target_project_right", "selfeval_right"])
def test_no_share_of_right_fields_drops_below_the_recorded_one(figures: dict[str, Any], name: str) -> None:
    recorded = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert figures[name] >= recorded[name] - TOLERANCE


@pytest.mark.parametrize("name", ["silently_wrong", "office_silently_wrong"])
def test_no_more_fields_are_silently_wrong_than_recorded(figures: dict[str, Any], name: str) -> None:
    recorded = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert figures[name] <= recorded[name]


def test_the_word_file_with_midterm_and_annual_side_by_side_reads_the_annual_value_and_keeps_the_midterm() -> None:
    from jixiao.formats import read_path

    document = read_path(CORPUS / "office" / "162-midterm.docx").document
    (indicator,) = [i for i in document.projects[0].indicators if i.level3 == "学校设施设备更新改造项目数量"]
    assert indicator.value.text == "≥57个"
    assert indicator.midterm_value is not None and indicator.midterm_value.text == "≥171个"
    assert document.projects[0].budget.total == 10000 and document.projects[0].budget.midterm == 30000
