// The orders table and what hangs off it: what order resolution (src/orders) reads and rewrites, what
// `spo orders` lists and what `--explain` shows.
import type { OrderScalarRow } from '../../domain/types.ts';
import type { Sql, SqlParam } from '../sql.ts';

// The columns of an order row and of a match reason, in the order resolution builds them (it compares
// what is stored with what it would write as JSON, so the SELECTs below list them in this order too).
const ORDER_COLUMNS = 'order_id, case_id, force_id, age, sex, town, town_lat, town_lon, court, kind, made_on, duration, first_seen_at, updated_at'.split(', ');
const REASON_COLUMNS = 'order_id, mention_id, release_id, ordinal, role, matched_mention_id, score, agreed, reason'.split(', ');

/** A mention with its release's force and dates: the input of order matching. */
export interface MatchableMentionRow extends OrderScalarRow {
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

export interface OrderInsert extends OrderScalarRow {
  order_id: string;
  case_id: string;
  force_id: string | null;
  town_lat: number | null;
  town_lon: number | null;
  first_seen_at: string;
  updated_at: string;
}

export interface MatchReasonInsert {
  order_id: string;
  mention_id: number;
  release_id: string;
  ordinal: number;
  role: string;
  matched_mention_id: number | null;
  score: number | null;
  /** JSON array of the fields that agreed. */
  agreed: string;
  reason: string;
}

/** One line of `spo orders`. */
export interface OrderListRow extends OrderScalarRow {
  order_id: string;
  case_id: string;
  force_id: string | null;
  mentions: number;
  candidates: number;
  prohibitions: string | null;
  requirements: string | null;
}

export interface OrderLinkRow {
  order_id: string;
  other_order_id: string;
  link_type: string;
  score: number | null;
  reason: string | null;
}

/** A mention merged into an order, why, and the release that reports it. */
export interface MatchReasonRow extends OrderScalarRow {
  mention_id: number;
  release_id: string;
  ordinal: number;
  role: string;
  matched_mention_id: number | null;
  score: number | null;
  agreed: string;
  reason: string | null;
  title: string | null;
  url: string | null;
  published: string | null;
  status: string;
}

export class OrderQueries {
  /**
   * The mentions fingerprint (see fingerprint()) the orders were last rebuilt from on this connection:
   * nothing to do while it has not changed (a --full crawl re-checks hundreds of unchanged releases).
   */
  resolvedFingerprint: string | null = null;

  constructor(private readonly sql: Sql) {}

  /** Changes whenever a mention is added, replaced or removed, or the orders are cleared. */
  fingerprint(): string {
    return this.sql.get<{ fp: string }>(
      `SELECT (SELECT count(*) || ':' || coalesce(max(mention_id), 0) FROM order_mentions) || ':' ||
        (SELECT coalesce(max(history_id), 0) FROM mention_history) || ':' || (SELECT count(*) FROM orders) AS fp`,
    )!.fp;
  }

  /**
   * The forces whose orders are out of date: a mention not yet in an order (new, or re-extracted), or an
   * order one of whose mentions is gone or now in another order.
   */
  forcesToResolve(): (string | null)[] {
    return this.sql.all<{ force_id: string | null }>(
      `SELECT r.force_id FROM order_mentions m JOIN releases r USING (release_id) WHERE m.order_id IS NULL
       UNION
       SELECT o.force_id FROM order_match_reasons x JOIN orders o USING (order_id)
         LEFT JOIN order_mentions m ON m.mention_id = x.mention_id
         WHERE m.mention_id IS NULL OR m.order_id IS NOT x.order_id`,
    ).map((r) => r.force_id);
  }

  /** Every force with mentions or orders. */
  allOrderForces(): (string | null)[] {
    return this.sql.all<{ force_id: string | null }>(
      'SELECT r.force_id FROM order_mentions m JOIN releases r USING (release_id) UNION SELECT force_id FROM orders',
    ).map((r) => r.force_id);
  }

  matchableMentions(forceId: string | null): MatchableMentionRow[] {
    return this.sql.all(
      `SELECT m.mention_id, m.release_id, m.ordinal, m.order_id, m.age, m.sex, m.town, m.town_lat, m.town_lon, m.court,
          m.kind, m.made_on, m.duration, r.force_id, r.published, r.first_seen_at
        FROM order_mentions m JOIN releases r USING (release_id) WHERE r.force_id IS ?`,
      forceId,
    );
  }

