// Hostile sites (issue 18 items 1, 5, 7): kent is crawled through a hostile proxy (src/replica/hostile.ts)
// while lancashire is crawled beside it from the faithful replica. What is asserted is behaviour: the
// healthy force saves every release, the hostile page is a failed page with a reason, the hostile
// force's summary and health carry the warning. No timings are asserted.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../src/replica/index.ts';
import { startHostile, type Attack, type HostileSite } from '../src/replica/hostile.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { canonicalUrl, releaseId } from '../src/release/index.ts';
import { crawl, type CrawlRunOptions } from '../src/pipeline/run.ts';
import type { ForceRunSummary } from '../src/domain/run.ts';
import { decodeBody } from '../src/crawl/index.ts';
import { REPO_ROOT, SPO_BIN } from './helpers/paths.ts';

let replica: Replica;
let hostile: HostileSite;
let root: string;
const stores: Store[] = [];
const UTF8_TITLE = 'Café owner in Maidstone given a stalking protection order – £500 costs';

beforeAll(async () => {
  replica = await startReplica({ forces: ['kent', 'lancashire'], ordinaryPerForce: 10, writtenSpoPerForce: 2 });
  replica.addRelease('kent', {
    title: UTF8_TITLE,
    body: 'A café owner from Maidstone has been made subject to a stalking protection order at Maidstone Magistrates’ Court. The order, which lasts five years, bans him from contacting the woman. He must also pay £500 costs. +ADw-script+AD4-alert(1)+ADw-/script+AD4-',
    spo: true,
  });
  hostile = await startHostile(replica.origins.kent!);
  root = mkdtempSync(join(tmpdir(), 'spo-crawl-hostile-'));
}, 60_000);

