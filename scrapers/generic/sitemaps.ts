// Discovery from sitemaps: the `Sitemap:` lines of robots.txt (read by robots-parser), sitemap indexes
// and URL sets (read by fast-xml-parser), and `<lastmod>` so that a nightly run fetches only what changed.
// Pure: text in, data out.
import { createRequire } from 'node:module';
import { XMLParser } from 'fast-xml-parser';

export interface SitemapEntry {
  /** Absolute URL of the page (or, in an index, of the child sitemap). */
  loc: string;
  /** `<lastmod>` as epoch ms (its time zone honoured), or null when absent or unreadable. */
  lastmod: number | null;
}

export interface Sitemap {
  /** `index`: entries are child sitemaps; `urlset`: entries are pages. */
  kind: 'index' | 'urlset';
  entries: SitemapEntry[];
}

const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, text: string) => { getSitemaps(): string[] };

/** The sitemap URLs a robots.txt names (`Sitemap:` lines; relative ones, as on SOH, resolved against it). */
export function sitemapsFromRobots(robotsTxt: string, robotsUrl: string): string[] {
  const out: string[] = [];
  for (const s of robotsParser(robotsUrl, robotsTxt).getSitemaps()) {
    try {
      const u = new URL(s.trim(), robotsUrl);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && !out.includes(u.href)) out.push(u.href);
    } catch {
      /* not a URL: ignored */
    }
  }
  return out;
}

const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, trimValues: true, parseTagValue: false, isArray: (name) => name === 'url' || name === 'sitemap' });

/** A sitemap or sitemap index; throws with the URL named when the text is not one. */
export function parseSitemap(xml: string, url: string): Sitemap {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${url}: not XML (${(e as Error).message.split('\n')[0]})`);
  }
  const entry = (e: unknown): SitemapEntry | null => {
    const o = e as { loc?: unknown; lastmod?: unknown } | null;
    if (!o || typeof o.loc !== 'string') return null;
    let loc: string;
    try {
      loc = new URL(o.loc.trim(), url).href;
    } catch {
      return null;
    }
    const t = typeof o.lastmod === 'string' ? Date.parse(o.lastmod) : Number.NaN;
    return { loc, lastmod: Number.isNaN(t) ? null : t };
  };
  const index = doc.sitemapindex as { sitemap?: unknown[] } | undefined;
  if (index) return { kind: 'index', entries: (index.sitemap ?? []).map(entry).filter((x): x is SitemapEntry => !!x) };
  const set = doc.urlset as { url?: unknown[] } | undefined;
  if (set) return { kind: 'urlset', entries: (set.url ?? []).map(entry).filter((x): x is SitemapEntry => !!x) };
  throw new Error(`${url}: neither a sitemap index nor a URL set`);
}

/**
 * Lastmod values are often dates only, or written late: an entry counts as changed when its lastmod
 * is within this margin of the last run, so nothing published just before a run is missed.
 */
export const LASTMOD_MARGIN_MS = 2 * 86_400_000;

/** Whether an entry may have changed since `since` (ISO 8601; null: never read, so everything has). */
export function changedSince(entry: SitemapEntry, since: string | null): boolean {
  if (!since || entry.lastmod === null) return true;
  return entry.lastmod >= Date.parse(since) - LASTMOD_MARGIN_MS;
}
