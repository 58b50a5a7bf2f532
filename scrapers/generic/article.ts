// An article of a site never seen. The body is found by Mozilla's Readability (the algorithm behind
// Firefox Reader View) over linkedom, a light DOM; the title from og:title, else <h1>, else <title>; the
// date from JSON-LD datePublished, article:published_time, <time datetime>, or the visible text. A
// zoned date is turned into UK wall-clock time (the form every release date takes) and also kept as written.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { CheerioAPI } from 'cheerio';
import { isFurnitureText, toMarkdown } from '../lib/article.ts';
import { findPublishedText, parseAnyDate as parsePlainDate, parseSourceDate, ukWallClock } from '../lib/dates.ts';
import { clean, loadFast, metaContent, ogFields } from '../lib/html.ts';
import type { Article, OgFields } from '../types.ts';

/** A generic article: the platform fields plus the date as the page wrote it (with its time zone). */
export interface GenericArticle extends Article {
  /** The publication date as written by the page (e.g. `2025-05-08T10:15:00+01:00`), or null. */
  publishedAsWritten: string | null;
  /** Where the date was read: `json-ld`, `meta`, `time`, `text`, or null. */
  publishedFrom: 'json-ld' | 'meta' | 'time' | 'text' | null;
}

/**
 * A date as the page wrote it, as UK wall-clock time: an instant with a zone or offset (`Z`, `+01:00`,
 * `+0000`) is converted (23:30Z on 30 June is 00:30 on 1 July in London), never read as local time.
 */
export function parseAnyDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i.test(v)) {
    const t = Date.parse(v.replace(' ', 'T').replace(/\s+/, '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (!Number.isNaN(t)) return ukWallClock(t);
  }
  return parsePlainDate(v);
}

/** `datePublished` of the first JSON-LD object that has one (arrays and `@graph` walked). */
function jsonLdDate($: CheerioAPI): string | null {
  let found: string | null = null;
  const visit = (node: unknown, depth: number): void => {
    if (found || depth > 6 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    if (typeof o.datePublished === 'string') {
      found = o.datePublished;
      return;
    }
    for (const k of ['@graph', 'mainEntity', 'mainEntityOfPage']) if (k in o) visit(o[k], depth + 1);
  };
  $('script[type="application/ld+json"]').each((_, s) => {
    try {
      visit(JSON.parse($(s).text()), 0);
    } catch {
      /* malformed JSON-LD is common: ignored */
    }
    return found ? false : undefined;
  });
  return found;
}

const WRITTEN = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})(?:\s*(?:at|,|-)?\s*(\d{1,2})[:.](\d{2})\s*(am|pm)?)?/i;
const WRITTEN_US = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:\s*(?:at|,|-)?\s*(\d{1,2})[:.](\d{2})\s*(am|pm)?)?/i;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A written date near the title ("Posted on 8 May 2025 at 10:15", "May 8, 2025"), with its time when given. */
export function findWrittenDateTime(text: string): { iso: string; written: string } | null {
  const m = text.match(WRITTEN);
  const u = m ? null : text.match(WRITTEN_US);
  const parts = m ? { d: m[1]!, mo: m[2]!, y: m[3]!, h: m[4], mi: m[5], ap: m[6], all: m[0] } : u ? { d: u[2]!, mo: u[1]!, y: u[3]!, h: u[4], mi: u[5], ap: u[6], all: u[0] } : null;
  if (!parts) return null;
  const mo = MONTHS.indexOf(parts.mo.toLowerCase()) + 1;
  const date = `${parts.y}-${String(mo).padStart(2, '0')}-${parts.d.padStart(2, '0')}`;
  if (!parseSourceDate(date)) return null;
  let iso = date;
  if (parts.h && parts.mi) {
    let h = Number(parts.h);
    if (parts.ap?.toLowerCase() === 'pm' && h < 12) h += 12;
    if (parts.ap?.toLowerCase() === 'am' && h === 12) h = 0;
    if (h < 24 && Number(parts.mi) < 60) iso = `${date}T${String(h).padStart(2, '0')}:${parts.mi}`;
  }
  return { iso, written: parts.all };
}

function findDate($: CheerioAPI): { published: string | null; written: string | null; from: GenericArticle['publishedFrom'] } {
  const ld = jsonLdDate($);
  if (ld && parseAnyDate(ld)) return { published: parseAnyDate(ld), written: ld, from: 'json-ld' };
  for (const key of ['article:published_time', 'og:published_time', 'datePublished', 'DC.date.issued', 'dcterms.created', 'date']) {
    const v = metaContent($, key);
    if (v && parseAnyDate(v)) return { published: parseAnyDate(v), written: v, from: 'meta' };
  }
  const scope = $('article, main').first().length ? $('article, main').first() : $('body');
  const t = scope.find('time[datetime]').first().attr('datetime') ?? $('time[datetime]').first().attr('datetime');
  if (t && parseAnyDate(t)) return { published: parseAnyDate(t), written: t, from: 'time' };
  // Visible text: the SOH form first, then a written date, near the top of the article.
  const text = clean(scope.text()).slice(0, 3000);
  const soh = findPublishedText(text);
  if (soh) return { published: soh, written: soh, from: 'text' };
  const w = findWrittenDateTime(text);
  if (w) return { published: w.iso, written: w.written, from: 'text' };
  return { published: null, written: null, from: null };
}

/** The title: og:title, else the first <h1>, else <title> without its " | Site name" tail. */
function findTitle($: CheerioAPI, og: OgFields): string | null {
  return og.title || clean($('h1').first().text()) || clean($('title').first().text()).replace(/\s+[|–—-]\s+[^|–—-]+$/, '') || null;
}

/** Readability's article HTML as Markdown, the title and furniture lines taken out. */
function readabilityBody(html: string, url: string, title: string | null): string {
  const { document } = parseHTML(html);
  // Readability resolves links against the document URL; linkedom has none unless a <base> says so.
  try {
    const base = document.createElement('base');
    base.setAttribute('href', url);
    document.head?.prepend(base);
  } catch {
    /* no head: links stay relative */
  }
  const parsed = new Readability(document as unknown as Document, { charThreshold: 200, keepClasses: false }).parse();
  if (!parsed?.content) return '';
  const md = toMarkdown(parsed.content);
  return md
    .split('\n')
    .filter((line) => {
      const t = line.replace(/^#+\s*/, '').trim();
      return !(title && t === title) && !isFurnitureText(t);
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function readArticle(html: string, url: string): GenericArticle {
  const $ = loadFast(html);
  const og = ogFields($);
  const title = findTitle($, og);
  const date = findDate($);
  let body: string | null = null;
  const article = {
    title,
    published: date.published,
    publishedAsWritten: date.written,
    publishedFrom: date.from,
    // The instant with its offset, kept as written, when the page gave one (JSON-LD, meta, <time>).
    publishedZoned: date.written && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(date.written.trim()) ? date.written.trim() : null,
    description: metaContent($, 'description') ?? og.description ?? null,
    og,
  } as GenericArticle;
  // The body (Readability, Markdown) is the costly part: built on first use, as on the platforms.
  Object.defineProperty(article, 'bodyMarkdown', { enumerable: true, get: () => (body ??= readabilityBody(html, url, title)) });
  return article;
}
