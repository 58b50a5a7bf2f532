// The generic strategy end to end (issue 14): given only an origin, the crawler reads a force on a CMS it
// has never seen (west-yorkshire: a Drupal-like site) and a force listed as unknown whose site is on SOH
// (cumbria: detected, then read by the SOH scraper). Measured against the replica's ground truth:
// recall of SPO releases, precision of what is kept, and the server's log for robots.txt.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica, type ReplicaRequest } from '../src/replica/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { canonicalUrl } from '../src/release/index.ts';
import { crawl } from '../src/pipeline/run.ts';
import type { ForceRunSummary as ForceCrawlResult, RunResult as CrawlResult } from '../src/domain/run.ts';

const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, txt: string) => { isAllowed(u: string, ua?: string): boolean | undefined };
const FORCES = ['west-yorkshire', 'cumbria'];

let replica: Replica;
let dir: string;
let store: Store;
let first: CrawlResult;
let firstLog: ReplicaRequest[];

const opts = (forces = FORCES) => ({ forces, origins: Object.fromEntries(forces.map((f) => [f, replica.origins[f]!])), delayMs: 5, dataDir: join(dir, 'data'), retryBaseMs: 50, concurrency: 2 });
const byForce = (r: CrawlResult, id: string): ForceCrawlResult => r.forces.find((f) => f.forceId === id)!;

/** SPO releases stored for a force (canonical URLs). */
function kept(forceId: string): Set<string> {
  return new Set((store.db.prepare('SELECT url FROM releases WHERE force_id = ? AND is_spo = 1').all(forceId) as { url: string }[]).map((r) => r.url));
}

function score(forceId: string): { recall: number; precision: number; truth: number; kept: number } {
  const truth = new Set(replica.spoReleases(forceId).map((t) => canonicalUrl(t.url)));
  const got = kept(forceId);
  const hit = [...got].filter((u) => truth.has(u)).length;
  return { recall: truth.size ? hit / truth.size : 1, precision: got.size ? hit / got.size : 1, truth: truth.size, kept: got.size };
}

beforeAll(async () => {
  replica = await startReplica({ forces: [...FORCES, 'kent'], ordinaryPerForce: 120 });
  dir = mkdtempSync(join(tmpdir(), 'spo-crawl-generic-'));
  store = openStore(join(dir, 'spo.sqlite'));
  first = await crawl(store, opts());
  firstLog = replica.requests.slice();
}, 240_000);

