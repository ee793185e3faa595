"""The k nearest host structures to a point, optionally offering one theme: a pure in-memory index.

Built once at start from small records (no Session here, see `knowledge.catalogue_index`), then
queried for every resident. One k-d tree per theme (and one for all structures) over unit vectors
in 3D: the straight-line (chord) distance between two unit vectors grows with the great-circle
distance, so the nearest by chord are the nearest on the sphere, with an exact pruning bound
(the distance to a splitting plane) that holds everywhere, poles and the antimeridian included.
"""

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from math import cos, inf, pi, radians, sin
from typing import NamedTuple

from knowledge.geo import EARTH_RADIUS_KM, haversine_km

_LEAF_SIZE = 8

# Candidates are kept while their squared chord is within this much of the k-th best, then the
# final order is decided by `haversine_km`: both are rounded, so two almost equally distant
# structures could swap places between them. 1e-12 of a squared chord (~6 m near zero, far less
# further away) is a thousand times above the rounding error and keeps the candidate list short.
_SLACK = 1e-12


@dataclass(frozen=True, slots=True)
class StructurePoint:
    id: int
    lat: float
    lon: float
    themes: frozenset[str] = frozenset()


class Nearby(NamedTuple):
    structure_id: int
    distance_km: float


def _unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = radians(lat), radians(lon)
    return cos(phi) * cos(lam), cos(phi) * sin(lam), sin(phi)


class _KDTree:
    """A static k-d tree over unit vectors, stored in flat lists (faster than node objects)."""

    __slots__ = (
        "_axis",
        "_hi",
        "_ids",
        "_lats",
        "_left",
        "_lo",
        "_lons",
        "_right",
        "_split",
        "_xyz",
    )

    def __init__(self, points: list[StructurePoint]) -> None:
        self._axis: list[int] = []  # -1 for a leaf
        self._split: list[float] = []
        self._left: list[int] = []
        self._right: list[int] = []
        self._lo: list[int] = []  # a leaf's points are self._xyz[lo:hi]
        self._hi: list[int] = []
        self._ids: list[int] = []
        self._lats: list[float] = []
        self._lons: list[float] = []
        self._xyz: list[tuple[float, float, float]] = []
        items = [(_unit_vector(p.lat, p.lon), p) for p in points]
        if items:
            self._build(items)

    def _build(self, items: list[tuple[tuple[float, float, float], StructurePoint]]) -> int:
        node = len(self._axis)
        self._axis.append(-1)
        self._split.append(0.0)
        self._left.append(-1)
        self._right.append(-1)
        self._lo.append(len(self._xyz))
        self._hi.append(len(self._xyz))
        if len(items) <= _LEAF_SIZE:
            for vector, point in items:
                self._xyz.append(vector)
                self._ids.append(point.id)
                self._lats.append(point.lat)
                self._lons.append(point.lon)
            self._hi[node] = len(self._xyz)
            return node
        # Split on the widest axis, at the median: points left of it have a coordinate <= the
        # split value, points right of it >= (ties may sit on both sides, the bound still holds).
        axis = max(range(3), key=lambda a: _spread(items, a))
        items.sort(key=lambda item: item[0][axis])
        middle = len(items) // 2
        self._axis[node] = axis
        self._split[node] = items[middle][0][axis]
        self._left[node] = self._build(items[:middle])
        self._right[node] = self._build(items[middle:])
        return node

    def __len__(self) -> int:
        return len(self._ids)

    def query(self, lat: float, lon: float, k: int, radius_km: float | None) -> list[Nearby]:
        """The k nearest within `radius_km` (if given), sorted by (distance_km, id)."""
        if not self._ids:
            return []
        limit = _chord_limit(radius_km)
        query = _unit_vector(lat, lon)
        qx, qy, qz = query
        xyz, axes, splits = self._xyz, self._axis, self._split
        best: list[float] = []  # max-heap (negated) of the k smallest squared chords so far
        candidates: list[tuple[float, int]] = []
        stack = [(0, 0.0)]
        while stack:
            node, bound = stack.pop()
            if bound > limit:
                continue
            axis = axes[node]
            if axis < 0:
                for i in range(self._lo[node], self._hi[node]):
                    x, y, z = xyz[i]
                    d2 = (qx - x) ** 2 + (qy - y) ** 2 + (qz - z) ** 2
                    if d2 > limit:
                        continue
                    candidates.append((d2, i))
                    if len(best) < k:
                        heapq.heappush(best, -d2)
                    elif d2 < -best[0]:
                        heapq.heapreplace(best, -d2)
                    if len(best) == k:
                        limit = min(limit, -best[0] + _SLACK)
                continue
            diff = query[axis] - splits[node]
            if diff > 0:
                near, far = self._right[node], self._left[node]
            else:
                near, far = self._left[node], self._right[node]
            # Every point across the plane is at least |diff| away: a lower bound, exact in 3D.
            stack.append((far, max(bound, diff * diff)))
            stack.append((near, bound))
        found = [
            (haversine_km(lat, lon, self._lats[i], self._lons[i]), self._ids[i])
            for d2, i in candidates
            if d2 <= limit
        ]
        if radius_km is not None:
            found = [hit for hit in found if hit[0] <= radius_km]
        found.sort()
        return [Nearby(structure_id, distance) for distance, structure_id in found[:k]]


def _spread(items: list[tuple[tuple[float, float, float], StructurePoint]], axis: int) -> float:
    values = [vector[axis] for vector, _ in items]
    return max(values) - min(values)


def _chord_limit(radius_km: float | None) -> float:
    if radius_km is None:
        return inf
    angle = radius_km / EARTH_RADIUS_KM
    if angle >= pi:
        return inf
    return (2 * sin(angle / 2)) ** 2 + _SLACK


class StructureIndex:
    """Nearest host structures, overall or per theme; immutable once built."""

    def __init__(self, points: Iterable[StructurePoint]) -> None:
        points = list(points)
        seen: set[int] = set()
        by_theme: dict[str, list[StructurePoint]] = {}
        for point in points:
            if point.id in seen:
                raise ValueError(f"structure {point.id} appears twice in the index")
            if not (-90 <= point.lat <= 90 and -180 <= point.lon <= 180):
                raise ValueError(f"structure {point.id} has no valid position")
            seen.add(point.id)
            for theme in point.themes:
                by_theme.setdefault(theme, []).append(point)
        self._all = _KDTree(points)
        self._by_theme = {theme: _KDTree(members) for theme, members in by_theme.items()}

    def __len__(self) -> int:
        return len(self._all)

    @property
    def themes(self) -> frozenset[str]:
        return frozenset(self._by_theme)

    def nearest(
        self,
        lat: float,
        lon: float,
        *,
        theme: str | None = None,
        k: int = 3,
        radius_km: float | None = None,
    ) -> list[Nearby]:
        """The `k` structures nearest to (lat, lon), offering `theme` if given, within
        `radius_km` (inclusive) if given; sorted by distance, then id."""
        if radius_km is not None and radius_km < 0:
            raise ValueError("radius_km must not be negative")
        if k <= 0:
            return []
        tree = self._all if theme is None else self._by_theme.get(theme)
        if tree is None:
            return []
        return tree.query(lat, lon, k, radius_km)
