// Lancashire Constabulary's own CMS (not SOH). Facts used (force-sites.md §4): listing "Our Latest News"
// at `/news/`, paged `?page=N` with deep history; monthly archives `/news/YYYY/<month>/` and yearly
// `/news/YYYY/`; cards with title, a date written `Thursday, May 8, 2025` (older: `September 02, 2022`)
// and a teaser. The article URL shape is not confirmed: any path under `/news/` that ends in a slug
// (not a year, month or page index) is taken as an article.
import type { Article, FeedItem, ListingPage, PlatformScraper, PlatformForceConfig } from '../types.ts';
import { findNextPage, loadFast, findWrittenDate, isSlugSegment,pageNumber, parseGenericArticle, parseListingItems, parseRss, sameOriginSegments, pagedListingUrl } from '../common.ts';

export const id = 'lancashire' as const;

export function isArticleUrl(url: string, cfg: PlatformForceConfig): boolean {
  const segs = sameOriginSegments(url, cfg);
  if (!segs) return false;
  if (segs[0] !== 'news' || segs.length < 2) return false;
  if (segs.some((s) => /^(rss|feed|search|category|tag)$/i.test(s))) return false;
  return isSlugSegment(segs[segs.length - 1]!);
}

export const listingUrl = (cfg: PlatformForceConfig, page: number): string => pagedListingUrl(cfg, page);

export function parseListing(html: string, pageUrl: string, cfg?: PlatformForceConfig): ListingPage {
  const u = new URL(pageUrl);
  const config: PlatformForceConfig = cfg ?? { origin: u.origin, listingPath: '/news/' };
  const $ = loadFast(html);
  const items = parseListingItems($, pageUrl, (link) => isArticleUrl(link, config));
  let nextPage = findNextPage($, pageUrl);
  if (nextPage) {
    const n = new URL(nextPage);
    if (n.origin !== u.origin || nextPage === pageUrl || isArticleUrl(nextPage, config) || (n.pathname === u.pathname && pageNumber(nextPage) <= pageNumber(pageUrl))) nextPage = null;
  }
  return { items, nextPage };
}

const WRITTEN_DATE_LINE = /^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4}$/i;

export function parseArticle(html: string, _url: string): Article {
  return parseGenericArticle(html, {
    published: ($) => {
      // The date line near the title, written out; else the first written date in the main text.
      let found: string | null = null;
      $('time, p, span, div').each((_, el) => {
        const $el = $(el);
        if ($el.children().length > 1) return undefined;
        const t = $el.text().replace(/\s+/g, ' ').trim();
        if (t.length < 40 && WRITTEN_DATE_LINE.test(t)) {
          found = findWrittenDate(t);
          if (found) return false;
        }
        return undefined;
      });
      return found;
    },
    dropLines: [WRITTEN_DATE_LINE],
  });
}

export function parseFeed(xml: string, feedUrl?: string): FeedItem[] {
  return parseRss(xml, feedUrl);
}

export const lancashire: PlatformScraper = { id, parseListing, parseArticle, parseFeed, listingUrl, isArticleUrl };
export default lancashire;
