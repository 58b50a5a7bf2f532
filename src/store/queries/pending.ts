// The pages a crawl could not finish (table crawl_pending, migration 12): to fetch again next run, or
// (refused) not to request again. The pipeline writes them in the transaction that stores the page.
import type { Sql } from '../sql.ts';

export type PendingState = 'retry' | 'refused';

/** A page as its source listed it. */
export interface PendingPageInput {
  /** Canonical URL (the key). */
  url: string;
  /** The URL as listed: what is fetched again. */
  listedUrl: string;
  title: string;
  published: string | null;
}

export interface PendingRow {
  force_id: string;
  url: string;
  listed_url: string;
  title: string;
  published: string | null;
  state: PendingState;
  failures: number;
  reason: string | null;
}

const now = (): string => new Date().toISOString();

export class PendingQueries {
  constructor(private readonly sql: Sql) {}

  /** A force's pending pages, oldest first. */
  ofForce(forceId: string): PendingRow[] {
    return this.sql.all<PendingRow>(
      'SELECT force_id, url, listed_url, title, published, state, failures, reason FROM crawl_pending WHERE force_id = ? ORDER BY first_at, url',
      forceId,
    );
  }

  /**
   * The page is to be fetched again; `counts`: the failure was the site's (fetch, read), and counts
   * towards giving up on it. Returns the failures counted so far.
   */
  retry(forceId: string, page: PendingPageInput, reason: string, runId: number | null, counts: boolean): number {
    const at = now();
    const n = counts ? 1 : 0;
    this.sql.run(
      `INSERT INTO crawl_pending (force_id, url, listed_url, title, published, state, failures, reason, first_at, last_at, run_id)
        VALUES (?, ?, ?, ?, ?, 'retry', ?, ?, ?, ?, ?)
        ON CONFLICT(force_id, url) DO UPDATE SET listed_url = excluded.listed_url, title = excluded.title,
          published = coalesce(excluded.published, crawl_pending.published), state = 'retry',
          failures = CASE crawl_pending.state WHEN 'retry' THEN crawl_pending.failures ELSE 0 END + ?,
          reason = excluded.reason, last_at = excluded.last_at, run_id = excluded.run_id`,
      forceId, page.url, page.listedUrl, page.title, page.published, n, reason, at, at, runId, n,
    );
    return this.sql.get<{ failures: number }>('SELECT failures FROM crawl_pending WHERE force_id = ? AND url = ?', forceId, page.url)!.failures;
  }

  /** The page is not to be requested again by incremental runs (it was cut off at the size cap). */
  refuse(forceId: string, page: PendingPageInput, reason: string, runId: number | null): void {
    const at = now();
    this.sql.run(
      `INSERT INTO crawl_pending (force_id, url, listed_url, title, published, state, failures, reason, first_at, last_at, run_id)
        VALUES (?, ?, ?, ?, ?, 'refused', 0, ?, ?, ?, ?)
        ON CONFLICT(force_id, url) DO UPDATE SET state = 'refused', failures = 0, reason = excluded.reason,
          last_at = excluded.last_at, run_id = excluded.run_id`,
      forceId, page.url, page.listedUrl, page.title, page.published, reason, at, at, runId,
    );
  }

  /** The pages were read (stored, seen, gone): nothing pending any more. */
  forget(forceId: string, urls: readonly string[]): void {
    for (const u of urls) this.sql.run('DELETE FROM crawl_pending WHERE force_id = ? AND url = ?', forceId, u);
  }

  /** Pages to retry from an older version's crawl-state/<force>.pending.json (kept as they were, failures and all). */
  importRetries(forceId: string, pages: readonly (PendingPageInput & { failures: number })[]): number {
    const at = now();
    let n = 0;
    for (const p of pages) {
      n += this.sql.run(
        `INSERT INTO crawl_pending (force_id, url, listed_url, title, published, state, failures, reason, first_at, last_at)
          VALUES (?, ?, ?, ?, ?, 'retry', ?, ?, ?, ?) ON CONFLICT(force_id, url) DO NOTHING`,
        forceId, p.url, p.listedUrl, p.title, p.published, p.failures, 'from an earlier crawl-state/*.pending.json', at, at,
      ).changes;
    }
    return n;
  }
}
