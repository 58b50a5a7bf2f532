// The crawler: every force's news listing, politely and incrementally, on Crawlee's CheerioCrawler.
// Public entry of the crawl stage. The SQLite store is the source of truth between runs; Crawlee's
// request queue lives in memory for one run only (nothing is written to a storage/ folder).
import { Configuration, log as crawleeLog, LogLevel, NonRetryableError, type CheerioCrawlingContext } from '@crawlee/cheerio';
import { createRequire } from 'node:module';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FORCE_SITES, forceSite, isCrawlable, platformConfig, PLATFORMS, type ForceSite, type ListingItem, type Platform, type PlatformForceConfig } from '../../scrapers/index.ts';
import { canonicalUrl, parseRelease, releaseId, serializeRelease } from '../release/index.ts';
import type { ReleaseFrontMatter } from '../domain/types.ts';
import { mayMentionSpo, mentionsSpo } from '../extract/relevance.ts';
import { extractRelease } from '../extract/index.ts';
import { processReleases, resolveStoredOrders } from '../pipeline/index.ts';
import type { SeenReleaseInput, Store } from '../store/index.ts';
import { OriginGates, retryAfterMs } from './gate.ts';
import { UrlPolicy } from './security.ts';
import { DEFAULT_MAX_BYTES, decodeBody, limitResponse, SpoCheerioCrawler } from './http.ts';
import { releasePath, safeSlug, writeFileAtomic } from './files.ts';
import { FetchHttpClient, type RedirectCheck } from './client.ts';

export { UrlPolicy, isPrivateAddress } from './security.ts';
export { releasePath, safeSlug, urlSlug, writeFileAtomic } from './files.ts';
export { decodeBody } from './http.ts';

export const USER_AGENT = 'spo-tracker/0.1 (+https://github.com/spo-tracker/spo-tracker)';
/** The product token matched against robots.txt user-agent lines. */
const ROBOTS_AGENT = 'spo-tracker';

export interface CrawlOptions {
  forces?: string[];
  /** --origin id=URL overrides: the force is fetched from this origin instead (a mirror, a replica). */
  origins?: Record<string, string>;
  full?: boolean;
  maxPages?: number;
  /** Pause between two requests to one origin (default 1000 ms). */
  delayMs?: number;
  dataDir?: string;
  runId?: number | null;
  userAgent?: string;
  /** Extra public host names that may be fetched besides the configured origins. */
  allowHosts?: string[];
  log?: (line: string) => void;
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** First retry backoff for 5xx and network errors, doubled each time (default 2000 ms). */
  retryBaseMs?: number;
  /** A Retry-After longer than this fails the request instead of waiting (default 300 s). */
  maxRetryAfterMs?: number;
  /** Per-request timeout (default 30 s). */
  timeoutSecs?: number;
  /** Responses are cut off past this many bytes (default 5 MiB). */
  maxBytes?: number;
  /** Requests in flight per origin (default 1: one at a time, the polite default). */
  concurrency?: number;
  /** Forces crawled at once (default: all of them; each waits on its own origin's gate). */
  parallelForces?: number;
}

export interface ForceCrawlResult {
  forceId: string;
  ok: boolean;
  requests: number;
  new: number;
  changed: number;
  unchanged: number;
  gone: number;
  seen: number;
  errors: string[];
  durationMs: number;
  newestPublished: string | null;
  releaseIds: string[];
}

export interface CrawlResult {
  forces: ForceCrawlResult[];
}

interface KnownRelease {
  releaseId: string;
  firstSeen: string;
  isSpo: boolean;
  published: string | null;
  documentPath: string | null;
}

type Label = 'robots' | 'listing' | 'article';

interface ReqData {
  label: Label;
  page?: number;
  item?: ListingItem;
  /** A known release re-fetched to check it (full crawls). */
  recheck?: boolean;
}

class RetryableError extends Error {}
/** Ends the crawl of a force (403 wall, robots.txt disallowing the listing, a listing that no longer parses). */
class FatalForceError extends NonRetryableError {}
/** Ends one request without retries (refused URL or redirect). */
class FatalRequest extends NonRetryableError {}

interface PendingArticle {
  url: string;
  title: string;
  published: string | null;
  failures: number;
}

/** Ordinary releases recorded per transaction. */
const SEEN_BATCH = 200;

