// `spo report`: one self-contained HTML page (inline CSS, JS and SVG; nothing loaded from the network).
// Every scraped string goes through esc() (or textContent in the script); the data travels as JSON in a
// <script type="application/json"> with "<" escaped, and a CSP allows only the page's own script.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Store } from '../store/index.ts';
import { FORCES } from '../domain/forces.ts';
import { ENGLAND_AND_WALES, ISLE_OF_WIGHT, MAP_BOUNDS, type LatLon } from './outline.ts';
import { redactRows, redactText, redactUrl, releaseNameIndex } from './redact.ts';
import { databaseId } from '../domain/ids.ts';
import { orderRows, type OrderRow } from './rows.ts';
import { computeStats, type ForceStats, type MonthStats, type Stats } from './stats.ts';
import { nationalStatement, readCoverage, type Coverage, type CoverageRow } from './coverage.ts';

export interface ReportOptions {
  /** Time printed as "generated at" (tests pass a fixed one). */
  now?: Date;
  /** Shown in the page footer. */
  source?: string;
  /** Names and street addresses removed from titles, evidence and links (src/report/redact.ts). */
  redact?: boolean;
  /** Links to the data beside the page (relative to it): the orders CSV and the Atom feed; null: none. */
  links?: { csv: string | null; feed: string | null };
}

export const DEFAULT_REPORT_LINKS = { csv: 'orders.csv', feed: 'feed.xml' } as const;

/** Escape text for HTML text and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that is safe inside a <script> element: no "<", ">", "&" or line separators survive unescaped. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A link target only for http(s) URLs; anything else (javascript:, data:) is not linked. */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

const fmt = (n: number): string => n.toLocaleString('en-GB');

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (ym: string): string => `${MONTHS[Number(ym.slice(5, 7)) - 1] ?? ''} ${ym.slice(0, 4)}`;

// ---- charts ---------------------------------------------------------------------------------------

function monthChart(months: MonthStats[]): string {
  const dated = months.filter((m) => m.month !== 'unknown');
  const unknown = months.find((m) => m.month === 'unknown');
  const note = unknown ? `<p class="note">${fmt(unknown.orders)} order(s) without any date are not charted.</p>` : '';
  if (!dated.length) return `<p class="empty">No dated orders yet.</p>${note}`;
  const W = 960;
  const H = 220;
  const ml = 36;
  const mr = 8;
  const mt = 10;
  const mb = 34;
  const max = Math.max(1, ...dated.map((m) => m.orders));
  const step = (W - ml - mr) / dated.length;
  const bw = Math.max(1, step * 0.8);
  const y = (v: number): number => mt + (H - mt - mb) * (1 - v / max);
  const parts: string[] = [];
  const ticks = max <= 5 ? Array.from({ length: max + 1 }, (_, i) => i) : [0, Math.round(max / 2), max];
  for (const t of ticks) {
    parts.push(`<line class="grid" x1="${ml}" x2="${W - mr}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/>`);
    parts.push(`<text class="axis" x="${ml - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${t}</text>`);
  }
  const labelEvery = dated.length <= 18 ? 1 : 0;
  dated.forEach((m, i) => {
    const x = ml + i * step + (step - bw) / 2;
    let base = y(0);
    const segs: string[] = [];
    for (const [k, v] of [['full', m.full], ['interim', m.interim], ['unknown', m.unknown]] as const) {
      if (!v) continue;
      const top = y(0) - (y(0) - y(v)) - (y(0) - base);
      segs.push(`<rect class="bar ${k}" x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${bw.toFixed(1)}" height="${(base - top).toFixed(1)}"/>`);
      base = top;
    }
    const tip = `${monthLabel(m.month)}: ${m.orders} order(s) (${m.full} full, ${m.interim} interim, ${m.unknown} kind unknown)`;
    parts.push(
      `<g class="month" data-month="${esc(m.month)}" data-orders="${m.orders}"><title>${esc(tip)}</title>` +
        `<rect class="hit" x="${(ml + i * step).toFixed(1)}" y="${mt}" width="${step.toFixed(1)}" height="${H - mt - mb}"/>${segs.join('')}</g>`,
    );
    const jan = m.month.endsWith('-01');
    if (labelEvery || jan || i === 0) {
      const label = labelEvery ? monthLabel(m.month) : m.month.slice(0, 4);
      parts.push(`<text class="axis" x="${(ml + i * step + step / 2).toFixed(1)}" y="${H - mb + 16}" text-anchor="middle">${esc(label)}</text>`);
    }
  });
  const legend =
    '<p class="legend"><span class="key full"></span>full <span class="key interim"></span>interim <span class="key unknown"></span>kind not stated</p>';
  return `<svg id="month-chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="Orders per month">${parts.join('')}</svg>${legend}${note}`;
}

