"""The default national profile (全国默认): the current 产出/效益/满意度 frame and the review thresholds of
docs/domain/review.md#checks.

Frame (docs/domain/frames.md#the-frame-the-code-uses): 产出 → 数量/质量/时效/成本 and 效益 → 经济/社会/生态/可持续影响
as in every current template [E1, E3, G7]; 环境效益 is the 2016 name of 生态效益 [E5]; 满意度 → 服务对象满意度 [E1]. The
newer split of cost into 经济成本/社会成本/生态环境成本 is accepted under a level-1 成本指标 (believed to be the 2021
central frame, whose text was not read — docs/domain/README.md#unverified); a province that files them under 产出, as
Sichuan does [E11], says so in its own file.
"""

from __future__ import annotations

from jixiao.domain.profiles.base import Aspect, Frame, Level1, Level2, Profile, ReviewSettings, Thresholds

COST_SUBTYPES = (
    Level2("经济成本指标", Aspect.COST),
    Level2("社会成本指标", Aspect.COST),
    Level2("生态环境成本指标", Aspect.COST),
)

FRAME = Frame(
    (
        Level1(
            "产出指标",
            Aspect.OUTPUT,
            (
                Level2("数量指标", Aspect.QUANTITY),
                Level2("质量指标", Aspect.QUALITY),
                Level2("时效指标", Aspect.TIMELINESS),
                Level2("成本指标", Aspect.COST),
            ),
        ),
        Level1(
            "效益指标",
            Aspect.BENEFIT,
            (
                Level2("经济效益指标", Aspect.ECONOMIC),
                Level2("社会效益指标", Aspect.SOCIAL),
                Level2("生态效益指标", Aspect.ECOLOGICAL, aliases=("环境效益指标",)),
                Level2("可持续影响指标", Aspect.SUSTAINABLE),
            ),
        ),
        Level1(
            "满意度指标",
            Aspect.SATISFACTION,
            (
                Level2(
                    "服务对象满意度指标", Aspect.SATISFACTION, aliases=("社会公众或服务对象满意度指标", "满意度指标")
                ),
            ),
            aliases=("社会公众或服务对象满意度指标",),
        ),
        Level1("成本指标", Aspect.COST, COST_SUBTYPES, required=False),
    )
)

# 共性指标 seen across published tables (E1, E2, E8): projects may share them without being boilerplate.
COMMON_INDICATORS = (
    "预算执行率",
    "资金支付及时率",
    "资金拨付及时率",
    "资金到位率",
    "资金使用合规性",
    "资金使用合规率",
    "资金发放准确率",
    "补助发放准确率",
    "补助资金发放及时率",
    "项目完成率",
    "任务完成率",
    "项目按时完成率",
    "验收合格率",
    "政府采购执行率",
    "服务对象满意度",
    "群众满意度",
    "社会公众满意度",
    "项目总成本",
    "成本控制数",
)

PROFILE = Profile(
    name="national",
    title="全国默认",
    sources=(
        "E1, E3, G7 (产出/效益/满意度 required), E1, E2 (satisfaction 80–100%), S6 (at least 3 indicators); "
        "docs/domain/profiles.md#the-profiles"
    ),
    frame=FRAME,
    thresholds=Thresholds(),
    review=ReviewSettings(common_indicators=COMMON_INDICATORS),
)
