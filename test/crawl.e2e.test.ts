// End-to-end crawls of the local replica sites (issue 4): every SPO release found, stored, written and
// ingested; ordinary releases only "seen"; a second run makes only robots + listing requests; robots.txt
// honoured (from the server's log); the per-origin delay holds; forces crawled in parallel.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica, type ReplicaRequest } from '../src/replica/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { canonicalUrl, parseRelease, releaseId } from '../src/release/index.ts';
import { USER_AGENT } from '../src/crawl/index.ts';
import { crawl } from '../src/pipeline/run.ts';
import type { RunResult as CrawlResult } from '../src/domain/run.ts';
import { forceSite } from '../scrapers/index.ts';

const DELAY = 50;
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, txt: string) => { isAllowed(u: string, ua?: string): boolean | undefined };

let replica: Replica;
let dir: string;
let store: Store;
let forces: string[];
let first: CrawlResult;
let firstLog: ReplicaRequest[];
let firstMs: number;

const opts = () => ({ forces, origins: replica.origins, delayMs: DELAY, dataDir: join(dir, 'data'), retryBaseMs: 100 });

function files(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((n) => {
    const p = join(root, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

beforeAll(async () => {
  replica = await startReplica({ ordinaryPerForce: 80 });
  forces = Object.keys(replica.origins);
  dir = mkdtempSync(join(tmpdir(), 'spo-crawl-e2e-'));
  store = openStore(join(dir, 'spo.sqlite'));
  const t0 = Date.now();
  first = await crawl(store, opts());
  firstMs = Date.now() - t0;
  firstLog = replica.requests.filter((r) => r.forceId !== 'offhost').slice();
}, 240_000);

afterAll(async () => {
  store?.close();
  await replica?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('first crawl of the replica', () => {
  it('succeeds for every force', () => {
    expect(first.forces.map((f) => f.forceId).sort()).toEqual([...forces].sort());
    for (const f of first.forces) expect(f.ok, `${f.forceId}: ${f.errors.join('; ')}`).toBe(true);
  });

  it('finds and stores every SPO release of the ground truth', () => {
    const truth = replica.spoReleases();
    expect(truth.length).toBeGreaterThan(10);
    for (const t of truth) {
      const id = releaseId(t.forceId, canonicalUrl(t.url), '');
      const r = store.release(id);
      expect(r, `SPO release not stored: ${t.url}`).toBeDefined();
      expect(r!.is_spo, t.url).toBe(1);
      expect(store.revisions(id).length, t.url).toBe(1);
    }
    const found = first.forces.reduce((n, f) => n + f.new, 0);
    expect(found).toBe(truth.length);
    expect(store.counts().spoReleases).toBe(truth.length);
  });

  it('keeps none of the ordinary releases in full, but remembers them as seen', () => {
    const others = replica.allReleases().filter((r) => r.kind !== 'spo');
    expect(others.length).toBeGreaterThan(forces.length * 50);
    for (const o of others) {
      const id = releaseId(o.forceId, canonicalUrl(o.url), '');
      const r = store.release(id);
      expect(r, `not recorded as seen: ${o.url}`).toBeDefined();
      expect(r!.is_spo, o.url).toBe(0);
      expect(store.revisions(id), o.url).toHaveLength(0);
    }
    expect(first.forces.reduce((n, f) => n + f.seen, 0)).toBe(others.length);
  });

  it('writes one release document per SPO release under data/releases/<force>/<yyyy>/ and ingests it', () => {
    const root = join(dir, 'data', 'releases');
    const docs = files(root);
    const truth = replica.spoReleases();
    expect(docs.filter((f) => f.endsWith('.md'))).toHaveLength(truth.length);
    expect(docs.some((f) => /\.tmp-/.test(f))).toBe(false);
    for (const t of truth) {
      const r = store.release(releaseId(t.forceId, canonicalUrl(t.url), ''))!;
      expect(r.document_path).toBeTruthy();
      const rel = relative(root, r.document_path!).split(sep);
      expect(rel[0]).toBe(t.forceId);
      expect(rel[1]).toBe(t.published.slice(0, 4));
      const doc = parseRelease(readFileSync(r.document_path!, 'utf8'), r.document_path!);
      expect(doc.url).toBe(canonicalUrl(t.url));
      expect(doc.title).toBe(t.title);
      // Lancashire pages give the day only; SOH and Mynewsdesk the time too.
      expect(doc.published).toBeTruthy();
      expect(t.published.startsWith(doc.published!), `${doc.published} vs ${t.published}`).toBe(true);
      expect(doc.frontMatter.force).toBe(forceSite(t.forceId)!.name);
      expect(doc.frontMatter.og?.title).toBe(t.title);
      expect(doc.body).not.toMatch(/Leave this site|We use some essential cookies|Share this page|Is there a problem with this page/);
      expect(store.latestRevision(r.release_id)!.body.trim()).toBe(doc.body.trim());
    }
  });

  it('sends its User-Agent on every request and never writes a storage/ folder', () => {
    for (const r of firstLog) expect(r.userAgent).toBe(USER_AGENT);
    expect(existsSync(join(process.cwd(), 'storage'))).toBe(false);
  });

  it('never requests a path robots.txt disallows', async () => {
    for (const id of forces) {
      const origin = replica.origins[id]!;
      const txt = await (await fetch(`${origin}/robots.txt`)).text();
      const robots = robotsParser(`${origin}/robots.txt`, txt);
      for (const r of firstLog.filter((x) => x.forceId === id)) expect(robots.isAllowed(`${origin}${r.path}`, 'spo-tracker'), r.path).toBe(true);
      expect(firstLog.filter((x) => x.forceId === id)[0]!.path).toBe('/robots.txt');
    }
    expect(firstLog.some((r) => /GetPaginatedResults|mediacentre|\.aspx/.test(r.path))).toBe(false);
  });

  it('keeps the delay between two requests to one origin, one request at a time', () => {
    for (const id of forces) {
      const at = firstLog.filter((x) => x.forceId === id).map((x) => x.at);
      expect(at.length).toBeGreaterThan(50);
      for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!, `${id} request ${i}`).toBeGreaterThanOrEqual(DELAY - 5);
    }
  });

  it('crawls the forces in parallel', () => {
    const spans = forces.map((id) => {
      const at = firstLog.filter((x) => x.forceId === id).map((x) => x.at);
      return { id, start: Math.min(...at), end: Math.max(...at), n: at.length };
    });
    // Every pair of forces overlaps in time (timings on a loaded CI machine are too noisy for more).
    for (const a of spans) for (const b of spans) if (a !== b) expect(a.start < b.end && b.start < a.end, `${a.id} / ${b.id}`).toBe(true);
    expect(firstMs).toBeGreaterThan(0);
  });
});

describe('incremental crawls', () => {
  it('a second run makes only robots + listing requests and adds nothing', async () => {
    const before = store.counts();
    replica.clearLog();
    const second = await crawl(store, opts());
    const log = replica.requests.slice();
    for (const f of second.forces) {
      expect(f.ok, f.errors.join('; ')).toBe(true);
      expect(f.new + f.changed + f.seen).toBe(0);
      const reqs = log.filter((r) => r.forceId === f.forceId).map((r) => r.path);
      expect(reqs[0]).toBe('/robots.txt');
      const listing = reqs.slice(1);
      expect(listing.length).toBeGreaterThanOrEqual(1);
      expect(listing.length).toBeLessThanOrEqual(2);
      expect(f.requests).toBe(reqs.length);
    }
    expect(log.length).toBeLessThanOrEqual(forces.length * 3);
    expect(store.counts()).toEqual(before);
    expect(files(join(dir, 'data', 'releases')).length).toBe(before.spoReleases);
  });

  it('picks up a new SPO release and a new ordinary one with a handful of requests', async () => {
    const spoUrl = replica.addRelease('kent', {
      title: 'Ashford man handed Stalking Protection Order',
      body: 'A 41-year-old man from Ashford has been handed a Stalking Protection Order at Maidstone Magistrates\' Court.\n\nThe order, which lasts five years, bans him from contacting the woman or going to her address.\n\nDetective Sergeant Jo Smith said: "We will act on any breach."',
      spo: true,
    });
    const plainUrl = replica.addRelease('metropolitan', { title: 'Road closed after crash in Ealing', body: 'A road in Ealing was closed for several hours after a crash on Tuesday.\n\nNobody was seriously hurt.' });
    replica.clearLog();
    const run = await crawl(store, opts());
    const kent = run.forces.find((f) => f.forceId === 'kent')!;
    const met = run.forces.find((f) => f.forceId === 'metropolitan')!;
    expect(kent.new).toBe(1);
    expect(met.seen).toBe(1);
    expect(met.new).toBe(0);
    expect(store.release(releaseId('kent', canonicalUrl(spoUrl), ''))!.is_spo).toBe(1);
    expect(store.release(releaseId('metropolitan', canonicalUrl(plainUrl), ''))!.is_spo).toBe(0);
    const kentReqs = replica.requests.filter((r) => r.forceId === 'kent').map((r) => r.path);
    expect(kentReqs).toContain(new URL(spoUrl).pathname);
    expect(kentReqs.length).toBeLessThanOrEqual(4); // robots, 1-2 listing pages, the new article
    for (const f of run.forces) if (!['kent', 'metropolitan'].includes(f.forceId)) expect(f.requests).toBeLessThanOrEqual(3);
  });

  it('--full re-reads known SPO releases: a changed text is a new revision, a removed release is gone', async () => {
    const [changedRel, removedRel] = replica.spoReleases('merseyside');
    replica.changeRelease(changedRel!.url, 'A man from Bootle has been made subject to a Stalking Protection Order for five years at Sefton Magistrates\' Court.\n\nThis release was updated: the order now also bans him from the victim\'s street.');
    replica.removeRelease(removedRel!.url);
    const before = store.counts();
    const run = await crawl(store, { ...opts(), forces: ['merseyside'], full: true });
    const m = run.forces[0]!;
    expect(m.ok, m.errors.join('; ')).toBe(true);
    expect(m.changed).toBe(1);
    expect(m.gone).toBe(1);
    expect(m.new + m.seen).toBe(0);
    const changedId = releaseId('merseyside', canonicalUrl(changedRel!.url), '');
    expect(store.revisions(changedId)).toHaveLength(2);
    expect(store.release(releaseId('merseyside', canonicalUrl(removedRel!.url), ''))!.status).toBe('withdrawn');
    expect(store.counts().revisions).toBe(before.revisions + 1);
  });
});
