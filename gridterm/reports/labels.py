"""Words of the report files (headers, enum values) in Chinese and English.

Exports are written on the terminal and on the server, which has no Qt translations: the
words live here, once, and each export asks for its locale (zh_CN by default). The app's
preview shows the same tables, so the screen and the file say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable

from gridterm.domain import categories

Pair = tuple[str, str]

VISIT_TYPES: dict[str, Pair] = {
    "routine": ("日常走访", "Routine visit"),
    "key_group_care": ("重点人群关爱", "Key-group care"),
    "policy_publicity": ("政策宣传", "Policy publicity"),
    "dispute_mediation": ("矛盾调解", "Dispute mediation"),
    "safety_check": ("安全检查", "Safety check"),
    "epidemic_prevention": ("疫情防控", "Epidemic prevention"),
}
OUTCOMES: dict[str, Pair] = {
    "nothing_raised": ("无诉求", "Nothing raised"),
    "settled": ("当场解决", "Settled on the spot"),
    "ticket": ("转工单", "Ticket opened"),
}
TICKET_STATUSES: dict[str, Pair] = {
    "reported": ("已上报", "Reported"),
    "accepted": ("已受理", "Accepted"),
    "dispatched": ("已派单", "Dispatched"),
    "handled": ("已处置", "Handled"),
    "verified": ("已核查", "Verified"),
    "closed": ("已销号", "Closed"),
}
TICKET_STEPS: dict[str, Pair] = {
    "report": ("上报", "Reported"),
    "accept": ("受理", "Accepted"),
    "escalate": ("上报上级", "Escalated"),
    "dispatch": ("吹哨派单", "Dispatched (whistle)"),
    "report_in": ("部门报到", "Department reported in"),
    "mark_handled": ("处置", "Handled"),
    "verify": ("核查", "Verified"),
    "close": ("销号", "Closed"),
}
LEVELS: dict[str, Pair] = {
    "grid": ("网格", "Grid"),
    "community": ("社区", "Community"),
    "street_office": ("街道", "Street office"),
}
ROLES: dict[str, Pair] = {
    "grid_worker": ("网格员", "Grid worker"),
    "part_time_worker": ("兼职网格员", "Part-time grid worker"),
    "market_inspector": ("市场巡查员", "Market inspector"),
    "community_supervisor": ("社区书记", "Community supervisor"),
    "street_staff": ("街道工作人员", "Street office staff"),
}
KEY_REASONS: dict[str, Pair] = {
    "elderly_alone": ("独居老人", "Elderly living alone"),
    "empty_nest": ("空巢老人", "Empty-nest elderly"),
    "disabled": ("残疾人", "Disabled"),
    "low_income": ("困难家庭", "Low income"),
    "patient": ("慢病/定期治疗", "Chronic / regular treatment"),
    "pregnant": ("孕妇", "Pregnant"),
    "left_behind_minor": ("留守未成年人", "Minor left behind"),
    "community_correction": ("社区矫正", "Community correction"),
}
#: Headers, titles and the words around the figures.
TEXT: dict[str, Pair] = {
    "daily_title": ("工作日志", "Daily work log"),
    "monthly_title": ("月度民情分析", "Monthly summary"),
    "street_office": ("街道", "Street office"),
    "community": ("社区", "Community"),
    "grid": ("网格", "Grid"),
    "area": ("范围", "Area"),
    "date": ("日期", "Date"),
    "month": ("月份", "Month"),
    "generated_at": ("生成时间", "Generated"),
    "data_as_of": ("数据截至（最近一次确认同步）", "Data as of (last confirmed sync)"),
    "never_synced": ("尚未同步", "never synced"),
    "summary": ("汇总", "Summary"),
    # the daily log's table of one row per worker: "summary" names the sheet of key figures
    "by_worker": ("人员汇总", "By worker"),
    "worker": ("人员", "Worker"),
    "worker_id": ("工号", "Worker ID"),
    "role": ("角色", "Role"),
    "check_in": ("签到", "Check-in"),
    "check_out": ("签退", "Check-out"),
    "located": ("有定位", "Location recorded"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "visits": ("走访", "Visits"),
    "key_visits": ("重点户走访", "Key-household visits"),
    "concerns": ("群众诉求", "Concerns raised"),
    "urgent": ("紧急工单", "Urgent tickets"),
    "promise_kept": ("10分钟内响应", "Answered within 10 min"),
    # why the 10-minute rate reads "—": no urgent ticket, so no promise to keep or break
    "no_urgent": ("无紧急工单", "No urgent tickets"),
    # why the other monthly figures of nothing read "—" (coverage, escalation, time to close)
    "no_key_households": ("无重点户", "No key households"),
    "no_tickets_reported": ("无上报工单", "No tickets reported"),
    "no_tickets_closed": ("无销号工单", "No tickets closed"),
    "hazards_found": ("发现隐患", "Hazards found"),
    "hazards_closed": ("隐患销号", "Hazards closed"),
    "photos": ("照片", "Photos"),
    "last_sync": ("最近确认同步", "Last confirmed sync"),
    "time": ("时间", "Time"),
    "address": ("地址", "Address"),
    "visit_type": ("走访类型", "Visit type"),
    "outcome": ("结果", "Outcome"),
    "key": ("重点户", "Key household"),
    "title": ("标题", "Title"),
    "reported_at": ("上报时间", "Reported"),
    "accepted_at": ("受理时间", "Accepted"),
    "response_minutes": ("响应（分钟）", "Response (min)"),
    "kept": ("守诺", "Promise kept"),
    "waiting": ("等待中", "waiting"),
    "total": ("合计", "Total"),
    "area_total": ("全部", "All"),
    "checked_in": ("已签到人数", "Workers checked in"),
    "conflicts_open": ("待处理冲突", "Open conflicts"),
    "count": ("数量", "Count"),
    "by_type": ("走访类型分布", "Visits by type"),
    "by_grid": ("各网格走访", "Visits by grid"),
    "by_day": ("每日走访趋势", "Visits per day"),
    "day": ("日期", "Day"),
    "coverage": ("重点户走访覆盖", "Key-household coverage"),
    "households": ("重点户数", "Key households"),
    "covered": ("按频次走访", "On schedule"),
    "share": ("占比", "Share"),
    "missed": ("未按频次走访的重点户", "Key households not visited as scheduled"),
    "not_covered": ("未按频次走访", "Behind schedule"),
    "reasons": ("重点类别", "Reasons"),
    "head": ("户主", "Head of household"),
    "phone": ("电话", "Phone"),
    "required": ("应访次数", "Visits due"),
    "done": ("已访次数", "Visits made"),
    "last_visit": ("最近走访", "Last visit"),
    "top_concerns": ("群众诉求分类排名", "Top resident concerns"),
    "category": ("类别", "Category"),
    "previous": ("上月", "Last month"),
    "change": ("环比变化", "Change"),
    "uncategorised": ("未分类", "Uncategorised"),
    "tickets": ("工单", "Tickets"),
    "by_category": ("工单类别", "Tickets by category"),
    "by_level": ("工单层级", "Tickets by level"),
    "by_status": ("工单状态", "Tickets by state"),
    "level": ("层级", "Level"),
    "status": ("状态", "State"),
    "reported": ("本月上报", "Reported this month"),
    "escalated": ("上报上级", "Escalated"),
    "escalation_share": ("上报上级占比", "Escalation share"),
    "closed": ("本月销号", "Closed this month"),
    "mean_hours": ("平均办结时长（小时）", "Mean time to close (h)"),
    "p90_hours": ("90%办结时长（小时）", "90th percentile time to close (h)"),
    "overdue": ("超期未办结", "Overdue"),
    "promise_share": ("10分钟响应率", "10-minute promise kept"),
    "hazards": ("隐患", "Hazards"),
    "found": ("发现", "Found"),
    "eliminated": ("消除", "Eliminated"),
    "hazard_kind": ("隐患类别", "Hazard kind"),
    "by_kind": ("隐患类别分布", "Hazards by kind"),
    "by_market": ("各市场隐患", "Hazards by market"),
    "market": ("市场", "Market"),
    "open_overdue": ("逾期未整改", "Open past deadline"),
    "figure": ("指标", "Figure"),
    "value": ("数值", "Value"),
    "signature": ("负责人签字", "Supervisor's signature"),
    "page": ("第 {page} 页 / 共 {pages} 页", "Page {page} of {pages}"),
    "steps": ("工单处理", "Ticket steps"),
}


def is_english(locale: str) -> bool:
    """English for ``en*`` locales, Chinese otherwise (zh_CN is the default)."""
    return locale.lower().startswith("en")


def word(table: dict[str, Pair], code: str, locale: str) -> str:
    """``code`` in ``locale``; an unknown code as it is."""
    pair = table.get(code)
    if pair is None:
        return code
    return pair[1] if is_english(locale) else pair[0]


def text(code: str, locale: str) -> str:
    """A header or title of the report files."""
    return word(TEXT, code, locale)


def texts(locale: str) -> Callable[[str], str]:
    """``text`` in ``locale``, as a function of the code (how a document names its parts)."""
    return lambda code: text(code, locale)


def category(code: str, locale: str) -> str:
    """A ticket or concern category (the street office's list), or 未分类 for none."""
    if not code:
        return text("uncategorised", locale)
    return categories.category_label(code, "en" if is_english(locale) else "zh_CN")
