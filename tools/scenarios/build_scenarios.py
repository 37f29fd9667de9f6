#!/usr/bin/env python3
"""Build the bundled Buildout scenarios from the sourced reference tables.

    python3 tools/scenarios/build_scenarios.py [--reference DIR] [--out DIR] [--check]

Reads the reference CSVs (datacenters.csv, power_plants.csv, transmission.csv,
national_series.csv; default ../shared/reference relative to the repository root)
and the hand-maintained tools/scenarios/curation.json, and writes four scenario
folders under data/scenarios/:

  us-announced        announced/operating projects as reported (the default)
  us-ai-zones         illustrative AI Economic Zones scenario (assumptions flagged)
  us-grid-constrained us-announced with a mechanical schedule-slip rule
  demo-tiny           a small hand-made scenario for tests and screenshots

Python 3 standard library only; the output is deterministic (same inputs give
byte-identical files). Before writing, every scenario passes a self-check
(unique ids, references, dates and their order, coordinates, basemap regions);
the script exits non-zero and writes nothing if any check fails. --check runs
the checks and the report without writing.
"""

import argparse
import copy
import csv
import io
import json
import math
import os
import re
import sys
from collections import OrderedDict
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))

AS_OF = "2026-06-01"
TIME = OrderedDict([("start", "2024"), ("end", "2035-12-31")])
MAP = OrderedDict([("basemap", "us-states"), ("crs", "EPSG:5070")])
LIFECYCLE = ["announced", "permitted", "construction", "online", "retired", "cancelled"]
STATUS_OF = {"announced": "announced", "permitted": "permitted", "construction": "construction",
             "online": "operating", "retired": "retired", "cancelled": "cancelled"}
FUELS = {"nuclear", "gas", "coal", "oil", "solar", "wind", "hydro", "storage", "geothermal", "fusion", "other"}
STATUSES = {"announced", "permitted", "construction", "operating", "retired", "cancelled"}

DC_COLS = ["id", "name", "operator", "lat", "lon", "capacity_mw"] + LIFECYCLE + [
    "status", "location_precision", "source", "state", "city", "chips", "note", "dates_basis", "more_sources"]
PP_COLS = ["id", "name", "owner", "fuel", "lat", "lon", "capacity_mw"] + LIFECYCLE + [
    "status", "serves", "location_precision", "source", "state", "offtaker", "contract_start",
    "capacity_note", "fuel_note", "permit_date", "note", "dates_basis", "more_sources"]
SC_COLS = ["id", "name", "members", "compute"] + LIFECYCLE + [
    "status", "source", "compute_unit", "compute_note", "note"]
SERIES_COLS = ["id", "date", "metric", "value", "source", "note"]


# --------------------------------------------------------------------------- dates

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


# --------------------------------------------------------------------------- geometry

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


# --------------------------------------------------------------------------- reference

def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def clean(s):
    return (s or "").strip()


# --------------------------------------------------------------------------- scenario model

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


