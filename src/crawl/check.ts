// `spo check`: a live look at each force's site for operators, politely (robots.txt, the home page when
// the platform is unknown, one listing page, one article: five requests at most, one at a time per site).
// It says how the force is read and whether that still works: ok, degraded (read, but the scraper no
// longer matches and the generic strategy reads it, or a field is missing), or broken (blocked, gone, or
// nothing readable), with the reason. No database here: the caller records the verdicts.
import { createRequire } from 'node:module';
import { PLATFORMS, siteConfig, strategyOf, type ForceSite, type PlatformId, type SiteConfig } from '../../scrapers/index.ts';
import { detectPlatform, findNewsListing, parseSitemap, sitemapsFromRobots, type Detection } from '../../scrapers/generic/index.ts';
import { loadFast } from '../../scrapers/index.ts';
import { UrlPolicy } from './security.ts';
import { decodeBody } from './http.ts';
import type { Verdict } from '../domain/run.ts';

export type { Verdict } from '../domain/run.ts';

/** What the article page gave. */
export interface ArticleFields {
  title: boolean;
  date: boolean;
  body: boolean;
}

export interface ForceCheck {
  forceId: string;
  origin: string;
  /** How the force is read: a platform id, or `generic`. */
  strategy: PlatformId;
  detection: Detection | null;
  robots: 'ok' | 'none' | 'blocked' | 'error';
  listingUrl: string | null;
  /** Article items the strategy finds on the listing page. */
  items: number;
  articleUrl: string | null;
  article: ArticleFields | null;
  /** When the platform's scraper fails: what the generic strategy makes of the same pages. */
  generic: { items: number; article: ArticleFields | null } | null;
  requests: number;
  verdict: Verdict;
  reason: string;
}

export interface CheckOptions {
  /** The force table (a force file applied) and the forces to check. */
  sites: readonly ForceSite[];
  /** Other origins (a mirror, the replica), by force id. */
  origins?: Record<string, string>;
  /** Pause between two requests to one site (default 1000 ms). */
  delayMs?: number;
  userAgent?: string;
  timeoutMs?: number;
  /** Forces checked at once (default 4; each site is still asked one thing at a time). */
  parallel?: number;
  log?: (line: string) => void;
}

const UA = 'spo-tracker/0.1 (+https://github.com/spo-tracker/spo-tracker)';
const MIN_BODY = 100;
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, text: string) => { isAllowed(u: string, ua?: string): boolean | undefined };

interface Got {
  status: number;
  url: string;
  text: string;
}

class Fetcher {
  requests = 0;
  private last = 0;
  constructor(private readonly policy: UrlPolicy, private readonly opts: CheckOptions) {}

