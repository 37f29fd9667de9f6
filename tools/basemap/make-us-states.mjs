// Generates assets/basemaps/us-states.geojson, the built-in `us-states` basemap.
//
// Input : us-atlas@3.0.1 states-10m.json (TopoJSON, unprojected lon/lat, derived from the
//         US Census Bureau 2017 cartographic boundary files; quantized and simplified by
//         the package author).
// Output: a GeoJSON FeatureCollection, one feature per state, DC and kept territory
//         (properties id = USPS postal code, name, kind) plus one `US` nation feature.
//
// Rerun:  cd tools/basemap && npm ci && node make-us-states.mjs
//
// The output is deterministic: same package versions -> byte-identical file.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import * as topojson from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const OUT = resolve(here, "../../assets/basemaps/us-states.geojson");
const DECIMALS = 4;

// FIPS state code -> [USPS postal code, kind]. Covers every code us-atlas 3 ships.
const FIPS = {
  "01": ["AL", "state"], "02": ["AK", "state"], "04": ["AZ", "state"], "05": ["AR", "state"],
  "06": ["CA", "state"], "08": ["CO", "state"], "09": ["CT", "state"], "10": ["DE", "state"],
  "11": ["DC", "state"], "12": ["FL", "state"], "13": ["GA", "state"], "15": ["HI", "state"],
  "16": ["ID", "state"], "17": ["IL", "state"], "18": ["IN", "state"], "19": ["IA", "state"],
  "20": ["KS", "state"], "21": ["KY", "state"], "22": ["LA", "state"], "23": ["ME", "state"],
  "24": ["MD", "state"], "25": ["MA", "state"], "26": ["MI", "state"], "27": ["MN", "state"],
  "28": ["MS", "state"], "29": ["MO", "state"], "30": ["MT", "state"], "31": ["NE", "state"],
  "32": ["NV", "state"], "33": ["NH", "state"], "34": ["NJ", "state"], "35": ["NM", "state"],
  "36": ["NY", "state"], "37": ["NC", "state"], "38": ["ND", "state"], "39": ["OH", "state"],
  "40": ["OK", "state"], "41": ["OR", "state"], "42": ["PA", "state"], "44": ["RI", "state"],
  "45": ["SC", "state"], "46": ["SD", "state"], "47": ["TN", "state"], "48": ["TX", "state"],
  "49": ["UT", "state"], "50": ["VT", "state"], "51": ["VA", "state"], "53": ["WA", "state"],
  "54": ["WV", "state"], "55": ["WI", "state"], "56": ["WY", "state"],
  "60": ["AS", "territory"], "66": ["GU", "territory"], "69": ["MP", "territory"],
  "72": ["PR", "territory"], "78": ["VI", "territory"],
};

// Pacific territories left out of the basemap: Guam and the Northern Mariana Islands lie
// in the eastern hemisphere and American Samoa in the southern one. Keeping them would make
// the nation's bounding box wrap the globe, and no scenario places anything there.
const DROP = new Set(["AS", "GU", "MP"]);

// A polygon part is dropped when any of its vertices is east of the antimeridian
// (lon > 0: the western Aleutians, Guam, CNMI) or south of the equator (American Samoa).
// This keeps every kept coordinate within lon [-180, 0) and lat (0, 90].
function keepPart(polygon) {
  for (const ring of polygon) for (const [lon, lat] of ring) if (lon > 0 || lat < 0) return false;
  return true;
}

const round = (v) => {
  const f = 10 ** DECIMALS;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
};

// Round, drop consecutive duplicates, keep the ring closed; null if fewer than 4 positions.
function cleanRing(ring) {
  const out = [];
  for (const [lon, lat] of ring) {
    const p = [round(lon), round(lat)];
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    out.push(p);
  }
  if (out.length === 0) return null;
  const first = out[0], last = out[out.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
  // a closed ring needs at least 3 distinct positions plus the closing one
  if (out.length < 4) return null;
  // reject rings that collapsed to a line (zero area after rounding)
  let a = 0;
  for (let i = 0; i + 1 < out.length; i++) a += out[i][0] * out[i + 1][1] - out[i + 1][0] * out[i][1];
  if (a === 0) return null;
  return out;
}

function cleanGeometry(geom) {
  const parts = geom.type === "Polygon" ? [geom.coordinates] : geom.type === "MultiPolygon" ? geom.coordinates : [];
  const polys = [];
  let dropped = 0;
  for (const poly of parts) {
    if (!keepPart(poly)) { dropped++; continue; }
    const outer = cleanRing(poly[0]);
    if (!outer) continue; // an exterior that vanished takes its holes with it
    const rings = [outer];
    for (const hole of poly.slice(1)) {
      const h = cleanRing(hole);
      if (h) rings.push(h);
    }
    polys.push(rings);
  }
  if (polys.length === 0) return { geometry: null, dropped };
  return {
    geometry: polys.length === 1 ? { type: "Polygon", coordinates: polys[0] } : { type: "MultiPolygon", coordinates: polys },
    dropped,
  };
}

const topo = JSON.parse(readFileSync(require.resolve("us-atlas/states-10m.json"), "utf8"));

const features = [];
const log = [];
for (const f of topojson.feature(topo, topo.objects.states).features) {
  const entry = FIPS[f.id];
  if (!entry) throw new Error(`unknown FIPS code ${f.id} (${f.properties.name}); extend the table`);
  const [id, kind] = entry;
  if (DROP.has(id)) { log.push(`dropped ${id} (${f.properties.name})`); continue; }
  const { geometry, dropped } = cleanGeometry(f.geometry);
  if (!geometry) throw new Error(`${id}: no geometry left`);
  if (dropped) log.push(`${id}: dropped ${dropped} polygon part(s) east of the antimeridian`);
  features.push({ type: "Feature", properties: { id, name: f.properties.name, kind }, geometry });
}
features.sort((a, b) => (a.properties.id < b.properties.id ? -1 : a.properties.id > b.properties.id ? 1 : 0));

// The nation: us-atlas's `nation` object (the merge of all states), filtered like the states.
const nationFc = topojson.feature(topo, topo.objects.nation);
const nationGeom = nationFc.features ? nationFc.features[0].geometry : nationFc.geometry;
const nation = cleanGeometry(nationGeom);
log.push(`US: dropped ${nation.dropped} polygon part(s) (western Aleutians, Pacific territories)`);
// Last, so that a first-match point-in-polygon lookup finds the state before the nation.
features.push({ type: "Feature", properties: { id: "US", name: "United States", kind: "nation" }, geometry: nation.geometry });

// One feature per line: small, diff-friendly, still plain GeoJSON (no foreign members;
// provenance lives in docs/basemap.md).
const text = '{"type":"FeatureCollection","features":[\n' + features.map((f) => JSON.stringify(f)).join(",\n") + "\n]}\n";

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, text);

let points = 0;
for (const f of features) {
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const p of polys) for (const r of p) points += r.length;
}
for (const l of log) console.log(l);
console.log(`wrote ${OUT}: ${features.length} features, ${points} positions, ${text.length} bytes`);
