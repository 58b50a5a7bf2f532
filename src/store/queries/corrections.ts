// People's corrections of orders (order_corrections) and what order resolution needs to apply them over
// a rebuild: find the order again, set a field, remove an order, merge two. Also the review list: orders
// extraction itself was unsure of.
import type { Sql } from '../sql.ts';

export const CORRECTION_ACTIONS = ['set', 'remove', 'merge'] as const;
export type CorrectionAction = (typeof CORRECTION_ACTIONS)[number];

export interface CorrectionRow {
  correction_id: number;
  order_id: string;
  anchor: string | null;
  action: CorrectionAction;
  field: string | null;
  /** JSON: the value set, or {order_id, anchor} of the order merged into. */
  value: string | null;
  note: string | null;
  created_at: string;
  undone_at: string | null;
  applied_to: string | null;
}

/** What a person's correction is made of; the store adds its id, time and what it was applied to. */
export type CorrectionInsert = Pick<CorrectionRow, 'order_id' | 'anchor' | 'action' | 'field' | 'value' | 'note'>;

/** One line of `spo orders --review`: an order with a mention extraction flagged, and why. */
export interface ReviewRow {
  order_id: string;
  force_id: string | null;
  kind: string | null;
  made_on: string | null;
  town: string | null;
  /** The lowest confidence among its mentions. */
  confidence: number | null;
  /** JSON: an array of reason arrays, one per flagged mention. */
  reasons: string;
  mentions: number;
}

/** The statement that sets each column a correction may set (written out: no SQL is built from a value). */
const SET_COLUMN: Record<string, string> = {
  age: 'UPDATE orders SET age = ?, updated_at = ? WHERE order_id = ?',
  sex: 'UPDATE orders SET sex = ?, updated_at = ? WHERE order_id = ?',
  town: 'UPDATE orders SET town = ?, town_lat = NULL, town_lon = NULL, updated_at = ? WHERE order_id = ?',
  court: 'UPDATE orders SET court = ?, updated_at = ? WHERE order_id = ?',
  kind: 'UPDATE orders SET kind = ?, updated_at = ? WHERE order_id = ?',
  made_on: 'UPDATE orders SET made_on = ?, updated_at = ? WHERE order_id = ?',
  duration: 'UPDATE orders SET duration = ?, updated_at = ? WHERE order_id = ?',
  force_id: 'UPDATE orders SET force_id = ?, updated_at = ? WHERE order_id = ?',
};

export class CorrectionQueries {
  constructor(private readonly sql: Sql) {}

