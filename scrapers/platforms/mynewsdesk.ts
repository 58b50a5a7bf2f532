// The Met's Mynewsdesk newsroom (news.met.police.uk). Facts used (force-sites.md §4): articles at
// `/news/<slug>-<numeric id>`, listing `/latest_news` (paged `?page=N`), RSS `/rss/current_news/<newsroom id>`
// with title/description/link/guid/pubDate; dates in `<time datetime="YYYY-MM-DD hh:mm:ss ...">`.
// Theme class names (`.panel__title`, `.entry-content`) are one parser's observation and not relied on.
import type { Article, FeedItem, ListingPage, PlatformScraper, PlatformForceConfig } from '../types.ts';
import { findNextPage, loadFast, load, pageNumber, parseAnyDate, parseGenericArticle, parseListingItems, parseRss, sameOriginSegments, pagedListingUrl } from '../common.ts';

export const id = 'mynewsdesk' as const;

/** `/news/<slug>-<id>` on the newsroom origin (id of 4+ digits). */
export function isArticleUrl(url: string, cfg: PlatformForceConfig): boolean {
  const segs = sameOriginSegments(url, cfg);
  if (!segs) return false;
  return segs.length === 2 && segs[0] === 'news' && /^[a-z0-9][a-z0-9-]*-\d{4,}$/i.test(segs[1]!);
}

export const listingUrl = (cfg: PlatformForceConfig, page: number): string => pagedListingUrl(cfg, page);

export function parseListing(html: string, pageUrl: string, cfg?: PlatformForceConfig): ListingPage {
  const u = new URL(pageUrl);
  const config: PlatformForceConfig = cfg ?? { origin: u.origin, listingPath: u.pathname };
  const $ = loadFast(html);
  const items = parseListingItems($, pageUrl, (link) => isArticleUrl(link, config));
  let nextPage = findNextPage($, pageUrl);
  if (nextPage) {
    const n = new URL(nextPage);
    if (n.origin !== u.origin || nextPage === pageUrl || isArticleUrl(nextPage, config) || (n.pathname === u.pathname && pageNumber(nextPage) <= pageNumber(pageUrl))) nextPage = null;
  }
  return { items, nextPage };
}

export function parseArticle(html: string, _url: string): Article {
  return parseGenericArticle(html, {
    // Mynewsdesk prints the date in <time datetime>; JSON-LD datePublished is a fallback.
    published: ($) => {
      const t = parseAnyDate($('time[datetime]').first().attr('datetime'));
      if (t) return t;
      let found: string | null = null;
      $('script[type="application/ld+json"]').each((_, s) => {
        try {
          const data = JSON.parse($(s).text()) as unknown;
          const list = Array.isArray(data) ? data : [data];
          for (const d of list) {
            const v = (d as { datePublished?: string } | null)?.datePublished;
            if (v && (found = parseAnyDate(v))) return false;
          }
        } catch {
          /* not JSON: ignore */
        }
        return undefined;
      });
      return found;
    },
  });
}

export function parseFeed(xml: string, feedUrl?: string): FeedItem[] {
  return parseRss(xml, feedUrl);
}

export const mynewsdesk: PlatformScraper = { id, parseListing, parseArticle, parseFeed, listingUrl, isArticleUrl };
export default mynewsdesk;
