// Corrections that last: what a person corrects (a field, a wrong order, two orders that are one) is
// applied over every later re-extraction, re-ingest and re-crawl, shown with its provenance, and undone
// on request. Real texts (the seeds), a real SQLite file, and the real `spo` against a replica site.
import { databaseId, exportedOrderId } from '../src/domain/ids.ts';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CorrectionError,
  correctOrder,
  findOrderId,
  mergeOrders,
  parseCorrectionValue,
  rebuildOrders,
  removeOrder,
  undoCorrection,
} from '../src/orders/index.ts';
import { ingestPaths } from '../src/pipeline/index.ts';
import { orderRows } from '../src/report/rows.ts';
import { startReplica, type Replica } from '../src/replica/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { spoAsync } from './helpers/cli.ts';
import { SEEDS, tempDir } from './helpers/paths.ts';

// Exports write order ids with an "o" in front (src/domain/ids.ts); corrections take the database's.
const orderById = (store: Store, id: string) => orderRows(store).find((o) => databaseId(o.order_id) === databaseId(id));

/** The seeds copied to a folder of the test's own, so a text can be edited to force a re-extraction. */
function seedsCopy(): { dir: string; store: Store } {
  const dir = tempDir('spo-corrections-');
  cpSync(SEEDS, join(dir, 'seeds'), { recursive: true });
  const store = openStore(join(dir, 'spo.sqlite'));
  const { errors } = ingestPaths(store, [join(dir, 'seeds')]);
  expect(errors).toEqual([]);
  return { dir, store };
}

/** Edit every seed (a sentence appended): the next ingest re-extracts them all and rebuilds the orders. */
function editSeeds(dir: string, n: number): void {
  for (const f of readdirSync(join(dir, 'seeds'))) {
    const p = join(dir, 'seeds', f);
    writeFileSync(p, `${readFileSync(p, 'utf8')}\n\nEdited ${n}: this sentence only changes the text.\n`);
  }
}

