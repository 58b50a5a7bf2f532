// Helpers shared by the platform scrapers. Everything here is pure (string in, data out).
// Selectors key on semantic HTML (<h1>, <main>, <article>, <time>, meta tags, rel=next) and on text
// the sites are known to print ("Published: HH:MM DD/MM/YYYY", furniture phrases), not on class names.
import * as cheerio from 'cheerio';
import { Parser } from 'htmlparser2';
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import TurndownService from 'turndown';
import { readPageHead } from './head.ts';
import { parseSourceDate } from '../src/release/dates.ts';
import type { Article, FeedItem, OgFields } from './types.ts';

export { parseSourceDate };

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

/** `Published: HH:MM DD/MM/YYYY` (the SOH form) anywhere in a text, as ISO. */
export function findPublishedText(text: string): string | null {
  const m = text.match(/Published:?\s*(\d{1,2}:\d{2}\s+\d{1,2}\/\d{1,2}\/\d{4})/i);
  return m ? parseSourceDate(m[1]) : null;
}

/** A date from a `<time datetime>` value, RFC 822, ISO, or the forms parseSourceDate knows. */
export function parseAnyDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = clean(value);
  const direct = parseSourceDate(v);
  if (direct) return direct;
  // "2025-05-08 14:03:00 +0000" (Mynewsdesk datetime attributes), "2025-05-08T14:03:00.000Z": a time with
  // a zone is turned into UK wall-clock time, the zone SOH's `Published:` text is written in.
  const z = v.match(/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})$/i);
  if (z) {
    const zone = z[3]!.toUpperCase() === 'Z' ? 'Z' : z[3]!.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const t = Date.parse(`${z[1]}T${z[2]}${zone}`);
    if (!Number.isNaN(t)) return ukWallClock(t);
  }
  const m = v.match(/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/);
  if (m) return parseSourceDate(`${m[1]}T${m[2]}`);
  const d = v.match(/^(\d{4}-\d{2}-\d{2})/);
  return d ? parseSourceDate(d[1]) : null;
}

const UK_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** An instant as UK wall-clock time, `YYYY-MM-DDTHH:MM`. */
export function ukWallClock(epochMs: number): string {
  const p = Object.fromEntries(UK_CLOCK.formatToParts(new Date(epochMs)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Dates written out in running text: `Thursday, May 8, 2025`, `September 02, 2022`, `8 May 2025`. */
export function findWrittenDate(text: string): string | null {
  const patterns = [
    /\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b/,
    /\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}\b/,
  ];
  for (const re of patterns) {
    const m = text.match(re);
    if (m) {
      const d = parseSourceDate(m[0]);
      if (d) return d;
    }
  }
  return null;
}

// ---- page furniture ------------------------------------------------------------------------

/** Phrases that start page furniture on police sites (seen as text on SOH pages; see force-sites.md §3). */
export const FURNITURE_PHRASES: readonly RegExp[] = [
  /^quickly exit this site/i,
  /^leave this site/i,
  /^leave site/i,
  /^skip to (main )?content/i,
  /^we use (some )?(essential )?cookies/i,
  /^this (web)?site uses cookies/i,
  /^customi[sz]e cookies/i,
  /^your cookie preferences have been saved/i,
  /^cookie (settings|preferences|policy)/i,
  /^accept (all|additional) cookies/i,
  /^reject (all|additional) cookies/i,
  /^sorry, there was a technical problem/i,
  /^this site is a beta/i,
  /^share this (page|article|story|news)/i,
  /^share (on|via) /i,
  /^is there a problem with this page/i,
  /^was this page (useful|helpful)/i,
  /^report a problem with this page/i,
  /^you are here:/i,
  /^back to (top|news)/i,
  /^print this page/i,
];

export const isFurnitureText = (text: string): boolean => {
  const t = clean(text);
  return t.length > 0 && FURNITURE_PHRASES.some((re) => re.test(t));
};

/** Elements that are never article text. */
const NEVER_TEXT = 'script, style, noscript, template, svg, iframe, object, embed, form, button, input, select, textarea, nav, header, footer, aside, dialog, [role="navigation"], [role="banner"], [role="contentinfo"], [role="dialog"], [role="alertdialog"], [hidden], [aria-hidden="true"]';

/**
 * Remove furniture blocks: for every text node that starts a furniture phrase, the largest enclosing
 * block within `root` whose text stays short (a banner, a share bar), never the content container.
 */
export function stripFurniture($: CheerioAPI, root: Cheerio<AnyNode>): void {
  root.find(NEVER_TEXT).remove();
  const doomed = new Set<AnyNode>();
  root.find('*').each((_, el) => {
    const $el = $(el);
    // Only look at leaf-ish blocks: an element whose own text starts with a furniture phrase.
    const own = clean($el.text());
    if (!own || own.length > 600 || !isFurnitureText(own)) return;
    let target: Cheerio<AnyNode> = $el;
    let parent = $el.parent();
    // Climb while the enclosing block holds nothing but furniture (no real paragraph, no title).
    while (parent.length && parent[0] !== root[0] && clean(parent.text()).length <= 2000) {
      if (parent.find('h1').length || hasRealText($, parent)) break;
      target = parent;
      parent = parent.parent();
    }
    doomed.add(target[0]!);
  });
  for (const el of doomed) $(el).remove();
}

/** Whether a block holds a real paragraph: a leaf p/li/blockquote/td of 60+ characters that is not furniture. */
function hasRealText($: CheerioAPI, el: Cheerio<AnyNode>): boolean {
  let found = false;
  el.find('p, li, blockquote, td, dd').each((_, e) => {
    const $e = $(e);
    if ($e.find('p, li').length) return undefined;
    const t = clean($e.text());
    if (t.length >= 60 && !isFurnitureText(t)) {
      found = true;
      return false;
    }
    return undefined;
  });
  return found;
}

/** The tightest element under `root` that holds nearly all (>= 95%) of the paragraph and list text (a lead paragraph outside the body block stays in). */
export function contentContainer($: CheerioAPI, root: Cheerio<AnyNode>): Cheerio<AnyNode> {
  const textOf = (el: Cheerio<AnyNode>): number => {
    let n = 0;
    el.find('p, li, h2, h3, h4, blockquote, td').each((_, e) => {
      // Count only leaf blocks so nested lists/paragraphs are not counted twice.
      if ($(e).find('p, li').length === 0) n += clean($(e).text()).length;
    });
    return n;
  };
  const total = textOf(root);
  if (total === 0) return root;
  let current = root;
  for (;;) {
    let next: Cheerio<AnyNode> | null = null;
    current.children().each((_, child) => {
      const c = $(child);
      if (textOf(c) >= total * 0.95) {
        next = c;
        return false;
      }
      return undefined;
    });
    if (!next) return current;
    current = next;
  }
}

let turndown: TurndownService | null = null;
function getTurndown(): TurndownService {
  if (turndown) return turndown;
  const td = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
    linkStyle: 'inlined',
  });
  td.remove(['script', 'style', 'noscript', 'iframe', 'form', 'button', 'nav', 'template'] as unknown as TurndownService.Filter);
  // Images are furniture in press releases ("Library image: Pexels" captions stay as text).
  td.addRule('dropImages', { filter: ['img', 'picture', 'figure'] as unknown as TurndownService.Filter, replacement: () => '' });
  // Links: keep the text; the href is noise in a release document unless it is an absolute URL.
  td.addRule('plainLinks', {
    filter: 'a',
    replacement: (content: string, node: unknown) => {
      const href = (node as { getAttribute(n: string): string | null }).getAttribute('href') ?? '';
      const text = content.trim();
      if (!text) return '';
      return /^https?:\/\//i.test(href) && href !== text ? `[${text}](${href})` : text;
    },
  });
  turndown = td;
  return td;
}

