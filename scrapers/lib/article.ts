// The article reader every platform shares: title, date, description, og:*, and the body as Markdown
// from the densest text container, with page furniture (cookie banners, share bars) stripped.
// Selectors key on semantic HTML (<h1>, <main>, <article>, <time>, meta tags) and on text the sites are
// known to print ("Published: HH:MM DD/MM/YYYY", furniture phrases), not on class names.
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import TurndownService from 'turndown';
import { FURNITURE_ELEMENTS, readPageHead } from '../head.ts';
import type { Article, OgFields } from '../types.ts';
import { clean, load, loadFast, metaContent, ogFields } from './html.ts';
import { findPublishedText, parseAnyDate } from './dates.ts';

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

/** Elements that are never article text: the furniture elements the head pass knows by name, and more by their attributes. */
const NEVER_TEXT = [...FURNITURE_ELEMENTS, 'input', '[role="navigation"]', '[role="banner"]', '[role="contentinfo"]', '[role="dialog"]', '[role="alertdialog"]', '[hidden]', '[aria-hidden="true"]'].join(', ');

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
    // A means to read the page, not a field of the article (saved expectations do not list it).
    textOutsideFurniture: { enumerable: false, value: head.textOutsideFurniture },
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
