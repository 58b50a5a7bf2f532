// Feed discovery: `<link rel="alternate">` feeds a page advertises, and the usual feed paths to try when
// none is advertised. Feeds are read by the RSS/Atom reader every platform shares (lib/feed.ts parseRss).
import type { CheerioAPI } from 'cheerio';
import { resolveUrl } from '../lib/html.ts';

export { parseRss as parseFeed } from '../lib/feed.ts';

/** Feed paths tried in order when no page advertises one (Drupal `/rss.xml`, WordPress `/feed`). */
export const FEED_GUESSES = ['/rss.xml', '/feed', '/news/feed', '/feed.xml', '/atom.xml'];

/** The RSS/Atom feeds a page advertises with `<link rel="alternate" type="application/rss+xml|atom+xml">`. */
export function advertisedFeeds($: CheerioAPI, pageUrl: string): string[] {
  const out: string[] = [];
  $('link[rel~="alternate"][href]').each((_, el) => {
    const type = ($(el).attr('type') ?? '').toLowerCase();
    if (!/application\/(rss|atom)\+xml|application\/feed\+json/.test(type) || type.includes('json')) return;
    const u = resolveUrl($(el).attr('href'), pageUrl);
    if (u && !out.includes(u)) out.push(u);
  });
  return out;
}
