"""Degraded copies read back, as real documents arrive (scanned, converted, re-typed): any target document, rendered in
each layout family real published copies come in (tests/corpus/degrade.py), with OCR confusions in its labels or in
Traditional Chinese with injected pinyin, reads back through :func:`jixiao.formats.read_bytes` as the same document on
every field the family prints.

Documents: generated from the indicator frame (level names from ``DEFAULT_FRAME``, indicator names from Chinese
words, values in the shapes real tables print), and the seed. The demo generator (``jixiao.web.generate``) is not
used: it imports the Django models, and this tier runs without Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.domain.frame import DEFAULT_FRAME
from jixiao.domain.model import Budget, Department, Indicator, IndicatorValue, Project, TargetDocument, Unit
from jixiao.domain.values import parse_value
from jixiao.formats import read_bytes, read_path
from jixiao.formats.normalise import normalise_cell
from tests.conftest import SEED
from tests.corpus.degrade import FAMILIES, Family, ocr_labels, to_traditional, traditional

PROPERTY = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# -- generated documents ------------------------------------------------------------------------------------------

SUBJECTS = (
    "集中供水工程", "分散供水设施", "农村公路", "校舍维修改造", "公办幼儿园", "空气自动监测站", "困难群众",
    "村级活动场所", "老干部活动中心", "幼儿园教师培训", "公益林管护", "生活垃圾清运", "重点实验室", "学生资助",
)  # fmt: skip
MEASURES = (
    "数量", "覆盖率", "验收合格率", "完成时间", "补助标准", "受益人数", "满意度", "完成及时率", "建设成本",
    "维修养护面积", "运行维护天数",
)  # fmt: skip
# Whole names as real tables print them, short ones included (a four-character name reads like a unit).
NAMES = (
    "受益人口", "开工时限", "竣工时限", "项目(工程)验收合格率", "贫困地区新增特色产业数量", "资金支付及时率",
    "学生家长满意度", "新增发明专利授权数", "科研团队稳定性", "公众对空气质量改善满意度", "PM2.5年均浓度",
)  # fmt: skip
VALUES = (
    "≥95%", "100%", "50人", "≤10万元", "2023年12月底前", "效果明显", "≥90%", ">=98%", "12个", "≥1200人次",
    "≤1.2万元", "稳步提高", "达标", "95%以上", "不低于85%", "2023年11月30日前", "长期", "=300天", "≤3个工作日",
    "80%-90%", "≥8.6万人", "1座", "3550平方米", "2km", "≤475元/亩", "明显改善", "≤42微克/立方米", "合格",
)  # fmt: skip
PROJECT_SUFFIXES = ("专项经费", "补助资金", "项目", "运行经费", "维修养护")
DEPARTMENTS = ("云溪县水利局", "河西市生态环境局", "金寨县司法局", "武川县民族事务委员会", "江州市科学技术局")
UNITS = ("云溪县农村饮水安全管理站", "河西市环境监测站", "江州市科技创新服务中心", "党群办", "化工区学校")
GOALS = (
    "对全县46处集中供水工程开展维修养护，保障农村供水工程正常运行。",
    "完成小流域综合治理面积12平方公里，项目区水土流失治理率达到70%以上。",
    "全面改善农村义务教育薄弱学校办学条件，进一步提高义务教育均衡发展水平。",
    "按时足额发放村组干部报酬，维护基层社会稳定。",
    "为水濂村带来观光游客不少于6万人，村集体收入达6万元。",
    "目标1：支持重点实验室5家。目标2：新增发明专利授权30件以上。",
)

level3_names = st.one_of(
    st.tuples(st.sampled_from(SUBJECTS), st.sampled_from(MEASURES)).map("".join), st.sampled_from(NAMES)
)
values = st.sampled_from(VALUES).map(parse_value)


@st.composite
def indicator_groups(draw: st.DrawFn, midterm: bool) -> list[Indicator]:
    """Indicators in frame order: 产出 always, 效益 and 满意度 often, one to three level-2 groups of one or two rows."""
    indicators: list[Indicator] = []
    for level1, level2_names in DEFAULT_FRAME.items():
        if level1 != "产出指标" and not draw(st.booleans()):
            continue
        chosen = draw(st.lists(st.sampled_from(level2_names), min_size=1, max_size=3, unique=True))
        for level2 in sorted(chosen, key=level2_names.index):
            for _ in range(draw(st.integers(1, 2))):
                value = draw(values)
                indicators.append(
                    Indicator(
                        level1, level2, draw(level3_names), value, midterm_value=draw(values) if midterm else None
                    )
                )
    return indicators


@st.composite
def projects(draw: st.DrawFn) -> Project:
    total = draw(st.decimals(min_value=1, max_value=99999, places=draw(st.sampled_from([0, 2]))))
    other = draw(st.sampled_from([Decimal(0), Decimal("0.00"), None, (total / 5).quantize(total)]))
    name = (
        draw(st.sampled_from(["", "2023年"]))
        + draw(st.sampled_from(SUBJECTS))
        + draw(st.sampled_from(PROJECT_SUFFIXES))
    )
    return Project(
        code=draw(st.one_of(st.none(), st.from_regex(r"[0-9]{8}[0-9A-Z]{6,13}", fullmatch=True))),
        name=name,
        unit=Unit(code=None, name=draw(st.sampled_from(UNITS))),
        budget=Budget(total=total, fiscal=total - (other or 0), other=other),
        goal=draw(st.sampled_from(GOALS)),
        indicators=draw(indicator_groups(draw(st.booleans()))),
    )


@st.composite
def documents(draw: st.DrawFn) -> TargetDocument:
    department = Department(code=draw(st.one_of(st.none(), st.from_regex(r"[0-9]{3,6}", fullmatch=True))),
                            name=draw(st.sampled_from(DEPARTMENTS)))  # fmt: skip
    return TargetDocument(
        year=2023,
        amount_unit="万元",
        department=department,
        projects=draw(st.lists(projects(), min_size=1, max_size=2)),
    )


# -- what a family prints ---------------------------------------------------------------------------------------


def _value(value: IndicatorValue | None, text: str | None = None) -> tuple[Any, ...] | None:
    if value is None:
        return None
    return (value.text if text is None else text, value.comparator, value.number, value.unit)


def printed(document: TargetDocument, family: Family, *, original: bool) -> dict[str, Any]:
    """The fields ``family`` prints, from the original (values as the family gives them back) or the reading."""

    def indicator(item: Indicator) -> tuple[Any, ...]:
        value = _value(item.value, family.value_text(item.value) if original else None)
        midterm = _value(item.midterm_value) if family.midterm else None
        return (item.level1, item.level2, item.level3, value, midterm)

    return {
        "department": document.department.name,
        "projects": [
            {
                "name": project.name,
                "code": project.code,
                "unit": project.unit.name if project.unit else None,
                "budget": (project.budget.total, project.budget.fiscal, project.budget.other),
                "goal": project.goal,
                "indicators": [indicator(item) for item in project.indicators],
            }
            for project in document.projects
        ],
    }


@dataclass(frozen=True, slots=True)
class Case:
    """A family, maybe degraded further: OCR confusions in its labels, or Traditional with injected pinyin."""

    family: Family
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.family.name}-{self.variant}" if self.variant else self.family.name

    def render(self, document: TargetDocument, seed: int) -> str:
        if self.variant == "ocr":
            return self.family.render(document, label=ocr_labels(seed, fused=self.family.fused))
        text = self.family.render(document)
        return traditional(text, seed=seed) if self.variant == "traditional" else text


CASES = [Case(family, variant) for family in FAMILIES for variant in ("", "ocr", "traditional")]


def reads_back(case: Case, document: TargetDocument, seed: int = 0) -> None:
    text = case.render(document, seed)
    reading = read_bytes(text.encode("utf-8")).document
    assert printed(reading, case.family, original=False) == printed(document, case.family, original=True), text


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
@PROPERTY
@given(document=documents(), seed=st.integers(0, 2**16))
def test_a_generated_document_reads_back_from_a_degraded_copy(case: Case, document: TargetDocument, seed: int) -> None:
    reads_back(case, document, seed)


@cache
def seed() -> TargetDocument:
    return read_path(SEED).document


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_the_seed_reads_back_from_a_degraded_copy(case: Case) -> None:
    reads_back(case, seed())


def test_the_generated_texts_survive_traditional_and_back() -> None:
    """The Traditional variant compares with the original, so every generated text must convert back unchanged."""
    texts = [*SUBJECTS, *MEASURES, *NAMES, *VALUES, *PROJECT_SUFFIXES, *DEPARTMENTS, *UNITS, *GOALS]
    texts += [name for names in DEFAULT_FRAME.values() for name in names] + list(DEFAULT_FRAME)
    assert [text for text in texts if normalise_cell(to_traditional(text), traditional=True) != text] == []


def test_the_families_are_the_six_the_corpus_names() -> None:
    assert [family.name for family in FAMILIES] == ["pipe", "pipelines", "lines", "space", "runon", "split"]
