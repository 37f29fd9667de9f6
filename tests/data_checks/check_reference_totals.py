#!/usr/bin/env python3
"""Independent check of the default scenario against the sourced reference files.

1. Every reference datacenter and power plant with coordinates is in data/scenarios/us-announced with
   the reference's capacity as its nameplate.
2. At every 1 Jan and 1 Jul of the scenario: datacenter facility demand, count, unknown and apart counts
   per status and the figures per capacity basis, and operating generation by fuel, summed here from the
   scenario's CSVs by the format's rules (docs/format.md, "Capacity basis": facility and blank as stated,
   IT x the manifest's PUE, grid and generation apart; written again in Python, sharing no code with the
   C++ core), equal what `buildout info --at DATE --json` reports.

usage: check_reference_totals.py BUILDOUT SCENARIO_DIR REFERENCE_DIR
"""
import csv
import json
import subprocess
import sys

buildout, scenario, reference = sys.argv[1:4]
with open(f"{scenario}/scenario.json", encoding="utf-8") as f:
    manifest = json.load(f)
PUE = (manifest.get("assumptions") or {}).get("pue")
START, END = int(manifest["time"]["start"][:4]), int(manifest["time"]["end"][:4])
DATES = [f"{y}-{m}-01" for y in range(START, END + 1) for m in ("01", "07")]
AT = "2030-01-01"
STAGES = ["announced", "permitted", "construction", "online", "retired", "cancelled"]
STATUS_OF_STAGE = ["announced", "permitted", "construction", "operating", "retired", "cancelled"]
failures = []


def iso(d):
    """'2027' -> '2027-01-01', '2027-05' -> '2027-05-01' (ISO strings compare as dates)."""
    if not d:
        return None
    return d + "-01-01" if len(d) == 4 else d + "-01" if len(d) == 7 else d


def rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def status_at(row, t):
    dates = [(iso(row.get(s, "")), i) for i, s in enumerate(STAGES)]
    known = [(d, i) for d, i in dates if d]
    if not known:
        word = (row.get("status") or "operating").strip().lower()
        return {"operational": "operating", "online": "operating", "in service": "operating",
                "proposed": "announced", "under construction": "construction"}.get(word, word)
    reached = [(d, i) for d, i in known if d <= t]
    if not reached:
        return "absent"
    return STATUS_OF_STAGE[max(reached)[1]]


series = {}
for r in rows(f"{scenario}/series.csv"):
    if r["metric"] == "capacity_mw":
        series.setdefault(r["id"], []).append((iso(r["date"]), float(r["value"])))


def capacity_at(row, t):
    samples = sorted(series.get(row["id"], []))
    if samples:
        value = samples[0][1]
        for d, v in samples:
            if d <= t:
                value = v
        return value
    return float(row["capacity_mw"]) if row.get("capacity_mw") else None


def nameplate(row):
    """The row's stated capacity: the capacity_mw column (the announced full size; a capacity_mw
    series then gives the phases actually dated), else the last sample of its series."""
    if row.get("capacity_mw"):
        return float(row["capacity_mw"])
    samples = sorted(series.get(row["id"], []))
    return samples[-1][1] if samples else None


# 1. Reference rows with coordinates are in the scenario with their capacity.
dcs = {r["id"]: r for r in rows(f"{scenario}/datacenters.csv")}
plants = {r["id"]: r for r in rows(f"{scenario}/power_plants.csv")}
for ref, table, mw_col in ((f"{reference}/datacenters.csv", dcs, "announced_mw"),
                           (f"{reference}/power_plants.csv", plants, "capacity_mw")):
    for r in rows(ref):
        if not r.get("lat") or not r.get("lon"):
            continue
        if r["id"] not in table:
            failures.append(f"{ref}: {r['id']} has coordinates but is not in the scenario")
            continue
        if r.get(mw_col):
            got = nameplate(table[r["id"]])
            # Half a megawatt of slack: a permit's 360.5 MW is entered as written where the reference rounds.
            if got is None or abs(got - float(r[mw_col])) > 0.5:
                failures.append(f"{r['id']}: reference {mw_col} {r[mw_col]} but scenario capacity {got}")

# 2. Totals at every date, summed independently, against `buildout info`.
BASES = ["unstated", "facility", "it", "grid", "generation"]


def facility_demand(row, mw):
    """(facility MW or None, how): the capacity-basis rule of docs/format.md."""
    basis = (row.get("capacity_basis") or "").strip().lower() or "unstated"
    if mw is None:
        return None, "unknown"
    if basis in ("grid", "generation") or (basis == "it" and PUE is None):
        return None, "apart"
    return (mw * PUE if basis == "it" else mw), "counted"


dc_mw = 0.0
fuel_mw = {}
for at in DATES:
    want = {}
    for r in dcs.values():
        st = status_at(r, at)
        if st == "absent":
            continue
        w = want.setdefault(st, {"count": 0, "mw": 0.0, "unknown_mw_count": 0, "apart_count": 0,
                                 "by_basis": {b: {"count": 0, "mw": 0.0, "unknown_mw_count": 0} for b in BASES}})
        basis = (r.get("capacity_basis") or "").strip().lower() or "unstated"
        mw = capacity_at(r, at)
        w["count"] += 1
        w["by_basis"][basis]["count"] += 1
        if mw is None:
            w["by_basis"][basis]["unknown_mw_count"] += 1
        else:
            w["by_basis"][basis]["mw"] += mw
        f, how = facility_demand(r, mw)
        if how == "unknown":
            w["unknown_mw_count"] += 1
        elif how == "apart":
            w["apart_count"] += 1
        else:
            w["mw"] += f
    fuels = {}
    for r in plants.values():
        if status_at(r, at) == "operating":
            fuel = r["fuel"].strip().lower()
            fuels[fuel] = fuels.get(fuel, 0.0) + (capacity_at(r, at) or 0.0)
    info = json.loads(subprocess.run([buildout, "info", scenario, "--at", at, "--json"], check=True,
                                     capture_output=True, text=True).stdout)
    for st, got in info["kinds"]["datacenters"].items():
        w = want.get(st, {"count": 0, "mw": 0.0, "unknown_mw_count": 0, "apart_count": 0, "by_basis": {}})
        for key in ("count", "unknown_mw_count", "apart_count"):
            if got[key] != w[key]:
                failures.append(f"{at} datacenters {st} {key}: summed {w[key]}, buildout info {got[key]}")
        if abs(got["mw"] - w["mw"]) > 1e-6:
            failures.append(f"{at} datacenters {st} facility MW: summed {w['mw']}, buildout info {got['mw']}")
        for b, gb in got["by_basis"].items():
            wb = w["by_basis"].get(b, {"count": 0, "mw": 0.0, "unknown_mw_count": 0})
            if gb["count"] != wb["count"] or abs(gb["mw"] - wb["mw"]) > 1e-6:
                failures.append(f"{at} datacenters {st} basis {b}: summed {wb}, buildout info {gb}")
    for fuel, mw in fuels.items():
        got = info["generation_by_fuel_mw"].get(fuel, 0.0)
        if abs(got - mw) > 1e-6:
            failures.append(f"{at} operating {fuel} MW: summed {mw}, buildout info {got}")
    if at == AT:
        dc_mw = want.get("operating", {"mw": 0.0})["mw"]
        fuel_mw = fuels

print(f"reference check: {len(dcs)} datacenters, {len(plants)} plants; totals compared at {len(DATES)} dates; "
      f"operating at {AT}: {dc_mw:.0f} MW datacenter facility power, generation {json.dumps({k: round(v) for k, v in sorted(fuel_mw.items())})}")
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
