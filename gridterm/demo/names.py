"""Plausible Chinese personal names (姓名): weighted surnames and given names by generation."""

from __future__ import annotations

import itertools
from bisect import bisect
from random import Random

# Approximate shares per 10,000 people (census order of magnitude). Heteronym surnames are
# included on purpose (曾 zeng/ceng, 单 shan/dan, 仇 qiu/chou, 解 xie/jie, 区 ou/qu, 查 zha/cha,
# 朴 piao/pu, 盖 ge/gai, 乐 yue/le, 缪 miao/mou) because search must find them by either reading.
_SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 710), ("李", 700), ("张", 680), ("刘", 540), ("陈", 460), ("杨", 310), ("黄", 220),
    ("赵", 200), ("吴", 190), ("周", 190), ("徐", 150), ("孙", 150), ("马", 120), ("朱", 120),
    ("胡", 110), ("郭", 110), ("何", 100), ("林", 100), ("高", 100), ("罗", 90), ("郑", 80),
    ("梁", 80), ("谢", 70), ("宋", 70), ("唐", 70), ("许", 60), ("韩", 60), ("邓", 60),
    ("冯", 60), ("曹", 50), ("彭", 50), ("曾", 50), ("肖", 50), ("田", 50), ("董", 50),
    ("潘", 40), ("袁", 40), ("蔡", 40), ("蒋", 40), ("余", 40), ("于", 40), ("杜", 40),
    ("叶", 40), ("程", 40), ("魏", 30), ("苏", 30), ("吕", 30), ("丁", 30), ("任", 30),
    ("卢", 30), ("姚", 30), ("沈", 30), ("钟", 30), ("姜", 30), ("崔", 30), ("谭", 30),
    ("陆", 30), ("范", 20), ("汪", 20), ("廖", 20), ("石", 20), ("金", 20), ("韦", 20),
    ("贾", 20), ("夏", 20), ("付", 20), ("方", 20), ("邹", 20), ("熊", 20), ("白", 20),
    ("孟", 20), ("秦", 20), ("邱", 20), ("侯", 20), ("江", 20), ("尹", 20), ("薛", 15),
    ("闫", 15), ("段", 15), ("雷", 15), ("龙", 10), ("黎", 10), ("史", 10), ("陶", 10),
    ("贺", 10), ("毛", 10), ("郝", 10), ("顾", 10), ("龚", 10), ("邵", 10), ("万", 10),
    ("覃", 10), ("武", 10), ("钱", 10), ("戴", 10), ("严", 10), ("莫", 10), ("孔", 10),
    ("向", 10), ("常", 10), ("汤", 10), ("葛", 6), ("单", 5), ("解", 4), ("仇", 3),
    ("查", 3), ("乐", 3), ("区", 2), ("盖", 2), ("朴", 2), ("缪", 2), ("欧阳", 3),
    ("上官", 1), ("司马", 1), ("诸葛", 1),
)  # fmt: skip

# Given names by the generation that favoured them: (first birth year, male, female).
_GIVEN: tuple[tuple[int, str, str], ...] = (
    (
        0,
        "建国 国庆 德明 永福 国华 保国 志成 世杰 长林 树林 文华 金山 福生 玉山 德胜 学文 春生"
        " 广才 振华 家兴 明 华 忠 林",
        "秀英 桂英 秀兰 玉兰 桂兰 凤英 淑芬 玉珍 素珍 秀珍 翠英 桂芳 淑华 玉梅 月英 金花 凤兰"
        " 冬梅 春兰 秀芳 兰 英 珍",
    ),
    (
        1956,
        "建华 建军 志强 卫东 红兵 国强 海涛 文斌 立新 永刚 建平 小平 勇 军 强 斌 平 刚 伟 东",
        "红梅 丽华 秀云 淑珍 丽萍 红霞 晓红 建英 桂香 小红 丽 萍 红 霞 燕 芳 英 华 琴 敏",
    ),
    (
        1976,
        "伟 磊 勇 涛 杰 鹏 超 浩 明 刚 志伟 海波 晓东 建波 俊 亮 斌 飞 峰 宇 文军 振宇",
        "丽 静 敏 艳 娟 霞 燕 芳 婷 丹 慧 琳 晶 倩 雪 莉 玲 洁 晓燕 丽娟 春燕 海燕",
    ),
    (
        1996,
        "浩然 子豪 俊杰 宇航 博文 天宇 皓轩 家豪 志鹏 文博 鑫 宇 浩 凯 帅 晨 昊 阳 磊 杰",
        "欣怡 雨婷 诗琪 梦琪 佳怡 婷婷 雪 倩 悦 琪 思雨 雨欣 佳琪 紫涵 梓萱 晶晶 璐 颖 慧敏",
    ),
    (
        2011,
        "子轩 宇轩 浩宇 梓睿 一鸣 沐宸 奕辰 宇泽 俊熙 皓宇 子墨 锦程 睿 泽 宸 铭 博 航 硕 然",
        "一诺 梓涵 欣怡 诗涵 雨桐 可馨 思彤 子涵 若汐 语桐 芷若 依诺 沐瑶 安琪 悦 瑶 彤 涵 萱",
    ),
)

_SURNAME_LIST = [s for s, _ in _SURNAMES]
_SURNAME_CUM = list(itertools.accumulate(w for _, w in _SURNAMES))
_GIVEN_FROM = [start for start, _, _ in _GIVEN]
_GIVEN_MALE = [tuple(m.split()) for _, m, _ in _GIVEN]
_GIVEN_FEMALE = [tuple(f.split()) for _, _, f in _GIVEN]

#: Surnames whose reading depends on context (多音字姓氏); tests check they occur.
HETERONYM_SURNAMES = frozenset({"曾", "单", "解", "仇", "查", "乐", "区", "盖", "朴", "缪"})


def surname(rng: Random) -> str:
    """A surname drawn by its frequency in the population."""
    return _SURNAME_LIST[bisect(_SURNAME_CUM, rng.random() * _SURNAME_CUM[-1])]


def given_name(rng: Random, male: bool, birth_year: int) -> str:
    """A given name typical of the person's generation and gender."""
    generation = bisect(_GIVEN_FROM, birth_year) - 1
    names = _GIVEN_MALE[generation] if male else _GIVEN_FEMALE[generation]
    return names[int(rng.random() * len(names))]


def full_name(rng: Random, male: bool, birth_year: int, family: str | None = None) -> str:
    """Surname (the family's, when given) followed by a given name."""
    return (family or surname(rng)) + given_name(rng, male, birth_year)
