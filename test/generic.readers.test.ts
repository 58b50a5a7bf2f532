// The generic strategy's readers (scrapers/generic) against replica sites they were not written for:
// a Drupal-like CMS of its own (west-yorkshire), the same site redesigned, and SOH / Mynewsdesk pages for
// platform detection. No crawler here: each reader is driven by hand, page by page.
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../src/replica/index.ts';
import {
  advertisedFeeds, changedSince, detectPlatform, findNewsListing, findWrittenDateTime, inferSection, isArticleShape, nextListingPage,
  parseFeed, parseShapeListing, parseSitemap, readArticle, sectionOf, sitemapsFromRobots,
} from '../scrapers/generic/index.ts';
import { createRequire } from 'node:module';

const robotsParser = createRequire(import.meta.url)('robots-parser') as (u: string, t: string) => { isAllowed(u: string, ua?: string): boolean | undefined };
let rep: Replica;
const WY = 'west-yorkshire';

const text = async (url: string): Promise<string> => {
  const r = await fetch(url);
  expect(r.status, url).toBe(200);
  return r.text();
};

beforeAll(async () => {
  rep = await startReplica({ forces: [WY, 'cumbria', 'kent', 'metropolitan', 'lancashire'], ordinaryPerForce: 60 });
});
afterAll(async () => {
  await rep.stop();
});

describe('discovery on a CMS of its own', () => {
  it('finds every release and nothing else through robots.txt, the sitemap index and <lastmod>', async () => {
    const origin = rep.origins[WY]!;
    const robotsUrl = `${origin}/robots.txt`;
    const robotsTxt = await text(robotsUrl);
    const robots = robotsParser(robotsUrl, robotsTxt);
    const allowed = (u: string): boolean => robots.isAllowed(u, 'spo-tracker') === true;
    const maps = sitemapsFromRobots(robotsTxt, robotsUrl);
    expect(maps).toEqual([`${origin}/sitemap.xml`]);
    const index = parseSitemap(await text(maps[0]!), maps[0]!);
    expect(index.kind).toBe('index');
    expect(index.entries.every((e) => e.lastmod !== null)).toBe(true);
    const urls: string[] = [];
    for (const child of index.entries) {
      const set = parseSitemap(await text(child.loc), child.loc);
      expect(set.kind).toBe('urlset');
      urls.push(...set.entries.map((e) => e.loc));
    }
    // The section is read from the URLs themselves: nothing told the reader where the news lives.
    const section = inferSection(urls);
    expect(section).toBe('/news-and-appeals/');
    const articles = urls.filter((u) => isArticleShape(u, { origin, section, allowed }));
    expect(new Set(articles)).toEqual(new Set(rep.allReleases(WY).map((r) => r.url)));
    // Tag pages, static pages and the listing are in the sitemap but are not articles.
    expect(urls.some((u) => u.includes('/tags/'))).toBe(true);
    expect(articles.some((u) => u.includes('/tags/') || u.endsWith('/news-and-appeals'))).toBe(false);
  });

  it('is incremental: only child sitemaps and pages changed since the last run', async () => {
    const origin = rep.origins[WY]!;
    const index = parseSitemap(await text(`${origin}/sitemap.xml`), `${origin}/sitemap.xml`);
    const lastRun = new Date().toISOString();
    expect(index.entries.filter((e) => changedSince(e, lastRun))).toEqual([]);
    expect(index.entries.filter((e) => changedSince(e, null)).length).toBe(index.entries.length);
    const url = rep.addRelease(WY, { title: 'Stalking Protection Order made at Leeds court', body: 'A man has been given a Stalking Protection Order.\n\nIt lasts five years.', spo: true });
    const after = parseSitemap(await text(`${origin}/sitemap.xml`), `${origin}/sitemap.xml`);
    const changed = after.entries.filter((e) => changedSince(e, lastRun));
    expect(changed.map((e) => e.loc)).toEqual([`${origin}/sitemaps/news-2026.xml`]);
    const set = parseSitemap(await text(changed[0]!.loc), changed[0]!.loc);
    expect(set.entries.filter((e) => changedSince(e, lastRun)).map((e) => e.loc)).toEqual([url]);
    rep.removeRelease(url);
  });

  it('finds the advertised feed and reads it', async () => {
    const origin = rep.origins[WY]!;
    const $ = cheerio.load(await text(`${origin}/`));
    const feeds = advertisedFeeds($, `${origin}/`);
    expect(feeds).toEqual([`${origin}/rss.xml`]);
    const items = parseFeed(await text(feeds[0]!), feeds[0]!);
    expect(items.map((i) => i.url)).toEqual(rep.allReleases(WY).slice(0, 10).map((r) => r.url));
    expect(items[0]!.published).toBe(rep.allReleases(WY)[0]!.published);
  });

  it('finds the news listing from the home page and walks its pager from ?page=0 to the end', async () => {
    for (const variant of ['healthy', 'redesigned'] as const) {
      rep.setVariant(WY, variant);
      const origin = rep.origins[WY]!;
      const listing = findNewsListing(cheerio.load(await text(`${origin}/`)), `${origin}/`);
      expect(listing).toBe(`${origin}/news-and-appeals`);
      const section = sectionOf(listing!);
      const seen: string[] = [];
      const pages: string[] = [];
      for (let url: string | null = listing; url; ) {
        pages.push(url);
        const p = parseShapeListing(cheerio.load(await text(url)), url, (u) => isArticleShape(u, { origin, section }));
        seen.push(...p.items.map((i) => i.url));
        url = p.nextPage;
        expect(pages.length).toBeLessThan(20);
      }
      expect(pages[1]).toBe(`${origin}/news-and-appeals?page=1`);
      expect(seen, variant).toEqual(rep.allReleases(WY).map((r) => r.url));
    }
    rep.setVariant(WY, 'healthy');
  });

  it('pages Lancashire (?page=N from 1, "Next") and SOH (numbers and "Next") too', () => {
    const from1 = cheerio.load('<a href="/news/?page=1">1</a><a href="/news/?page=2">2</a><a href="/news/?page=3">3</a>');
    expect(nextListingPage(from1, 'http://x.test/news/')).toBe('http://x.test/news/?page=2');
    const from0 = cheerio.load('<li class="is-active">1</li><a href="/n?page=1">2</a><a href="/n?page=2">3</a>');
    expect(nextListingPage(from0, 'http://x.test/n')).toBe('http://x.test/n?page=1');
    const next = cheerio.load('<a href="/n?page=5">Next</a>');
    expect(nextListingPage(next, 'http://x.test/n?page=4')).toBe('http://x.test/n?page=5');
    expect(nextListingPage(cheerio.load('<a href="/elsewhere?page=2">Next</a>'), 'http://x.test/n')).toBeNull();
    expect(nextListingPage(cheerio.load('<p>last page</p>'), 'http://x.test/n?page=9')).toBeNull();
  });
});

