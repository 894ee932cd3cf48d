"""Which municipality a point lies in, from the shipped CBS boundaries (point in polygon with shapely).

The boundaries are CBS / PDOK "Gebiedsindelingen" 2025 (generalised, WGS84), CC BY 4.0, "Bron: CBS / PDOK":
the twelve municipalities of Drenthe, which have not changed since 1998. A point outside them (a company
elsewhere in the Netherlands) has no municipality here rather than a wrong one.
"""

import json
from functools import cache
from pathlib import Path

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.prepared import PreparedGeometry, prep

BOUNDARIES = Path(__file__).resolve().parent / "data" / "drenthe_gemeenten_2025.geojson"
#: Generalised boundaries are a little off at the edges; a point this close (in degrees, about 300 m)
#: to exactly one municipality still counts as inside it.
EDGE_TOLERANCE = 0.003


@cache
def _municipalities() -> tuple[tuple[str, str, PreparedGeometry, BaseGeometry], ...]:
    data = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    return tuple(
        (
            feature["properties"]["statcode"],
            feature["properties"]["statnaam"],
            prep(shape(feature["geometry"])),
            shape(feature["geometry"]),
        )
        for feature in data["features"]
    )


def municipality_names() -> dict[str, str]:
    """CBS code -> name of the municipalities in the shipped boundaries."""
    return {code: name for code, name, _prepared, _shape in _municipalities()}


def municipality_at(*, latitude: float, longitude: float) -> str | None:
    """The CBS code (GM0106) of the municipality containing the point, or None when none does."""
    point = Point(longitude, latitude)
    for code, _name, prepared, _shape in _municipalities():
        if prepared.contains(point):
            return code
    near = [code for code, _name, _prepared, area in _municipalities() if area.distance(point) < EDGE_TOLERANCE]
    return near[0] if len(near) == 1 else None


def municipality_named(name: str) -> str | None:
    """The CBS code of the municipality with this name (case-insensitive), or None."""
    wanted = name.strip().casefold()
    for code, known, _prepared, _shape in _municipalities():
        if known.casefold() == wanted:
            return code
    return None
