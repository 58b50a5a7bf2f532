// The live crawl of one force's site, on Crawlee's HttpCrawler: robots.txt first, then the listing
// pages newest first, each article handed to the pipeline's sink as a FetchedPage. A router with one
// handler per label (robots, listing, article); the state of the walk lives in this class.
import { Configuration, createHttpRouter, HttpCrawler, type HttpCrawlingContext } from '@crawlee/http';
import { canonicalUrl } from '../release/index.ts';
import { roomFor, type FetchedPage, type KnownPages, type PageSink, type PageSource, type SourceProgress, type SourceResult, type UnreadSink } from '../domain/pages.ts';
import { PLATFORMS, type ListingItem, type ListingPage, type SiteConfig, type PlatformScraper } from '../../scrapers/index.ts';
import { advertisedFeeds, changedSince, detectPlatform, findNewsListing, parseSitemap, sitemapsFromRobots } from '../../scrapers/generic/index.ts';
import { articleLimitProblem, loadFast, pageLimitProblem } from '../../scrapers/index.ts';
import { retryAfterMs, type OriginGates } from './gate.ts';
import type { UrlPolicy } from './security.ts';
import { decodeBody, limitResponse } from './http.ts';
import { FetchHttpClient, type RedirectCheck } from './client.ts';
import { InMemoryRequestQueue, requestManagerOption } from './request-queue.ts';
import { ForceFailedError, RequestRefusedError, RetryableStatusError, TooManyRedirectsError, UnexpectedStatusError } from './errors.ts';
import { NO_RULES, parseRobots, type RobotsRules } from './robots.ts';

/** Settings of a crawl, shared by every force of a run. */
export interface CrawlSettings {
  full: boolean;
  maxPages: number;
  dataDir: string;
  userAgent: string;
  maxRetries: number;
  retryBaseMs: number;
  maxRetryAfterMs: number;
  timeoutSecs: number;
  maxBytes: number;
  concurrency: number;
  /** Wall-clock budget of one force's crawl (ms): past it the crawl stops, in-flight requests aborted. */
  budgetMs: number;
}

/** What the forces of one run share: the URL policy, the per-origin gates and Crawl-delays. */
export interface CrawlShared {
  settings: CrawlSettings;
  policy: UrlPolicy;
  gates: OriginGates;
  crawlDelays: Map<string, number>;
}

/** One force's site as the crawl reads it. */
export interface SiteTarget {
  forceId: string;
  /** Origin the pages are fetched from (the force's own, or a mirror/replica given by --origin). */
  origin: string;
  scraper: PlatformScraper;
  /** The scraper's config; for the generic strategy without a known listing, `listingPath` is `/` (the home page names it). */
  config: SiteConfig;
  /**
   * A force listed as unknown (no platform): its home page is looked at first, and a known platform's
   * signs there switch the crawl to that platform's scraper (scrapers/generic/detect.ts).
   */
  detect?: boolean;
  /** Feeds known for the force (the generic strategy reads them; others come from the home page). */
  feeds?: string[];
}

type Label = 'robots' | 'listing' | 'article' | 'home' | 'sitemap' | 'feed';

interface ReqData {
  label: Label;
  page?: number;
  item?: ListingItem;
  /** A known release re-fetched to check it (full crawls). */
  recheck?: boolean;
  /** Set when the body was cut off at the size limit. */
  truncated?: boolean;
}

type Ctx = HttpCrawlingContext<ReqData>;

const ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5';

/** The live site of a force as a page source. */
export class LiveSiteSource implements PageSource {
  readonly via = 'live' as const;
  constructor(
    readonly target: SiteTarget,
    private readonly shared: CrawlShared,
  ) {}

  get forceId(): string {
    return this.target.forceId;
  }

  run(known: KnownPages, sink: PageSink, unread: UnreadSink, progress?: SourceProgress): Promise<SourceResult> {
    return new SiteCrawl(this.target, this.shared, known, sink, unread, progress).run();
  }
}

