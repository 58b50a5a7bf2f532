// Orders counted once, and what changed between runs. Public entry of the diff stage.
// resolveOrders() brings the orders up to date with the mentions (conservative matching, ./match.ts)
// inside the caller's transaction, one force at a time and only where mentions changed; the diff
// functions (./diff.ts) read the history the store keeps.
import type { OrderScalarRow } from '../domain/types.ts';
import { createHash } from 'node:crypto';
import type { Store } from '../store/index.ts';
import { clusterMentions, mergeCluster, type Cluster, type MatchMention, type MergedOrder } from './match.ts';

export { compareMentions, clusterMentions, mergeCluster, MATCH_RULES, type MatchMention, type Comparison } from './match.ts';
export * from './diff.ts';

/** The JSON kept in order_snapshots: what `spo diff` compares. */
export interface OrderSnapshot extends OrderScalarRow {
  order_id: string;
  case_id: string;
  force_id: string | null;
  prohibitions: string[];
  requirements: string[];
  /** The releases that report the order ("release_id#ordinal"). */
  mentions: string[];
}

const hash12 = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 12);

/** The order id of a mention that anchors an order: stable as long as that mention exists. */
export function orderIdFor(releaseId: string, ordinal: number): string {
  return hash12(`${releaseId}#${ordinal}`);
}

/** What one resolve did: how much was matched and written (tests and the benchmark read it). */
export interface ResolveStats {
  /** The forces matched again (null: releases of no known force), sorted. */
  forces: (string | null)[];
  /** Mentions matched. */
  mentions: number;
  /** Mention comparisons made (bounded per mention, see MATCH_RULES). */
  comparisons: number;
  /** Orders inserted or rewritten. */
  ordersWritten: number;
  /** Orders that no longer exist. */
  ordersRemoved: number;
  linksWritten: number;
  linksRemoved: number;
}

function loadMentions(store: Store, forceId: string | null): (MatchMention & { priorOrderId: string | null })[] {
  const rows = orderQueries(store).matchableMentions(forceId);
  const p = new Map<number, string[]>();
  const r = new Map<number, string[]>();
  for (const c of orderQueries(store).mentionConditionsOfForce(forceId)) {
    const map = c.condition_type === 'prohibition' ? p : r;
    const list = map.get(c.mention_id);
    if (list) list.push(c.term);
    else map.set(c.mention_id, [c.term]);
  }
  return rows.map((m) => ({
    mentionId: m.mention_id,
    releaseId: m.release_id,
    ordinal: m.ordinal,
    forceId: m.force_id,
    published: m.published,
    firstSeenAt: m.first_seen_at,
    age: m.age,
    sex: m.sex,
    town: m.town,
    townLat: m.town_lat,
    townLon: m.town_lon,
    court: m.court,
    kind: m.kind,
    madeOn: m.made_on,
    duration: m.duration,
    prohibitions: p.get(m.mention_id) ?? [],
    requirements: r.get(m.mention_id) ?? [],
    priorOrderId: m.order_id,
  }));
}

/**
 * Order ids: a cluster keeps the id its mentions had before (the one most of them had, earliest first),
 * so ids survive re-runs and new reports; a new cluster takes the id of its anchor (earliest) mention.
 * `taken` holds the ids of other forces' orders (never reused).
 */
function assignIds(clusters: Cluster[], prior: Map<number, string | null>, taken: Set<string>): string[] {
  const used = new Set<string>();
  return clusters.map((c) => {
    const counts = new Map<string, number>();
    for (const m of c.members) {
      const id = prior.get(m.mention.mentionId);
      if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const keep = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([id]) => id)
      .find((id) => !used.has(id) && !taken.has(id));
    const anchor = c.members[0]!.mention;
    let id = keep ?? orderIdFor(anchor.releaseId, anchor.ordinal);
    for (let n = 2; used.has(id) || (id !== keep && taken.has(id)); n++) id = hash12(`${anchor.releaseId}#${anchor.ordinal}#${n}`);
    used.add(id);
    return id;
  });
}

