import type { OgFields } from '../src/domain/types.ts';
// The shapes every platform scraper returns. Scrapers are pure: a page in, data out, no I/O.

export interface ListingItem {
  /** Absolute URL of the article, resolved against the listing page. */
  url: string;
  title: string;
  /** ISO 8601 (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`), or null when the listing shows no date. */
  published: string | null;
  summary: string | null;
}

export interface ListingPage {
  items: ListingItem[];
  /** Absolute URL of the next (older) listing page, or null on the last page. */
  nextPage: string | null;
}

export type { OgFields } from '../src/domain/types.ts';

export interface Article {
  title: string | null;
  /** ISO 8601, or null when the page gives no date. */
  published: string | null;
  /** The publication instant with its UTC offset as the page wrote it (`2025-05-08T10:15:00+01:00`), when it gave one. */
  publishedZoned?: string | null;
  /** The meta description (or og:description). */
  description: string | null;
  og: OgFields;
  /** The article text as Markdown: page furniture stripped, lists kept as lists (may be computed on first read). */
  bodyMarkdown: string;
}

export interface FeedItem {
  url: string;
  title: string;
  published: string | null;
  summary: string | null;
}

/** A platform with a scraper written for it, or `generic`: the strategy for sites no scraper knows. */
export type PlatformId = 'soh' | 'mynewsdesk' | 'lancashire' | 'generic';

/** What a platform module exports. `cfg` carries the per-force settings (origin, SOH slug, listing path). */
export interface PlatformScraper {
  id: PlatformId;
  /** Parse a listing page: article items in page order (newest first) and the next page. */
  parseListing(html: string, pageUrl: string, cfg?: PlatformForceConfig): ListingPage;
  /** Parse an article page. */
  parseArticle(html: string, url: string): Article;
  /** Parse an RSS 2.0 feed. */
  parseFeed(xml: string, feedUrl?: string): FeedItem[];
  /** The URL of listing page `page` (1-based) for a force. */
  listingUrl(cfg: PlatformForceConfig, page: number): string;
  /** Whether a URL has the shape of an article of this force (keyed on URL shape only). */
  isArticleUrl(url: string, cfg: PlatformForceConfig): boolean;
}

/** The per-force settings a platform module needs. */
export interface PlatformForceConfig {
  /** `https://www.kent.police.uk` (or a replica's `http://127.0.0.1:PORT`). */
  origin: string;
  /** Path of the first listing page, e.g. `/news/kent/latest/`. */
  listingPath: string;
  /** SOH: the path segment after `/news/` (e.g. `northants`). */
  sohSlug?: string;
  /** Other hosts the force's articles may be on (a former domain); the generic strategy accepts them. */
  formerHosts?: string[];
}
