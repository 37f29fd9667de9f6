"""Shared by every step of tools/scenarios/build_scenarios.py: the output's constants (columns, time
range, map), dates, geometry, the basemap's regions and the in-memory scenario.
"""
import json
import math
import os
import re
from collections import OrderedDict


HERE = os.path.dirname(os.path.abspath(__file__))


REPO = os.path.normpath(os.path.join(HERE, "..", ".."))


AS_OF = None  # set from the curation's "as_of" in main() (the newest dated fact the reference holds)


TIME = OrderedDict([("start", "2024"), ("end", "2035-12-31")])


MAP = OrderedDict([("basemap", "us-states"), ("crs", "EPSG:5070")])


LIFECYCLE = ["announced", "permitted", "construction", "online", "retired", "cancelled"]


STATUS_OF = {"announced": "announced", "permitted": "permitted", "construction": "construction",
             "online": "operating", "retired": "retired", "cancelled": "cancelled"}


FUELS = {"nuclear", "gas", "coal", "oil", "solar", "wind", "hydro", "storage", "geothermal", "fusion", "other"}


STATUSES = {"announced", "permitted", "construction", "operating", "retired", "cancelled"}


DC_COLS = ["id", "name", "operator", "lat", "lon", "capacity_mw", "capacity_basis"] + LIFECYCLE + [
    "status", "status_tag", "location_precision", "source", "state", "city", "chips", "note", "dates_basis", "more_sources"]


PP_COLS = ["id", "name", "owner", "fuel", "lat", "lon", "capacity_mw"] + LIFECYCLE + [
    "status", "serves", "location_precision", "source", "state", "offtaker", "contract_start",
    "capacity_note", "fuel_note", "permit_date", "note", "dates_basis", "more_sources"]


SC_COLS = ["id", "name", "members", "compute"] + LIFECYCLE + [
    "status", "source", "compute_unit", "compute_note", "note"]


SERIES_COLS = ["id", "date", "metric", "value", "source", "note"]


DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


MDAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def parse_date(s):
    """'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD' -> (y, m, d) or None if invalid."""
    m = DATE_RE.match(s or "")
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2) or 1)
    d = int(m.group(3) or 1)
    if not 1 <= mo <= 12:
        return None
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    maxd = 29 if (mo == 2 and leap) else (28 if mo == 2 else MDAYS[mo - 1])
    if not 1 <= d <= maxd:
        return None
    return (y, mo, d)


def add_months(s, n):
    """Shift a date string by n months, keeping its precision (a bare year becomes YYYY-MM)."""
    y, m, d = parse_date(s)
    total = y * 12 + (m - 1) + n
    y2, m2 = divmod(total, 12)
    m2 += 1
    if DATE_RE.match(s).group(3):
        return "%04d-%02d-%02d" % (y2, m2, min(d, 28 if m2 == 2 else 30 if m2 in (4, 6, 9, 11) else 31))
    return "%04d-%02d" % (y2, m2)


def status_at(row, t):
    """Lifecycle status of a row at date t, None when absent (before its first date)."""
    tt = parse_date(t)
    dated = [(parse_date(row.get(k, "")), k) for k in LIFECYCLE if row.get(k)]
    if not dated:
        st = (row.get("status") or "operating").lower()
        return st
    reached = [(d, k) for d, k in dated if d <= tt]
    if not reached:
        return None
    # latest date reached; ties resolved by lifecycle order
    best = max(reached, key=lambda x: (x[0], LIFECYCLE.index(x[1])))
    return STATUS_OF[best[1]]


def circle(lat, lon, diameter_km, n=32):
    """Closed ring approximating a circle (equirectangular offsets), counter-clockwise."""
    r = diameter_km / 2.0
    dlat = r / 111.32
    dlon = r / (111.32 * math.cos(math.radians(lat)))
    ring = []
    for i in range(n):
        a = 2 * math.pi * i / n
        ring.append([round(lon + dlon * math.cos(a), 4), round(lat + dlat * math.sin(a), 4)])
    ring.append(list(ring[0]))
    return ring


def bbox_ring(b):
    w, s, e, n = b
    return [[w, s], [e, s], [e, n], [w, n], [w, s]]


def point_in_ring(x, y, ring):
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_geometry(x, y, geom):
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    for poly in polys:
        if point_in_ring(x, y, poly[0]) and not any(point_in_ring(x, y, h) for h in poly[1:]):
            return True
    return False


class Basemap:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            fc = json.load(f)
        self.features = fc["features"]
        self.ids = {f["properties"]["id"] for f in self.features}

    def region_of(self, lat, lon):
        for f in self.features:
            if f["properties"]["kind"] == "nation":
                continue
            if point_in_geometry(lon, lat, f["geometry"]):
                return f["properties"]["id"]
        return None


class Scenario:
    def __init__(self, sid):
        self.id = sid
        self.title = ""
        self.description = ""
        self.datacenters = []
        self.plants = []
        self.lines = []      # dicts with "coords" + properties
        self.clusters = []
        self.zones = []      # dicts with "ring" + properties
        self.series = []
        self.metrics = OrderedDict()
        self.events = []
        self.extra_sources = OrderedDict()  # url -> title (supplementary)
        self.extra_cols = []  # extra column names appended to every layer (e.g. assumption)


def lifecycle_from(dates):
    return {k: dates.get(k, "") for k in LIFECYCLE}