/** The state of one force's crawl (one run). */
class SiteCrawl {
  private readonly started = Date.now();
  private readonly result: SourceResult;
  private readonly settings: CrawlSettings;
  /** Slot tokens of this crawl on the origin's gate (several forces may share an origin). */
  private readonly owner: string;
  /** Newest publication date among releases settled before the last successful crawl. */
  private readonly settledNewest: string | null;
  /**
   * URLs never going to be fetched (refused by robots.txt or the URL policy): an unknown item older
   * than the newest settled one counts as settled only then. An article whose fetch failed stays
   * unknown, so the next incremental run pages down to it again and retries it instead of losing it.
   */
  private readonly unfetchable = new Set<string>();
  /** Every article listed in this run (canonical URLs). */
  private readonly listed = new Set<string>();
  /**
   * Every URL queued in this run, by label: nothing is fetched twice. (The URL strings themselves, not
   * a label|url key made for each: a backfill keeps tens of thousands.)
   */
  private readonly enqueued = new Map<Label, Set<string>>();
  private robots: RobotsRules | null = null;
  private listingPages = 0;
  private mismatches = 0;
  /** The scraper and its config: the target's, until platform detection or the home page says more. */
  private scraper: PlatformScraper;
  private config: SiteConfig;
  /** Generic discovery: sitemaps named by robots.txt and feeds, and what they (and listings) gave. */
  private sitemaps: string[] = [];
  private feeds: string[];
  private discoveryPages = 0;
  /** Article URLs seen on listings, sitemaps and feeds (known or not): none at all means nothing was found. */
  private articleLinks = 0;
  private articlesAccepted = 0;
  private fatal: string | null = null;
  /** Articles queued and not yet done, and the listing page waiting for them to drain. */
  private outstanding = 0;
  private deferredListing: { url: string; page: number } | null = null;
  private readonly lowWater: number;
  private readonly crawler: HttpCrawler<Ctx>;
  /** Aborts the requests in flight when the budget is spent. */
  private readonly abort = new AbortController();
  /** Set once the crawl is over (budget spent): late callbacks of aborted requests change nothing. */
  private stopped = false;

  constructor(
    private readonly target: SiteTarget,
    private readonly shared: CrawlShared,
    private readonly known: KnownPages,
    private readonly sink: PageSink,
    /** Articles not read: retried next run (kept by the pipeline, in the store), or not requested again. */
    private readonly unread: UnreadSink,
    private readonly progress?: SourceProgress,
  ) {
    this.settings = shared.settings;
    this.scraper = target.scraper;
    this.config = target.config;
    this.feeds = target.feeds ?? [];
    this.result = { forceId: target.forceId, ok: false, requests: 0, errors: [], durationMs: 0, newestPublished: null, strategy: target.scraper.id, detection: null, mismatched: false };
    this.owner = `${target.forceId}#${Math.random().toString(36).slice(2)}`;
    let newest: string | null = null;
    const lastSuccess = known.lastSuccess;
    if (lastSuccess) {
      for (const [, k] of known.entries()) if (k.firstSeen <= lastSuccess && k.published && (!newest || k.published > newest)) newest = k.published;
    }
    this.settledNewest = newest;
    // The listing walk waits for the articles: the next listing page is only queued once fewer than
    // `lowWater` articles are outstanding (enough to keep every slot busy until it is fetched), so a
    // backfill of any size holds a bounded queue in memory.
    this.lowWater = Math.max(20, 4 * this.settings.concurrency);
    this.crawler = this.createCrawler();
  }