const K = 78;
const COS = Math.cos((52.7 * Math.PI) / 180);
function project([lat, lon]: LatLon): [number, number] {
  return [(lon - MAP_BOUNDS.minLon) * K * COS, (MAP_BOUNDS.maxLat - lat) * K];
}
const points = (poly: readonly LatLon[]): string =>
  poly.map((p) => project(p).map((v) => v.toFixed(1)).join(',')).join(' ');

/** Is a projected point inside a projected polygon (even-odd rule)? */
function inside([x, y]: [number, number], poly: [number, number][]): boolean {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

const LAND = [ENGLAND_AND_WALES, ISLE_OF_WIGHT].map((poly) => poly.map(project));

/**
 * Where to draw a town: its place, or, for a coastal town the simplified outline leaves in the sea
 * (Holyhead, Margate, St Ives...), the nearest point of the coast moved a little inland, so no dot
 * floats off the map.
 */
export function mapPoint(lat: number, lon: number): [number, number] {
  const p = project([lat, lon]);
  if (LAND.some((poly) => inside(p, poly))) return p;
  let best: [number, number] = p;
  let bestD = Number.POSITIVE_INFINITY;
  for (const poly of LAND) {
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i]!;
      const b = poly[(i + 1) % poly.length]!;
      const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
      const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
      const q: [number, number] = [a[0] + t * dx, a[1] + t * dy];
      const d = (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2;
      if (d < bestD) [bestD, best] = [d, q];
    }
  }
  // Inland: step from the coast point towards the polygon until inside (a few pixels at most).
  for (const step of [1, 2, 3, 5, 8]) {
    for (const [ox, oy] of [[step, 0], [-step, 0], [0, step], [0, -step], [step, step], [-step, -step], [step, -step], [-step, step]] as const) {
      const c: [number, number] = [best[0] + ox, best[1] + oy];
      if (LAND.some((poly) => inside(c, poly))) return c;
    }
  }
  return best;
}

function map(orders: OrderRow[]): string {
  const W = (MAP_BOUNDS.maxLon - MAP_BOUNDS.minLon) * K * COS;
  const H = (MAP_BOUNDS.maxLat - MAP_BOUNDS.minLat) * K;
  const places = new Map<string, { town: string; lat: number; lon: number; n: number }>();
  for (const o of orders) {
    if (o.town_lat === null || o.town_lon === null) continue;
    const key = `${o.town_lat.toFixed(3)},${o.town_lon.toFixed(3)}`;
    const p = places.get(key) ?? { town: o.town ?? '', lat: o.town_lat, lon: o.town_lon, n: 0 };
    p.n++;
    places.set(key, p);
  }
  const unplaced = orders.length - [...places.values()].reduce((s, p) => s + p.n, 0);
  const dots = [...places.values()]
    .sort((a, b) => b.n - a.n || a.town.localeCompare(b.town))
    .map((p) => {
      const [x, y] = mapPoint(p.lat, p.lon);
      const r = 3 + 2.2 * Math.sqrt(p.n);
      return `<circle class="dot" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" data-town="${esc(p.town)}" data-orders="${p.n}"><title>${esc(`${p.town}: ${p.n} order(s)`)}</title></circle>`;
    });
  return (
    `<svg id="town-map" viewBox="0 0 ${W.toFixed(0)} ${H.toFixed(0)}" role="img" aria-label="Orders by the subject's home town">` +
    `<polygon class="land" points="${points(ENGLAND_AND_WALES)}"/><polygon class="land" points="${points(ISLE_OF_WIGHT)}"/>` +
    `${dots.join('')}</svg>` +
    `<p class="note">${fmt(orders.length - unplaced)} order(s) at ${fmt(places.size)} place(s); ${fmt(unplaced)} without a known home town. ` +
    'Dot area grows with the number of orders; click a dot to filter the table. Outline simplified.</p>'
  );
}