def build_announced(ref, cur):
    sc = Scenario("us-announced")
    ids_dc = set()
    not_mapped = []

    for r in ref["datacenters"]:
        rid = r["id"]
        c = cur["datacenters"].get(rid, {})
        if not clean(r["lat"]) or not clean(r["lon"]):
            not_mapped.append(("datacenters", rid, r["name"]))
            continue
        note = c.get("note", "")
        if c.get("coord_note"):
            note = (note + " Location: " + c["coord_note"] + ".").strip()
        row = OrderedDict()
        row["id"] = rid
        row["name"] = r["name"]
        row["operator"] = c.get("operator", r["operator"])
        row["lat"] = clean(r["lat"])
        row["lon"] = clean(r["lon"])
        row["capacity_mw"] = c.get("capacity_mw", clean(r["announced_mw"]))
        row.update(lifecycle_from(c.get("dates", {})))
        row["status"] = c.get("status", "")
        row["location_precision"] = "approximate"
        row["source"] = r["source_url"]
        row["state"] = r["state"]
        row["city"] = r["city"]
        row["chips"] = c.get("chips", "")
        row["note"] = note
        row["dates_basis"] = c.get("dates_basis", "")
        row["more_sources"] = ";".join(c.get("more_sources", []))
        sc.datacenters.append(row)
        ids_dc.add(rid)
        for date, mw, basis in c.get("phases", []):
            sc.series.append(OrderedDict([("id", rid), ("date", date), ("metric", "capacity_mw"),
                                          ("value", str(mw)), ("source", r["source_url"]), ("note", basis)]))

    for r in ref["power_plants"]:
        rid = r["id"]
        c = cur["power_plants"].get(rid, {})
        if not clean(r["lat"]) or not clean(r["lon"]):
            not_mapped.append(("power_plants", rid, r["name"]))
            continue
        linked = clean(r["linked_datacenter"])
        serves = [s.strip() for s in linked.split(";") if s.strip()] if linked else []
        if serves and all(s in ids_dc for s in serves):
            offtaker = c.get("offtaker", "")
        else:
            offtaker = c.get("offtaker", linked)
            serves = []
        row = OrderedDict()
        row["id"] = rid
        row["name"] = r["name"]
        row["owner"] = c.get("owner", "")
        row["fuel"] = c.get("fuel", clean(r["fuel"]))
        row["lat"] = clean(r["lat"])
        row["lon"] = clean(r["lon"])
        row["capacity_mw"] = c.get("capacity_mw", clean(r["capacity_mw"]))
        row.update(lifecycle_from(c.get("dates", {})))
        row["status"] = c.get("status", "")
        row["serves"] = ";".join(serves)
        row["location_precision"] = "approximate"
        row["source"] = r["source_url"]
        row["state"] = r["state"]
        row["offtaker"] = offtaker
        row["contract_start"] = c.get("contract_start", "")
        row["capacity_note"] = c.get("capacity_note", "")
        row["fuel_note"] = c.get("fuel_note", "")
        row["permit_date"] = c.get("permit_date", "")
        row["note"] = c.get("note", "")
        row["dates_basis"] = c.get("dates_basis", "")
        row["more_sources"] = ";".join(c.get("more_sources", []))
        sc.plants.append(row)
        for date, mw, basis in c.get("phases", []):
            sc.series.append(OrderedDict([("id", rid), ("date", date), ("metric", "capacity_mw"),
                                          ("value", str(mw)), ("source", r["source_url"]), ("note", basis)]))

    for r in ref["transmission"]:
        rid = r["id"]
        c = cur["transmission"].get(rid, {})
        pts = [clean(r[k]) for k in ("from_lat", "from_lon", "to_lat", "to_lon")]
        if not all(pts):
            not_mapped.append(("transmission", rid, r["name"]))
            continue
        kv = c.get("kv", clean(r["kv"]))
        typ = clean(r["type"]).upper()
        line = OrderedDict()
        line["id"] = rid
        line["name"] = r["name"]
        line["kv"] = kv
        line["kv_note"] = c.get("kv_note", "")
        line["capacity_mw"] = clean(r["capacity_mw"])
        line["current"] = "HVDC" if typ == "HVDC" else "AC"
        line.update(lifecycle_from(c.get("dates", {})))
        line["status"] = c.get("status", "")
        line["source"] = r["source_url"]
        line["from"] = r["from_place"]
        line["to"] = r["to_place"]
        line["note"] = c.get("note", "")
        line["dates_basis"] = c.get("dates_basis", "")
        line["location_precision"] = "approximate"
        line["coords"] = [[float(pts[1]), float(pts[0])], [float(pts[3]), float(pts[2])]]
        sc.lines.append(line)

    for cl in cur["superclusters"]:
        row = OrderedDict()
        row["id"] = cl["id"]
        row["name"] = cl["name"]
        row["members"] = ";".join(cl["members"])
        row["compute"] = cl.get("compute", "")
        row.update(lifecycle_from(cl.get("dates", {})))
        row["status"] = cl.get("status", "")
        row["source"] = cl["source"]
        row["compute_unit"] = cl.get("compute_unit", "")
        row["compute_note"] = cl.get("compute_note", "")
        row["note"] = cl.get("note", "")
        sc.clusters.append(row)

    for s in cur["doe_sites"]:
        if s["acres"]:
            area_km2 = s["acres"] * 0.00404686
            diam = 2 * math.sqrt(area_km2 / math.pi)
            shape = "circle with the area of the land offered (%d acres)" % s["acres"]
        else:
            diam = 2 * cur["doe_sites_nominal_radius_km"]
            shape = "nominal circle of %d km radius (area not given)" % cur["doe_sites_nominal_radius_km"]
        z = OrderedDict()
        z["id"] = s["id"]
        z["name"] = s["name"]
        z["designated"] = cur["doe_sites_designated"]
        z["kind"] = "doe-ai-site"
        z["source"] = s["source"]
        z["note"] = s["note"]
        z["geometry_note"] = "approximate: %s centred on a researcher-estimated centroid, not the site boundary" % shape
        z["ring"] = circle(s["lat"], s["lon"], round(diam, 3), 32)
        sc.zones.append(z)

    # national and other figures from national_series.csv
    used = set()
    for rule in cur["national_series"]:
        for i, r in enumerate(ref["national_series"]):
            if r["metric"] != rule["metric"] or not r["scenario"].startswith(rule["scenario_prefix"]):
                continue
            if rule.get("unit_filter") and r["unit"] != rule["unit_filter"]:
                continue
            used.add(i)
            date = rule.get("date", r["year"])
            sc.series.append(OrderedDict([("id", rule["id"]), ("date", date), ("metric", rule["out"]),
                                          ("value", r["value"]), ("source", r["source_url"]),
                                          ("note", r["scenario"])]))
        if rule.get("anchor"):
            d, v, note = rule["anchor"]
            src = next(s["source"] for s in sc.series if s["metric"] == rule["out"])
            sc.series.append(OrderedDict([("id", rule["id"]), ("date", d), ("metric", rule["out"]),
                                          ("value", v), ("source", src), ("note", note)]))
    unused = [r for i, r in enumerate(ref["national_series"]) if i not in used]
    for r in unused:
        if r["metric"] not in cur["national_series_not_represented"]:
            raise SystemExit("national_series.csv metric %r is neither mapped nor listed as not represented" % r["metric"])

    for e in cur["extra_series"]:
        sc.series.append(OrderedDict([("id", e["id"]), ("date", e["date"]), ("metric", e["metric"]),
                                      ("value", str(e["value"])), ("source", e["source"]), ("note", e["note"])]))

    sc.events = [OrderedDict([("date", e["date"]), ("title", e["title"]), ("text", e["text"]),
                              ("focus", list(e["focus"]))]) for e in cur["events"]]
    sc.event_sources = [u for e in cur["events"] for u in e.get("sources", [])]
    sc.extra_sources = OrderedDict(cur["supplementary_sources"])
    sc.not_mapped = not_mapped
    sc.title = "United States: announced AI infrastructure (as of June 2026)"
    sc.description = (
        "Announced and operating AI datacenter campuses, the power plants contracted or built for them, "
        "major high-voltage lines, superclusters, the four DOE sites offered for AI datacenters, and national "
        "forecasts, as reported in public sources up to June 2026. Every row carries its source URL. "
        "Coordinates are approximate (town or county level, researcher estimates or bussetech/kdc city points, "
        "CC BY 4.0). Capacities are the headline figures sources give (usually campus or plant power, "
        "'more than' floors entered as the number); empty means not stated. Dates come from the sources: "
        "'online' is first power, a bare year means sometime that year, half-year and quarter targets use the "
        "first month of the period (end-of-year targets use December), and a few dates are no-later-than dates "
        "(the first dated report of that stage); each row's dates_basis says which. Capacity series step through "
        "dated phases only; undated ultimate figures stay in capacity_mw for inspection. National series: "
        "LBNL 2024 (history, 2028 low/high), EPRI 2024 and 2026, IEA 2025, Grid Strategies. "
        "Rows without a public location are left out (see docs/scenarios.md). Built by "
        "tools/scenarios/build_scenarios.py from the reference tables and tools/scenarios/curation.json."
    )
    return sc


