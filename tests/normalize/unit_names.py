"""Unit names drawn from the model, on places composed here (none is a sample's place).

The generated department-cell tests and the property tests draw from these. Places
are composed from characters that build Chinese place names; a document's title
names the county, so a reader built with ``title(place)`` knows it.
"""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass

from qingdan.normalize.knowledge import DATA_DIR

_PLACE_CHARACTERS = "金石河岭川泉桥湾峰林阳平宁丰华兴永长松柳梅槐杏枫岚溪沙滨洲源塘坪坝堰"
SEPARATORS = ["、", "，", ",", "；", ";", " ", "\n"]

UNITS = tomllib.loads((DATA_DIR / "units.toml").read_text(encoding="utf-8"))
ORGAN_FORMS = sorted({f for full, short in UNITS["organs"].items() for f in [full, *short]})

# Forms common in published lists (data/README.md), the core of most generated names.
COMMON_ORGANS = [
    "发展和改革局", "发改局", "发展改革委", "财政局", "教育局", "科技局", "工信局", "公安局",
    "民政局", "司法局", "人社局", "自然资源局", "生态环境局", "住建局", "住房和城乡建设局",
    "交通运输局", "水利局", "农业农村局", "商务局", "文旅局", "卫健委", "卫生健康局",
    "退役军人事务局", "应急管理局", "审计局", "市场监管局", "市场监督管理局", "统计局",
    "医保局", "林业局", "城管局", "行政审批服务局", "税务局", "气象局", "融媒体中心",
    "人民法院", "人民检察院", "总工会", "团委", "妇联", "科协", "残联", "信访局",
    "消防救援大队", "人民政府", "政府办", "人武部", "供销社",
]  # fmt: skip
PARTY_ORGANS = ["宣传部", "组织部", "统战部", "政法委", "编办", "网信办", "办公室"]
BRANCHES = [("公安局", "分局"), ("公安局", "派出所"), ("生态环境局", "分局"),
            ("自然资源局", "分局"), ("市场监管局", "市场监管所"), ("税务局", "分局")]  # fmt: skip


def places(rng: random.Random, count: int) -> list[str]:
    """Distinct two-character place stems."""
    found: list[str] = []
    while len(found) < count:
        stem = "".join(rng.sample(_PLACE_CHARACTERS, 2))
        if stem not in found:
            found.append(stem)
    return found


def title(place: str) -> str:
    """A task list's title naming its county, as published titles do."""
    return f"{place}县2024年重点工作任务清单"


@dataclass(frozen=True)
class Drawn:
    """A name and what it is built from (for test ids)."""

    name: str
    shape: str


def names_for(place: str, town: str) -> list[Drawn]:
    """Names of every shape the model builds, for one county and one of its towns."""
    drawn = [Drawn(f"县{organ}", "level+organ") for organ in COMMON_ORGANS]
    drawn += [Drawn(f"{place}县{organ}", "place+organ") for organ in COMMON_ORGANS[::4]]
    drawn += [Drawn(f"县委{organ}", "party organ") for organ in PARTY_ORGANS]
    drawn += [Drawn(f"中共{place}县委{organ}", "中共+party organ") for organ in PARTY_ORGANS[:3]]
    drawn += [Drawn(f"市{parent}{town}{branch}", "parent+branch") for parent, branch in BRANCHES]
    drawn += [
        Drawn("县公安分局", "stem+branch"),
        Drawn(f"生态环境{place}分局", "stem+place+branch"),
        Drawn(f"{town}镇人民政府", "town"),
        Drawn(f"{town}镇党委", "town party"),
        Drawn(f"国网{place}县供电公司", "opener"),
        Drawn(f"人行{place}县中心支行", "opener"),
        Drawn(f"{place}经济技术开发区", "zone"),
        Drawn(f"{place}高新区管委会", "zone organ"),
        Drawn("各乡镇", "collective"),
        Drawn("各乡镇人民政府", "collective"),
        Drawn("各镇（街道）", "collective bracket"),
        Drawn("各乡镇（街道、开发区）", "collective bracket list"),
        Drawn("各县(市、区)人民政府", "collective bracket"),
        Drawn("县直各有关部门", "scope collective"),
        Drawn("县政府有关部门", "owner collective"),
        Drawn("县食安委成员单位", "members"),
        Drawn("县防汛抗旱指挥部各成员单位", "members"),
        Drawn("各相关单位", "collective"),
        # shapes of the real-shapes corpus (issue 31)
        Drawn(f"人民银行{place}分行", "opener+place+branch"),
        Drawn("县人行", "level+bank"),
        Drawn("县就业工作联席会议成员单位", "meeting members"),
        Drawn("县安委会有关成员单位", "members"),
        Drawn("各县市人民政府", "collective"),
        Drawn("县城市管理局", "level+城市 organ"),
    ]
    return drawn
