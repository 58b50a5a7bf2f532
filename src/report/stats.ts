// National totals and breakdowns (by force, month, condition), from the same rows the exports write.
import { FORCES } from '../domain/forces.ts';
import { PROHIBITIONS, REQUIREMENTS } from '../domain/types.ts';
import type { Store } from '../store/index.ts';
import { orderRows, type OrderRow } from './rows.ts';
import type { StatsBreakdown } from './defaults.ts';

export { STATS_BREAKDOWNS, type StatsBreakdown } from './defaults.ts';

export interface KindCounts {
  orders: number;
  interim: number;
  full: number;
  unknown: number;
}

export interface Totals extends KindCounts {
  /** People: orders sharing a case (interim then full) count once. */
  cases: number;
  mentions: number;
  releases: number;
  spo_releases: number;
  withdrawn_releases: number;
  forces_total: number;
  /** Forces with at least one release in the database, or a successful crawl. */
  forces_covered: number;
  /** Forces crawled successfully at least once. */
  forces_crawled: number;
  orders_with_location: number;
  first_order_date: string | null;
  last_order_date: string | null;
}

export interface ForceStats extends KindCounts {
  force_id: string;
  force_name: string;
  releases: number;
  spo_releases: number;
  crawled: boolean;
  covered: boolean;
  last_success_at: string | null;
}

export interface MonthStats extends KindCounts {
  /** YYYY-MM, or "unknown" for orders without any date. */
  month: string;
}

export interface ConditionStats {
  type: 'prohibition' | 'requirement';
  term: string;
  orders: number;
  /** Share of all orders, 0..1. */
  share: number;
}

export interface Stats {
  totals: Totals;
  byForce: ForceStats[];
  /** Unattributed orders (no force), listed after the forces when there are any. */
  unattributed: KindCounts;
  byMonth: MonthStats[];
  byCondition: ConditionStats[];
}

const zero = (): KindCounts => ({ orders: 0, interim: 0, full: 0, unknown: 0 });
function add(c: KindCounts, kind: string | null): void {
  c.orders++;
  if (kind === 'interim') c.interim++;
  else if (kind === 'full') c.full++;
  else c.unknown++;
}