def declare_metrics(sc, cur):
    used = []
    for s in sc.series:
        if s["metric"] not in used:
            used.append(s["metric"])
    sc.metrics = OrderedDict()
    order = list(cur["metrics"].keys())
    for m in sorted(used, key=lambda m: (order.index(m) if m in order else 10 ** 6, m)):
        if m not in cur["metrics"]:
            raise SystemExit("metric %r used but not declared in curation.json" % m)
        sc.metrics[m] = OrderedDict([("unit", cur["metrics"][m]["unit"]),
                                     ("interpolation", cur["metrics"][m]["interpolation"])])


# --------------------------------------------------------------------------- us-ai-zones

def build_ai_zones(base, cur):
    az = cur["ai_zones"]
    sc = copy.deepcopy(base)
    sc.id = "us-ai-zones"
    sc.extra_cols = ["assumption"]
    for layer in (sc.datacenters, sc.plants, sc.lines, sc.clusters, sc.zones):
        for row in layer:
            row["assumption"] = ""

    def set_dates(row, dates):
        for k, v in dates.items():
            row[k] = v

    for rid, ch in az["datacenters_changed"].items():
        row = next(r for r in sc.datacenters if r["id"] == rid)
        set_dates(row, ch.get("dates", {}))
        row["assumption"] = ch["assumption"]
        for date, mw in ch.get("phases_add", []):
            sc.series.append(OrderedDict([("id", rid), ("date", date), ("metric", "capacity_mw"), ("value", str(mw)),
                                          ("source", ""), ("note", ch["assumption"])]))
    for rid, ch in az["plants_changed"].items():
        row = next(r for r in sc.plants if r["id"] == rid)
        set_dates(row, ch.get("dates", {}))
        row["assumption"] = ch["assumption"]
        for date, mw in ch.get("phases", []):
            sc.series.append(OrderedDict([("id", rid), ("date", date), ("metric", "capacity_mw"), ("value", str(mw)),
                                          ("source", ""), ("note", ch["assumption"])]))
    for rid, ch in az["lines_changed"].items():
        row = next(r for r in sc.lines if r["id"] == rid)
        set_dates(row, ch.get("dates", {}))
        row["assumption"] = ch["assumption"]

    for d in az["datacenters_added"]:
        row = OrderedDict((k, "") for k in DC_COLS)
        row.update(id=d["id"], name=d["name"], operator=d["operator"], lat="%.2f" % d["lat"], lon="%.2f" % d["lon"],
                   capacity_mw=str(d["capacity_mw"]), location_precision="approximate", state=d["state"],
                   note="Hypothetical campus of the AI Economic Zones scenario; not a real project.")
        row.update(lifecycle_from(d["dates"]))
        row["assumption"] = d["assumption"]
        sc.datacenters.append(row)
        for date, mw in d.get("phases", []):
            sc.series.append(OrderedDict([("id", d["id"]), ("date", date), ("metric", "capacity_mw"), ("value", str(mw)),
                                          ("source", ""), ("note", d["assumption"])]))
    for p in az["plants_added"]:
        row = OrderedDict((k, "") for k in PP_COLS)
        row.update(id=p["id"], name=p["name"], fuel=p["fuel"], lat="%.2f" % p["lat"], lon="%.2f" % p["lon"],
                   capacity_mw=str(p["capacity_mw"]), serves=";".join(p["serves"]), location_precision="approximate",
                   state=p["state"], note="Hypothetical generation of the AI Economic Zones scenario; not a real project.")
        row.update(lifecycle_from(p["dates"]))
        row["assumption"] = p["assumption"]
        sc.plants.append(row)
    for l in az["lines_added"]:
        line = OrderedDict()
        line["id"] = l["id"]
        line["name"] = l["name"]
        line["kv"] = l["kv"]
        line["kv_note"] = "assumed (hypothetical line)"
        line["capacity_mw"] = str(l["capacity_mw"])
        line["current"] = l["current"]
        line.update(lifecycle_from(l["dates"]))
        line["status"] = ""
        line["source"] = ""
        line["from"] = ""
        line["to"] = ""
        line["note"] = "Hypothetical line of the AI Economic Zones scenario; not a real project."
        line["dates_basis"] = ""
        line["location_precision"] = "approximate"
        line["coords"] = l["coords"]
        line["assumption"] = l["assumption"]
        sc.lines.append(line)
    for z in az["zones"]:
        row = OrderedDict()
        row["id"] = z["id"]
        row["name"] = z["name"]
        row["designated"] = z["designated"]
        row["kind"] = z["kind"]
        row["source"] = "https://fedscoop.com/openai-policy-blueprint-ai-government"
        row["note"] = ("Illustrative AI Economic Zone: joint state-federal fast-track permitting with generation and "
                       "transmission built alongside datacenters (our working definition, after coverage of OpenAI's "
                       "Jan 2025 Economic Blueprint).")
        if "bbox" in z:
            row["geometry_note"] = "illustrative rectangle kept north of the Mexican border"
            row["ring"] = bbox_ring(z["bbox"])
        else:
            row["geometry_note"] = "illustrative circle, %d km across" % z["diameter_km"]
            row["ring"] = circle(z["lat"], z["lon"], z["diameter_km"], 48)
        row["assumption"] = az["zone_assumption"]
        sc.zones.append(row)

    sc.events = sc.events + [OrderedDict([("date", e["date"]), ("title", e["title"]), ("text", e["text"]),
                                          ("focus", list(e["focus"]))]) for e in az["events_added"]]
    sc.event_sources = sc.event_sources + [u for e in az["events_added"] for u in e.get("sources", [])]
    sc.events.sort(key=lambda e: parse_date(e["date"]))
    sc.title = "United States: AI Economic Zones (illustrative)"
    sc.description = (
        "ILLUSTRATIVE industrial-policy scenario, not a forecast. It starts from us-announced (every reported "
        "project, unchanged unless its row says otherwise) and adds AI Economic Zones as described in coverage "
        "of OpenAI's Jan 2025 Economic Blueprint: regions where states and the federal government jointly fast-track "
        "permits and build generation and transmission next to datacenters. Assumptions, all ours: four federal "
        "zones (60-150 km across) around the DOE sites picked on 24 Jul 2025 (INL, Oak Ridge, Paducah, Savannah "
        "River), designated 1 Oct 2026; five state hubs in the Southwest and Midwest (West Texas, Texas Panhandle, "
        "Paso del Norte, Dakota Plains, central Ohio) designated in 2027; %d hypothetical campuses (%.1f GW by "
        "2035) with their own gas, nuclear (SMR), geothermal, solar, wind and battery supply; five hypothetical "
        "lines (345-765 kV); earlier dates for nuclear restarts and SMRs (Palisades, Oklo, X-energy, North Anna, "
        "CFS, Fermi's first AP1000) and for Grain Belt Express Phase 1 and Howard-Solstice; and dated completions "
        "for some undated reported figures (Colossus 2, Hyperion 5 GW, Rainier 2.2 GW, Fermi, Polaris Forge 1). "
        "Every added or changed row has its assumption written in the 'assumption' column; rows with an empty "
        "'assumption' are as reported. Built by tools/scenarios/build_scenarios.py."
        % (len(az["datacenters_added"]), sum(d["capacity_mw"] for d in az["datacenters_added"]) / 1000.0)
    )
    return sc