/** The coverage cell of a force: the record's orders by the compared figure's date, over that figure, with its source. */
function coverageCell(c: CoverageRow | undefined): string {
  if (!c || c.coverage_basis === null) return '<td class="num" data-coverage=""></td>';
  const figure = c.coverage_basis === 'claim' ? c.claimed_granted! : c.reference_granted!;
  const what =
    c.coverage_basis === 'claim'
      ? `${figure} granted, claimed by the force${c.claimed_as_of ? ` (as of ${c.claimed_as_of})` : ''}`
      : `${figure} granted to ${c.reference_period_end ?? '?'} (FOI 2021)`;
  const title = `${c.coverage_orders} order(s) in the record dated by then, of ${what}`;
  const text = `${c.coverage_orders}/${figure}${c.coverage === null ? '' : ` · ${Math.round(c.coverage * 100)}%`}`;
  const href = c.coverage_basis === 'claim' && c.claimed_url ? safeHref(c.claimed_url) : c.coverage_basis === 'reference' ? FOI_URL : null;
  const body = href ? `<a href="${esc(href)}" rel="noopener noreferrer">${esc(text)}</a>` : esc(text);
  return `<td class="num" data-coverage="${c.coverage ?? ''}" title="${esc(title)}">${body}</td>`;
}

/** Where the FOI reference figures come from (data/reference/README.md). */
const FOI_URL = 'https://github.com/BBC-Data-Unit/stalking_protection_orders';

/** The national statement: what the record holds against what forces say, with the sources linked. */
function coverageSection(c: Coverage): string {
  const n = c.national;
  const claimed = n.claimed_national_granted === null
    ? ''
    : ` The largest national or regional figure the releases state is ${fmt(n.claimed_national_granted)} granted${n.claimed_national_as_of ? ` (as of ${esc(n.claimed_national_as_of)})` : ''}${
        n.claimed_national_url && safeHref(n.claimed_national_url) ? ` (<a href="${esc(safeHref(n.claimed_national_url))}" rel="noopener noreferrer">source</a>)` : ''
      }.`;
  return (
    `<p id="coverage-statement">${esc(nationalStatement(c))}${claimed}</p>` +
    `<p class="note">Sources: the figures forces state in their own releases (linked per force); the <a href="${FOI_URL}" rel="noopener noreferrer">BBC Shared Data Unit FOI survey</a> ` +
    `(June 2021; ${fmt(n.reference_forces_answered)} forces answered); court data from the Home Office review of the first year, as reported in the press. ` +
    `${esc(c.compared)}</p>`
  );
}

