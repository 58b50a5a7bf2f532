// The export rows, read from the database: orders (counted once), releases and mentions, each with
// its provenance. Exports, stats and the report page all read these, so they agree by construction.
import { dirname, relative, resolve, sep } from 'node:path';
import { checkForceId, forceById } from '../domain/forces.ts';
import { ORDER_FIELDS, PROHIBITIONS, REQUIREMENTS } from '../domain/types.ts';
import { durationMonths, endsOn, madeOnPrecision } from '../domain/durations.ts';
import { exportedOrderId, exportedReleaseId } from '../domain/ids.ts';
import { withUtcOffset } from '../release/dates.ts';
import { correctionsByOrder } from '../orders/corrections.ts';
import type { EvidenceRow, OrderMentionRow, Store } from '../store/index.ts';
import { orderRow, type Row } from './columns.ts';

export interface RowFilter {
  /** Only rows of this force (data.police.uk id). */
  force?: string | null;
  /** Only rows dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD). */
  since?: string | null;
  /** The data folder document paths are given relative to (default: the database's folder). */
  dataDir?: string | null;
}

/** An order export row (the columns of schemas/export-order.schema.json). */
export interface OrderRow extends Row {
  order_id: string;
  case_id: string;
  force_id: string | null;
  force_name: string | null;
  order_date: string | null;
  order_year: number | null;
  order_date_source: 'made_on' | 'published' | null;
  kind: string | null;
  made_on: string | null;
  made_on_precision: 'day' | 'month' | 'year' | null;
  duration: string | null;
  duration_months: number | null;
  ends_on: string | null;
  age: number | null;
  sex: string | null;
  town: string | null;
  town_lat: number | null;
  town_lon: number | null;
  court: string | null;
  prohibitions: string[];
  requirements: string[];
  mention_count: number;
  release_ids: string[];
  source_urls: string[];
  first_published: string | null;
  first_seen_at: string;
  updated_at: string;
  linked_order_ids: string[];
  corrected: string[];
  correction_notes: string | null;
  corrected_at: string | null;
}

const prohibitionIndex = new Map<string, number>(PROHIBITIONS.map((t, i) => [t, i]));
const requirementIndex = new Map<string, number>(REQUIREMENTS.map((t, i) => [t, i]));

/** Terms in vocabulary order (unknown terms last, alphabetically). */
function vocabularyOrder(terms: Iterable<string>, index: Map<string, number>): string[] {
  return [...new Set(terms)].sort((a, b) => (index.get(a) ?? 1e9) - (index.get(b) ?? 1e9) || a.localeCompare(b));
}

/** Validate and normalise a --since value to YYYY-MM-DD. */
export function normaliseSince(since: string): string {
  const m = since.trim().match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/);
  if (!m) throw new Error(`--since must be a date (YYYY-MM-DD, YYYY-MM or YYYY), got "${since}"`);
  const [, y, mo = '01', d = '01'] = m;
  const date = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) {
    throw new Error(`--since is not a real date: "${since}"`);
  }
  return `${y}-${mo}-${d}`;
}

/** A date (YYYY-MM-DD, YYYY-MM or a date-time) is on or after since (YYYY-MM-DD). A month counts as its last day. */
export function onOrAfter(date: string | null, since: string): boolean {
  if (!date) return false;
  if (/^\d{4}-\d{2}$/.test(date)) return date >= since.slice(0, 7);
  return date.slice(0, 10) >= since;
}

/** Check a --force value names a known force; returns its id (or an error with "did you mean"). */
export const checkForce = checkForceId;

const forceName = (id: string | null): string | null => (id ? (forceById(id)?.name ?? null) : null);

/** Per mention, per field: the evidence rows (in insertion order). */
function loadEvidence(store: Store): Map<number, EvidenceRow[]> {
  const rows = store.report.mentionEvidence();
  const by = new Map<number, EvidenceRow[]>();
  for (const r of rows) {
    const list = by.get(r.mention_id) ?? [];
    list.push(r);
    by.set(r.mention_id, list);
  }
  return by;
}

/** A sentence on one line: any run of whitespace (line breaks, no-break spaces) becomes one space. */
export const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

type Fieldish = Record<string, unknown> & { prohibitions: string[]; requirements: string[] };

/**
 * The evidence columns of a row: for each field with a value, the distinct sentences that support
 * that value (or, if none records that exact value, every sentence given for the field).
 */
