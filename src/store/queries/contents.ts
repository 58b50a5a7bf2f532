// Everything a run decided, read whole: the releases and their texts, the extracted mentions with their
// conditions and evidence, and the orders. bench/compare-dbs.ts compares two databases with it.
import type { OrderScalarRow } from '../../domain/types.ts';
import type { Sql } from '../sql.ts';

export interface DatabaseContents {
  releases: {
    release_id: string;
    force_id: string | null;
    url: string | null;
    title: string | null;
    published: string | null;
    status: string;
    is_spo: number | null;
    source: string;
    content_hash: string | null;
    document_path: string | null;
  }[];
  revisions: { release_id: string; content_hash: string; front_matter: string; body: string }[];
  mentions: (OrderScalarRow & {
    mention_id: number;
    release_id: string;
    ordinal: number;
    order_id: string | null;
    town_lat: number | null;
    town_lon: number | null;
  })[];
  mentionConditions: { mention_id: number; condition_type: string; term: string }[];
  /** mention_id null: evidence for the release (force, published, is_spo). */
  evidence: { release_id: string; mention_id: number | null; field: string; value: string | null; sentence: string; char_start: number; char_end: number }[];
  orders: (OrderScalarRow & { order_id: string; case_id: string; force_id: string | null; town_lat: number | null; town_lon: number | null })[];
  orderConditions: { order_id: string; condition_type: string; term: string }[];
  orderLinks: { order_id: string; other_order_id: string; link_type: string; score: number | null; reason: string | null }[];
}

export function readContents(sql: Sql): DatabaseContents {
  return {
    releases: sql.all(
      'SELECT release_id, force_id, url, title, published, status, is_spo, source, content_hash, document_path FROM releases ORDER BY release_id',
    ),
    revisions: sql.all('SELECT release_id, content_hash, front_matter, body FROM release_revisions ORDER BY release_id, revision_id'),
    mentions: sql.all(
      `SELECT mention_id, release_id, ordinal, order_id, age, sex, town, town_lat, town_lon, court, kind, made_on, duration
        FROM order_mentions ORDER BY release_id, ordinal`,
    ),
    mentionConditions: sql.all('SELECT mention_id, condition_type, term FROM mention_conditions ORDER BY mention_id, condition_type, term'),
    evidence: sql.all('SELECT release_id, mention_id, field, value, sentence, char_start, char_end FROM evidence ORDER BY evidence_id'),
    orders: sql.all(
      `SELECT order_id, case_id, force_id, age, sex, town, town_lat, town_lon, court, kind, made_on, duration FROM orders ORDER BY order_id`,
    ),
    orderConditions: sql.all('SELECT order_id, condition_type, term FROM order_conditions ORDER BY order_id, condition_type, term'),
    orderLinks: sql.all('SELECT order_id, other_order_id, link_type, score, reason FROM order_links ORDER BY order_id, other_order_id'),
  };
}
