// `spo ingest` stores in batches (issue 8): on the real corpus, any batch size ends with the same
// database as the one batch ingest always was (releases, revisions, text, mentions, evidence, orders,
// links, snapshots); a bad file in the middle of a batch is reported and the rest of the batch is
// stored; a batch that fails to store loses nothing an earlier batch stored.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../src/store/index.ts';
import { DEV, SEEDS, tempDir } from './helpers/paths.ts';
import { goodRelease } from './fixtures/bad/make.ts';

// Extraction fails on documents named zz-extract-fails*, to see where such errors are reported.
vi.mock('../src/extract/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/extract/index.ts')>();
  return {
    ...real,
    extractRelease: (doc: Parameters<typeof real.extractRelease>[0]) => {
      if (doc.id.startsWith('zz-extract-fails')) throw new Error('simulated extractor bug');
      return real.extractRelease(doc);
    },
  };
});

const { ReleaseError, readReleases } = await import('../src/release/index.ts');
const { INGEST_BATCH_SIZE, ingestEach, ingestPaths, processReleases } = await import('../src/pipeline/index.ts');
const { openStore } = await import('../src/store/index.ts');

/** Everything the store keeps, in a stable order (ids included: they must not depend on batching). */
function dump(store: Store): Record<string, unknown[]> {
  const all = (sql: string): unknown[] => store.db.prepare(sql).all();
  return {
    releases: all('SELECT * FROM releases ORDER BY release_id'),
    revisions: all('SELECT * FROM release_revisions ORDER BY revision_id'),
    text: all('SELECT rowid, release_id, title, body FROM release_text ORDER BY rowid'),
    events: all('SELECT * FROM release_events ORDER BY event_id'),
    mentions: all('SELECT * FROM order_mentions ORDER BY mention_id'),
    conditions: all('SELECT * FROM mention_conditions ORDER BY mention_id, condition_type, term'),
    evidence: all('SELECT * FROM evidence ORDER BY evidence_id'),
    // superseded_at is SQLite's clock (a trigger), not the process's.
    history: all('SELECT history_id, release_id, revision_id, ordinal, data FROM mention_history ORDER BY history_id'),
    orders: all('SELECT * FROM orders ORDER BY order_id'),
    orderConditions: all('SELECT * FROM order_conditions ORDER BY order_id, condition_type, term'),
    links: all('SELECT * FROM order_links ORDER BY order_id, other_order_id, link_type'),
    reasons: all('SELECT * FROM order_match_reasons ORDER BY order_id, mention_id'),
    snapshots: all('SELECT * FROM order_snapshots ORDER BY snapshot_id'),
    forces: all('SELECT * FROM forces ORDER BY force_id'),
  };
}

/** The ingest before batching: read every file, then one processReleases() call (one transaction). */
function oneBatch(store: Store, paths: string[], runId: number): { processed: { id: string; event: string }[]; errors: string[] } {
  const { releases, errors } = readReleases(paths);
  const processed = processReleases(store, releases, {
    runId,
    source: 'ingest',
    onError: (doc, e) => errors.push(new ReleaseError(doc.path ?? doc.id, `extraction failed: ${e.message}`)),
  });
  return { processed: processed.map((p) => ({ id: p.id, event: p.event })), errors: errors.map((e) => e.message) };
}

function batched(store: Store, paths: string[], runId: number, batchSize: number): { processed: { id: string; event: string }[]; errors: string[] } {
  const { processed, errors } = ingestPaths(store, paths, { runId, source: 'ingest', batchSize });
  return { processed: processed.map((p) => ({ id: p.id, event: p.event })), errors: errors.map((e) => e.message) };
}

