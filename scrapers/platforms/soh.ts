// Single Online Home (SOH): the national police web platform (41 of 43 forces plus BTP).
// Facts used (../shared/notes/force-sites.md §3): listing `/news/{slug}/news/` (Kent `/news/kent/latest/`),
// items with a title link in a heading, a one-line summary and `Published: HH:MM DD/MM/YYYY`; article
// URLs vary by force, so any path under `/news/{slug}/` deeper than the listing is an article; article
// pages have `<h1>`, meta description, og:* and the `Published:` text; RSS at `/news/{slug}/news/GetNewsRss/`.
// Container class names are unknown and never used.
import type { Article, FeedItem, ListingPage, PlatformScraper, PlatformForceConfig } from '../types.ts';
import { findNextPage, loadFast, isSlugSegment,pageNumber, parseGenericArticle, parseListingItems, parseRss, segments, sameOriginSegments, pagedListingUrl } from '../common.ts';

export const id = 'soh' as const;

/** Path segments that are SOH endpoints or indexes, never articles. */
const NOT_ARTICLE = /^(getnewsrss|getpaginatedresults|getpdf|news-search|mediacentre|syssiteassets)$/i;

/** The SOH slug of a force config: explicit, else taken from the listing path `/news/{slug}/...`. */
function slugOf(cfg: PlatformForceConfig): string {
  return cfg.sohSlug ?? segments(cfg.listingPath)[1] ?? '';
}

/** Whether a URL is an SOH article of this force: same origin, under `/news/{slug}/`, deeper than the listing, ending in a slug. */
export function isArticleUrl(url: string, cfg: PlatformForceConfig): boolean {
  const segs = sameOriginSegments(url, cfg);
  if (!segs) return false;
  const slug = slugOf(cfg);
  // Welsh forces may prefix the language: /cy-GB/news/{slug}/...
  if (segs[0] && /^[a-z]{2}-[A-Z]{2}$/.test(segs[0])) segs.shift();
  if (segs[0] !== 'news' || segs[1] !== slug) return false;
  if (segs.length < 4) return false;
  if (segs.some((s) => NOT_ARTICLE.test(s))) return false;
  // Deeper than the listing: not the listing path itself (paged or not).
  const listing = segments(cfg.listingPath);
  if (segs.length <= listing.length && listing.every((s, i) => segs[i] === s)) return false;
  return isSlugSegment(segs[segs.length - 1]!);
}

export const listingUrl = (cfg: PlatformForceConfig, page: number): string => pagedListingUrl(cfg, page);

/** Parse a force listing page. Without a config the force is read from the page URL (`/news/{slug}/...`). */
export function parseListing(html: string, pageUrl: string, cfg?: PlatformForceConfig): ListingPage {
  const u = new URL(pageUrl);
  const config: PlatformForceConfig = cfg ?? { origin: u.origin, listingPath: u.pathname };
  const $ = loadFast(html);
  const items = parseListingItems($, pageUrl, (link) => isArticleUrl(link, config));
  let nextPage = findNextPage($, pageUrl);
  // A next link must stay on this site, move forward, and not be an article.
  if (nextPage) {
    const n = new URL(nextPage);
    const samePath = n.pathname === u.pathname;
    if (n.origin !== u.origin || nextPage === pageUrl || isArticleUrl(nextPage, config) || (samePath && pageNumber(nextPage) <= pageNumber(pageUrl))) nextPage = null;
  }
  return { items, nextPage };
}

export function parseArticle(html: string, _url: string): Article {
  return parseGenericArticle(html);
}

export function parseFeed(xml: string, feedUrl?: string): FeedItem[] {
  return parseRss(xml, feedUrl);
}

/** The RSS endpoint used against GMP, West Midlands, Merseyside, Lincolnshire, Gloucestershire. */
export function feedUrl(origin: string, slug: string): string {
  return new URL(`/news/${slug}/news/GetNewsRss/`, origin).toString();
}

export const soh: PlatformScraper = { id, parseListing, parseArticle, parseFeed, listingUrl, isArticleUrl };
export default soh;
