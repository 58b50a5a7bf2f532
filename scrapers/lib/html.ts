// Reading HTML: the two parsers, the limits a page may not pass, text cleaning, URLs, meta tags.
// Pure (string in, data out). Selectors elsewhere key on semantic HTML and on text the sites are known
// to print, never on class names.
import * as cheerio from 'cheerio';
import { Parser } from 'htmlparser2';
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { OgFields } from '../types.ts';
import { readPageHead } from '../head.ts';

/** A page parsed as a browser would (parse5, the HTML5 algorithm): for text whose structure matters. */
export const load = (html: string): CheerioAPI => cheerio.load(html);

/**
 * A page parsed by htmlparser2: three times faster than parse5 and forgiving, but not the HTML5 tree
 * algorithm. Good for reading head fields, headings and dated text off every page of a crawl.
 */
export const loadFast = (html: string): CheerioAPI => cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });

// ---- limits of a page ----------------------------------------------------------------------

/**
 * What a page may hold before it is refused unread. Real police news pages nest under 60 elements and
 * link a few hundred times; a hostile one nests 10,000 deep (the tree walks of the readers overflow the
 * stack) or lists 10,000 links (a run's worth of requests). Past a cap the page is a failed page.
 */
export const PAGE_LIMITS = { maxDepth: 1000, maxLinks: 5000 } as const;

/**
 * Why a page is past the limits (too deeply nested, too many links), or null. One streaming pass of the
 * tokenizer (no tree is built), so it costs a fraction of reading the page and is safe on any page.
 */
export function pageLimitProblem(html: string, limits: { maxDepth: number; maxLinks: number } = PAGE_LIMITS): string | null {
  let depth = 0;
  let maxDepth = 0;
  let links = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        depth++;
        if (depth > maxDepth) maxDepth = depth;
        if (name === 'a' && attribs.href !== undefined) links++;
      },
      onclosetag() {
        depth--;
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  return limitProblem(maxDepth, links, limits);
}

/**
 * pageLimitProblem of an article page, measured by the pass that reads its head (readPageHead): the
 * scraper that reads the page next (articleFromHead) reuses that pass instead of making another.
 */
export function articleLimitProblem(html: string, limits: { maxDepth: number; maxLinks: number } = PAGE_LIMITS): string | null {
  const head = readPageHead(html);
  return limitProblem(head.maxDepth, head.links, limits);
}

function limitProblem(maxDepth: number, links: number, limits: { maxDepth: number; maxLinks: number }): string | null {
  if (maxDepth > limits.maxDepth) return `elements nested ${maxDepth} deep, over the cap of ${limits.maxDepth}`;
  if (links > limits.maxLinks) return `${links} links, over the cap of ${limits.maxLinks} per page`;
  return null;
}

/** Collapse whitespace (including NBSP) and trim. */
export function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u00A0]+/g, ' ').trim();
}

/** Resolve an href against a base URL; null for non-http(s) schemes or junk. */
export function resolveUrl(href: string | undefined | null, base: string): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h || h.startsWith('#')) return null;
  try {
    const u = new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.toString();
  } catch {
    return null;
  }
}

const metaCache = new WeakMap<CheerioAPI, Map<string, string>>();

/** The content of the first `<meta name|property=key>` of the page (one pass over the page's meta tags, cached). */
export function metaContent($: CheerioAPI, key: string): string | null {
  let metas = metaCache.get($);
  if (!metas) {
    metas = new Map();
    for (const el of $('meta').toArray() as Element[]) {
      const content = clean(el.attribs.content);
      for (const k of [el.attribs.name, el.attribs.property]) if (k !== undefined && !metas.has(k)) metas.set(k, content);
    }
    metaCache.set($, metas);
  }
  return metas.get(key) || null;
}

export function ogFields($: CheerioAPI): OgFields {
  const og: OgFields = {};
  for (const k of ['title', 'description', 'url', 'image', 'type', 'locale'] as const) {
    const v = metaContent($, `og:${k}`);
    if (v) og[k] = v;
  }
  return og;
}
