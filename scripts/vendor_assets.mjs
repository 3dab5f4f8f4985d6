#!/usr/bin/env node
// Copy the pinned front-end build files from node_modules into
// src/tipmon/static/vendor/ (committed) and build the world map TopoJSON
// into src/tipmon/static/tipmon/map/.
//
//   npm ci && node scripts/vendor_assets.mjs
//
// The output is deterministic (no timestamps, sorted keys/lists), so running
// it twice gives byte-identical files. The script fails (exit 1) if a file
// referenced by the vendored USWDS CSS is missing, if an installed package
// version differs from package.json, or if the vendored set gets too large.
// See docs/frontend.md.

import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NODE_MODULES = path.join(ROOT, "node_modules");
const STATIC = path.join(ROOT, "src", "tipmon", "static");
const VENDOR = path.join(STATIC, "vendor");
const MAP_OUT = path.join(STATIC, "tipmon", "map", "world-50m.topo.json");
const MAX_VENDOR_BYTES = 6 * 1024 * 1024;

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------
// What is vendored. Paths are relative to the package root (src) and to
// VENDOR (dest). The USWDS fonts/images are not listed: they are discovered
// from the url(...) references in the CSS.

const USWDS_DIST = "dist";
const USWDS_OUT = "uswds";
// Images used by the markup of the USWDS "official website" banner
// (<img src=...> in the template, so not visible in the CSS).
const USWDS_BANNER_IMAGES = [
  "img/us_flag_small.png",
  "img/icon-dot-gov.svg",
  "img/icon-https.svg",
  "img/lock.svg",
];

const PACKAGES = [
  {
    name: "@uswds/uswds",
    licence: "CC0-1.0 (GSA work, public domain) + OFL-1.1 (Source Sans Pro, Merriweather fonts) + Apache-2.0 (Roboto Mono font, Material icons)",
    licenceFiles: [
      { from: "LICENSE.md", to: "uswds-LICENSE.md" },
      { spdx: "CC0-1.0" },
      { spdx: "OFL-1.1" },
      { spdx: "Apache-2.0" },
    ],
    copy: [
      { from: `${USWDS_DIST}/css/uswds.min.css`, to: `${USWDS_OUT}/css/uswds.min.css`, css: true },
      { from: `${USWDS_DIST}/js/uswds-init.min.js`, to: `${USWDS_OUT}/js/uswds-init.min.js` },
      { from: `${USWDS_DIST}/js/uswds.min.js`, to: `${USWDS_OUT}/js/uswds.min.js` },
      ...USWDS_BANNER_IMAGES.map((p) => ({ from: `${USWDS_DIST}/${p}`, to: `${USWDS_OUT}/${p}` })),
    ],
  },
  {
    name: "vega",
    licence: "BSD-3-Clause",
    licenceFiles: [{ from: "LICENSE", to: "vega-LICENSE.txt" }],
    copy: [{ from: "build/vega.min.js", to: "vega/vega.min.js" }],
  },
  {
    name: "vega-lite",
    licence: "BSD-3-Clause",
    licenceFiles: [{ from: "LICENSE", to: "vega-lite-LICENSE.txt" }],
    copy: [{ from: "build/vega-lite.min.js", to: "vega-lite/vega-lite.min.js" }],
  },
  {
    name: "vega-embed",
    licence: "BSD-3-Clause (bundles vega-tooltip, vega-interpreter: BSD-3-Clause)",
    licenceFiles: [{ from: "LICENSE", to: "vega-embed-LICENSE.txt" }],
    copy: [{ from: "build/vega-embed.min.js", to: "vega-embed/vega-embed.min.js" }],
  },
  {
    name: "world-atlas",
    licence: "ISC (package); map data: Natural Earth, public domain",
    licenceFiles: [{ from: "LICENSE", to: "world-atlas-LICENSE.txt" }],
    // Not copied as-is: built into MAP_OUT by buildMap().
    copy: [],
  },
];

// ---------------------------------------------------------------------------
// Helpers

const fail = (msg) => {
  console.error(`vendor_assets: ERROR: ${msg}`);
  process.exit(1);
};

const pkgDir = (name) => path.join(NODE_MODULES, ...name.split("/"));

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

const sha256 = (buf) => createHash("sha256").update(buf).digest("hex");

const toPosix = (p) => p.split(path.sep).join("/");

