// Which captures are worth a snapshot request: article-shaped URLs (by the force's platform rules or
// the generic ones), by default only those whose URL says stalking or SPO, one capture per page (the
// newest 200 HTML capture in the date window).
import { isSlugSegment, segments } from '../../scrapers/lib/urls.ts';
import { PLATFORMS, siteConfig, type ForceSite } from '../../scrapers/index.ts';
import { canonicalUrl } from '../release/index.ts';
import type { CdxRecord } from './cdx.ts';

export interface Candidate {
  forceId: string;
  /** The page in the form the live crawl stores it (its identity: one release however archived). */
  url: string;
  /** The URL as the archive holds it (scheme, port and www as captured). */
  original: string;
  /** 14-digit capture time. */
  timestamp: string;
}

/** Files, feeds and pages that are never articles, whatever their slug. */
const NOT_ARTICLE_FILE = /\.(jpe?g|png|gif|svg|webp|ico|css|js|pdf|docx?|xlsx?|pptx?|zip|xml|rss|txt|json|mp4|mp3|woff2?)$/i;
const NOT_ARTICLE_SEGMENT = /^(tags?|category|categories|search|news-search|feed|rss|login|account|cookies|privacy|accessibility|sitemap|syssiteassets|media|images|content|scripts|api|getnewsrss|getpaginatedresults|mediacentre)$/i;
const PAGING_QUERY = /[?&](page|p|q|s|search|query|start|offset)=/i;

/**
 * Whether a URL has an article's shape by the generic rules: the last path segment is a slug (words
 * joined by hyphens or underscores; three or more words, so `policing-news` or `contact-us` is not
 * one), no file extension, no tag/search/asset path, no paging or search query.
 */
export function isGenericArticleUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (PAGING_QUERY.test(u.search)) return false;
  const segs = segments(u.pathname);
  const last = segs[segs.length - 1];
  if (!last || NOT_ARTICLE_FILE.test(last)) return false;
  if (segs.some((s) => NOT_ARTICLE_SEGMENT.test(s))) return false;
  if (!isSlugSegment(last)) return false;
  return last.split(/[-_]+/).filter((w) => /[a-z]/i.test(w)).length >= 3;
}

/** Whether a URL is an article of the force: its platform's rule on the URL's own origin, else the generic rule. */
export function isArticleCapture(url: string, site: ForceSite): boolean {
  if (!isGenericArticleUrl(url)) {
    // The platform may know shapes the generic rule refuses (a two-word slug under its news tree).
    if (!site.platform || !site.listingPath) return false;
    try {
      if (PAGING_QUERY.test(new URL(url).search)) return false;
      return PLATFORMS[site.platform].isArticleUrl(url, siteConfig(site, new URL(url).origin));
    } catch {
      return false;
    }
  }
  return true;
}

/** Whether a URL's path says stalking or SPO (a word starting "stalk", or "spo"/"spos" as a word). */
export function urlSuggestsSpo(url: string): boolean {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return false;
  }
  return path
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((w) => w.startsWith('stalk') || w === 'spo' || w === 'spos');
}

/**
 * The URL of an archived page as the live crawl would store it, so both are one release: the scheme
 * and host of the force's live origin when the host is the same site (with or without `www.`), else
 * https; default ports dropped; then the release's canonical form (trailing slash, no tracking).
 */
export function liveFormUrl(original: string, liveOrigins: string[]): string {
  const raw = /^[a-z][a-z0-9+.-]*:\/\//i.test(original) ? original : `http://${original}`;
  const u = new URL(raw);
  const bare = (h: string): string => h.toLowerCase().replace(/^www\d*\./, '');
  const live = liveOrigins.map((o) => new URL(o)).find((o) => bare(o.hostname) === bare(u.hostname) && (!u.port || !o.port || o.port === u.port));
  const out = new URL(`${u.pathname}${u.search}`, live ? live.origin : `https://${u.hostname.toLowerCase()}`);
  return canonicalUrl(out.toString());
}

export interface PickOptions {
  /** Every article capture, not only those whose URL says stalking or SPO. */
  all?: boolean;
  /** 14-digit window bounds (inclusive). */
  from?: string;
  to?: string;
}

/**
 * One candidate per page: of its 200 `text/html` captures in the window, the newest. Pages are told
 * apart by their live-form URL, so http/https, `:80`, `www.` and a trailing slash are one page.
 */
export function pickCandidates(records: Iterable<CdxRecord>, site: ForceSite, liveOrigins: string[], opts: PickOptions = {}): Candidate[] {
  const best = new Map<string, Candidate>();
  for (const r of records) {
    if (r.statuscode !== '200' || !/^text\/html\b/i.test(r.mimetype)) continue;
    if (!/^\d{14}$/.test(r.timestamp)) continue;
    if (opts.from && r.timestamp < opts.from) continue;
    if (opts.to && r.timestamp > opts.to) continue;
    let url: string;
    try {
      url = liveFormUrl(r.original, liveOrigins);
    } catch {
      continue;
    }
    if (!isArticleCapture(url, site)) continue;
    if (!opts.all && !urlSuggestsSpo(url)) continue;
    const prev = best.get(url);
    if (!prev || r.timestamp > prev.timestamp) best.set(url, { forceId: site.id, url, original: r.original, timestamp: r.timestamp });
  }
  return [...best.values()].sort((a, b) => a.url.localeCompare(b.url));
}

/** A date flag (YYYY, YYYY-MM or YYYY-MM-DD) as a 14-digit CDX bound: the start of it, or with `end`, its last second. */
export function cdxTimestamp(date: string, end = false): string {
  const m = date.trim().match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/);
  if (!m) throw new Error(`"${date}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  const [, y, mo, d] = m;
  const month = Number(mo ?? (end ? 12 : 1));
  const day = d ? Number(d) : end ? new Date(Date.UTC(Number(y), month, 0)).getUTCDate() : 1;
  const probe = new Date(Date.UTC(Number(y), month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCDate() !== day) throw new Error(`"${date}" is not a date`);
  return `${y}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${end ? '235959' : '000000'}`;
}
