// Orders counted once, and what changed between runs. Public entry of the diff stage.
// resolveOrders() rebuilds the orders from every mention (conservative matching, ./match.ts) inside the
// caller's transaction; the diff functions (./diff.ts) read the history the store keeps.
import type { OrderScalarRow } from '../domain/types.ts';
import { createHash } from 'node:crypto';
import type { Store } from '../store/index.ts';
import { clusterMentions, mergeCluster, type Cluster, type MatchMention, type MergedOrder } from './match.ts';

export { compareMentions, clusterMentions, mergeCluster, MATCH_RULES, type MatchMention, type Comparison } from './match.ts';
export * from './diff.ts';

interface MentionRow extends OrderScalarRow {
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

function loadMentions(store: Store): (MatchMention & { priorOrderId: string | null })[] {
  const db = store.db;
  const rows = db
    .prepare(`SELECT m.mention_id, m.release_id, m.ordinal, m.order_id, m.age, m.sex, m.town, m.town_lat, m.town_lon, m.court,
        m.kind, m.made_on, m.duration, r.force_id, r.published, r.first_seen_at
      FROM order_mentions m JOIN releases r USING (release_id)`)
    .all() as MentionRow[];
  const conds = db.prepare('SELECT mention_id, condition_type, term FROM mention_conditions ORDER BY term').all() as {
    mention_id: number;
    condition_type: string;
    term: string;
  }[];
  const p = new Map<number, string[]>();
  const r = new Map<number, string[]>();
  for (const c of conds) {
    const map = c.condition_type === 'prohibition' ? p : r;
    map.set(c.mention_id, [...(map.get(c.mention_id) ?? []), c.term]);
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
 */
function assignIds(clusters: Cluster[], prior: Map<number, string | null>): string[] {
  const used = new Set<string>();
  return clusters.map((c) => {
    const counts = new Map<string, number>();
    for (const m of c.members) {
      const id = prior.get(m.mention.mentionId);
      if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const keep = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id).find((id) => !used.has(id));
    const anchor = c.members[0]!.mention;
    let id = keep ?? orderIdFor(anchor.releaseId, anchor.ordinal);
    for (let n = 2; used.has(id); n++) id = hash12(`${anchor.releaseId}#${anchor.ordinal}#${n}`);
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
 * Rebuild the orders from the mentions, inside the caller's transaction: one order per real order
 * (merged fields, every mention linked), candidate links for likely-but-uncertain matches, interim and
 * full orders against one person in one case, the reasons for every merge, and a snapshot of each order
 * whose merged state changed.
 */
export function resolveOrders(store: Store): void {
  const db = store.db;
  // Nothing to do when no mention was added, replaced or removed since the last resolve on this store
  // (a --full crawl re-checks hundreds of unchanged releases, each followed by a resolve).
  const fp = db
    .prepare(`SELECT (SELECT count(*) || ':' || coalesce(max(mention_id), 0) FROM order_mentions) || ':' ||
      (SELECT coalesce(max(history_id), 0) FROM mention_history) || ':' || (SELECT count(*) FROM orders) AS fp`)
    .get() as { fp: string };
  if (lastResolved.get(store) === fp.fp) return;
  resolveNow(store);
  const after = db
    .prepare(`SELECT (SELECT count(*) || ':' || coalesce(max(mention_id), 0) FROM order_mentions) || ':' ||
      (SELECT coalesce(max(history_id), 0) FROM mention_history) || ':' || (SELECT count(*) FROM orders) AS fp`)
    .get() as { fp: string };
  lastResolved.set(store, after.fp);
}

const lastResolved = new WeakMap<Store, string>();

function resolveNow(store: Store): void {
  const db = store.db;
  const at = new Date().toISOString();
  const mentions = loadMentions(store);
  const prior = new Map(mentions.map((m) => [m.mentionId, m.priorOrderId]));
  const previous = new Map(
    (db.prepare('SELECT order_id, first_seen_at, updated_at FROM orders').all() as { order_id: string; first_seen_at: string; updated_at: string }[]).map(
      (o) => [o.order_id, o],
    ),
  );
  const lastSnapshot = new Map(
    (
      db
        .prepare(`SELECT s.order_id, s.hash FROM order_snapshots s
          JOIN (SELECT order_id, max(snapshot_id) AS id FROM order_snapshots GROUP BY order_id) l ON l.id = s.snapshot_id`)
        .all() as { order_id: string; hash: string | null }[]
    ).map((s) => [s.order_id, s.hash]),
  );

  // The run these changes belong to: the one that just stored releases, while it is still running.
  const run = db
    .prepare(`SELECT r.run_id FROM (SELECT run_id FROM release_events ORDER BY event_id DESC LIMIT 1) e
      JOIN crawl_runs r USING (run_id) WHERE r.finished_at IS NULL`)
    .get() as { run_id: number } | undefined;
  const runId = run?.run_id ?? null;

  const { clusters, links } = clusterMentions(mentions);
  const ids = assignIds(clusters, prior);
  const caseIds = [...ids];
  for (const l of links) if (l.type === 'same_case') caseIds[l.b] = ids[l.a]!; // the interim order names the case

  db.prepare('DELETE FROM orders').run(); // cascades to order_conditions, order_links, order_match_reasons
  const insert = db.prepare(`INSERT INTO orders (order_id, case_id, force_id, age, sex, town, town_lat, town_lon, court, kind,
    made_on, duration, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const setOrder = db.prepare('UPDATE order_mentions SET order_id = ? WHERE mention_id = ?');
  const cond = db.prepare('INSERT OR IGNORE INTO order_conditions (order_id, condition_type, term) VALUES (?, ?, ?)');
  const reason = db.prepare(`INSERT INTO order_match_reasons (order_id, mention_id, release_id, ordinal, role, matched_mention_id, score, agreed, reason)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const link = db.prepare('INSERT OR REPLACE INTO order_links (order_id, other_order_id, link_type, score, reason) VALUES (?, ?, ?, ?, ?)');
  const snap = db.prepare('INSERT INTO order_snapshots (order_id, at, data, hash, run_id) VALUES (?, ?, ?, ?, ?)');

  clusters.forEach((c, i) => {
    const id = ids[i]!;
    const o = mergeCluster(c);
    const snapshot = snapshotOf(id, caseIds[i]!, o, c);
    const json = JSON.stringify(snapshot);
    const h = hash12(json);
    const changed = lastSnapshot.get(id) !== h;
    const firstSeen = c.members.map((m) => m.mention.firstSeenAt).sort()[0]!;
    insert.run(id, caseIds[i]!, o.forceId, o.age, o.sex, o.town, o.townLat, o.townLon, o.court, o.kind, o.madeOn, o.duration,
      previous.get(id)?.first_seen_at && previous.get(id)!.first_seen_at < firstSeen ? previous.get(id)!.first_seen_at : firstSeen,
      changed || !previous.get(id) ? at : previous.get(id)!.updated_at);
    for (const t of o.prohibitions) cond.run(id, 'prohibition', t);
    for (const t of o.requirements) cond.run(id, 'requirement', t);
    for (const m of c.members) {
      setOrder.run(id, m.mention.mentionId);
      reason.run(id, m.mention.mentionId, m.mention.releaseId, m.mention.ordinal, m.role, m.matchedWith?.mentionId ?? null,
        m.comparison?.score ?? null, JSON.stringify(m.comparison?.agreed ?? []),
        m.role === 'anchor' ? 'first mention of the order' : m.comparison!.reason);
    }
    if (changed) snap.run(id, at, json, h, runId);
    lastSnapshot.delete(id);
  });
  for (const l of links) {
    // Stored once, from the earlier stage (interim) or the earlier-anchored order to the other.
    link.run(ids[l.a]!, ids[l.b]!, l.type, l.score, l.reason);
  }
  // Orders that no longer exist (merged into another, or their release re-extracted): a tombstone.
  for (const [id, h] of lastSnapshot) if (h !== null) snap.run(id, at, null, null, runId);
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
