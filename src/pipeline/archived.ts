// Pages from a web archive through the same decisions as live pages: the force's platform scraper (or
// the generic one) reads the page, one regular expression and then extraction decide whether it is an
// SPO release, and an SPO release is written as a release document (its own URL as `url`, the snapshot
// as `archived`, the capture time as `archived_at`) and stored as an archived revision. Each capture is
// recorded with what came of it, in the same transaction, so a rerun or a resumed backfill skips it.
import { parseGenericArticle } from '../../scrapers/common.ts';
import { forceSite, PLATFORMS, platformConfig, type Article } from '../../scrapers/index.ts';
import type { ArchivedPage, ArchiveEvent } from '../archive/index.ts';
import type { Candidate } from '../archive/candidates.ts';
import type { ReleaseFrontMatter } from '../domain/types.ts';
import { mayMentionSpo, mentionsSpo } from '../extract/relevance.ts';
import { extractRelease } from '../extract/index.ts';
import { parseRelease, serializeRelease } from '../release/index.ts';
import { releasePath, writeFileAtomic } from '../crawl/files.ts';
import type { ReleaseEvent, Store } from '../store/index.ts';
import { processReleases, resolveStoredOrders } from './index.ts';

export interface ArchivedPageResult {
  outcome: 'spo' | 'not-spo' | 'unreadable';
  releaseId: string | null;
  event: ReleaseEvent | null;
  detail: string | null;
}

/** The article on an archived page, read by the force's platform scraper when the URL is its shape, else the generic one. */
function readArticle(page: ArchivedPage): Article {
  const site = forceSite(page.forceId);
  if (site?.platform && site.listingPath) {
    const platform = PLATFORMS[site.platform];
    if (platform.isArticleUrl(page.url, platformConfig(site, new URL(page.url).origin))) return platform.parseArticle(page.html, page.url);
  }
  return parseGenericArticle(page.html);
}

export function storeArchivedPage(store: Store, page: ArchivedPage, opts: { dataDir: string; runId?: number | null }): ArchivedPageResult {
  const runId = opts.runId ?? null;
  const capture = (outcome: 'spo' | 'not-spo' | 'unreadable', releaseId: string | null, detail: string | null) => ({
    url: page.url, timestamp: page.candidate.timestamp, forceId: page.forceId, original: page.original, snapshot: page.archived, outcome, releaseId, detail,
  });
  let article: Article;
  try {
    article = readArticle(page);
  } catch (e) {
    return unreadable(store, capture, `the page could not be parsed: ${(e as Error).message}`, runId);
  }
  if (!article.title) return unreadable(store, capture, 'no title on the page', runId);
  const site = forceSite(page.forceId);
  const mayBeSpo = mayMentionSpo(page.html) && mentionsSpo(`${article.title}\n${article.description ?? ''}\n${article.bodyMarkdown}`);
  const fm: ReleaseFrontMatter = { title: article.title, url: page.url, force: site?.name ?? page.forceId };
  if (article.published) fm.published = article.published;
  if (Object.keys(article.og).length) fm.og = article.og;
  fm.archived = page.archived;
  fm.archived_at = page.archivedAt;
  const text = serializeRelease(fm, article.bodyMarkdown);
  if (!mayBeSpo || !extractRelease(parseRelease(text, `${page.url}.md`)).is_spo) {
    store.transaction(() => store.recordCapture(capture('not-spo', null, null), runId));
    return { outcome: 'not-spo', releaseId: null, event: null, detail: null };
  }
  const path = releasePath(opts.dataDir, page.forceId, article.published, page.url, store.releaseByUrl(page.forceId, page.url)?.document_path ?? null);
  writeFileAtomic(path, text);
  return store.transaction(() => {
    const [p] = processReleases(store, [parseRelease(text, path)], { forceId: page.forceId, runId, source: 'archive', resolveOrders: false });
    store.recordCapture(capture('spo', p?.releaseId ?? null, null), runId);
    return { outcome: 'spo' as const, releaseId: p?.releaseId ?? null, event: p?.event ?? null, detail: null };
  });
}

function unreadable(store: Store, capture: (o: 'unreadable', r: null, d: string) => Parameters<Store['recordCapture']>[0], detail: string, runId: number | null): ArchivedPageResult {
  store.transaction(() => store.recordCapture(capture('unreadable', null, detail), runId));
  return { outcome: 'unreadable', releaseId: null, event: null, detail };
}

/** A capture that will never give a page (404, a redirect to another page, not HTML): recorded so it is not asked again. */
export function recordDeadCapture(store: Store, c: Candidate, snapshot: string, reason: string, runId: number | null = null): void {
  store.transaction(() => store.recordCapture({ url: c.url, timestamp: c.timestamp, forceId: c.forceId, original: c.original, snapshot, outcome: 'dead', releaseId: null, detail: reason }, runId));
}

