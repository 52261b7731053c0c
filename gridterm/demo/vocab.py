"""The fixed words of the demo: place names, what residents raise, ticket titles, trades."""

from __future__ import annotations

import json

from gridterm.domain.categories import DEFAULT_FILE, ticket_categories

STREET_OFFICE = "东湖街道"
MARKET = "东湖机电五金城"

#: Community names (社区); the demo adds 二/三… when it needs more than there are.
COMMUNITIES = (
    "东湖 翠苑 桂花园 金桥 新华 幸福里 锦绣 和平 长青 春晖 望江 玉泉 紫荆 梧桐 枫林 南苑 北苑 百合"
    " 丽水 康乐 水果湖 珞珈 卓刀泉 关山 鲁巷 广埠屯 书城 松涛 梅园 听涛 楚康 华中 东亭 沙湖"
).split()

#: Mottos residential grids are named after (和美网格, 连心网格…).
GRID_MOTTOS = (
    "和美 连心 暖心 同心 红帆 安居 邻里 幸福 和谐 温馨 阳光 启航 惠民 睦邻 清风 乐居".split()
)

CHINESE_NUMERALS = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (up to 99)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CHINESE_NUMERALS[ones]
    head = ("" if tens == 1 else CHINESE_NUMERALS[tens]) + "十"
    return head + (CHINESE_NUMERALS[ones] if ones else "")


# (kind, text, category) of what residents raise on a visit, as JSON ready for the visit row.
_CONCERNS = (
    ("need", "希望加装电梯", "适老化改造"),
    ("need", "申请居家养老上门服务", "养老服务"),
    ("need", "咨询低保申请条件", "社会救助"),
    ("need", "代办老年优待证", "政务代办"),
    ("need", "咨询医保缴费", "政策咨询"),
    ("need", "希望安装燃气报警器", "安全"),
    ("complaint", "楼道堆放杂物", "消防安全"),
    ("complaint", "楼上卫生间漏水", "物业管理"),
    ("complaint", "夜间噪音扰民", "邻里纠纷"),
    ("complaint", "垃圾清运不及时", "环境卫生"),
    ("complaint", "路灯损坏", "市政设施"),
    ("complaint", "小区停车难", "停车管理"),
    ("complaint", "犬只未牵绳", "文明养犬"),
    ("complaint", "电动车在楼道充电", "消防安全"),
    ("complaint", "下水道堵塞", "物业管理"),
    ("suggestion", "增设电动车充电桩", "设施建设"),
    ("suggestion", "增加健身器材", "设施建设"),
    ("suggestion", "组织老年人防诈骗讲座", "宣传教育"),
)
CONCERNS_JSON = tuple(
    json.dumps([{"kind": k, "text": t, "category": c}], ensure_ascii=False) for k, t, c in _CONCERNS
)
CONCERN_CATEGORIES = tuple(c for _, _, c in _CONCERNS)

#: Notes a worker types after a visit, by visit type.
VISIT_NOTES: dict[str, tuple[str, ...]] = {
    "routine": ("", "", "家中情况正常", "核实人口信息无变化", "更新了联系电话"),
    "key_group_care": (
        "老人身体状况良好", "老人血压偏高，已提醒按时服药", "送去米油", "陪老人聊天，精神状态好",
    ),
    "policy_publicity": ("宣传反诈知识", "宣传医保缴费政策", "宣传垃圾分类"),
    "dispute_mediation": ("双方已达成谅解", "邻里漏水纠纷，约定由物业维修"),
    "safety_check": ("检查燃气灶具，未见异常", "提醒勿在楼道充电", "检查电线老化情况"),
    "epidemic_prevention": ("宣传疫苗接种", "登记健康情况"),
}  # fmt: skip

#: Ticket categories with titles and the department the street office calls in (吹哨), from
#: the category list shipped with the app (not a street office's own: the demo stays the same
#: everywhere).
TICKET_KINDS: tuple[tuple[str, tuple[str, ...], str], ...] = tuple(
    (c.code, c.examples, c.department) for c in ticket_categories(DEFAULT_FILE) if c.examples
)

#: Chronic conditions (慢病) and other health notes kept in the register.
CHRONIC = ("高血压", "糖尿病", "冠心病", "慢阻肺", "脑梗后遗症", "骨质疏松")
DISABILITIES = ("肢体残疾二级", "视力残疾三级", "听力残疾二级", "智力残疾三级")
TREATMENT = ("定期透析", "肿瘤术后定期复查", "精神疾病规律服药")

#: Trades of the market's stalls with the words their shop names are made of.
MARKET_TRADES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("五金工具", ("五金", "工具", "五金机电")),
    ("机电设备", ("机电", "电机", "机电设备")),
    ("电线电缆", ("电线电缆", "线缆")),
    ("水暖管件", ("水暖", "管业", "阀门")),
    ("灯具照明", ("灯饰", "照明")),
    ("劳保用品", ("劳保", "劳保用品")),
    ("紧固件", ("标准件", "紧固件")),
    ("泵业", ("泵业", "水泵")),
)
SHOP_WORDS = (
    "鑫达 宏远 恒通 兴旺 顺发 金鼎 永盛 华强 昌隆 佳和 诚信 利民 众鑫 长江 汉正 楚天".split()
)

#: Where a part-time worker snaps a problem (随手拍) in a residential grid.
SNAP_SPOTS = ("门口", "楼道", "车棚", "垃圾站旁", "绿化带", "地下车库入口")
