// The shapes every platform scraper returns. Scrapers are pure: a page in, data out, no I/O.
import type { CheerioAPI } from 'cheerio';
import type { OgFields } from '../src/domain/types.ts';

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
  /**
   * Text that holds every word the body can hold (the page's text outside furniture elements), when the
   * scraper knows it cheaply: a page whose SPO words lie only outside it is ordinary, its body unbuilt.
   */
  textOutsideFurniture?: string;
}

export interface FeedItem {
  url: string;
  title: string;
  published: string | null;
  summary: string | null;
}

/** What a platform module provides: built by `definePlatform` (define.ts) from the platform's spec. */
export interface PlatformScraper {
  id: string;
  /** A listing page: article items in page order (newest first) and the next (older) page. Without a site, the force is read from the page URL. */
  parseListing(html: string, pageUrl: string, site?: SiteConfig): ListingPage;
  /** An article page. */
  parseArticle(html: string, url: string): Article;
  /** An RSS 2.0 (or Atom) feed. */
  parseFeed(xml: string, feedUrl?: string): FeedItem[];
  /** The URL of listing page `page` (1-based) of a force. */
  listingUrl(site: SiteConfig, page: number): string;
  /** Whether a URL has the shape of an article of this force (URL shape only: no page is fetched). */
  isArticleUrl(url: string, site: SiteConfig): boolean;
  /** The listing path of a force whose row names none (SOH: `/news/{slug}/news/`). */
  listingPath?(forceId: string, settings: PlatformSettings): string;
  /** The feed path of a force whose row says it has a feed without naming its URL. */
  feedPath?(forceId: string, settings: PlatformSettings): string;
  /** The signs of this platform a home or news page shows (platform detection, scrapers/generic/detect.ts). */
  detect?(page: PageSigns): PlatformSigns;
}

/** What platform detection reads off a page: its links and assets, parsed. */
export interface PageSigns {
  $: CheerioAPI;
  html: string;
  /** Paths of the page's same-origin links and assets. */
  paths: string[];
  /** Every link and asset URL of the page, absolute. */
  hrefs: string[];
}

/** The signs of one platform seen on a page: two or more, with a listing path, and the site is the platform's. */
export interface PlatformSigns {
  signs: string[];
  /** The news listing path the signs point to. */
  listingPath: string | null;
  /** The platform's settings the signs give (SOH: `slug`). */
  settings?: PlatformSettings;
}

/** Settings only one platform reads, from the force's row (SOH: `slug`, the segment after `/news/`, when it is not the force id). */
export type PlatformSettings = Readonly<Record<string, string>>;

/** One force's site as a platform scraper reads it. */
export interface SiteConfig {
  /** `https://www.kent.police.uk` (or a replica's `http://127.0.0.1:PORT`). */
  origin: string;
  /** Path of the first listing page, e.g. `/news/kent/latest/`. */
  listingPath: string;
  /** The platform's own settings for this force (SOH: `slug`). */
  settings?: PlatformSettings;
  /** Other hosts the force's articles may be on (a former domain); the generic strategy accepts them. */
  formerHosts?: string[];
}
