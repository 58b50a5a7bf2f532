// How complete is the record? Per force: the orders the record holds, set beside the granted totals
// the texts themselves claim and the FOI reference figure (data/reference/), and the share of the
// claimed (or reference) total that the record holds by that figure's date. Pure arithmetic over
// rows the store reads: `spo coverage`, its --json and the report page all use computeCoverage.
import { FORCES } from '../domain/forces.ts';
import { FOI_2021_SOURCE, foiReference, nationalReference, type ForceReference, type NationalReference } from '../domain/reference.ts';
import type { Store } from '../store/index.ts';

/** One order of the record, as coverage needs it. */
export interface CoverageOrder {
  force_id: string | null;
  /** Interim and full orders against one person share a case: distinct cases are distinct people. */
  case_id: string;
  /** The order date (made_on, else the first publication date): YYYY-MM-DD, YYYY-MM or YYYY; null when unknown. */
  order_date: string | null;
}

/** One granted figure a release states (a stored claim with measure "granted"). */
export interface CoverageClaim {
  /** null: a national or regional figure. */
  force_id: string | null;
  count: number;
  as_of: string | null;
  release_id: string;
  url: string | null;
}

export interface CoverageInput {
  orders: CoverageOrder[];
  claims: CoverageClaim[];
  reference: ForceReference[];
  national: NationalReference[];
}

export type CoverageBasis = 'claim' | 'reference';

export interface CoverageRow {
  force_id: string;
  force: string;
  /** Distinct orders in the record (interim and full counted apart, one per victim). */
  orders: number;
  /** Distinct people those orders are against. */
  people: number;
  /** The granted total the texts claim for the force (the largest stated), or null. */
  claimed_granted: number | null;
  claimed_as_of: string | null;
  claimed_release_id: string | null;
  claimed_url: string | null;
  /** Granted in the FOI survey (20 January 2020 to reference_period_end), or null (no answer). */
  reference_granted: number | null;
  reference_period_start: string | null;
  reference_period_end: string | null;
  /** What coverage compares with: the claimed total, else the reference figure, else nothing. */
  coverage_basis: CoverageBasis | null;
  /** Orders in the record dated up to the compared figure's date (the numerator). */
  coverage_orders: number | null;
  /** coverage_orders / the compared figure; null when there is none or it is 0. */
  coverage: number | null;
}

export interface NationalCoverage {
  orders: number;
  people: number;
  /** Forces whose record holds at least one order. */
  forces_with_orders: number;
  forces_with_claims: number;
  forces_with_reference: number;
  /** Sum over forces of the larger of their claimed and reference granted figures: at least this many were granted. */
  known_granted_at_least: number;
  /** The largest national (England and Wales, or region) granted figure the texts state, with its release. */
  claimed_national_granted: number | null;
  claimed_national_as_of: string | null;
  claimed_national_release_id: string | null;
  claimed_national_url: string | null;
  /** FOI column sums: granted and applied over the forces that answered. */
  reference_granted: number;
  reference_applied: number;
  reference_forces_answered: number;
  /** National first-year figures (court data, January 2020 to January 2021). */
  first_year: NationalReference[];
}

export interface Coverage {
  /** What is compared with what, in words, for output that must say it. */
  compared: string;
  sources: { claims: string; reference: string; national: string };
  forces: CoverageRow[];
  national: NationalCoverage;
}

export const COVERAGE_EXPLANATION =
  'coverage = orders in the record dated up to the compared figure\'s date / the compared figure. The compared figure is the ' +
  'largest granted total the texts claim for the force (orders obtained, interim and full alike, counted by the force), ' +
  'else the FOI figure (granted, 20 Jan 2020 to the answer\'s date). The record counts orders (interim and full apart, ' +
  'one per victim) and, apart, people; forces may count either, so coverage above 1 or well below it can mean a different ' +
  'way of counting as much as a gap in the record.';

/** The last day a date of any precision can stand for ("2021" -> "2021-12-31", "2021-02" -> "2021-02-31"). */
export function periodEnd(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-12-31`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-31`;
  return date.slice(0, 10);
}

/** The first day a date of any precision can stand for. */
function periodStart(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-01-01`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01`;
  return date.slice(0, 10);
}

/**
 * The claim that stands for a force's granted total: the largest figure stated (running totals only
 * grow, and a figure for one year is never above the total to its end), the latest of equal ones.
 */
function totalClaim(claims: CoverageClaim[]): CoverageClaim | undefined {
  return [...claims].sort((a, b) => b.count - a.count || (b.as_of ?? '').localeCompare(a.as_of ?? '') || a.release_id.localeCompare(b.release_id))[0];
}

/** Orders dated on or before `date` (any precision); undated orders are not counted. */
function ordersUpTo(orders: CoverageOrder[], date: string | null): number {
  if (date === null) return orders.length;
  const end = periodEnd(date);
  return orders.filter((o) => o.order_date !== null && periodStart(o.order_date) <= end).length;
}

const ratio = (n: number, d: number | null): number | null => (d === null || d === 0 ? null : Math.round((n / d) * 1000) / 1000);

