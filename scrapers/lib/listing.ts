// Listing pages: the article items on a page (grouped by URL, each with its title, date and summary),
// the link to the next (older) page, and the URL of page N of a listing paged by `?page=N`.
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { clean, resolveUrl } from './html.ts';
import { findPublishedText, findWrittenDate, parseAnyDate, parseSourceDate } from './dates.ts';
import { isFurnitureText } from './article.ts';

/** The URL of the next listing page: rel=next, a "Next" link, or a link to page=N+1 of the same path. */
export function findNextPage($: CheerioAPI, pageUrl: string): string | null {
  const rel = $('link[rel~="next"], a[rel~="next"]').first().attr('href');
  const relUrl = resolveUrl(rel, pageUrl);
  if (relUrl) return relUrl;
  let found: string | null = null;
  $('a[href]').each((_, a) => {
    const $a = $(a);
    const label = clean($a.text() || $a.attr('aria-label') || $a.attr('title'));
    if (/^(next( page)?|older( posts| news)?|›|»|>)(\s*[›»>])?$/i.test(label) || /^next\b/i.test(clean($a.attr('aria-label')))) {
      found = resolveUrl($a.attr('href'), pageUrl);
      if (found) return false;
    }
    return undefined;
  });
  if (found) return found;
  const current = pageNumber(pageUrl);
  let byNumber: string | null = null;
  const here = new URL(pageUrl);
  $('a[href]').each((_, a) => {
    const u = resolveUrl($(a).attr('href'), pageUrl);
    if (!u) return undefined;
    const url = new URL(u);
    if (url.origin === here.origin && url.pathname === here.pathname && pageNumber(u) === current + 1) {
      byNumber = u;
      return false;
    }
    return undefined;
  });
  return byNumber;
}

/** `?page=N` of a URL (1 when absent). */
export function pageNumber(url: string): number {
  try {
    const p = new URL(url).searchParams.get('page');
    const n = p ? Number(p) : 1;
    return Number.isInteger(n) && n > 0 ? n : 1;
  } catch {
    return 1;
  }
}

/**
 * Listing items: every link whose URL passes `isArticle`, grouped by URL (a thumbnail link and a
 * title link to the same article are one item). The item's block is the largest ancestor that links
 * to that one article only; its title is the heading text (else the longest link text), its date the
 * `Published:` text, `<time datetime>` or a written date, and its summary the first other paragraph.
 */
export function parseListingItems(
  $: CheerioAPI,
  pageUrl: string,
  isArticle: (url: string) => boolean,
): { url: string; title: string; published: string | null; summary: string | null }[] {
  const order: string[] = [];
  const links = new Map<string, Element[]>();
  $('a[href]').each((_, a) => {
    const r = resolveUrl($(a).attr('href'), pageUrl);
    const u = r && isArticle(r) ? r : null;
    if (!u) return;
    if (!links.has(u)) {
      links.set(u, []);
      order.push(u);
    }
    links.get(u)!.push(a as Element);
  });
  // The article each element links to: its one article URL, MANY when it links to several, absent when
  // none. One pass from the links up through their ancestors, stopping where nothing changes, so the
  // whole page costs time linear in its size (testing each ancestor's links made a 10,000-link
  // listing quadratic: 36 s of blocked event loop at 2,000 links).
  const MANY = '\u0000many';
  const linked = new Map<AnyNode, string>();
  for (const url of order) {
    for (const a of links.get(url)!) {
      for (let el: AnyNode | null = a; el; el = el.parent) {
        const had = linked.get(el);
        if (had === MANY || had === url) break;
        linked.set(el, had === undefined ? url : MANY);
      }
    }
  }
  const items = [];
  for (const url of order) {
    const anchors = links.get(url)!;
    // The item block: climb from the first anchor while the ancestor links to this article only.
    let block: Cheerio<AnyNode> = $(anchors[0]!);
    for (let parent = anchors[0]!.parent; parent && parent.type !== 'root'; parent = parent.parent) {
      if (linked.get(parent) !== url) break;
      if ((parent as Element).tagName === 'body') break;
      block = $(parent);
    }
    const heading = clean(block.find('h1, h2, h3, h4, h5').first().text());
    const anchorTexts = anchors.map((a) => clean($(a).text())).sort((x, y) => y.length - x.length);
    const title = heading || anchorTexts[0] || clean($(anchors[0]!).attr('title')) || '';
    const blockText = clean(block.text());
    const published =
      findPublishedText(blockText) ??
      parseAnyDate(block.find('time[datetime]').first().attr('datetime')) ??
      parseAnyDate(block.find('time').first().text()) ??
      findWrittenDate(blockText);
    let summary: string | null = null;
    block.find('p').each((_, p) => {
      const t = clean($(p).text());
      if (!t || t === title || /^Published:?\s/i.test(t) || parseSourceDate(t) || isFurnitureText(t)) return undefined;
      summary = t;
      return false;
    });
    if (!title) continue;
    items.push({ url, title, published, summary });
  }
  return items;
}

/** Page N of a listing paged by `?page=N` (page 1 is the plain listing URL). */
export function pagedListingUrl(cfg: { origin: string; listingPath: string }, page: number): string {
  const u = new URL(cfg.listingPath, cfg.origin);
  if (page > 1) u.searchParams.set('page', String(page));
  return u.toString();
}
