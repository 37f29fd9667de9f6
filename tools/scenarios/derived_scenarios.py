"""The scenarios derived from us-announced: us-ai-zones (an illustrative policy scenario) and
us-grid-constrained (a mechanical schedule-slip rule).
"""
import copy
from collections import OrderedDict

import scenario_model as model
from scenario_model import DC_COLS, PP_COLS, add_months, bbox_ring, circle, lifecycle_from, parse_date


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


def construction_status(row, cur):
    """Explicit construction status of a plant or line at the curation's as_of, and what it rests on.

    From its lifecycle dates when they place it under construction (or further) at as_of; else from
    curation_2026_12.json's "construction_status" list, which records what the reference says. A row
    with a future online date that neither covers is an error: the rule never reads a missing date as
    'not under construction'."""
    if started(row):
        return "under construction", "construction (or a later stage) dated on or before as_of"
    explicit = cur.get("construction_status", {}).get(row["id"])
    if explicit:
        return explicit[0], explicit[1]
    if row.get("online") and parse_date(row["online"]) > parse_date(model.AS_OF):
        raise SystemExit("%s: future online date but no explicit construction status in curation_2026_12.json"
                         % row["id"])
    return "", ""


def started(row):
    asof = parse_date(model.AS_OF)
    return any(row.get(k) and parse_date(row[k]) <= asof for k in ("construction", "online", "retired", "cancelled"))


def build_grid_constrained(base, cur):
    g = cur["grid_constrained"]
    sc = copy.deepcopy(base)
    sc.id = "us-grid-constrained"
    sc.extra_cols = ["construction_status", "construction_status_basis", "slip"]
    asof = parse_date(model.AS_OF)
    served = set()
    for p in sc.plants:
        if not p.get("cancelled"):
            served.update(s for s in p["serves"].split(";") if s)

    def future(s):
        return bool(s) and parse_date(s) > asof

    for layer in (sc.datacenters, sc.plants, sc.lines, sc.clusters, sc.zones):
        for row in layer:
            row["slip"] = ""
            row["construction_status"] = ""
            row["construction_status_basis"] = ""

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

    pue = cur["assumptions"]["pue"]
    for row in sc.datacenters:
        cap = row["capacity_mw"]
        basis = row.get("capacity_basis", "")
        # Facility power (IT x the stated PUE); grid-basis figures are a granted connection and
        # generation-basis figures are their own supply, so neither waits for the grid.
        if not cap or basis in ("grid", "generation"):
            continue
        facility = float(cap) * (pue if basis == "it" else 1.0)
        if facility > g["campus_min_mw"] and row["id"] not in served:
            slip_row(row, g["campus_slip_months"],
                     "campus over %d MW facility power without dedicated generation" % g["campus_min_mw"])
    for kind, rows in (("line", sc.lines), ("new generation", sc.plants)):
        for row in rows:
            if not future(row.get("online", "")) or row.get("cancelled"):
                continue  # only rows still to come online at as_of can slip
            status, why = construction_status(row, cur)
            row["construction_status"] = status
            row["construction_status_basis"] = why
            if status == "not started":
                slip_row(row, g["line_slip_months"], "%s not under construction at %s: %s" % (kind, model.AS_OF, why))

    sc.title = "United States: announced AI infrastructure, grid-constrained timing"
    sc.description = (
        "Same projects, sources and figures as us-announced, with future dates pushed back by a fixed rule; "
        "dates on or before as_of (%s) never move. (1) Datacenter campuses above %d MW of facility power (IT "
        "load x the stated PUE) with no dedicated generation in the scenario (no power-plant row whose 'serves' "
        "names them) slip %d months: their future online date and every future capacity step. Campuses whose "
        "figure is a grid approval or contract (capacity_basis grid) already hold a connection, and those whose "
        "figure is on-site generation bring their own supply: neither slips. (2) Power plants and lines with a "
        "future online date slip %d months (future construction and online dates) only when the sources say "
        "they are not under construction at as_of. Each such row's construction_status column says which of "
        "'under construction', 'not started' or 'not reported' applies and construction_status_basis what it "
        "rests on: a construction (or later) date on or before as_of, or what the reference reports (e.g. an "
        "NRC construction permit, a groundbreaking, an investment decision still pending, a line still in "
        "permitting). Assumptions, all ours: a row the sources do not report on ('not reported') keeps its "
        "dates, because a missing construction date is not evidence that nothing is being built; a plant due "
        "online within about a year of its approval is taken to be under construction (said so in its basis); "
        "the slip lengths stand for interconnection queues, transformer and turbine lead times and permitting. "
        "Each affected row records what moved in its 'slip' column. A sensitivity case, not a forecast. "
        "Generated from us-announced by tools/scenarios/build_scenarios.py, so the two stay in sync."
        % (model.AS_OF, g["campus_min_mw"], g["campus_slip_months"], g["line_slip_months"])
    )
    return sc