  add(c: CorrectionInsert, at: string): number {
    return Number(
      this.sql.run(
        `INSERT INTO order_corrections (order_id, anchor, action, field, value, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        c.order_id, c.anchor, c.action, c.field, c.value, c.note, at,
      ).lastInsertRowid,
    );
  }

  /** Every correction, oldest first (undone ones too: the list is the history). */
  all(): CorrectionRow[] {
    return this.sql.all('SELECT * FROM order_corrections ORDER BY correction_id');
  }

  /** Corrections in force, in the order they were made (a later one wins). */
  active(): CorrectionRow[] {
    return this.sql.all('SELECT * FROM order_corrections WHERE undone_at IS NULL ORDER BY correction_id');
  }

  get(id: number): CorrectionRow | undefined {
    return this.sql.get('SELECT * FROM order_corrections WHERE correction_id = ?', id);
  }

  /** Corrections in force on an order as it stands now. */
  appliedTo(orderId: string): CorrectionRow[] {
    return this.sql.all('SELECT * FROM order_corrections WHERE applied_to = ? AND undone_at IS NULL ORDER BY correction_id', orderId);
  }

  /** Every correction in force, by the order it applies to now. */
  appliedByOrder(): CorrectionRow[] {
    return this.sql.all('SELECT * FROM order_corrections WHERE applied_to IS NOT NULL AND undone_at IS NULL ORDER BY correction_id');
  }

  markUndone(id: number, at: string): boolean {
    return this.sql.run('UPDATE order_corrections SET undone_at = ? WHERE correction_id = ? AND undone_at IS NULL', at, id).changes > 0;
  }

  markApplied(id: number, orderId: string | null): void {
    this.sql.run('UPDATE order_corrections SET applied_to = ? WHERE correction_id = ?', orderId, id);
  }

  /** The order id as it stands: the id itself if it still exists, else the order now holding the anchor mention. */
  currentOrderId(orderId: string, anchor: string | null): string | null {
    if (this.sql.get('SELECT 1 FROM orders WHERE order_id = ?', orderId)) return orderId;
    if (!anchor) return null;
    const hash = anchor.lastIndexOf('#');
    return (
      this.sql.get<{ order_id: string | null }>(
        'SELECT order_id FROM order_mentions WHERE release_id = ? AND ordinal = ? AND order_id IS NOT NULL',
        anchor.slice(0, hash),
        Number(anchor.slice(hash + 1)),
      )?.order_id ?? null
    );
  }

  /** The mention an order is anchored on (its earliest report), to find it again after a rebuild. */
  anchorOf(orderId: string): string | null {
    const r = this.sql.get<{ release_id: string; ordinal: number }>(
      `SELECT m.release_id, m.ordinal FROM order_mentions m JOIN releases r USING (release_id)
        WHERE m.order_id = ? ORDER BY coalesce(r.published, r.first_seen_at), r.first_seen_at, m.release_id, m.ordinal LIMIT 1`,
      orderId,
    );
    return r ? `${r.release_id}#${r.ordinal}` : null;
  }

  setScalar(orderId: string, column: string, value: string | number | null, at: string): void {
    const sql = SET_COLUMN[column];
    if (!sql) throw new Error(`not a correctable column: ${column}`);
    this.sql.run(sql, value, at, orderId);
  }

  setConditions(orderId: string, type: 'prohibition' | 'requirement', terms: readonly string[], at: string): void {
    this.sql.run('DELETE FROM order_conditions WHERE order_id = ? AND condition_type = ?', orderId, type);
    for (const t of terms) {
      this.sql.run('INSERT OR IGNORE INTO order_conditions (order_id, condition_type, term) VALUES (?, ?, ?)', orderId, type, t);
    }
    this.sql.run('UPDATE orders SET updated_at = ? WHERE order_id = ?', at, orderId);
  }

  /** Remove an order (its mentions stay, unlinked; its conditions, links and reasons go with it). */
  remove(orderId: string): void {
    this.sql.run('UPDATE order_mentions SET order_id = NULL WHERE order_id = ?', orderId);
    this.sql.run('DELETE FROM orders WHERE order_id = ?', orderId);
  }

  /**
   * Merge order `from` into `into`: its mentions, conditions and match reasons move over, fields `into`
   * lacks are filled from `from`, and `from` is deleted.
   */
  merge(from: string, into: string, at: string): void {
    this.sql.run('UPDATE order_mentions SET order_id = ? WHERE order_id = ?', into, from);
    this.sql.run(
      `INSERT OR IGNORE INTO order_conditions (order_id, condition_type, term)
        SELECT ?, condition_type, term FROM order_conditions WHERE order_id = ?`,
      into, from,
    );
    this.sql
      .stmt(
        `UPDATE orders SET
          age = coalesce(age, (SELECT age FROM orders WHERE order_id = @from)),
          sex = coalesce(sex, (SELECT sex FROM orders WHERE order_id = @from)),
          town = coalesce(town, (SELECT town FROM orders WHERE order_id = @from)),
          town_lat = coalesce(town_lat, (SELECT town_lat FROM orders WHERE order_id = @from)),
          town_lon = coalesce(town_lon, (SELECT town_lon FROM orders WHERE order_id = @from)),
          court = coalesce(court, (SELECT court FROM orders WHERE order_id = @from)),
          kind = coalesce(kind, (SELECT kind FROM orders WHERE order_id = @from)),
          made_on = coalesce(made_on, (SELECT made_on FROM orders WHERE order_id = @from)),
          duration = coalesce(duration, (SELECT duration FROM orders WHERE order_id = @from)),
          updated_at = @at
        WHERE order_id = @into`,
      )
      .run({ from, into, at });
    this.sql.run(
      `UPDATE OR IGNORE order_match_reasons SET order_id = ?, role = 'merged', reason = 'merged by a correction'
        WHERE order_id = ?`,
      into, from,
    );
    this.sql.run('DELETE FROM orders WHERE order_id = ?', from);
  }

  /**
   * Orders a person should check: a mention extraction flagged (reasons) or trusted little (below
   * minConfidence), and no correction made on the order since. Least confident first.
   */
  review(minConfidence: number): ReviewRow[] {
    return this.sql.all(
      `SELECT o.order_id, o.force_id, o.kind, o.made_on, o.town,
          min(m.confidence) AS confidence,
          json_group_array(json(m.review_reasons)) FILTER (WHERE m.review_reasons IS NOT NULL) AS reasons,
          count(m.mention_id) AS mentions
        FROM orders o JOIN order_mentions m ON m.order_id = o.order_id
        WHERE NOT EXISTS (SELECT 1 FROM order_corrections c WHERE c.applied_to = o.order_id AND c.undone_at IS NULL)
        GROUP BY o.order_id
        HAVING max(m.review_reasons IS NOT NULL) = 1 OR min(m.confidence) < ?
        ORDER BY min(m.confidence), o.order_id`,
      minConfidence,
    );
  }
}
