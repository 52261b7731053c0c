"""The shape of the demo street office: communities of ~2,000 households, grids of ~400,
buildings from six-storey walk-ups to 33-storey towers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from random import Random

from gridterm.demo import vocab
from gridterm.demo.seeded_ids import SeededIds

HOUSEHOLDS_PER_COMMUNITY = 2_000
HOUSEHOLDS_PER_GRID = 400
#: Where the demo lies (武汉东湖一带), for check-in locations.
CENTRE = (30.552, 114.372)


@dataclass(frozen=True, slots=True)
class GridPlan:
    """A grid to draw: its id, name, how many households, and where it is."""

    id: str
    community_id: str
    name: str
    households: int
    latitude: float
    longitude: float
    special: bool = False


@dataclass(frozen=True, slots=True)
class CommunityPlan:
    """A community and its residential grids."""

    id: str
    name: str
    grids: tuple[GridPlan, ...]


def split(total: int, parts: int, rng: Random, jitter: float = 0.15) -> list[int]:
    """``total`` in ``parts`` shares of roughly equal size (±jitter) that add up exactly."""
    weights = [1 + (rng.random() * 2 - 1) * jitter for _ in range(parts)]
    scale = total / sum(weights)
    shares = [int(w * scale) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % parts] += 1
    return shares


def community_name(n: int) -> str:
    """The n-th community's name (0-based): 东湖社区, …, then 东湖二社区 once names run out."""
    base = vocab.COMMUNITIES[n % len(vocab.COMMUNITIES)]
    round_ = n // len(vocab.COMMUNITIES)
    return f"{base}{vocab.chinese_number(round_ + 1) if round_ else ''}社区"


def plan_communities(rng: Random, ids: SeededIds, households: int) -> list[CommunityPlan]:
    """Communities and grids sharing ``households`` between them."""
    count = max(1, round(households / HOUSEHOLDS_PER_COMMUNITY))
    communities = []
    for n, size in enumerate(split(households, count, rng)):
        community_id = ids.next()
        name = community_name(n)
        lat = CENTRE[0] + (rng.random() - 0.5) * 0.08
        lon = CENTRE[1] + (rng.random() - 0.5) * 0.08
        grid_count = max(1, round(size / HOUSEHOLDS_PER_GRID))
        grids = []
        for g, grid_size in enumerate(split(size, grid_count, rng, jitter=0.2)):
            motto = vocab.GRID_MOTTOS[int(rng.random() * len(vocab.GRID_MOTTOS))]
            grids.append(
                GridPlan(
                    id=ids.next(),
                    community_id=community_id,
                    name=f"{name}第{vocab.chinese_number(g + 1)}网格（{motto}）",
                    households=grid_size,
                    latitude=lat + (rng.random() - 0.5) * 0.01,
                    longitude=lon + (rng.random() - 0.5) * 0.01,
                )
            )
        communities.append(CommunityPlan(community_id, name, tuple(grids)))
    return communities


def building_shape(rng: Random) -> tuple[int, int, int]:
    """(floors, units, rooms per floor per unit) of a building typical of the area."""
    r = rng.random
    x = r()
    if x < 0.55:  # 1980s–90s walk-ups (老旧小区)
        return 6 + (r() < 0.3), 2 + int(r() * 3), 2 + (r() < 0.15)
    if x < 0.85:
        return 11 + int(r() * 8), 1 + int(r() * 3), 2 + int(r() * 3)
    return 24 + int(r() * 10), 1 + int(r() * 2), 2 + int(r() * 3)


def fit_floors(floors: int, units: int, rooms: int, remaining: int) -> int:
    """Fewer floors for a grid's last building, so it does not stand mostly empty."""
    return min(floors, max(2, math.ceil(remaining / (units * rooms))))