afterAll(async () => {
  for (const s of stores) s.close();
  await hostile?.stop();
  await replica?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Crawl kent (through the hostile proxy) and lancashire; in a fresh folder, or again in `again`'s. */
async function run(attacks: Attack[], extra: Partial<CrawlRunOptions> = {}, again?: { store: Store; dir: string }): Promise<{ store: Store; dir: string; r: Record<string, ForceRunSummary> }> {
  hostile.setAttacks(attacks);
  hostile.requests.length = 0;
  const dir = again?.dir ?? mkdtempSync(join(root, 'run-'));
  const store = again?.store ?? openStore(join(dir, 'spo.sqlite'));
  if (!again) stores.push(store);
  const res = await crawl(store, {
    forces: ['kent', 'lancashire'],
    origins: { ...replica.origins, kent: hostile.origin },
    delayMs: 5,
    dataDir: join(dir, 'data'),
    retryBaseMs: 50,
    timeoutSecs: 5,
    ...extra,
  });
  return { store, dir, r: Object.fromEntries(res.forces.map((f) => [f.forceId, f])) };
}

const listingPath = (): string => new URL(replica.listings.kent!).pathname;
const articlePath = (title: string): string => new URL(replica.allReleases('kent').find((x) => x.title === title)!.url).pathname;
const exact = (path: string): RegExp => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
/** The id of a kent release as crawled: kent's pages come from the hostile origin. */
const kentId = (replicaUrl: string): string => releaseId('kent', canonicalUrl(hostile.origin + new URL(replicaUrl).pathname), '');
const verdictOf = (store: Store, id: string) => store.forces().find((f) => f.force_id === id)!;

function healthyBeside(r: Record<string, ForceRunSummary>): void {
  expect(r.lancashire!.ok, r.lancashire!.errors.join('; ')).toBe(true);
  expect(r.lancashire!.new).toBe(replica.spoReleases('lancashire').length);
}

describe('item 1: one hostile page does not freeze the run', () => {
  it('a listing with 10,000 article links is a failed page with a reason; the force beside it saves all its releases', async () => {
    const { r } = await run([{ kind: 'many-links', paths: exact(listingPath()), links: 10_000, href: (i) => `/news/kent/news/news/2020/january/hostile-link-number-${i}/` }]);
    healthyBeside(r);
    expect(r.kent!.ok).toBe(false);
    expect(r.kent!.errors[0]).toMatch(/links.*over the cap/);
  }, 120_000);

  it('a listing inside 10,000 nested elements is a failed page with a reason', async () => {
    const { r } = await run([{ kind: 'deep', paths: exact(listingPath()), depth: 10_000 }]);
    healthyBeside(r);
    expect(r.kent!.ok).toBe(false);
    expect(r.kent!.errors[0]).toMatch(/nested.*over the cap/);
  }, 120_000);

  it('an article nested 10,000 deep is a failed page; its force reads every other release and is not failed by it', async () => {
    const target = replica.spoReleases('kent').find((x) => x.title !== UTF8_TITLE)!;
    const { store, r } = await run([{ kind: 'deep', paths: exact(new URL(target.url).pathname), depth: 10_000 }]);
    healthyBeside(r);
    expect(r.kent!.ok, r.kent!.errors.join('; ')).toBe(true);
    expect(r.kent!.errors.join('\n')).toMatch(new RegExp(`${new URL(target.url).pathname}.*nested.*over the cap`));
    expect(r.kent!.new).toBe(replica.spoReleases('kent').length - 1);
    expect(store.release(kentId(target.url))).toBeUndefined();
  }, 120_000);

  it('a force over its wall-clock budget stops with a warning (a slow-drip article); the force beside it is unaffected', async () => {
    const target = replica.spoReleases('kent')[0]!;
    const { store, r } = await run([{ kind: 'drip', paths: exact(new URL(target.url).pathname), everyMs: 200 }], { timeoutSecs: 60, forceBudgetSecs: 4 });
    healthyBeside(r);
    expect(r.kent!.warnings?.join('\n')).toMatch(/budget/);
    expect(verdictOf(store, 'kent').check_verdict).not.toBe('ok');
  }, 120_000);
});

describe('item 5: decoding from the raw bytes', () => {
  const title = (store: Store): string | null | undefined => {
    const rel = replica.allReleases('kent').find((x) => x.title === UTF8_TITLE)!;
    return store.release(kentId(rel.url))?.title;
  };

  it('a valid UTF-8 page sent with charset=iso-8859-1 or windows-1252 is read as UTF-8', async () => {
    for (const cs of ['iso-8859-1', 'windows-1252']) {
      const { store, r } = await run([{ kind: 'charset', paths: exact(articlePath(UTF8_TITLE)), contentType: `text/html; charset=${cs}` }]);
      expect(r.kent!.ok, r.kent!.errors.join('; ')).toBe(true);
      expect(title(store)).toBe(UTF8_TITLE);
    }
  }, 120_000);

  it('one invalid byte in a UTF-8 page spoils that byte only', async () => {
    const { store, r } = await run([
      { kind: 'charset', paths: exact(articlePath(UTF8_TITLE)), bytes: (b) => Buffer.concat([b.subarray(0, b.indexOf('</body>')), Buffer.from([0xff]), b.subarray(b.indexOf('</body>'))]) },
    ]);
    expect(r.kent!.ok, r.kent!.errors.join('; ')).toBe(true);
    expect(title(store)).toBe(UTF8_TITLE);
  }, 120_000);

  it('a page declaring UTF-7 is not decoded as UTF-7 (its +ADw-script+AD4- stays text) and its force is read', async () => {
    const { store, r } = await run([{ kind: 'charset', paths: exact(articlePath(UTF8_TITLE)), meta: 'utf-7', contentType: 'text/html; charset=utf-7' }]);
    healthyBeside(r);
    expect(r.kent!.ok, r.kent!.errors.join('; ')).toBe(true);
    expect(title(store)).toBe(UTF8_TITLE);
    const rel = replica.allReleases('kent').find((x) => x.title === UTF8_TITLE)!;
    const body = store.latestRevision(kentId(rel.url))!.body;
    expect(body).toContain('+ADw-script+AD4-');
    expect(body).not.toContain('<script>');
  }, 120_000);

  it('decodeBody: BOM first, then valid UTF-8, then the declared charset, byte by byte', () => {
    const utf8 = Buffer.from('café £5', 'utf8');
    expect(decodeBody(utf8, 'text/html; charset=iso-8859-1')).toBe('café £5');
    expect(decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toBe('café £5');
    expect(decodeBody(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('café', 'utf16le')]), 'text/html; charset=utf-8')).toBe('café');
    expect(decodeBody(Buffer.concat([utf8, Buffer.from([0x93, 0x20]), utf8]))).toBe('café £5\u201C café £5');
    expect(decodeBody(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'text/html; charset=windows-1252')).toBe('café');
    expect(decodeBody(Buffer.from('<meta charset="koi8-r">\xf0\xd2\xc9', 'latin1'))).toContain('При');
    expect(decodeBody(Buffer.from('<meta charset="utf-7">+ADw-b+AD4-', 'latin1'))).toContain('+ADw-b+AD4-');
  });
});

describe('item 7: a budget per force; caps are warnings', () => {
  it('a robots.txt that never answers ends at the budget, with a warning', async () => {
    const { store, r } = await run([{ kind: 'silent', paths: /^\/robots\.txt$/ }], { timeoutSecs: 60, forceBudgetSecs: 3 });
    healthyBeside(r);
    expect(r.kent!.ok).toBe(false);
    expect(r.kent!.warnings?.join('\n')).toMatch(/budget/);
    expect(verdictOf(store, 'kent').check_verdict).toBe('broken');
  }, 120_000);

  it('endless pagination stops at the page cap with a warning; the force is degraded, not ok', async () => {
    const { store, r } = await run([{ kind: 'endless-pages', paths: /^\/news\/kent\/latest\//, article: /\/news\/kent\/news\/news\/\d{4}\/[a-z]+\/[a-z0-9-]+\// }], { maxPages: 4 });
    healthyBeside(r);
    expect(hostile.requests.filter((q) => q.path.startsWith('/news/kent/latest/')).length).toBe(4);
    expect(r.kent!.warnings?.join('\n')).toMatch(/page cap of 4/);
    expect(verdictOf(store, 'kent').check_verdict).toBe('degraded');
    expect(verdictOf(store, 'kent').check_reason).toMatch(/page cap/);
  }, 120_000);

  it('an endless chunked article is cut at the size cap once, not retried, and is a warning', async () => {
    const target = replica.spoReleases('kent')[0]!;
    const path = new URL(target.url).pathname;
    const attack: Attack[] = [{ kind: 'endless-chunked', paths: exact(path) }];
    const first = await run(attack, { maxBytes: 512 * 1024 });
    const { r } = first;
    healthyBeside(r);
    expect(hostile.requests.filter((q) => q.path === path)).toHaveLength(1);
    expect(r.kent!.errors.join('\n')).toMatch(/cut off/);
    expect(r.kent!.warnings?.join('\n')).toMatch(/size cap/);
    expect(r.kent!.new).toBe(replica.spoReleases('kent').length - 1);
    // Remembered in the database (crawl_pending, refused): the next incremental runs do not request it
    // again (issue 18, item 2's leftover); a full run tries it once more.
    expect(first.store.pending.ofForce('kent').map((p) => [p.state, p.reason])).toEqual([['refused', expect.stringMatching(/size cap/)]]);
    const again = await run(attack, { maxBytes: 512 * 1024 }, first);
    expect(again.r.kent!.ok, again.r.kent!.errors.join('; ')).toBe(true);
    expect(hostile.requests.filter((q) => q.path === path)).toHaveLength(0);
    expect(hostile.requests.length).toBeGreaterThan(0);
    await run(attack, { maxBytes: 512 * 1024, full: true }, first);
    expect(hostile.requests.filter((q) => q.path === path)).toHaveLength(1);
  }, 120_000);

  it('spo crawl --force-budget sets the budget: the force stops there and the run says why', async () => {
    hostile.setAttacks([{ kind: 'silent', paths: /^\/robots\.txt$/ }]);
    const dir = mkdtempSync(join(root, 'cli-'));
    // Spawned asynchronously: the hostile server runs in this process.
    const res = await promisify(execFile)(
      process.execPath,
      [SPO_BIN, 'crawl', '--origin', `kent=${hostile.origin}`, '--db', join(dir, 'spo.sqlite'), '--data-dir', join(dir, 'data'), '--delay-ms', '5', '--force-budget', '2', '--json'],
      { cwd: REPO_ROOT, maxBuffer: 32 * 1024 * 1024, timeout: 110_000 },
    ).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }));
    const kent = (JSON.parse(res.stdout) as ForceRunSummary[]).find((f) => f.forceId === 'kent')!;
    expect(kent.ok).toBe(false);
    expect(kent.errors[0]).toMatch(/over its budget of 2 s/);
    expect(kent.warnings?.join('\n')).toMatch(/budget/);
    expect(res.stderr).toMatch(/kent: FAILED.*budget/);
  }, 120_000);
});
