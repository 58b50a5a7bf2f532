// TEMPLATE for a new platform (see "Adding a force or a platform" in the README): copy this file to
// scrapers/platforms/<id>.ts, fill it in, and add one line to scrapers/platforms/index.ts. Say here which
// facts the module rests on (a source, a saved page) and what is unconfirmed, as the other modules do.
// Listing pages, paging (`?page=N`, rel=next, "Next" links), feeds and the article reader (title, date,
// description, og:*, body as Markdown) come from definePlatform; give only what is particular to the
// platform. Then save pages under scrapers/fixtures/<id>/ and run `npx vitest run scrapers`: it writes
// the expected JSON beside each new page and fails once, so that you review it before committing.
import { definePlatform } from '../define.ts';
import { isSlugSegment, sameOriginSegments } from '../lib/urls.ts';

export const template = definePlatform({
  id: 'template',
  /** The listing path of a force whose row in src/domain/forces.json names none. */
  listingPath: () => '/news/',
  /** Optional: the feed path of a force whose row says `"feed": true`. */
  // feedPath: () => '/news/rss.xml',
  /** Article URLs by shape only (no page is fetched): same origin, under the news section, ending in a slug. */
  isArticleUrl(url, site) {
    const segs = sameOriginSegments(url, site);
    return !!segs && segs[0] === 'news' && segs.length >= 2 && isSlugSegment(segs[segs.length - 1]!);
  },
  // Optional: a date the common readers miss (they read `Published: HH:MM DD/MM/YYYY`,
  // article:published_time and <time datetime>), e.g. `published: ($) => dateLine($, MY_DATE_LINE)` with
  // dateLine from ../lib/dates.ts, and `dropLines: [MY_DATE_LINE]` for lines that are not article text.
  // Optional: `detect: ({ $, html, paths, hrefs }) => ({ signs: [...], listingPath: '/news/' })`, the signs a
  // page of the platform shows (two are needed), so that spo crawl and spo check find a force on it.
});
