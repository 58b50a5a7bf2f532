// `spo nightly` end to end against the replica sites: the real crawler, extraction, matching, diff and
// outputs. Run once; add one SPO release and change another on the server; run again (a --full run, the
// one that re-checks known releases): the diff and the feed show exactly those two and the order counts
// are right. An unchanged replica then costs at most robots.txt plus two listing requests per force.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../src/replica/index.ts';
import { CORPUS } from '../src/replica/corpus.ts';
import { EXIT, runNightly } from '../src/nightly/index.ts';
import { computeDiff, resolveWindow } from '../src/diff/index.ts';
import { openStore } from '../src/store/index.ts';
import { tempDir } from './diff.helpers.ts';
import { spo } from './helpers/cli.ts';

const FORCES = ['kent', 'sussex'];
let rep: Replica;
let dir: string;
let db: string;

beforeAll(async () => {
  rep = await startReplica({ forces: FORCES, ordinaryPerForce: 30 });
  dir = tempDir('spo-nightly-replica-');
  db = join(dir, 'spo.sqlite');
});
afterAll(async () => {
  await rep?.stop();
});

function feedEntries(): { id: string; title: string; link: string; summary: string }[] {
  const $ = cheerio.load(readFileSync(join(dir, 'feed.xml'), 'utf8'), { xml: true });
  return $('feed > entry')
    .toArray()
    .map((e) => ({ id: $(e).find('id').text(), title: $(e).find('title').text(), link: $(e).find('link').attr('href') ?? '', summary: $(e).find('summary').text() }));
}

const orderCount = (): number => {
  const store = openStore(db);
  try {
    return store.counts().orders;
  } finally {
    store.close();
  }
};

const nightly = (extra: { full?: boolean } = {}) =>
  runNightly({ db, dataDir: dir, forces: FORCES, origins: rep.origins, delayMs: 0, full: extra.full, crawl: { maxRetries: 1, retryBaseMs: 50 } });

describe('spo nightly against the replica', () => {
  it('first run, one added and one changed release, then an unchanged run', async () => {
    const first = await nightly();
    expect(first.exitCode).toBe(EXIT.OK);
    expect(first.summary.forces.map((f) => f.ok)).toEqual([true, true]);
    const spoReleases = FORCES.flatMap((f) => rep.spoReleases(f));
    expect(first.summary.totals.new).toBe(spoReleases.length);
    const orders1 = orderCount();
    expect(orders1).toBeGreaterThan(0);
    // The Rochester order is in seed 000 and in the Kent round-up (h106): counted once.
    const store = openStore(db);
    const rochester = store.db.prepare("SELECT order_id FROM orders WHERE town = 'Rochester'").all() as { order_id: string }[];
    expect(rochester).toHaveLength(1);
    expect(store.db.prepare('SELECT count(*) AS n FROM order_mentions WHERE order_id = ?').get(rochester[0]!.order_id)).toEqual({ n: 2 });
    store.close();

    // On the server: one new SPO release, and the Kent seed release edited to add an exclusion zone.
    const added = rep.addRelease('kent', {
      title: 'Canterbury man made subject to full Stalking Protection Order',
      body:
        'A 47-year-old man from Canterbury has been made subject to a full Stalking Protection Order.\n\n' +
        "The order was made at Canterbury Magistrates' Court on Monday 16 November 2026 and will last for seven years.\n\n" +
        'It prohibits him from contacting the woman or going to her home address.',
      spo: true,
    });
    const seed = rep.spoReleases('kent').find((r) => r.source?.startsWith('seeds/000'))!;
    const text = CORPUS.find((c) => c.source.startsWith('seeds/000'))!.text;
    rep.changeRelease(
      seed.url,
      text.replace('attending her address.', 'attending her address. He is also banned from entering an exclusion zone around Rochester town centre.'),
    );

    const second = await nightly({ full: true });
    expect(second.exitCode).toBe(EXIT.OK);
    expect(second.summary.changes).toMatchObject({ releases: { new: 1, changed: 1, gone: 0 }, orders: { new: 1, changed: 1, removed: 0 } });
    expect(orderCount()).toBe(orders1 + 1);

    const s2 = openStore(db);
    const d = computeDiff(s2, resolveWindow(s2, { run: second.summary.run_id! }));
    s2.close();
    expect(d.releases.map((r) => [r.event, r.url])).toEqual([
      ['new', added],
      ['changed', seed.url],
    ]);
    expect(d.releases[1]!.orders[0]!.changes).toEqual(['prohibitions +exclusion_zone']);
    expect(d.orders.find((o) => o.event === 'changed')!.changes).toEqual(['prohibitions +exclusion_zone']);

    // The feed rolls over every recent order (not only this run's), each entry linked to its own release.
    const entries = feedEntries();
    expect(entries).toHaveLength(orders1 + 1);
    expect(entries.find((e) => e.link === added)!.title).toMatch(/^Kent Police: a .*order against a 47-year-old man from Canterbury/);
    expect(entries.find((e) => e.link === seed.url)!.title).toMatch(/must stay out of an exclusion zone/);
    const lines = readFileSync(join(dir, 'changes', `${second.summary.run_id}.ndjson`), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4); // two releases, two orders

    // `spo diff --json` by run number says the same.
    const cli = spo(['diff', '--db', db, '--since', String(first.summary.run_id), '--json']);
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout).counts).toMatchObject({ releases: { new: 1, changed: 1 }, orders: { new: 1, changed: 1 } });

    // Unchanged replica, ordinary nightly run: robots.txt and at most two listing pages per force.
    rep.clearLog();
    const third = await nightly();
    expect(third.exitCode).toBe(EXIT.OK);
    for (const f of FORCES) {
      const reqs = rep.requests.filter((r) => r.forceId === f);
      expect(reqs.filter((r) => r.path === '/robots.txt').length).toBeLessThanOrEqual(1);
      expect(reqs.length).toBeLessThanOrEqual(3);
    }
    expect(third.summary.changes).toMatchObject({ releases: { new: 0, changed: 0, gone: 0 }, orders: { new: 0, changed: 0 } });
    expect(feedEntries()).toHaveLength(orders1 + 1); // a quiet night keeps the feed's orders
    expect(orderCount()).toBe(orders1 + 1);

    // A release withdrawn at the source: the weekly --full run finds it gone; its data is kept.
    rep.removeRelease(added);
    const fourth = await nightly({ full: true });
    expect(fourth.exitCode).toBe(EXIT.OK);
    expect(fourth.summary.changes).toMatchObject({ releases: { new: 0, changed: 0, gone: 1 } });
    const gone = readFileSync(join(dir, 'changes', `${fourth.summary.run_id}.ndjson`), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(gone).toEqual([expect.objectContaining({ type: 'release', event: 'gone', url: added, status: 'withdrawn' })]);
    expect(orderCount()).toBe(orders1 + 1);
  });
});
