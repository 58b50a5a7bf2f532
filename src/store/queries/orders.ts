// The orders table and what hangs off it: what order resolution (src/orders) reads and rewrites, what
// `spo orders` lists and what `--explain` shows.
import type { OrderScalarRow } from '../../domain/types.ts';
import type { Sql } from '../sql.ts';

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

  matchableMentions(): MatchableMentionRow[] {
    return this.sql.all(
      `SELECT m.mention_id, m.release_id, m.ordinal, m.order_id, m.age, m.sex, m.town, m.town_lat, m.town_lon, m.court,
          m.kind, m.made_on, m.duration, r.force_id, r.published, r.first_seen_at
        FROM order_mentions m JOIN releases r USING (release_id)`,
    );
  }

  /** Every mention's conditions, by term. */
  allMentionConditions(): { mention_id: number; condition_type: string; term: string }[] {
    return this.sql.all('SELECT mention_id, condition_type, term FROM mention_conditions ORDER BY term');
  }

  dates(): { order_id: string; first_seen_at: string; updated_at: string }[] {
    return this.sql.all('SELECT order_id, first_seen_at, updated_at FROM orders');
  }

  /** The hash of each order's latest snapshot (null: a tombstone). */
  latestSnapshotHashes(): { order_id: string; hash: string | null }[] {
    return this.sql.all(
      `SELECT s.order_id, s.hash FROM order_snapshots s
        JOIN (SELECT order_id, max(snapshot_id) AS id FROM order_snapshots GROUP BY order_id) l ON l.id = s.snapshot_id`,
    );
  }

  /** The run that stored the latest release event, while it is still running (null otherwise). */
  openRunOfLatestEvent(): number | null {
    return (
      this.sql.get<{ run_id: number }>(
        `SELECT r.run_id FROM (SELECT run_id FROM release_events ORDER BY event_id DESC LIMIT 1) e
          JOIN crawl_runs r USING (run_id) WHERE r.finished_at IS NULL`,
      )?.run_id ?? null
    );
  }

  /** Delete every order (cascades to order_conditions, order_links, order_match_reasons). */
  clear(): void {
    this.sql.run('DELETE FROM orders');
  }

  insert(o: OrderInsert): void {
    this.sql.run(
      `INSERT INTO orders (order_id, case_id, force_id, age, sex, town, town_lat, town_lon, court, kind,
        made_on, duration, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      o.order_id, o.case_id, o.force_id, o.age, o.sex, o.town, o.town_lat, o.town_lon, o.court, o.kind, o.made_on, o.duration,
      o.first_seen_at, o.updated_at,
    );
  }

  assignMention(mentionId: number, orderId: string): void {
    this.sql.run('UPDATE order_mentions SET order_id = ? WHERE mention_id = ?', orderId, mentionId);
  }

  addCondition(orderId: string, type: 'prohibition' | 'requirement', term: string): void {
    this.sql.run('INSERT OR IGNORE INTO order_conditions (order_id, condition_type, term) VALUES (?, ?, ?)', orderId, type, term);
  }

  addMatchReason(r: MatchReasonInsert): void {
    this.sql.run(
      `INSERT INTO order_match_reasons (order_id, mention_id, release_id, ordinal, role, matched_mention_id, score, agreed, reason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      r.order_id, r.mention_id, r.release_id, r.ordinal, r.role, r.matched_mention_id, r.score, r.agreed, r.reason,
    );
  }

  addLink(orderId: string, otherOrderId: string, type: string, score: number, reason: string): void {
    this.sql.run(
      'INSERT OR REPLACE INTO order_links (order_id, other_order_id, link_type, score, reason) VALUES (?, ?, ?, ?, ?)',
      orderId, otherOrderId, type, score, reason,
    );
  }

  /** Record an order's merged state (data null: the order no longer exists). */
  addSnapshot(orderId: string, at: string, data: string | null, hash: string | null, runId: number | null): void {
    this.sql.run('INSERT INTO order_snapshots (order_id, at, data, hash, run_id) VALUES (?, ?, ?, ?, ?)', orderId, at, data, hash, runId);
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
