#!/usr/bin/env python3
"""Independent check of the default scenario against the sourced reference files.

1. Every reference datacenter and power plant with coordinates is in data/scenarios/us-announced with
   the reference's capacity as its nameplate.
2. Operating datacenter MW and operating generation by fuel at 2030-01-01, summed here from the
   scenario's CSVs by the format's rules (written again in Python, sharing no code with the C++ core),
   equal what `buildout info --at 2030 --json` reports.

usage: check_reference_totals.py BUILDOUT SCENARIO_DIR REFERENCE_DIR
"""
import csv
import json
import subprocess
import sys

buildout, scenario, reference = sys.argv[1:4]
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

# 2. Operating totals at AT, summed independently, against `buildout info`.
dc_mw = sum(capacity_at(r, AT) or 0.0 for r in dcs.values() if status_at(r, AT) == "operating")
fuel_mw = {}
for r in plants.values():
    if status_at(r, AT) == "operating":
        fuel = r["fuel"].strip().lower()
        fuel_mw[fuel] = fuel_mw.get(fuel, 0.0) + (capacity_at(r, AT) or 0.0)
info = json.loads(subprocess.run([buildout, "info", scenario, "--at", AT, "--json"], check=True,
                                 capture_output=True, text=True).stdout)
reported = info["kinds"]["datacenters"]["operating"]["mw"]
if abs(reported - dc_mw) > 1e-6:
    failures.append(f"operating datacenter MW at {AT}: summed {dc_mw}, buildout info {reported}")
for fuel, mw in fuel_mw.items():
    got = info["generation_by_fuel_mw"].get(fuel, 0.0)
    if abs(got - mw) > 1e-6:
        failures.append(f"operating {fuel} MW at {AT}: summed {mw}, buildout info {got}")

print(f"reference check: {len(dcs)} datacenters, {len(plants)} plants; operating at {AT}: "
      f"{dc_mw:.0f} MW datacenters, generation {json.dumps({k: round(v) for k, v in sorted(fuel_mw.items())})}")
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
