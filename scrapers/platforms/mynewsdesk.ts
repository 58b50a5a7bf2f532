// The Met's Mynewsdesk newsroom (news.met.police.uk). Facts used (force-sites.md §4): articles at
// `/news/<slug>-<numeric id>`, listing `/latest_news` (paged `?page=N`), RSS `/rss/current_news/<newsroom id>`
// with title/description/link/guid/pubDate; dates in `<time datetime="YYYY-MM-DD hh:mm:ss ...">`.
// Theme class names (`.panel__title`, `.entry-content`) are one parser's observation and not relied on.
import { definePlatform } from '../define.ts';
import { jsonLdDate, parseAnyDate } from '../lib/dates.ts';
import { sameOriginSegments } from '../lib/urls.ts';

export const mynewsdesk = definePlatform({
  id: 'mynewsdesk',
  listingPath: () => '/latest_news',
  /** `/news/<slug>-<id>` on the newsroom origin (id of 4+ digits). */
  isArticleUrl(url, site) {
    const segs = sameOriginSegments(url, site);
    return !!segs && segs.length === 2 && segs[0] === 'news' && /^[a-z0-9][a-z0-9-]*-\d{4,}$/i.test(segs[1]!);
  },
  // Signs (§4): `/news/<slug>-<id>` links, `/rss/current_news/<id>` feeds, assets on mynewsdesk.com.
  detect: ({ paths, hrefs }) => ({
    signs: [
      ...(paths.some((p) => /^\/news\/[a-z0-9-]+-\d{4,}$/.test(p)) ? ['links /news/<slug>-<id>'] : []),
      ...(hrefs.some((h) => /\/rss\/current_news\/\d+/.test(h)) ? ['feed /rss/current_news/<id>'] : []),
      ...(hrefs.some((h) => /(^|\.)mynewsdesk\.com\//.test(`${new URL(h).host}/`)) ? ['assets on mynewsdesk.com'] : []),
    ],
    listingPath: '/latest_news',
  }),
  // Mynewsdesk prints the date in <time datetime>; JSON-LD datePublished is a fallback.
  published: ($) => parseAnyDate($('time[datetime]').first().attr('datetime')) ?? jsonLdDate($),
});