describe('articles read by Readability', () => {
  it('reads title, zoned date and body of every SPO release, healthy or redesigned', async () => {
    for (const variant of ['healthy', 'redesigned'] as const) {
      rep.setVariant(WY, variant);
      for (const truth of rep.spoReleases(WY)) {
        const a = readArticle(await text(truth.url), truth.url);
        expect(a.title, truth.url).toBe(truth.title);
        expect(a.published, `${variant} ${truth.url}`).toBe(truth.published);
        expect(a.bodyMarkdown).toMatch(/Stalking (Protection|Prevention) Order|stalking order/i);
        for (const furniture of ['Leave site', 'We use cookies', 'Printer-friendly', 'Latest news', 'Skip to main content']) expect(a.bodyMarkdown).not.toContain(furniture);
        if (variant === 'healthy') {
          expect(a.publishedFrom).toBe('json-ld');
          expect(a.publishedAsWritten).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[01]:00$/);
        } else expect(a.publishedFrom).toBe('text');
      }
    }
    rep.setVariant(WY, 'healthy');
  });

  it('keeps the time zone: a UTC instant late in the evening is the next day in summer', () => {
    const a = readArticle('<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-06-30T23:30:00Z"}</script></head><body><h1>T</h1></body></html>', 'http://x.test/a');
    expect(a.published).toBe('2025-07-01T00:30');
    expect(a.publishedAsWritten).toBe('2025-06-30T23:30:00Z');
    expect(findWrittenDateTime('Posted on 8 May 2025 at 2:15pm')?.iso).toBe('2025-05-08T14:15');
    expect(findWrittenDateTime('Thursday, May 8, 2025')?.iso).toBe('2025-05-08');
  });

  it('reads SOH and Lancashire articles as well as their own scrapers do (title and date)', async () => {
    for (const id of ['kent', 'lancashire']) {
      const truth = rep.spoReleases(id)[0]!;
      const a = readArticle(await text(truth.url), truth.url);
      expect(a.title).toBe(truth.title);
      expect(a.published?.slice(0, 10)).toBe(truth.published.slice(0, 10));
      expect(a.bodyMarkdown.length).toBeGreaterThan(200);
    }
  });
});

describe('platform detection', () => {
  it('sees SOH on a force listed as unknown, Mynewsdesk on the Met, and no known platform on the Drupal site', async () => {
    const home = async (id: string): Promise<ReturnType<typeof detectPlatform>> => detectPlatform(await text(`${rep.origins[id]}/`), `${rep.origins[id]}/`);
    const cumbria = await home('cumbria');
    expect(cumbria).toMatchObject({ platform: 'soh', settings: { slug: 'cumbria' }, listingPath: '/news/cumbria/news/' });
    expect(cumbria.signs.length).toBeGreaterThanOrEqual(2);
    expect(await home('kent')).toMatchObject({ platform: 'soh', settings: { slug: 'kent' }, listingPath: '/news/kent/latest/' });
    expect((await home('metropolitan')).platform).toBe('mynewsdesk');
    expect(await home(WY)).toMatchObject({ platform: null, cms: 'drupal' });
    expect((await home('lancashire')).platform).toBeNull();
  });
});