  private createCrawler(): HttpCrawler<Ctx> {
    const s = this.settings;
    const router = createHttpRouter<Ctx>();
    router.use((ctx) => this.checkStatus(ctx));
    router.addHandler('robots', (ctx) => this.onRobots(ctx));
    router.addHandler('listing', (ctx) => this.onListing(ctx));
    router.addHandler('article', (ctx) => this.onArticle(ctx));
    router.addHandler('home', (ctx) => this.onHome(ctx));
    router.addHandler('sitemap', (ctx) => this.onDiscovery(ctx, (text, url) => this.readSitemap(url, text)));
    router.addHandler('feed', (ctx) => this.onDiscovery(ctx, (text, url) => this.readFeed(url, text)));
    // In memory only; system-info polling (which shells out for /proc/meminfo) slowed to once a minute.
    const config = new Configuration({ persistStorage: false, purgeOnStart: true, availableMemoryRatio: 0.5, systemInfoIntervalMillis: 60_000 });
    return new HttpCrawler<Ctx>(
      {
        ...requestManagerOption(new InMemoryRequestQueue()),
        minConcurrency: s.concurrency,
        maxConcurrency: s.concurrency,
        maxRequestRetries: s.maxRetries,
        httpClient: new FetchHttpClient(),
        useSessionPool: false,
        persistCookiesPerSession: false,
        retryOnBlocked: false,
        // The bytes reach decodeBody as sent: a Buffer-native encoding stops Crawlee transcoding the
        // stream by the header's charset first (a UTF-8 page sent as iso-8859-1 became "cafÃ©").
        forceResponseEncoding: 'latin1',
        navigationTimeoutSecs: s.timeoutSecs,
        requestHandlerTimeoutSecs: Math.ceil(s.maxRetryAfterMs / 1000) + s.timeoutSecs + 60,
        additionalMimeTypes: ['text/plain', 'application/rss+xml', 'application/atom+xml', 'application/xml', 'text/xml'],
        // 5xx are answered by the handlers (backoff, Retry-After), not by Crawlee's generic error.
        ignoreHttpErrorStatusCodes: Array.from({ length: 100 }, (_, i) => 500 + i),
        preNavigationHooks: [(ctx, options) => this.beforeRequest(ctx as unknown as Ctx, options as Record<string, unknown>)],
        postNavigationHooks: [(ctx) => this.limitBody(ctx as unknown as Ctx)],
        requestHandler: async (ctx) => {
          this.releaseSlot(ctx.request);
          if (this.stopped) return;
          await router(ctx);
        },
        errorHandler: (ctx, err) => (this.stopped ? this.releaseSlot(ctx.request) : this.onError(ctx as unknown as Ctx, err)),
        failedRequestHandler: (ctx, err) => (this.stopped ? this.releaseSlot(ctx.request) : this.onFailed(ctx as unknown as Ctx, err)),
      },
      config,
    );
  }

  async run(): Promise<SourceResult> {
    const { origin } = this.target;
    // The force's wall-clock budget: a slow-drip body, a robots.txt that never answers or a site
    // that pages without end costs at most this; the crawl then stops as it is, loudly.
    let budgetTimer: NodeJS.Timeout | undefined;
    const overBudget = new Promise<void>((resolve) => {
      budgetTimer = setTimeout(() => {
        const secs = Math.round(this.settings.budgetMs / 1000);
        this.warn(`stopped at its budget of ${secs} s, unfinished (${this.result.requests} requests made); the next run goes on from where this one stopped`);
        this.fail(`over its budget of ${secs} s: the crawl was stopped unfinished`);
        this.stopped = true;
        this.abort.abort(new Error(`the force's budget of ${secs} s is spent`));
        resolve();
      }, this.settings.budgetMs);
      budgetTimer.unref();
    });
    try {
      const robotsUrl = new URL('/robots.txt', origin).toString();
      await this.enqueue(robotsUrl, { label: 'robots' });
      await Promise.race([this.crawler.run(), overBudget]);
    } catch (e) {
      this.fail(`crawler failed: ${(e as Error).message}`);
    } finally {
      clearTimeout(budgetTimer);
      this.stopped = true;
      this.shared.gates.releaseAll(origin, `${this.owner}|`);
      await this.crawler.teardown().catch(() => {});
    }
    const generic = this.generic();
    if (!this.fatal && generic && this.articleLinks === 0 && (this.listingPages > 0 || this.discoveryPages > 0)) this.fail('the generic strategy found no article on the listing, sitemaps or feed');
    if (!this.fatal && this.listingPages === 0 && !(generic && this.discoveryPages > 0)) this.fail(generic ? 'no listing, sitemap or feed could be read' : 'no listing page could be read');
    // The generic strategy reads pages it was not written for: a few that are not articles are expected.
    if (!this.fatal && this.mismatches > 0 && (!generic || this.mismatches > this.articlesAccepted)) this.fail(`${this.mismatches} page(s) no longer match the ${this.scraper.id} scraper`);
    // Failed because the scraper does not match the pages (not because the site could not be reached).
    this.result.mismatched = !!this.fatal && !generic && this.mismatches > 0;
    this.result.strategy = this.scraper.id;
    if (this.fatal) this.result.errors.unshift(this.fatal);
    this.result.ok = !this.fatal;
    this.result.durationMs = Date.now() - this.started;
    return this.result;
  }

  // ---- the request's life: gate, checks, body limit ------------------------------------------