describe('ingest in batches', () => {
  // Every timestamp the same instant: which mention anchors an order (and so its id) rests on when it
  // was first seen, and that must not be what differs between the runs compared here.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-23T10:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the corpus in batches of 2 (or 5, or 1000) ends as one batch: same releases, text, mentions, orders, snapshots', () => {
    const dir = tempDir();
    // A second round: a changed text of a seed (same URL), an unchanged copy, a file that cannot be read
    // and one extraction fails on; then the corpus again (the seed reverts to its first text).
    const seed = readFileSync(join(SEEDS, '000_a29348eabcdd0f55.txt'), 'utf8');
    writeFileSync(join(dir, 'a-changed.txt'), seed.replace(/Rochester/g, 'Chatham').replace('five years', 'ten years'));
    copyFileSync(join(SEEDS, '003_b7934daad10ad773.txt'), join(dir, 'b-same.txt'));
    writeFileSync(join(dir, 'c-binary.md'), Buffer.from([0, 1, 2, 3, 0, 0]));
    writeFileSync(join(dir, 'zz-extract-fails.md'), goodRelease(7));
    const rounds = [[SEEDS, DEV], [dir], [SEEDS, DEV, join(dir, 'missing.md')]];

    const run = (ingest: (store: Store, paths: string[], runId: number) => ReturnType<typeof oneBatch>) => {
      const store = openStore(join(tempDir(), 'spo.sqlite'));
      const outputs = rounds.map((paths) => {
        const runId = store.startRun('ingest');
        const out = ingest(store, paths, runId);
        store.finishRun(runId, out.errors.length ? 'partial' : 'ok', {});
        return out;
      });
      const result = { outputs, db: dump(store) };
      store.close();
      return result;
    };

    const want = run(oneBatch);
    // The rounds did what they should, so the comparison below means something.
    expect(want.outputs[0]!.processed).toHaveLength(14);
    expect(want.outputs[0]!.errors).toEqual([]);
    expect(want.outputs[1]!.processed.map((p) => p.event)).toEqual(['changed', 'unchanged']);
    expect(want.outputs[1]!.errors).toEqual([
      expect.stringMatching(/c-binary\.md: binary file/),
      expect.stringMatching(/zz-extract-fails\.md: extraction failed: simulated extractor bug$/),
    ]);
    expect(want.outputs[2]!.processed.filter((p) => p.event === 'changed').map((p) => p.id)).toEqual(['000_a29348eabcdd0f55']);
    expect(want.outputs[2]!.errors).toEqual([expect.stringMatching(/missing\.md: no such file or folder$/)]);
    expect(want.db.orders!.length).toBeGreaterThan(5);
    expect(want.db.history!.length).toBeGreaterThan(0);

    for (const size of [2, 5, INGEST_BATCH_SIZE]) {
      const got = run((store, paths, runId) => batched(store, paths, runId, size));
      expect(got.outputs, `batches of ${size}`).toEqual(want.outputs);
      for (const [table, rows] of Object.entries(want.db)) expect(got.db[table], `${table}, batches of ${size}`).toEqual(rows);
    }
  });

  it('a file that cannot be read, or that extraction fails on, in the middle of a batch is reported; the rest of the batch is stored', () => {
    const dir = tempDir();
    const names = ['a.md', 'b.md', 'c-empty.md', 'd.md', 'e.md', 'zz-extract-fails.md', 'zz-f.md', 'zz-g-utf16.md'];
    names.forEach((n, i) => {
      writeFileSync(join(dir, n), goodRelease(i));
    });
    writeFileSync(join(dir, 'c-empty.md'), '');
    writeFileSync(join(dir, 'zz-g-utf16.md'), Buffer.from('A\0B\0C\0D\0E\0F\0', 'latin1'));
    const store = openStore(join(tempDir(), 'spo.sqlite'));
    const seen: string[] = [];
    const { errors } = ingestEach(store, [dir], (p) => seen.push(`${p.id}:${p.event}`), { batchSize: 3 });
    expect(seen).toEqual(['a:new', 'b:new', 'd:new', 'e:new', 'zz-f:new']);
    // As before batching: files that could not be read first (in file order), then extraction failures.
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/c-empty\.md: file is empty$/),
      expect.stringMatching(/zz-g-utf16\.md: UTF-16 text without a byte-order mark/),
      expect.stringMatching(/zz-extract-fails\.md: extraction failed: simulated extractor bug$/),
    ]);
    expect(store.counts()).toMatchObject({ releases: 5, revisions: 5, mentions: 5 });
    // The orders are resolved over everything stored, not only the last batch.
    const linked = store.db.prepare('SELECT count(*) AS n FROM order_mentions WHERE order_id IS NOT NULL').get() as { n: number };
    expect(linked.n).toBe(5);
    store.close();
  });

  it('a batch that fails to store is rolled back alone: earlier batches stay, with their orders, and the error is thrown', () => {
    const dir = tempDir();
    for (let i = 0; i < 7; i++) writeFileSync(join(dir, `r${i}.md`), goodRelease(i));
    const store = openStore(join(tempDir(), 'spo.sqlite'));
    const real = store.storeReleases.bind(store);
    let calls = 0;
    store.storeReleases = (items, runId) => {
      const out = real(items, runId);
      if (++calls === 2) throw new Error('disk full (simulated)');
      return out;
    };
    const seen: string[] = [];
    expect(() => ingestEach(store, [dir], (p) => seen.push(p.id), { batchSize: 3 })).toThrow('disk full (simulated)');
    expect(seen).toEqual(['r0', 'r1', 'r2']);
    expect(store.counts()).toMatchObject({ releases: 3, revisions: 3, mentions: 3 });
    const orphans = store.db.prepare('SELECT count(*) AS n FROM order_mentions WHERE order_id IS NULL').get() as { n: number };
    expect(orphans.n).toBe(0);
    expect(store.counts().orders).toBeGreaterThan(0);
    // Run again, unhindered: the rest is stored and the first batch is unchanged.
    store.storeReleases = real;
    const again: string[] = [];
    ingestEach(store, [dir], (p) => again.push(`${p.id}:${p.event}`), { batchSize: 3 });
    expect(again).toEqual(['r0:unchanged', 'r1:unchanged', 'r2:unchanged', 'r3:new', 'r4:new', 'r5:new', 'r6:new']);
    expect(store.counts()).toMatchObject({ releases: 7, revisions: 7, mentions: 7 });
    store.close();
  });
});
