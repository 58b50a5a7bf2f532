// `spo nightly`: crawl -> extract -> diff -> outputs, in one command for cron. Public entry of the
// nightly stage. One run at a time (a lock file); each force's health kept; a run summary stored and
// printed; an Atom feed and NDJSON of the run's changes written to the data folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../release/files.ts';
import { openStore, type Store } from '../store/index.ts';
import { computeDiff, resolveWindow, type DiffResult } from '../diff/index.ts';
import { forceRunJson, type ForceRunJson, type RunEventSink, type RunResult } from '../domain/run.ts';
import type { CrawlRunOptions } from '../pipeline/run.ts';
import { acquireLock, LockHeldError, type Lock } from './lock.ts';
import { feedSite, writeFeeds, type FeedWindow } from '../report/feed.ts';
import { forceCadence, type ForceCadence } from './health.ts';
import { changelogMarkdown } from '../report/changelog.ts';
import { notifyPayload, sendNotification, type NotifyResult } from './notify.ts';
import { EXIT } from './exit.ts';

export { acquireLock, LockHeldError, isStale, pidAlive } from './lock.ts';
export { forceCadence, typicalGapDays } from './health.ts';
export { EXIT } from './exit.ts';


export interface NightlyOptions {
  db: string;
  dataDir: string;
  forces?: string[];
  /** The force table (a force file applied); default the built-in one. */
  sites?: CrawlRunOptions['sites'];
  origins?: Record<string, string>;
  full?: boolean;
  maxPages?: number;
  delayMs?: number;
  /** Requests in flight per origin (default 1). */
  concurrency?: number;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
  /** Each force's start, progress and summary during the crawl (the CLI's reporter prints them). */
  onEvent?: RunEventSink;
  /** Extra crawler options (tests: retries, timeouts). */
  crawl?: Partial<CrawlRunOptions>;
  /** "Now", for the silence check and the feed's window (tests). */
  now?: Date;
  /** The public URL the data folder is served from: feed ids and links (default $SPO_BASE_URL). */
  baseUrl?: string | null;
  /** How many entries, of how many days, the feed keeps. */
  feedWindow?: FeedWindow;
  /** POST the run's new and changed orders as JSON to this URL (only when there are some). */
  notify?: string | null;
}

export type CrawlFn = (store: Store, opts: CrawlRunOptions) => Promise<RunResult>;

/** A force in the nightly summary: its run's counts (ForceRunJson) and its health after the run. */
export interface NightlyForceSummary extends ForceRunJson {
  newest_release: string | null;
  last_success_at: string | null;
  consecutive_failures: number;
  typical_gap_days: number | null;
  days_since_newest: number | null;
  /** No new release for longer than 3x the force's typical gap. */
  silent: boolean;
  /** How the force was read (a platform id, or generic) and the check verdict of this run (ok | degraded | broken). */
  strategy: string | null;
  verdict: string | null;
  verdict_reason: string | null;
}

export interface NightlySummary {
  run_id: number | null;
  status: 'ok' | 'partial' | 'failed' | 'locked';
  exit_code: number;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  forces: NightlyForceSummary[];
  totals: { forces: number; failed: number; silent: number; requests: number; new: number; changed: number; unchanged: number; gone: number; errors: number };
  changes: DiffResult['counts'] | null;
  outputs: {
    feed: string | null;
    feed_entries: number;
    changes: string | null;
    change_lines: number;
    /** The run's changes in words (Markdown), beside the NDJSON. */
    changelog?: string | null;
    report: string | null;
    report_error?: string;
    /** Outputs that could not be written (a full disk): what the run stored is kept, and the run is partial. */
    errors?: string[];
    notify?: NotifyResult;
  };
  lock: { path: string; took_over: { pid: number; started_at: string } | null; held_by?: { pid: number; host: string; started_at: string } | null };
  error?: string;
}

/** NDJSON lines for a run's changes: releases (new/changed/gone) then orders (new/changed/removed). */
export function changeLines(runId: number | null, d: DiffResult): string[] {
  const lines: string[] = [];
  for (const r of d.releases) {
    const { text_diff: _unused, ...rest } = r;
    lines.push(JSON.stringify({ run_id: runId, type: 'release', ...rest }));
  }
  for (const o of d.orders) lines.push(JSON.stringify({ run_id: runId, type: 'order', ...o }));
  return lines;
}