afterAll(async () => {
  store?.close();
  await replica?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a force on a CMS the crawler has never seen', () => {
  it('finds the SPO releases (recall >= 0.95) and keeps nothing else (precision >= 0.9)', () => {
    const r = byForce(first, 'west-yorkshire');
    expect(r.ok, r.errors.join('; ')).toBe(true);
    expect(r.strategy).toBe('generic');
    const s = score('west-yorkshire');
    console.log(`west-yorkshire (generic): ${JSON.stringify(s)}`);
    expect(s.truth).toBeGreaterThanOrEqual(4);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    // The release documents keep the date as the page wrote it, with its offset, beside the UK time.
    for (const t of replica.spoReleases('west-yorkshire')) {
      const row = store.db.prepare('SELECT document_path, published FROM releases WHERE url = ?').get(canonicalUrl(t.url)) as { document_path: string; published: string };
      expect(row.published).toBe(t.published);
      expect(readFileSync(row.document_path, 'utf8')).toMatch(new RegExp(`published_at: ['"]?${t.published}:00\\+0[01]:00`));
    }
    // The ordinary releases are remembered as seen, the static and tag pages are not releases at all.
    const seen = (store.db.prepare('SELECT url FROM releases WHERE force_id = ?').all('west-yorkshire') as { url: string }[]).map((x) => x.url);
    expect(new Set(seen)).toEqual(new Set(replica.allReleases('west-yorkshire').map((t) => canonicalUrl(t.url))));
  });

  it('read the sitemap index, the feed and the listing, and recorded the strategy and what it saw', () => {
    const paths = firstLog.filter((q) => q.forceId === 'west-yorkshire').map((q) => q.path);
    expect(paths[0]).toBe('/robots.txt');
    expect(paths).toContain('/sitemap.xml');
    expect(paths.filter((p) => p.startsWith('/sitemaps/news-')).length).toBeGreaterThan(3);
    expect(paths).toContain('/rss.xml');
    expect(paths).toContain('/news-and-appeals');
    const row = store.forces().find((f) => f.force_id === 'west-yorkshire')!;
    expect(row.strategy).toBe('generic');
    expect(row.detected_platform).toBe('none');
    expect(row.detected_signs).toContain('drupal');
    expect(row.detected_at).toBeTruthy();
  });

  it('never requests a path robots.txt disallows, nor a tag, search or asset page', async () => {
    for (const id of FORCES) {
      const origin = replica.origins[id]!;
      const robots = robotsParser(`${origin}/robots.txt`, await (await fetch(`${origin}/robots.txt`)).text());
      const log = firstLog.filter((q) => q.forceId === id);
      expect(log.length).toBeGreaterThan(20);
      for (const q of log) expect(robots.isAllowed(`${origin}${q.path}`, 'spo-tracker'), `${id} requested ${q.path}`).toBe(true);
      expect(log.filter((q) => /\/print\/|\/node\/|\/search|\/tags\/|\/sites\/default\/files\/|SysSiteAssets|mediacentre|\.aspx/.test(q.path)).map((q) => q.path)).toEqual([]);
    }
  });

  it('stays at a few requests when nothing changed, and fetches only what changed when something did', async () => {
    replica.clearLog();
    const again = await crawl(store, opts(['west-yorkshire']));
    expect(byForce(again, 'west-yorkshire').ok).toBe(true);
    const quiet = replica.requests.map((q) => q.path);
    expect(quiet.length, quiet.join(' ')).toBeLessThanOrEqual(6);
    expect(quiet.some((p) => p.startsWith('/news-and-appeals/'))).toBe(false);

    const url = replica.addRelease('west-yorkshire', {
      title: 'Stalking Protection Order for Keighley man',
      body: 'A 41-year-old man from Keighley has been made subject to a Stalking Protection Order at Bradford and Keighley Magistrates\' Court.\n\nThe full order, made on Monday, lasts for five years and bans him from contacting the victim.',
      spo: true,
    });
    replica.clearLog();
    const third = await crawl(store, opts(['west-yorkshire']));
    expect(byForce(third, 'west-yorkshire').new).toBe(1);
    const paths = replica.requests.map((q) => q.path);
    expect(paths.filter((p) => p.startsWith('/news-and-appeals/'))).toEqual([new URL(url).pathname]);
    expect(paths.length).toBeLessThanOrEqual(9);
    expect(kept('west-yorkshire').has(canonicalUrl(url))).toBe(true);
  });
});

describe('a force listed as unknown whose site is on SOH', () => {
  it('is detected as SOH and read by the SOH scraper, with the same recall and precision', () => {
    const r = byForce(first, 'cumbria');
    expect(r.ok, r.errors.join('; ')).toBe(true);
    expect(r.strategy).toBe('soh');
    expect(r.detection).toMatchObject({ platform: 'soh', signs: expect.arrayContaining(['links under /news/cumbria/news/', 'assets under /SysSiteAssets/']) });
    const s = score('cumbria');
    console.log(`cumbria (detected soh): ${JSON.stringify(s)}`);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    const row = store.forces().find((f) => f.force_id === 'cumbria')!;
    expect(row).toMatchObject({ strategy: 'soh', detected_platform: 'soh' });
  });
});

describe('a platform force whose site was redesigned', () => {
  it('falls back to the generic strategy, says why, and still finds its SPO releases', async () => {
    replica.setVariant('kent', 'redesigned');
    const r = byForce(await crawl(store, opts(['kent'])), 'kent');
    replica.setVariant('kent', 'healthy');
    expect(r.ok, r.errors.join('; ')).toBe(true);
    expect(r.strategy).toBe('generic');
    expect(r.fallbackReason).toMatch(/soh scraper no longer matches.*no date/);
    const s = score('kent');
    console.log(`kent redesigned (generic fallback): ${JSON.stringify(s)}`);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(store.forces().find((f) => f.force_id === 'kent')!.strategy_reason).toMatch(/no longer matches/);
  });
});