/** An element's HTML as Markdown (lists stay lists, headings become ##), tidied. */
export function toMarkdown(html: string): string {
  const md = getTurndown().turndown(html);
  return md
    .split('\n')
    .map((l) => l.replace(/[ \t\u00A0]+$/g, ''))
    .join('\n')
    .replace(/^(\s*)[-*+]\s{2,}/gm, '$1- ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface ArticleOptions {
  /** Extra text patterns to drop from the body (e.g. the `Published:` line). */
  dropLines?: RegExp[];
}

/**
 * The generic article parse every platform shares: `<h1>` (or og:title/<title>) for the title, meta
 * description, og:*, and the body from the densest text container of `<main>`/`<article>`/`<body>`.
 */
export function parseGenericArticle(html: string, opts: ArticleOptions & { published?: ($: CheerioAPI, text: string) => string | null } = {}): Article {
  if (!opts.published) return articleFromHead(html, opts);
  const $ = loadFast(html);
  // og:* and the description are read on first use too: a crawler classifying an ordinary release
  // needs only its title and date.
  let og: OgFields | null = null;
  const ogOf = (): OgFields => (og ??= ogFields($));
  const h1 = clean($('h1').first().text());
  const title = h1 || ogOf().title || clean($('title').first().text()).replace(/\s+\|\s+[^|]+$/, '') || null;
  const pageText = clean($('body').text() || $.root().text());
  const published =
    opts.published?.($, pageText) ??
    findPublishedText(pageText) ??
    parseAnyDate(metaContent($, 'article:published_time')) ??
    parseAnyDate($('time[datetime]').first().attr('datetime')) ??
    null;

  // The body is the costly part (furniture stripping, Markdown): built on first use, so a crawler
  // that only needs the title and date of an ordinary release never pays for it.
  let bodyMarkdown: string | null = null;
  let description: string | null | undefined;
  const article = { title, published } as Article;
  Object.defineProperties(article, {
    description: { enumerable: true, get: () => (description === undefined ? (description = metaContent($, 'description') ?? ogOf().description ?? null) : description) },
    og: { enumerable: true, get: ogOf },
    bodyMarkdown: { enumerable: true, get: () => (bodyMarkdown ??= articleBodyMarkdown(load(html), opts)) },
  });
  return article;
}

/**
 * parseGenericArticle for a platform without a date reader of its own (SOH): title, date, description
 * and og:* from one streaming pass over the page (readPageHead) instead of a DOM, the same fields the
 * DOM queries read. Classifying a page is most of a crawl's work per page; the DOM is only built for
 * the body, on first use.
 */
function articleFromHead(html: string, opts: ArticleOptions): Article {
  const head = readPageHead(html);
  const meta = (key: string): string | null => clean(head.metas.get(key)) || null;
  let og: OgFields | null = null;
  const ogOf = (): OgFields => {
    if (og) return og;
    og = {};
    for (const k of ['title', 'description', 'url', 'image', 'type', 'locale'] as const) {
      const v = meta(`og:${k}`);
      if (v) og[k] = v;
    }
    return og;
  };
  const title = clean(head.h1) || ogOf().title || clean(head.title).replace(/\s+\|\s+[^|]+$/, '') || null;
  const pageText = clean(head.text);
  const published = findPublishedText(pageText) ?? parseAnyDate(meta('article:published_time')) ?? parseAnyDate(head.timeDatetime) ?? null;
  let bodyMarkdown: string | null = null;
  let description: string | null | undefined;
  const article = { title, published } as Article;
  Object.defineProperties(article, {
    description: { enumerable: true, get: () => (description === undefined ? (description = meta('description') ?? ogOf().description ?? null) : description) },
    og: { enumerable: true, get: ogOf },
    bodyMarkdown: { enumerable: true, get: () => (bodyMarkdown ??= articleBodyMarkdown(load(html), opts)) },
  });
  return article;
}

/** The article body of a loaded page as Markdown (mutates the page: furniture is removed). */
function articleBodyMarkdown($: CheerioAPI, opts: ArticleOptions): string {
  let root: Cheerio<AnyNode> = $('main').first();
  if (!root.length) root = $('article').first();
  if (!root.length) root = $('body').first();
  if (!root.length) root = $.root();
  stripFurniture($, root);
  const container = contentContainer($, root);
  const body = container.clone();
  // The title is front matter, not body; so is the date line.
  body.find('h1').remove();
  const drops = [/^Published:?\s*\d{1,2}:\d{2}\s+\d{1,2}\/\d{1,2}\/\d{4}$/i, ...(opts.dropLines ?? [])];
  body.find('p, div, span, time, li, dd, dt').each((_, el) => {
    const $el = $(el);
    if ($el.find('p, div, li').length) return;
    const t = clean($el.text());
    if (drops.some((re) => re.test(t)) || isFurnitureText(t)) $el.remove();
  });
  // Trailing label blocks (tag lists such as "Court news") are not text: short divs/spans without a
  // paragraph or sentence punctuation at the end of the container.
  for (let last = body.children().last(); last.length; last = body.children().last()) {
    const tag = (last[0] as Element).tagName;
    const t = clean(last.text());
    if ((tag === 'div' || tag === 'span') && !last.find('p, li, h2, h3').length && t.length < 40 && !/[.!?"”:)]$/.test(t)) last.remove();
    else break;
  }
  // A lead paragraph set in bold is still a paragraph.
  body.find('p').each((_, p) => {
    const $p = $(p);
    const only = $p.children('strong, b');
    if (only.length === 1 && clean(only.text()) === clean($p.text())) only.replaceWith(only.html() ?? '');
  });
  return toMarkdown($.html(body) ?? '');
}

// ---- listings ------------------------------------------------------------------------------

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

// ---- feeds ---------------------------------------------------------------------------------

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

/** Path segments of a URL path, without empty ones. */
export const segments = (path: string): string[] => path.split('/').filter(Boolean);

const MONTH_SEGMENT = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)(-\d{2,4})?$/i;

/** Whether a path segment looks like an article slug (not a year, month, number or one-word index). */
export function isSlugSegment(seg: string): boolean {
  let s: string;
  try {
    s = decodeURIComponent(seg);
  } catch {
    return false;
  }
  if (/^\d+$/.test(s) || MONTH_SEGMENT.test(s)) return false;
  if (/\.(aspx?|php|jpe?g|png|gif|pdf|docx?|xml|rss|css|js|svg|webp|ico)$/i.test(s)) return false;
  return /[a-z0-9]-+[a-z0-9]/i.test(s);
}

/** The path segments of a URL on the configured origin, or null for a malformed or off-site URL. */
export function sameOriginSegments(url: string, cfg: { origin: string }): string[] | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.origin !== new URL(cfg.origin).origin) return null;
  return segments(u.pathname);
}

/** Page N of a listing paged by `?page=N` (page 1 is the plain listing URL). */
export function pagedListingUrl(cfg: { origin: string; listingPath: string }, page: number): string {
  const u = new URL(cfg.listingPath, cfg.origin);
  if (page > 1) u.searchParams.set('page', String(page));
  return u.toString();
}
