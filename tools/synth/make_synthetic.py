#!/usr/bin/env python3
"""Deterministic synthetic scenario generator for load and render benchmarks (Python 3 stdlib only).

    python3 tools/synth/make_synthetic.py --datacenters N --out DIR [--seed S] [--lines-geojson]

writes a scenario folder (spec: docs/ and /work/shared/spec/scenario-format.md, version 1) with

  * N datacenters clustered around ~45 real US metros (jitter within ~60 km, kept on US land with a
    point-in-polygon mask built from assets/basemaps/us-states.geojson); `announced` between late 2022
    and mid-2034, then permitted / construction / online in order months to years later (some after
    2035), a few cancelled or retired; about 10% undated with only a `status`, about 15% of unknown
    capacity, 30% approximate locations;
  * N/2 transmission lines as straight CSV segments (from_lat/from_lon/to_lat/to_lon), or with
    --lines-geojson as GeoJSON LineStrings of 2-4 vertices; mostly local, ~5% between nearby metros;
  * N/5 power plants with eleven fuels (some spelled in upper case), some serving 1-3 local campuses;
  * a few superclusters (3-12) of 2-8 campuses in different metros;
  * four small AI zones (GeoJSON polygons);
  * 2N series rows: region series on state ids (TX, CA, VA, ...; monthly, ~10% of the rows), a few
    supercluster `compute` series, and `capacity_mw` phases (2-5 each) for a share of campuses.

--distribution picks how campuses and lines are spread (the default, `metros`, is the above):

  * clustered: campuses around 30 metros (equal weight), log-normal MW (median 80 MW), all dated with an
    online year; lines between two random campuses, the far end pulled to within ~3 degrees of the near;
  * uniform: campuses uniformly over US land, log-normal MW; lines as in clustered;
  * long-lines: campuses as in metros, lines between any two random campuses (cross-country);
  * one-hot: 90% of campuses around one metro (Ashburn, VA), the rest as in metros; lines as in clustered.

The same (N, seed, options) always give byte-identical files. The output passes `buildout validate`
with no errors and no warnings. Nothing here is real data: names, capacities and dates are invented.
Used by bench/run_benchmarks.sh; see docs/benchmarks.md.
"""

import argparse
import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BASEMAP = os.path.join(ROOT, "assets", "basemaps", "us-states.geojson")

# Real US metros with datacenter activity: (name, state, lat, lon, weight).
METROS = [
    ("Ashburn", "VA", 39.04, -77.49, 10), ("Richmond", "VA", 37.54, -77.44, 2),
    ("Dallas", "TX", 32.78, -96.80, 6), ("Houston", "TX", 29.76, -95.37, 3),
    ("San Antonio", "TX", 29.42, -98.49, 3), ("Austin", "TX", 30.27, -97.74, 3),
    ("Abilene", "TX", 32.45, -99.73, 2), ("El Paso", "TX", 31.76, -106.49, 1),
    ("Phoenix", "AZ", 33.45, -112.07, 6), ("Atlanta", "GA", 33.75, -84.39, 5),
    ("Chicago", "IL", 41.88, -87.63, 5), ("Columbus", "OH", 39.96, -83.00, 4),
    ("Hillsboro", "OR", 45.52, -122.99, 3), ("San Jose", "CA", 37.34, -121.89, 4),
    ("Los Angeles", "CA", 34.05, -118.24, 3), ("Newark", "NJ", 40.73, -74.17, 3),
    ("Reno", "NV", 39.53, -119.81, 3), ("Las Vegas", "NV", 36.17, -115.14, 3),
    ("Salt Lake City", "UT", 40.76, -111.89, 2), ("Denver", "CO", 39.74, -104.99, 2),
    ("Cheyenne", "WY", 41.14, -104.82, 1), ("Omaha", "NE", 41.26, -95.94, 2),
    ("Des Moines", "IA", 41.59, -93.62, 2), ("Kansas City", "MO", 39.10, -94.58, 2),
    ("St. Louis", "MO", 38.63, -90.20, 1), ("Minneapolis", "MN", 44.98, -93.27, 2),
    ("Charlotte", "NC", 35.23, -80.84, 2), ("Raleigh", "NC", 35.78, -78.64, 2),
    ("Memphis", "TN", 35.15, -90.05, 2), ("Nashville", "TN", 36.16, -86.78, 2),
    ("Pittsburgh", "PA", 40.44, -79.99, 2), ("Philadelphia", "PA", 39.95, -75.17, 2),
    ("Boston", "MA", 42.36, -71.06, 1), ("Quincy", "WA", 47.23, -119.85, 2),
    ("Seattle", "WA", 47.61, -122.33, 2), ("Boise", "ID", 43.62, -116.20, 1),
    ("Albuquerque", "NM", 35.08, -106.65, 1), ("Oklahoma City", "OK", 35.47, -97.52, 2),
    ("Tulsa", "OK", 36.15, -95.99, 1), ("Indianapolis", "IN", 39.77, -86.16, 2),
    ("Detroit", "MI", 42.33, -83.05, 1), ("Milwaukee", "WI", 43.04, -87.91, 2),
    ("Jacksonville", "FL", 30.33, -81.66, 1), ("Miami", "FL", 25.76, -80.19, 1),
    ("Richland Parish", "LA", 32.40, -91.75, 2),
]

