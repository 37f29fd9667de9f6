#!/usr/bin/env python3
"""Build the bundled Buildout scenarios from the sourced reference tables.

    python3 tools/scenarios/build_scenarios.py [--reference DIR] [--out DIR] [--check]

Reads the reference CSVs (datacenters.csv, power_plants.csv, transmission.csv,
national_series.csv; default ../shared/reference-2026-12 relative to the repository root)
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

This file is the driver; the steps live in modules beside it, one purpose each:
  scenario_model     constants, dates, geometry, basemap regions, the in-memory scenario
  curation           layering curation_2026_12.json over curation.json
  reference          reading the reference tables into us-announced; declared metrics
  derived_scenarios  us-ai-zones and us-grid-constrained from us-announced
  demo_tiny          the hand-made demo-tiny
  layer_writers      each layer's CSV/GeoJSON text, rows in id order
  manifest_writer    scenario.json (metrics, layers, events, assumptions) and its sources
  self_check         the checks every scenario passes before anything is written
  report             the operating figures printed at the end
"""

import argparse
import json
import os
import sys
from collections import OrderedDict

import scenario_model as model
from curation import merge_curation
from demo_tiny import build_demo
from derived_scenarios import build_ai_zones, build_grid_constrained
from layer_writers import sort_rows
from manifest_writer import collect_sources, render
from reference import build_announced, declare_metrics, read_csv
from report import operating_report
from scenario_model import Basemap, HERE, REPO
from self_check import check


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", default=os.path.join(REPO, "..", "shared", "reference-2026-12"),
                    help="folder with the reference CSVs (default: ../shared/reference-2026-12 from the repo root)")
    ap.add_argument("--out", default=os.path.join(REPO, "data", "scenarios"), help="output folder")
    ap.add_argument("--basemap", default=os.path.join(REPO, "assets", "basemaps", "us-states.geojson"))
    ap.add_argument("--curation", default=os.path.join(HERE, "curation.json"))
    ap.add_argument("--refresh", default=os.path.join(HERE, "curation_2026_12.json"),
                    help="curation layered over --curation for the reference edition read (default: the Dec 2026 one)")
    ap.add_argument("--check", action="store_true", help="check and report only, write nothing")
    args = ap.parse_args()

    with open(args.curation, encoding="utf-8") as f:
        cur = json.load(f, object_pairs_hook=OrderedDict)
    if args.refresh:
        with open(args.refresh, encoding="utf-8") as f:
            merge_curation(cur, json.load(f, object_pairs_hook=OrderedDict))
    model.AS_OF = cur["as_of"]
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
    print("datacenter MW is facility power (IT x PUE %s; grid and generation figures among the unknown)"
          % cur["assumptions"]["pue"])
    print("not mapped (no public location / no geometry): " +
          ", ".join("%s" % rid for _, rid, _ in base.not_mapped))
    for t in (model.AS_OF, "2030-01-01", "2035-12-31"):
        for sc in scenarios[:3]:
            rep, fuels = operating_report(sc, t, cur["assumptions"]["pue"])
            print("operating at %s in %-20s " % (t, sc.id) + "  ".join(
                "%s: %d rows, %.0f MW (+%d unknown)" % (k, n, mw, u) for k, (n, mw, u) in rep.items()))
            if sc is base and t == "2030-01-01":
                print("    plants by fuel: " + ", ".join("%s %d rows %.0f MW (+%d unknown)" % (f, n, mw, u)
                                                        for f, (n, mw, u) in sorted(fuels.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