# --------------------------------------------------------------------------- us-grid-constrained

def build_grid_constrained(base, cur):
    g = cur["grid_constrained"]
    sc = copy.deepcopy(base)
    sc.id = "us-grid-constrained"
    sc.extra_cols = ["slip"]
    asof = parse_date(AS_OF)
    served = set()
    for p in sc.plants:
        served.update(s for s in p["serves"].split(";") if s)

    def future(s):
        return bool(s) and parse_date(s) > asof

    def started(row):
        return any(row.get(k) and parse_date(row[k]) <= asof for k in ("construction", "online", "retired", "cancelled"))

    for layer in (sc.datacenters, sc.plants, sc.lines, sc.clusters, sc.zones):
        for row in layer:
            row["slip"] = ""

    def slip_row(row, months, why):
        changed = []
        for k in ("construction", "online", "retired"):
            if k == "construction" and started(row):
                continue
            if future(row.get(k, "")):
                new = add_months(row[k], months)
                changed.append("%s %s->%s" % (k, row[k], new))
                row[k] = new
        for s in sc.series:
            if s["id"] == row["id"] and s["metric"] == "capacity_mw" and future(s["date"]):
                new = add_months(s["date"], months)
                changed.append("capacity step %s->%s" % (s["date"], new))
                s["date"] = new
        if changed:
            row["slip"] = "+%d months (%s): %s" % (months, why, "; ".join(changed))

    for row in sc.datacenters:
        cap = row["capacity_mw"]
        if cap and float(cap) > g["campus_min_mw"] and row["id"] not in served:
            slip_row(row, g["campus_slip_months"], "campus over %d MW without dedicated generation" % g["campus_min_mw"])
    for row in sc.lines:
        if not started(row):
            slip_row(row, g["line_slip_months"], "line not under construction at %s" % AS_OF)
    for row in sc.plants:
        if not started(row) and row.get("online"):
            slip_row(row, g["line_slip_months"], "new generation not under construction at %s" % AS_OF)

    sc.title = "United States: announced AI infrastructure, grid-constrained timing"
    sc.description = (
        "Same projects, sources and figures as us-announced, with future dates pushed back by a fixed rule "
        "(dates on or before the as_of date, 1 Jun 2026, never move): (1) datacenter campuses above %d MW with no "
        "dedicated generation in the scenario (no power-plant row whose 'serves' names them) slip %d months: "
        "their future online date and every future capacity step; (2) transmission lines not under construction "
        "at as_of (no construction or online date on or before it) slip %d months: future construction and online "
        "dates; (3) power plants not under construction at as_of slip %d months the same way. Each affected row "
        "records what moved in its 'slip' column. The rule stands in for interconnection queues, transformer and "
        "turbine lead times and permitting; it is a sensitivity case, not a forecast. Generated from us-announced "
        "by tools/scenarios/build_scenarios.py, so the two stay in sync."
        % (g["campus_min_mw"], g["campus_slip_months"], g["line_slip_months"], g["line_slip_months"])
    )
    return sc


