// What the Atom feed reads: each order with the release it came from (its earliest report), the latest
// report of it, its conditions and its force's name. Read-only.
import type { Store } from '../index.ts';
import type { OrderScalarRow } from '../../domain/types.ts';

export interface FeedOrderRow extends OrderScalarRow {
  order_id: string;
  force_id: string | null;
  force_name: string | null;
  first_seen_at: string;
  /** The release the order came from: the earliest report of it (by publication, then first seen). */
  release_id: string;
  release_url: string | null;
  release_title: string | null;
  release_published: string | null;
  release_first_seen_at: string;
  /** The newest publication date among every release reporting the order. */
  last_reported: string | null;
  /** JSON arrays of terms. */
  prohibitions: string;
  requirements: string;
}

/**
 * Orders for the feed, newest first by the publication of the release they came from: those first seen
 * or first published on or after `since` (null: all), at most `limit` (null: no limit), one force or all.
 */
export function feedOrders(store: Store, opts: { since: string | null; limit: number | null; forceId?: string | null }): FeedOrderRow[] {
  return store.db
    .prepare(
      `WITH source AS (
         SELECT m.order_id, r.release_id, r.url, r.title, r.published, r.first_seen_at,
           row_number() OVER (PARTITION BY m.order_id ORDER BY coalesce(r.published, r.first_seen_at), r.first_seen_at, m.release_id, m.ordinal) AS n,
           max(coalesce(r.published, r.first_seen_at)) OVER (PARTITION BY m.order_id) AS last_reported
         FROM order_mentions m JOIN releases r ON r.release_id = m.release_id
         WHERE m.order_id IS NOT NULL)
       SELECT o.order_id, o.force_id, f.name AS force_name, o.age, o.sex, o.town, o.court, o.kind, o.made_on, o.duration,
         o.first_seen_at, s.release_id, s.url AS release_url, s.title AS release_title, s.published AS release_published,
         s.first_seen_at AS release_first_seen_at, s.last_reported,
         (SELECT json_group_array(term) FROM (SELECT term FROM order_conditions c WHERE c.order_id = o.order_id
           AND c.condition_type = 'prohibition' ORDER BY term)) AS prohibitions,
         (SELECT json_group_array(term) FROM (SELECT term FROM order_conditions c WHERE c.order_id = o.order_id
           AND c.condition_type = 'requirement' ORDER BY term)) AS requirements
       FROM orders o JOIN source s ON s.order_id = o.order_id AND s.n = 1
       LEFT JOIN forces f ON f.force_id = o.force_id
       WHERE (@force IS NULL OR o.force_id = @force)
         AND (@since IS NULL OR o.first_seen_at >= @since OR coalesce(s.published, s.first_seen_at) >= @since)
       ORDER BY coalesce(s.published, s.first_seen_at) DESC, o.first_seen_at DESC, o.order_id
       LIMIT coalesce(@limit, -1)`,
    )
    .all({ force: opts.forceId ?? null, since: opts.since, limit: opts.limit }) as FeedOrderRow[];
}

/** Forces that have at least one order: one feed each. */
export function forcesWithOrders(store: Store): { force_id: string; name: string | null }[] {
  return store.db
    .prepare(`SELECT DISTINCT o.force_id, f.name FROM orders o LEFT JOIN forces f ON f.force_id = o.force_id
      WHERE o.force_id IS NOT NULL ORDER BY o.force_id`)
    .all() as { force_id: string; name: string | null }[];
}
