// Platform detection: which known platform a site runs on, from the signs its home or news page shows.
// SOH (force-sites.md §3): links under `/news/<slug>/news/`, assets under `/SysSiteAssets/`, the
// `__RequestVerificationToken` form field, the `GetNewsRss` feed. Mynewsdesk (§4): `/news/<slug>-<id>`
// links, `/rss/current_news/<id>` feeds, assets on mynewsdesk.com. Drupal is named when seen (it has no
// scraper: such a site is read by the generic strategy). Two signs at least are needed for a platform.
import type { CheerioAPI } from 'cheerio';
import { loadFast, resolveUrl } from '../lib/html.ts';
import type { PlatformId } from '../platforms/index.ts';
import type { PlatformSettings } from '../types.ts';

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

  // SOH
  const soh: string[] = [];
  const slugs = new Map<string, number>();
  for (const p of paths) {
    const m = p.match(/^\/(?:[a-z]{2}-[A-Z]{2}\/)?news\/([a-z0-9-]+)\/(news|latest)\//);
    if (m && m[1] !== 'news-search') slugs.set(m[1]!, (slugs.get(m[1]!) ?? 0) + 1);
  }
  const slug = [...slugs.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  if (slug) soh.push(`links under /news/${slug}/news/`);
  if (paths.some((p) => p.startsWith('/SysSiteAssets/'))) soh.push('assets under /SysSiteAssets/');
  if ($('input[name="__RequestVerificationToken"]').length) soh.push('__RequestVerificationToken form field');
  if (paths.some((p) => /\/GetNewsRss\/?$/i.test(p))) soh.push('GetNewsRss feed');
  if (/window\.sohConfig\b/.test(html)) soh.push('sohConfig script');

  // Mynewsdesk
  const mnd: string[] = [];
  if (paths.some((p) => /^\/news\/[a-z0-9-]+-\d{4,}$/.test(p))) mnd.push('links /news/<slug>-<id>');
  if (hrefs.some((h) => /\/rss\/current_news\/\d+/.test(h))) mnd.push('feed /rss/current_news/<id>');
  if (hrefs.some((h) => /(^|\.)mynewsdesk\.com\//.test(new URL(h).host + '/'))) mnd.push('assets on mynewsdesk.com');

  const generator = $('meta[name="Generator" i], meta[name="generator"]').attr('content') ?? '';
  const cms = /drupal/i.test(generator) || paths.some((p) => p.startsWith('/sites/default/files/')) ? 'drupal' : /wordpress/i.test(generator) || paths.some((p) => p.startsWith('/wp-content/')) ? 'wordpress' : null;

  if (soh.length >= 2 && slug) {
    const listing = paths.find((p) => p.startsWith(`/news/${slug}/latest/`)) ? `/news/${slug}/latest/` : `/news/${slug}/news/`;
    return { platform: 'soh', cms: null, settings: { slug }, listingPath: listing, signs: soh };
  }
  if (mnd.length >= 2) return { platform: 'mynewsdesk', cms: null, settings: {}, listingPath: '/latest_news', signs: mnd };
  return { platform: null, cms, settings: {}, listingPath: null, signs: [...soh, ...mnd, ...(cms ? [`${cms} (${generator || 'asset paths'})`] : [])] };
}