function evidenceColumns(values: Fieldish, evidence: EvidenceRow[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const field of ORDER_FIELDS) {
    const v = values[field];
    const forField = evidence.filter((e) => e.field === field);
    let chosen: EvidenceRow[];
    if (field === 'prohibitions' || field === 'requirements') {
      const terms = new Set(v as string[]);
      chosen = terms.size ? forField.filter((e) => e.value !== null && terms.has(e.value)) : [];
    } else if (v === null || v === undefined) {
      chosen = [];
    } else {
      const same = forField.filter((e) => e.value === String(v));
      chosen = same.length ? same : forField;
    }
    const sentences = [...new Set(chosen.map((e) => oneLine(e.sentence)).filter(Boolean))];
    out[`evidence_${field}`] = sentences.length ? sentences.join('\n') : null;
  }
  return out;
}

/** One boolean column per vocabulary term. */
function conditionColumns(prohibitions: string[], requirements: string[]): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const t of PROHIBITIONS) out[`prohibits_${t}`] = prohibitions.includes(t);
  for (const t of REQUIREMENTS) out[`requires_${t}`] = requirements.includes(t);
  return out;
}

function conditionsBy(rows: { id: string | number; condition_type: string; term: string }[]): Map<string | number, { prohibitions: string[]; requirements: string[] }> {
  const raw = new Map<string | number, { p: string[]; r: string[] }>();
  for (const r of rows) {
    const c = raw.get(r.id) ?? { p: [], r: [] };
    (r.condition_type === 'prohibition' ? c.p : c.r).push(r.term);
    raw.set(r.id, c);
  }
  const out = new Map<string | number, { prohibitions: string[]; requirements: string[] }>();
  for (const [k, c] of raw) {
    out.set(k, { prohibitions: vocabularyOrder(c.p, prohibitionIndex), requirements: vocabularyOrder(c.r, requirementIndex) });
  }
  return out;
}

const byDateThenId = <T>(date: (r: T) => string | null, id: (r: T) => string) => (a: T, b: T): number => {
  const da = date(a);
  const dbb = date(b);
  if (da !== dbb) {
    if (da === null) return 1;
    if (dbb === null) return -1;
    return da < dbb ? -1 : 1;
  }
  const ia = id(a);
  const ib = id(b);
  return ia < ib ? -1 : ia > ib ? 1 : 0;
};

/** Every order counted once, oldest first (undated last), with its provenance. */
export function orderRows(store: Store, filter: RowFilter = {}): OrderRow[] {
  const orders = store.report.orders();
  const mentions = store.report.orderMentions();
  const mentionsOf = new Map<string, OrderMentionRow[]>();
  for (const m of mentions) {
    const list = mentionsOf.get(m.order_id!) ?? [];
    list.push(m);
    mentionsOf.set(m.order_id!, list);
  }
  const conditions = conditionsBy(store.report.orderConditions());
  const corrections = correctionsByOrder(store);
  const evidence = loadEvidence(store);
  const links = new Map<string, Set<string>>();
  for (const l of store.report.orderLinks()) {
    if (l.order_id === l.other_order_id) continue;
    (links.get(l.order_id) ?? links.set(l.order_id, new Set()).get(l.order_id)!).add(l.other_order_id);
    (links.get(l.other_order_id) ?? links.set(l.other_order_id, new Set()).get(l.other_order_id)!).add(l.order_id);
  }

  const rows: OrderRow[] = [];
  for (const o of orders) {
    const id = o.order_id as string;
    const ms = mentionsOf.get(id) ?? [];
    const cond = conditions.get(id) ?? { prohibitions: [], requirements: [] };
    const releaseIds = [...new Set(ms.map((m) => m.release_id))];
    const urls = [...new Set(ms.map((m) => m.url).filter((u): u is string => !!u))];
    const published = ms.map((m) => m.published).filter((p): p is string => !!p).sort();
    const firstPublished = published[0] ?? null;
    const madeOn = (o.made_on as string | null) ?? null;
    const orderDate = madeOn ?? (firstPublished ? firstPublished.slice(0, 10) : null);
    const values: Fieldish = { ...o, ...cond };
    const ev = ms.flatMap((m) => evidence.get(m.mention_id) ?? []);
    const duration = (o.duration as string | null) ?? null;
    const row = {
      order_id: exportedOrderId(id),
      case_id: exportedOrderId(o.case_id as string),
      force_id: (o.force_id as string | null) ?? null,
      force_name: forceName((o.force_id as string | null) ?? null),
      order_date: orderDate,
      order_year: orderDate ? Number(orderDate.slice(0, 4)) : null,
      order_date_source: madeOn ? 'made_on' : firstPublished ? 'published' : null,
      kind: (o.kind as string | null) ?? null,
      made_on: madeOn,
      made_on_precision: madeOnPrecision(madeOn),
      duration,
      duration_months: durationMonths(duration),
      ends_on: endsOn(madeOn, duration),
      age: (o.age as number | null) ?? null,
      sex: (o.sex as string | null) ?? null,
      town: (o.town as string | null) ?? null,
      town_lat: (o.town_lat as number | null) ?? null,
      town_lon: (o.town_lon as number | null) ?? null,
      court: (o.court as string | null) ?? null,
      prohibitions: cond.prohibitions,
      requirements: cond.requirements,
      ...conditionColumns(cond.prohibitions, cond.requirements),
      mention_count: ms.length,
      release_ids: releaseIds.map(exportedReleaseId),
      source_urls: urls,
      first_published: firstPublished,
      first_seen_at: o.first_seen_at as string,
      updated_at: o.updated_at as string,
      linked_order_ids: [...(links.get(id) ?? [])].sort().map(exportedOrderId),
      corrected: corrections.get(id)?.corrected ?? [],
      correction_notes: corrections.get(id)?.notes.join(' | ') || null,
      corrected_at: corrections.get(id)?.corrected_at ?? null,
      ...evidenceColumns(values, ev),
    } as OrderRow;
    if (filter.force && row.force_id !== filter.force) continue;
    if (filter.since && !onOrAfter(row.order_date, filter.since)) continue;
    rows.push(orderRow('orders', row) as OrderRow);
  }
  return rows.sort(byDateThenId((r) => r.order_date, (r) => r.order_id));
}

