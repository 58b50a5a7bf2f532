// Orders counted once: resolveOrders() rebuilds the orders from every mention (conservative matching,
// ./match.ts) inside the caller's transaction, keeping order ids stable across re-runs.
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

const hash12 = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 12);

/** The order id of a mention that anchors an order: stable as long as that mention exists. */
export function orderIdFor(releaseId: string, ordinal: number): string {
  return hash12(`${releaseId}#${ordinal}`);
}

function loadMentions(store: Store): (MatchMention & { priorOrderId: string | null })[] {
  const rows = store.orders.matchableMentions();
  const p = new Map<number, string[]>();
  const r = new Map<number, string[]>();
  for (const c of store.orders.allMentionConditions()) {
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
  // Nothing to do when no mention was added, replaced or removed since the last resolve on this store
  // (a --full crawl re-checks hundreds of unchanged releases, each followed by a resolve).
  if (store.orders.resolvedFingerprint === store.orders.fingerprint()) return;
  rebuildOrders(store);
}

/**
 * Rebuild every order from the mentions now, then apply people's corrections over them (a rebuild must
 * never undo a person's work), inside the caller's transaction.
 */
export function rebuildOrders(store: Store): void {
  resolveNow(store);
  applyCorrections(store);
  store.orders.resolvedFingerprint = store.orders.fingerprint();
}

function resolveNow(store: Store): void {
  const q = store.orders;
  const at = new Date().toISOString();
  const mentions = loadMentions(store);
  const prior = new Map(mentions.map((m) => [m.mentionId, m.priorOrderId]));
  const previous = new Map(q.dates().map((o) => [o.order_id, o]));
  const lastSnapshot = new Map(q.latestSnapshotHashes().map((s) => [s.order_id, s.hash]));
  // The run these changes belong to: the one that just stored releases, while it is still running.
  const runId = q.openRunOfLatestEvent();

  const { clusters, links } = clusterMentions(mentions);
  const ids = assignIds(clusters, prior);
  const caseIds = [...ids];
  for (const l of links) if (l.type === 'same_case') caseIds[l.b] = ids[l.a]!; // the interim order names the case

  q.clear();
  clusters.forEach((c, i) => {
    const id = ids[i]!;
    const o = mergeCluster(c);
    const snapshot = snapshotOf(id, caseIds[i]!, o, c);
    const json = JSON.stringify(snapshot);
    const h = hash12(json);
    const changed = lastSnapshot.get(id) !== h;
    const firstSeen = c.members.map((m) => m.mention.firstSeenAt).sort()[0]!;
    const before = previous.get(id);
    q.insert({
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
      first_seen_at: before?.first_seen_at && before.first_seen_at < firstSeen ? before.first_seen_at : firstSeen,
      updated_at: changed || !before ? at : before.updated_at,
    });
    for (const t of o.prohibitions) q.addCondition(id, 'prohibition', t);
    for (const t of o.requirements) q.addCondition(id, 'requirement', t);
    for (const m of c.members) {
      q.assignMention(m.mention.mentionId, id);
      q.addMatchReason({
        order_id: id,
        mention_id: m.mention.mentionId,
        release_id: m.mention.releaseId,
        ordinal: m.mention.ordinal,
        role: m.role,
        matched_mention_id: m.matchedWith?.mentionId ?? null,
        score: m.comparison?.score ?? null,
        agreed: JSON.stringify(m.comparison?.agreed ?? []),
        reason: m.role === 'anchor' ? 'first mention of the order' : m.comparison!.reason,
      });
    }
    if (changed) q.addSnapshot(id, at, json, h, runId);
    lastSnapshot.delete(id);
  });
  for (const l of links) {
    // Stored once, from the earlier stage (interim) or the earlier-anchored order to the other.
    q.addLink(ids[l.a]!, ids[l.b]!, l.type, l.score, l.reason);
  }
  // Orders that no longer exist (merged into another, or their release re-extracted): a tombstone.
  for (const [id, h] of lastSnapshot) if (h !== null) q.addSnapshot(id, at, null, null, runId);
}