OPERATORS = ["Amazon", "Microsoft", "Google", "Meta", "Oracle", "OpenAI", "xAI", "CoreWeave", "Equinix",
             "Digital Realty", "QTS", "Vantage", "Aligned", "Crusoe", "Switch", "CyrusOne"]
FUELS = [("gas", 35), ("solar", 20), ("wind", 12), ("nuclear", 8), ("storage", 10), ("hydro", 3),
         ("coal", 4), ("oil", 1), ("geothermal", 3), ("fusion", 1), ("other", 3)]
KV = [(115, 10), (138, 20), (161, 5), (230, 25), (345, 25), (500, 12), (765, 3)]
REGION_METRICS = [("dc_load_gw", "GW", "linear"), ("dc_count", "sites", "step"),
                  ("queue_gw", "GW", "linear"), ("retail_price_cents", "US cents per kWh", "linear"),
                  ("grid_emissions_t_per_mwh", "t CO2 per MWh", "linear"), ("water_use_gl", "GL", "linear")]
STATES = ["AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "IA", "ID", "IL", "IN", "KS", "KY", "LA",
          "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV", "NY", "OH",
          "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA", "WI", "WV", "WY", "US"]

KM_PER_DEG = 111.32
JITTER_KM = 60.0
CELL_DEG = 0.04  # land mask resolution (~4 km): a point is kept when the centre of its cell is on land


# ---------------------------------------------------------------------------------------------- land mask

