// Listing pages of a site never seen: article links by shape (shape.ts), grouped into items by the
// listing reader every platform shares, and the next page by `rel="next"`, a "Next"/"Load more" link, the
// link labelled with the next page number, or `?page=N+1` (pagers count from 0 on Drupal, from 1 elsewhere).
import type { CheerioAPI } from 'cheerio';
import { clean, resolveUrl } from '../lib/html.ts';
import { parseListingItems } from '../lib/listing.ts';
import type { ListingItem, ListingPage } from '../types.ts';

const NEXT_LABEL = /^(next( page)?|older( posts| news| stories)?|load more( stories| news| results)?|more (stories|news)|›+|»|>+)(\s*[›»>]+)?$/i;

/** The page number in a URL's `?page=` (null when absent). */
function pageParam(url: URL): number | null {
  const p = url.searchParams.get('page');
  if (p === null || !/^\d+$/.test(p)) return null;
  return Number(p);
}

/** The URL of the next (older) listing page, or null on the last one. Never the page itself, never another path. */
export function nextListingPage($: CheerioAPI, pageUrl: string): string | null {
  const here = new URL(pageUrl);
  const samePath = (u: string): boolean => {
    const x = new URL(u);
    return x.origin === here.origin && x.pathname.replace(/\/$/, '') === here.pathname.replace(/\/$/, '') && x.href !== here.href;
  };
  const accept = (href: string | undefined): string | null => {
    const u = resolveUrl(href, pageUrl);
    return u && samePath(u) ? u : null;
  };
  const rel = accept($('link[rel~="next"]').first().attr('href')) ?? accept($('a[rel~="next"]').first().attr('href'));
  if (rel) return rel;
  let found: string | null = null;
  $('a[href]').each((_, a) => {
    const $a = $(a);
    const label = clean($a.text()) || clean($a.attr('aria-label')) || clean($a.attr('title'));
    if (NEXT_LABEL.test(label) || /^(go to )?next\b/i.test(clean($a.attr('title'))) || /^next\b/i.test(clean($a.attr('aria-label')))) {
      found = accept($a.attr('href'));
      if (found) return false;
    }
    return undefined;
  });
  if (found) return found;
  // A numbered pager: the link labelled with the next page number (whatever the URL counts from).
  const current = pageParam(here);
  const labelOf = (n: number): string | null => {
    let hit: string | null = null;
    $('a[href]').each((_, a) => {
      if (clean($(a).text()) === String(n)) {
        hit = accept($(a).attr('href'));
        if (hit) return false;
      }
      return undefined;
    });
    return hit;
  };
  const currentLabel = Number(clean($('[aria-current="page"], .is-active, .active, .current').filter((_, el) => /^\d+$/.test(clean($(el).text()))).first().text())) || null;
  const byLabel = labelOf((currentLabel ?? (current === null ? 1 : current + 1)) + 1);
  if (byLabel) return byLabel;
  // Else `?page=N+1` on the same path (N = 0 for the plain URL of a pager counting from 0).
  let byNumber: string | null = null;
  $('a[href]').each((_, a) => {
    const u = accept($(a).attr('href'));
    if (!u) return undefined;
    const n = pageParam(new URL(u));
    if (n !== null && n === (current ?? 0) + 1) {
      byNumber = u;
      return false;
    }
    return undefined;
  });
  return byNumber;
}

/** A listing page read by shape: the article items in page order and the next page. */
export function parseShapeListing($: CheerioAPI, pageUrl: string, isArticle: (url: string) => boolean): ListingPage {
  const items: ListingItem[] = parseListingItems($, pageUrl, isArticle);
  return { items, nextPage: nextListingPage($, pageUrl) };
}

/** The news listing a home page links to: the link whose text names the news (`News`, `News and appeals`, `Latest news`). */
export function findNewsListing($: CheerioAPI, pageUrl: string): string | null {
  const origin = new URL(pageUrl).origin;
  let best: string | null = null;
  let bestScore = 0;
  $('a[href]').each((_, a) => {
    const u = resolveUrl($(a).attr('href'), pageUrl);
    if (!u || new URL(u).origin !== origin) return;
    const text = clean($(a).text()).toLowerCase();
    const path = new URL(u).pathname.toLowerCase();
    let score = 0;
    if (/^(latest |all )?news( and appeals| & appeals| releases| room)?$/.test(text)) score += 3;
    else if (/\bnews\b/.test(text) && text.length < 40) score += 1;
    if (/^\/(latest-)?news(-and-appeals|-releases|room)?\/?$/.test(path)) score += 2;
    if (score > bestScore) [best, bestScore] = [u, score];
  });
  return bestScore >= 2 ? best : null;
}