# --------------------------------------------------------------------------- demo-tiny

def build_demo():
    sc = Scenario("demo-tiny")
    sc.title = "Demo: tiny scenario"
    sc.description = ("A small hand-made scenario with round numbers for tests and screenshots. All entities are "
                      "fictional; places are real only so that the points fall inside the right states.")

    def dc(i, name, op, lat, lon, cap, dates=None, status="", state=""):
        row = OrderedDict((k, "") for k in DC_COLS)
        row.update(id=i, name=name, operator=op, lat=lat, lon=lon, capacity_mw=cap, status=status,
                   location_precision="approximate", state=state)
        row.update(lifecycle_from(dates or {}))
        return row

    sc.datacenters = [
        dc("demo-dc-a", "Demo Campus A", "Demo Cloud", "31.50", "-97.50", "1000",
           {"announced": "2024", "construction": "2024-06", "online": "2025"}, state="TX"),
        dc("demo-dc-b", "Demo Campus B", "Demo Cloud", "32.00", "-100.00", "500",
           {"announced": "2025", "construction": "2026", "online": "2027"}, state="TX"),
        dc("demo-dc-c", "Demo Campus C", "Demo Hosting", "39.00", "-77.50", "300", status="operating", state="VA"),
        dc("demo-dc-d", "Demo Campus D", "Demo Labs", "40.00", "-82.80", "",
           {"announced": "2026"}, state="OH"),
    ]

    def pp(i, name, fuel, lat, lon, cap, dates=None, status="", serves="", state=""):
        row = OrderedDict((k, "") for k in PP_COLS)
        row.update(id=i, name=name, owner="Demo Power", fuel=fuel, lat=lat, lon=lon, capacity_mw=cap,
                   status=status, serves=serves, location_precision="approximate", state=state)
        row.update(lifecycle_from(dates or {}))
        return row

    sc.plants = [
        pp("demo-pp-gas", "Demo Gas Plant", "gas", "31.60", "-97.40", "600",
           {"announced": "2024", "construction": "2024-09", "online": "2026"}, serves="demo-dc-a", state="TX"),
        pp("demo-pp-nuclear", "Demo Nuclear Station", "nuclear", "38.50", "-77.80", "1000", status="operating",
           serves="demo-dc-c", state="VA"),
        pp("demo-pp-solar", "Demo Solar Farm", "solar", "31.80", "-102.00", "400",
           {"announced": "2025", "construction": "2025-06", "online": "2027"}, serves="demo-dc-b", state="TX"),
    ]

    def line(i, name, kv, cur_, cap, coords, dates):
        l = OrderedDict()
        l.update(id=i, name=name, kv=kv, kv_note="", capacity_mw=cap, current=cur_)
        l.update(lifecycle_from(dates))
        l.update(status="", source="", note="", dates_basis="", location_precision="approximate", coords=coords)
        l["from"] = ""
        l["to"] = ""
        return l

    sc.lines = [
        line("demo-tx-ac", "Demo 345 kV line", "345", "AC", "1000", [[-102.0, 31.8], [-100.0, 32.0]],
             {"announced": "2025", "construction": "2025-09", "online": "2027"}),
        line("demo-tx-hvdc", "Demo HVDC link", "525", "HVDC", "2000", [[-100.0, 32.0], [-97.5, 31.5]],
             {"announced": "2025", "construction": "2027", "online": "2030"}),
    ]
    row = OrderedDict((k, "") for k in SC_COLS)
    row.update(id="demo-sc-1", name="Demo Supercluster", members="demo-dc-a;demo-dc-b", compute="200000",
               announced="2025", online="2025", compute_unit="H100-equivalents")
    sc.clusters = [row]
    z = OrderedDict()
    z.update(id="demo-zone-1", name="Demo Zone", designated="2026", kind="aez-state", source="",
             note="Fictional zone.", geometry_note="circle, 100 km across")
    z["ring"] = circle(31.75, -98.75, 100, 32)
    sc.zones = [z]

    def s(i, d, m, v):
        return OrderedDict([("id", i), ("date", d), ("metric", m), ("value", v), ("source", ""), ("note", "")])

    sc.series = [
        s("demo-dc-a", "2025", "capacity_mw", "500"), s("demo-dc-a", "2026", "capacity_mw", "1000"),
        s("demo-sc-1", "2025", "h100e", "100000"), s("demo-sc-1", "2027", "h100e", "200000"),
        s("US", "2024", "dc_electricity_twh", "200"), s("US", "2030", "dc_electricity_twh", "400"),
        s("TX", "2024", "dc_electricity_twh", "40"), s("TX", "2030", "dc_electricity_twh", "100"),
    ]
    sc.metrics = OrderedDict([
        ("capacity_mw", OrderedDict([("unit", "MW"), ("interpolation", "step")])),
        ("h100e", OrderedDict([("unit", "H100-equivalents"), ("interpolation", "linear")])),
        ("dc_electricity_twh", OrderedDict([("unit", "TWh"), ("interpolation", "linear")])),
    ])
    sc.events = [
        OrderedDict([("date", "2025"), ("title", "Campus A online"), ("text", "The first demo campus starts with 500 MW."),
                     ("focus", ["demo-dc-a"])]),
        OrderedDict([("date", "2030"), ("title", "HVDC link in service"), ("text", "The demo HVDC link joins west and central Texas."),
                     ("focus", ["demo-tx-hvdc", "TX"])]),
    ]
    sc.not_mapped = []
    return sc