  mentionConditionsOfForce(forceId: string | null): { mention_id: number; condition_type: string; term: string }[] {
    return this.sql.all(
      `SELECT c.mention_id, c.condition_type, c.term FROM mention_conditions c JOIN order_mentions m USING (mention_id)
        JOIN releases r USING (release_id) WHERE r.force_id IS ? ORDER BY c.term`,
      forceId,
    );
  }

  /** The orders of a force, and any order its mentions are in. */
  ordersOfForce(forceId: string | null): { order_id: string; first_seen_at: string; updated_at: string }[] {
    return this.sql.all(
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
    for (const row of this.sql.all<Record<string, unknown>>(`SELECT order_id, case_id, force_id, age, sex, town, town_lat, town_lon, court, kind, made_on, duration, first_seen_at, updated_at FROM orders WHERE order_id IN (SELECT value FROM json_each(?))`, json)) {
      out.set(row.order_id as string, { row, conditions: [], reasons: [] });
    }
    for (const c of this.sql.all<{ order_id: string; t: string }>(
      "SELECT order_id, condition_type || ':' || term AS t FROM order_conditions WHERE order_id IN (SELECT value FROM json_each(?))",
      json,
    )) {
      out.get(c.order_id)?.conditions.push(c.t);
    }
    for (const r of this.sql.all<Record<string, unknown>>(`SELECT order_id, mention_id, release_id, ordinal, role, matched_mention_id, score, agreed, reason FROM order_match_reasons WHERE order_id IN (SELECT value FROM json_each(?))`, json)) {
      out.get(r.order_id as string)?.reasons.push(r);
    }
    return out;
  }

  latestSnapshotHashes(ids: string[]): { order_id: string; hash: string | null }[] {
    return this.sql.all(
      `SELECT s.order_id, s.hash FROM order_snapshots s
        JOIN (SELECT order_id, max(snapshot_id) AS id FROM order_snapshots WHERE order_id IN (SELECT value FROM json_each(?)) GROUP BY order_id) l
        ON l.id = s.snapshot_id`,
      JSON.stringify(ids),
    );
  }

  allOrderIds(): string[] {
    return this.sql.all<{ order_id: string }>('SELECT order_id FROM orders').map((r) => r.order_id);
  }

  openRunOfLatestEvent(): number | null {
    return (
      this.sql.get<{ run_id: number }>(
        `SELECT r.run_id FROM (SELECT run_id FROM release_events ORDER BY event_id DESC LIMIT 1) e
          JOIN crawl_runs r USING (run_id) WHERE r.finished_at IS NULL`,
      )?.run_id ?? null
    );
  }

  /** Delete an order (cascades to its conditions, links and match reasons; its mentions are left unassigned). */
  remove(orderId: string): void {
    this.sql.run('DELETE FROM orders WHERE order_id = ?', orderId);
  }

  insert(o: OrderInsert): void {
    this.sql.run(
      `INSERT INTO orders (order_id, case_id, force_id, age, sex, town, town_lat, town_lon, court, kind, made_on, duration, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ...ORDER_COLUMNS.map((c) => (o as unknown as Record<string, SqlParam>)[c] ?? null),
    );
  }

  assignMention(mentionId: number, orderId: string): void {
    this.sql.run('UPDATE order_mentions SET order_id = ? WHERE mention_id = ?', orderId, mentionId);
  }

  addCondition(orderId: string, type: 'prohibition' | 'requirement', term: string): void {
    this.sql.run('INSERT OR IGNORE INTO order_conditions (order_id, condition_type, term) VALUES (?, ?, ?)', orderId, type, term);
  }

  addMatchReason(r: MatchReasonInsert): void {
    this.sql.run(`INSERT INTO order_match_reasons (order_id, mention_id, release_id, ordinal, role, matched_mention_id, score, agreed, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, ...REASON_COLUMNS.map((c) => (r as unknown as Record<string, SqlParam>)[c] ?? null));
  }

  /** The links of a force's orders. */
  linksOfForce(forceId: string | null): { order_id: string; other_order_id: string; link_type: string; score: number | null; reason: string | null }[] {
    return this.sql.all(
      'SELECT l.order_id, l.other_order_id, l.link_type, l.score, l.reason FROM order_links l JOIN orders o ON o.order_id = l.order_id WHERE o.force_id IS ?',
      forceId,
    );
  }

  addLink(orderId: string, otherOrderId: string, type: string, score: number, reason: string): void {
    this.sql.run('INSERT OR REPLACE INTO order_links (order_id, other_order_id, link_type, score, reason) VALUES (?, ?, ?, ?, ?)', orderId, otherOrderId, type, score, reason);
  }

  removeLink(orderId: string, otherOrderId: string, type: string): void {
    this.sql.run('DELETE FROM order_links WHERE order_id = ? AND other_order_id = ? AND link_type = ?', orderId, otherOrderId, type);
  }

  addSnapshot(orderId: string, at: string, data: string | null, hash: string | null, runId: number | null): void {
    this.sql.run('INSERT INTO order_snapshots (order_id, at, data, hash, run_id) VALUES (?, ?, ?, ?, ?)', orderId, at, data, hash, runId);
  }

  /** How many links there are (the benchmark's figure). */
  linkCount(): number {
    return this.sql.get<{ n: number }>('SELECT count(*) AS n FROM order_links')!.n;
  }

  // ---- reading one order -------------------------------------------------------------------

  exists(orderId: string): boolean {
    return !!this.sql.get('SELECT order_id FROM orders WHERE order_id = ?', orderId);
  }

  /** Ids starting with prefix (at most 20). */
  idsByPrefix(prefix: string): string[] {
    return this.sql
      .all<{ order_id: string }>("SELECT order_id FROM orders WHERE order_id LIKE ? ESCAPE '\\' ORDER BY order_id LIMIT 20", `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      .map((r) => r.order_id);
  }

  order(orderId: string): (Record<string, unknown> & { order_id: string; case_id: string }) | undefined {
    return this.sql.get('SELECT * FROM orders WHERE order_id = ?', orderId);
  }

  conditions(orderId: string): { condition_type: string; term: string }[] {
    return this.sql.all('SELECT condition_type, term FROM order_conditions WHERE order_id = ? ORDER BY term', orderId);
  }

  /** The mentions merged into an order and why: the anchor first, then by when first seen. */
  matchReasons(orderId: string): MatchReasonRow[] {
    return this.sql.all(
      `SELECT x.mention_id, x.release_id, x.ordinal, x.role, x.matched_mention_id, x.score, x.agreed, x.reason,
          r.title, r.url, r.published, r.status, m.age, m.sex, m.town, m.court, m.kind, m.made_on, m.duration
        FROM order_match_reasons x JOIN releases r USING (release_id) LEFT JOIN order_mentions m ON m.mention_id = x.mention_id
        WHERE x.order_id = ? ORDER BY x.role = 'merged', r.first_seen_at, x.release_id, x.ordinal`,
      orderId,
    );
  }

  /** A mention's conditions as "type:term". */
  mentionConditionTerms(mentionId: number): string[] {
    return this.sql
      .all<{ t: string }>("SELECT condition_type || ':' || term AS t FROM mention_conditions WHERE mention_id = ? ORDER BY condition_type, term", mentionId)
      .map((c) => c.t);
  }

  links(orderId: string): OrderLinkRow[] {
    return this.sql.all('SELECT * FROM order_links WHERE order_id = ? OR other_order_id = ? ORDER BY link_type, score DESC', orderId, orderId);
  }

  caseOrders(caseId: string): { order_id: string; kind: string | null; made_on: string | null }[] {
    return this.sql.all('SELECT order_id, kind, made_on FROM orders WHERE case_id = ? ORDER BY made_on, order_id', caseId);
  }

  /** Every order (or a force's), with its mention and candidate-link counts and its conditions. */
  list(forceId?: string): OrderListRow[] {
    return this.sql.all(
      `SELECT o.order_id, o.case_id, o.force_id, o.age, o.sex, o.town, o.court, o.kind, o.made_on, o.duration,
          (SELECT count(*) FROM order_mentions m WHERE m.order_id = o.order_id) AS mentions,
          (SELECT count(*) FROM order_links l WHERE l.link_type = 'candidate' AND (l.order_id = o.order_id OR l.other_order_id = o.order_id)) AS candidates,
          (SELECT group_concat(term, ' ') FROM order_conditions c WHERE c.order_id = o.order_id AND c.condition_type = 'prohibition') AS prohibitions,
          (SELECT group_concat(term, ' ') FROM order_conditions c WHERE c.order_id = o.order_id AND c.condition_type = 'requirement') AS requirements
        FROM orders o ${forceId ? 'WHERE o.force_id = ?' : ''}
        ORDER BY o.force_id, coalesce(o.made_on, ''), o.order_id`,
      ...(forceId ? [forceId] : []),
    );
  }
}