/** Months from first to last (YYYY-MM), inclusive. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export function computeStats(store: Store, orders: OrderRow[] = orderRows(store)): Stats {
  const releasesBy = new Map(store.report.releaseCountsByForce().map((r) => [r.force_id, r]));
  const forceRows = new Map(store.forces().map((r) => [r.force_id, r]));
  const counts = store.counts();

  const totals: Totals = {
    ...zero(),
    cases: new Set(orders.map((o) => o.case_id)).size,
    mentions: counts.mentions,
    releases: counts.releases,
    spo_releases: counts.spoReleases,
    withdrawn_releases: store.report.withdrawnReleases(),
    forces_total: FORCES.length,
    forces_covered: 0,
    forces_crawled: 0,
    orders_with_location: orders.filter((o) => o.town_lat !== null && o.town_lon !== null).length,
    first_order_date: null,
    last_order_date: null,
  };
  for (const o of orders) add(totals, o.kind);
  const dates = orders.map((o) => o.order_date).filter((d): d is string => !!d).sort();
  totals.first_order_date = dates[0] ?? null;
  totals.last_order_date = dates[dates.length - 1] ?? null;

  const byForceMap = new Map<string, ForceStats>();
  for (const f of FORCES) {
    const rel = releasesBy.get(f.id);
    const fr = forceRows.get(f.id);
    const crawled = !!fr?.last_success_at;
    byForceMap.set(f.id, {
      force_id: f.id,
      force_name: f.name,
      ...zero(),
      releases: rel?.releases ?? 0,
      spo_releases: rel?.spo ?? 0,
      crawled,
      covered: crawled || (rel?.releases ?? 0) > 0,
      last_success_at: fr?.last_success_at ?? null,
    });
  }
  const unattributed = zero();
  for (const o of orders) {
    const f = o.force_id ? byForceMap.get(o.force_id) : undefined;
    add(f ?? unattributed, o.kind);
  }
  const byForce = [...byForceMap.values()];
  totals.forces_covered = byForce.filter((f) => f.covered).length;
  totals.forces_crawled = byForce.filter((f) => f.crawled).length;

  const byMonthMap = new Map<string, MonthStats>();
  const months = dates.length ? monthRange(dates[0]!.slice(0, 7), dates[dates.length - 1]!.slice(0, 7)) : [];
  for (const m of months) byMonthMap.set(m, { month: m, ...zero() });
  const unknownMonth: MonthStats = { month: 'unknown', ...zero() };
  for (const o of orders) add(o.order_date ? byMonthMap.get(o.order_date.slice(0, 7))! : unknownMonth, o.kind);
  const byMonth = [...byMonthMap.values()];
  if (unknownMonth.orders) byMonth.push(unknownMonth);

  const n = orders.length;
  const byCondition: ConditionStats[] = [
    ...PROHIBITIONS.map((term) => ({ type: 'prohibition' as const, term, orders: orders.filter((o) => o.prohibitions.includes(term)).length })),
    ...REQUIREMENTS.map((term) => ({ type: 'requirement' as const, term, orders: orders.filter((o) => o.requirements.includes(term)).length })),
  ].map((c) => ({ ...c, share: n ? c.orders / n : 0 }));

  return { totals, byForce, unattributed, byMonth, byCondition };
}

// ---- text rendering for `spo stats` -----------------------------------------------------------

function table(headers: string[], rows: (string | number)[][], rightAlign: boolean[]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => (rightAlign[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

export function renderTotals(t: Totals): string {
  const lines = [
    'National totals',
    `  orders (counted once)  ${t.orders}   interim ${t.interim} · full ${t.full} · kind unknown ${t.unknown}`,
    `  people (cases)         ${t.cases}`,
    `  order mentions         ${t.mentions}`,
    `  releases               ${t.releases}   about SPOs ${t.spo_releases}` + (t.withdrawn_releases ? ` · withdrawn ${t.withdrawn_releases}` : ''),
    `  forces covered         ${t.forces_covered} of ${t.forces_total}   crawled ${t.forces_crawled}`,
    `  order dates            ${t.first_order_date ?? '-'} to ${t.last_order_date ?? '-'}`,
    `  orders with a mapped home town  ${t.orders_with_location}`,
  ];
  return lines.join('\n');
}

export function renderBreakdown(stats: Stats, by: StatsBreakdown): string {
  const kinds = (c: KindCounts) => [c.orders, c.interim, c.full, c.unknown];
  switch (by) {
    case 'force': {
      const rows = [...stats.byForce]
        .sort((a, b) => b.orders - a.orders || a.force_name.localeCompare(b.force_name))
        .map((f) => [f.force_name, ...kinds(f), f.releases, f.spo_releases, f.crawled ? 'crawled' : f.covered ? 'files only' : 'not crawled']);
      if (stats.unattributed.orders) rows.push(['(no force)', ...kinds(stats.unattributed), '', '', '']);
      return `By force\n${table(['force', 'orders', 'interim', 'full', 'unknown', 'releases', 'SPO releases', 'status'], rows, [false, true, true, true, true, true, true, false])}`;
    }
    case 'month': {
      const rows = stats.byMonth.map((m) => [m.month, ...kinds(m)]);
      return `By month (order date: made on, else first published)\n${table(['month', 'orders', 'interim', 'full', 'unknown'], rows, [false, true, true, true, true])}`;
    }
    case 'condition': {
      const rows = stats.byCondition.map((c) => [c.type, c.term, c.orders, `${(c.share * 100).toFixed(1)}%`]);
      return `By condition\n${table(['type', 'term', 'orders', 'share'], rows, [false, false, true, true])}`;
    }
  }
}
