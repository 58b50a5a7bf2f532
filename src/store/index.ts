// The SQLite store: the source of truth between runs. Public entry of the store stage.
import Database from 'better-sqlite3';
import type { Extraction, OrderScalarRow, ReleaseFrontMatter, ReleaseStatus } from '../domain/types.ts';
import type { ForceRunSummary, RunStatus } from '../domain/run.ts';
import { migrate } from './migrations.ts';
import { DEFAULT_DB_PATH, prepareDatabasePath, readOnlyName } from './open.ts';
import { ClaimQueries } from './queries/claims.ts';
import { type DatabaseContents, readContents } from './queries/contents.ts';
import { DiffQueries } from './queries/diff.ts';
import { CorrectionQueries } from './queries/corrections.ts';
import { OrderQueries } from './queries/orders.ts';
import { PendingQueries } from './queries/pending.ts';
import { ReportQueries } from './queries/report.ts';
import { Sql } from './sql.ts';

export { MIGRATIONS } from './migrations.ts';
export { DEFAULT_DB_PATH, prepareDatabasePath } from './open.ts';
export type { DatabaseContents } from './queries/contents.ts';
export type { ChangeWindow, ReleaseEventRow, RunRow } from './queries/diff.ts';
export type { CorrectionAction, CorrectionRow, ReviewRow } from './queries/corrections.ts';
export type { MatchableMentionRow, MatchReasonRow, OrderLinkRow, OrderListRow } from './queries/orders.ts';
export type { EvidenceRow, OrderMentionRow, SearchRow } from './queries/report.ts';
export type { ClaimRow, CoverageOrderRow } from './queries/claims.ts';
export type { PendingPageInput, PendingRow, PendingState } from './queries/pending.ts';

export type ReleaseEvent = 'new' | 'changed' | 'unchanged' | 'gone';

/** One release to store: its identity, its text, and (for SPO releases) what extraction found. */
export interface ReleaseInput {
  releaseId: string;
  forceId: string | null;
  url: string | null;
  title: string | null;
  published: string | null;
  frontMatter: ReleaseFrontMatter;
  body: string;
  contentHash: string;
  documentPath: string | null;
  /** ingest: a file; crawl: the force's live site; archive: a web archive's capture. */
  source: 'ingest' | 'crawl' | 'archive';
  /** For an archived copy: the raw snapshot URL and the capture time (ISO 8601 UTC). */
  archived?: { url: string; at: string } | null;
  extraction: Extraction | null;
}

/** Where a revision's text came from. */
export type RevisionSource = 'live' | 'archive' | 'file';

/** One archive capture fetched by a backfill, and what came of it. */
export interface ArchiveCaptureInput {
  url: string;
  timestamp: string;
  forceId: string;
  original: string;
  snapshot: string;
  outcome: 'spo' | 'not-spo' | 'dead' | 'unreadable';
  releaseId: string | null;
  detail: string | null;
}

export interface RevisionOrigin {
  revision_id: number;
  content_hash: string;
  fetched_at: string;
  source: RevisionSource;
  archived_url: string | null;
  archived_at: string | null;
}

/** A release seen on a listing but not kept in full (not an SPO release). */
export interface SeenReleaseInput {
  releaseId: string;
  forceId: string;
  url: string;
  title: string | null;
  published: string | null;
}

export interface StoredRelease {
  release_id: string;
  force_id: string | null;
  url: string | null;
  title: string | null;
  published: string | null;
  first_seen_at: string;
  last_seen_at: string;
  content_hash: string | null;
  status: ReleaseStatus;
  is_spo: number | null;
  document_path: string | null;
  source: string;
}

export interface ForceRow {
  force_id: string;
  name: string;
  platform: string | null;
  origin: string | null;
  crawlable: number;
  last_crawl_at: string | null;
  last_success_at: string | null;
  newest_release_at: string | null;
  consecutive_failures: number;
  last_error: string | null;
  strategy?: string | null;
  strategy_reason?: string | null;
  detected_platform?: string | null;
  detected_signs?: string | null;
  detected_at?: string | null;
  check_verdict?: string | null;
  check_reason?: string | null;
  checked_at?: string | null;
}