/** A document path relative to the data folder: an absolute machine path says whose machine it was. */
function dataRelative(path: string | null, dataDir: string): string | null {
  if (!path) return null;
  return relative(resolve(dataDir), resolve(dataDir, path)).split(sep).join('/');
}

/** The data folder of a store: the folder of its file (the working folder for :memory:). */
function dataDirOf(store: Store, filter: RowFilter): string {
  if (filter.dataDir) return filter.dataDir;
  return store.path && store.path !== ':memory:' ? dirname(store.path) : '.';
}

/** Every release known (kept or only seen), oldest first (undated last). */
export function releaseRows(store: Store, filter: RowFilter = {}): Row[] {
  const releases = store.report.releases();
  const orderIds = new Map<string, string[]>();
  for (const m of store.report.releaseOrders()) {
    const list = orderIds.get(m.release_id) ?? [];
    if (!list.includes(m.order_id)) list.push(m.order_id);
    orderIds.set(m.release_id, list);
  }
  // Where each text came from, and the archived copy (the newest capture) when there is one.
  const origins = new Map<string, { sources: string[]; archivedUrl: string | null; archivedAt: string | null }>();
  for (const v of store.report.revisionOrigins()) {
    const o = origins.get(v.release_id) ?? { sources: [], archivedUrl: null, archivedAt: null };
    o.sources.push(v.source);
    if (v.archived_url && (!o.archivedAt || (v.archived_at ?? '') > o.archivedAt)) {
      o.archivedUrl = v.archived_url;
      o.archivedAt = v.archived_at;
    }
    origins.set(v.release_id, o);
  }
  const spoEvidence = new Map<string, string[]>();
  for (const e of store.report.spoEvidence()) {
    const list = spoEvidence.get(e.release_id) ?? [];
    const sentence = oneLine(e.sentence);
    if (!list.includes(sentence)) list.push(sentence);
    spoEvidence.set(e.release_id, list);
  }
  const rows: Row[] = [];
  const dataDir = dataDirOf(store, filter);
  for (const r of releases) {
    const id = r.release_id as string;
    const forceId = (r.force_id as string | null) ?? null;
    if (filter.force && forceId !== filter.force) continue;
    if (filter.since && !onOrAfter((r.published as string | null) ?? null, filter.since)) continue;
    const ev = spoEvidence.get(id);
    rows.push(
      orderRow('releases', {
        release_id: exportedReleaseId(id),
        force_id: forceId,
        force_name: forceName(forceId),
        url: (r.url as string | null) ?? null,
        title: (r.title as string | null) ?? null,
        published: (r.published as string | null) ?? null,
        published_at: withUtcOffset((r.published as string | null) ?? null),
        status: r.status as string,
        is_spo: r.is_spo === null || r.is_spo === undefined ? null : r.is_spo === 1,
        source: r.source as string,
        revision_sources: origins.get(id)?.sources ?? [],
        archived_url: origins.get(id)?.archivedUrl ?? null,
        archived_at: origins.get(id)?.archivedAt ?? null,
        first_seen_at: r.first_seen_at as string,
        last_seen_at: r.last_seen_at as string,
        content_hash: (r.content_hash as string | null) ?? null,
        revision_count: r.revision_count as number,
        mention_count: r.mention_count as number,
        order_ids: (orderIds.get(id) ?? []).map(exportedOrderId),
        document_path: dataRelative((r.document_path as string | null) ?? null, dataDir),
        evidence_is_spo: ev?.length ? ev.join('\n') : null,
      }),
    );
  }
  return rows.sort(byDateThenId((r) => (r.published as string | null), (r) => r.release_id as string));
}

