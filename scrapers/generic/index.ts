// The generic strategy: reading a force's site without a scraper written for it. It is a platform like
// the platforms (same `PlatformScraper` shape, id `generic`), so the crawler reads it with the same walk; what it
// adds is discovery (robots.txt `Sitemap:` lines, sitemap indexes with `<lastmod>`, feeds) and readers
// that key on URL shape, Readability and metadata instead of one site's markup.
import type { Article, FeedItem, ListingPage, PlatformScraper, SiteConfig } from '../types.ts';
import { loadFast } from '../lib/html.ts';
import { pagedListingUrl } from '../lib/listing.ts';
import { parseFeed } from './feeds.ts';
import { parseShapeListing } from './listing.ts';
import { isArticleShape, sectionOf } from './shape.ts';
import { readArticle } from './article.ts';

export * from './sitemaps.ts';
export * from './feeds.ts';
export * from './shape.ts';
export * from './listing.ts';
export * from './article.ts';
export * from './detect.ts';

export const id = 'generic' as const;

/** Last segments that name a listing, not a section: articles sit beside them (`/news/kent/latest/` -> `/news/kent/...`). */
const INDEX_SEGMENT = /^(latest|news|all|index|list|latest[-_]news)$/i;

/**
 * The news section of a force config, where its articles are: the listing path (`/news-and-appeals/`),
 * or its parent when the listing is an index page under a section (`/news/kent/latest/` -> `/news/kent/`);
 * null (the whole site) for `/` and for a top-level "latest news" page (Mynewsdesk `/latest_news`).
 */
export function sectionFor(cfg: SiteConfig): string | null {
  const s = sectionOf(new URL(cfg.listingPath, cfg.origin).href);
  const segs = s.split('/').filter(Boolean);
  if (segs.length === 0) return null;
  if (segs.length >= 2 && INDEX_SEGMENT.test(segs[segs.length - 1]!)) return `/${segs.slice(0, -1).join('/')}/`;
  if (segs.length === 1 && /^latest[-_]?news$/i.test(segs[0]!)) return null;
  return s;
}

export function isArticleUrl(url: string, cfg: SiteConfig): boolean {
  return isArticleShape(url, { origin: cfg.origin, section: sectionFor(cfg), ...(cfg.formerHosts ? { formerHosts: cfg.formerHosts } : {}) });
}

export function parseListing(html: string, pageUrl: string, cfg?: SiteConfig): ListingPage {
  const config = cfg ?? { origin: new URL(pageUrl).origin, listingPath: new URL(pageUrl).pathname };
  return parseShapeListing(loadFast(html), pageUrl, (u) => isArticleUrl(u, config));
}

export function parseArticle(html: string, url: string): Article {
  return readArticle(html, url);
}

export function listingUrl(cfg: SiteConfig, page: number): string {
  return pagedListingUrl(cfg, page);
}

export function parseGenericFeed(xml: string, feedUrl?: string): FeedItem[] {
  return parseFeed(xml, feedUrl);
}

export const generic: PlatformScraper = { id, parseListing, parseArticle, parseFeed: parseGenericFeed, listingUrl, isArticleUrl };
export default generic;
