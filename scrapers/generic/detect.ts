// Platform detection: which known platform a site runs on, from the signs its home or news page shows.
// Each platform module declares its signs (`detect` in scrapers/platforms/*.ts: SOH's `/news/<slug>/news/`
// links and `/SysSiteAssets/` assets, Mynewsdesk's feeds); two signs at least are needed for a platform.
// Drupal and WordPress are named when seen (no scraper: such a site is read by the generic strategy).
import type { CheerioAPI } from 'cheerio';
import { loadFast, resolveUrl } from '../lib/html.ts';
import { PLATFORM_MODULES, type PlatformId } from '../platforms/index.ts';
import type { PlatformScraper, PlatformSettings } from '../types.ts';

export interface Detection {
  /** The platform whose scraper can read the site, or null (none known: the generic strategy). */
  platform: Exclude<PlatformId, 'generic'> | null;
  /** The CMS seen when it is not one of ours (e.g. `drupal`), for the operator. */
  cms: string | null;
  /** The platform's settings the signs give (SOH: `slug`, from `/news/<slug>/news/`). */
  settings: PlatformSettings;
  /** The news listing path the signs point to (SOH `/news/<slug>/news/`, Mynewsdesk `/latest_news`). */
  listingPath: string | null;
  /** The signs seen, for `spo forces` and the logs. */
  signs: string[];
}

export function detectPlatform(html: string, pageUrl: string): Detection {
  const $: CheerioAPI = loadFast(html);
  const origin = new URL(pageUrl).origin;
  const paths: string[] = [];
  const hrefs: string[] = [];
  $('a[href], link[href], img[src], script[src]').each((_, el) => {
    const raw = $(el).attr('href') ?? $(el).attr('src');
    const u = resolveUrl(raw, pageUrl);
    if (!u) return;
    hrefs.push(u);
    if (new URL(u).origin === origin) paths.push(new URL(u).pathname);
  });

  // Each platform module says what its signs are (scrapers/platforms/*.ts `detect`), tried in registry order.
  const page = { $, html, paths, hrefs };
  const seen: string[] = [];
  for (const [id, module] of Object.entries(PLATFORM_MODULES) as [keyof typeof PLATFORM_MODULES, PlatformScraper][]) {
    const d = module.detect?.(page);
    if (!d) continue;
    if (d.signs.length >= 2 && d.listingPath) return { platform: id, cms: null, settings: d.settings ?? {}, listingPath: d.listingPath, signs: d.signs };
    seen.push(...d.signs);
  }

  const generator = $('meta[name="Generator" i], meta[name="generator"]').attr('content') ?? '';
  const cms = /drupal/i.test(generator) || paths.some((p) => p.startsWith('/sites/default/files/')) ? 'drupal' : /wordpress/i.test(generator) || paths.some((p) => p.startsWith('/wp-content/')) ? 'wordpress' : null;

  return { platform: null, cms, settings: {}, listingPath: null, signs: [...seen, ...(cms ? [`${cms} (${generator || 'asset paths'})`] : [])] };
}
