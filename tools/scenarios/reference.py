"""Reading the reference tables (../shared/reference-2026-12) into us-announced, with the curation
applied, and the metrics a scenario declares.
"""
import csv
import math
from collections import OrderedDict

from curation import with_addition
from scenario_model import LIFECYCLE, Scenario, circle, lifecycle_from


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def clean(s):
    return (s or "").strip()


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
        note = with_addition(c.get("note", ""), c)
        if c.get("coord_note"):
            note = (note + " Location: " + c["coord_note"] + ".").strip()
        row = OrderedDict()
        row["id"] = rid
        row["name"] = r["name"]
        row["operator"] = c.get("operator", r["operator"])
        row["lat"] = clean(r["lat"])
        row["lon"] = clean(r["lon"])
        row["capacity_mw"] = c.get("capacity_mw", clean(r["announced_mw"]))
        row["capacity_basis"] = c.get("capacity_basis", clean(r.get("capacity_basis", "")).lower())
        row.update(lifecycle_from(c.get("dates", {})))
        row["status"] = c.get("status", "")
        row["status_tag"] = c.get("status_tag", "")
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
        row["note"] = with_addition(c.get("note", ""), c)
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
        line["note"] = with_addition(c.get("note", ""), c)
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
    for row in sc.datacenters + sc.plants + sc.lines:
        if not any(row.get(k) for k in LIFECYCLE) and not row.get("status"):
            raise SystemExit("%s has neither lifecycle dates nor a status in the curation: it would be drawn as "
                             "operating for the whole scenario" % row["id"])
    sc.title = "United States: announced AI infrastructure (as of July 2026)"
    n_cancelled = sum(1 for r in sc.datacenters if r.get("cancelled"))
    sc.description = (
        "Announced, operating and cancelled AI datacenter campuses, the power plants contracted or built for them, "
        "major high-voltage lines, superclusters, the four DOE sites offered for AI datacenters, and national and "
        "Dominion/Virginia series, as reported in public sources. The reference (Dec 2026 edition) holds facts up "
        "to 8 Jul 2026, its newest, so as_of is that date; most of its pages run to about mid-2026. Every row "
        "carries its source URL. Coordinates are approximate (town or county level, researcher estimates or "
        "bussetech/kdc city points, CC BY 4.0). Capacities are the headline figures sources give ('more than' "
        "floors entered as the number; empty means not stated); capacity_basis says what each campus figure "
        "measures: facility power, IT load, a grid request/contract or on-site generation (blank: the source does "
        "not say, read as facility power). Totals count facility power only: IT load is converted with the PUE "
        "stated under 'assumptions' (1.3, our assumption), grid-request and generation figures are shown apart. "
        "%d cancelled projects keep their last announced figure and their cancellation date: from that date they "
        "are drawn struck out and counted apart, never as pending. Paused or stalled projects stay announced, "
        "with status_tag saying so. Dates come from the sources: 'online' is first power, a bare year means "
        "sometime that year, half-year and quarter targets use the first month of the period (end-of-year "
        "targets use December), and a few dates are no-later-than dates (the first dated report of that stage); "
        "each row's dates_basis says which. Capacity series step through dated phases only; undated ultimate "
        "figures stay in capacity_mw for inspection. National series: LBNL 2024 (history, 2028 low/high), EPRI "
        "2024 and 2026, IEA 2025, Grid Strategies; Dominion's contracted datacenter capacity on VA. Rows without "
        "a public location are left out (see docs/scenarios.md). Built by tools/scenarios/build_scenarios.py from "
        "the reference tables, tools/scenarios/curation.json and curation_2026_12.json." % n_cancelled
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
