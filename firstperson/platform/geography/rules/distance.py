"""Distances between postcodes and places, for "near me" searches.

Within a county, treating the earth as flat around the search point is accurate to well under 1%,
and the arithmetic needs no trigonometry in SQL, so the same ordering runs on SQLite and PostgreSQL.
"""

import math
from dataclasses import dataclass

METRES_PER_DEGREE_LATITUDE = 111_320.0
METRES_PER_MILE = 1609.344


@dataclass(frozen=True)
class BoundingBox:
    min_latitude: float
    max_latitude: float
    min_longitude: float
    max_longitude: float


def longitude_scale(latitude: float) -> float:
    """How much shorter a degree of longitude is than a degree of latitude, at this latitude."""
    return math.cos(math.radians(latitude))


def bounding_box(latitude: float, longitude: float, radius_metres: float) -> BoundingBox:
    dlat = radius_metres / METRES_PER_DEGREE_LATITUDE
    dlon = radius_metres / (METRES_PER_DEGREE_LATITUDE * max(longitude_scale(latitude), 1e-6))
    return BoundingBox(latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon)


def distance_metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Flat-earth distance around the first point (see the module docstring)."""
    dy = (lat2 - lat1) * METRES_PER_DEGREE_LATITUDE
    dx = (lon2 - lon1) * METRES_PER_DEGREE_LATITUDE * longitude_scale(lat1)
    return math.hypot(dx, dy)


def miles(metres: float) -> float:
    return metres / METRES_PER_MILE