# --------------------------------------------------------------------------- sources

def collect_sources(sc, cur):
    titles = dict(cur["source_titles"])
    titles.update(cur["supplementary_sources"])
    users = OrderedDict()

    def use(url, who):
        if not url:
            return
        users.setdefault(url, [])
        if who and who not in users[url]:
            users[url].append(who)

    for row in sc.datacenters + sc.plants + sc.lines + sc.clusters + sc.zones:
        use(row.get("source", ""), row.get("name", row["id"]))
        for u in (row.get("more_sources") or "").split(";"):
            use(u, row.get("name", row["id"]))
    for s in sc.series:
        use(s["source"], "")
    for u in getattr(sc, "event_sources", []):
        use(u, "")
    out = []
    per_host = {}
    for url, who in users.items():
        host = urlparse(url).netloc.lower()
        if host.startswith("www."):
            host = host[4:]
        slug = re.sub(r"[^a-z0-9]+", "-", host).strip("-")
        per_host[slug] = per_host.get(slug, 0) + 1
        sid = slug if per_host[slug] == 1 else "%s-%d" % (slug, per_host[slug])
        if url in titles:
            title = titles[url]
        else:
            names = who[:3]
            more = " and %d more" % (len(who) - 3) if len(who) > 3 else ""
            title = "%s: %s%s" % (host, "; ".join(names) if names else "reference figures", more)
        out.append(OrderedDict([("id", sid), ("title", title), ("url", url)]))
    return out


# --------------------------------------------------------------------------- writing

def csv_text(cols, rows, prune=False):
    if prune:  # drop optional columns that are empty in every row (demo-tiny stays small)
        keep = {"id", "name", "lat", "lon", "fuel", "members", "date", "metric", "value"}
        cols = [c for c in cols if c in keep or any(r.get(c, "") != "" for r in rows)]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([r.get(c, "") for c in cols])
    return buf.getvalue()


def num(s):
    f = float(s)
    return int(f) if f == int(f) else f


