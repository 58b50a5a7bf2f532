// `spo nightly` with a stand-in crawler: exit codes, the run summary in the database, force health and
// silence, the lock (a second concurrent run refuses; a stale lock is taken over), the feed parsed back,
// and the NDJSON of the run's changes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, acquireLock, formatSummary, runNightly, typicalGapDays, type CrawlFn } from '../src/nightly/index.ts';
import type { ForceRunSummary as ForceCrawlResult } from '../src/domain/run.ts';
import { openStore } from '../src/store/index.ts';
import { put, tempDir, type TestRelease } from './diff.helpers.ts';
import { spo } from './helpers/cli.ts';

const KENT_1: TestRelease = {
  url: 'https://www.kent.police.uk/news/kent/news/2021/dover-spo/',
  force: 'kent',
  published: '2021-06-01',
  title: 'Dover man given stalking order',
  body: 'A 45-year-old man from Dover was given an interim Stalking Protection Order.',
  orders: [{ age: 45, sex: 'male', town: 'Dover', kind: 'interim', made_on: '2021-05-30', duration: 'until:2021-07-01', prohibitions: ['contact'] }],
};
const SUSSEX_1: TestRelease = {
  url: 'https://www.sussex.police.uk/news/sussex/news/2021/lancing-spo/',
  force: 'sussex',
  published: '2021-06-03',
  title: 'Lancing man given stalking order',
  body: 'A 22-year-old man from Lancing was given a Stalking Protection Order at Brighton Magistrates Court.',
  orders: [{ age: 22, sex: 'male', town: 'Lancing', court: "Brighton Magistrates' Court", made_on: '2021-06-02', duration: 'indefinite', prohibitions: ['contact', 'exclusion_zone'] }],
};

function result(forceId: string, ok: boolean, extra: Partial<ForceCrawlResult> = {}): ForceCrawlResult {
  return { forceId, ok, requests: 3, new: 0, changed: 0, unchanged: 0, gone: 0, seen: 0, errors: ok ? [] : ['HTTP 503 on listing'], durationMs: 12, newestPublished: null, releaseIds: [], ...extra };
}

/** A crawler stand-in: stores the given releases per force (as the crawler does), reports per force. */
function fakeCrawl(plan: Record<string, { ok: boolean; releases?: TestRelease[] }>, calls: { n: number } = { n: 0 }): CrawlFn {
  return async (store, opts) => {
    calls.n++;
    const forces: ForceCrawlResult[] = [];
    for (const [forceId, p] of Object.entries(plan)) {
      if (opts.forces && !opts.forces.includes(forceId)) continue;
      store.ensureForce(forceId, forceId);
      let r: ForceCrawlResult;
      if (p.ok) {
        const events = put(store, p.releases ?? [], opts.runId ?? null);
        const newest = (p.releases ?? []).map((x) => x.published ?? '').sort().pop() || null;
        r = result(forceId, true, {
          new: events.filter((e) => e.event === 'new').length,
          changed: events.filter((e) => e.event === 'changed').length,
          unchanged: events.filter((e) => e.event === 'unchanged').length,
          newestPublished: newest,
          releaseIds: events.map((e) => e.releaseId),
        });
      } else r = result(forceId, false);
      store.recordForceHealth(forceId, r.ok, r.newestPublished, r.ok ? null : r.errors[0]!);
      forces.push(r);
    }
    return { forces };
  };
}

function parseFeed(path: string) {
  const $ = cheerio.load(readFileSync(path, 'utf8'), { xml: true });
  return {
    id: $('feed > id').text(),
    title: $('feed > title').text(),
    entries: $('feed > entry')
      .toArray()
      .map((e) => ({ id: $(e).find('id').text(), title: $(e).find('title').text(), link: $(e).find('link').attr('href') ?? '', summary: $(e).find('summary').text(), updated: $(e).find('updated').text() })),
  };
}

const children: number[] = [];
afterAll(() => {
  for (const pid of children) {
    try {
      process.kill(pid);
    } catch {
      /* gone */
    }
  }
});