  private slotToken(request: { uniqueKey: string }): string {
    return `${this.owner}|${request.uniqueKey}`;
  }

  private releaseSlot(request: { uniqueKey: string }): void {
    this.shared.gates.release(this.target.origin, this.slotToken(request));
  }

  private async beforeRequest({ request }: Ctx, options: Record<string, unknown>): Promise<void> {
    const { policy, gates } = this.shared;
    const refusal = policy.refusal(request.url);
    if (refusal) throw new RequestRefusedError(`refused ${request.url}: ${refusal}`);
    await gates.acquire(this.target.origin, this.slotToken(request));
    if (this.stopped) throw new RequestRefusedError(`not fetched: the crawl of ${this.target.forceId} is over`);
    this.result.requests++;
    this.progress?.request();
    options.signal = this.abort.signal;
    options.headers = { ...(options.headers as object), 'user-agent': this.settings.userAgent, accept: ACCEPT };
    options.useHeaderGenerator = false;
    options.maxRedirects = 5;
    const redirectCheck: RedirectCheck = (_from, target) => {
      const why = policy.refusal(target) ?? (this.robots && !this.robots.allowed(target) ? 'disallowed by robots.txt' : null);
      if (why) throw new RequestRefusedError(`redirect from ${request.url} to ${target} refused: ${why}`);
    };
    options.redirectCheck = redirectCheck;
  }

  private limitBody(ctx: Ctx): void {
    const c = ctx as unknown as { response?: import('node:http').IncomingMessage };
    if (!c.response) return;
    c.response = limitResponse(c.response, this.settings.maxBytes, () => {
      ctx.request.userData.truncated = true;
    });
  }

  /** Before every handler: waits and retries that the status asks for. */
  private checkStatus({ request, response }: Ctx): void {
    const status = response.statusCode ?? 0;
    const { gates } = this.shared;
    const { origin } = this.target;
    const s = this.settings;
    if (request.userData.truncated) this.error(`${request.url}: response over ${s.maxBytes} bytes, cut off (not stored)`);
    if (status === 429 || status === 503) {
      const ra = retryAfterMs(response.headers['retry-after']);
      if (ra !== null && ra > s.maxRetryAfterMs) throw new ForceFailedError(`${status} with Retry-After ${Math.round(ra / 1000)} s (over the limit) on ${request.url}`);
      gates.notBefore(origin, Date.now() + (ra ?? backoff(s.retryBaseMs, request.retryCount)));
      throw new RetryableStatusError(`${status} ${status === 429 ? 'Too Many Requests' : 'Service Unavailable'}${ra !== null ? ` (Retry-After ${Math.round(ra / 1000)} s)` : ''}`);
    }
    if (status >= 500) {
      gates.notBefore(origin, Date.now() + backoff(s.retryBaseMs, request.retryCount));
      throw new RetryableStatusError(`${status} server error`);
    }
  }

  private onError({ request }: Ctx, err: Error): void {
    this.releaseSlot(request);
    if (err instanceof RequestRefusedError || err instanceof TooManyRedirectsError) {
      request.noRetry = true;
      return;
    }
    // Network errors, timeouts, 5xx: back off before the retry (Retry-After already set the gate).
    if (!(err instanceof RetryableStatusError)) this.shared.gates.notBefore(this.target.origin, Date.now() + backoff(this.settings.retryBaseMs, request.retryCount));
  }

  private async onFailed({ request }: Ctx, err: Error): Promise<void> {
    this.releaseSlot(request);
    const data = request.userData;
    const why = shortError(err);
    if (err instanceof ForceFailedError) this.fail(err.message);
    else if (data.label === 'robots') this.fail(`robots.txt could not be fetched (${why}); nothing fetched, as if it disallowed everything`);
    else if (data.label === 'listing' && (data.page ?? 1) === 1) this.fail(`listing ${request.url} failed: ${why}`);
    else this.error(`${data.label} ${request.url}: ${why}`);
    if (data.label === 'article') {
      if (data.item && !(err instanceof RequestRefusedError || err instanceof TooManyRedirectsError)) this.unread(data.item, why, true);
      await this.articleDone();
    }
  }

  // ---- handlers ------------------------------------------------------------------------------