class LandMask:
    """Point-in-polygon against the basemap's states (not the nation outline), cached per grid cell."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        self.polys = []  # (minx, miny, maxx, maxy, rings)
        for feat in doc["features"]:
            if feat["properties"].get("kind") == "nation":
                continue
            g = feat["geometry"]
            polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
            for poly in polys:
                xs = [p[0] for p in poly[0]]
                ys = [p[1] for p in poly[0]]
                self.polys.append((min(xs), min(ys), max(xs), max(ys), poly))
        self.cache = {}

    @staticmethod
    def _in_ring(x, y, ring):
        inside = False
        j = len(ring) - 1
        for i in range(len(ring)):
            xi, yi = ring[i][0], ring[i][1]
            xj, yj = ring[j][0], ring[j][1]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
        return inside

    def _land(self, lon, lat):
        for minx, miny, maxx, maxy, rings in self.polys:
            if lon < minx or lon > maxx or lat < miny or lat > maxy:
                continue
            if self._in_ring(lon, lat, rings[0]) and not any(self._in_ring(lon, lat, r) for r in rings[1:]):
                return True
        return False

    def is_land(self, lon, lat):
        key = (math.floor(lon / CELL_DEG), math.floor(lat / CELL_DEG))
        v = self.cache.get(key)
        if v is None:
            v = self._land((key[0] + 0.5) * CELL_DEG, (key[1] + 0.5) * CELL_DEG)
            self.cache[key] = v
        return v


# ---------------------------------------------------------------------------------------------- helpers

DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def days_from_civil(y, m, d):
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_from_days(z):
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return y + (m <= 2), m, d


DAY_2024 = days_from_civil(2024, 1, 1)
DAY_2036 = days_from_civil(2036, 1, 1)


def fmt_day(day, rng, floor=None):
    """A day as YYYY-MM-DD mostly, sometimes YYYY-MM or YYYY (meaning the 1st of that month or year),
    never earlier than `floor` (the previous stage). Returns (text, the day the text means)."""
    y, m, d = civil_from_days(day)
    r = rng.random()
    if r >= 0.80:
        coarse = ("%04d-%02d" % (y, m), days_from_civil(y, m, 1)) if r < 0.95 else \
            ("%04d" % y, days_from_civil(y, 1, 1))
        if floor is None or coarse[1] >= floor:
            return coarse
    return "%04d-%02d-%02d" % (y, m, d), day


def weighted(rng, items):
    total = sum(w for _, w in items)
    x = rng.random() * total
    for v, w in items:
        x -= w
        if x < 0:
            return v
    return items[-1][0]


class Sampler:
    def __init__(self, rng, mask):
        self.rng = rng
        self.mask = mask
        self.metro_weights = [(i, m[4]) for i, m in enumerate(METROS)]
        self.cum = []
        acc = 0
        for _, w in self.metro_weights:
            acc += w
            self.cum.append(acc)

    def metro(self):
        x = self.rng.random() * self.cum[-1]
        lo, hi = 0, len(self.cum) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.cum[mid] > x:
                hi = mid
            else:
                lo = mid + 1
        return lo

    def near(self, mi, max_km=JITTER_KM, sigma_km=22.0):
        """A land point within max_km of metro mi (rounded to 4 decimals, ~10 m)."""
        _, _, lat0, lon0, _ = METROS[mi]
        coslat = math.cos(math.radians(lat0))
        for _ in range(60):
            r = abs(self.rng.gauss(0.0, sigma_km))
            if r > max_km:
                continue
            a = self.rng.random() * 2 * math.pi
            lat = lat0 + r * math.sin(a) / KM_PER_DEG
            lon = lon0 + r * math.cos(a) / (KM_PER_DEG * coslat)
            if self.mask.is_land(lon, lat):
                return round(lat, 4), round(lon, 4)
        return lat0, lon0


US_BOX = (24.5, 49.0, -124.7, -67.0)  # lat min, lat max, lon min, lon max
PULL_DEG = 3.0  # lines between random campuses: the far end is pulled to within this of the near end
DISTRIBUTIONS = ["metros", "clustered", "uniform", "long-lines", "one-hot"]


def uniform_land(rng, mask):
    for _ in range(1000):
        lat = US_BOX[0] + rng.random() * (US_BOX[1] - US_BOX[0])
        lon = US_BOX[2] + rng.random() * (US_BOX[3] - US_BOX[2])
        if mask.is_land(lon, lat):
            return round(lat, 4), round(lon, 4)
    return 39.0, -98.0


def place_campus(dist, rng, smp, mask):
    """(metro index for the name, lat, lon) of one campus under `dist`."""
    if dist == "clustered":
        mi = int(rng.random() * 30)
        return (mi,) + smp.near(mi)
    if dist == "uniform":
        mi = smp.metro()
        return (mi,) + uniform_land(rng, mask)
    if dist == "one-hot" and rng.random() < 0.9:
        return (0,) + smp.near(0)
    mi = smp.metro()
    return (mi,) + smp.near(mi)


def lognormal_mw(rng):
    return round(min(5000.0, max(1.0, rng.lognormvariate(math.log(80.0), 1.1))), 1)


def pulled_pair(rng, pos, pull):
    """Two random campuses' positions; with `pull` the second is moved to within PULL_DEG of the first."""
    a = pos[int(rng.random() * len(pos))]
    b = pos[int(rng.random() * len(pos))]
    d = math.hypot(b[0] - a[0], b[1] - a[1])
    if pull and d > PULL_DEG:
        k = PULL_DEG / d
        b = (round(a[0] + (b[0] - a[0]) * k, 4), round(a[1] + (b[1] - a[1]) * k, 4))
    if b == a:
        b = (round(a[0] + 0.05, 4), a[1])
    return a, b