function snapshotOf(id: string, caseId: string, o: MergedOrder, c: Cluster): OrderSnapshot {
  return {
    order_id: id,
    case_id: caseId,
    force_id: o.forceId,
    age: o.age,
    sex: o.sex,
    town: o.town,
    court: o.court,
    kind: o.kind,
    made_on: o.madeOn,
    duration: o.duration,
    prohibitions: o.prohibitions,
    requirements: o.requirements,
    mentions: c.members.map((m) => `${m.mention.releaseId}#${m.mention.ordinal}`).sort(),
  };
}

/**
 * Bring the orders up to date with the mentions, inside the caller's transaction: one order per real
 * order (merged fields, every mention linked), candidate links for likely-but-uncertain matches,
 * interim and full orders against one person in one case, the reasons for every merge, and a snapshot
 * of each order whose merged state changed. Only the forces with new, replaced or removed mentions are
 * matched again (every force with `full`); the result is the same as rebuilding everything.
 */
export function resolveOrders(store: Store, opts: { full?: boolean } = {}): ResolveStats {
  const stats: ResolveStats = { forces: [], mentions: 0, comparisons: 0, ordersWritten: 0, ordersRemoved: 0, linksWritten: 0, linksRemoved: 0 };
  // Nothing to do when no mention was added, replaced or removed since the last resolve on this store
  // (a --full crawl re-checks hundreds of unchanged releases, each followed by a resolve).
  if (!opts.full && orderQueries(store).resolvedFingerprint === orderQueries(store).fingerprint()) return stats;
  const forces = opts.full ? orderQueries(store).allOrderForces() : orderQueries(store).forcesToResolve();
  stats.forces = [...forces].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  const at = new Date().toISOString();
  // The run these changes belong to: the one that just stored releases, while it is still running.
  const runId = orderQueries(store).openRunOfLatestEvent();
  for (const forceId of stats.forces) resolveForce(store, forceId, at, runId, stats);
  orderQueries(store).resolvedFingerprint = orderQueries(store).fingerprint();
  return stats;
}

/** What an order is, as stored: equal keys mean nothing to rewrite. */
function stateKey(row: Record<string, unknown>, conditions: string[], reasons: Record<string, unknown>[]): string {
  return JSON.stringify([row, [...conditions].sort(), [...reasons].sort((a, b) => Number(a.mention_id) - Number(b.mention_id))]);
}

