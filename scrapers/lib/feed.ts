// Feeds: RSS 2.0 items, Atom entries as a fallback (title, link, date, summary as text).
import * as cheerio from 'cheerio';
import type { FeedItem } from '../types.ts';
import { clean, resolveUrl } from './html.ts';
import { parseAnyDate } from './dates.ts';

/** RSS 2.0 items (title, link, description as text, pubDate as ISO); Atom entries as a fallback. */
export function parseRss(xml: string, feedUrl = 'http://localhost/'): FeedItem[] {
  const $ = cheerio.load(xml, { xml: true });
  const items: FeedItem[] = [];
  $('item').each((_, el) => {
    const $el = $(el);
    const link = clean($el.children('link').first().text()) || clean($el.children('guid').first().text());
    const url = resolveUrl(link, feedUrl);
    if (!url) return;
    const descHtml = $el.children('description').first().text();
    const summary = clean(cheerio.load(`<div>${descHtml}</div>`)('div').text()) || null;
    items.push({
      url,
      title: clean($el.children('title').first().text()),
      published: parseAnyDate($el.children('pubDate').first().text()),
      summary,
    });
  });
  if (items.length === 0) {
    $('entry').each((_, el) => {
      const $el = $(el);
      const url = resolveUrl($el.children('link').first().attr('href'), feedUrl);
      if (!url) return;
      items.push({
        url,
        title: clean($el.children('title').first().text()),
        published: parseAnyDate($el.children('published').first().text() || $el.children('updated').first().text()),
        summary: clean($el.children('summary').first().text()) || null,
      });
    });
  }
  return items;
}
