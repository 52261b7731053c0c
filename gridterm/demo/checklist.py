"""The hazard checklist for small shops and market stalls (小场所隐患排查), version 1."""

from __future__ import annotations

from gridterm.domain.inspections import ChecklistTemplate

CODE = "small_shop"
VERSION = 1
TITLE = "小场所消防安全隐患排查"

#: (code, text, severity, deadline days, how often it fails, what the inspector writes).
ITEMS: tuple[tuple[str, str, str, int, float, str], ...] = (
    ("wiring", "私拉乱接电线", "major", 7, 0.08, "仓库内电线私拉乱接，插排串接"),
    ("ebike_charging", "电动自行车违规停放充电", "critical", 1, 0.06, "店内停放电动车并充电"),
    ("sleeping_in_shop", "经营场所住人（三合一）", "critical", 3, 0.03, "阁楼搭床住人"),
    ("blocked_exit", "安全出口、疏散通道堵塞", "critical", 1, 0.05, "货物堆放堵塞后门"),
    ("extinguisher", "灭火器缺失、过期", "major", 7, 0.10, "灭火器压力不足，已过期"),
    ("gas_cylinder", "液化气瓶违规使用、存放", "critical", 1, 0.03, "液化气瓶放置于灶台旁"),
    ("flammables", "易燃物堆放", "major", 3, 0.06, "纸箱包装堆放靠近配电箱"),
    ("unlicensed", "无证经营、违法加工", "major", 15, 0.01, "营业执照未公示"),
)


def template_data() -> dict[str, object]:
    """The template as the server delivers it (what ``ChecklistTemplate.parse`` reads)."""
    return {
        "code": CODE,
        "version": VERSION,
        "title": TITLE,
        "items": [
            {"code": c, "text": t, "severity": s, "deadline_days": d} for c, t, s, d, _, _ in ITEMS
        ],
    }


def template(template_id: str) -> ChecklistTemplate:
    """The parsed template (validates the demo's own data with the domain's rules)."""
    return ChecklistTemplate.parse(template_id, template_data())
