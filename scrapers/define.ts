// definePlatform: a platform scraper from what is particular to the platform (its article URL shape,
// where a force's listing and feed are, how its pages print the date). Listing pages, paging, feeds
// and the article reader are the same for every platform and are supplied here once, from the named
// readers in lib/ (listing.ts, article.ts, feed.ts, dates.ts).
import type { CheerioAPI } from 'cheerio';
import type { PageSigns, PlatformScraper, PlatformSettings, PlatformSigns, SiteConfig } from './types.ts';
import { parseGenericArticle } from './lib/article.ts';
import { parseRss } from './lib/feed.ts';
import { loadFast } from './lib/html.ts';
import { findNextPage, pageNumber, pagedListingUrl, parseListingItems } from './lib/listing.ts';

export interface PlatformSpec {
  /** The platform's id: a force's row in src/domain/forces.json names it, and scrapers/fixtures/<id>/ holds its pages. */
  id: string;
  /** Whether a URL has the shape of an article of this force (URL shape only: no page is fetched). */
  isArticleUrl(url: string, site: SiteConfig): boolean;
  /** The listing path of a force whose row names none (SOH: `/news/{slug}/news/`). */
  listingPath?(forceId: string, settings: PlatformSettings): string;
  /** The feed path of a force whose row says `"feed": true`. */
  feedPath?(forceId: string, settings: PlatformSettings): string;
  /** The listing path assumed for a listing page parsed without its force's settings (default: the page's own path). */
  listingPathOf?(pageUrl: URL): string;
  /** The article's date where the platform prints it its own way (tried before the common readers). */
  published?($: CheerioAPI, text: string): string | null;
  /** Lines of the article body that are not text (a date line). */
  dropLines?: RegExp[];
  /** The signs of the platform a home page shows, so a force listed as unknown is found to be on it (two are needed). */
  detect?(page: PageSigns): PlatformSigns;
}

export function definePlatform(spec: PlatformSpec): PlatformScraper {
  const { id, isArticleUrl } = spec;
  const articleOptions = { ...(spec.published ? { published: spec.published } : {}), ...(spec.dropLines ? { dropLines: spec.dropLines } : {}) };
  return {
    id,
    isArticleUrl,
    ...(spec.listingPath ? { listingPath: spec.listingPath } : {}),
    ...(spec.feedPath ? { feedPath: spec.feedPath } : {}),
    ...(spec.detect ? { detect: spec.detect } : {}),
    listingUrl: (site, page) => pagedListingUrl(site, page),
    parseListing(html, pageUrl, site) {
      const u = new URL(pageUrl);
      const config: SiteConfig = site ?? { origin: u.origin, listingPath: spec.listingPathOf?.(u) ?? u.pathname };
      const $ = loadFast(html);
      const items = parseListingItems($, pageUrl, (link) => isArticleUrl(link, config));
      let nextPage = findNextPage($, pageUrl);
      // A next link must stay on this site, move forward, and not be an article.
      if (nextPage) {
        const n = new URL(nextPage);
        const backwards = n.pathname === u.pathname && pageNumber(nextPage) <= pageNumber(pageUrl);
        if (n.origin !== u.origin || nextPage === pageUrl || isArticleUrl(nextPage, config) || backwards) nextPage = null;
      }
      return { items, nextPage };
    },
    parseArticle: (html) => parseGenericArticle(html, articleOptions),
    parseFeed: (xml, feedUrl) => parseRss(xml, feedUrl),
  };
}