/** Run the nightly job. Never throws for per-force failures; returns the exit code and the summary. */
export async function runNightly(opts: NightlyOptions, deps: { crawl?: CrawlFn } = {}): Promise<{ exitCode: number; summary: NightlySummary }> {
  const started = new Date();
  const log = opts.log ?? (() => {});
  const lockPath = join(opts.dataDir, 'nightly.lock');
  const base = (status: NightlySummary['status'], exitCode: number): NightlySummary => ({
    run_id: null,
    status,
    exit_code: exitCode,
    started_at: started.toISOString(),
    finished_at: new Date().toISOString(),
    duration_ms: Date.now() - started.getTime(),
    forces: [],
    totals: { forces: 0, failed: 0, silent: 0, requests: 0, new: 0, changed: 0, unchanged: 0, gone: 0, errors: 0 },
    changes: null,
    outputs: { feed: null, feed_entries: 0, changes: null, change_lines: 0, report: null },
    lock: { path: lockPath, took_over: null },
  });

  let lock: Lock;
  try {
    lock = acquireLock(lockPath, 'spo nightly');
  } catch (e) {
    if (!(e instanceof LockHeldError)) throw e;
    const s = base('locked', EXIT.LOCKED);
    s.lock.held_by = e.holder ? { pid: e.holder.pid, host: e.holder.host, started_at: e.holder.startedAt } : null;
    s.error = e.message;
    return { exitCode: EXIT.LOCKED, summary: s };
  }
  const releaseLock = () => lock.release();
  const onSignal = (sig: NodeJS.Signals) => {
    releaseLock();
    process.kill(process.pid, sig);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', releaseLock);
  if (lock.tookOver) log(`took over a stale lock (pid ${lock.tookOver.pid}, started ${lock.tookOver.startedAt || 'unknown'})`);

  let store: Store | null = null;
  let runId: number | null = null;
  try {
    store = openStore(opts.db);
    // We hold the lock, so a nightly run still marked running was killed: say so instead of leaving it open.
    const interrupted = store.closeInterruptedRuns('nightly');
    if (interrupted) log(`marked ${interrupted} earlier nightly run(s) that never finished as interrupted`);
    runId = store.startRun('nightly');
    const crawl = deps.crawl ?? (await import('../pipeline/run.ts')).crawl;
    let result: RunResult;
    try {
      result = await crawl(store, {
        ...opts.crawl,
        forces: opts.forces,
        ...(opts.sites ? { sites: opts.sites } : {}),
        origins: opts.origins,
        full: opts.full,
        maxPages: opts.maxPages,
        delayMs: opts.delayMs,
        ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
        dataDir: opts.dataDir,
        runId,
        log,
        onEvent: opts.onEvent,
      });
    } catch (e) {
      const s = base('failed', EXIT.NOTHING);
      s.run_id = runId;
      s.error = `the crawl could not run: ${(e as Error).message}`;
      s.lock.took_over = lock.tookOver ? { pid: lock.tookOver.pid, started_at: lock.tookOver.startedAt } : null;
      store.finishRun(runId, 'failed', s);
      return { exitCode: EXIT.NOTHING, summary: s };
    }

    const now = opts.now ?? new Date();
    const cadence = new Map<string, ForceCadence>();
    store.transaction(() => {
      for (const f of result.forces) cadence.set(f.forceId, forceCadence(store!, f.forceId, now));
    });
    const forceRows = new Map(store.forces().map((f) => [f.force_id, f]));
    const forces: NightlyForceSummary[] = result.forces.map((f) => {
      const row = forceRows.get(f.forceId);
      const c = cadence.get(f.forceId);
      return {
        ...forceRunJson(f),
        newest_release: row?.newest_release_at ?? f.newestPublished,
        last_success_at: row?.last_success_at ?? null,
        consecutive_failures: row?.consecutive_failures ?? (f.ok ? 0 : 1),
        typical_gap_days: c?.typicalGapDays ?? null,
        days_since_newest: c?.daysSinceNewest ?? null,
        silent: c?.silent ?? false,
        strategy: f.strategy ?? null,
        verdict: row?.check_verdict ?? null,
        verdict_reason: row?.check_reason ?? null,
      };
    });
    const failed = forces.filter((f) => !f.ok).length;
    let status: NightlySummary['status'] = forces.length === 0 || failed === forces.length ? 'failed' : failed ? 'partial' : 'ok';

    // Diff and outputs: this run's changes. An output that cannot be written (a full disk) is reported
    // and makes the run partial; what the run stored is kept (`spo diff --run N` gives its changes).
    const outputErrors: string[] = [];
    const output = <T>(what: string, write: () => T): T | null => {
      try {
        return write();
      } catch (e) {
        const msg = `${what} not written: ${(e as Error).message}`;
        outputErrors.push(msg);
        log(msg);
        return null;
      }
    };
    const diff = computeDiff(store, resolveWindow(store, { run: runId }));
    const changesPath = join(opts.dataDir, 'changes', `${runId}.ndjson`);
    const lines = changeLines(runId, diff);
    const changesWritten = output(`changes ${changesPath} (\`spo diff --run ${runId}\` gives them)`, () => {
      mkdirSync(join(opts.dataDir, 'changes'), { recursive: true });
      writeFileAtomic(changesPath, lines.map((l) => `${l}\n`).join(''));
      return changesPath;
    });
    const changelogPath = join(opts.dataDir, 'changes', `${runId}.md`);
    const changelogWritten = output(`changelog ${changelogPath}`, () => {
      writeFileAtomic(changelogPath, changelogMarkdown({ runId, status, startedAt: started.toISOString(), forces }, diff));
      return changelogPath;
    });
    // The feeds roll over the last days' orders whatever this run found: a reader who polls less often
    // than the nightly run still sees every order.
    const feeds = output(`feed ${join(opts.dataDir, 'feed.xml')}`, () => writeFeeds(store!, feedSite(opts.dataDir, opts.baseUrl), { window: opts.feedWindow, now })) ?? {
      path: null,
      entries: 0,
    };
    if (outputErrors.length && status === 'ok') status = 'partial';
    const exitCode = status === 'ok' ? EXIT.OK : status === 'partial' ? EXIT.PARTIAL : EXIT.NOTHING;
    // The HTML report page (src/report): a failure here is reported, not fatal; the data is saved.
    const reportPath = join(opts.dataDir, 'report.html');
    let report: string | null = null;
    let reportError: string | undefined;
    try {
      const { buildReport, exportRows, formatRows } = await import('../report/index.ts');
      const { dataPackageResource, writeDataPackage } = await import('../report/datapackage.ts');
      // The orders as CSV beside the page, which links to it (and to the feed), described in datapackage.json.
      writeFileAtomic(join(opts.dataDir, 'orders.csv'), formatRows('orders', exportRows(store, 'orders', { dataDir: opts.dataDir }), 'csv'));
      writeDataPackage(opts.dataDir, dataPackageResource('orders', 'orders.csv', 'csv'));
      writeFileAtomic(reportPath, buildReport(store, { source: opts.db }));
      report = reportPath;
    } catch (e) {
      reportError = (e as Error).message;
      log(`report: ${reportError}`);
    }
    // The webhook: only when there is something to say.
    let notified: NotifyResult | undefined;
    if (opts.notify && diff.orders.some((o) => o.event !== 'removed')) {
      notified = await sendNotification(opts.notify, notifyPayload(runId, status, diff, feeds.path));
      if (!notified.ok) log(`notify ${opts.notify}: ${notified.error}`);
    }

    const s: NightlySummary = {
      ...base(status, exitCode),
      run_id: runId,
      forces,
      totals: {
        forces: forces.length,
        failed,
        silent: forces.filter((f) => f.silent).length,
        requests: sum(forces, 'requests'),
        new: sum(forces, 'new'),
        changed: sum(forces, 'changed'),
        unchanged: sum(forces, 'unchanged'),
        gone: sum(forces, 'gone'),
        errors: forces.reduce((n, f) => n + f.errors.length, 0),
      },
      changes: diff.counts,
      outputs: {
        feed: feeds.path,
        feed_entries: feeds.entries,
        changes: changesWritten,
        change_lines: changesWritten ? lines.length : 0,
        changelog: changelogWritten,
        report,
        ...(reportError ? { report_error: reportError } : {}),
        ...(outputErrors.length ? { errors: outputErrors } : {}),
        ...(notified ? { notify: notified } : {}),
      },
      lock: { path: lockPath, took_over: lock.tookOver ? { pid: lock.tookOver.pid, started_at: lock.tookOver.startedAt } : null },
    };
    store.finishRun(runId, status as 'ok' | 'partial' | 'failed', s, result.forces);
    return { exitCode, summary: s };
  } catch (e) {
    if (store && runId !== null) {
      try {
        const s = base('failed', EXIT.ERROR);
        s.run_id = runId;
        s.error = (e as Error).message;
        store.finishRun(runId, 'failed', s);
      } catch {
        /* the database itself is the problem */
      }
    }
    throw e;
  } finally {
    store?.close();
    releaseLock();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('exit', releaseLock);
  }
}

function sum(rows: NightlyForceSummary[], k: 'requests' | 'new' | 'changed' | 'unchanged' | 'gone'): number {
  return rows.reduce((n, r) => n + r[k], 0);
}

/** The summary as text: one line per force, then totals. */
export function formatSummary(s: NightlySummary): string {
  if (s.status === 'locked') return `spo nightly: ${s.error ?? 'locked'}; nothing done (exit ${s.exit_code})`;
  const lines: string[] = [];
  lines.push(`nightly run ${s.run_id ?? '-'}: ${s.status} in ${(s.duration_ms / 1000).toFixed(1)} s (exit ${s.exit_code})`);
  if (s.error) lines.push(`  error: ${s.error}`);
  if (s.lock.took_over) lines.push(`  took over a stale lock from pid ${s.lock.took_over.pid}`);
  if (s.forces.length) {
    lines.push(`  ${'force'.padEnd(20)} ${'status'.padEnd(7)} ${'req'.padStart(5)} ${'new'.padStart(4)} ${'chg'.padStart(4)} ${'gone'.padStart(4)} ${'err'.padStart(4)} ${'time'.padStart(7)}  newest      note`);
  }
  for (const f of s.forces) {
    const note = [
      f.silent ? `SILENT: nothing new for ${Math.round(f.days_since_newest ?? 0)} days (usual gap ${f.typical_gap_days?.toFixed(1)} days)` : '',
      f.consecutive_failures > 1 ? `${f.consecutive_failures} failures in a row` : '',
      f.verdict === 'degraded' ? `DEGRADED: ${f.verdict_reason ?? ''}` : '',
      f.errors[0] ? `error: ${f.errors[0]}` : '',
    ].filter(Boolean).join('; ');
    lines.push(
      `  ${f.force_id.padEnd(20)} ${(f.ok ? 'ok' : 'FAILED').padEnd(7)} ${String(f.requests).padStart(5)} ${String(f.new).padStart(4)} ${String(f.changed).padStart(4)} ${String(f.gone).padStart(4)} ${String(f.errors.length).padStart(4)} ${`${(f.duration_ms / 1000).toFixed(1)}s`.padStart(7)}  ${(f.newest_release?.slice(0, 10) ?? '-').padEnd(10)}  ${note}`,
    );
  }
  const t = s.totals;
  lines.push(`  total: ${t.forces} forces (${t.failed} failed, ${t.silent} silent), ${t.requests} requests, ${t.new} new, ${t.changed} changed, ${t.gone} gone releases`);
  if (s.changes) {
    const c = s.changes;
    lines.push(`  changes: releases ${c.releases.new} new, ${c.releases.changed} changed, ${c.releases.gone} gone; orders ${c.orders.new} new, ${c.orders.changed} changed`);
  }
  if (s.outputs.feed) lines.push(`  feed ${s.outputs.feed} (${s.outputs.feed_entries} entries); changes ${s.outputs.changes} (${s.outputs.change_lines} lines)`);
  if (s.outputs.changelog) lines.push(`  changelog ${s.outputs.changelog}`);
  if (s.outputs.report) lines.push(`  report ${s.outputs.report}`);
  if (s.outputs.notify) lines.push(`  notify ${s.outputs.notify.url}: ${s.outputs.notify.ok ? `sent ${s.outputs.notify.orders} order(s)` : `FAILED (${s.outputs.notify.error})`}`);
  if (s.outputs.report_error) lines.push(`  report not written: ${s.outputs.report_error}`);
  for (const e of s.outputs.errors ?? []) lines.push(`  ${e}`);
  return lines.join('\n');
}