/** Coverage per force (all 44, in the order of the force list) and national totals. */
export function computeCoverage(input: CoverageInput): Coverage {
  const ordersBy = new Map<string, CoverageOrder[]>();
  for (const o of input.orders) {
    if (o.force_id === null) continue;
    const list = ordersBy.get(o.force_id) ?? [];
    list.push(o);
    ordersBy.set(o.force_id, list);
  }
  const referenceBy = new Map(input.reference.map((r) => [r.force, r]));
  const forces: CoverageRow[] = FORCES.map((f) => {
    const orders = ordersBy.get(f.id) ?? [];
    const claim = totalClaim(input.claims.filter((c) => c.force_id === f.id));
    const ref = referenceBy.get(f.name);
    const refGranted = ref?.granted ?? null;
    let basis: CoverageBasis | null = null;
    let numerator: number | null = null;
    let denominator: number | null = null;
    if (claim) {
      basis = 'claim';
      numerator = ordersUpTo(orders, claim.as_of);
      denominator = claim.count;
    } else if (refGranted !== null) {
      basis = 'reference';
      numerator = ordersUpTo(orders, ref!.data_correct_to);
      denominator = refGranted;
    }
    return {
      force_id: f.id,
      force: f.name,
      orders: orders.length,
      people: new Set(orders.map((o) => o.case_id)).size,
      claimed_granted: claim?.count ?? null,
      claimed_as_of: claim?.as_of ?? null,
      claimed_release_id: claim?.release_id ?? null,
      claimed_url: claim?.url ?? null,
      reference_granted: refGranted,
      reference_period_start: ref && refGranted !== null ? ref.period_start : null,
      reference_period_end: ref && refGranted !== null ? ref.data_correct_to : null,
      coverage_basis: basis,
      coverage_orders: numerator,
      coverage: numerator === null ? null : ratio(numerator, denominator),
    };
  });
  const nationalClaim = totalClaim(input.claims.filter((c) => c.force_id === null));
  const answered = input.reference.filter((r) => r.granted !== null);
  return {
    compared: COVERAGE_EXPLANATION,
    sources: {
      claims: 'figures stated in the releases of the record (spo export claims), each with its release',
      reference: FOI_2021_SOURCE,
      national: input.national[0]?.source ?? '',
    },
    forces,
    national: {
      orders: input.orders.length,
      people: new Set(input.orders.map((o) => o.case_id)).size,
      forces_with_orders: forces.filter((f) => f.orders > 0).length,
      forces_with_claims: forces.filter((f) => f.claimed_granted !== null).length,
      forces_with_reference: forces.filter((f) => f.reference_granted !== null).length,
      known_granted_at_least: forces.reduce((n, f) => n + Math.max(f.claimed_granted ?? 0, f.reference_granted ?? 0), 0),
      claimed_national_granted: nationalClaim?.count ?? null,
      claimed_national_as_of: nationalClaim?.as_of ?? null,
      claimed_national_release_id: nationalClaim?.release_id ?? null,
      claimed_national_url: nationalClaim?.url ?? null,
      reference_granted: answered.reduce((n, r) => n + r.granted!, 0),
      reference_applied: answered.reduce((n, r) => n + (r.applied ?? 0), 0),
      reference_forces_answered: answered.length,
      first_year: input.national,
    },
  };
}

/** Coverage of the database's record: its orders and granted claims, against the bundled reference figures. */
export function readCoverage(store: Store): Coverage {
  const q = store.claims;
  const claims = q
    .all()
    .filter((c) => c.measure === 'granted')
    .map((c): CoverageClaim => ({ force_id: c.force_id, count: c.count, as_of: c.as_of, release_id: c.release_id, url: c.url }));
  return computeCoverage({ orders: q.coverageOrders(), claims, reference: foiReference(), national: nationalReference() });
}

/** The national statement of the report page and `spo coverage`: what the record holds against what forces say. */
export function nationalStatement(c: Coverage): string {
  const n = c.national;
  const firstYear = n.first_year.find((r) => r.measure === 'granted');
  return (
    `The record holds ${n.orders} orders against ${n.people} people. Forces' own figures (the larger of each force's ` +
    `claimed total and its FOI answer) suggest at least ${n.known_granted_at_least} were granted. The FOI survey counted ` +
    `${n.reference_granted} granted by spring 2021 (${n.reference_forces_answered} forces answered)` +
    (firstYear ? `; court data counted ${firstYear.count} orders in England and Wales in the first year (${firstYear.period_start} to ${firstYear.period_end}).` : '.')
  );
}

const pct = (v: number | null): string => (v === null ? '' : `${Math.round(v * 100)}%`);

/** `spo coverage` as a table: one line per force, then the national statement and what is compared. */
export function renderCoverage(c: Coverage): string {
  const head = ['force', 'orders', 'people', 'claimed', 'as of', 'FOI 2021', 'to', 'compared', 'coverage'];
  const rows = c.forces.map((f) => [
    f.force,
    String(f.orders),
    String(f.people),
    f.claimed_granted === null ? '' : String(f.claimed_granted),
    f.claimed_as_of ?? '',
    f.reference_granted === null ? '' : String(f.reference_granted),
    f.reference_period_end ?? '',
    f.coverage_basis === null ? '' : `${f.coverage_orders}/${f.coverage_basis === 'claim' ? f.claimed_granted : f.reference_granted} (${f.coverage_basis})`,
    pct(f.coverage),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line), '', nationalStatement(c), '', c.compared, `Sources: ${c.sources.reference}; ${c.sources.national}.`].join('\n');
}