/** Every order as each release reports it, oldest release first. */
export function mentionRows(store: Store, filter: RowFilter = {}): Row[] {
  const mentions = store.report.mentions();
  const conditions = conditionsBy(store.report.mentionConditions());
  const evidence = loadEvidence(store);
  const rows: Row[] = [];
  for (const m of mentions) {
    const id = m.mention_id as number;
    const forceId = (m.force_id as string | null) ?? null;
    const published = (m.published as string | null) ?? null;
    if (filter.force && forceId !== filter.force) continue;
    if (filter.since && !onOrAfter((m.made_on as string | null) ?? published, filter.since)) continue;
    const cond = conditions.get(id) ?? { prohibitions: [], requirements: [] };
    rows.push(
      orderRow('mentions', {
        mention_id: id,
        release_id: exportedReleaseId(m.release_id as string),
        ordinal: m.ordinal as number,
        order_id: m.order_id ? exportedOrderId(m.order_id as string) : null,
        force_id: forceId,
        force_name: forceName(forceId),
        url: (m.url as string | null) ?? null,
        published,
        published_at: withUtcOffset(published),
        kind: (m.kind as string | null) ?? null,
        made_on: (m.made_on as string | null) ?? null,
        made_on_precision: madeOnPrecision((m.made_on as string | null) ?? null),
        duration: (m.duration as string | null) ?? null,
        duration_months: durationMonths((m.duration as string | null) ?? null),
        ends_on: endsOn((m.made_on as string | null) ?? null, (m.duration as string | null) ?? null),
        age: (m.age as number | null) ?? null,
        sex: (m.sex as string | null) ?? null,
        town: (m.town as string | null) ?? null,
        town_lat: (m.town_lat as number | null) ?? null,
        town_lon: (m.town_lon as number | null) ?? null,
        court: (m.court as string | null) ?? null,
        prohibitions: cond.prohibitions,
        requirements: cond.requirements,
        ...conditionColumns(cond.prohibitions, cond.requirements),
        ...evidenceColumns({ ...m, ...cond }, evidence.get(id) ?? []),
      }),
    );
  }
  const key = (r: Row): string => `${r.release_id as string}#${String(r.ordinal as number).padStart(6, '0')}`;
  return rows.sort(byDateThenId((r) => (r.published as string | null), key));
}

/**
 * Home towns with their orders (counted once): what a map of where subjects live needs. Built from
 * the order rows, so the counts agree with `spo export orders` and the report.
 */
export function townRows(store: Store, filter: RowFilter = {}): Row[] {
  const by = new Map<string, OrderRow[]>();
  for (const o of orderRows(store, filter)) {
    if (!o.town) continue;
    const list = by.get(o.town) ?? [];
    list.push(o);
    by.set(o.town, list);
  }
  const rows: Row[] = [];
  for (const [town, orders] of by) {
    const placed = orders.find((o) => o.town_lat !== null && o.town_lon !== null);
    const dates = orders.map((o) => o.order_date).filter((d): d is string => !!d).sort();
    rows.push(
      orderRow('towns', {
        town,
        latitude: placed?.town_lat ?? null,
        longitude: placed?.town_lon ?? null,
        orders: orders.length,
        interim_orders: orders.filter((o) => o.kind === 'interim').length,
        full_orders: orders.filter((o) => o.kind === 'full').length,
        force_ids: [...new Set(orders.map((o) => o.force_id).filter((f): f is string => !!f))].sort(),
        first_order_date: dates[0] ?? null,
        last_order_date: dates.at(-1) ?? null,
      }),
    );
  }
  return rows.sort((a, b) => (b.orders as number) - (a.orders as number) || (a.town as string).localeCompare(b.town as string));
}