/** A release's mentions, evidence and conditions as stored: `spo show` and `spo demo` print them. */
export interface StoredExtraction {
  mentions: (OrderScalarRow & {
    mention_id: number;
    release_id: string;
    revision_id: number | null;
    ordinal: number;
    order_id: string | null;
    town_lat: number | null;
    town_lon: number | null;
  })[];
  evidence: { mention_id: number | null; field: string; value: string; sentence: string; char_start: number; char_end: number }[];
  conditions: { mention_id: number; condition_type: string; term: string }[];
}

const now = (): string => new Date().toISOString();

/** Run fn, again after a short pause while SQLite answers "database is locked", for up to ~15 s. */
function retryWhileBusy(fn: () => void, deadlineMs = 15_000): void {
  const until = Date.now() + deadlineMs;
  for (let attempt = 0; ; attempt++) {
    try {
      fn();
      return;
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED')) throw e;
      if (Date.now() > until) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(200, 10 * 2 ** attempt) + Math.random() * 20);
    }
  }
}

/** The SPO database. Every batch write is one transaction: a failure leaves the database as it was. */
/** SQLite's page cache per connection, KiB. */
const PAGE_CACHE_KIB = 4096;

export class Store {
  /** The connection. Only the store's own code uses it (test/architecture.test.ts checks); tests may read it. */
  readonly db: Database.Database;
  private readonly sql: Sql;
  /** What `spo diff` and the nightly changes read. */
  readonly diff: DiffQueries;
  /** The orders: what resolution rewrites, `spo orders` lists and `--explain` shows. */
  readonly orders: OrderQueries;
  /** What exports, stats, the report page and search read. */
  readonly report: ReportQueries;
  /** People's corrections of orders, applied over every rebuild. */
  readonly corrections: CorrectionQueries;
  /** The figures releases state (claims), and the orders coverage reads. */
  readonly claims: ClaimQueries;
  /** Pages a crawl could not finish: to fetch again, or not to request again (crawl_pending). */
  readonly pending: PendingQueries;

  constructor(readonly path: string = DEFAULT_DB_PATH, opts: { readonly?: boolean } = {}) {
    prepareDatabasePath(path, opts.readonly ? 'read' : 'create');
    this.db = new Database(opts.readonly ? readOnlyName(path) : path, { readonly: opts.readonly ?? false, timeout: 15_000 });
    this.db.pragma('busy_timeout = 15000');
    this.db.pragma('foreign_keys = ON');
    // SQLite's page cache, 4 MiB (better-sqlite3 builds it with 16 MiB): a crawl's memory must not
    // grow with the database it writes to (a 20,000-page backfill filled the 16 MiB); the pages it
    // misses come back from the operating system's file cache.
    this.db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    if (!opts.readonly) {
      // Readers (exports, reports) and the nightly writer share the file: WAL plus a busy timeout.
      // Switching a fresh file to WAL and migrating it can meet SQLITE_BUSY without the busy handler
      // being consulted (another process is doing the same), so those steps retry for a while.
      retryWhileBusy(() => {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
        migrate(this.db);
      });
    }
    this.sql = new Sql(this.db);
    this.diff = new DiffQueries(this.sql);
    this.orders = new OrderQueries(this.sql);
    this.report = new ReportQueries(this.sql);
    this.corrections = new CorrectionQueries(this.sql);
    this.claims = new ClaimQueries(this.sql);
    this.pending = new PendingQueries(this.sql);
  }

  close(): void {
    this.db.close();
  }

  /** A prepared statement for sql, compiled on first use and reused after. */
  private stmt(sql: string): Database.Statement {
    return this.sql.stmt(sql);
  }