function resolveForce(store: Store, forceId: string | null, at: string, runId: number | null, stats: ResolveStats): void {
  const q = orderQueries(store);
  const mentions = loadMentions(store, forceId);
  stats.mentions += mentions.length;
  const prior = new Map(mentions.map((m) => [m.mentionId, m.priorOrderId]));
  const existing = q.ordersOfForce(forceId); // this force's orders (and any its mentions are in)
  const existingIds = new Set(existing.map((o) => o.order_id));
  const taken = new Set(q.allOrderIds().filter((id) => !existingIds.has(id)));

  const { clusters, links, stats: match } = clusterMentions(mentions);
  stats.comparisons += match.comparisons;
  const ids = assignIds(clusters, prior, taken);
  const caseIds = [...ids];
  for (const l of links) if (l.type === 'same_case') caseIds[l.b] = ids[l.a]!; // the interim order names the case

  const before = new Map(existing.map((o) => [o.order_id, o]));
  const lastSnapshot = new Map(q.latestSnapshotHashes([...new Set([...existingIds, ...ids])]).map((x) => [x.order_id, x.hash]));
  const stored = new Map([...q.orderStates([...existingIds])].map(([id, st]) => [id, stateKey(st.row, st.conditions, st.reasons)]));
  const keep = new Set<string>();
  clusters.forEach((c, i) => {
    const id = ids[i]!;
    keep.add(id);
    const o = mergeCluster(c);
    const snapshot = snapshotOf(id, caseIds[i]!, o, c);
    const json = JSON.stringify(snapshot);
    const h = hash12(json);
    const changed = lastSnapshot.get(id) !== h;
    const firstSeen = c.members.map((m) => m.mention.firstSeenAt).sort()[0]!;
    const prev = before.get(id);
    const row = {
      order_id: id,
      case_id: caseIds[i]!,
      force_id: o.forceId,
      age: o.age,
      sex: o.sex,
      town: o.town,
      town_lat: o.townLat,
      town_lon: o.townLon,
      court: o.court,
      kind: o.kind,
      made_on: o.madeOn,
      duration: o.duration,
      first_seen_at: prev?.first_seen_at && prev.first_seen_at < firstSeen ? prev.first_seen_at : firstSeen,
      updated_at: changed || !prev ? at : prev.updated_at,
    };
    const conditions = [...o.prohibitions.map((t) => `prohibition:${t}`), ...o.requirements.map((t) => `requirement:${t}`)];
    const reasons = c.members.map((m) => ({
      order_id: id,
      mention_id: m.mention.mentionId,
      release_id: m.mention.releaseId,
      ordinal: m.mention.ordinal,
      role: m.role,
      matched_mention_id: m.matchedWith?.mentionId ?? null,
      score: m.comparison?.score ?? null,
      agreed: JSON.stringify(m.comparison?.agreed ?? []),
      reason: m.role === 'anchor' ? 'first mention of the order' : m.comparison!.reason,
    }));
    if (stored.get(id) === stateKey(row, conditions, reasons) && c.members.every((m) => prior.get(m.mention.mentionId) === id)) return;
    stats.ordersWritten++;
    if (prev) q.remove(id); // cascades to its conditions, reasons and links (re-added below)
    q.insert(row);
    for (const t of o.prohibitions) q.addCondition(id, 'prohibition', t);
    for (const t of o.requirements) q.addCondition(id, 'requirement', t);
    for (const m of c.members) q.assignMention(m.mention.mentionId, id);
    for (const r of reasons) q.addMatchReason(r);
    if (changed) q.addSnapshot(id, at, json, h, runId);
  });
  // Orders that no longer exist (merged into another, or their release re-extracted): a tombstone.
  for (const o of existing) {
    if (keep.has(o.order_id)) continue;
    stats.ordersRemoved++;
    q.remove(o.order_id);
    if (lastSnapshot.get(o.order_id)) q.addSnapshot(o.order_id, at, null, null, runId);
  }
  // Links: stored once, from the earlier stage (interim) or the earlier-anchored order to the other.
  const want = new Map(links.map((l) => [`${ids[l.a]}|${ids[l.b]}|${l.type}`, l]));
  for (const l of q.linksOfForce(forceId)) {
    const k = `${l.order_id}|${l.other_order_id}|${l.link_type}`;
    const w = want.get(k);
    if (w && w.score === l.score && w.reason === l.reason) {
      want.delete(k);
      continue;
    }
    if (!w) {
      stats.linksRemoved++;
      q.removeLink(l.order_id, l.other_order_id, l.link_type);
    }
  }
  for (const [, l] of want) {
    stats.linksWritten++;
    q.addLink(ids[l.a]!, ids[l.b]!, l.type, l.score, l.reason);
  }
}

// ---- the SQL of order resolution (moves to src/store with the other queries) -----------------------

interface MatchableMentionRow extends OrderScalarRow {
  mention_id: number;
  release_id: string;
  ordinal: number;
  order_id: string | null;
  force_id: string | null;
  published: string | null;
  first_seen_at: string;
  town_lat: number | null;
  town_lon: number | null;
}

// The columns of an order row and of a match reason, in the order resolve builds them (compared as JSON,
// so the SELECTs below list them in this order too).
const ORDER_COLUMNS = 'order_id, case_id, force_id, age, sex, town, town_lat, town_lon, court, kind, made_on, duration, first_seen_at, updated_at'.split(', ');
const REASON_COLUMNS = 'order_id, mention_id, release_id, ordinal, role, matched_mention_id, score, agreed, reason'.split(', ');

class ResolveQueries {
  resolvedFingerprint: string | null = null;
  constructor(private readonly store: Store) {}
  private all<T>(sql: string, ...params: (string | number | null)[]): T[] {
    return this.store.db.prepare(sql).all(...params) as T[];
  }
  private get<T>(sql: string, ...params: (string | number | null)[]): T | undefined {
    return this.store.db.prepare(sql).get(...params) as T | undefined;
  }
  private run(sql: string, ...params: (string | number | null)[]): void {
    this.store.db.prepare(sql).run(...params);
  }

