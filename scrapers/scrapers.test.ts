// Fixture tests, Juriscraper-style: every saved page under scrapers/fixtures/<platform>/ is parsed by its
// platform module and compared with <name>.expected.json beside it. A page without an expected file makes
// the test write one and fail: review the new file by hand, then commit both.
// The page kind and its URL come from fixtures/manifest.json (written by src/replica/save-fixtures.ts);
// pages not in the manifest are typed by name (listing/latest/archive/search, rss/feed, else article).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { FORCE_SITES, forceSite, isCrawlable, siteConfig, PLATFORMS, strategyOf, type PlatformId } from './index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixturesDir = join(here, 'fixtures');

interface ManifestEntry {
  file: string;
  platform: string;
  forceId: string;
  page: string;
  url: string;
}

const manifest: ManifestEntry[] = existsSync(join(fixturesDir, 'manifest.json'))
  ? (JSON.parse(readFileSync(join(fixturesDir, 'manifest.json'), 'utf8')) as ManifestEntry[])
  : [];
const byFile = new Map(manifest.map((e) => [e.file, e]));

type Kind = 'listing' | 'article' | 'feed' | 'skip';

function kindOf(file: string, entry: ManifestEntry | undefined): Kind {
  const page = entry?.page ?? '';
  if (['listing', 'search', 'archive'].includes(page)) return 'listing';
  if (page === 'article') return 'article';
  if (page === 'rss' || page === 'feed') return 'feed';
  if (page) return 'skip'; // robots, sitemap: not scraper input
  const name = basename(file).toLowerCase();
  if (name.endsWith('.txt') || name.includes('sitemap')) return 'skip';
  if (name.endsWith('.xml') || /rss|feed/.test(name)) return 'feed';
  if (/listing|latest|archive|search|page-\d+/.test(name)) return 'listing';
  return 'article';
}

interface Case {
  platform: PlatformId;
  file: string;
  rel: string;
  kind: Kind;
  url: string;
  forceId: string | null;
}

const cases: Case[] = [];
if (existsSync(fixturesDir)) {
  for (const platform of readdirSync(fixturesDir).sort()) {
    if (!(platform in PLATFORMS)) continue;
    for (const name of readdirSync(join(fixturesDir, platform)).sort()) {
      if (name.endsWith('.expected.json') || !['.html', '.htm', '.xml'].includes(extname(name))) continue;
      const rel = `${platform}/${name}`;
      const entry = byFile.get(rel);
      const kind = kindOf(rel, entry);
      if (kind === 'skip') continue;
      cases.push({ platform: platform as PlatformId, file: join(fixturesDir, platform, name), rel, kind, url: entry?.url ?? `https://fixture.invalid/${name}`, forceId: entry?.forceId ?? null });
    }
  }
}

function run(c: Case): unknown {
  const mod = PLATFORMS[c.platform];
  const text = readFileSync(c.file, 'utf8');
  if (c.kind === 'feed') return { items: mod.parseFeed(text, c.url) };
  if (c.kind === 'article') return mod.parseArticle(text, c.url);
  const site = c.forceId ? forceSite(c.forceId) : undefined;
  // A force with no known listing (read by the generic strategy) is read from the page URL alone.
  const cfg = site?.listingPath ? siteConfig(site, new URL(c.url).origin) : undefined;
  return mod.parseListing(text, c.url, cfg);
}