def lifecycle(rng, undated_share=0.10):
    """Returns (cells dict for the 6 date columns + status, online day or None, cancelled flag)."""
    cells = {"announced": "", "permitted": "", "construction": "", "online": "", "retired": "",
             "cancelled": "", "status": ""}
    if rng.random() < undated_share:
        cells["status"] = weighted(rng, [("operating", 45), ("construction", 20), ("announced", 20),
                                         ("Under Construction", 5), ("proposed", 5), ("permitted", 3),
                                         ("cancelled", 2)])
        return cells, None, cells["status"] == "cancelled"
    day = DAY_2024 - 400 + int(rng.random() * (DAY_2036 - DAY_2024 - 200))
    cells["announced"], day = fmt_day(day, rng)
    prev = day
    if rng.random() < 0.3:
        day += 30 + int(rng.random() * 200)
        cells["permitted"], day = fmt_day(day, rng, prev)
        prev = day
    if rng.random() < 0.06:
        day += 60 + int(rng.random() * 500)
        cells["cancelled"], day = fmt_day(day, rng, prev)
        return cells, None, True
    if rng.random() < 0.85:
        day += 60 + int(rng.random() * 500)
        cells["construction"], day = fmt_day(day, rng, prev)
        prev = day
    day += 240 + int(rng.random() * 700)
    cells["online"], day = fmt_day(day, rng, prev)
    online = day
    if rng.random() < 0.02:
        day += 1500 + int(rng.random() * 1500)
        cells["retired"], day = fmt_day(day, rng, online)
    return cells, online, False


LIFE_COLS = ["announced", "permitted", "construction", "online", "retired", "cancelled", "status"]


def capacity(rng):
    # Log-uniform 10 MW .. 3 GW, rounded.
    return round(math.exp(math.log(10) + rng.random() * (math.log(3000) - math.log(10))), 1)


def num(v):
    s = "%.1f" % v
    return s[:-2] if s.endswith(".0") else s


# ---------------------------------------------------------------------------------------------- writers

def dated_lifecycle(rng):
    """A lifecycle that always reaches online (the clustered workload: every campus has an online year)."""
    for _ in range(100):
        cells, online, cancelled = lifecycle(rng, undated_share=0.0)
        if online is not None and not cells["retired"]:
            return cells, online, cancelled
    return cells, online, cancelled