  /** Fold the write-ahead log into the database file (the ingest benchmark measures the file's size). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Run fn in one transaction (IMMEDIATE, so concurrent writers queue instead of failing mid-way). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  // ---- forces ------------------------------------------------------------------------------

  upsertForces(rows: { force_id: string; name: string; platform: string | null; origin: string | null; crawlable: boolean }[]): void {
    const stmt = this.db.prepare(`INSERT INTO forces (force_id, name, platform, origin, crawlable)
      VALUES (@force_id, @name, @platform, @origin, @crawlable)
      ON CONFLICT(force_id) DO UPDATE SET name = excluded.name, platform = excluded.platform,
        origin = excluded.origin, crawlable = excluded.crawlable`);
    this.transaction(() => {
      for (const r of rows) stmt.run({ ...r, crawlable: r.crawlable ? 1 : 0 });
    });
  }

  /** Make sure a force row exists (for releases ingested from files). */
  ensureForce(forceId: string, name: string): void {
    this.stmt('INSERT INTO forces (force_id, name) VALUES (?, ?) ON CONFLICT(force_id) DO NOTHING').run(forceId, name);
  }

  forces(): ForceRow[] {
    return this.db.prepare('SELECT * FROM forces ORDER BY force_id').all() as ForceRow[];
  }

  force(forceId: string): ForceRow | undefined {
    return this.stmt('SELECT * FROM forces WHERE force_id = ?').get(forceId) as ForceRow | undefined;
  }

  /** A force's publication dates, newest first (at most limit). */
  publishedDates(forceId: string, limit: number): string[] {
    return (
      this.stmt('SELECT published FROM releases WHERE force_id = ? AND published IS NOT NULL ORDER BY published DESC LIMIT ?').all(forceId, limit) as {
        published: string;
      }[]
    ).map((r) => r.published);
  }

  /** Record a force's cadence (src/nightly/health.ts). */
  setForceCadence(forceId: string, typicalGapDays: number | null, silent: boolean): void {
    this.stmt('UPDATE forces SET typical_gap_days = ?, silent = ? WHERE force_id = ?').run(typicalGapDays, silent ? 1 : 0, forceId);
  }

  recordForceHealth(forceId: string, ok: boolean, newestRelease: string | null, error: string | null): void {
    const at = now();
    if (ok) {
      this.db
        .prepare(`UPDATE forces SET last_crawl_at = ?, last_success_at = ?, consecutive_failures = 0, last_error = NULL,
          newest_release_at = CASE WHEN ? IS NOT NULL AND (newest_release_at IS NULL OR ? > newest_release_at) THEN ? ELSE newest_release_at END
          WHERE force_id = ?`)
        .run(at, at, newestRelease, newestRelease, newestRelease, forceId);
    } else {
      this.db
        .prepare(`UPDATE forces SET last_crawl_at = ?, consecutive_failures = consecutive_failures + 1, last_error = ?
          WHERE force_id = ?`)
        .run(at, error, forceId);
    }
  }

  /** The strategy a crawl read the force with (platform id or `generic`), and why when it fell back. */
  recordStrategy(forceId: string, strategy: string, reason: string | null): void {
    this.stmt('UPDATE forces SET strategy = ?, strategy_reason = ? WHERE force_id = ?').run(strategy, reason, forceId);
  }

  /** What platform detection saw on a force's site (`none`: no known platform) and its signs. */
  recordDetection(forceId: string, platform: string | null, signs: string[]): void {
    this.stmt('UPDATE forces SET detected_platform = ?, detected_signs = ?, detected_at = ? WHERE force_id = ?').run(platform ?? 'none', signs.join('; ') || null, now(), forceId);
  }

  /** The verdict of a live check (spo check, spo nightly). */
  recordCheck(forceId: string, verdict: 'ok' | 'degraded' | 'broken', reason: string | null): void {
    this.stmt('UPDATE forces SET check_verdict = ?, check_reason = ?, checked_at = ? WHERE force_id = ?').run(verdict, reason, now(), forceId);
  }

  // ---- releases ----------------------------------------------------------------------------