  private async onRobots(ctx: Ctx): Promise<void> {
    const status = ctx.response.statusCode ?? 0;
    const { policy } = this.shared;
    // RFC 9309: a robots.txt answered with a 4xx means no rules.
    const robots = status >= 200 && status < 300 ? parseRobots(ctx.request.url, bodyText(ctx)) : NO_RULES;
    this.robots = robots;
    if (robots.crawlDelayMs) this.shared.crawlDelays.set(this.target.origin, Math.min(robots.crawlDelayMs, 60_000));
    if (status >= 200 && status < 300) this.sitemaps = sitemapsFromRobots(bodyText(ctx), ctx.request.url);
    // The home page: detection for a force listed as unknown, the news listing for the generic strategy.
    if (this.target.detect || (this.generic() && this.config.listingPath === '/')) {
      const home = new URL('/', this.target.origin).href;
      if (!policy.refusal(home) && robots.allowed(home)) return this.enqueue(home, { label: 'home' });
    }
    await this.start();
  }

  private generic(): boolean {
    return this.scraper.id === 'generic';
  }

  /** Queue the first pages: the listing (for the generic strategy also the sitemaps and feeds), then the articles to retry. */
  private async start(): Promise<void> {
    const { policy } = this.shared;
    const robots = this.robots!;
    const generic = this.generic();
    if (!generic || this.config.listingPath !== '/') {
      const first = this.scraper.listingUrl(this.config, 1);
      if (robots.allowed(first)) await this.enqueue(first, { label: 'listing', page: 1 });
      else if (!generic) throw new ForceFailedError(`robots.txt disallows the listing ${first}`);
      else this.error(`robots.txt disallows the listing ${first}`);
    }
    if (generic) {
      for (const url of this.sitemaps) if (!policy.refusal(url) && robots.allowed(url)) await this.enqueue(url, { label: 'sitemap' });
      for (const url of this.feeds) if (!policy.refusal(url) && robots.allowed(url)) await this.enqueue(url, { label: 'feed' });
    }
    // Articles whose fetch failed in an earlier run: retried first thing, since paging stops at known pages.
    const retry = this.known.retries().filter((i) => !policy.refusal(i.url) && robots.allowed(i.url));
    await this.enqueueAll(retry.map((p) => ({ url: p.url, data: { label: 'article', item: { ...p, summary: null } } })));
  }

  /** The home page: a known platform's signs (a force listed as unknown), else the news listing and feed it links to. */
  private async onHome(ctx: Ctx): Promise<void> {
    const status = ctx.response.statusCode ?? 0;
    if (status === 401 || status === 403) throw new ForceFailedError(`${status} Forbidden on ${ctx.request.url}: blocked by the site (403 wall?)`);
    if (status >= 200 && status < 300) {
      const html = bodyText(ctx);
      const tooMuch = pageLimitProblem(html);
      if (tooMuch) {
        this.error(`home ${ctx.request.url}: ${tooMuch}; not read`);
        return this.start();
      }
      this.discoveryPages++;
      const det = detectPlatform(html, ctx.request.url);
      if (this.target.detect) this.result.detection = { platform: det.platform, signs: det.signs };
      const formerHosts = this.config.formerHosts ? { formerHosts: this.config.formerHosts } : {};
      if (this.target.detect && det.platform && det.listingPath) {
        this.scraper = PLATFORMS[det.platform];
        this.config = { origin: this.target.origin, listingPath: det.listingPath, ...(Object.keys(det.settings).length ? { settings: det.settings } : {}), ...formerHosts };
      } else if (this.config.listingPath === '/') {
        const $ = loadFast(html);
        const listing = findNewsListing($, ctx.request.url);
        if (listing) this.config = { ...this.config, listingPath: new URL(listing).pathname + new URL(listing).search };
        if (!this.feeds.length) this.feeds = advertisedFeeds($, ctx.request.url).slice(0, 1);
      }
    } else this.error(`home ${ctx.request.url}: ${status}`);
    await this.start();
  }

  /** A sitemap or feed: a 404 or an unreadable one is an error, not the end of the force. */
  private async onDiscovery(ctx: Ctx, read: (text: string, url: string) => Promise<void>): Promise<void> {
    const status = ctx.response.statusCode ?? 0;
    if (status === 401 || status === 403) throw new ForceFailedError(`${status} Forbidden on ${ctx.request.url}: blocked by the site (403 wall?)`);
    if (status < 200 || status >= 300) return this.error(`${ctx.request.userData.label} ${ctx.request.url}: ${status}`);
    this.discoveryPages++;
    await read(bodyText(ctx), ctx.request.url);
  }

