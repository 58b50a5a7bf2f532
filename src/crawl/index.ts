// The crawl stage: a fetcher. It walks each force's news listing politely (robots.txt, one request at
// a time per origin by default, Retry-After, backoff) and hands every article page to a sink
// (src/pipeline decides what the page is and stores it). It reads what is already known through the
// KnownPages interface and never touches the database; Crawlee's request queue lives in memory for one
// run only (nothing is written to a storage/ folder).
import { log as crawleeLog, LogLevel } from '@crawlee/http';
import { FORCE_SITES, isCrawlable, siteConfig, PLATFORMS, strategyOf, type ForceSite, type SiteConfig } from '../../scrapers/index.ts';
import type { PageSource } from '../domain/pages.ts';
import { FallbackSource } from './fallback.ts';
import { OriginGates } from './gate.ts';
import { UrlPolicy } from './security.ts';
import { DEFAULT_MAX_BYTES } from './http.ts';
import { LiveSiteSource, type CrawlShared } from './site.ts';

export { UrlPolicy, isPrivateAddress } from './security.ts';
export { decodeBody } from './http.ts';
export { LiveSiteSource } from './site.ts';
export { FallbackSource } from './fallback.ts';
export { checkForces, type ForceCheck, type Verdict } from './check.ts';

export const USER_AGENT = 'spo-tracker/0.1 (+https://github.com/spo-tracker/spo-tracker)';

export interface CrawlOptions {
  forces?: string[];
  /** The force table (the built-in one with a force file applied; default the built-in one). */
  sites?: readonly ForceSite[];
  /** --origin id=URL overrides: the force is fetched from this origin instead (a mirror, a replica). */
  origins?: Record<string, string>;
  full?: boolean;
  maxPages?: number;
  /** Pause between two requests to one origin (default 1000 ms). */
  delayMs?: number;
  /** Where the release documents go (what is to be retried is kept in the database, table crawl_pending). */
  dataDir?: string;
  userAgent?: string;
  /** Extra public host names that may be fetched besides the configured origins. */
  allowHosts?: string[];
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
  /**
   * Wall-clock budget of one force's crawl in seconds (default 30 minutes, 6 hours with --full): past
   * it the force stops unfinished, not ok, and the next run goes on from where it stopped.
   */
  forceBudgetSecs?: number;
}

/** Force ids to crawl: the given ones (validated), else every crawlable force. */
export function selectForces(ids: string[] | undefined, sites: readonly ForceSite[] = FORCE_SITES): ForceSite[] {
  if (!ids || ids.length === 0) return sites.filter(isCrawlable);
  return ids.map((id) => {
    const site = sites.find((s) => s.id === id);
    if (!site) throw new Error(`unknown force "${id}" (see \`spo forces\`)`);
    return site;
  });
}

/** The origin each force is fetched from: its --origin override, else its own. */
export function originsOf(sites: readonly ForceSite[], overrides: Record<string, string> = {}): Map<string, string> {
  return new Map(sites.map((s) => [s.id, new URL(overrides[s.id] ?? s.origin).origin]));
}

/**
 * One live source per force, sharing the run's politeness: a gate per origin (forces on one origin
 * take turns), the URL policy, robots.txt Crawl-delays. A force that cannot be crawled (no platform
 * or listing known) is returned in `uncrawlable` with the reason.
 */
export function liveSources(sites: readonly ForceSite[], opts: CrawlOptions & { log?: (line: string) => void } = {}): { sources: PageSource[]; uncrawlable: { forceId: string; reason: string }[] } {
  crawleeLog.setLevel(LogLevel.OFF);
  const origins = originsOf(sites, opts.origins);
  const crawlDelays = new Map<string, number>();
  const delayMs = opts.delayMs ?? 1000;
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const shared: CrawlShared = {
    settings: {
      full: opts.full ?? false,
      maxPages: opts.maxPages ?? 5000, // a safety net: real histories are a few hundred pages
      dataDir: opts.dataDir ?? 'data',
      userAgent: opts.userAgent ?? USER_AGENT,
      maxRetries: opts.maxRetries ?? 3,
      retryBaseMs: opts.retryBaseMs ?? 2000,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 300_000,
      timeoutSecs: opts.timeoutSecs ?? 30,
      maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
      concurrency,
      budgetMs: 1000 * (opts.forceBudgetSecs ?? (opts.full ? 6 * 3600 : 30 * 60)),
    },
    policy: new UrlPolicy([...origins.values()], opts.allowHosts ?? []),
    gates: new OriginGates({ delayFor: (origin) => Math.max(delayMs, crawlDelays.get(origin) ?? 0), slots: concurrency }),
    crawlDelays,
  };
  const sources: PageSource[] = [];
  const uncrawlable: { forceId: string; reason: string }[] = [];
  for (const site of sites) {
    if (!isCrawlable(site)) {
      uncrawlable.push({ forceId: site.id, reason: `not crawlable: ${site.note}` });
      continue;
    }
    const origin = origins.get(site.id)!;
    const strategy = strategyOf(site);
    const formerHosts = site.formerHosts.length ? { formerHosts: site.formerHosts } : {};
    // The generic strategy without a known listing starts from the home page, which names it.
    const genericConfig: SiteConfig = site.listingPath ? siteConfig(site, origin) : { origin, listingPath: '/', ...formerHosts };
    const feeds = site.feedUrl ? [new URL(new URL(site.feedUrl).pathname + new URL(site.feedUrl).search, origin).href] : [];
    const generic = (): LiveSiteSource => new LiveSiteSource({ forceId: site.id, origin, scraper: PLATFORMS.generic, config: genericConfig, feeds }, shared);
    if (strategy === 'generic') {
      // A force listed as unknown: its home page may show a known platform, whose scraper then reads it.
      // If the scraper of the platform it shows then stops matching, the generic strategy reads it after all.
      const detect = site.platform === null && site.strategy === 'auto';
      const source = new LiveSiteSource({ forceId: site.id, origin, scraper: PLATFORMS.generic, config: genericConfig, feeds, detect }, shared);
      sources.push(detect ? new FallbackSource(source, generic(), opts.log) : source);
      continue;
    }
    const primary = new LiveSiteSource({ forceId: site.id, origin, scraper: PLATFORMS[strategy], config: siteConfig(site, origin) }, shared);
    sources.push(site.strategy === 'platform' ? primary : new FallbackSource(primary, generic(), opts.log));
  }
  return { sources, uncrawlable };
}
