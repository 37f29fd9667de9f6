"""The build's report: operating rows and MW at a date per kind (datacenters as facility power) and
plants by fuel.
"""
from collections import OrderedDict

from scenario_model import parse_date, status_at


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


def facility_mw(r, c, pue):
    """The format's capacity-basis rule (docs/format.md), as core/capacity_basis.cpp: facility power, or
    None when the figure is not campus demand (grid request, generation, IT without a PUE)."""
    basis = (r.get("capacity_basis") or "").lower()
    if c is None or basis in ("grid", "generation") or (basis == "it" and not pue):
        return None
    return c * pue if basis == "it" else c


def operating_report(sc, t, pue=None):
    out = OrderedDict()
    for kind, rows in (("datacenters", sc.datacenters), ("power_plants", sc.plants), ("transmission", sc.lines)):
        mw, n, unknown = 0.0, 0, 0
        for r in rows:
            if status_at(r, t) != "operating":
                continue
            n += 1
            c = capacity_at(sc, r["id"], r.get("capacity_mw", ""), t) if kind != "transmission" else (
                float(r["capacity_mw"]) if r.get("capacity_mw") else None)
            if kind == "datacenters":
                c = facility_mw(r, c, pue)  # unknown or apart: counted, not summed
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
