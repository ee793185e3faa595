"""Great-circle distance between two points given in degrees."""

from math import asin, cos, radians, sin, sqrt

# Mean Earth radius (IUGG); the sphere is off by at most 0.5 % against the ellipsoid, far below
# what matters when choosing which help desk is nearest.
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in kilometres along the Earth's surface between two (lat, lon) points."""
    phi1, phi2 = radians(lat1), radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = radians(lon2 - lon1) / 2
    a = sin(half_dphi) ** 2 + cos(phi1) * cos(phi2) * sin(half_dlambda) ** 2
    # Rounding can push `a` a hair above 1 for antipodal points; asin would then fail.
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))