/** Runs in which an article may fail before it is dropped from the retry list (and reported). */
const MAX_PENDING_FAILURES = 5;

const pendingFile = (dataDir: string, forceId: string): string => join(dataDir, 'crawl-state', `${safeSlug(forceId, 60)}.pending.json`);

function loadPending(dataDir: string, forceId: string): Map<string, PendingArticle> {
  try {
    const list = JSON.parse(readFileSync(pendingFile(dataDir, forceId), 'utf8')) as PendingArticle[];
    return new Map(list.filter((p) => typeof p?.url === 'string').map((p) => [canonicalUrl(p.url), p]));
  } catch {
    return new Map();
  }
}

function savePending(dataDir: string, forceId: string, pending: Map<string, PendingArticle>): void {
  const file = pendingFile(dataDir, forceId);
  if (pending.size === 0) rmSync(file, { force: true });
  else writeFileAtomic(file, JSON.stringify([...pending.values()], null, 2) + '\n');
}

/** Force ids to crawl: the given ones (validated), else every crawlable force. */
export function selectForces(ids: string[] | undefined): ForceSite[] {
  if (!ids || ids.length === 0) return FORCE_SITES.filter(isCrawlable);
  return ids.map((id) => {
    const site = forceSite(id);
    if (!site) throw new Error(`unknown force "${id}" (see \`spo forces\`)`);
    return site;
  });
}

/** Crawl the forces; per-force failures are reported in the result, never thrown. */
export async function crawl(store: Store, opts: CrawlOptions = {}): Promise<CrawlResult> {
  crawleeLog.setLevel(LogLevel.OFF);
  const sites = selectForces(opts.forces);
  const log = opts.log ?? (() => {});
  const origins = new Map<string, string>();
  for (const s of sites) origins.set(s.id, new URL(opts.origins?.[s.id] ?? s.origin).origin);
  const policy = new UrlPolicy([...origins.values()], opts.allowHosts ?? []);
  const crawlDelays = new Map<string, number>();
  const delayMs = opts.delayMs ?? 1000;
  const gates = new OriginGates({ delayFor: (origin) => Math.max(delayMs, crawlDelays.get(origin) ?? 0), slots: opts.concurrency ?? 1 });
  store.upsertForces(
    FORCE_SITES.map((f) => ({ force_id: f.id, name: f.name, platform: f.platform, origin: origins.get(f.id) ?? f.origin, crawlable: isCrawlable(f) })),
  );

  const results: ForceCrawlResult[] = new Array(sites.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sites.length) {
      const i = next++;
      const site = sites[i]!;
      const r = await crawlForce(store, site, origins.get(site.id)!, { opts, policy, gates, crawlDelays, log });
      store.recordForceHealth(site.id, r.ok, r.newestPublished, r.ok ? null : (r.errors[0] ?? 'failed'));
      log(
        `${site.id}: ${r.ok ? 'ok' : 'FAILED'} - ${r.requests} requests, ${r.new} new, ${r.changed} changed, ${r.unchanged} unchanged, ` +
          `${r.gone} gone, ${r.seen} seen` + (r.errors.length ? `; ${r.errors.length} error(s): ${r.errors[0]}` : ''),
      );
      results[i] = r;
    }
  };
  // Forces wait on their origins' gates, not on the CPU: crawling them all at once keeps a polite run
  // as short as its busiest origin allows.
  const n = Math.max(1, Math.min(opts.parallelForces ?? sites.length, sites.length));
  await Promise.all(Array.from({ length: n }, worker));
  // Orders are resolved once per crawl, over everything stored (also what a killed run left unresolved).
  try {
    resolveStoredOrders(store);
  } catch (e) {
    log(`the orders could not be resolved: ${(e as Error).message}`);
    for (const r of results) if (r.releaseIds.length) r.errors.push(`orders not resolved: ${(e as Error).message}`);
  }
  return { forces: results };
}

interface RobotsRules {
  allowed(url: string): boolean;
  crawlDelayMs: number | null;
}

interface RunShared {
  opts: CrawlOptions;
  policy: UrlPolicy;
  gates: OriginGates;
  crawlDelays: Map<string, number>;
  log: (line: string) => void;
}