describe('spo nightly', () => {
  it('all forces ok: exit 0, summary stored and printed, health kept, feed and NDJSON written', async () => {
    const dir = tempDir('spo-nightly-');
    const db = join(dir, 'spo.sqlite');
    const { exitCode, summary } = await runNightly({ db, dataDir: dir }, { crawl: fakeCrawl({ kent: { ok: true, releases: [KENT_1] }, sussex: { ok: true, releases: [SUSSEX_1] } }) });
    expect(exitCode).toBe(EXIT.OK);
    expect(summary.status).toBe('ok');
    expect(summary.totals).toMatchObject({ forces: 2, failed: 0, new: 2, requests: 6 });
    expect(summary.changes!.orders.new).toBe(2);
    expect(existsSync(join(dir, 'nightly.lock'))).toBe(false);

    const store = openStore(db);
    const run = store.db.prepare('SELECT * FROM crawl_runs WHERE run_id = ?').get(summary.run_id) as { status: string; summary: string; command: string };
    expect(run).toMatchObject({ status: 'ok', command: 'nightly' });
    expect(JSON.parse(run.summary).totals.new).toBe(2);
    const perForce = store.db.prepare('SELECT force_id, requests, new, errors FROM crawl_run_forces WHERE run_id = ? ORDER BY force_id').all(summary.run_id);
    expect(perForce).toEqual([
      { force_id: 'kent', requests: 3, new: 1, errors: 0 },
      { force_id: 'sussex', requests: 3, new: 1, errors: 0 },
    ]);
    const kent = store.forces().find((f) => f.force_id === 'kent')!;
    expect(kent.last_success_at).not.toBeNull();
    expect(kent.newest_release_at).toBe('2021-06-01');
    expect(kent.consecutive_failures).toBe(0);
    store.close();

    const feed = parseFeed(join(dir, 'feed.xml'));
    expect(feed.entries).toHaveLength(2);
    expect(feed.entries.map((e) => e.link).sort()).toEqual([KENT_1.url, SUSSEX_1.url].sort());
    expect(feed.entries.find((e) => e.link === KENT_1.url)!.title).toBe('Kent Police: an interim order until 1 July 2021 against a 45-year-old man from Dover: no contact');
    expect(feed.entries.find((e) => e.link === SUSSEX_1.url)!.summary).toMatch(/made at Brighton Magistrates' Court on 2 June 2021, with no end date/);
    expect(existsSync(join(dir, 'feeds', 'kent.xml'))).toBe(true);
    // The report links to the orders CSV and the feed beside it: both are there.
    expect(readFileSync(join(dir, 'orders.csv'), 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
    expect(JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')).resources.map((r: { path: string }) => r.path)).toEqual(['orders.csv']);
    const lines = readFileSync(join(dir, 'changes', `${summary.run_id}.ndjson`), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'release').map((l) => l.event)).toEqual(['new', 'new']);
    expect(lines.filter((l) => l.type === 'order').map((l) => l.event)).toEqual(['new', 'new']);
    expect(summary.forces.find((f) => f.force_id === 'kent')).toMatchObject({ ok: true, requests: 3, new: 1, errors: [], duration_ms: expect.any(Number) });
    expect(formatSummary(summary)).toMatch(/nightly run \d+: ok/);
    expect(summary.outputs.report).toBe(join(dir, 'report.html'));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/<html/i);
  });

  it('a second run: only what changed; the feed rolls over every recent order, a quiet run keeps them', async () => {
    const dir = tempDir('spo-nightly-');
    const db = join(dir, 'spo.sqlite');
    await runNightly({ db, dataDir: dir }, { crawl: fakeCrawl({ kent: { ok: true, releases: [KENT_1] } }) });
    const full = { ...KENT_1, body: 'Now a full order for ten years.', orders: [{ ...KENT_1.orders[0]!, kind: 'full' as const, duration: 'P10Y' }] };
    const second = await runNightly({ db, dataDir: dir }, { crawl: fakeCrawl({ kent: { ok: true, releases: [full, SUSSEX_1] } }) });
    expect(second.summary.changes).toMatchObject({ releases: { new: 1, changed: 1 }, orders: { new: 1, changed: 1 } });
    const feed = parseFeed(join(dir, 'feed.xml'));
    expect(feed.entries).toHaveLength(2);
    const upd = feed.entries.find((e) => e.link === KENT_1.url)!;
    expect(upd.title).toBe('Kent Police: a 10-year order against a 45-year-old man from Dover: no contact');
    expect(upd.summary).toMatch(/^A full Stalking Protection Order made on 30 May 2021, for 10 years\./);
    const quiet = await runNightly({ db, dataDir: dir }, { crawl: fakeCrawl({ kent: { ok: true, releases: [full, SUSSEX_1] } }) });
    expect(quiet.summary.outputs.feed_entries).toBe(2);
    expect(parseFeed(join(dir, 'feed.xml')).entries).toHaveLength(2);
    expect(readFileSync(join(dir, 'changes', `${quiet.summary.run_id}.ndjson`), 'utf8')).toBe('');
  });

  it('exit 3 when some forces fail (the others are saved), 4 when none could run', async () => {
    const dir = tempDir('spo-nightly-');
    const db = join(dir, 'spo.sqlite');
    const partial = await runNightly({ db, dataDir: dir }, { crawl: fakeCrawl({ kent: { ok: true, releases: [KENT_1] }, sussex: { ok: false } }) });
    expect(partial.exitCode).toBe(EXIT.PARTIAL);
    expect(partial.summary.status).toBe('partial');
    expect(partial.summary.forces.find((f) => f.force_id === 'sussex')).toMatchObject({ ok: false, errors: ['HTTP 503 on listing'], consecutive_failures: 1 });
    const none = await runNightly({ db, dataDir: dir }, { crawl: fakeCrawl({ kent: { ok: false }, sussex: { ok: false } }) });
    expect(none.exitCode).toBe(EXIT.NOTHING);
    expect(none.summary.forces.find((f) => f.force_id === 'sussex')!.consecutive_failures).toBe(2);
    const store = openStore(db);
    expect(store.counts().orders).toBe(1); // kent's order from the partial run is kept
    const runs = store.db.prepare('SELECT status FROM crawl_runs ORDER BY run_id').all();
    expect(runs).toEqual([{ status: 'partial' }, { status: 'failed' }]);
    const err = store.db.prepare("SELECT error_message FROM crawl_run_forces WHERE force_id = 'sussex' ORDER BY run_id DESC LIMIT 1").get() as { error_message: string };
    expect(err.error_message).toBe('HTTP 503 on listing');
    store.close();
    const thrown = await runNightly({ db, dataDir: dir }, {
      crawl: async () => {
        throw new Error('unknown force "atlantis"');
      },
    });
    expect(thrown.exitCode).toBe(EXIT.NOTHING);
    expect(thrown.summary.error).toMatch(/atlantis/);
  });

  it('a second concurrent run refuses with exit 5 and leaves the first alone', async () => {
    const dir = tempDir('spo-nightly-');
    const db = join(dir, 'spo.sqlite');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const calls = { n: 0 };
    const slow: CrawlFn = async (store, opts) => {
      calls.n++;
      await gate;
      return fakeCrawl({ kent: { ok: true, releases: [KENT_1] } })(store, opts);
    };
    const first = runNightly({ db, dataDir: dir }, { crawl: slow });
    await new Promise((r) => setTimeout(r, 50));
    const second = await runNightly({ db, dataDir: dir }, { crawl: slow });
    expect(second.exitCode).toBe(EXIT.LOCKED);
    expect(second.summary.lock.held_by!.pid).toBe(process.pid);
    expect(calls.n).toBe(1);
    release();
    expect((await first).exitCode).toBe(EXIT.OK);
    expect(existsSync(join(dir, 'nightly.lock'))).toBe(false);
  });

  it('takes over a stale lock left by a killed run', async () => {
    const dir = tempDir('spo-nightly-');
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    writeFileSync(join(dir, 'nightly.lock'), JSON.stringify({ pid: dead, host: hostname(), startedAt: '2020-01-01T00:00:00Z', procStart: null, command: 'spo nightly' }));
    const { exitCode, summary } = await runNightly({ db: join(dir, 'spo.sqlite'), dataDir: dir }, { crawl: fakeCrawl({ kent: { ok: true, releases: [KENT_1] } }) });
    expect(exitCode).toBe(EXIT.OK);
    expect(summary.lock.took_over).toEqual({ pid: dead, started_at: '2020-01-01T00:00:00Z' });
    expect(existsSync(join(dir, 'nightly.lock'))).toBe(false);
    // A lock whose pid was recycled by an unrelated process (different start time) is stale too.
    writeFileSync(join(dir, 'nightly.lock'), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: 'x', procStart: '1', command: 'spo nightly' }));
    const lock = acquireLock(join(dir, 'nightly.lock'));
    expect(lock.tookOver?.pid).toBe(process.pid);
    lock.release();
  });

  it('closes a run a killed nightly left marked running, as interrupted', async () => {
    const dir = tempDir('spo-nightly-');
    const db = join(dir, 'spo.sqlite');
    const store = openStore(db);
    const killed = store.startRun('nightly');
    const crawlRun = store.startRun('crawl');
    store.close();
    const { exitCode, summary } = await runNightly({ db, dataDir: dir }, { crawl: fakeCrawl({ kent: { ok: true, releases: [KENT_1] } }) });
    expect(exitCode).toBe(EXIT.OK);
    const after = openStore(db);
    const status = (id: number) => (after.db.prepare('SELECT status FROM crawl_runs WHERE run_id = ?').get(id) as { status: string }).status;
    expect(status(killed)).toBe('interrupted');
    // Only nightly runs are covered by the nightly lock; another command's run is left alone.
    expect(status(crawlRun)).toBe('running');
    expect(status(summary.run_id!)).toBe('ok');
    after.close();
  });

  it('flags a force silent for longer than 3x its usual gap', async () => {
    expect(typicalGapDays(['2021-01-01', '2021-01-08', '2021-01-15', '2021-01-22', '2021-01-29'])).toBe(7);
    expect(typicalGapDays(['2021-01-01', '2021-01-08'])).toBeNull();
    const dir = tempDir('spo-nightly-');
    const weekly = (force: string, last: string): TestRelease[] =>
      Array.from({ length: 6 }, (_, i) => {
        const d = new Date(Date.parse(last) - i * 7 * 86_400_000).toISOString().slice(0, 10);
        return { url: `https://www.${force}.police.uk/news/${d}/`, force, published: d, orders: [], isSpo: false };
      });
    const { summary } = await runNightly(
      { db: join(dir, 'spo.sqlite'), dataDir: dir, now: new Date('2021-06-30T00:00:00Z') },
      { crawl: fakeCrawl({ kent: { ok: true, releases: weekly('kent', '2021-06-28') }, sussex: { ok: true, releases: weekly('sussex', '2021-05-01') } }) },
    );
    expect(summary.forces.find((f) => f.force_id === 'kent')).toMatchObject({ silent: false, typical_gap_days: 7 });
    expect(summary.forces.find((f) => f.force_id === 'sussex')).toMatchObject({ silent: true, typical_gap_days: 7, days_since_newest: 60 });
    expect(summary.totals.silent).toBe(1);
    expect(formatSummary(summary)).toMatch(/sussex .*SILENT: nothing new for 60 days \(usual gap 7\.0 days\)/);
  });

  it('the CLI: a concurrent `spo nightly` refuses with exit 5; a stale lock is taken over (exit 4: nothing reachable)', async () => {
    const dir = tempDir('spo-nightly-');
    mkdirSync(dir, { recursive: true });
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    children.push(holder.pid!);
    writeFileSync(join(dir, 'nightly.lock'), JSON.stringify({ pid: holder.pid, host: hostname(), startedAt: new Date().toISOString(), procStart: null, command: 'spo nightly' }));
    const locked = spo(['nightly', '--db', join(dir, 'spo.sqlite'), '--data-dir', dir, '--force', 'kent', '--origin', 'kent=http://127.0.0.1:9']);
    expect(locked.status).toBe(EXIT.LOCKED);
    expect(locked.stderr).toMatch(/another nightly run holds/);
    holder.kill();
    await new Promise((r) => holder.once('exit', r));
    // The holder is dead now: its lock is stale. The one force is unreachable: nothing could run.
    const r = spo(['nightly', '--db', join(dir, 'spo.sqlite'), '--data-dir', dir, '--force', 'kent', '--origin', 'kent=http://127.0.0.1:9', '--delay-ms', '0', '--json']);
    expect(r.status).toBe(EXIT.NOTHING);
    const s = JSON.parse(r.stdout);
    expect(s.lock.took_over.pid).toBe(holder.pid);
    expect(s.forces).toEqual([expect.objectContaining({ force_id: 'kent', ok: false })]);
    expect(existsSync(join(dir, 'nightly.lock'))).toBe(false);
  });
});