function forceTable(byForce: ForceStats[], unattributed: Stats['unattributed'], coverage: Map<string, CoverageRow> = new Map()): string {
  const max = Math.max(1, ...byForce.map((f) => f.orders));
  const rows = [...byForce]
    .sort((a, b) => b.orders - a.orders || a.force_name.localeCompare(b.force_name))
    .map((f) => {
      const status = f.crawled
        ? `<span class="badge ok" title="last crawled successfully ${esc(f.last_success_at ?? '')}">crawled</span>`
        : `<span class="badge no">not crawled${f.releases ? ' (files only)' : ''}</span>`;
      return (
        `<tr data-force="${esc(f.force_id)}" data-orders="${f.orders}" data-crawled="${f.crawled ? 1 : 0}"${f.orders ? '' : ' class="zero"'}>` +
        `<td>${esc(f.force_name)}</td><td class="num">${fmt(f.orders)}</td>` +
        `<td class="barcell"><span class="hbar" style="width:${((100 * f.orders) / max).toFixed(1)}%"></span></td>` +
        `<td class="num">${fmt(f.interim)}</td><td class="num">${fmt(f.full)}</td><td class="num">${fmt(f.releases)}</td><td>${status}</td>${coverageCell(coverage.get(f.force_id))}</tr>`
      );
    });
  if (unattributed.orders) {
    rows.push(
      `<tr data-force="" data-orders="${unattributed.orders}"><td><em>no force attributed</em></td><td class="num">${fmt(unattributed.orders)}</td><td></td>` +
        `<td class="num">${fmt(unattributed.interim)}</td><td class="num">${fmt(unattributed.full)}</td><td></td><td></td><td></td></tr>`,
    );
  }
  return (
    '<table id="force-table" class="compact"><thead><tr><th>Force</th><th class="num">Orders</th><th><span class="sr-only">Orders as a bar</span></th><th class="num">Interim</th>' +
    `<th class="num">Full</th><th class="num">Releases</th><th>Status</th><th class="num" title="orders in the record by the date of the force's claimed granted total (else the FOI 2021 figure), over that figure">Coverage</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

// ---- orders table ---------------------------------------------------------------------------------

const EVIDENCE_FIELDS = ['kind', 'made_on', 'duration', 'age', 'sex', 'town', 'court', 'prohibitions', 'requirements'] as const;

function hostLabel(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

interface SourceRelease {
  title: string | null;
  document_path: string | null;
  url: string | null;
  published: string | null;
}

const clip = (t: string, n = 90): string => (t.length > n ? `${t.slice(0, n - 1)}…` : t);

function orderRowHtml(o: OrderRow, i: number, releases: Map<string, SourceRelease>): string {
  const cell = (v: string | number | null, cls = ''): string =>
    `<td${cls ? ` class="${cls}"` : ''}>${v === null || v === '' ? '<span class="na">–</span>' : esc(v)}</td>`;
  const conditions = [...o.prohibitions.map((t) => `no ${t.replace(/_/g, ' ')}`), ...o.requirements.map((t) => `must ${t.replace(/_/g, ' ')}`)];
  const sources = o.release_ids
    .map((id) => {
      const r = releases.get(databaseId(id)); // exported ids carry an "r"; the map is keyed by the database's
      const title = clip(r?.title?.trim() || (r?.document_path ? `untitled (${basename(r.document_path)})` : `release ${id.slice(0, 8)}`));
      const meta = [r?.url ? hostLabel(r.url) : 'no URL', r?.published?.slice(0, 10)].filter(Boolean).join(' · ');
      const href = r?.url ? safeHref(r.url) : null;
      const label = href
        ? `<a href="${esc(href)}" rel="noopener noreferrer nofollow" target="_blank">${esc(title)}</a>`
        : `<span>${esc(title)}</span>`;
      return `<div class="source">${label}<span class="meta">${esc(meta)}</span></div>`;
    })
    .join('');
  const evidence = EVIDENCE_FIELDS.map((f) => [f, o[`evidence_${f}`]] as const).filter(([, s]) => typeof s === 'string' && s !== '');
  const evidenceHtml = evidence.length
    ? `<details><summary>${evidence.length} field(s)</summary><dl>${evidence
        .map(([f, s]) => `<dt>${esc(f.replace('_', ' '))}</dt><dd>${esc(s)}</dd>`)
        .join('')}</dl></details>`
    : '<span class="na">–</span>';
  return (
    `<tr data-i="${i}" data-order="${esc(o.order_id)}">` +
    cell(o.order_date, 'nowrap') +
    cell(o.force_name ?? o.force_id) +
    cell(o.kind) +
    cell(o.age, 'num') +
    cell(o.sex) +
    cell(o.town) +
    cell(o.court) +
    cell(o.duration) +
    `<td>${conditions.length ? conditions.map((c) => `<span class="cond">${esc(c)}</span>`).join(' ') : '<span class="na">–</span>'}</td>` +
    `<td class="src">${sources || '<span class="na">–</span>'}</td><td class="ev">${evidenceHtml}</td></tr>`
  );
}

/** Newest first; undated orders last. */
export function newestFirst(a: OrderRow, b: OrderRow): number {
  if (a.order_date !== b.order_date) {
    if (a.order_date === null) return 1;
    if (b.order_date === null) return -1;
    return a.order_date < b.order_date ? 1 : -1;
  }
  return a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : 0;
}

const SORT_COLUMNS: [key: string, label: string][] = [
  ['order_date', 'Date'],
  ['force_name', 'Force'],
  ['kind', 'Kind'],
  ['age', 'Age'],
  ['sex', 'Sex'],
  ['town', 'Home town'],
  ['court', 'Court'],
  ['duration', 'Duration'],
  ['conditions', 'Conditions'],
];

function ordersSection(orders: OrderRow[], releases: Map<string, SourceRelease>): string {
  const forces = [...new Set(orders.map((o) => o.force_name).filter((n): n is string => !!n))].sort();
  const head =
    SORT_COLUMNS.map(
      ([k, label]) =>
        `<th data-sort="${k}"${k === 'order_date' ? ' aria-sort="descending"' : ''}><button type="button">${esc(label)}</button></th>`,
    ).join('') + '<th>Source</th><th>Evidence</th>';
  return (
    '<div class="filters">' +
    '<label>Filter <input id="filter-text" type="search" placeholder="town, court, force, condition…" autocomplete="off"></label>' +
    `<label>Force <select id="filter-force"><option value="">all forces</option>${forces
      .map((f) => `<option value="${esc(f)}">${esc(f)}</option>`)
      .join('')}</select></label>` +
    '<label>Kind <select id="filter-kind"><option value="">any</option><option value="full">full</option>' +
    '<option value="interim">interim</option><option value="unknown">not stated</option></select></label>' +
    `<span id="row-count" aria-live="polite">${fmt(orders.length)} of ${fmt(orders.length)} orders</span></div>` +
    `<div class="scroll" tabindex="0" role="region" aria-label="Orders table (scrolls sideways)"><table id="orders-table"><thead><tr>${head}</tr></thead><tbody>${orders
      .map((o, i) => orderRowHtml(o, i, releases))
      .join('')}</tbody></table></div>` +
    (orders.length ? '' : '<p class="empty">No orders in the database yet.</p>')
  );
}

// ---- page -----------------------------------------------------------------------------------------

const CSS = `
:root{--ink:#1d2433;--muted:#5d6678;--line:#dde1e8;--bg:#f6f7f9;--accent:#6a1b9a;--full:#6a1b9a;--interim:#c17dd6;--unknown:#a5acb8}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header,main,footer{max-width:1400px;margin:0 auto;padding:0 20px}header{padding-top:24px}h1{font-size:26px;margin:0 0 4px}
h2{font-size:18px;margin:0 0 10px}.sub,.note,footer{color:var(--muted);font-size:13px}section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px;margin:16px 0}
#totals{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;background:none;border:0;padding:0}
.total{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px}.total .n{display:block;font-size:28px;font-weight:650}
.total .l{color:var(--muted);font-size:13px}.two{display:grid;grid-template-columns:minmax(0,440px) minmax(0,1fr);gap:16px}.two section{margin:0;min-width:0}
@media (max-width:900px){.two{grid-template-columns:minmax(0,1fr)}}@media (max-width:600px){header,main,footer{padding:0 10px}section{padding:12px}#filter-text{width:100%}#row-count{margin-left:0}}svg{width:100%;height:auto;display:block}
.grid{stroke:var(--line)}.axis{font-size:11px;fill:var(--muted)}.bar.full{fill:var(--full)}.bar.interim{fill:var(--interim)}.bar.unknown{fill:var(--unknown)}
.hit{fill:transparent}.month:hover .hit{fill:#f0e6f5}.legend{font-size:13px;color:var(--muted)}.key{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}
.key.full{background:var(--full)}.key.interim{background:var(--interim)}.key.unknown{background:var(--unknown)}
#town-map{max-height:560px}.land{fill:#eef0f3;stroke:#9aa3b2;stroke-width:1}.dot{fill:rgba(106,27,154,.55);stroke:#fff;stroke-width:1;cursor:pointer}.dot:hover{fill:rgba(106,27,154,.9)}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
.compact td,.compact th{padding:2px 6px;font-size:13px}.num{text-align:right}.zero td{color:var(--muted)}.barcell{width:30%}
.hbar{display:block;height:10px;background:var(--accent);border-radius:2px}#force-table td:first-child{white-space:nowrap}.badge{font-size:11px;padding:1px 6px;border-radius:9px;white-space:nowrap}
.badge.ok{background:#e3f4e8;color:#1b6b34}.badge.no{background:#fdecea;color:#9b2c1f}#force-table{max-height:560px}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin-bottom:10px}.filters input,.filters select{font:inherit;padding:4px 6px}
#filter-text{width:260px;max-width:100%}#row-count{color:var(--muted);margin-left:auto}.scroll{overflow-x:auto}
#orders-table th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;color:inherit;white-space:nowrap}
#orders-table th[aria-sort=ascending] button::after{content:" ▲"}#orders-table th[aria-sort=descending] button::after{content:" ▼"}
#orders-table td{font-size:13.5px}#orders-table td:nth-child(6),#orders-table td:nth-child(7){max-width:200px;overflow-wrap:anywhere}#orders-table td:nth-child(10),#orders-table td:nth-child(11){overflow-wrap:anywhere}#orders-table td:nth-child(3),#orders-table td:nth-child(5){white-space:nowrap}#orders-table td:nth-child(9){max-width:170px}.nowrap{white-space:nowrap}.na{color:#b0b6c0}.cond{display:inline-block;background:#f3ecf7;border-radius:4px;padding:0 4px;margin:1px 0;font-size:12px}
.src a{color:var(--accent)}.source{margin-bottom:4px;min-width:180px;max-width:280px}.source .meta{display:block;color:var(--muted);font-size:11.5px}.forces-scroll{max-height:540px;overflow:auto}.data-links a{color:var(--accent)}.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}:focus-visible{outline:2px solid var(--accent);outline-offset:2px}.mono{font-family:ui-monospace,monospace;font-size:12px}details summary{cursor:pointer;color:var(--accent)}
dl{margin:6px 0 0;font-size:12.5px}dt{font-weight:600;color:var(--muted)}dd{margin:0 0 6px;white-space:pre-line;max-width:420px}.empty{color:var(--muted)}
`;

/** The page's behaviour: sorting and filtering the server-rendered rows (never builds HTML from data). */
const SCRIPT = `(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('spo-data').textContent);
  var orders = data.orders;
  var table = document.getElementById('orders-table');
  var tbody = table.tBodies[0];
  var rows = [];
  Array.prototype.forEach.call(tbody.rows, function (tr) { rows[Number(tr.getAttribute('data-i'))] = tr; });
  var text = orders.map(function (o) {
    return [o.order_date, o.force_name, o.force_id, o.kind, o.age, o.sex, o.town, o.court, o.duration]
      .concat(o.prohibitions, o.requirements).filter(function (v) { return v !== null && v !== undefined; })
      .join(' ').replace(/_/g, ' ').toLowerCase();
  });
  var state = { key: 'order_date', dir: -1 };
  var q = document.getElementById('filter-text');
  var force = document.getElementById('filter-force');
  var kind = document.getElementById('filter-kind');
  var count = document.getElementById('row-count');
  function value(o, key) {
    if (key === 'conditions') return o.prohibitions.length + o.requirements.length;
    var v = o[key];
    return v === undefined ? null : v;
  }
  function compare(a, b) {
    var va = value(orders[a], state.key), vb = value(orders[b], state.key);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    if (va !== null && vb !== null && va !== vb) {
      var c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
      if (c) return c * state.dir;
    }
    var da = orders[a].order_date, db = orders[b].order_date;
    if (da !== db) return da === null ? 1 : db === null ? -1 : da < db ? 1 : -1;
    return a - b;
  }
  // The filters and the sort live in the address (#q=...&force=...&kind=...&sort=key,dir), so a
  // filtered view can be bookmarked or sent, and Back/Reload keep it.
  function saveState() {
    var p = new URLSearchParams();
    if (q.value) p.set('q', q.value);
    if (force.value) p.set('force', force.value);
    if (kind.value) p.set('kind', kind.value);
    if (state.key !== 'order_date' || state.dir !== -1) p.set('sort', state.key + ',' + (state.dir === 1 ? 'asc' : 'desc'));
    var h = p.toString();
    if (('#' + h) !== location.hash && (h || location.hash)) history.replaceState(null, '', h ? '#' + h : location.pathname + location.search);
  }
  function loadState() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ''));
    q.value = p.get('q') || '';
    var f = p.get('force') || '';
    force.value = Array.prototype.some.call(force.options, function (o) { return o.value === f; }) ? f : '';
    var k = p.get('kind') || '';
    kind.value = Array.prototype.some.call(kind.options, function (o) { return o.value === k; }) ? k : '';
    var sort = (p.get('sort') || '').split(',');
    var th = sort[0] ? table.tHead.querySelector('th[data-sort="' + sort[0].replace(/[^a-z_]/g, '') + '"]') : null;
    state.key = th ? sort[0] : 'order_date';
    state.dir = th ? (sort[1] === 'asc' ? 1 : -1) : -1;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
    (th || table.tHead.querySelector('th[data-sort="order_date"]')).setAttribute('aria-sort', state.dir === 1 ? 'ascending' : 'descending');
  }
  function apply() {
    saveState();
    var words = q.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var f = force.value, k = kind.value, shown = 0;
    var idx = orders.map(function (_, i) { return i; });
    idx.sort(compare);
    var frag = document.createDocumentFragment();
    idx.forEach(function (i) {
      var o = orders[i];
      var ok = (!f || o.force_name === f) && (!k || (k === 'unknown' ? o.kind === null : o.kind === k)) &&
        words.every(function (w) { return text[i].indexOf(w) !== -1; });
      rows[i].hidden = !ok;
      if (ok) shown++;
      frag.appendChild(rows[i]);
    });
    tbody.appendChild(frag);
    count.textContent = shown + ' of ' + orders.length + ' orders';
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    var key = th.getAttribute('data-sort');
    if (!key) return;
    th.querySelector('button').addEventListener('click', function () {
      if (state.key === key) state.dir = -state.dir;
      else { state.key = key; state.dir = key === 'order_date' ? -1 : 1; }
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', state.dir === 1 ? 'ascending' : 'descending');
      apply();
    });
  });
  q.addEventListener('input', apply);
  force.addEventListener('change', apply);
  kind.addEventListener('change', apply);
  Array.prototype.forEach.call(document.querySelectorAll('#town-map .dot'), function (dot) {
    dot.addEventListener('click', function () {
      q.value = dot.getAttribute('data-town') || '';
      apply();
      document.getElementById('orders').scrollIntoView({ behavior: 'smooth' });
    });
  });
  window.addEventListener('hashchange', function () { loadState(); apply(); });
  loadState();
  apply();
})();`;

const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');

/** Build the report page from the database. */
export function buildReport(store: Store, opts: ReportOptions = {}): string {
  const now = opts.now ?? new Date();
  const links = opts.links === undefined ? DEFAULT_REPORT_LINKS : (opts.links ?? { csv: null, feed: null });
  const names = opts.redact ? releaseNameIndex(store) : null;
  const rows = names ? (redactRows(store, 'orders', orderRows(store), names) as OrderRow[]) : orderRows(store);
  const stats = computeStats(store, rows);
  const orders = [...rows].sort(newestFirst);
  const releases = new Map(
    store.report.sourceReleases().map((r): [string, SourceRelease] => {
      if (!names) return [r.release_id, r];
      const n = names.get(r.release_id) ?? [];
      return [r.release_id, { ...r, title: r.title === null ? null : redactText(r.title, n), url: redactUrl(r.url, n), document_path: null }];
    }),
  );
  const coverage = readCoverage(store);
  const t = stats.totals;
  const total = (key: string, n: number, label: string, extra = ''): string =>
    `<div class="total" data-total="${key}"><span class="n">${fmt(n)}</span><span class="l">${esc(label)}${extra}</span></div>`;
  const range = t.first_order_date ? `${t.first_order_date} to ${t.last_order_date}` : 'no dated orders';
  const payload = {
    generated_at: now.toISOString(),
    totals: t,
    forces: stats.byForce,
    months: stats.byMonth,
    conditions: stats.byCondition,
    coverage,
    orders,
  };
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>Stalking Protection Orders in England and Wales</title>${
    links.feed ? `\n<link rel="alternate" type="application/atom+xml" title="Stalking Protection Orders (Atom)" href="${esc(links.feed)}">` : ''
  }
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Stalking Protection Orders in England and Wales</h1>
<p class="sub">Orders reported in police press releases, each counted once. A lower bound: not every order is announced.
Generated <time datetime="${esc(now.toISOString())}">${esc(now.toISOString().slice(0, 16).replace('T', ' '))} UTC</time> · orders dated ${esc(range)}.</p>${
    links.csv || links.feed
      ? `\n<p class="sub data-links">${[links.csv ? `<a href="${esc(links.csv)}">All orders as CSV</a>` : '', links.feed ? `<a href="${esc(links.feed)}">Atom feed of new orders</a>` : ''].filter(Boolean).join(' · ')}</p>`
      : ''
  }
</header>
<main>
<section id="totals" aria-label="National totals">
${total('orders', t.orders, 'orders (counted once)')}
${total('full', t.full, 'full orders')}
${total('interim', t.interim, 'interim orders')}
${total('unknown', t.unknown, 'kind not stated')}
${total('releases', t.releases, 'releases', ` · <span data-total="spo_releases">${fmt(t.spo_releases)}</span> about SPOs`)}
${total('forces_covered', t.forces_covered, `of ${t.forces_total} forces covered`, ` · ${fmt(t.forces_crawled)} crawled`)}
</section>
<section id="coverage"><h2>How complete is the record?</h2>${coverageSection(coverage)}</section>
<section id="months"><h2>Orders per month</h2>${monthChart(stats.byMonth)}</section>
<div class="two">
<section id="map"><h2>Where the subjects live</h2>${map(orders)}</section>
<section id="forces"><h2 id="forces-title">Orders per force</h2><div class="forces-scroll" tabindex="0" role="region" aria-labelledby="forces-title">${forceTable(stats.byForce, stats.unattributed, new Map(coverage.forces.map((f) => [f.force_id, f])))}</div></section>
</div>
<section id="orders"><h2>Orders, newest first</h2>${ordersSection(orders, releases)}</section>
</main>
<footer><p>spo-tracker · ${fmt(FORCES.length)} forces of England and Wales (43 territorial and British Transport Police) · data embedded below as JSON${
    opts.source ? ` · from ${esc(opts.source)}` : ''
  }.</p></footer>
<script type="application/json" id="spo-data">${scriptJson(payload)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
