// Single Online Home (SOH): the national police web platform (41 of 43 forces plus BTP).
// Facts used (../shared/notes/force-sites.md §3): listing `/news/{slug}/news/` (Kent `/news/kent/latest/`),
// items with a title link in a heading, a one-line summary and `Published: HH:MM DD/MM/YYYY`; article
// URLs vary by force, so any path under `/news/{slug}/` deeper than the listing is an article; article
// pages have `<h1>`, meta description, og:* and the `Published:` text; RSS at `/news/{slug}/news/GetNewsRss/`.
// Container class names are unknown and never used. SOH's one setting, `slug` (the path segment after
// `/news/`), is the force id unless the force's row says otherwise (Northamptonshire: `northants`).
import { definePlatform } from '../define.ts';
import { isSlugSegment, sameOriginSegments, segments } from '../lib/urls.ts';
import type { SiteConfig } from '../types.ts';

/** Path segments that are SOH endpoints or indexes, never articles. */
const NOT_ARTICLE = /^(getnewsrss|getpaginatedresults|getpdf|news-search|mediacentre|syssiteassets)$/i;

/** The SOH slug of a force: its setting, else taken from the listing path `/news/{slug}/...`. */
const slugOf = (site: SiteConfig): string => site.settings?.slug ?? segments(site.listingPath)[1] ?? '';

export const soh = definePlatform({
  id: 'soh',
  listingPath: (forceId, settings) => `/news/${settings.slug ?? forceId}/news/`,
  /** The RSS endpoint used against GMP, West Midlands, Merseyside, Lincolnshire, Gloucestershire. */
  feedPath: (forceId, settings) => `/news/${settings.slug ?? forceId}/news/GetNewsRss/`,
  // Signs (force-sites.md §3): links under `/news/<slug>/news/`, assets under `/SysSiteAssets/`, the
  // `__RequestVerificationToken` form field, the `GetNewsRss` feed, the sohConfig script.
  detect({ $, html, paths }) {
    const signs: string[] = [];
    const slugs = new Map<string, number>();
    for (const p of paths) {
      const m = p.match(/^\/(?:[a-z]{2}-[A-Z]{2}\/)?news\/([a-z0-9-]+)\/(news|latest)\//);
      if (m && m[1] !== 'news-search') slugs.set(m[1]!, (slugs.get(m[1]!) ?? 0) + 1);
    }
    const slug = [...slugs.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    if (slug) signs.push(`links under /news/${slug}/news/`);
    if (paths.some((p) => p.startsWith('/SysSiteAssets/'))) signs.push('assets under /SysSiteAssets/');
    if ($('input[name="__RequestVerificationToken"]').length) signs.push('__RequestVerificationToken form field');
    if (paths.some((p) => /\/GetNewsRss\/?$/i.test(p))) signs.push('GetNewsRss feed');
    if (/window\.sohConfig\b/.test(html)) signs.push('sohConfig script');
    if (!slug) return { signs, listingPath: null };
    const listingPath = paths.find((p) => p.startsWith(`/news/${slug}/latest/`)) ? `/news/${slug}/latest/` : `/news/${slug}/news/`;
    return { signs, listingPath, settings: { slug } };
  },
  /** Same origin, under `/news/{slug}/`, deeper than the listing, ending in a slug. */
  isArticleUrl(url, site) {
    const segs = sameOriginSegments(url, site);
    if (!segs) return false;
    // Welsh forces may prefix the language: /cy-GB/news/{slug}/...
    if (segs[0] && /^[a-z]{2}-[A-Z]{2}$/.test(segs[0])) segs.shift();
    if (segs[0] !== 'news' || segs[1] !== slugOf(site) || segs.length < 4) return false;
    if (segs.some((s) => NOT_ARTICLE.test(s))) return false;
    // Deeper than the listing: not the listing path itself (paged or not).
    const listing = segments(site.listingPath);
    if (segs.length <= listing.length && listing.every((s, i) => segs[i] === s)) return false;
    return isSlugSegment(segs[segs.length - 1]!);
  },
});