describe('corrections survive re-extraction', () => {
  it('a corrected field, a removed order and a merge are re-applied after the texts are re-extracted', () => {
    const { dir, store } = seedsCopy();
    const before = orderRows(store);
    expect(before).toHaveLength(4);
    const [a, b, c] = before.map((o) => databaseId(o.order_id));

    // The id as exports write it (a letter in front) names the same order.
    expect(findOrderId(store, `o${a}`)).toBe(a);
    const [ageFix] = correctOrder(store, { orderId: a!, note: 'age checked against the court list' }, ['age=61', 'prohibitions=contact,approach']);
    removeOrder(store, { orderId: b!, note: 'not an SPO: a restraining order' });
    mergeOrders(store, { orderId: c!, note: 'same man, two reports' }, a!);

    const check = () => {
      const rows = orderRows(store);
      expect(rows.map((o) => o.order_id).sort()).toEqual([exportedOrderId(a!), before[3]!.order_id].sort());
      const fixed = orderById(store, a!)!;
      expect(fixed.age).toBe(61);
      expect(fixed.prohibitions).toEqual(['contact', 'approach']);
      expect(fixed.corrected).toEqual(expect.arrayContaining(['age', 'prohibitions', `merged:${c}`]));
      expect(fixed.correction_notes).toContain('age checked against the court list');
      expect(fixed.corrected_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(orderById(store, b!)).toBeUndefined();
      expect(orderById(store, c!)).toBeUndefined();
    };
    check();

    // Re-extraction of every text (each one changed) rebuilds the orders from new mentions: the
    // corrections come back on top, twice over.
    for (const n of [1, 2]) {
      editSeeds(dir, n);
      const { processed } = ingestPaths(store, [join(dir, 'seeds')]);
      expect(processed.map((p) => p.event)).toEqual(processed.map(() => 'changed'));
      check();
    }

    // Undo the field correction: the extracted age comes back, the other corrections stay.
    undoCorrection(store, ageFix!, rebuildOrders);
    expect(orderById(store, a!)!.age).toBe(before[0]!.age);
    expect(orderById(store, a!)!.corrected).not.toContain('age');
    expect(orderById(store, b!)).toBeUndefined();
    expect(() => undoCorrection(store, ageFix!, rebuildOrders)).toThrow(/already undone/);
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses values outside the vocabularies, naming the field', () => {
    expect(() => parseCorrectionValue('age', 'forty')).toThrow(CorrectionError);
    expect(() => parseCorrectionValue('sex', 'm')).toThrow(/sex: "m" must be male or female/);
    expect(() => parseCorrectionValue('prohibitions', 'contact,hug')).toThrow(/unknown term hug/);
    expect(() => parseCorrectionValue('duration', '5 years')).toThrow(/duration/);
    expect(() => parseCorrectionValue('colour', 'red')).toThrow(/unknown field "colour"/);
    expect(parseCorrectionValue('duration', 'P18M')).toBe('P18M');
    expect(parseCorrectionValue('town', 'null')).toBeNull();
    expect(parseCorrectionValue('requirements', 'notify_address, register_phone')).toEqual(['notify_address', 'register_phone']);
  });
});

const spo = (args: string[]) => spoAsync(args, { timeoutMs: 180_000 });

describe('spo correct against a re-crawl', () => {
  let replica: Replica;
  let dir: string;
  beforeAll(async () => {
    replica = await startReplica({ forces: ['kent'], ordinaryPerForce: 5 });
    dir = tempDir('spo-correct-cli-');
  });
  afterAll(async () => {
    await replica?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a correction made with spo correct is kept through a full re-crawl, shown and exported, and undone', { timeout: 300_000 }, async () => {
    const db = ['--db', join(dir, 'spo.sqlite')];
    const crawl = ['crawl', '--origin', `kent=${replica.origins.kent}`, ...db, '--data-dir', join(dir, 'data'), '--delay-ms', '0'];
    expect((await spo(crawl)).code).toBe(0);
    const listed = JSON.parse((await spo(['orders', ...db, '--json'])).stdout) as { order_id: string; town: string | null }[];
    expect(listed.length).toBeGreaterThan(1);
    const target = listed[0]!.order_id;

    const bad = await spo(['correct', target, 'sex=x', ...db]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/sex: "x" must be male or female/);

    const made = await spo(['correct', target.slice(0, 8), 'town=Northtown', '--note', 'the release misspells it', ...db, '--json']);
    expect(made.code, made.stderr).toBe(0);
    const [correction] = JSON.parse(made.stdout) as { correction_id: number }[];

    // A full re-crawl fetches and re-stores every release, then rebuilds the orders.
    expect((await spo([...crawl, '--full'])).code).toBe(0);
    const after = JSON.parse((await spo(['orders', ...db, '--json'])).stdout) as { order_id: string; town: string | null }[];
    expect(after.find((o) => o.order_id === target)?.town).toBe('Northtown');

    const explained = await spo(['orders', '--explain', target, ...db]);
    expect(explained.stdout).toMatch(/corrected by hand/);
    expect(explained.stdout).toMatch(/town = "Northtown"\s+note: the release misspells it/);

    const csv = await spo(['export', 'orders', '--format', 'ndjson', ...db]);
    const row = csv.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => r.order_id === exportedOrderId(target))!;
    expect(row.town).toBe('Northtown');
    expect(row.corrected).toEqual(['town']);
    expect(row.correction_notes).toBe('the release misspells it');

    const list = await spo(['correct', '--list', ...db]);
    expect(list.stdout).toMatch(new RegExp(`#${correction!.correction_id} .*order ${target}: set town = "Northtown"`));

    const undone = await spo(['correct', '--undo', String(correction!.correction_id), ...db]);
    expect(undone.code, undone.stderr).toBe(0);
    const back = JSON.parse((await spo(['orders', ...db, '--json'])).stdout) as { order_id: string; town: string | null }[];
    expect(back.find((o) => o.order_id === target)?.town).toBe(listed[0]!.town);
  });

  it('spo orders --review lists what extraction was unsure of, and a corrected order leaves the list', { timeout: 120_000 }, async () => {
    const db = ['--db', join(dir, 'spo.sqlite')];
    const store = openStore(join(dir, 'spo.sqlite'));
    // Flag one mention as extraction would for a bare report (no subject, no court).
    const some = store.db.prepare('SELECT order_id FROM order_mentions WHERE order_id IS NOT NULL LIMIT 1').get() as { order_id: string };
    store.db
      .prepare('UPDATE order_mentions SET confidence = 0.3, review_reasons = ? WHERE order_id = ?')
      .run(JSON.stringify(['no subject described']), some.order_id);
    store.close();
    const review = await spo(['orders', '--review', ...db, '--json']);
    expect(review.code, review.stderr).toBe(0);
    const rows = JSON.parse(review.stdout) as { order_id: string; confidence: number; reasons: string[] }[];
    expect(rows.map((r) => r.order_id)).toContain(some.order_id);
    expect(rows.find((r) => r.order_id === some.order_id)!.reasons).toEqual(['no subject described']);
    expect((await spo(['correct', some.order_id, 'age=40', ...db])).code).toBe(0);
    const again = JSON.parse((await spo(['orders', '--review', ...db, '--json'])).stdout) as { order_id: string }[];
    expect(again.map((r) => r.order_id)).not.toContain(some.order_id);
  });
});
