"""The self-check every scenario passes before anything is written: unique ids, references, dates and
their order, coordinates, basemap regions, metrics.
"""
import math

import scenario_model as model
from scenario_model import FUELS, LIFECYCLE, STATUSES, parse_date, status_at


def check(sc, basemap):
    errs = []
    asof = parse_date(model.AS_OF)

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
        if st and has_dates and status_at(r, model.AS_OF) != st:
            e(kind, "%s: status %r contradicts dates at as_of (%s)" % (r["id"], st, status_at(r, model.AS_OF)))

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