export interface BackfillForceSummary {
  forceId: string;
  ok: boolean;
  hosts: string[];
  /** CDX rows read (after the archive's filters and collapse). */
  captures: number;
  candidates: number;
  /** Captures fetched in an earlier run (not asked again). */
  fetchedBefore: number;
  /** Pages the live crawl already knows (not asked: the live text is the release). */
  knownLive: number;
  /** Snapshots fetched in this run. */
  fetched: number;
  /** SPO releases stored from this run's snapshots: new, or a newer archived text. */
  spoKept: number;
  notSpo: number;
  dead: number;
  unreadable: number;
  errors: string[];
  durationMs: number;
  releaseIds: string[];
}

export interface BackfillProgress {
  forceId: string;
  done: number;
  toFetch: number;
  spoKept: number;
  /** Estimated milliseconds left for this force, from the pace so far (the pause plus the archive's answer time). */
  etaMs: number;
}

export interface BackfillRunOptions {
  dataDir: string;
  runId?: number | null;
  /** A progress line's data, after each snapshot. */
  onProgress?: (p: BackfillProgress) => void;
  /** Per-force events worth a line (candidates found, errors). */
  log?: (line: string) => void;
}

/**
 * `spo backfill`: run the archive source, storing each page through the pipeline as it comes. Orders
 * are resolved once at the end (a killed run's releases are resolved by the next run).
 */
export async function backfill(store: Store, source: AsyncIterable<ArchiveEvent>, opts: BackfillRunOptions): Promise<BackfillForceSummary[]> {
  const log = opts.log ?? (() => {});
  const out: BackfillForceSummary[] = [];
  let cur: BackfillForceSummary | null = null;
  let forceStart = Date.now();
  let started = Date.now();
  let toFetch = 0;
  const summary = (forceId: string): BackfillForceSummary => {
    if (cur?.forceId === forceId) return cur;
    cur = { forceId, ok: true, hosts: [], captures: 0, candidates: 0, fetchedBefore: 0, knownLive: 0, fetched: 0, spoKept: 0, notSpo: 0, dead: 0, unreadable: 0, errors: [], durationMs: 0, releaseIds: [] };
    out.push(cur);
    forceStart = started = Date.now();
    toFetch = 0;
    return cur;
  };
  const progress = (s: BackfillForceSummary): void => {
    const done = s.fetched;
    const per = done ? (Date.now() - started) / done : 0;
    opts.onProgress?.({ forceId: s.forceId, done, toFetch, spoKept: s.spoKept, etaMs: Math.round(per * Math.max(0, toFetch - done)) });
  };
  for await (const ev of source) {
    switch (ev.type) {
      case 'force': {
        const s = summary(ev.forceId);
        Object.assign(s, { hosts: ev.hosts, captures: ev.captures, candidates: ev.candidates, fetchedBefore: ev.fetchedBefore, knownLive: ev.knownLive });
        toFetch = ev.toFetch;
        started = Date.now();
        log(`${ev.forceId}: ${ev.captures} capture(s) on ${ev.hosts.join(', ')}; ${ev.candidates} candidate page(s): ${ev.toFetch} to fetch, ${ev.fetchedBefore} fetched before, ${ev.knownLive} known live`);
        break;
      }
      case 'page': {
        const s = summary(ev.page.forceId);
        s.fetched++;
        try {
          const r = storeArchivedPage(store, ev.page, opts);
          if (r.outcome === 'spo') {
            if (r.releaseId) s.releaseIds.push(r.releaseId);
            if (r.event === 'new' || r.event === 'changed') s.spoKept++;
          } else if (r.outcome === 'not-spo') s.notSpo++;
          else {
            s.unreadable++;
            s.errors.push(`${ev.page.archived}: ${r.detail}`);
          }
        } catch (e) {
          s.errors.push(`${ev.page.archived}: could not be stored: ${(e as Error).message}`);
        }
        progress(s);
        break;
      }
      case 'dead': {
        const s = summary(ev.forceId);
        s.fetched++;
        s.dead++;
        recordDeadCapture(store, ev.candidate, ev.snapshot, ev.reason, opts.runId ?? null);
        progress(s);
        break;
      }
      case 'capture-error': {
        const s = summary(ev.forceId);
        s.fetched++;
        s.errors.push(ev.error);
        log(`${ev.forceId}: ${ev.error} (asked again next run)`);
        progress(s);
        break;
      }
      case 'force-error': {
        const s = summary(ev.forceId);
        s.ok = false;
        s.errors.unshift(ev.error);
        s.durationMs = Date.now() - forceStart;
        log(`${ev.forceId}: FAILED - ${ev.error}`);
        break;
      }
      case 'force-done': {
        const s = summary(ev.forceId);
        s.durationMs = Date.now() - forceStart;
        break;
      }
    }
  }
  try {
    resolveStoredOrders(store);
  } catch (e) {
    for (const s of out) if (s.releaseIds.length) s.errors.push(`orders not resolved: ${(e as Error).message}`);
  }
  return out;
}
