// What `spo diff` and the nightly run read: runs, release events, revisions, archived extractions and
// order snapshots, over a window of runs or of time.
import type { Sql, SqlParam } from '../sql.ts';
import type { OrderScalarRow } from '../../domain/types.ts';

/** A window of changes: by runs (every event and snapshot carries its run) or by time. */
export interface ChangeWindow {
  /** ISO timestamp: changes at or after it (null: from the beginning). */
  from: string | null;
  /** ISO timestamp: changes at or before it (null: up to now). */
  to: string | null;
  /** The first and last run included (last null: up to the newest). */
  runs: { first: number; last: number | null } | null;
}

export interface RunRow {
  run_id: number;
  started_at: string;
  finished_at: string | null;
}

export interface ReleaseEventRow {
  event_id: number;
  release_id: string;
  event: 'new' | 'changed' | 'unchanged' | 'gone';
  revision_id: number | null;
  at: string;
}

/** A mention as the release reports it now (scalars as stored). */
export interface CurrentMentionRow extends OrderScalarRow {
  mention_id: number;
  ordinal: number;
  order_id: string | null;
  revision_id: number | null;
}

export interface SnapshotRow {
  data: string | null;
  hash: string | null;
}

/** SQL for "in the window" and "before the window" over a table with run_id and at columns. */
function windowSql(w: ChangeWindow): { inside: string; insideArgs: SqlParam[]; before: string; beforeArgs: SqlParam[] } {
  if (w.runs) {
    const inside = w.runs.last === null ? 'run_id >= ?' : 'run_id BETWEEN ? AND ?';
    const insideArgs = w.runs.last === null ? [w.runs.first] : [w.runs.first, w.runs.last];
    return {
      inside,
      insideArgs,
      before: '(run_id < ? OR (run_id IS NULL AND at < ?))',
      beforeArgs: [w.runs.first, w.from ?? ''],
    };
  }
  const parts: string[] = [];
  const args: string[] = [];
  if (w.from) {
    parts.push('at >= ?');
    args.push(w.from);
  }
  if (w.to) {
    parts.push('at <= ?');
    args.push(w.to);
  }
  return { inside: parts.length ? parts.join(' AND ') : '1', insideArgs: args, before: 'at < ?', beforeArgs: [w.from ?? ''] };
}

export class DiffQueries {
  constructor(private readonly sql: Sql) {}

  run(runId: number): RunRow | undefined {
    return this.sql.get<RunRow>('SELECT run_id, started_at, finished_at FROM crawl_runs WHERE run_id = ?', runId);
  }

  lastRun(): RunRow | undefined {
    return this.sql.get<RunRow>('SELECT run_id, started_at, finished_at FROM crawl_runs ORDER BY run_id DESC LIMIT 1');
  }

  /** When the first run after runId started, or null. */
  nextRunStart(runId: number): string | null {
    return this.sql.get<{ t: string | null }>('SELECT min(started_at) AS t FROM crawl_runs WHERE run_id > ?', runId)?.t ?? null;
  }

  eventsIn(window: ChangeWindow): ReleaseEventRow[] {
    const w = windowSql(window);
    return this.sql.all<ReleaseEventRow>(
      `SELECT event_id, release_id, event, revision_id, at FROM release_events WHERE ${w.inside} ORDER BY event_id`,
      ...w.insideArgs,
    );
  }

  /**
   * The revision a release held before an event: the one its previous event recorded (revision ids do
   * not order texts: one that goes back to an earlier version is that version's row again).
   */
  revisionBeforeEvent(releaseId: string, eventId: number, revisionId: number): number | undefined {
    return this.sql.get<{ r: number }>(
      `SELECT revision_id AS r FROM release_events WHERE release_id = ? AND event_id < ? AND revision_id IS NOT NULL
        AND revision_id <> ? ORDER BY event_id DESC LIMIT 1`,
      releaseId,
      eventId,
      revisionId,
    )?.r;
  }

  /** The revision of a release created before this one (for events without a revision before them). */
  lowerRevision(releaseId: string, revisionId: number): number | null {
    return this.sql.get<{ r: number | null }>('SELECT max(revision_id) AS r FROM release_revisions WHERE release_id = ? AND revision_id < ?', releaseId, revisionId)?.r ?? null;
  }

  revisionBody(revisionId: number): string | undefined {
    return this.sql.get<{ body: string }>('SELECT body FROM release_revisions WHERE revision_id = ?', revisionId)?.body;
  }

  /** Whether a release ever had orders that a re-extraction replaced. */
  hadOrders(releaseId: string): boolean {
    return !!this.sql.get('SELECT 1 FROM mention_history WHERE release_id = ? LIMIT 1', releaseId);
  }

  currentMentions(releaseId: string): CurrentMentionRow[] {
    return this.sql.all<CurrentMentionRow>(
      `SELECT m.mention_id, m.ordinal, m.order_id, m.revision_id, m.age, m.sex, m.town, m.court, m.kind, m.made_on, m.duration
        FROM order_mentions m WHERE release_id = ? ORDER BY ordinal`,
      releaseId,
    );
  }

  /** A mention's conditions, by term. */
  mentionConditions(mentionId: number): { condition_type: string; term: string }[] {
    return this.sql.all('SELECT condition_type, term FROM mention_conditions WHERE mention_id = ? ORDER BY term', mentionId);
  }

  /** The latest archived extraction of a revision (one re-extraction archives a whole batch at once). */
  archivedMentions(releaseId: string, revisionId: number | null): { ordinal: number; data: string }[] {
    return this.sql.all(
      `SELECT ordinal, data FROM mention_history WHERE release_id = ? AND revision_id IS ?
        AND superseded_at = (SELECT max(superseded_at) FROM mention_history WHERE release_id = ? AND revision_id IS ?) ORDER BY ordinal`,
      releaseId,
      revisionId,
      releaseId,
      revisionId,
    );
  }

  /** Orders with a snapshot in the window. */
  ordersSnapshottedIn(window: ChangeWindow): string[] {
    const w = windowSql(window);
    return this.sql.all<{ order_id: string }>(`SELECT DISTINCT order_id FROM order_snapshots WHERE ${w.inside}`, ...w.insideArgs).map((r) => r.order_id);
  }

  /** An order's last snapshot before the window. */
  snapshotBefore(orderId: string, window: ChangeWindow): SnapshotRow | undefined {
    const w = windowSql(window);
    return this.sql.get<SnapshotRow>(
      `SELECT data, hash FROM order_snapshots WHERE order_id = ? AND ${w.before} ORDER BY snapshot_id DESC LIMIT 1`,
      orderId,
      ...w.beforeArgs,
    );
  }

  /** An order's last snapshot in the window. */
  snapshotIn(orderId: string, window: ChangeWindow): (SnapshotRow & { at: string }) | undefined {
    const w = windowSql(window);
    return this.sql.get<SnapshotRow & { at: string }>(
      `SELECT data, hash, at FROM order_snapshots WHERE order_id = ? AND ${w.inside} ORDER BY snapshot_id DESC LIMIT 1`,
      orderId,
      ...w.insideArgs,
    );
  }

  releaseLink(releaseId: string): { release_id: string; url: string | null; title: string | null; published: string | null } | undefined {
    return this.sql.get('SELECT release_id, url, title, published FROM releases WHERE release_id = ?', releaseId);
  }
}
