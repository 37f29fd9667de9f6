"""Each layer's writer: CSV layers (datacenters, power plants, superclusters, series) and GeoJSON
layers (transmission, zones), byte for byte as bundled; rows in id order.
"""
import csv
import io
import json
from collections import OrderedDict

from scenario_model import parse_date


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


def sort_rows(sc):
    key = lambda r: r["id"]
    sc.datacenters.sort(key=key)
    sc.plants.sort(key=key)
    sc.lines.sort(key=key)
    sc.clusters.sort(key=key)
    sc.zones.sort(key=key)
    sc.series.sort(key=lambda s: (s["id"], s["metric"], parse_date(s["date"])))