  /** GET with redirects followed one hop at a time (each checked against the URL policy). */
  async get(url: string): Promise<Got> {
    let current = url;
    for (let hop = 0; hop <= 5; hop++) {
      const why = this.policy.refusal(current);
      if (why) throw new Error(`refused ${current}: ${why}`);
      const wait = this.last + (this.opts.delayMs ?? 1000) - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      this.requests++;
      this.last = Date.now();
      const res = await fetch(current, { redirect: 'manual', headers: { 'user-agent': this.opts.userAgent ?? UA, accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5' }, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000) });
      const loc = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && loc) {
        await res.body?.cancel();
        current = new URL(loc, current).href;
        continue;
      }
      return { status: res.status, url: current, text: decodeBody(Buffer.from(await res.arrayBuffer())) };
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

const fields = (a: { title: string | null; published: string | null; bodyMarkdown: string }): ArticleFields => ({ title: !!a.title, date: !!a.published, body: a.bodyMarkdown.trim().length >= MIN_BODY });
const missing = (f: ArticleFields): string[] => (['title', 'date', 'body'] as const).filter((k) => !f[k]).map((k) => (k === 'body' ? 'text' : k));
const blocked = (status: number): boolean => status === 401 || status === 403;

/** One force: robots.txt, the home page (unknown platform), one listing page, one article. */
async function checkForce(site: ForceSite, origin: string, opts: CheckOptions): Promise<ForceCheck> {
  const f = new Fetcher(new UrlPolicy([origin]), opts);
  let strategy: PlatformId = strategyOf(site);
  const out: ForceCheck = {
    forceId: site.id, origin, strategy, detection: null, robots: 'none', listingUrl: null, items: 0, articleUrl: null, article: null, generic: null, requests: 0, verdict: 'broken', reason: '',
  };
  const done = (verdict: Verdict, reason: string): ForceCheck => {
    out.verdict = verdict;
    out.reason = reason;
    out.strategy = strategy;
    out.requests = f.requests;
    return out;
  };
  try {
    const robotsUrl = new URL('/robots.txt', origin).href;
    const r = await f.get(robotsUrl);
    if (blocked(r.status)) return done('broken', `blocked by the site: HTTP ${r.status} on robots.txt (403 wall?)`);
    if (r.status >= 500) return done('broken', `robots.txt answers HTTP ${r.status}: nothing may be fetched until it answers`);
    const rules = r.status >= 200 && r.status < 300 ? robotsParser(robotsUrl, r.text) : null;
    out.robots = rules ? 'ok' : 'none';
    const allowed = (u: string): boolean => !rules || rules.isAllowed(u, 'spo-tracker') === true;
    const sitemaps = rules ? sitemapsFromRobots(r.text, robotsUrl) : [];

    let cfg: SiteConfig = site.listingPath ? siteConfig(site, origin) : { origin, listingPath: '/' };
    if (!site.listingPath || (site.platform === null && site.strategy === 'auto')) {
      const homeUrl = new URL('/', origin).href;
      if (allowed(homeUrl)) {
        const h = await f.get(homeUrl);
        if (blocked(h.status)) return done('broken', `blocked by the site: HTTP ${h.status} on the home page (403 wall?)`);
        if (h.status >= 200 && h.status < 300) {
          const det = detectPlatform(h.text, h.url);
          out.detection = det;
          if (site.platform === null && site.strategy === 'auto' && det.platform && det.listingPath) {
            strategy = det.platform;
            cfg = { origin, listingPath: det.listingPath, ...(Object.keys(det.settings).length ? { settings: det.settings } : {}) };
          } else if (!site.listingPath) {
            const listing = findNewsListing(loadFast(h.text), h.url);
            if (listing) cfg = { origin, listingPath: new URL(listing).pathname + new URL(listing).search };
          }
        }
      }
    }
    const platform = PLATFORMS[strategy];

    // One listing page (the generic strategy without a listing: the newest child of the sitemap index).
    let listingUrl: string | null = cfg.listingPath !== '/' ? platform.listingUrl(cfg, 1) : null;
    let html = '';
    let items: { url: string }[] = [];
    if (listingUrl) {
      if (!allowed(listingUrl)) return done('broken', `robots.txt disallows the listing ${listingUrl}`);
      const l = await f.get(listingUrl);
      if (blocked(l.status)) return done('broken', `blocked by the site: HTTP ${l.status} on the listing (403 wall?)`);
      if (l.status !== 200) return done('broken', `the listing ${listingUrl} answers HTTP ${l.status}`);
      html = l.text;
      items = platform.parseListing(html, l.url, cfg).items;
    } else if (sitemaps[0] && allowed(sitemaps[0])) {
      listingUrl = sitemaps[0];
      const sm = await f.get(sitemaps[0]);
      if (sm.status === 200) {
        let map = parseSitemap(sm.text, sm.url);
        const child = map.kind === 'index' ? [...map.entries].sort((a, b) => (b.lastmod ?? 0) - (a.lastmod ?? 0)).find((e) => /news|article|post/i.test(e.loc)) ?? map.entries[0] : null;
        if (child && allowed(child.loc)) {
          const c = await f.get(child.loc);
          if (c.status === 200) map = parseSitemap(c.text, c.url);
        }
        items = map.kind === 'urlset' ? map.entries.filter((e) => platform.isArticleUrl(e.loc, cfg)).sort((a, b) => (b.lastmod ?? 0) - (a.lastmod ?? 0)).map((e) => ({ url: e.loc })) : [];
      }
    } else return done('broken', 'no news listing found on the home page and no sitemap in robots.txt (set "listing" in the force file)');
    out.listingUrl = listingUrl;
    out.items = items.length;

    // The platform's scraper finds nothing: would the generic strategy? (The same page, no new request.)
    if (items.length === 0 && strategy !== 'generic' && html) {
      const g = PLATFORMS.generic.parseListing(html, listingUrl, cfg).items;
      out.generic = { items: g.length, article: null };
      if (!g.length) return done('broken', `no article links on the listing ${listingUrl}, for the ${strategy} scraper or the generic strategy`);
      items = g;
    } else if (items.length === 0) return done('broken', `the generic strategy finds no article on ${listingUrl}`);

    const article = items.find((i) => allowed(i.url));
    if (!article) return done('broken', 'every article on the listing is disallowed by robots.txt');
    out.articleUrl = article.url;
    const a = await f.get(article.url);
    if (blocked(a.status)) return done('broken', `blocked by the site: HTTP ${a.status} on an article (403 wall?)`);
    if (a.status !== 200) return done('broken', `the article ${article.url} answers HTTP ${a.status}`);
    const own = fields(platform.parseArticle(a.text, a.url));
    out.article = own;
    const generic = strategy === 'generic' ? own : fields(PLATFORMS.generic.parseArticle(a.text, a.url));
    if (out.generic) {
      out.generic.article = generic;
      const gaps = missing(generic);
      return done('degraded', `the ${strategy} scraper finds no items on the listing (the site changed?); the generic strategy finds ${out.generic.items}${gaps.length ? ` but no ${gaps.join(', ')} on the article` : ' and reads the article'}`);
    }
    const gaps = missing(own);
    if (!gaps.length) return done('ok', `${out.items} items on the listing; the article has a title, a date and text`);
    if (strategy !== 'generic') {
      out.generic = { items: PLATFORMS.generic.parseListing(html, listingUrl, cfg).items.length, article: generic };
      const ggaps = missing(generic);
      return done('degraded', `the ${strategy} scraper finds no ${gaps.join(', ')} on the article (the site changed?); the generic strategy ${ggaps.length ? `finds no ${ggaps.join(', ')} either` : 'reads it'}`);
    }
    if (!own.title || !own.body) return done('broken', `the generic strategy finds no ${gaps.join(', ')} on the article ${article.url}`);
    return done('degraded', `the generic strategy finds no date on the article ${article.url}`);
  } catch (e) {
    return done('broken', (e as Error).message.split('\n')[0]!);
  }
}

/** Check the given forces (each on its own origin, a few at once). Never throws for one force. */
export async function checkForces(opts: CheckOptions): Promise<ForceCheck[]> {
  const out: ForceCheck[] = new Array(opts.sites.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < opts.sites.length) {
      const i = next++;
      const site = opts.sites[i]!;
      const origin = new URL(opts.origins?.[site.id] ?? site.origin).origin;
      out[i] = await checkForce(site, origin, opts);
      opts.log?.(`${site.id}: ${out[i].verdict} - ${out[i].reason}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.parallel ?? 4, opts.sites.length)) }, worker));
  return out;
}