  /** A page found by discovery that is not known, or changed since the last run: to be fetched as an article. */
  private discovered(url: string, item: ListingItem, lastmod: number | null): { url: string; data: ReqData } | null {
    if (!this.scraper.isArticleUrl(url, this.config)) return null;
    this.articleLinks++;
    const canon = canonicalUrl(url);
    const k = this.known.get(canon);
    const lastSuccess = this.known.lastSuccess;
    const changed = lastmod !== null && !!lastSuccess && lastmod > Date.parse(lastSuccess);
    if (k && !changed && !(this.settings.full && k.isSpo)) return null;
    if (this.shared.policy.refusal(url) || !this.robots!.allowed(url) || this.refusedBefore(canon)) {
      this.unfetchable.add(canon);
      return null;
    }
    return { url, data: { label: 'article', item, ...(k ? { recheck: true } : {}) } };
  }

  /** A sitemap index queues the child sitemaps changed since the last run; a URL set, its new and changed articles. */
  private async readSitemap(url: string, xml: string): Promise<void> {
    let map: ReturnType<typeof parseSitemap>;
    try {
      map = parseSitemap(xml, url);
    } catch (e) {
      return this.error(`sitemap ${(e as Error).message}`);
    }
    if (map.kind === 'index') {
      const since = this.settings.full ? null : this.known.lastSuccess;
      const children = map.entries.filter((e) => changedSince(e, since) && !this.shared.policy.refusal(e.loc) && this.robots!.allowed(e.loc));
      return this.enqueueAll(children.map((e) => ({ url: e.loc, data: { label: 'sitemap' } })));
    }
    const reqs = map.entries.map((e) => this.discovered(e.loc, { url: e.loc, title: '', published: null, summary: null }, e.lastmod)).filter((r) => r !== null);
    await this.enqueueAll(reqs);
  }

  private async readFeed(url: string, xml: string): Promise<void> {
    const items = this.scraper.parseFeed(xml, url);
    for (const i of items) if (i.published && (!this.result.newestPublished || i.published > this.result.newestPublished)) this.result.newestPublished = i.published;
    await this.enqueueAll(items.map((i) => this.discovered(i.url, i, null)).filter((r) => r !== null));
  }

  private async onListing(ctx: Ctx): Promise<void> {
    const { request } = ctx;
    const status = ctx.response.statusCode ?? 0;
    if (status === 401 || status === 403) throw new ForceFailedError(`${status} Forbidden on ${request.url}: blocked by the site (403 wall?)`);
    if (status === 404 || status === 410) throw new ForceFailedError(`listing ${request.url}: ${status}`);
    if (status < 200 || status >= 300) throw new UnexpectedStatusError(`unexpected status ${status}`);
    await this.readListing(request.url, request.userData.page ?? 1, bodyText(ctx));
  }

  private async onArticle(ctx: Ctx): Promise<void> {
    const { request } = ctx;
    const data = request.userData;
    const status = ctx.response.statusCode ?? 0;
    if (status === 401 || status === 403) throw new ForceFailedError(`${status} Forbidden on ${request.url}: blocked by the site (403 wall?)`);
    if (status !== 404 && status !== 410 && (status < 200 || status >= 300)) throw new UnexpectedStatusError(`unexpected status ${status}`);
    const item = data.item!;
    const gone = status === 404 || status === 410;
    // An article cut off at the size cap is not stored, nor tried again in this run or by later
    // incremental ones: it would be cut again (an endless chunked body is a 5 MiB download each time).
    if (data.truncated && !gone) {
      const why = `over the size cap of ${this.settings.maxBytes} bytes, cut off and not stored`;
      this.warn(`article ${request.url} ${why}`);
      this.unread(item, why, false);
      return this.articleDone();
    }
    const html = gone ? '' : bodyText(ctx);
    // A page past the limits (nested thousands deep, thousands of links) is a failed page, not read:
    // reading it would block the event loop or overflow the stack. It is not the scraper's fault.
    const tooMuch = gone ? null : articleLimitProblem(html);
    if (tooMuch) {
      this.error(`article ${request.url}: ${tooMuch}; not read`);
      this.unread(item, tooMuch, false);
      return this.articleDone();
    }
    const page: FetchedPage = {
      forceId: this.target.forceId,
      url: item.url,
      finalUrl: request.loadedUrl ?? request.url,
      status,
      headers: ctx.response.headers,
      html,
      via: 'live',
      scraper: this.scraper.id,
      listed: { title: item.title, published: item.published },
    };
    const outcome = this.sink(page);
    if (outcome.kind === 'missing') this.error(`article ${request.url}: ${status}`);
    if (outcome.kind === 'mismatch') {
      // The pipeline keeps it to retry.
      this.mismatches++;
      this.error(outcome.reason);
      // Three article pages that do not match, and none that did: the scraper is broken, stop here.
      if (!this.generic() && this.mismatches >= 3 && this.articlesAccepted === 0) this.fail(`${this.mismatches} article pages no longer match the ${this.scraper.id} scraper (${outcome.reason})`);
    } else if (outcome.kind === 'accepted') this.articlesAccepted++;
    // The slot stays taken while the pipeline catches up: the crawl slows rather than fill memory.
    await roomFor(outcome);
    await this.articleDone();
  }

