// Orders counted once. Placeholder resolution: each mention is its own order.
// (Issue 5 replaces this with conservative cross-release matching.)
import { createHash } from 'node:crypto';
import type { Store } from '../store/index.ts';

interface MentionRow {
  mention_id: number;
  release_id: string;
  ordinal: number;
  force_id: string | null;
  age: number | null;
  sex: string | null;
  town: string | null;
  town_lat: number | null;
  town_lon: number | null;
  court: string | null;
  kind: string | null;
  made_on: string | null;
  duration: string | null;
  first_seen_at: string;
}

/** Rebuild the orders table from the mentions, inside the caller's transaction. */
export function resolveOrders(store: Store): void {
  const db = store.db;
  const mentions = db
    .prepare(`SELECT m.*, r.force_id, r.first_seen_at FROM order_mentions m JOIN releases r USING (release_id)
      ORDER BY r.first_seen_at, m.release_id, m.ordinal`)
    .all() as MentionRow[];
  db.prepare('DELETE FROM orders').run();
  const insert = db.prepare(`INSERT INTO orders (order_id, case_id, force_id, age, sex, town, town_lat, town_lon, court, kind,
    made_on, duration, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const link = db.prepare('UPDATE order_mentions SET order_id = ? WHERE mention_id = ?');
  const conds = db.prepare(`INSERT OR IGNORE INTO order_conditions (order_id, condition_type, term)
    SELECT ?, condition_type, term FROM mention_conditions WHERE mention_id = ?`);
  const at = new Date().toISOString();
  for (const m of mentions) {
    const id = createHash('sha256').update(`${m.release_id}#${m.ordinal}`).digest('hex').slice(0, 12);
    insert.run(id, id, m.force_id, m.age, m.sex, m.town, m.town_lat, m.town_lon, m.court, m.kind, m.made_on, m.duration, m.first_seen_at, at);
    link.run(id, m.mention_id);
    conds.run(id, m.mention_id);
  }
}
