// The whole pipeline on real texts: the five seeds are four orders (the Rochester order is in two of
// them); the dev round-up h106 repeats three Kent orders and adds none. Plus release documents written
// here: syndicated copies, and an interim-then-full pair, through extraction.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../src/pipeline/index.ts';
import { explainOrder } from '../src/orders/index.ts';
import { DEV, SEEDS } from './helpers/paths.ts';
import { spo } from './helpers/cli.ts';
import { orders, tempDir, tempStore } from './diff.helpers.ts';

function doc(dir: string, name: string, fm: Record<string, string>, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `---\n${Object.entries(fm).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n')}\n---\n\n${body}\n`);
  return path;
}

describe('orders from real release texts', () => {
  it('ingesting the five seeds yields exactly four distinct orders', () => {
    const store = tempStore();
    const { processed, errors } = ingestPaths(store, [SEEDS]);
    expect(errors).toEqual([]);
    expect(processed).toHaveLength(5);
    expect(store.counts().mentions).toBe(5);
    const all = orders(store);
    expect(all).toHaveLength(4);
    const rochester = all.filter((o) => o.town === 'Rochester');
    expect(rochester).toHaveLength(1);
    const ex = explainOrder(store, rochester[0]!.order_id as string);
    expect(ex.mentions.map((m) => m.release_id).sort()).toEqual(
      processed.filter((p) => p.id.startsWith('000_') || p.id.startsWith('001_')).map((p) => p.releaseId).sort(),
    );
    // Re-ingesting changes nothing, ids included.
    const ids = all.map((o) => o.order_id).sort();
    ingestPaths(store, [SEEDS]);
    expect(orders(store).map((o) => o.order_id).sort()).toEqual(ids);
  });

  it('the Kent round-up in dev (h106) repeats the three Kent orders of seed 001', () => {
    const store = tempStore();
    ingestPaths(store, [SEEDS]);
    const kent = () => orders(store).filter((o) => o.force_id === 'kent');
    expect(kent()).toHaveLength(3);
    ingestPaths(store, [join(DEV, 'h106.md')]);
    expect(kent()).toHaveLength(3);
    expect(store.counts().mentions).toBe(8);
  });

  it('syndicated copies of one release (force site and local paper) are one order', () => {
    const dir = tempDir();
    const body =
      'A 41-year-old man from Gillingham has been made subject to a Stalking Protection Order.\n\n' +
      "The order was made at Medway Magistrates' Court on Tuesday 9 March 2021 and will last for five years.\n\n" +
      'It prohibits him from contacting the woman or attending her address.';
    doc(dir, 'force.md', { title: 'Gillingham man given stalking order', url: 'https://www.kent.police.uk/news/kent/news/gillingham-spo/', force: 'Kent Police', published: '2021-03-10' }, body);
    doc(dir, 'paper.md', { title: 'Stalking order for Gillingham man', url: 'https://www.kentonline.co.uk/medway/news/gillingham-stalking-order/', force: 'Kent Police', published: '2021-03-11' }, body);
    const store = tempStore();
    ingestPaths(store, [dir]);
    expect(store.counts().mentions).toBe(2);
    expect(orders(store)).toHaveLength(1);
  });

  it('an interim order then the full order (two releases) is one case, two stages; spo orders shows it', () => {
    const dir = tempDir();
    doc(
      dir,
      'interim.md',
      { title: 'Interim stalking order', url: 'https://www.northants.police.uk/news/northants/news/news/2021/jan/interim/', force: 'Northamptonshire Police', published: '2021-01-15' },
      "A 33-year-old man from Kettering has been given an interim Stalking Protection Order at Northampton Magistrates' Court on Friday 15 January 2021.\n\nThe interim order prevents him from contacting the victim.",
    );
    doc(
      dir,
      'full.md',
      { title: 'Full stalking order', url: 'https://www.northants.police.uk/news/northants/news/news/2021/mar/full/', force: 'Northamptonshire Police', published: '2021-03-05' },
      "A 33-year-old man from Kettering has been given a full Stalking Protection Order at Northampton Magistrates' Court on Friday 5 March 2021.\n\nThe full order will last for two years and prevents him from contacting the victim.",
    );
    const db = join(dir, 'spo.sqlite');
    expect(spo(['ingest', dir, '--db', db]).status).toBe(0);
    const r = spo(['orders', '--db', db, '--json']);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as { order_id: string; case_id: string; kind: string }[];
    expect(list).toHaveLength(2);
    expect(list.map((o) => o.kind).sort()).toEqual(['full', 'interim']);
    expect(list[0]!.case_id).toBe(list[1]!.case_id);
    const full = list.find((o) => o.kind === 'full')!;
    const ex = spo(['orders', '--db', db, '--explain', full.order_id.slice(0, 8)]);
    expect(ex.status).toBe(0);
    expect(ex.stdout).toMatch(/same case \(interim then full\)/);
    expect(ex.stdout).toMatch(/then/);
  });
});
