// Runs page sources through the pipeline: each source reads its force (several forces at once, each
// waiting on its own origin), every page it yields is classified and stored by a PagePipeline, and the
// orders are resolved once at the end over everything stored. The result is one ForceRunSummary per
// force, the shape every run record uses.
import type { PageSink, PageSource } from '../domain/pages.ts';
import { emptyForceSummary, runVerdict, type ForceRunSummary, type RunEventSink, type RunResult } from '../domain/run.ts';
import { forceById } from '../domain/forces.ts';
import { FORCE_SITES, isCrawlable } from '../../scrapers/index.ts';
import { liveSources, originsOf, selectForces, type CrawlOptions } from '../crawl/index.ts';
import type { Store } from '../store/index.ts';
import { resolveStoredOrders } from './index.ts';
import { KnownReleases } from './known.ts';
import { PagePipeline } from './pages.ts';
import { importPendingFiles } from './pending-files.ts';

export interface RunSourcesOptions {
  dataDir?: string;
  runId?: number | null;
  log?: (line: string) => void;
  /** Where each force's start, progress (requests, releases, SPO releases, errors) and summary go. */
  onEvent?: RunEventSink;
  /** Sources read at once (default: all of them; each waits on its own origin's gate). */
  parallel?: number;
  /**
   * Record each force's crawl health (default true). A web-archive backfill says nothing of the live
   * site's health, and must not move the live crawl's last success.
   */
  recordHealth?: boolean;
}

/** Read every source through the pipeline; per-force failures are in the result, never thrown. */
export async function runSources(store: Store, sources: readonly PageSource[], opts: RunSourcesOptions = {}): Promise<ForceRunSummary[]> {
  const log = opts.log ?? (() => {});
  const results: ForceRunSummary[] = new Array(sources.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sources.length) {
      const i = next++;
      results[i] = await runSource(store, sources[i]!, opts, log);
    }
  };
  const n = Math.max(1, Math.min(opts.parallel ?? sources.length, sources.length));
  await Promise.all(Array.from({ length: n }, worker));
  // Orders are resolved once per run, over everything stored (also what a killed run left unresolved).
  try {
    resolveStoredOrders(store);
  } catch (e) {
    log(`the orders could not be resolved: ${(e as Error).message}`);
    for (const r of results) if (r.releaseIds.length) r.errors.push(`orders not resolved: ${(e as Error).message}`);
  }
  return results;
}

async function runSource(store: Store, source: PageSource, opts: RunSourcesOptions, log: (line: string) => void): Promise<ForceRunSummary> {
  const forceId = source.forceId;
  const known = KnownReleases.of(store, forceId);
  const pipeline = new PagePipeline(store, {
    forceId,
    forceName: forceById(forceId)?.name ?? forceId,
    known,
    dataDir: opts.dataDir ?? 'data',
    runId: opts.runId ?? null,
    log,
  });
  const emit = opts.onEvent ?? (() => {});
  emit({ type: 'force-start', forceId });
  // Progress: the source's requests and errors as they happen, with what the pipeline has stored.
  let requests = 0;
  let sourceErrors = 0;
  const progress = (): void => {
    const t = pipeline.tally;
    const spo = t.new + t.changed + t.unchanged;
    emit({ type: 'force-progress', progress: { forceId, requests, releases: t.seen + spo, spo, errors: sourceErrors + t.errors.length } });
  };
  const sink: PageSink = (page) => {
    const outcome = pipeline.take(page);
    progress();
    return outcome;
  };
  const fetched = await source.run(known, sink, pipeline.unread, {
    request: () => {
      requests++;
      progress();
    },
    error: () => {
      sourceErrors++;
      progress();
    },
  });
  await pipeline.drain();
  const t = pipeline.tally;
  // A force whose pages were read but not all kept (a release document or a store write failed: a full
  // disk) is not a success: its last success stays where it was, so the next run reads it again.
  const failure = pipeline.failure;
  const errors = failure && fetched.ok ? [failure, ...fetched.errors, ...t.errors.filter((e) => e !== failure)] : [...fetched.errors, ...t.errors];
  const r: ForceRunSummary = { ...fetched, ...t, ok: fetched.ok && !failure, errors: errors.slice(0, 101) };
  try {
    if (opts.recordHealth ?? true) store.recordForceHealth(forceId, r.ok, r.newestPublished, r.ok ? null : (r.errors[0] ?? 'failed'));
    if (fetched.strategy && (opts.recordHealth ?? true)) {
      // How the force was read, what detection saw, and the check verdict: a scraper that stopped
      // matching is loud in `spo forces` and the nightly summary, never "0 new".
      store.recordStrategy(forceId, fetched.strategy, fetched.fallbackReason ?? null);
      if (fetched.detection) store.recordDetection(forceId, fetched.detection.platform, fetched.detection.signs);
      const v = runVerdict(r);
      store.recordCheck(forceId, v.verdict, v.reason);
    }
  } catch (e) {
    // The database cannot be written (a full disk): the force's health stays as it was, the run says why.
    r.ok = false;
    r.errors.unshift(`could not record the force's health: ${(e as Error).message}`);
  }
  emit({ type: 'force-done', summary: r });
  return r;
}

export interface CrawlRunOptions extends CrawlOptions {
  runId?: number | null;
  log?: (line: string) => void;
  onEvent?: RunEventSink;
  /** Forces crawled at once (default: all of them; each waits on its own origin's gate). */
  parallelForces?: number;
}

/** `spo crawl` (and nightly, demo): the live sites of the forces through the pipeline. */
export async function crawl(store: Store, opts: CrawlRunOptions = {}): Promise<RunResult> {
  const table = opts.sites ?? FORCE_SITES;
  const sites = selectForces(opts.forces, table);
  const log = opts.log ?? (() => {});
  const origins = originsOf(sites, opts.origins);
  store.upsertForces(
    table.map((f) => ({ force_id: f.id, name: f.name, platform: f.platform, origin: origins.get(f.id) ?? f.origin, crawlable: isCrawlable(f) })),
  );
  importPendingFiles(store, opts.dataDir ?? 'data', log);
  const { sources, uncrawlable } = liveSources(sites, { ...opts, log });
  const ran = await runSources(store, sources, { dataDir: opts.dataDir, runId: opts.runId ?? null, log, onEvent: opts.onEvent, ...(opts.parallelForces ? { parallel: opts.parallelForces } : {}) });
  const byForce = new Map(ran.map((r) => [r.forceId, r]));
  for (const u of uncrawlable) {
    const r = { ...emptyForceSummary(u.forceId), errors: [u.reason] };
    store.recordForceHealth(u.forceId, false, null, u.reason);
    opts.onEvent?.({ type: 'force-done', summary: r });
    byForce.set(u.forceId, r);
  }
  return { forces: sites.map((s) => byForce.get(s.id)!) };
}
