// What the outputs read (src/report): the export rows, the totals and breakdowns of `spo stats`, the
// report page, and the full-text search. Reads only.
import type { Sql } from '../sql.ts';

export interface EvidenceRow {
  mention_id: number;
  field: string;
  value: string | null;
  sentence: string;
}

/** A mention linked to an order, with the release it came from. */
export interface OrderMentionRow {
  mention_id: number;
  release_id: string;
  ordinal: number;
  order_id: string | null;
  url: string | null;
  published: string | null;
  release_first_seen: string;
}

export interface ConditionRow {
  id: string | number;
  condition_type: string;
  term: string;
}

export interface SearchRow {
  release_id: string;
  r_title: string | null;
  t_title: string | null;
  force_id: string | null;
  published: string | null;
  url: string | null;
  document_path: string | null;
  snippet: string;
  rank: number;
}

export class ReportQueries {
  constructor(private readonly sql: Sql) {}

  orders(): Record<string, unknown>[] {
    return this.sql.all(`SELECT order_id, case_id, force_id, age, sex, town, town_lat, town_lon, court, kind, made_on, duration,
      first_seen_at, updated_at FROM orders`);
  }

  /** Mentions linked to an order, oldest release first. */
  orderMentions(): OrderMentionRow[] {
    return this.sql.all(`SELECT m.mention_id, m.release_id, m.ordinal, m.order_id, r.url, r.published, r.first_seen_at AS release_first_seen
      FROM order_mentions m JOIN releases r USING (release_id)
      WHERE m.order_id IS NOT NULL
      ORDER BY coalesce(r.published, r.first_seen_at), r.first_seen_at, m.release_id, m.ordinal`);
  }

  orderConditions(): ConditionRow[] {
    return this.sql.all('SELECT order_id AS id, condition_type, term FROM order_conditions');
  }

  mentionConditions(): ConditionRow[] {
    return this.sql.all('SELECT mention_id AS id, condition_type, term FROM mention_conditions');
  }

  /** The evidence of every mention, in insertion order. */
  mentionEvidence(): EvidenceRow[] {
    return this.sql.all('SELECT mention_id, field, value, sentence FROM evidence WHERE mention_id IS NOT NULL ORDER BY evidence_id');
  }

  orderLinks(): { order_id: string; other_order_id: string }[] {
    return this.sql.all('SELECT order_id, other_order_id FROM order_links');
  }

  /** Every release with its revision and mention counts. */
  releases(): Record<string, unknown>[] {
    return this.sql.all(`SELECT r.release_id, r.force_id, r.url, r.title, r.published, r.status, r.is_spo, r.source, r.first_seen_at,
        r.last_seen_at, r.content_hash, r.document_path,
        (SELECT count(*) FROM release_revisions v WHERE v.release_id = r.release_id) AS revision_count,
        (SELECT count(*) FROM order_mentions m WHERE m.release_id = r.release_id) AS mention_count
      FROM releases r`);
  }

  /** (release, order) pairs, by release and mention ordinal. */
  releaseOrders(): { release_id: string; order_id: string }[] {
    return this.sql.all('SELECT release_id, order_id FROM order_mentions WHERE order_id IS NOT NULL ORDER BY release_id, ordinal');
  }

  /** Where each revision's text came from (live, archive, file) and its archived copy, by release and revision. */
  revisionOrigins(): { release_id: string; source: string; archived_url: string | null; archived_at: string | null }[] {
    return this.sql.all('SELECT release_id, source, archived_url, archived_at FROM release_revisions ORDER BY release_id, revision_id');
  }

  /** The sentences that made each release count as about an SPO. */
  spoEvidence(): { release_id: string; sentence: string }[] {
    return this.sql.all("SELECT release_id, sentence FROM evidence WHERE mention_id IS NULL AND field = 'is_spo' ORDER BY evidence_id");
  }

  /** Every mention with its release's force, URL and date. */
  mentions(): Record<string, unknown>[] {
    return this.sql.all(`SELECT m.mention_id, m.release_id, m.ordinal, m.order_id, r.force_id, r.url, r.published,
        m.age, m.sex, m.town, m.town_lat, m.town_lon, m.court, m.kind, m.made_on, m.duration
      FROM order_mentions m JOIN releases r USING (release_id)`);
  }

  /** Releases (kept or seen) and SPO releases per force. */
  releaseCountsByForce(): { force_id: string; releases: number; spo: number }[] {
    return this.sql.all(`SELECT force_id, count(*) AS releases, sum(CASE WHEN is_spo = 1 THEN 1 ELSE 0 END) AS spo
      FROM releases WHERE force_id IS NOT NULL GROUP BY force_id`);
  }

  /** Withdrawn releases (their data kept). */
  withdrawnReleases(): number {
    return this.sql.get<{ n: number }>("SELECT count(*) AS n FROM releases WHERE status = 'withdrawn'")!.n;
  }

  /** The releases that report an order: the report page links to them. */
  sourceReleases(): { release_id: string; title: string | null; url: string | null; published: string | null; document_path: string | null }[] {
    return this.sql.all('SELECT release_id, title, url, published, document_path FROM releases WHERE release_id IN (SELECT release_id FROM order_mentions)');
  }

  /**
   * Full-text search (FTS5) of release titles and text, ranked by bm25 with title matches weighing 5x.
   * An invalid FTS5 query throws SQLite's error.
   */
  search(fts: string, opts: { limit: number; forceId: string | null; hitStart: string; hitEnd: string }): SearchRow[] {
    return this.sql.all(
      `SELECT t.release_id, r.title AS r_title, t.title AS t_title, r.force_id, r.published, r.url, r.document_path,
          snippet(release_text, -1, ?, ?, '…', 14) AS snippet,
          bm25(release_text, 0.0, 5.0, 1.0) AS rank
        FROM release_text t LEFT JOIN releases r ON r.release_id = t.release_id
        WHERE release_text MATCH ? AND (? IS NULL OR r.force_id = ?)
        ORDER BY rank, t.release_id
        LIMIT ?`,
      opts.hitStart, opts.hitEnd, fts, opts.forceId, opts.forceId, opts.limit,
    );
  }
}
