// Article URLs told from other links by their shape alone: same site, under the news section, deeper
// than the listing, ending in a slug, and not an asset, tag, search, feed, print or pager page. Robots
// rules are applied by the crawler (it holds them); `isArticleShape` takes them as an optional test.
import { isSlugSegment, segments } from '../lib/urls.ts';

export interface ShapeConfig {
  origin: string;
  /** Path prefix of the news section, e.g. `/news-and-appeals/` (from the listing URL); null: anywhere. */
  section: string | null;
  /** Other hosts the force's articles may be on (a former domain). */
  formerHosts?: string[];
  /** robots.txt: whether a URL may be fetched. */
  allowed?: (url: string) => boolean;
}

/** Path segments that mark an index, a filter or furniture, never one article. */
const NOT_ARTICLE_SEGMENT = /^(tags?|categor(y|ies)|topics?|authors?|search|results|feeds?|rss|atom|print|share|page|archive|archives|calendar|events?|login|user|users|admin|node|taxonomy|term|wp-content|wp-json|sites|assets|static|media|images?|files?|downloads?|syssiteassets|getnewsrss|getpaginatedresults|mediacentre|news-search)$/i;

/** The news section of a listing URL: its path with a trailing slash (`/news-and-appeals` -> `/news-and-appeals/`). */
export function sectionOf(listingUrl: string): string {
  const p = new URL(listingUrl).pathname;
  return p.endsWith('/') ? p : `${p}/`;
}

export function isArticleShape(url: string, cfg: ShapeConfig): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  const origin = new URL(cfg.origin);
  if (u.host !== origin.host && !(cfg.formerHosts ?? []).includes(u.host)) return false;
  // Query strings carry pagers, filters, sorts and searches; articles are plain paths.
  if (u.search) return false;
  const segs = segments(u.pathname);
  if (segs.length === 0) return false;
  if (cfg.section) {
    const sec = segments(cfg.section);
    if (segs.length <= sec.length || sec.some((s, i) => segs[i] !== s)) return false;
  }
  if (segs.some((s) => NOT_ARTICLE_SEGMENT.test(s))) return false;
  if (!isSlugSegment(segs[segs.length - 1]!)) return false;
  return cfg.allowed ? cfg.allowed(u.href) : true;
}

/**
 * The news section of a site read from URLs alone (a sitemap): the parent path that holds the most
 * slug-shaped pages, e.g. `/news-and-appeals/`. Null when no parent holds at least `min` of them.
 */
export function inferSection(urls: string[], min = 5): string | null {
  const counts = new Map<string, number>();
  for (const url of urls) {
    let segs: string[];
    try {
      segs = segments(new URL(url).pathname);
    } catch {
      continue;
    }
    if (segs.length < 2 || !isSlugSegment(segs[segs.length - 1]!) || segs.some((s) => NOT_ARTICLE_SEGMENT.test(s))) continue;
    const first = `/${segs[0]}/`;
    counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return n >= min ? best : null;
}
