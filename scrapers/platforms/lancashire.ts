// Lancashire Constabulary's own CMS (not SOH). Facts used (force-sites.md §4): listing "Our Latest News"
// at `/news/`, paged `?page=N` with deep history; monthly archives `/news/YYYY/<month>/` and yearly
// `/news/YYYY/`; cards with title, a date written `Thursday, May 8, 2025` (older: `September 02, 2022`)
// and a teaser. The article URL shape is not confirmed: any path under `/news/` that ends in a slug
// (not a year, month or page index) is taken as an article.
import { definePlatform } from '../define.ts';
import { dateLine } from '../lib/dates.ts';
import { isSlugSegment, sameOriginSegments } from '../lib/urls.ts';

const WRITTEN_DATE_LINE = /^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4}$/i;

export const lancashire = definePlatform({
  id: 'lancashire',
  listingPath: () => '/news/',
  listingPathOf: () => '/news/',
  isArticleUrl(url, site) {
    const segs = sameOriginSegments(url, site);
    if (!segs || segs[0] !== 'news' || segs.length < 2) return false;
    if (segs.some((s) => /^(rss|feed|search|category|tag)$/i.test(s))) return false;
    return isSlugSegment(segs[segs.length - 1]!);
  },
  // The date line near the title, written out; it is front matter, so the body drops it.
  published: ($) => dateLine($, WRITTEN_DATE_LINE),
  dropLines: [WRITTEN_DATE_LINE],
});