  fingerprint(): string {
    return this.get<{ fp: string }>(
      `SELECT (SELECT count(*) || ':' || coalesce(max(mention_id), 0) FROM order_mentions) || ':' ||
        (SELECT coalesce(max(history_id), 0) FROM mention_history) || ':' || (SELECT count(*) FROM orders) AS fp`,
    )!.fp;
  }

  /**
   * The forces whose orders are out of date: a mention not yet in an order (new, or re-extracted), or an
   * order one of whose mentions is gone or now in another order.
   */
  forcesToResolve(): (string | null)[] {
    return this.all<{ force_id: string | null }>(
      `SELECT r.force_id FROM order_mentions m JOIN releases r USING (release_id) WHERE m.order_id IS NULL
       UNION
       SELECT o.force_id FROM order_match_reasons x JOIN orders o USING (order_id)
         LEFT JOIN order_mentions m ON m.mention_id = x.mention_id
         WHERE m.mention_id IS NULL OR m.order_id IS NOT x.order_id`,
    ).map((r) => r.force_id);
  }

  /** Every force with mentions or orders. */
  allOrderForces(): (string | null)[] {
    return this.all<{ force_id: string | null }>(
      'SELECT r.force_id FROM order_mentions m JOIN releases r USING (release_id) UNION SELECT force_id FROM orders',
    ).map((r) => r.force_id);
  }

  matchableMentions(forceId: string | null): MatchableMentionRow[] {
    return this.all(
      `SELECT m.mention_id, m.release_id, m.ordinal, m.order_id, m.age, m.sex, m.town, m.town_lat, m.town_lon, m.court,
          m.kind, m.made_on, m.duration, r.force_id, r.published, r.first_seen_at
        FROM order_mentions m JOIN releases r USING (release_id) WHERE r.force_id IS ?`,
      forceId,
    );
  }

  mentionConditionsOfForce(forceId: string | null): { mention_id: number; condition_type: string; term: string }[] {
    return this.all(
      `SELECT c.mention_id, c.condition_type, c.term FROM mention_conditions c JOIN order_mentions m USING (mention_id)
        JOIN releases r USING (release_id) WHERE r.force_id IS ? ORDER BY c.term`,
      forceId,
    );
  }

  /** The orders of a force, and any order its mentions are in. */
  ordersOfForce(forceId: string | null): { order_id: string; first_seen_at: string; updated_at: string }[] {
    return this.all(
      `SELECT order_id, first_seen_at, updated_at FROM orders WHERE force_id IS ?
       UNION SELECT o.order_id, o.first_seen_at, o.updated_at FROM orders o JOIN order_mentions m ON m.order_id = o.order_id
         JOIN releases r ON r.release_id = m.release_id WHERE r.force_id IS ?`,
      forceId,
      forceId,
    );
  }

  /** What is stored of each of the given orders: its row, its conditions ("type:term") and its match reasons. */
  orderStates(ids: string[]): Map<string, { row: Record<string, unknown>; conditions: string[]; reasons: Record<string, unknown>[] }> {
    const out = new Map<string, { row: Record<string, unknown>; conditions: string[]; reasons: Record<string, unknown>[] }>();
    const json = JSON.stringify(ids);
    for (const row of this.all<Record<string, unknown>>(`SELECT order_id, case_id, force_id, age, sex, town, town_lat, town_lon, court, kind, made_on, duration, first_seen_at, updated_at FROM orders WHERE order_id IN (SELECT value FROM json_each(?))`, json)) {
      out.set(row.order_id as string, { row, conditions: [], reasons: [] });
    }
    for (const c of this.all<{ order_id: string; t: string }>(
      "SELECT order_id, condition_type || ':' || term AS t FROM order_conditions WHERE order_id IN (SELECT value FROM json_each(?))",
      json,
    )) {
      out.get(c.order_id)?.conditions.push(c.t);
    }
    for (const r of this.all<Record<string, unknown>>(`SELECT order_id, mention_id, release_id, ordinal, role, matched_mention_id, score, agreed, reason FROM order_match_reasons WHERE order_id IN (SELECT value FROM json_each(?))`, json)) {
      out.get(r.order_id as string)?.reasons.push(r);
    }
    return out;
  }