describe('scraper fixtures', () => {
  it('has fixtures for every platform', () => {
    const platforms = new Set(cases.map((c) => c.platform));
    for (const p of Object.keys(PLATFORMS)) expect(platforms.has(p as PlatformId), `no fixture for platform ${p}`).toBe(true);
  });

  it.each(cases.map((c) => [c.rel, c] as const))('%s', (_rel, c) => {
    const actual = JSON.parse(JSON.stringify(run(c))) as unknown;
    const expectedFile = c.file.slice(0, -extname(c.file).length) + '.expected.json';
    if (!existsSync(expectedFile)) {
      writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
      expect.fail(`${basename(expectedFile)} did not exist and has been written: review it by hand, then commit it`);
    }
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as unknown;
    expect(actual).toEqual(expected);
    // Sanity beyond the golden file: what every page of its kind must give.
    if (c.kind === 'article') {
      const a = actual as { title: string | null; published: string | null; bodyMarkdown: string };
      expect(a.title).toBeTruthy();
      expect(a.published).toMatch(/^\d{4}-\d{2}-\d{2}/);
      expect(a.bodyMarkdown.length).toBeGreaterThan(100);
      expect(a.bodyMarkdown).not.toMatch(/Leave this site|We use some essential cookies|Share this page|Is there a problem with this page|<script|window\./);
    } else if (c.kind === 'listing') {
      const l = actual as { items: { url: string; title: string }[] };
      expect(l.items.length).toBeGreaterThan(0);
      for (const i of l.items) expect(i.title).toBeTruthy();
    } else {
      expect((actual as { items: unknown[] }).items.length).toBeGreaterThan(0);
    }
  });
});

describe('article URL shapes (force-sites.md §3, §4)', () => {
  const soh = PLATFORMS.soh;
  const cfg = (host: string, listingPath: string) => ({ origin: `https://${host}`, listingPath });
  const table: [string, string, boolean][] = [
    ['https://www.westmidlands.police.uk/news/west-midlands/news/news/2024/december/man-charged-after-stabbing/', '/news/west-midlands/news/', true],
    ['https://www.hampshire.police.uk/news/hampshire/news/appeals/2025/july/appeal-for-witnesses-after-crash/', '/news/hampshire/news/', true],
    ['https://www.cleveland.police.uk/news/cleveland/news/2025/april/man-jailed-for-stalking/', '/news/cleveland/news/', true],
    ['https://www.merseyside.police.uk/news/merseyside/news/2026/june-2026/operation-hummingbird---investigation-update/', '/news/merseyside/news/', true],
    ['https://www.cheshire.police.uk/news/cheshire/news/articles/2026/9/accounts-worth-7.5m-detained/', '/news/cheshire/news/', true],
    ['https://www.btp.police.uk/news/btp/news/england/man-jailed-after-assault-on-train/', '/news/btp/news/', true],
    ['https://www.kent.police.uk/news/kent/news/news/2026/november/knives-surrendered-in-amnesty/', '/news/kent/latest/', true],
    ['https://www.kent.police.uk/news/kent/latest/', '/news/kent/latest/', false],
    ['https://www.kent.police.uk/news/kent/latest/?page=2', '/news/kent/latest/', false],
    ['https://www.gmp.police.uk/news/greater-manchester/news/GetNewsRss/', '/news/greater-manchester/news/', false],
    ['https://www.gmp.police.uk/news/greater-manchester/mediacentre/', '/news/greater-manchester/news/', false],
    ['https://www.merseyside.police.uk/news/merseyside/news/2026/june-2026/', '/news/merseyside/news/', false],
    ['https://www.kent.police.uk/news/essex/news/2025/april/another-force/', '/news/kent/latest/', false],
    ['https://evil.example/news/kent/news/2025/april/man-jailed-for-stalking/', '/news/kent/latest/', false],
    ['https://www.kent.police.uk/SysSiteAssets/media/images/kent/news/2023/december/photo-one.jpg', '/news/kent/latest/', false],
  ];
  it.each(table)('%s -> %s', (url, listingPath, want) => {
    const host = new URL(url).host === 'evil.example' ? 'www.kent.police.uk' : new URL(url).host;
    expect(soh.isArticleUrl(url, cfg(host, listingPath))).toBe(want);
  });

  it('Mynewsdesk and Lancashire', () => {
    const met = { origin: 'https://news.met.police.uk', listingPath: '/latest_news' };
    expect(PLATFORMS.mynewsdesk.isArticleUrl('https://news.met.police.uk/news/woman-convicted-following-worlds-largest-seizure-501569', met)).toBe(true);
    expect(PLATFORMS.mynewsdesk.isArticleUrl('https://news.met.police.uk/latest_news?page=2', met)).toBe(false);
    const lancs = { origin: 'https://www.lancashire.police.uk', listingPath: '/news/' };
    expect(PLATFORMS.lancashire.isArticleUrl('https://www.lancashire.police.uk/news/2023/december/man-jailed-after-assault/', lancs)).toBe(true);
    expect(PLATFORMS.lancashire.isArticleUrl('https://www.lancashire.police.uk/news/2023/december/', lancs)).toBe(false);
    expect(PLATFORMS.lancashire.isArticleUrl('https://www.lancashire.police.uk/news/?page=73', lancs)).toBe(false);
  });
});

