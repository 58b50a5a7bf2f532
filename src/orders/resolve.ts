// Orders counted once: resolveOrders() brings the orders up to date with the mentions (conservative
// matching, ./match.ts) inside the caller's transaction, keeping order ids stable across re-runs.
// Matching never crosses forces (a force conflict rules a match out), so only the forces whose
// mentions changed since the last resolve are matched again, and of their orders only the ones whose
// state changed are rewritten: a nightly costs what it found, not the history.
import { createHash } from 'node:crypto';
import type { OrderScalarRow } from '../domain/types.ts';
import type { Store } from '../store/index.ts';
import { applyCorrections } from './corrections.ts';
import { type Cluster, clusterMentions, type MatchMention, type MergedOrder, mergeCluster } from './match.ts';

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

const hash12 = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 12);

/** The order id of a mention that anchors an order: stable as long as that mention exists. */
export function orderIdFor(releaseId: string, ordinal: number): string {
  return hash12(`${releaseId}#${ordinal}`);
}

function loadMentions(store: Store, forceId: string | null): (MatchMention & { priorOrderId: string | null })[] {
  const rows = store.orders.matchableMentions(forceId);
  const p = new Map<number, string[]>();
  const r = new Map<number, string[]>();
  for (const c of store.orders.mentionConditionsOfForce(forceId)) {
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
  if (!opts.full && store.orders.resolvedFingerprint === store.orders.fingerprint()) return stats;
  const forces = opts.full ? store.orders.allOrderForces() : store.orders.forcesToResolve();
  stats.forces = [...forces].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  const at = new Date().toISOString();
  // The run these changes belong to: the one that just stored releases, while it is still running.
  const runId = store.orders.openRunOfLatestEvent();
  for (const forceId of stats.forces) resolveForce(store, forceId, at, runId, stats);
  // People's corrections go over the orders as matched: a resolve must never undo a person's work.
  applyCorrections(store);
  store.orders.resolvedFingerprint = store.orders.fingerprint();
  return stats;
}

/**
 * Rebuild every order from the mentions now (whatever changed), then apply people's corrections over
 * them, inside the caller's transaction (`spo correct --undo`: an undone correction's effect goes).
 */
export function rebuildOrders(store: Store): ResolveStats {
  return resolveOrders(store, { full: true });
}

/** What an order is, as stored: equal keys mean nothing to rewrite. */
function stateKey(row: Record<string, unknown>, conditions: string[], reasons: Record<string, unknown>[]): string {
  return JSON.stringify([row, [...conditions].sort(), [...reasons].sort((a, b) => Number(a.mention_id) - Number(b.mention_id))]);
}

function resolveForce(store: Store, forceId: string | null, at: string, runId: number | null, stats: ResolveStats): void {
  const q = store.orders;
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

