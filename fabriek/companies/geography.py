"""Which municipality a point lies in, from the shipped CBS boundaries (point in polygon with shapely).

The boundaries are CBS / PDOK "Gebiedsindelingen" 2025 (generalised, WGS84), CC BY 4.0, "Bron: CBS / PDOK":
the twelve municipalities of Drenthe, which have not changed since 1998. A point outside them (a company
elsewhere in the Netherlands) has no municipality here rather than a wrong one.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry
    from shapely.prepared import PreparedGeometry

BOUNDARIES = Path(__file__).resolve().parent / "data" / "drenthe_gemeenten_2025.geojson"
#: Generalised boundaries are a little off at the edges; a point this close (in degrees, about 300 m)
#: to exactly one municipality still counts as inside it.
EDGE_TOLERANCE = 0.003


@cache
def _features() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(BOUNDARIES.read_text(encoding="utf-8"))["features"])


@cache
def _areas() -> tuple[tuple[str, PreparedGeometry, BaseGeometry], ...]:
    # shapely (and numpy under it) is imported here, not at the top: every process reads the names through
    # the import formats and the company form, and only the lookup of a point needs the shapes (loading
    # them costs a command like `report` about 0.3 s of start-up).
    from shapely.geometry import shape
    from shapely.prepared import prep

    areas = [(feature["properties"]["statcode"], shape(feature["geometry"])) for feature in _features()]
    return tuple((code, prep(area), area) for code, area in areas)


@cache
def municipality_names() -> dict[str, str]:
    """CBS code -> name of the municipalities in the shipped boundaries."""
    return {feature["properties"]["statcode"]: feature["properties"]["statnaam"] for feature in _features()}


def municipality_at(*, latitude: float, longitude: float) -> str | None:
    """The CBS code (GM0106) of the municipality containing the point, or None when none does."""
    from shapely.geometry import Point

    point = Point(longitude, latitude)
    for code, prepared, _area in _areas():
        if prepared.contains(point):
            return code
    near = [code for code, _prepared, area in _areas() if area.distance(point) < EDGE_TOLERANCE]
    return near[0] if len(near) == 1 else None


def municipality_named(name: str) -> str | None:
    """The CBS code of the municipality with this name (case-insensitive), or None."""
    wanted = name.strip().casefold()
    for code, known in municipality_names().items():
        if known.casefold() == wanted:
            return code
    return None