def generate(n, out, seed, lines_geojson, series_rows=None, dist="metros"):
    rng = random.Random(seed)
    mask = LandMask(BASEMAP)
    smp = Sampler(rng, mask)
    os.makedirs(out, exist_ok=True)
    n_lines = n // 2
    n_plants = n // 5
    n_clusters = min(12, max(3, n // 20000))
    target_series = 2 * n if series_rows is None else series_rows
    width = max(6, len(str(n)))

    # Datacenters.
    dc_ids = []
    dc_metro = []
    by_metro = [[] for _ in METROS]
    dc_info = []  # (online day or None, capacity or None, cancelled)
    dc_pos = []  # (lat, lon)
    with open(os.path.join(out, "datacenters.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("id,name,operator,lat,lon,capacity_mw," + ",".join(LIFE_COLS) + ",location_precision,source,tier\n")
        w = f.write
        for i in range(n):
            if dist == "metros":
                mi = smp.metro()
                lat, lon = smp.near(mi)
            else:
                mi, lat, lon = place_campus(dist, rng, smp, mask)
            dc_pos.append((lat, lon))
            did = "dc%0*d" % (width, i + 1)
            if dist in ("clustered", "uniform"):
                cells, online, cancelled = dated_lifecycle(rng)
                cap = lognormal_mw(rng)
            else:
                cells, online, cancelled = lifecycle(rng)
                cap = None if rng.random() < 0.15 else capacity(rng)
            prec = "approximate" if rng.random() < 0.3 else ("exact" if rng.random() < 0.5 else "")
            op = OPERATORS[min(int(rng.random() ** 1.6 * len(OPERATORS)), len(OPERATORS) - 1)]
            w("%s,%s campus %d,%s,%s,%s,%s,%s,%s,https://example.org/synthetic/%s,%s\n" % (
                did, METROS[mi][0], i + 1, op, lat, lon, "" if cap is None else num(cap),
                ",".join(cells[c] for c in LIFE_COLS), prec, did, "ABCD"[i % 4]))
            dc_ids.append(did)
            dc_metro.append(mi)
            by_metro[mi].append(i)
            dc_info.append((online, cap, cancelled))

    # Power plants.
    pp_ids = []
    with open(os.path.join(out, "power_plants.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("id,name,owner,fuel,lat,lon,capacity_mw," + ",".join(LIFE_COLS) +
                ",serves,location_precision,source\n")
        for i in range(n_plants):
            mi = smp.metro()
            lat, lon = smp.near(mi, max_km=60.0, sigma_km=30.0)
            pid = "pp%0*d" % (width, i + 1)
            fuel = weighted(rng, FUELS)
            if rng.random() < 0.05:
                fuel = fuel.upper() if rng.random() < 0.5 else fuel.capitalize()
            cells, _, _ = lifecycle(rng, undated_share=0.25)
            cap = None if rng.random() < 0.1 else capacity(rng)
            serves = ""
            if by_metro[mi] and rng.random() < 0.3:
                k = 1 + int(rng.random() * 3)
                picks = [dc_ids[by_metro[mi][int(rng.random() * len(by_metro[mi]))]] for _ in range(k)]
                serves = ";".join(dict.fromkeys(picks))
            f.write("%s,%s %s plant %d,Utility %d,%s,%s,%s,%s,%s,%s,%s,https://example.org/synthetic/%s\n" % (
                pid, METROS[mi][0], fuel.lower(), i + 1, i % 97, fuel, lat, lon, "" if cap is None else num(cap),
                ",".join(cells[c] for c in LIFE_COLS), serves, "approximate" if rng.random() < 0.5 else "", pid))
            pp_ids.append(pid)

    # Transmission lines.
    def line_endpoints():
        if dist != "metros":
            return pulled_pair(rng, dc_pos, pull=dist != "long-lines")
        mi = smp.metro()
        a = smp.near(mi, max_km=80.0, sigma_km=30.0)
        if rng.random() < 0.05:
            # Between this metro and a metro within ~10 degrees.
            lat0, lon0 = METROS[mi][2], METROS[mi][3]
            near = [j for j, m in enumerate(METROS) if j != mi and math.hypot(m[2] - lat0, m[3] - lon0) < 10]
            if near:
                b = smp.near(near[int(rng.random() * len(near))], max_km=30.0, sigma_km=10.0)
                return a, b
        b = smp.near(mi, max_km=80.0, sigma_km=30.0)
        if b == a:
            b = (round(a[0] + 0.05, 4), a[1])
        return a, b

    tx_path = os.path.join(out, "transmission.geojson" if lines_geojson else "transmission.csv")
    with open(tx_path, "w", encoding="utf-8", newline="") as f:
        if lines_geojson:
            f.write('{"type": "FeatureCollection", "features": [\n')
        else:
            f.write("id,name,kv,capacity_mw,current," + ",".join(LIFE_COLS) +
                    ",from_lat,from_lon,to_lat,to_lon,source\n")
        for i in range(n_lines):
            lid = "ln%0*d" % (width, i + 1)
            kv = weighted(rng, KV)
            hvdc = rng.random() < 0.03
            cap = None if rng.random() < 0.3 else round(kv * (2 + rng.random() * 6))
            cells, _, _ = lifecycle(rng, undated_share=0.5)
            a, b = line_endpoints()
            if lines_geojson:
                pts = [[a[1], a[0]]]
                for k in range(int(rng.random() * 3)):
                    u = (k + 1) / 4.0
                    pts.append([round(a[1] + (b[1] - a[1]) * u + (rng.random() - 0.5) * 0.05, 4),
                                round(a[0] + (b[0] - a[0]) * u + (rng.random() - 0.5) * 0.05, 4)])
                pts.append([b[1], b[0]])
                props = {"id": lid, "name": "Line %d" % (i + 1), "kv": kv}
                if cap is not None:
                    props["capacity_mw"] = cap
                props["current"] = "HVDC" if hvdc else "AC"
                for c in LIFE_COLS:
                    if cells[c]:
                        props[c] = cells[c]
                feat = {"type": "Feature", "properties": props,
                        "geometry": {"type": "LineString", "coordinates": pts}}
                f.write(("," if i else "") + json.dumps(feat, separators=(",", ":")) + "\n")
            else:
                f.write("%s,Line %d,%d,%s,%s,%s,%s,%s,%s,%s,https://example.org/synthetic/%s\n" % (
                    lid, i + 1, kv, "" if cap is None else cap, "HVDC" if hvdc else "AC",
                    ",".join(cells[c] for c in LIFE_COLS), a[0], a[1], b[0], b[1], lid))
        if lines_geojson:
            f.write("]}\n")

    # Superclusters: members from different metros.
    cl_ids = []
    with open(os.path.join(out, "superclusters.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("id,name,members,compute," + ",".join(LIFE_COLS) + ",source\n")
        for c in range(n_clusters):
            k = 2 + int(rng.random() * 7)
            metros = [j for j in range(len(METROS)) if by_metro[j]]
            rng.shuffle(metros)
            members = [dc_ids[by_metro[j][int(rng.random() * len(by_metro[j]))]] for j in metros[:k]]
            cells, _, _ = lifecycle(rng, undated_share=0.2)
            cid = "sc%02d" % (c + 1)
            compute = "" if rng.random() < 0.3 else str(int(50000 + rng.random() * 950000))
            f.write("%s,Synthetic cluster %d,%s,%s,%s,https://example.org/synthetic/%s\n" % (
                cid, c + 1, ";".join(members), compute, ",".join(cells[x] for x in LIFE_COLS), cid))
            cl_ids.append(cid)

    # Zones: four small squares near inland metros.
    zone_ids = []
    feats = []
    for z, mi in enumerate([2, 8, 11, 21]):
        _, _, lat0, lon0, _ = METROS[mi]
        h = 0.15
        ring = [[lon0 - h, lat0 - h], [lon0 + h, lat0 - h], [lon0 + h, lat0 + h], [lon0 - h, lat0 + h],
                [lon0 - h, lat0 - h]]
        ring = [[round(x, 4), round(y, 4)] for x, y in ring]
        zid = "zone%d" % (z + 1)
        feats.append({"type": "Feature", "properties": {
            "id": zid, "name": "Synthetic AI zone %d" % (z + 1), "kind": "synthetic",
            "announced": "2025-0%d" % (z + 2), "designated": "2026-0%d" % (z + 3)},
            "geometry": {"type": "Polygon", "coordinates": [ring]}})
        zone_ids.append(zid)
    with open(os.path.join(out, "zones.geojson"), "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": feats}, f, indent=1)
        f.write("\n")

    # Series: region rows (~10%, monthly), cluster compute, then capacity phases of campuses up to 2N rows.
    months = [(y, m) for y in range(2024, 2036) for m in range(1, 13)]
    region_budget = min(target_series // 10, len(STATES) * len(REGION_METRICS) * len(months))
    rows_written = 0
    filler_metrics = 0
    with open(os.path.join(out, "series.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("id,date,metric,value,source\n")
        w = f.write
        if region_budget > 0:
            # Spread the budget over (state, metric) pairs, each a monthly run from 2024-01.
            pairs = [(s, m) for m in REGION_METRICS for s in STATES]
            per = max(1, min(len(months), region_budget // len(pairs)))
            npairs = min(len(pairs), region_budget // per)
            for s, (metric, _, _) in pairs[:npairs]:
                base = 1 + rng.random() * 20
                growth = 1.0 + rng.random() * 0.03
                v = base
                for (y, m) in months[:per]:
                    w("%s,%04d-%02d,%s,%s,\n" % (s, y, m, metric, round(v, 3)))
                    v *= growth
                rows_written += per
        for cid in cl_ids:
            if rows_written >= target_series:
                break
            for y in range(2024, 2036, 3):
                if rows_written >= target_series:
                    break
                w("%s,%d,compute,%d,\n" % (cid, y, int(1e5 * (y - 2023))))
                rows_written += 1
        order = list(range(n))
        rng.shuffle(order)
        for i in order:
            if rows_written >= target_series:
                break
            online, cap, cancelled = dc_info[i]
            if cancelled:
                continue
            k = min(2 + int(rng.random() * 4), target_series - rows_written)
            top = cap if cap is not None else capacity(rng)
            day = online if online is not None else DAY_2024 + int(rng.random() * 3000)
            for p in range(k):
                y, m, d = civil_from_days(day)
                w("%s,%04d-%02d-%02d,capacity_mw,%s,https://example.org/synthetic/phase\n" % (
                    dc_ids[i], y, m, d, num(top * (p + 1) / k)))
                day += 90 + int(rng.random() * 400)
            rows_written += k
        if rows_written < target_series:
            # Few campuses (tiny N): extra monthly region rows for the US as a whole, new metric per 144.
            extra = 0
            while rows_written < target_series:
                y, m = months[extra % len(months)]
                w("US,%04d-%02d,us_extra_%d,%d,\n" % (y, m, extra // len(months), extra))
                extra += 1
                rows_written += 1
            filler_metrics = (extra + len(months) - 1) // len(months)
    # Manifest.
    metrics = {"capacity_mw": {"unit": "MW", "interpolation": "step"},
               "compute": {"unit": "H100-equivalents", "interpolation": "linear"}}
    for name, unit, interp in REGION_METRICS:
        metrics[name] = {"unit": unit, "interpolation": interp}
    for k in range(filler_metrics):
        metrics["us_extra_%d" % k] = {"unit": "index", "interpolation": "step"}

    manifest = {
        "format": "buildout-scenario",
        "version": 1,
        "id": "synthetic-%d" % n,
        "title": "Synthetic benchmark scenario: %d datacenters" % n,
        "description": "Generated by tools/synth/make_synthetic.py (seed %d). Invented data for load and "
                       "render benchmarks; not real." % seed,
        "time": {"start": "2024", "end": "2035-12-31"},
        "map": {"basemap": "us-states", "crs": "EPSG:5070"},
        "metrics": metrics,
        "layers": [
            {"kind": "datacenters", "file": "datacenters.csv"},
            {"kind": "power_plants", "file": "power_plants.csv"},
            {"kind": "transmission", "file": os.path.basename(tx_path)},
            {"kind": "superclusters", "file": "superclusters.csv"},
            {"kind": "zones", "file": "zones.geojson"},
            {"kind": "series", "file": "series.csv"},
        ],
        "events": [
            {"date": "2025-01", "title": "First synthetic campus", "text": "Synthetic event.", "focus": [dc_ids[0]]},
            {"date": "2026-06-15", "title": "Cluster named", "text": "Synthetic event.", "focus": [cl_ids[0]]},
            {"date": "2027", "title": "Texas load", "text": "Synthetic event.", "focus": ["TX", zone_ids[0]]},
        ],
        "sources": [{"id": "synthetic", "title": "tools/synth/make_synthetic.py", "url": "https://example.org/synthetic"}],
    }
    with open(os.path.join(out, "scenario.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return {"datacenters": n, "power_plants": n_plants, "transmission": n_lines, "superclusters": n_clusters,
            "zones": len(zone_ids), "series_rows": rows_written}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datacenters", type=int, required=True, help="number of datacenters N (>= 1)")
    ap.add_argument("--out", required=True, help="scenario folder to write (created; files overwritten)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--lines-geojson", action="store_true",
                    help="write transmission lines as GeoJSON LineStrings instead of CSV segments")
    ap.add_argument("--series-rows", type=int, default=None, help="series rows (default 2N)")
    ap.add_argument("--distribution", choices=DISTRIBUTIONS, default="metros",
                    help="how campuses and lines are spread (default metros; see above)")
    args = ap.parse_args(argv)
    if args.datacenters < 1:
        ap.error("--datacenters must be at least 1")
    counts = generate(args.datacenters, args.out, args.seed, args.lines_geojson, args.series_rows,
                      args.distribution)
    print("wrote %s: %s" % (args.out, ", ".join("%s %d" % kv for kv in counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