def geojson_text(features):
    lines = ['{"type":"FeatureCollection","features":[']
    lines.append(",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def line_features(sc):
    feats = []
    for l in sc.lines:
        props = OrderedDict()
        for k, v in l.items():
            if k == "coords" or v == "" or v is None:
                continue
            props[k] = num(v) if k in ("kv", "capacity_mw") else v
        feats.append(OrderedDict([("type", "Feature"), ("properties", props),
                                  ("geometry", OrderedDict([("type", "LineString"), ("coordinates", l["coords"])]))]))
    return feats


def zone_features(sc):
    feats = []
    for z in sc.zones:
        props = OrderedDict((k, v) for k, v in z.items() if k != "ring" and v != "")
        feats.append(OrderedDict([("type", "Feature"), ("properties", props),
                                  ("geometry", OrderedDict([("type", "Polygon"), ("coordinates", [z["ring"]])]))]))
    return feats


def render(sc, cur):
    """Return {relative path: text} for one scenario."""
    files = OrderedDict()
    extra = sc.extra_cols
    prune = sc.id == "demo-tiny"
    sources = collect_sources(sc, cur) if sc.id != "demo-tiny" else []
    layers = []
    if sc.datacenters:
        files["datacenters.csv"] = csv_text(DC_COLS + extra, sc.datacenters, prune)
        layers.append(("datacenters", "datacenters.csv"))
    if sc.plants:
        files["power_plants.csv"] = csv_text(PP_COLS + extra, sc.plants, prune)
        layers.append(("power_plants", "power_plants.csv"))
    if sc.lines:
        files["transmission.geojson"] = geojson_text(line_features(sc))
        layers.append(("transmission", "transmission.geojson"))
    if sc.clusters:
        files["superclusters.csv"] = csv_text(SC_COLS + extra, sc.clusters, prune)
        layers.append(("superclusters", "superclusters.csv"))
    if sc.zones:
        files["zones.geojson"] = geojson_text(zone_features(sc))
        layers.append(("zones", "zones.geojson"))
    if sc.series:
        files["series.csv"] = csv_text(SERIES_COLS, sc.series, prune)
        layers.append(("series", "series.csv"))
    manifest = OrderedDict()
    manifest["format"] = "buildout-scenario"
    manifest["version"] = 1
    manifest["id"] = sc.id
    manifest["title"] = sc.title
    manifest["description"] = sc.description
    manifest["as_of"] = AS_OF
    manifest["time"] = TIME
    manifest["map"] = MAP
    if sc.id != "demo-tiny":  # the power balance per US grid operator (assets/basemaps/us-states.grid-operators.groups.json)
        manifest["region_groups"] = "grid-operators"
    manifest["metrics"] = sc.metrics
    manifest["layers"] = [OrderedDict([("kind", k), ("file", f)]) for k, f in layers]
    manifest["events"] = sc.events
    if sources:
        manifest["sources"] = sources
    files["scenario.json"] = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    return files


def sort_rows(sc):
    key = lambda r: r["id"]
    sc.datacenters.sort(key=key)
    sc.plants.sort(key=key)
    sc.lines.sort(key=key)
    sc.clusters.sort(key=key)
    sc.zones.sort(key=key)
    sc.series.sort(key=lambda s: (s["id"], s["metric"], parse_date(s["date"])))


# --------------------------------------------------------------------------- self-check

def check(sc, basemap):
    errs = []
    asof = parse_date(AS_OF)

    def e(where, msg):
        errs.append("%s: %s: %s" % (sc.id, where, msg))

    ids = {}
    for kind, rows in (("datacenters", sc.datacenters), ("power_plants", sc.plants), ("transmission", sc.lines),
                       ("superclusters", sc.clusters), ("zones", sc.zones)):
        seen = set()
        for r in rows:
            if not r["id"]:
                e(kind, "empty id")
            if r["id"] in seen:
                e(kind, "duplicate id %s" % r["id"])
            seen.add(r["id"])
            ids[r["id"]] = kind
    all_ids = set(ids) | basemap.ids
    dc_ids = {r["id"] for r in sc.datacenters}

    def check_lifecycle(kind, r):
        prev = None
        for k in LIFECYCLE:
            v = r.get(k, "")
            if not v:
                continue
            d = parse_date(v)
            if d is None:
                e(kind, "%s: bad date %s=%r" % (r["id"], k, v))
                continue
            if k == "cancelled" and r.get("online"):
                e(kind, "%s: cancelled project has an online date" % r["id"])
            if k in ("retired", "cancelled"):
                cmp_prev = max([parse_date(r[x]) for x in LIFECYCLE[:4] if r.get(x) and parse_date(r[x])] or [None],
                               key=lambda x: x or (0, 0, 0))
                if cmp_prev and d < cmp_prev:
                    e(kind, "%s: %s before earlier lifecycle date" % (r["id"], k))
                continue
            if prev and d < prev[1]:
                e(kind, "%s: %s (%s) before %s (%s)" % (r["id"], k, v, prev[0], r[prev[0]]))
            prev = (k, d)
        st = (r.get("status") or "").lower()
        if st and st not in STATUSES:
            e(kind, "%s: unknown status %r" % (r["id"], st))
        has_dates = any(r.get(k) for k in LIFECYCLE)
        if st and has_dates and status_at(r, AS_OF) != st:
            e(kind, "%s: status %r contradicts dates at as_of (%s)" % (r["id"], st, status_at(r, AS_OF)))

    def check_point(kind, r):
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except ValueError:
            e(kind, "%s: bad coordinates" % r["id"])
            return
        if not (17 <= lat <= 72 and -180 <= lon <= -64):
            e(kind, "%s: coordinates outside the US box" % r["id"])
        reg = basemap.region_of(lat, lon)
        if reg is None:
            e(kind, "%s: point (%s, %s) is in no basemap region" % (r["id"], lat, lon))
        elif r.get("state") and reg != r["state"]:
            e(kind, "%s: point falls in %s, row says %s" % (r["id"], reg, r["state"]))

    def check_cap(kind, r):
        v = r.get("capacity_mw", "")
        if v == "":
            return
        try:
            f = float(v)
        except ValueError:
            e(kind, "%s: capacity %r not a number" % (r["id"], v))
            return
        if not math.isfinite(f) or f < 0:
            e(kind, "%s: capacity %r invalid" % (r["id"], v))

    for r in sc.datacenters:
        check_lifecycle("datacenters", r)
        check_point("datacenters", r)
        check_cap("datacenters", r)
    for r in sc.plants:
        check_lifecycle("power_plants", r)
        check_point("power_plants", r)
        check_cap("power_plants", r)
        if r["fuel"].lower() not in FUELS:
            e("power_plants", "%s: fuel %r not in the list" % (r["id"], r["fuel"]))
        for s in filter(None, r["serves"].split(";")):
            if s not in dc_ids:
                e("power_plants", "%s: serves unknown datacenter %s" % (r["id"], s))
    for l in sc.lines:
        check_lifecycle("transmission", l)
        check_cap("transmission", l)
        if not l.get("kv"):
            e("transmission", "%s: kv missing" % l["id"])
        if l["current"] not in ("AC", "HVDC"):
            e("transmission", "%s: current %r" % (l["id"], l["current"]))
        if len(l["coords"]) < 2:
            e("transmission", "%s: fewer than 2 vertices" % l["id"])
        for lon, lat in l["coords"]:
            if not (17 <= lat <= 72 and -180 <= lon <= -64):
                e("transmission", "%s: vertex outside the US box" % l["id"])
    for c in sc.clusters:
        check_lifecycle("superclusters", c)
        for m in c["members"].split(";"):
            if m not in dc_ids:
                e("superclusters", "%s: unknown member %s" % (c["id"], m))
    for z in sc.zones:
        if z.get("designated") and parse_date(z["designated"]) is None:
            e("zones", "%s: bad designated date" % z["id"])
        ring = z["ring"]
        if len(ring) < 4 or ring[0] != ring[-1]:
            e("zones", "%s: ring not closed" % z["id"])
        for lon, lat in ring:
            if not (17 <= lat <= 72 and -180 <= lon <= -64):
                e("zones", "%s: vertex outside the US box" % z["id"])
    for s in sc.series:
        if s["id"] not in all_ids:
            e("series", "unknown id %s" % s["id"])
        if parse_date(s["date"]) is None:
            e("series", "bad date %r" % s["date"])
        if s["metric"] not in sc.metrics:
            e("series", "undeclared metric %s" % s["metric"])
        try:
            if not math.isfinite(float(s["value"])):
                raise ValueError
        except ValueError:
            e("series", "bad value %r" % s["value"])
    seen_pairs = set()
    for s in sc.series:
        k = (s["id"], s["metric"], parse_date(s["date"]))
        if k in seen_pairs:
            e("series", "duplicate sample %s %s %s" % (s["id"], s["metric"], s["date"]))
        seen_pairs.add(k)
    for ev in sc.events:
        if parse_date(ev["date"]) is None:
            e("events", "bad date %r" % ev["date"])
        for f in ev["focus"]:
            if f not in all_ids:
                e("events", "focus %s unknown" % f)
    for m, d in sc.metrics.items():
        if d["interpolation"] not in ("step", "linear"):
            e("metrics", "%s: interpolation %r" % (m, d["interpolation"]))
    return errs


# --------------------------------------------------------------------------- report

def capacity_at(sc, rid, nameplate, t):
    steps = sorted(((parse_date(s["date"]), float(s["value"])) for s in sc.series
                    if s["id"] == rid and s["metric"] == "capacity_mw"))
    if steps:
        tt = parse_date(t)
        val = steps[0][1]
        for d, v in steps:
            if d <= tt:
                val = v
        return val
    return float(nameplate) if nameplate else None


def operating_report(sc, t):
    out = OrderedDict()
    for kind, rows in (("datacenters", sc.datacenters), ("power_plants", sc.plants), ("transmission", sc.lines)):
        mw, n, unknown = 0.0, 0, 0
        for r in rows:
            if status_at(r, t) != "operating":
                continue
            n += 1
            c = capacity_at(sc, r["id"], r.get("capacity_mw", ""), t) if kind != "transmission" else (
                float(r["capacity_mw"]) if r.get("capacity_mw") else None)
            if c is None:
                unknown += 1
            else:
                mw += c
        out[kind] = (n, mw, unknown)
    fuels = OrderedDict()
    for r in sc.plants:
        if status_at(r, t) == "operating":
            c = capacity_at(sc, r["id"], r["capacity_mw"], t)
            fuels.setdefault(r["fuel"], [0, 0.0, 0])
            fuels[r["fuel"]][0] += 1
            if c is None:
                fuels[r["fuel"]][2] += 1
            else:
                fuels[r["fuel"]][1] += c
    return out, fuels


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", default=os.path.join(REPO, "..", "shared", "reference"),
                    help="folder with the reference CSVs (default: ../shared/reference from the repo root)")
    ap.add_argument("--out", default=os.path.join(REPO, "data", "scenarios"), help="output folder")
    ap.add_argument("--basemap", default=os.path.join(REPO, "assets", "basemaps", "us-states.geojson"))
    ap.add_argument("--curation", default=os.path.join(HERE, "curation.json"))
    ap.add_argument("--check", action="store_true", help="check and report only, write nothing")
    args = ap.parse_args()

    with open(args.curation, encoding="utf-8") as f:
        cur = json.load(f, object_pairs_hook=OrderedDict)
    ref = {k: read_csv(os.path.join(args.reference, k + ".csv"))
           for k in ("datacenters", "power_plants", "transmission", "national_series")}
    basemap = Basemap(args.basemap)

    base = build_announced(ref, cur)
    declare_metrics(base, cur)
    zones = build_ai_zones(base, cur)
    declare_metrics(zones, cur)
    grid = build_grid_constrained(base, cur)
    demo = build_demo()
    scenarios = [base, zones, grid, demo]

    errors = []
    for sc in scenarios:
        sort_rows(sc)
        errors += check(sc, basemap)
    for sc in scenarios:
        if sc is demo:
            continue
        urls = {s["url"] for s in collect_sources(sc, cur)}
        for row in sc.datacenters + sc.plants + sc.lines + sc.clusters + sc.zones:
            if row.get("source") and row["source"] not in urls:
                errors.append("%s: %s: source not listed" % (sc.id, row["id"]))
    if errors:
        for x in errors:
            print("error: " + x, file=sys.stderr)
        return 1

    rendered = OrderedDict((sc.id, render(sc, cur)) for sc in scenarios)
    if not args.check:
        for sid, files in rendered.items():
            d = os.path.join(args.out, sid)
            os.makedirs(d, exist_ok=True)
            for name in sorted(os.listdir(d)):
                if name not in files and os.path.isfile(os.path.join(d, name)):
                    os.remove(os.path.join(d, name))
            for name, text in files.items():
                with open(os.path.join(d, name), "w", encoding="utf-8", newline="\n") as f:
                    f.write(text)

    for sc in scenarios:
        print("%-20s datacenters %3d  plants %3d  lines %3d  clusters %2d  zones %2d  series rows %3d  events %2d"
              % (sc.id, len(sc.datacenters), len(sc.plants), len(sc.lines), len(sc.clusters), len(sc.zones),
                 len(sc.series), len(sc.events)))
    print("not mapped (no public location / no geometry): " +
          ", ".join("%s" % rid for _, rid, _ in base.not_mapped))
    for t in (AS_OF, "2030-01-01", "2035-12-31"):
        for sc in scenarios[:3]:
            rep, fuels = operating_report(sc, t)
            print("operating at %s in %-20s " % (t, sc.id) + "  ".join(
                "%s: %d rows, %.0f MW (+%d unknown)" % (k, n, mw, u) for k, (n, mw, u) in rep.items()))
            if sc is base and t == "2030-01-01":
                print("    plants by fuel: " + ", ".join("%s %d rows %.0f MW (+%d unknown)" % (f, n, mw, u)
                                                        for f, (n, mw, u) in sorted(fuels.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