function loadKnown(store: Store, forceId: string): Map<string, KnownRelease> {
  const rows = store.db
    .prepare("SELECT release_id, url, first_seen_at, is_spo, published, document_path FROM releases WHERE force_id = ? AND url IS NOT NULL AND source <> 'archive'")
    .all(forceId) as { release_id: string; url: string; first_seen_at: string; is_spo: number | null; published: string | null; document_path: string | null }[];
  return new Map(
    rows.map((r) => [r.url, { releaseId: r.release_id, firstSeen: r.first_seen_at, isSpo: r.is_spo === 1, published: r.published, documentPath: r.document_path }]),
  );
}

async function crawlForce(store: Store, site: ForceSite, origin: string, shared: RunShared): Promise<ForceCrawlResult> {
  const started = Date.now();
  const { opts, policy, gates, log } = shared;
  const result: ForceCrawlResult = {
    forceId: site.id, ok: false, requests: 0, new: 0, changed: 0, unchanged: 0, gone: 0, seen: 0, errors: [], durationMs: 0, newestPublished: null, releaseIds: [],
  };
  const finish = (): ForceCrawlResult => {
    result.durationMs = Date.now() - started;
    return result;
  };
  if (!isCrawlable(site) || !site.platform) {
    result.errors.push(`not crawlable: ${site.note}`);
    return finish();
  }
  const platform: Platform = PLATFORMS[site.platform];
  const cfg: PlatformForceConfig = platformConfig(site, origin);
  const full = opts.full ?? false;
  const maxPages = opts.maxPages ?? 5000; // a safety net: real histories are a few hundred pages
  const dataDir = opts.dataDir ?? 'data';
  const maxRetries = opts.maxRetries ?? 3;
  const retryBase = opts.retryBaseMs ?? 2000;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 300_000;
  const timeoutSecs = opts.timeoutSecs ?? 30;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const ua = opts.userAgent ?? USER_AGENT;
  const owner = `${site.id}#${Math.random().toString(36).slice(2)}`;

  // What is settled: releases known before the last successful crawl of this force. Items first seen
  // in a run that did not finish (killed, failed) do not stop paging, so such a run is completed next time.
  const known = loadKnown(store, site.id);
  const forceRow = store.forces().find((f) => f.force_id === site.id);
  const lastSuccess = forceRow?.last_success_at ?? null;
  let settledNewest: string | null = null;
  for (const k of known.values()) {
    if (lastSuccess && k.firstSeen <= lastSuccess && k.published && (!settledNewest || k.published > settledNewest)) settledNewest = k.published;
  }
  // An unknown item older than the newest settled one counts as settled only when it is never going to
  // be fetched (refused by robots.txt or the URL policy). An article whose fetch failed stays unknown, so
  // the next incremental run pages down to it again and retries it instead of losing it.
  const unfetchable = new Set<string>();
  // Articles whose fetch failed in an earlier run: retried first thing, since paging stops at known pages.
  const pending = loadPending(dataDir, site.id);
  const keepPending = (item: ListingItem): void => {
    const canon = canonicalUrl(item.url);
    const p = pending.get(canon);
    pending.set(canon, { url: item.url, title: item.title, published: item.published, failures: (p?.failures ?? 0) + 1 });
  };
  const isSettled = (item: ListingItem): boolean => {
    if (!lastSuccess) return false;
    const canon = canonicalUrl(item.url);
    const k = known.get(canon);
    if (k && k.firstSeen <= lastSuccess) return true;
    return !k && unfetchable.has(canon) && !!item.published && !!settledNewest && item.published < settledNewest;
  };

  // Ordinary releases are recorded as seen in batches, one transaction each: one per page was most of
  // the store's cost in a backfill. A killed run loses at most a batch, fetched again next time.
  const seenBuffer: SeenReleaseInput[] = [];
  const flushSeen = (): void => {
    if (seenBuffer.length) store.storeSeen(seenBuffer.splice(0));
  };
  const slotToken = (request: { uniqueKey: string }): string => `${owner}|${request.uniqueKey}`;
  let fatal: string | null = null;
  let stopCrawler = (): void => {};
  const fail = (msg: string): void => {
    if (!fatal) fatal = msg;
    stopCrawler();
  };
  const error = (msg: string): void => {
    if (result.errors.length < 100) result.errors.push(msg);
  };
  let robots: RobotsRules | null = null;
  let listingPages = 0;
  let mismatches = 0;
  const listed = new Set<string>();
  const enqueued = new Set<string>();

  // In memory only; system-info polling (which shells out for /proc/meminfo) slowed to once a minute.
  const config = new Configuration({ persistStorage: false, purgeOnStart: true, availableMemoryRatio: 0.5, systemInfoIntervalMillis: 60_000 });
  const crawler: SpoCheerioCrawler = new SpoCheerioCrawler(
    {
      minConcurrency: Math.max(1, opts.concurrency ?? 1),
      maxConcurrency: Math.max(1, opts.concurrency ?? 1),
      maxRequestRetries: maxRetries,
      httpClient: new FetchHttpClient(),
      useSessionPool: false,
      persistCookiesPerSession: false,
      retryOnBlocked: false,
      navigationTimeoutSecs: timeoutSecs,
      requestHandlerTimeoutSecs: Math.ceil(maxRetryAfter / 1000) + timeoutSecs + 60,
      additionalMimeTypes: ['text/plain', 'application/rss+xml', 'application/atom+xml', 'application/xml', 'text/xml'],
      ignoreHttpErrorStatusCodes: Array.from({ length: 100 }, (_, i) => 500 + i),
      preNavigationHooks: [
        async ({ request }, gotOptions) => {
          const refusal = policy.refusal(request.url);
          if (refusal) {
            request.noRetry = true;
            throw new FatalRequest(`refused ${request.url}: ${refusal}`);
          }
          await gates.acquire(origin, slotToken(request));
          result.requests++;
          const o = gotOptions as Record<string, unknown>;
          o.headers = { ...(o.headers as object), 'user-agent': ua, accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5' };
          o.useHeaderGenerator = false;
          o.maxRedirects = 5;
          const redirectCheck: RedirectCheck = (_from, target) => {
            const why = policy.refusal(target);
            if (why) {
              request.noRetry = true;
              throw new FatalRequest(`redirect from ${request.url} to ${target} refused: ${why}`);
            }
            if (robots && !robots.allowed(target)) {
              request.noRetry = true;
              throw new FatalRequest(`redirect from ${request.url} to ${target} refused: disallowed by robots.txt`);
            }
          };
          o.redirectCheck = redirectCheck;
        },
      ],
      postNavigationHooks: [
        (ctx) => {
          const c = ctx as unknown as { response: import('node:http').IncomingMessage; request: { url: string; userData: Record<string, unknown> } };
          if (!c.response) return;
          c.response = limitResponse(c.response, maxBytes, () => {
            c.request.userData.truncated = true;
          });
        },
      ],
      requestHandler: async (ctx) => {
        gates.release(origin, slotToken(ctx.request));
        await handle(ctx);
        if ((ctx.request.userData as ReqData).label === 'article') await articleDone();
      },
      errorHandler: async ({ request }, err) => {
        gates.release(origin, slotToken(request));
        if (/Redirected \d+ times|refused/i.test(err.message)) {
          request.noRetry = true;
          return;
        }
        // Network errors, timeouts, 5xx: back off before the retry (Retry-After already set the gate).
        if (!(err instanceof RetryableError)) gates.notBefore(origin, Date.now() + backoff(retryBase, request.retryCount));
      },
      failedRequestHandler: async ({ request }, err) => {
        gates.release(origin, slotToken(request));
        const data = request.userData as ReqData;
        const msg = `${data.label} ${request.url}: ${shortError(err)}`;
        if (err instanceof FatalForceError) fail(err.message);
        else if (data.label === 'robots') fail(`robots.txt could not be fetched (${shortError(err)}); nothing fetched, as if it disallowed everything`);
        else if (data.label === 'listing' && (data.page ?? 1) === 1) fail(`listing ${request.url} failed: ${shortError(err)}`);
        else error(msg);
        if (data.label === 'article' && data.item && !(err instanceof FatalRequest) && !/refused|Redirected \d+ times/i.test(err.message)) keepPending(data.item);
        if (data.label === 'article') await articleDone();
      },
    },
    config,
  );
  stopCrawler = () => crawler.stop('force failed');

  async function handle(ctx: CheerioCrawlingContext): Promise<void> {
    const { request, response } = ctx;
    const data = request.userData as ReqData;
    const status = response.statusCode ?? 0;
    const raw = (ctx as unknown as { body: string | Buffer }).body;
    const text = typeof raw === 'string' ? raw : decodeBody(raw ?? Buffer.alloc(0));
    const truncated = request.userData.truncated === true;
    if (truncated) error(`${request.url}: response over ${maxBytes} bytes, cut off (not stored)`);

    if (status === 429 || status === 503) {
      const ra = retryAfterMs(response.headers['retry-after']);
      if (ra !== null && ra > maxRetryAfter) throw new FatalForceError(`${status} with Retry-After ${Math.round(ra / 1000)} s (over the limit) on ${request.url}`);
      gates.notBefore(origin, Date.now() + (ra ?? backoff(retryBase, request.retryCount)));
      throw new RetryableError(`${status} ${status === 429 ? 'Too Many Requests' : 'Service Unavailable'}${ra !== null ? ` (Retry-After ${Math.round(ra / 1000)} s)` : ''}`);
    }
    if (status >= 500) {
      gates.notBefore(origin, Date.now() + backoff(retryBase, request.retryCount));
      throw new RetryableError(`${status} server error`);
    }

    if (data.label === 'robots') {
      if (status >= 200 && status < 300) robots = parseRobots(request.url, text);
      else robots = { allowed: () => true, crawlDelayMs: null }; // RFC 9309: 4xx means no rules.
      if (robots.crawlDelayMs) shared.crawlDelays.set(origin, Math.min(robots.crawlDelayMs, 60_000));
      const first = platform.listingUrl(cfg, 1);
      if (!robots.allowed(first)) throw new FatalForceError(`robots.txt disallows the listing ${first}`);
      await enqueue(first, { label: 'listing', page: 1 });
      for (const p of pending.values()) {
        if (!policy.refusal(p.url) && robots.allowed(p.url)) await enqueue(p.url, { label: 'article', item: { url: p.url, title: p.title, published: p.published, summary: null } });
      }
      return;
    }

    if (status === 401 || status === 403) {
      throw new FatalForceError(`${status} Forbidden on ${request.url}: blocked by the site (403 wall?)`);
    }
    if (status === 404 || status === 410) {
      if (data.label === 'article') {
        const k = known.get(canonicalUrl(request.url));
        if (k) result.gone += store.markGone([k.releaseId], opts.runId ?? null);
        else error(`article ${request.url}: ${status}`);
        pending.delete(canonicalUrl(request.url));
        return;
      }
      throw new FatalForceError(`listing ${request.url}: ${status}`);
    }
    if (status < 200 || status >= 300) {
      request.noRetry = true;
      throw new Error(`unexpected status ${status}`);
    }

    if (data.label === 'listing') return handleListing(request.url, data.page ?? 1, text);
    // A cut-off article is never recorded (not even as seen): the next run tries it again.
    if (data.label === 'article' && truncated && data.item) keepPending(data.item);
    if (data.label === 'article' && !truncated) return handleArticle(request.url, data, text);
  }

  async function handleListing(url: string, page: number, html: string): Promise<void> {
    listingPages++;
    let parsed;
    try {
      parsed = platform.parseListing(html, url, cfg);
    } catch (e) {
      mismatches++;
      throw new FatalForceError(`listing ${url} could not be parsed: ${(e as Error).message}`);
    }
    if (parsed.items.length === 0) {
      mismatches++;
      const msg = `listing ${url} yielded no items (the scraper no longer matches the page?)`;
      if (page === 1) throw new FatalForceError(msg);
      error(msg);
      return;
    }
    // A listing that only repeats items already listed in this run (a page number past the end that
    // serves page 1 again, a loop) ends the walk.
    const fresh = parsed.items.filter((i) => !listed.has(canonicalUrl(i.url))).length;
    const articles: { url: string; data: ReqData }[] = [];
    for (const item of parsed.items) {
      const canon = canonicalUrl(item.url);
      listed.add(canon);
      if (item.published && (!result.newestPublished || item.published > result.newestPublished)) result.newestPublished = item.published;
      const k = known.get(canon);
      if (k && !(full && k.isSpo)) continue;
      const refused = policy.refusal(item.url) ?? (robots!.allowed(item.url) ? null : 'disallowed by robots.txt');
      if (refused) {
        unfetchable.add(canon);
        error(`article ${item.url}: ${refused}, not fetched`);
        continue;
      }
      articles.push({ url: item.url, data: { label: 'article', item, ...(k ? { recheck: true } : {}) } });
    }
    await enqueueAll(articles);
    const settled = !full && parsed.items.every(isSettled);
    if (settled) return;
    if (fresh === 0) {
      error(`listing ${url} repeats items already seen in this run; paging stopped`);
      return;
    }
    if (!parsed.nextPage) {
      // A full walk reached the end: known SPO releases no longer listed are fetched to check them.
      if (full) {
        for (const [u, k] of known) {
          if (k.isSpo && !listed.has(u)) await enqueue(u, { label: 'article', item: { url: u, title: '', published: k.published, summary: null }, recheck: true });
        }
      }
      return;
    }
    if (page >= maxPages) return;
    const why = policy.refusal(parsed.nextPage);
    if (why) return error(`next page ${parsed.nextPage} refused: ${why}`);
    if (!robots!.allowed(parsed.nextPage)) return error(`next page ${parsed.nextPage} disallowed by robots.txt`);
    await queueListing(parsed.nextPage, page + 1);
  }

  async function handleArticle(url: string, data: ReqData, html: string): Promise<void> {
    const item = data.item!;
    let article;
    try {
      article = platform.parseArticle(html, url);
    } catch (e) {
      mismatches++;
      keepPending(item);
      return error(`article ${url} could not be parsed: ${(e as Error).message}`);
    }
    // Most releases are not about SPOs: one regular expression over the raw page settles that, and the
    // body (furniture stripping, Markdown) is only built for the few that may be.
    const mayBeSpo = mayMentionSpo(html);
    if (!article.title || (mayBeSpo && article.bodyMarkdown.trim().length < 20)) {
      mismatches++;
      keepPending(item);
      return error(`article ${url} does not match the scraper (no title or no text)`);
    }
    const canon = canonicalUrl(item.url);
    pending.delete(canon);
    const published = article.published ?? item.published;
    const title = article.title;
    const frontMatter = (): ReleaseFrontMatter => {
      const fm: ReleaseFrontMatter = { title, url: canon, force: site.name };
      if (published) fm.published = published;
      if (Object.keys(article.og).length) fm.og = article.og;
      return fm;
    };
    const candidate = mayBeSpo && mentionsSpo(`${title}\n${article.description ?? ''}\n${article.bodyMarkdown}`);
    let isSpo = false;
    if (candidate) {
      const probe = parseRelease(serializeRelease(frontMatter(), article.bodyMarkdown), `${canon}.md`);
      isSpo = extractRelease(probe).is_spo;
    }
    const k = known.get(canon);
    if (!isSpo) {
      if (!k) {
        const id = releaseId(site.id, canon, '');
        seenBuffer.push({ releaseId: id, forceId: site.id, url: canon, title, published });
        if (seenBuffer.length >= SEEN_BATCH) flushSeen();
        result.seen++;
        known.set(canon, { releaseId: id, firstSeen: new Date().toISOString(), isSpo: false, published, documentPath: null });
      }
      return;
    }
    const path = releasePath(dataDir, site.id, published, canon, k?.documentPath ?? null);
    const text = serializeRelease(frontMatter(), article.bodyMarkdown);
    writeFileAtomic(path, text);
    const doc = parseRelease(text, path);
    const [processed] = processReleases(store, [doc], { forceId: site.id, runId: opts.runId ?? null, source: 'crawl', resolveOrders: false });
    if (!processed) return;
    result[processed.event === 'gone' ? 'gone' : processed.event]++;
    result.releaseIds.push(processed.releaseId);
    known.set(canon, { releaseId: processed.releaseId, firstSeen: k?.firstSeen ?? new Date().toISOString(), isSpo: true, published, documentPath: path });
    if (processed.event !== 'unchanged') log(`${site.id}: ${processed.event} SPO release ${canon}`);
  }

  // The listing walk waits for the articles: the next listing page is only queued once fewer than
  // `lowWater` articles are outstanding (enough to keep every slot busy until it is fetched), so a
  // backfill of any size holds a bounded queue in memory.
  let outstanding = 0;
  let deferredListing: { url: string; page: number } | null = null;
  const lowWater = Math.max(20, 4 * Math.max(1, opts.concurrency ?? 1));
  async function queueListing(url: string, page: number): Promise<void> {
    if (outstanding < lowWater) await enqueue(url, { label: 'listing', page });
    else deferredListing = { url, page };
  }
  async function articleDone(): Promise<void> {
    outstanding--;
    if (deferredListing && outstanding < lowWater) {
      const next = deferredListing;
      deferredListing = null;
      await enqueue(next.url, { label: 'listing', page: next.page });
    }
  }

  async function enqueue(url: string, data: ReqData): Promise<void> {
    await enqueueAll([{ url, data }]);
  }

  /** Queue requests in one call (Crawlee validates and stores per call, a real cost in a backfill). */
  async function enqueueAll(reqs: { url: string; data: ReqData }[]): Promise<void> {
    const batch = [];
    for (const { url, data } of reqs) {
      const why = policy.refusal(url);
      if (why) {
        error(`${url} refused: ${why}`);
        continue;
      }
      const key = `${data.label}|${url}`;
      if (enqueued.has(key)) continue;
      enqueued.add(key);
      if (data.label === 'article') outstanding++;
      batch.push({ url, uniqueKey: key, userData: { ...data } });
    }
    if (!batch.length) return;
    // Not `forefront`: the memory storage keeps forefront ids in a list that outlives their requests.
    await crawler.addRequests(batch);
  }

  try {
    await trimRequestQueue(crawler);
    const robotsUrl = new URL('/robots.txt', origin).toString();
    await crawler.run([{ url: robotsUrl, uniqueKey: `robots|${robotsUrl}`, userData: { label: 'robots' } }]);
  } catch (e) {
    fail(`crawler failed: ${(e as Error).message}`);
  } finally {
    gates.releaseAll(origin, `${owner}|`);
    try {
      flushSeen();
    } catch (e) {
      fail(`could not record the releases seen: ${(e as Error).message}`);
    }
    await crawler.teardown().catch(() => {});
  }
  for (const [u, p] of pending) {
    if (p.failures >= MAX_PENDING_FAILURES) {
      pending.delete(u);
      error(`article ${p.url}: given up after ${p.failures} failed runs`);
    }
  }
  try {
    savePending(dataDir, site.id, pending);
  } catch (e) {
    error(`could not save the list of articles to retry: ${(e as Error).message}`);
  }
  if (!fatal && listingPages === 0) fail('no listing page could be read');
  if (!fatal && mismatches > 0) fail(`${mismatches} page(s) no longer match the ${site.platform} scraper`);
  if (fatal) result.errors.unshift(fatal);
  result.ok = !fatal;
  return finish();
}


/**
 * Keep Crawlee's in-memory request queue small, whatever the size of the crawl:
 * - each request is dropped from the memory storage once handled: the storage keeps handled requests
 *   and walks past all of them every time it looks for the next ones, which made a 20,000-page
 *   backfill spend most of its time there (quadratic);
 * - its caches are capped: a million-slot deduplication table (16 MB per queue, so per force crawled
 *   at once) and an unbounded cache of every request's id. Duplicates are still refused: every URL
 *   the crawl queues is remembered in its own `enqueued` set.
 */
async function trimRequestQueue(crawler: SpoCheerioCrawler): Promise<void> {
  const queue = await crawler.getRequestQueue();
  const caches = queue as unknown as { requestCache?: { maxLength: number }; requestSeenCache?: object };
  if (caches.requestCache && typeof caches.requestCache.maxLength === 'number') caches.requestCache.maxLength = 2_000;
  const Seen = caches.requestSeenCache?.constructor as (new (size: number) => object) | undefined;
  if (Seen) caches.requestSeenCache = new Seen(10_007);
  const markHandled = queue.markRequestHandled.bind(queue);
  queue.markRequestHandled = async (request) => {
    const info = await markHandled(request);
    if (request.id) await queue.client.deleteRequest(request.id).catch(() => {});
    return info;
  };
}

function backoff(baseMs: number, retry: number): number {
  const ms = baseMs * 2 ** Math.min(retry, 6);
  return Math.min(ms, 120_000) * (0.8 + Math.random() * 0.4);
}

function shortError(e: Error): string {
  return (e.message || String(e)).split('\n')[0]!.slice(0, 300);
}

interface RobotsTxt {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, text: string) => RobotsTxt;

function parseRobots(url: string, text: string): RobotsRules {
  const r = robotsParser(url, text);
  const delay = r.getCrawlDelay(ROBOTS_AGENT);
  return {
    // robots-parser answers undefined for URLs of another origin: those are not ours to fetch.
    allowed: (u: string) => r.isAllowed(u, ROBOTS_AGENT) === true,
    crawlDelayMs: typeof delay === 'number' && delay > 0 ? delay * 1000 : null,
  };
}