// Remove a trailing "sourceMappingURL" comment: the .map files are not
// vendored, and Django's ManifestStaticFilesStorage (collectstatic) fails on
// references to missing files.
function stripSourceMap(text) {
  return text
    .replace(/\n?\/\*# sourceMappingURL=[^*]*\*\/\s*$/, "\n")
    .replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, "\n");
}

// Write only if the content differs (keeps mtimes stable on re-runs).
function writeFile(file, data) {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data, "utf8");
  if (fs.existsSync(file) && fs.readFileSync(file).equals(buf)) return buf;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, buf);
  return buf;
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

// url(...) references in a CSS text, excluding data: URIs, absolute URLs
// and empty url() (used by USWDS inside @supports feature tests).
function cssUrlRefs(css) {
  const refs = new Set();
  const re = /url\(\s*(['"]?)([^'")]*)\1\s*\)/g;
  let m;
  while ((m = re.exec(css)) !== null) {
    const ref = m[2].trim();
    if (!ref || ref.startsWith("data:") || ref.startsWith("#") || /^[a-z]+:|^\/\//i.test(ref)) continue;
    refs.add(ref);
  }
  return [...refs].sort();
}

const refPath = (ref) => ref.split(/[?#]/)[0];

// ---------------------------------------------------------------------------
// 1. Check installed versions against package.json (pins).

const manifest = readJson(path.join(ROOT, "package.json"));
const pins = { ...manifest.dependencies, ...manifest.devDependencies };
if (!fs.existsSync(NODE_MODULES)) fail("node_modules/ is missing: run `npm ci` first");
const versions = {};
for (const name of Object.keys(pins)) {
  const pj = path.join(pkgDir(name), "package.json");
  if (!fs.existsSync(pj)) fail(`${name} is not installed: run \`npm ci\``);
  const v = readJson(pj).version;
  if (v !== pins[name]) fail(`${name}: installed ${v}, package.json pins ${pins[name]}; run \`npm ci\``);
  versions[name] = v;
}

// ---------------------------------------------------------------------------
// 2. Copy files into a fresh in-memory plan, then sync VENDOR to it.

const plan = new Map(); // dest relative to VENDOR -> Buffer
const provenance = new Map(); // package name -> [dest...]

function addToPlan(pkg, dest, buf) {
  if (plan.has(dest)) return;
  plan.set(dest, buf);
  if (!provenance.has(pkg)) provenance.set(pkg, []);
  provenance.get(pkg).push(dest);
}

const spdx = require("spdx-license-list/full");

for (const pkg of PACKAGES) {
  const root = pkgDir(pkg.name);
  for (const item of pkg.copy) {
    const src = path.join(root, item.from);
    if (!fs.existsSync(src)) fail(`${pkg.name}: ${item.from} not found`);
    let buf = fs.readFileSync(src);
    if (/\.(css|js)$/.test(item.from)) buf = Buffer.from(stripSourceMap(buf.toString("utf8")), "utf8");
    addToPlan(pkg.name, item.to, buf);

    if (item.css) {
      // Copy every file the CSS references, keeping the same relative layout
      // (dist/css/x.css -> ../fonts, ../img) so no path rewriting is needed.
      const css = buf.toString("utf8");
      for (const ref of cssUrlRefs(css)) {
        const from = path.normalize(path.join(path.dirname(src), refPath(ref)));
        if (!from.startsWith(root + path.sep)) fail(`${pkg.name}: CSS reference ${ref} leaves the package`);
        if (!fs.existsSync(from)) fail(`${pkg.name}: CSS reference ${ref} not found in the package`);
        const to = toPosix(path.normalize(path.join(path.dirname(item.to), refPath(ref))));
        if (to.startsWith("..")) fail(`${pkg.name}: CSS reference ${ref} would land outside vendor/`);
        addToPlan(pkg.name, to, fs.readFileSync(from));
      }
    }
  }
  for (const lic of pkg.licenceFiles) {
    if (lic.spdx) {
      const entry = spdx[lic.spdx];
      if (!entry) fail(`spdx-license-list has no ${lic.spdx}`);
      const text = `${entry.name} (SPDX: ${lic.spdx})\n\n${entry.licenseText.trim()}\n`;
      addToPlan(pkg.name, `licenses/${lic.spdx}.txt`, Buffer.from(text, "utf8"));
    } else {
      const src = path.join(root, lic.from);
      if (!fs.existsSync(src)) fail(`${pkg.name}: ${lic.from} not found`);
      addToPlan(pkg.name, `licenses/${lic.to}`, fs.readFileSync(src));
    }
  }
}

// ---------------------------------------------------------------------------
// 3. Build the world map TopoJSON.

// Readable names for Natural Earth's abbreviated short names. Anything not
// listed keeps the Natural Earth "name" property.
const NAME_FIXES = {
  "Antigua and Barb.": "Antigua and Barbuda",
  "Ashmore and Cartier Is.": "Ashmore and Cartier Islands",
  "Bosnia and Herz.": "Bosnia and Herzegovina",
  "Br. Indian Ocean Ter.": "British Indian Ocean Territory",
  "British Virgin Is.": "British Virgin Islands",
  "Cayman Is.": "Cayman Islands",
  "Central African Rep.": "Central African Republic",
  "Cook Is.": "Cook Islands",
  "Dem. Rep. Congo": "Democratic Republic of the Congo",
  "Dominican Rep.": "Dominican Republic",
  "eSwatini": "Eswatini",
  "Eq. Guinea": "Equatorial Guinea",
  "Faeroe Is.": "Faroe Islands",
  "Falkland Is.": "Falkland Islands",
  "Fr. Polynesia": "French Polynesia",
  "Fr. S. Antarctic Lands": "French Southern and Antarctic Lands",
  "Heard I. and McDonald Is.": "Heard Island and McDonald Islands",
  "Indian Ocean Ter.": "Indian Ocean Territories",
  "Macedonia": "North Macedonia",
  "Marshall Is.": "Marshall Islands",
  "N. Cyprus": "Northern Cyprus",
  "N. Mariana Is.": "Northern Mariana Islands",
  "Pitcairn Is.": "Pitcairn Islands",
  "S. Geo. and the Is.": "South Georgia and the South Sandwich Islands",
  "S. Sudan": "South Sudan",
  "Solomon Is.": "Solomon Islands",
  "St-Barthélemy": "Saint Barthélemy",
  "St-Martin": "Saint Martin",
  "St. Kitts and Nevis": "Saint Kitts and Nevis",
  "St. Pierre and Miquelon": "Saint Pierre and Miquelon",
  "St. Vin. and Gren.": "Saint Vincent and the Grenadines",
  "Turks and Caicos Is.": "Turks and Caicos Islands",
  "U.S. Virgin Is.": "U.S. Virgin Islands",
  "W. Sahara": "Western Sahara",
  "Wallis and Futuna Is.": "Wallis and Futuna",
};
// Features without an ISO 3166-1 numeric id that still get a code.
// XKX is the user-assigned code used for Kosovo by the EU, IMF, World Bank
// and the U.S. Department of State's reports.
const ISO3_BY_NAME = { Kosovo: "XKX" };
const DROP_ISO3 = new Set(["ATA"]); // Antarctica: not needed, saves space
// Countries covered by the TIP Report that Natural Earth's 1:50m file lacks:
// copied from the 1:10m file (island-only geometries, so no shared arcs) and
// re-quantized onto the 1:50m grid.
const ADD_FROM_10M = ["798"]; // Tuvalu

// Absolute [lon, lat] positions of a delta-encoded, quantized arc.
function decodeArc(topo, arc) {
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty];
  });
}

// Quantize absolute positions onto topo's grid and delta-encode them,
// dropping repeated points. Returns null when fewer than 4 positions remain
// (the arc is a closed ring, which then collapses).
function encodeRing(topo, positions) {
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;
  const q = [];
  for (const [lon, lat] of positions) {
    const p = [Math.round((lon - tx) / sx), Math.round((lat - ty) / sy)];
    const last = q[q.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) q.push(p);
  }
  if (q.length < 4) return null;
  return q.map((p, i) => (i === 0 ? p : [p[0] - q[i - 1][0], p[1] - q[i - 1][1]]));
}

function graftFrom10m(target) {
  const src = readJson(path.join(pkgDir("world-atlas"), "countries-10m.json"));
  const added = [];
  for (const id of ADD_FROM_10M) {
    if (target.objects.countries.geometries.some((g) => g.id === id)) continue; // 50m has it now
    const g = src.objects.countries.geometries.find((x) => x.id === id);
    if (!g) fail(`world-atlas 10m: no geometry with id ${id}`);
    const polygons = g.type === "Polygon" ? [g.arcs] : g.arcs;
    const outPolys = [];
    for (const poly of polygons) {
      const rings = [];
      for (const ring of poly) {
        if (ring.length !== 1) fail(`world-atlas 10m: ${id} has a ring made of several arcs`);
        const i = ring[0];
        let pos = decodeArc(src, src.arcs[i < 0 ? ~i : i]);
        if (i < 0) pos = pos.reverse();
        const enc = encodeRing(target, pos);
        if (!enc) continue;
        target.arcs.push(enc);
        rings.push([target.arcs.length - 1]);
      }
      if (rings.length) outPolys.push(rings);
    }
    if (!outPolys.length) fail(`world-atlas 10m: ${id} collapses on the 1:50m grid`);
    target.objects.countries.geometries.push({
      type: "MultiPolygon",
      arcs: outPolys,
      id,
      properties: { name: g.properties.name },
    });
    added.push(`${id} ${g.properties.name}`);
  }
  return added;
}

function buildMap() {
  const countries = require("i18n-iso-countries");
  const src = readJson(path.join(pkgDir("world-atlas"), "countries-50m.json"));
  const obj = src.objects && src.objects.countries;
  if (!obj || obj.type !== "GeometryCollection") fail("world-atlas: countries object missing");
  const grafted = graftFrom10m(src);

  const geometries = [];
  for (const g of obj.geometries) {
    const neName = (g.properties && g.properties.name) || "";
    let iso3 = "";
    if (g.id !== undefined && g.id !== null && g.id !== "") {
      iso3 = countries.numericToAlpha3(String(g.id)) || "";
      if (!iso3) fail(`world-atlas: no alpha-3 code for numeric id ${g.id} (${neName})`);
    } else if (ISO3_BY_NAME[neName]) {
      iso3 = ISO3_BY_NAME[neName];
    }
    if (DROP_ISO3.has(iso3)) continue;
    const out = { type: g.type, arcs: g.arcs };
    if (g.id !== undefined) out.id = String(g.id);
    out.properties = { iso3, name: NAME_FIXES[neName] || neName };
    geometries.push(out);
  }

  // Prune arcs no longer referenced (the dropped geometries and the "land"
  // object) and renumber the rest. Arc index i < 0 means ~i reversed.
  const used = new Set();
  const walk = (arcs, fn) => (Array.isArray(arcs) ? arcs.map((a) => walk(a, fn)) : fn(arcs));
  for (const g of geometries) walk(g.arcs, (i) => used.add(i < 0 ? ~i : i));
  const keep = [...used].sort((a, b) => a - b);
  const remap = new Map(keep.map((old, neu) => [old, neu]));
  for (const g of geometries) {
    g.arcs = walk(g.arcs, (i) => (i < 0 ? ~remap.get(~i) : remap.get(i)));
  }

  const topo = {
    type: "Topology",
    transform: src.transform,
    objects: { countries: { type: "GeometryCollection", geometries } },
    arcs: keep.map((i) => src.arcs[i]),
  };
  // bbox of what is left (quantized arcs are delta-encoded)
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;
  for (const arc of topo.arcs) {
    let x = 0;
    let y = 0;
    for (const [dx, dy] of arc) {
      x += dx;
      y += dy;
      const X = x * sx + tx;
      const Y = y * sy + ty;
      if (X < x0) x0 = X;
      if (X > x1) x1 = X;
      if (Y < y0) y0 = Y;
      if (Y > y1) y1 = Y;
    }
  }
  topo.bbox = [x0, y0, x1, y1];

  // Sanity: every geometry decodes to a feature with coordinates.
  const { feature } = require("topojson-client");
  const fc = feature(topo, topo.objects.countries);
  if (fc.features.length !== geometries.length) fail("map: feature count mismatch");
  for (const f of fc.features) {
    if (!f.geometry || !f.geometry.coordinates.length) fail(`map: empty geometry for ${f.properties.name}`);
  }
  const withIso = geometries.filter((g) => g.properties.iso3).length;
  if (withIso < 230) fail(`map: only ${withIso} geometries have an iso3 code`);
  return { text: JSON.stringify(topo), geometries, grafted };
}

const map = buildMap();

// ---------------------------------------------------------------------------
// 4. VERSIONS.txt

function versionsTxt() {
  const lines = [
    "# Vendored front-end assets for TIP Monitor.",
    "# GENERATED by scripts/vendor_assets.mjs from the versions pinned in",
    "# package.json / package-lock.json. Do not edit by hand; see docs/frontend.md.",
    "# Format: package version, licence, then each vendored file with its size",
    "# in bytes and the first 16 hex digits of its SHA-256.",
    "",
  ];
  for (const pkg of PACKAGES) {
    lines.push(`${pkg.name} ${versions[pkg.name]}`);
    lines.push(`  licence: ${pkg.licence}`);
    const files = [...(provenance.get(pkg.name) || [])].sort();
    if (pkg.name === "world-atlas") {
      files.unshift("../tipmon/map/world-50m.topo.json");
    }
    for (const f of files) {
      const buf = f.startsWith("../") ? Buffer.from(map.text, "utf8") : plan.get(f);
      lines.push(`  ${f}  ${buf.length}  sha256:${sha256(buf).slice(0, 16)}`);
    }
    if (pkg.name === "world-atlas") {
      lines.push(
        "  map: countries-50m.json (Natural Earth 1:50m Admin 0 countries via world-atlas;",
        "       Natural Earth data is in the public domain). Built into",
        "       static/tipmon/map/world-50m.topo.json, object \"countries\", properties",
        "       {iso3, name}; Antarctica dropped; Tuvalu (absent at 1:50m) added from",
        "       countries-10m.json. The depiction of boundaries does not",
        "       imply endorsement or acceptance of any boundary or name.",
      );
    }
    lines.push("");
  }
  lines.push("Build-time only (not vendored; used by the script):");
  for (const name of Object.keys(manifest.devDependencies || {}).sort()) {
    lines.push(`  ${name} ${versions[name]}`);
  }
  lines.push("");
  return lines.join("\n");
}

addToPlan("_", "VERSIONS.txt", Buffer.from(versionsTxt(), "utf8"));

// ---------------------------------------------------------------------------
// 5. Sync: write planned files, delete anything else under VENDOR.

for (const [rel, buf] of plan) writeFile(path.join(VENDOR, ...rel.split("/")), buf);
for (const file of listFiles(VENDOR)) {
  const rel = toPosix(path.relative(VENDOR, file));
  if (!plan.has(rel)) {
    fs.unlinkSync(file);
    console.log(`removed stale ${rel}`);
  }
}
// remove empty directories left behind
(function prune(dir) {
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    if (ent.isDirectory()) {
      const p = path.join(dir, ent.name);
      prune(p);
      if (fs.readdirSync(p).length === 0) fs.rmdirSync(p);
    }
  }
})(VENDOR);
writeFile(MAP_OUT, map.text);

// ---------------------------------------------------------------------------
// 6. Checks on what was written.

let problems = 0;
for (const [rel] of plan) {
  if (!rel.endsWith(".css")) continue;
  const cssFile = path.join(VENDOR, ...rel.split("/"));
  const css = fs.readFileSync(cssFile, "utf8");
  const refs = cssUrlRefs(css);
  for (const ref of refs) {
    const target = path.join(path.dirname(cssFile), refPath(ref));
    if (!fs.existsSync(target)) {
      console.error(`vendor_assets: missing: ${rel} references ${ref}`);
      problems += 1;
    }
  }
  console.log(`checked ${refs.length} url() references in vendor/${rel}: ${problems ? "MISSING FILES" : "all present"}`);
}
for (const [rel, buf] of plan) {
  if (/\.(css|js)$/.test(rel) && /sourceMappingURL=/.test(buf.toString("utf8").slice(-300))) {
    console.error(`vendor_assets: ${rel} still ends with a sourceMappingURL comment`);
    problems += 1;
  }
}
const total = [...plan.values()].reduce((n, b) => n + b.length, 0);
if (total > MAX_VENDOR_BYTES) {
  console.error(`vendor_assets: vendor/ is ${total} bytes, over the ${MAX_VENDOR_BYTES} byte budget`);
  problems += 1;
}
if (problems) fail(`${problems} problem(s)`);

const withIso = map.geometries.filter((g) => g.properties.iso3).length;
console.log(`vendor/: ${plan.size} files, ${total} bytes`);
console.log(
  `map: ${toPosix(path.relative(ROOT, MAP_OUT))}: ${Buffer.byteLength(map.text)} bytes, ` +
    `${map.geometries.length} geometries, ${withIso} with iso3, ${map.geometries.length - withIso} without` +
    (map.grafted.length ? `; added from 1:10m: ${map.grafted.join(", ")}` : ""),
);