describe('force registry', () => {
  it('lists all 44 forces once, with honest statuses', () => {
    expect(FORCE_SITES).toHaveLength(44);
    expect(new Set(FORCE_SITES.map((f) => f.id)).size).toBe(44);
    for (const id of ['cumbria', 'avon-and-somerset', 'west-yorkshire', 'devon-and-cornwall']) {
      expect(forceSite(id)!.status).toBe('unknown-platform');
      // No platform known: read by the generic strategy from the origin alone.
      expect(forceSite(id)!.platform).toBeNull();
      expect(strategyOf(forceSite(id)!)).toBe('generic');
    }
    expect(FORCE_SITES.filter(isCrawlable)).toHaveLength(44);
    expect(strategyOf(forceSite('kent')!)).toBe('soh');
    expect(forceSite('kent')!.listingPath).toBe('/news/kent/latest/');
    expect(forceSite('northamptonshire')!.settings.slug).toBe('northants');
    // A row names no listing or feed path when its platform's usual ones apply (scrapers/platforms/soh.ts).
    expect(forceSite('northamptonshire')!.listingPath).toBe('/news/northants/news/');
    expect(forceSite('essex')!.listingPath).toBe('/news/essex/news/');
    expect(forceSite('greater-manchester')!.feedUrl).toBe('https://www.gmp.police.uk/news/greater-manchester/news/GetNewsRss/');
    expect(forceSite('metropolitan')!.feedUrl).toBe('https://news.met.police.uk/rss/current_news/66871');
    expect(forceSite('kent')!.feedUrl).toBeNull();
    expect(forceSite('metropolitan')!.platform).toBe('mynewsdesk');
    expect(forceSite('lancashire')!.platform).toBe('lancashire');
    for (const f of FORCE_SITES) if (isCrawlable(f)) expect(f.origin).toMatch(/^https:\/\//);
  });
});

describe('one force table', () => {
  it('is well formed: every row of src/domain/forces.json passes schemas/force-table.schema.json', () => {
    const table = JSON.parse(readFileSync(join(here, '..', 'src', 'domain', 'forces.json'), 'utf8')) as { id?: string }[];
    const schema = JSON.parse(readFileSync(join(here, '..', 'schemas', 'force-table.schema.json'), 'utf8')) as Record<string, unknown>;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    validate(table);
    // Each problem named by force and field, as a person adding a row needs it.
    const problems = (validate.errors ?? []).map((e) => {
      const [row, ...field] = e.instancePath.split('/').slice(1);
      return `force "${table[Number(row)]?.id ?? row}"${field.length ? `, field "${field.join('.')}"` : ''}: ${e.message}`;
    });
    expect(problems).toEqual([]);
    expect(new Set(table.map((f) => f.id)).size).toBe(table.length);
  });

  // A force is one row of src/domain/forces.json. A second list of forces in code (as scrapers/forces.ts
  // and src/replica/forces.ts once were) would name many forces' hosts: no source file may name more than three.
  const hosts = new Set(FORCE_SITES.map((f) => new URL(f.origin).host));
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return n === 'fixtures' || n === 'node_modules' ? [] : sources(p);
      return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
    });
  it('no source file but the table names more than three force hosts', () => {
    const copies = [...sources(here), ...sources(join(here, '..', 'src'))].filter((p) => {
      const named = new Set([...readFileSync(p, 'utf8').matchAll(/[a-z0-9.-]+\.police\.uk/g)].map((m) => m[0]).filter((h) => hosts.has(h)));
      return named.size > 3;
    });
    expect(copies).toEqual([]);
  });
});
