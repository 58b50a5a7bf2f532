// The claims table: figures the releases state about SPOs (src/extract/claims.ts), each with its
// release, revision, evidence sentence and the date it speaks of. Writes happen inside the store's
// per-release transaction (replaceMentions); reads feed `spo export claims` and `spo coverage`.
import { forceByName } from '../../domain/forces.ts';
import type { ClaimMention } from '../../domain/types.ts';
import type { Sql } from '../sql.ts';

/** A stored claim with its release, as the claims export and coverage read it. */
export interface ClaimRow {
  release_id: string;
  ordinal: number;
  force_id: string | null;
  measure: string;
  count: number;
  as_of: string | null;
  as_of_source: string | null;
  sentence: string;
  char_start: number;
  char_end: number;
  published: string | null;
  url: string | null;
  release_status: string;
}

/** One order of the record for coverage: its force, its case (one person), its date. */
export interface CoverageOrderRow {
  force_id: string | null;
  case_id: string;
  order_date: string | null;
}

export class ClaimQueries {
  constructor(private readonly sql: Sql) {}

  /** Replace a release's claims (call inside the release's transaction). */
  replace(releaseId: string, revisionId: number | null, claims: readonly ClaimMention[]): void {
    this.sql.run('DELETE FROM claims WHERE release_id = ?', releaseId);
    const insert = this.sql.stmt(`INSERT INTO claims (release_id, revision_id, ordinal, force_id, measure, count, as_of, as_of_source,
      sentence, char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    claims.forEach((c, i) => {
      // Claims name forces by official name; the database keys forces by id.
      const forceId = c.force === null ? null : (forceByName(c.force)?.id ?? null);
      insert.run(releaseId, revisionId, i, forceId, c.measure, c.count, c.as_of, c.as_of_source, c.evidence.sentence, c.evidence.start, c.evidence.end);
    });
  }

  /** Every stored claim with its release, by release publication date, then position in the release. */
  all(): ClaimRow[] {
    return this.sql.all<ClaimRow>(`SELECT c.release_id, c.ordinal, c.force_id, c.measure, c.count, c.as_of, c.as_of_source, c.sentence,
        c.char_start, c.char_end, r.published, r.url, r.status AS release_status
      FROM claims c JOIN releases r ON r.release_id = c.release_id
      ORDER BY coalesce(r.published, r.first_seen_at), c.release_id, c.ordinal`);
  }

  /** The orders of the record with the date coverage compares (made_on, else the first publication date). */
  coverageOrders(): CoverageOrderRow[] {
    return this.sql.all<CoverageOrderRow>('SELECT force_id, case_id, order_date FROM orders_flat');
  }
}
