"""The manifest (scenario.json: metrics, layers, events, assumptions) and its source list, and the
files of one scenario.
"""
import json
import re
from collections import OrderedDict
from urllib.parse import urlparse

import scenario_model as model
from layer_writers import csv_text, geojson_text, line_features, zone_features
from scenario_model import DC_COLS, MAP, PP_COLS, SC_COLS, SERIES_COLS, TIME


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
    manifest["as_of"] = model.AS_OF
    manifest["time"] = TIME
    manifest["map"] = MAP
    # The power balance per US grid operator (assets/basemaps/us-states.grid-operators.groups.json).
    if sc.id != "demo-tiny":
        manifest["region_groups"] = "grid-operators"
    if sc.id != "demo-tiny" and cur.get("assumptions"):
        manifest["assumptions"] = OrderedDict(cur["assumptions"])
    manifest["metrics"] = sc.metrics
    manifest["layers"] = [OrderedDict([("kind", k), ("file", f)]) for k, f in layers]
    manifest["events"] = sc.events
    if sources:
        manifest["sources"] = sources
    files["scenario.json"] = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    return files