  private async readListing(url: string, page: number, html: string): Promise<void> {
    const { scraper, config } = this;
    const { policy } = this.shared;
    const full = this.settings.full;
    const tooMuch = pageLimitProblem(html);
    if (tooMuch) {
      // The walk cannot go on past a listing page it will not read.
      if (page === 1 && !this.generic()) throw new ForceFailedError(`listing ${url}: ${tooMuch}; not read`);
      return this.error(`listing ${url}: ${tooMuch}; not read, paging stopped`);
    }
    this.listingPages++;
    let parsed: ListingPage;
    try {
      parsed = scraper.parseListing(html, url, config);
    } catch (e) {
      this.mismatches++;
      throw new ForceFailedError(`listing ${url} could not be parsed: ${(e as Error).message}`);
    }
    if (parsed.items.length === 0) {
      const msg = `listing ${url} yielded no items (the scraper no longer matches the page?)`;
      // The generic strategy has other ways in (sitemaps, feeds): an empty listing is not the end.
      if (this.generic()) return this.error(msg);
      this.mismatches++;
      if (page === 1) throw new ForceFailedError(msg);
      this.error(msg);
      return;
    }
    this.articleLinks += parsed.items.length;
    // A listing that only repeats items already listed in this run (a page number past the end that
    // serves page 1 again, a loop) ends the walk.
    const fresh = parsed.items.filter((i) => !this.listed.has(canonicalUrl(i.url))).length;
    const articles: { url: string; data: ReqData }[] = [];
    for (const item of parsed.items) {
      const canon = canonicalUrl(item.url);
      this.listed.add(canon);
      if (item.published && (!this.result.newestPublished || item.published > this.result.newestPublished)) this.result.newestPublished = item.published;
      const k = this.known.get(canon);
      if (k && !(full && k.isSpo)) continue;
      if (this.refusedBefore(canon)) {
        this.unfetchable.add(canon);
        continue;
      }
      const refused = policy.refusal(item.url) ?? (this.robots!.allowed(item.url) ? null : 'disallowed by robots.txt');
      if (refused) {
        this.unfetchable.add(canon);
        this.error(`article ${item.url}: ${refused}, not fetched`);
        continue;
      }
      articles.push({ url: item.url, data: { label: 'article', item, ...(k ? { recheck: true } : {}) } });
    }
    await this.enqueueAll(articles);
    if (!full && parsed.items.every((i) => this.isSettled(i))) return;
    if (fresh === 0) {
      this.error(`listing ${url} repeats items already seen in this run; paging stopped`);
      return;
    }
    if (!parsed.nextPage) {
      // A full walk reached the end: known SPO releases no longer listed are fetched to check them.
      if (full) {
        const unlisted: { url: string; data: ReqData }[] = [];
        for (const [u, k] of this.known.entries()) {
          if (k.isSpo && !this.listed.has(u)) unlisted.push({ url: u, data: { label: 'article', item: { url: u, title: '', published: k.published, summary: null }, recheck: true } });
        }
        for (const a of unlisted) await this.enqueue(a.url, a.data);
      }
      return;
    }
    if (page >= this.settings.maxPages) {
      this.warn(`paging stopped at the page cap of ${this.settings.maxPages} listing pages (${parsed.nextPage} not read)`);
      return;
    }
    const why = policy.refusal(parsed.nextPage);
    if (why) return this.error(`next page ${parsed.nextPage} refused: ${why}`);
    if (!this.robots!.allowed(parsed.nextPage)) return this.error(`next page ${parsed.nextPage} disallowed by robots.txt`);
    await this.queueListing(parsed.nextPage, page + 1);
  }