  latestSnapshotHashes(ids: string[]): { order_id: string; hash: string | null }[] {
    return this.all(
      `SELECT s.order_id, s.hash FROM order_snapshots s
        JOIN (SELECT order_id, max(snapshot_id) AS id FROM order_snapshots WHERE order_id IN (SELECT value FROM json_each(?)) GROUP BY order_id) l
        ON l.id = s.snapshot_id`,
      JSON.stringify(ids),
    );
  }

  allOrderIds(): string[] {
    return this.all<{ order_id: string }>('SELECT order_id FROM orders').map((r) => r.order_id);
  }

  openRunOfLatestEvent(): number | null {
    return (
      this.get<{ run_id: number }>(
        `SELECT r.run_id FROM (SELECT run_id FROM release_events ORDER BY event_id DESC LIMIT 1) e
          JOIN crawl_runs r USING (run_id) WHERE r.finished_at IS NULL`,
      )?.run_id ?? null
    );
  }

  /** Delete an order (cascades to its conditions, links and match reasons; its mentions are left unassigned). */
  remove(orderId: string): void {
    this.run('DELETE FROM orders WHERE order_id = ?', orderId);
  }

  insert(o: Record<string, string | number | null>): void {
    this.run(
      `INSERT INTO orders (order_id, case_id, force_id, age, sex, town, town_lat, town_lon, court, kind, made_on, duration, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ...ORDER_COLUMNS.map((c) => o[c] ?? null),
    );
  }

  assignMention(mentionId: number, orderId: string): void {
    this.run('UPDATE order_mentions SET order_id = ? WHERE mention_id = ?', orderId, mentionId);
  }

  addCondition(orderId: string, type: 'prohibition' | 'requirement', term: string): void {
    this.run('INSERT OR IGNORE INTO order_conditions (order_id, condition_type, term) VALUES (?, ?, ?)', orderId, type, term);
  }

  addMatchReason(r: Record<string, string | number | null>): void {
    this.run(`INSERT INTO order_match_reasons (order_id, mention_id, release_id, ordinal, role, matched_mention_id, score, agreed, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, ...REASON_COLUMNS.map((c) => r[c] ?? null));
  }

  /** The links of a force's orders. */
  linksOfForce(forceId: string | null): { order_id: string; other_order_id: string; link_type: string; score: number | null; reason: string | null }[] {
    return this.all(
      'SELECT l.order_id, l.other_order_id, l.link_type, l.score, l.reason FROM order_links l JOIN orders o ON o.order_id = l.order_id WHERE o.force_id IS ?',
      forceId,
    );
  }

  addLink(orderId: string, otherOrderId: string, type: string, score: number, reason: string): void {
    this.run('INSERT OR REPLACE INTO order_links (order_id, other_order_id, link_type, score, reason) VALUES (?, ?, ?, ?, ?)', orderId, otherOrderId, type, score, reason);
  }

  removeLink(orderId: string, otherOrderId: string, type: string): void {
    this.run('DELETE FROM order_links WHERE order_id = ? AND other_order_id = ? AND link_type = ?', orderId, otherOrderId, type);
  }

  addSnapshot(orderId: string, at: string, data: string | null, hash: string | null, runId: number | null): void {
    this.run('INSERT INTO order_snapshots (order_id, at, data, hash, run_id) VALUES (?, ?, ?, ?, ?)', orderId, at, data, hash, runId);
  }
}

const queries = new WeakMap<Store, ResolveQueries>();
function orderQueries(store: Store): ResolveQueries {
  let q = queries.get(store);
  if (!q) queries.set(store, (q = new ResolveQueries(store)));
  return q;
}

/** Mentions of an order with their releases and why they were merged: `spo orders --explain`. */
export interface OrderExplanation {
  order: Record<string, unknown> & { order_id: string; case_id: string };
  prohibitions: string[];
  requirements: string[];
  mentions: {
    mention_id: number;
    release_id: string;
    ordinal: number;
    role: string;
    matched_mention_id: number | null;
    score: number | null;
    agreed: string[];
    reason: string | null;
    title: string | null;
    url: string | null;
    published: string | null;
    status: string;
    fields: Record<string, unknown>;
    conditions: string[];
  }[];
  links: { order_id: string; other_order_id: string; link_type: string; score: number | null; reason: string | null }[];
  case_orders: { order_id: string; kind: string | null; made_on: string | null }[];
}

/** The order a user means: a full id or an unambiguous prefix. */
export function findOrderId(store: Store, id: string): string {
  // An empty prefix would match every order.
  if (!id.trim()) throw new Error('give an order id (or its first characters): `spo orders` lists them');
  const exact = store.db.prepare('SELECT order_id FROM orders WHERE order_id = ?').get(id) as { order_id: string } | undefined;
  if (exact) return exact.order_id;
  const hits = store.db
    .prepare("SELECT order_id FROM orders WHERE order_id LIKE ? ESCAPE '\\' ORDER BY order_id LIMIT 20")
    .all(`${id.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as { order_id: string }[];
  if (hits.length === 1) return hits[0]!.order_id;
  if (hits.length > 1) throw new Error(`order id "${id}" is ambiguous: ${hits.map((h) => h.order_id).join(', ')}`);
  throw new Error(`no order with id "${id}"`);
}

export function explainOrder(store: Store, id: string): OrderExplanation {
  const db = store.db;
  const orderId = findOrderId(store, id);
  const order = db.prepare('SELECT * FROM orders WHERE order_id = ?').get(orderId) as OrderExplanation['order'];
  const conds = db.prepare('SELECT condition_type, term FROM order_conditions WHERE order_id = ? ORDER BY term').all(orderId) as {
    condition_type: string;
    term: string;
  }[];
  const rows = db
    .prepare(`SELECT x.mention_id, x.release_id, x.ordinal, x.role, x.matched_mention_id, x.score, x.agreed, x.reason,
        r.title, r.url, r.published, r.status, m.age, m.sex, m.town, m.court, m.kind, m.made_on, m.duration
      FROM order_match_reasons x JOIN releases r USING (release_id) LEFT JOIN order_mentions m ON m.mention_id = x.mention_id
      WHERE x.order_id = ? ORDER BY x.role = 'merged', r.first_seen_at, x.release_id, x.ordinal`)
    .all(orderId) as Record<string, unknown>[];
  const mc = db.prepare("SELECT condition_type || ':' || term AS t FROM mention_conditions WHERE mention_id = ? ORDER BY condition_type, term");
  const mentions = rows.map((r) => ({
    mention_id: r.mention_id as number,
    release_id: r.release_id as string,
    ordinal: r.ordinal as number,
    role: r.role as string,
    matched_mention_id: r.matched_mention_id as number | null,
    score: r.score as number | null,
    agreed: JSON.parse(r.agreed as string) as string[],
    reason: r.reason as string | null,
    title: r.title as string | null,
    url: r.url as string | null,
    published: r.published as string | null,
    status: r.status as string,
    fields: Object.fromEntries(['age', 'sex', 'town', 'court', 'kind', 'made_on', 'duration'].map((f) => [f, r[f] ?? null])),
    conditions: (mc.all(r.mention_id) as { t: string }[]).map((c) => c.t),
  }));
  const links = db
    .prepare('SELECT * FROM order_links WHERE order_id = ? OR other_order_id = ? ORDER BY link_type, score DESC')
    .all(orderId, orderId) as OrderExplanation['links'];
  const caseOrders = db
    .prepare('SELECT order_id, kind, made_on FROM orders WHERE case_id = ? ORDER BY made_on, order_id')
    .all(order.case_id) as OrderExplanation['case_orders'];
  return {
    order,
    prohibitions: conds.filter((c) => c.condition_type === 'prohibition').map((c) => c.term),
    requirements: conds.filter((c) => c.condition_type === 'requirement').map((c) => c.term),
    mentions,
    links,
    case_orders: caseOrders,
  };
}