  release(releaseId: string): StoredRelease | undefined {
    return this.stmt('SELECT * FROM releases WHERE release_id = ?').get(releaseId) as StoredRelease | undefined;
  }

  /** A force's release at a (canonical) URL. */
  releaseByUrl(forceId: string, url: string): StoredRelease | undefined {
    return this.stmt('SELECT * FROM releases WHERE force_id = ? AND url = ?').get(forceId, url) as StoredRelease | undefined;
  }

  /** Releases whose id starts with the given prefix (ids are hex; users type a few characters). */
  releasesByPrefix(prefix: string): StoredRelease[] {
    return this.db
      .prepare("SELECT * FROM releases WHERE release_id LIKE ? ESCAPE '\\' ORDER BY release_id LIMIT 20")
      .all(`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as StoredRelease[];
  }

  /** The orders extracted from a release as stored, with their evidence and conditions. */
  storedExtraction(releaseId: string): StoredExtraction {
    return {
      mentions: this.stmt('SELECT * FROM order_mentions WHERE release_id = ? ORDER BY ordinal').all(releaseId) as StoredExtraction['mentions'],
      evidence: this.stmt(
        'SELECT mention_id, field, value, sentence, char_start, char_end FROM evidence WHERE release_id = ? ORDER BY evidence_id',
      ).all(releaseId) as StoredExtraction['evidence'],
      conditions: this.stmt(`SELECT c.mention_id, c.condition_type, c.term FROM mention_conditions c
        JOIN order_mentions m USING (mention_id) WHERE m.release_id = ? ORDER BY c.condition_type, c.term`).all(releaseId) as StoredExtraction['conditions'],
    };
  }

  /** Every release of a force that has a URL and was seen other than only in a web archive, as a source needs to know it. */
  releasesOfForce(forceId: string): { release_id: string; url: string; first_seen_at: string; is_spo: number | null; published: string | null; document_path: string | null }[] {
    // Releases known only from a web archive are not known to the live site's walk: it fetches them,
    // and their live text becomes current.
    return this.db
      .prepare("SELECT release_id, url, first_seen_at, is_spo, published, document_path FROM releases WHERE force_id = ? AND url IS NOT NULL AND source <> 'archive'")
      .all(forceId) as { release_id: string; url: string; first_seen_at: string; is_spo: number | null; published: string | null; document_path: string | null }[];
  }

  latestRevision(releaseId: string): { revision_id: number; body: string; front_matter: string; content_hash: string } | undefined {
    return this.stmt(
      // The text fetched last: a text that went back to an earlier version is that version's row again.
      'SELECT revision_id, body, front_matter, content_hash FROM release_revisions WHERE release_id = ? ORDER BY fetched_at DESC, revision_id DESC LIMIT 1',
    ).get(releaseId) as { revision_id: number; body: string; front_matter: string; content_hash: string } | undefined;
  }

  revisions(releaseId: string): { revision_id: number; content_hash: string; body: string; fetched_at: string }[] {
    return this.db
      .prepare('SELECT revision_id, content_hash, body, fetched_at FROM release_revisions WHERE release_id = ? ORDER BY revision_id')
      .all(releaseId) as { revision_id: number; content_hash: string; body: string; fetched_at: string }[];
  }

  /**
   * Store a batch of releases in one transaction, classifying each as new, changed or unchanged.
   * A changed text adds a revision (the old ones are kept) and replaces the release's extracted orders.
   */
  storeReleases(items: ReleaseInput[], runId: number | null = null): { releaseId: string; event: ReleaseEvent }[] {
    return this.transaction(() => items.map((item) => ({ releaseId: item.releaseId, event: this.storeOne(item, runId) })));
  }

  private storeOne(item: ReleaseInput, runId: number | null): ReleaseEvent {
    const at = now();
    const existing = this.release(item.releaseId);
    const latest = existing ? this.latestRevision(item.releaseId) : undefined;
    const source: RevisionSource = item.source === 'crawl' ? 'live' : item.source === 'archive' ? 'archive' : 'file';
    if (source === 'archive' && existing) return this.storeArchivedCopy(item, latest, runId, at);
    // A release first known from an archive and now seen live (or read from a file) is that release.
    if (source !== 'archive' && existing?.source === 'archive') {
      this.stmt("UPDATE releases SET source = ? WHERE release_id = ? AND source = 'archive'").run(item.source, item.releaseId);
    }
    let event: ReleaseEvent;
    if (!existing) {
      this.stmt(`INSERT INTO releases (release_id, force_id, url, title, published, first_seen_at, last_seen_at,
          content_hash, status, is_spo, document_path, source)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)`)
        .run(item.releaseId, item.forceId, item.url, item.title, item.published, at, at, item.contentHash,
          item.extraction ? (item.extraction.is_spo ? 1 : 0) : null, item.documentPath, item.source);
      event = 'new';
    } else if (latest && latest.content_hash === item.contentHash) {
      this.stmt(`UPDATE releases SET last_seen_at = ?, status = 'active', title = coalesce(?, title),
          published = coalesce(?, published), document_path = coalesce(?, document_path) WHERE release_id = ?`)
        .run(at, item.title, item.published, item.documentPath, item.releaseId);
      event = 'unchanged';
      // The live site serves the text an archive held: the revision is the live one now (its archived copy kept).
      if (source === 'live') this.stmt("UPDATE release_revisions SET source = 'live' WHERE revision_id = ? AND source = 'archive'").run(latest.revision_id);
    } else {
      this.stmt(`UPDATE releases SET last_seen_at = ?, status = 'active', title = coalesce(?, title),
          published = coalesce(?, published), content_hash = ?, is_spo = ?, document_path = coalesce(?, document_path)
          WHERE release_id = ?`)
        .run(at, item.title, item.published, item.contentHash,
          item.extraction ? (item.extraction.is_spo ? 1 : 0) : existing.is_spo, item.documentPath, item.releaseId);
      // A release first seen only on a listing has no revision yet: its first text makes it new.
      event = latest ? 'changed' : 'new';
    }
    let revisionId = latest?.revision_id ?? null;
    if (event !== 'unchanged') {
      // A text seen before (A -> B -> A) is its old revision, fetched again: RETURNING gives its id
      // either way (lastInsertRowid would be left over from another insert).
      const row = this.insertRevision(item, source, at, runId);
      revisionId = row.revision_id;
      this.replaceText(item, latest !== undefined);
      if (item.extraction) this.replaceMentions(item.releaseId, revisionId, item.extraction);
    }
    this.stmt('INSERT INTO release_events (run_id, release_id, event, revision_id, at) VALUES (?, ?, ?, ?, ?)')
      .run(runId, item.releaseId, event, revisionId, at);
    return event;
  }

  /** Insert a revision (or, for a text seen before, refresh it): its id. A live fetch makes it a live revision. */
  private insertRevision(item: ReleaseInput, source: RevisionSource, at: string, runId: number | null): { revision_id: number } {
    return this.stmt(`INSERT INTO release_revisions (release_id, content_hash, front_matter, body, fetched_at, run_id, source, archived_url, archived_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(release_id, content_hash) DO UPDATE SET fetched_at = excluded.fetched_at,
          source = CASE WHEN excluded.source = 'archive' THEN release_revisions.source ELSE excluded.source END,
          archived_url = coalesce(release_revisions.archived_url, excluded.archived_url),
          archived_at = coalesce(release_revisions.archived_at, excluded.archived_at)
        RETURNING revision_id`)
      .get(item.releaseId, item.contentHash, JSON.stringify(item.frontMatter), item.body, at, runId, source,
        item.archived?.url ?? null, item.archived?.at ?? null) as { revision_id: number };
  }

  /**
   * An archived copy of a release already stored. It never replaces a text seen live or read from a
   * file (the release is left as it is), and never changes the release's status or last sighting (a
   * withdrawn release stays withdrawn). A release known only from archives takes a newer capture's
   * text as a new revision, as a crawl would.
   */
  private storeArchivedCopy(item: ReleaseInput, latest: { revision_id: number; content_hash: string } | undefined, runId: number | null, at: string): ReleaseEvent {
    const other = this.stmt("SELECT 1 FROM release_revisions WHERE release_id = ? AND source <> 'archive' LIMIT 1").get(item.releaseId);
    let event: ReleaseEvent = 'unchanged';
    let revisionId = latest?.revision_id ?? null;
    if (!other && latest?.content_hash !== item.contentHash) {
      this.stmt(`UPDATE releases SET title = coalesce(?, title), published = coalesce(?, published), content_hash = ?, is_spo = ?,
          document_path = coalesce(?, document_path) WHERE release_id = ?`)
        .run(item.title, item.published, item.contentHash, item.extraction ? (item.extraction.is_spo ? 1 : 0) : null, item.documentPath, item.releaseId);
      revisionId = this.insertRevision(item, 'archive', at, runId).revision_id;
      this.replaceText(item, latest !== undefined);
      if (item.extraction) this.replaceMentions(item.releaseId, revisionId, item.extraction);
      event = latest ? 'changed' : 'new';
    }
    this.stmt('INSERT INTO release_events (run_id, release_id, event, revision_id, at) VALUES (?, ?, ?, ?, ?)').run(runId, item.releaseId, event, revisionId, at);
    return event;
  }

  /** Where each revision of a release came from, oldest first. */
  revisionOrigins(releaseId: string): RevisionOrigin[] {
    return this.stmt('SELECT revision_id, content_hash, fetched_at, source, archived_url, archived_at FROM release_revisions WHERE release_id = ? ORDER BY revision_id')
      .all(releaseId) as RevisionOrigin[];
  }

  // ---- archive captures --------------------------------------------------------------------

  /** Captures of a force a backfill has fetched: `url timestamp` keys. */
  fetchedCaptures(forceId: string): Set<string> {
    const rows = this.stmt('SELECT url, timestamp FROM archive_captures WHERE force_id = ?').all(forceId) as { url: string; timestamp: string }[];
    return new Set(rows.map((r) => `${r.url} ${r.timestamp}`));
  }

  /** Record a fetched capture (in the caller's transaction, with what was stored from it). */
  recordCapture(c: ArchiveCaptureInput, runId: number | null = null): void {
    this.stmt(`INSERT INTO archive_captures (url, timestamp, force_id, original, snapshot, outcome, release_id, detail, fetched_at, run_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url, timestamp) DO UPDATE SET outcome = excluded.outcome,
          release_id = excluded.release_id, detail = excluded.detail, fetched_at = excluded.fetched_at, run_id = excluded.run_id`)
      .run(c.url, c.timestamp, c.forceId, c.original, c.snapshot, c.outcome, c.releaseId, c.detail, now(), runId);
  }

  /** URLs of the SPO releases kept (benchmarks and checks compare them with ground truth). */
  spoReleaseUrls(): string[] {
    return (this.stmt('SELECT url FROM releases WHERE is_spo = 1 AND url IS NOT NULL ORDER BY url').all() as { url: string }[]).map((r) => r.url);
  }

  /** Captures a run fetched, per force and outcome (the backfill's summary). */
  captureOutcomes(runId: number): Map<string, Record<string, number>> {
    const rows = this.stmt('SELECT force_id, outcome, count(*) AS n FROM archive_captures WHERE run_id = ? GROUP BY force_id, outcome').all(runId) as { force_id: string; outcome: string; n: number }[];
    const out = new Map<string, Record<string, number>>();
    for (const r of rows) out.set(r.force_id, { ...(out.get(r.force_id) ?? {}), [r.outcome]: r.n });
    return out;
  }

  /** Captures fetched, per outcome (for summaries and tests). */
  captureCounts(): Record<string, number> {
    const rows = this.stmt('SELECT outcome, count(*) AS n FROM archive_captures GROUP BY outcome').all() as { outcome: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
  }

  /**
   * Replace a release's full-text row. It is found through release_text_rows, by rowid: FTS5 cannot
   * index release_id, and a DELETE by release_id scans every row. A release with no revision before
   * has no text row (the two are written together); a row release_text_rows does not know (one an
   * older version wrote) is looked up the old way.
   */
  private replaceText(item: ReleaseInput, hadRevision: boolean): void {
    const known = this.stmt('SELECT text_rowid FROM release_text_rows WHERE release_id = ?').get(item.releaseId) as
      | { text_rowid: number }
      | undefined;
    // releases_fts (the sqlite-utils/Datasette index, external content) indexes the same text under the
    // release's rowid; FTS5 removes an entry given the values it was indexed with, which release_text holds.
    if (known) {
      this.stmt(`INSERT INTO releases_fts (releases_fts, rowid, title, body)
        SELECT 'delete', r.rowid, t.title, t.body FROM release_text t JOIN releases r ON r.release_id = ? WHERE t.rowid = ?`)
        .run(item.releaseId, known.text_rowid);
      this.stmt('DELETE FROM release_text WHERE rowid = ?').run(known.text_rowid);
    } else if (hadRevision) {
      this.stmt(`INSERT INTO releases_fts (releases_fts, rowid, title, body)
        SELECT 'delete', r.rowid, t.title, t.body FROM release_text t JOIN releases r ON r.release_id = t.release_id WHERE t.release_id = ?`)
        .run(item.releaseId);
      this.stmt('DELETE FROM release_text WHERE release_id = ?').run(item.releaseId);
    }
    const info = this.stmt('INSERT INTO release_text (release_id, title, body) VALUES (?, ?, ?)').run(item.releaseId, item.title ?? '', item.body);
    this.stmt('INSERT OR REPLACE INTO release_text_rows (release_id, text_rowid) VALUES (?, ?)').run(item.releaseId, info.lastInsertRowid);
    this.stmt('INSERT INTO releases_fts (rowid, title, body) SELECT rowid, ?, ? FROM releases WHERE release_id = ?').run(item.title ?? '', item.body, item.releaseId);
  }

  /** Record releases seen on a listing but not kept (non-SPO): never fetched again. */
  storeSeen(items: SeenReleaseInput[]): number {
    const stmt = this.db.prepare(`INSERT INTO releases (release_id, force_id, url, title, published, first_seen_at, last_seen_at, is_spo, source)
      VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'crawl')
      ON CONFLICT(release_id) DO UPDATE SET last_seen_at = excluded.last_seen_at`);
    const at = now();
    return this.transaction(() => {
      let n = 0;
      for (const s of items) n += stmt.run(s.releaseId, s.forceId, s.url, s.title, s.published, at, at).changes;
      return n;
    });
  }

  /** Mark releases withdrawn (the source answers 404/410 or dropped them); their data is kept. */
  markGone(releaseIds: string[], runId: number | null = null): number {
    const at = now();
    return this.transaction(() => {
      let n = 0;
      for (const id of releaseIds) {
        const changed = this.db.prepare("UPDATE releases SET status = 'withdrawn' WHERE release_id = ? AND status <> 'withdrawn'").run(id).changes;
        if (changed) {
          this.db.prepare("INSERT INTO release_events (run_id, release_id, event, at) VALUES (?, ?, 'gone', ?)").run(runId, id, at);
          n++;
        }
      }
      return n;
    });
  }

  /** Replace the orders extracted from a release (re-extraction), with their conditions and evidence. */
  replaceMentions(releaseId: string, revisionId: number | null, x: Extraction): void {
    this.transaction(() => {
      this.stmt('DELETE FROM evidence WHERE release_id = ?').run(releaseId);
      this.stmt('DELETE FROM order_mentions WHERE release_id = ?').run(releaseId);
      this.stmt('UPDATE releases SET is_spo = ? WHERE release_id = ?').run(x.is_spo ? 1 : 0, releaseId);
      const ev = this.stmt(`INSERT INTO evidence (release_id, mention_id, field, value, sentence, char_start, char_end)
        VALUES (?, ?, ?, ?, ?, ?, ?)`);
      for (const e of x.evidence) ev.run(releaseId, null, e.field, String(e.value), e.sentence, e.start, e.end);
      const mention = this.stmt(`INSERT INTO order_mentions (release_id, revision_id, ordinal, age, sex, town, town_lat, town_lon,
        court, kind, made_on, duration, confidence, review_reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      const cond = this.stmt('INSERT OR IGNORE INTO mention_conditions (mention_id, condition_type, term) VALUES (?, ?, ?)');
      x.orders.forEach((o, i) => {
        const info = mention.run(releaseId, revisionId, i, o.age, o.sex, o.town, o.town_location?.lat ?? null,
          o.town_location?.lon ?? null, o.court, o.kind, o.made_on, o.duration, o.confidence ?? null,
          o.needs_review?.length ? JSON.stringify(o.needs_review) : null);
        const id = Number(info.lastInsertRowid);
        for (const t of o.prohibitions) cond.run(id, 'prohibition', t);
        for (const t of o.requirements) cond.run(id, 'requirement', t);
        for (const e of o.evidence) ev.run(releaseId, id, e.field, String(e.value), e.sentence, e.start, e.end);
      });
      this.claims.replace(releaseId, revisionId, x.claims ?? []);
    });
  }

  // ---- runs --------------------------------------------------------------------------------

  startRun(command: string): number {
    return Number(this.db.prepare('INSERT INTO crawl_runs (command, started_at) VALUES (?, ?)').run(command, now()).lastInsertRowid);
  }

  /**
   * Mark runs of a command that are still 'running' as 'interrupted' (killed before they finished).
   * Only call this while holding the command's lock, or a live run would be closed.
   */
  closeInterruptedRuns(command: string): number {
    return this.db
      .prepare("UPDATE crawl_runs SET status = 'interrupted', finished_at = coalesce(finished_at, ?) WHERE command = ? AND status = 'running'")
      .run(now(), command).changes;
  }

  /** Close a run: its status, its summary as JSON, and one row per force (errors joined as the row's message). */
  finishRun(runId: number, status: RunStatus, summary: unknown, forces: readonly ForceRunSummary[] = []): void {
    this.transaction(() => {
      this.db
        .prepare('UPDATE crawl_runs SET finished_at = ?, status = ?, summary = ? WHERE run_id = ?')
        .run(now(), status, JSON.stringify(summary), runId);
      const stmt = this.db.prepare(`INSERT OR REPLACE INTO crawl_run_forces (run_id, force_id, requests, new, changed, unchanged, gone,
        errors, duration_ms, error_message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const f of forces) {
        const message = f.errors.length ? f.errors.join('; ').slice(0, 2000) : null;
        stmt.run(runId, f.forceId, f.requests, f.new, f.changed, f.unchanged, f.gone, f.errors.length, f.durationMs, message);
      }
    });
  }

  /** Every release, text, mention and order, read whole (bench/compare-dbs.ts compares two databases). */
  contents(): DatabaseContents {
    return readContents(this.sql);
  }

  /** Counts for quick checks and `spo stats`. */
  counts(): { releases: number; spoReleases: number; revisions: number; mentions: number; orders: number } {
    const one = (sql: string): number => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      releases: one('SELECT count(*) AS n FROM releases'),
      spoReleases: one('SELECT count(*) AS n FROM releases WHERE is_spo = 1'),
      revisions: one('SELECT count(*) AS n FROM release_revisions'),
      mentions: one('SELECT count(*) AS n FROM order_mentions'),
      orders: one('SELECT count(*) AS n FROM orders'),
    };
  }
}

/** Open the database at path: creating and migrating it, or (readonly) an existing one only. */
export function openStore(path: string = DEFAULT_DB_PATH, opts: { readonly?: boolean } = {}): Store {
  return new Store(path, opts);
}
