// Crawler-side faults (issue 7) on the replica: each fault is injected for one force, the crawl goes on
// for the others, the run summary says what happened, and nothing already stored is lost.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Fault, type Replica } from '../src/replica/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { canonicalUrl, releaseId } from '../src/release/index.ts';
import { crawl, type CrawlRunOptions as CrawlOptions } from '../src/pipeline/run.ts';
import type { ForceRunSummary as ForceCrawlResult } from '../src/domain/run.ts';

let replica: Replica;
let root: string;
const stores: Store[] = [];
const FORCES = ['kent', 'metropolitan', 'lancashire'];

beforeAll(async () => {
  replica = await startReplica({ forces: FORCES, ordinaryPerForce: 12, writtenSpoPerForce: 2 });
  root = mkdtempSync(join(tmpdir(), 'spo-crawl-faults-'));
}, 60_000);

afterEach(() => {
  for (const f of FORCES) replica.setFault(f, null);
});

afterAll(async () => {
  for (const s of stores) s.close();
  await replica?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

function freshStore(): { store: Store; dataDir: string } {
  const dir = mkdtempSync(join(root, 'run-'));
  const store = openStore(join(dir, 'spo.sqlite'));
  stores.push(store);
  return { store, dataDir: join(dir, 'data') };
}

async function run(store: Store, dataDir: string, forces: string[], extra: Partial<CrawlOptions> = {}): Promise<Record<string, ForceCrawlResult>> {
  const r = await crawl(store, { forces, origins: replica.origins, delayMs: 10, dataDir, retryBaseMs: 50, timeoutSecs: 2, ...extra });
  return Object.fromEntries(r.forces.map((f) => [f.forceId, f]));
}

const logOf = (forceId: string) => replica.requests.filter((r) => r.forceId === forceId);
const spoCount = (forceId: string) => replica.spoReleases(forceId).length;

function withFault(forceId: string, fault: Fault): void {
  replica.clearLog();
  replica.setFault(forceId, fault);
}

describe('crawler faults', () => {
  it('500s are retried with backoff, then the crawl recovers', async () => {
    const { store, dataDir } = freshStore();
    withFault('kent', { kind: '500', paths: /\/latest\//, times: 2 });
    const r = await run(store, dataDir, ['kent']);
    expect(r.kent!.ok, r.kent!.errors.join('; ')).toBe(true);
    expect(r.kent!.new).toBe(spoCount('kent'));
    const listing = logOf('kent').filter((q) => q.path === '/news/kent/latest/');
    expect(listing.map((q) => q.status)).toEqual([500, 500, 200]);
    expect(listing[2]!.at - listing[1]!.at).toBeGreaterThanOrEqual(80); // 2nd backoff: 50 ms * 2, less jitter
  });

  it('500s that never stop are retried a bounded number of times, then reported', async () => {
    const { store, dataDir } = freshStore();
    withFault('kent', { kind: '500', paths: /\/latest\// });
    const r = await run(store, dataDir, ['kent', 'lancashire'], { maxRetries: 2 });
    expect(r.kent!.ok).toBe(false);
    expect(r.kent!.errors[0]).toMatch(/500/);
    expect(logOf('kent').filter((q) => q.path === '/news/kent/latest/')).toHaveLength(3);
    expect(r.lancashire!.ok).toBe(true);
    expect(store.forces().find((f) => f.force_id === 'kent')!.consecutive_failures).toBe(1);
  });

  it('429 with Retry-After is waited out', async () => {
    const { store, dataDir } = freshStore();
    withFault('metropolitan', { kind: '429', retryAfter: 1, paths: /latest_news/, times: 1 });
    const r = await run(store, dataDir, ['metropolitan']);
    expect(r.metropolitan!.ok, r.metropolitan!.errors.join('; ')).toBe(true);
    const listing = logOf('metropolitan').filter((q) => q.path === '/latest_news');
    expect(listing.map((q) => q.status)).toEqual([429, 200]);
    expect(listing[1]!.at - listing[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('503 with Retry-After on an article is waited out', async () => {
    const { store, dataDir } = freshStore();
    const target = new URL(replica.spoReleases('lancashire')[0]!.url).pathname;
    withFault('lancashire', { kind: '503', retryAfter: 1, paths: new RegExp(`^${target}$`), times: 1 });
    const r = await run(store, dataDir, ['lancashire']);
    expect(r.lancashire!.ok, r.lancashire!.errors.join('; ')).toBe(true);
    expect(r.lancashire!.new).toBe(spoCount('lancashire'));
    const hits = logOf('lancashire').filter((q) => q.path === target);
    expect(hits.map((q) => q.status)).toEqual([503, 200]);
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('a 403 wall fails that force only; the others go on', async () => {
    const { store, dataDir } = freshStore();
    withFault('kent', { kind: '403-wall' });
    const r = await run(store, dataDir, FORCES);
    expect(r.kent!.ok).toBe(false);
    expect(r.kent!.errors[0]).toMatch(/403/);
    expect(r.metropolitan!.ok).toBe(true);
    expect(r.lancashire!.ok).toBe(true);
    expect(r.metropolitan!.new).toBe(spoCount('metropolitan'));
    // robots.txt (403: no rules) and the listing, nothing more
    expect(logOf('kent').length).toBeLessThanOrEqual(2);
    const row = store.forces().find((f) => f.force_id === 'kent')!;
    expect(row.consecutive_failures).toBe(1);
    expect(row.last_error).toMatch(/403/);
  });

  it('robots.txt that disallows everything: nothing else is requested', async () => {
    const { store, dataDir } = freshStore();
    withFault('lancashire', { kind: 'robots-disallow-all' });
    const r = await run(store, dataDir, ['lancashire', 'kent']);
    expect(r.lancashire!.ok).toBe(false);
    expect(r.lancashire!.errors[0]).toMatch(/robots\.txt disallows/);
    expect(logOf('lancashire').map((q) => q.path)).toEqual(['/robots.txt']);
    expect(r.kent!.ok).toBe(true);
  });

  it('robots.txt answering 500: treated as disallow-all after retries', async () => {
    const { store, dataDir } = freshStore();
    withFault('lancashire', { kind: 'robots-500' });
    const r = await run(store, dataDir, ['lancashire'], { maxRetries: 1 });
    expect(r.lancashire!.ok).toBe(false);
    expect(r.lancashire!.errors[0]).toMatch(/robots\.txt/);
    expect(logOf('lancashire').every((q) => q.path === '/robots.txt')).toBe(true);
    expect(logOf('lancashire')).toHaveLength(2);
  });

  it('a redirect to another host is refused and never followed', async () => {
    const { store, dataDir } = freshStore();
    const target = new URL(replica.allReleases('kent').find((x) => x.kind === 'ordinary')!.url).pathname;
    withFault('kent', { kind: 'redirect-offhost', paths: new RegExp(`^${target}$`) });
    const r = await run(store, dataDir, ['kent']);
    expect(replica.requests.filter((q) => q.forceId === 'offhost')).toHaveLength(0);
    expect(logOf('kent').filter((q) => q.path === target)).toHaveLength(1); // not retried
    expect(r.kent!.errors.join('\n')).toMatch(/refused/);
    expect(r.kent!.new).toBe(spoCount('kent')); // the other pages went on
    expect(store.pending.ofForce('kent')).toEqual([]); // refused for good, not retried
  });

  it('a redirect loop ends quickly and is reported', async () => {
    const { store, dataDir } = freshStore();
    const target = new URL(replica.allReleases('kent').find((x) => x.kind === 'ordinary')!.url).pathname;
    withFault('kent', { kind: 'redirect-loop', paths: new RegExp(`^${target}`) });
    const r = await run(store, dataDir, ['kent']);
    expect(logOf('kent').filter((q) => q.path.startsWith(target)).length).toBeLessThanOrEqual(6);
    expect(r.kent!.errors.join('\n')).toMatch(/Redirected|redirect/i);
    expect(r.kent!.new).toBe(spoCount('kent'));
  });

  it('a hanging response times out, is retried, and the crawl goes on', async () => {
    const { store, dataDir } = freshStore();
    withFault('metropolitan', { kind: 'hang', paths: /latest_news/, times: 1 });
    const r = await run(store, dataDir, ['metropolitan'], { timeoutSecs: 1 });
    expect(r.metropolitan!.ok, r.metropolitan!.errors.join('; ')).toBe(true);
    expect(logOf('metropolitan').filter((q) => q.path === '/latest_news')).toHaveLength(2);
  }, 30_000);

  it('a truncated body is retried', async () => {
    const { store, dataDir } = freshStore();
    const target = new URL(replica.spoReleases('kent')[0]!.url).pathname;
    withFault('kent', { kind: 'truncated', paths: new RegExp(`^${target}$`), times: 1 });
    const r = await run(store, dataDir, ['kent']);
    expect(r.kent!.ok, r.kent!.errors.join('; ')).toBe(true);
    expect(logOf('kent').filter((q) => q.path === target)).toHaveLength(2);
    expect(r.kent!.new).toBe(spoCount('kent'));
  });

  it('a page over the size limit is cut off and not stored', async () => {
    const { store, dataDir } = freshStore();
    const target = replica.allReleases('kent').find((x) => x.kind === 'ordinary')!;
    withFault('kent', { kind: 'huge', bytes: 3 * 1024 * 1024, paths: new RegExp(`^${new URL(target.url).pathname}$`) });
    const r = await run(store, dataDir, ['kent'], { maxBytes: 1024 * 1024 });
    expect(r.kent!.errors.join('\n')).toMatch(/cut off/);
    expect(store.release(releaseId('kent', canonicalUrl(target.url), ''))).toBeUndefined();
    expect(r.kent!.new).toBe(spoCount('kent'));
  });

  it('a windows-1252 page served as UTF-8 is decoded correctly', async () => {
    const { store, dataDir } = freshStore();
    const spo = replica.spoReleases('kent').find((x) => /[’‘“”]/.test(x.title)) ?? replica.spoReleases('kent')[0]!;
    withFault('kent', { kind: 'cp1252', paths: new RegExp(`^${new URL(spo.url).pathname}$`) });
    const r = await run(store, dataDir, ['kent']);
    expect(r.kent!.ok, r.kent!.errors.join('; ')).toBe(true);
    const id = releaseId('kent', canonicalUrl(spo.url), '');
    const stored = store.release(id)!;
    expect(stored.title).toBe(spo.title);
    expect(store.latestRevision(id)!.body).not.toMatch(/\uFFFD|â€/);
  });

  it('a failed run loses nothing already stored', async () => {
    const { store, dataDir } = freshStore();
    await run(store, dataDir, ['kent']);
    const before = store.counts();
    withFault('kent', { kind: '403-wall' });
    const r = await run(store, dataDir, ['kent'], { full: true });
    expect(r.kent!.ok).toBe(false);
    expect(store.counts()).toEqual(before);
  });

  it('an old SPO article that failed is retried by the next incremental run, not lost', async () => {
    const { store, dataDir } = freshStore();
    const oldest = replica.spoReleases('kent').at(-1)!; // on the last listing page
    const path = new URL(oldest.url).pathname;
    withFault('kent', { kind: '500', paths: new RegExp(`^${path}$`) });
    const r1 = await run(store, dataDir, ['kent'], { maxRetries: 1 });
    expect(r1.kent!.errors.join('\n')).toMatch(/500/);
    expect(r1.kent!.new).toBe(spoCount('kent') - 1);
    // Kept to retry in the database (crawl_pending), not in a file beside it.
    expect(store.pending.ofForce('kent').map((p) => [p.url, p.state, p.failures])).toEqual([[canonicalUrl(oldest.url), 'retry', 1]]);
    expect(existsSync(join(dataDir, 'crawl-state'))).toBe(false);
    replica.setFault('kent', null);
    replica.clearLog();
    const r2 = await run(store, dataDir, ['kent']);
    expect(r2.kent!.ok, r2.kent!.errors.join('; ')).toBe(true);
    expect(r2.kent!.new).toBe(1);
    expect(store.release(releaseId('kent', canonicalUrl(oldest.url), ''))!.is_spo).toBe(1);
    expect(store.pending.ofForce('kent')).toEqual([]);
    // and once it is in, the nightly run is back to robots + listing
    replica.clearLog();
    const r3 = await run(store, dataDir, ['kent']);
    expect(r3.kent!.requests).toBeLessThanOrEqual(3);
  });

  it("an older version's crawl-state/<force>.pending.json is moved into the database once, and its article retried", async () => {
    const { store, dataDir } = freshStore();
    const oldest = replica.spoReleases('kent').at(-1)!; // on the last listing page
    withFault('kent', { kind: '500', paths: new RegExp(`^${new URL(oldest.url).pathname}$`) });
    await run(store, dataDir, ['kent'], { maxRetries: 0 });
    replica.setFault('kent', null);
    // As an older version left it: the list in a file, nothing in the database.
    store.pending.forget('kent', [canonicalUrl(oldest.url)]);
    mkdirSync(join(dataDir, 'crawl-state'), { recursive: true });
    writeFileSync(join(dataDir, 'crawl-state', 'kent.pending.json'), JSON.stringify([{ url: oldest.url, title: oldest.title, published: null, failures: 2 }]));
    const r = await run(store, dataDir, ['kent']);
    expect(r.kent!.ok, r.kent!.errors.join('; ')).toBe(true);
    expect(r.kent!.new).toBe(1);
    expect(store.release(releaseId('kent', canonicalUrl(oldest.url), ''))!.is_spo).toBe(1);
    expect(existsSync(join(dataDir, 'crawl-state'))).toBe(false);
    expect(store.pending.ofForce('kent')).toEqual([]);
  });

  it('a listing that yields no items, or articles that stop matching the scraper, fail the force loudly', async () => {
    // A "redesigned" site: the listing has no article links at all; a second site's articles have no <h1>/text.
    const pages: Record<string, Record<string, string>> = {
      empty: { '/robots.txt': '', '/news/kent/latest/': '<html><body><main><h1>News</h1><p>Our news has moved.</p></main></body></html>' },
      nobody: {
        '/robots.txt': '',
        '/news/kent/latest/': '<html><body><main><ul><li><h3><a href="/news/kent/news/2026/may/some-release-title/">Some release</a></h3><p>Published: 09:00 01/05/2026</p></li></ul></main></body></html>',
        '/news/kent/news/2026/may/some-release-title/': '<html><body><div id="app"></div><script>render()</script></body></html>',
      },
    };
    for (const [kind, site] of Object.entries(pages)) {
      const server = http.createServer((req, res) => {
        const body = site[req.url ?? ''];
        res.writeHead(body === undefined ? 404 : 200, { 'content-type': req.url === '/robots.txt' ? 'text/plain' : 'text/html' });
        res.end(body ?? 'not found');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const { store, dataDir } = freshStore();
        const r = await crawl(store, { forces: ['kent'], origins: { kent: origin }, delayMs: 5, dataDir });
        const kent = r.forces[0]!;
        expect(kent.ok, kind).toBe(false);
        expect(kent.errors[0], kind).toMatch(kind === 'empty' ? /yielded no items/ : /no longer match/);
        expect(store.forces().find((f) => f.force_id === 'kent')!.consecutive_failures).toBe(1);
      } finally {
        server.close();
      }
    }
  });

  it('a listing whose "next" pages repeat the same items forever stops paging', async () => {
    const article = '<html><body><main><h1>Man handed Stalking Protection Order</h1><p>Published: 09:00 01/05/2026</p><p>A 40-year-old man from Dover was handed a Stalking Protection Order for five years at Folkestone Magistrates\' Court on 30 April 2026.</p></main></body></html>';
    let listingHits = 0;
    const server = http.createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      if (u.pathname === '/robots.txt') return void res.writeHead(404).end();
      if (u.pathname === '/news/kent/latest/') {
        listingHits++;
        const n = Number(u.searchParams.get('page') ?? '1');
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end(`<html><body><ul><li><h3><a href="/news/kent/news/2026/may/man-handed-stalking-protection-order/">Man handed SPO</a></h3><p>Published: 09:00 01/05/2026</p></li></ul><a rel="next" href="/news/kent/latest/?page=${n + 1}">Next</a></body></html>`);
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(article);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { store, dataDir } = freshStore();
      const r = await crawl(store, { forces: ['kent'], origins: { kent: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, delayMs: 5, dataDir, full: true });
      expect(r.forces[0]!.ok, r.forces[0]!.errors.join('; ')).toBe(true);
      expect(r.forces[0]!.new).toBe(1);
      expect(r.forces[0]!.errors.join('\n')).toMatch(/repeats items/);
      expect(listingHits).toBe(2);
    } finally {
      server.close();
    }
  });
});