  /**
   * Whether an earlier run refused the page (cut off at the size cap): an incremental run does not
   * request it again; a full run does, once.
   */
  private refusedBefore(canon: string): boolean {
    return !this.settings.full && this.known.refusal(canon) !== null;
  }

  /** Whether a listed item was settled before this run (paging stops at a page of settled items). */
  private isSettled(item: ListingItem): boolean {
    const lastSuccess = this.known.lastSuccess;
    if (!lastSuccess) return false;
    const canon = canonicalUrl(item.url);
    const k = this.known.get(canon);
    if (k && k.firstSeen <= lastSuccess) return true;
    return !k && this.unfetchable.has(canon) && !!item.published && !!this.settledNewest && item.published < this.settledNewest;
  }

  // ---- the queue -----------------------------------------------------------------------------

  private async queueListing(url: string, page: number): Promise<void> {
    if (this.outstanding < this.lowWater) await this.enqueue(url, { label: 'listing', page });
    else this.deferredListing = { url, page };
  }

  private async articleDone(): Promise<void> {
    this.outstanding--;
    if (this.deferredListing && this.outstanding < this.lowWater) {
      const next = this.deferredListing;
      this.deferredListing = null;
      await this.enqueue(next.url, { label: 'listing', page: next.page });
    }
  }

  private async enqueue(url: string, data: ReqData): Promise<void> {
    await this.enqueueAll([{ url, data }]);
  }

  /** Queue requests in one call (Crawlee validates each call, a real cost in a backfill). */
  private async enqueueAll(reqs: { url: string; data: ReqData }[]): Promise<void> {
    const batch = [];
    for (const { url, data } of reqs) {
      const why = this.shared.policy.refusal(url);
      if (why) {
        this.error(`${url} refused: ${why}`);
        continue;
      }
      let queued = this.enqueued.get(data.label);
      if (!queued) this.enqueued.set(data.label, (queued = new Set()));
      if (queued.has(url)) continue;
      queued.add(url);
      const key = `${data.label}|${url}`;
      if (data.label === 'article') this.outstanding++;
      batch.push({ url, uniqueKey: key, label: data.label, userData: { ...data } });
    }
    // The next listing page goes to the front of the queue: the articles it lists keep the slots busy,
    // where behind the articles already queued it would leave them idle while it is fetched.
    if (batch.length) await this.crawler.addRequests(batch, batch.every((r) => r.label === 'listing') ? { forefront: true } : {});
  }

  // ---- outcome -------------------------------------------------------------------------------

  /** The force failed: the first reason is kept and the crawl of this force stops. */
  private fail(msg: string): void {
    if (!this.fatal) this.fatal = msg;
    if (this.crawler) this.crawler.stop('force failed');
  }

  private error(msg: string): void {
    if (this.result.errors.length < 100) this.result.errors.push(msg);
    this.progress?.error();
  }

  /** A cap or the budget was hit: the force's summary and health say so (degraded, not ok). */
  private warn(msg: string): void {
    const w = (this.result.warnings ??= []);
    if (w.length < 20) w.push(msg);
    this.error(msg);
  }
}

/** The body of a response as text (see decodeBody). */
function bodyText(ctx: Ctx): string {
  const raw = ctx.body as string | Buffer | undefined;
  const type = ctx.response.headers['content-type'];
  return typeof raw === 'string' ? raw : decodeBody(raw ?? Buffer.alloc(0), Array.isArray(type) ? type[0] : type);
}

function backoff(baseMs: number, retry: number): number {
  const ms = baseMs * 2 ** Math.min(retry, 6);
  return Math.min(ms, 120_000) * (0.8 + Math.random() * 0.4);
}

function shortError(e: Error): string {
  return (e.message || String(e)).split('\n')[0]!.slice(0, 300);
}
