import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../src/domain/types.ts';
import { contentHash } from '../src/release/index.ts';
import { MIGRATIONS, openStore, type ReleaseInput } from '../src/store/index.ts';
import { tempDir } from './helpers/paths.ts';

function extraction(id: string, duration: string): Extraction {
  return {
    id,
    is_spo: true,
    force: 'Kent Police',
    published: '2020-02-27',
    evidence: [{ field: 'force', value: 'Kent Police', sentence: 'Kent Police has obtained...', start: 0, end: 27 }],
    orders: [
      {
        age: 54, sex: 'male', town: 'Rochester', court: null, kind: 'full', made_on: '2020-02-25', duration,
        prohibitions: ['contact', 'surveillance'], requirements: [], town_location: { lat: 51.38, lon: 0.5 },
        evidence: [{ field: 'duration', value: duration, sentence: 'The Order was granted for five years.', start: 10, end: 48 }],
      },
    ],
  };
}

function input(id: string, body: string, duration = 'P5Y'): ReleaseInput {
  return {
    releaseId: id, forceId: 'kent', url: `https://www.kent.police.uk/news/kent/latest/${id}/`, title: `Release ${id}`,
    published: '2020-02-27', frontMatter: { title: `Release ${id}` }, body, contentHash: contentHash(body),
    documentPath: null, source: 'ingest', extraction: extraction(id, duration),
  };
}

describe('store', () => {
  it('creates the schema by numbered migrations, recorded, in WAL mode', () => {
    const path = join(tempDir(), 'spo.sqlite');
    const store = openStore(path);
    const applied = store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    expect(applied.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
    // Reopening applies nothing twice.
    const again = openStore(path);
    expect((again.db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    again.close();
  });

  it('classifies new, unchanged and changed, keeping every revision', () => {
    const store = openStore(join(tempDir(), 'spo.sqlite'));
    store.ensureForce('kent', 'Kent Police');
    expect(store.storeReleases([input('a', 'First text.')])[0]!.event).toBe('new');
    expect(store.storeReleases([input('a', 'First   text.')])[0]!.event).toBe('unchanged');
    expect(store.storeReleases([input('a', 'Second text.', 'P10Y')])[0]!.event).toBe('changed');
    expect(store.revisions('a').map((r) => r.body)).toEqual(['First text.', 'Second text.']);
    const mention = store.db.prepare('SELECT duration FROM order_mentions WHERE release_id = ?').all('a');
    expect(mention).toEqual([{ duration: 'P10Y' }]);
    const fts = store.db.prepare("SELECT release_id FROM release_text WHERE release_text MATCH 'second'").all();
    expect(fts).toEqual([{ release_id: 'a' }]);
    store.close();
  });

  it('rolls back a whole batch when one write fails', () => {
    const store = openStore(join(tempDir(), 'spo.sqlite'));
    store.ensureForce('kent', 'Kent Police');
    store.storeReleases([input('keep', 'Kept text.')]);
    const before = store.counts();
    const bad = input('bad', 'Bad text.');
    // A sex outside the CHECK constraint makes the second item fail half-way through the batch.
    (bad.extraction!.orders[0] as { sex: string }).sex = 'unknown';
    expect(() => store.storeReleases([input('b', 'Another text.'), bad])).toThrow(/CHECK constraint/);
    expect(store.counts()).toEqual(before);
    expect(store.release('b')).toBeUndefined();
    store.close();
  });

  it('marks a release gone without losing its data', () => {
    const store = openStore(join(tempDir(), 'spo.sqlite'));
    store.ensureForce('kent', 'Kent Police');
    store.storeReleases([input('g', 'Gone soon.')]);
    expect(store.markGone(['g'])).toBe(1);
    expect(store.markGone(['g'])).toBe(0);
    expect(store.release('g')!.status).toBe('withdrawn');
    expect(store.revisions('g')).toHaveLength(1);
    store.close();
  });

  it('a changed release replaces its one full-text row; search finds the new text, not the old', () => {
    const store = openStore(join(tempDir(), 'spo.sqlite'));
    store.ensureForce('kent', 'Kent Police');
    store.storeReleases([input('a', 'Alpha first.'), input('b', 'Beta first.')]);
    store.storeReleases([input('a', 'Alpha second.')]);
    store.storeReleases([input('a', 'Alpha third.'), input('b', 'Beta first.')]);
    expect(textRows(store)).toEqual([
      { release_id: 'a', body: 'Alpha third.', mapped: 1 },
      { release_id: 'b', body: 'Beta first.', mapped: 1 },
    ]);
    const hits = (q: string) => store.db.prepare('SELECT release_id FROM release_text WHERE release_text MATCH ?').all(q);
    expect(hits('second')).toEqual([]);
    expect(hits('third')).toEqual([{ release_id: 'a' }]);
    store.close();
  });

  it('migration 6 maps the full-text rows of a database made before it; a text row it does not map is still replaced', () => {
    const path = join(tempDir(), 'spo.sqlite');
    let store = openStore(path);
    store.ensureForce('kent', 'Kent Police');
    store.storeReleases([input('a', 'Alpha first.'), input('b', 'Beta first.'), input('c', 'Gamma first.')]);
    // Back to the schema of migration 5, the text rows kept.
    store.db.exec('DROP TABLE release_text_rows; DROP INDEX evidence_release; DELETE FROM schema_migrations WHERE version = 6');
    store.close();
    store = openStore(path);
    expect(textRows(store).map((r) => r.mapped)).toEqual([1, 1, 1]);
    // A row an older version wrote after the migration (not mapped) is found the slow way.
    store.db.prepare("DELETE FROM release_text_rows WHERE release_id = 'b'").run();
    store.storeReleases([input('a', 'Alpha second.'), input('b', 'Beta second.')]);
    expect(textRows(store)).toEqual([
      { release_id: 'a', body: 'Alpha second.', mapped: 1 },
      { release_id: 'b', body: 'Beta second.', mapped: 1 },
      { release_id: 'c', body: 'Gamma first.', mapped: 1 },
    ]);
    store.close();
  });
});

/** Each full-text row, and whether release_text_rows points at it. */
function textRows(store: ReturnType<typeof openStore>): { release_id: string; body: string; mapped: number }[] {
  return store.db
    .prepare(`SELECT t.release_id, t.body, (SELECT count(*) FROM release_text_rows m WHERE m.release_id = t.release_id AND m.text_rowid = t.rowid) AS mapped
      FROM release_text t ORDER BY t.release_id, t.rowid`)
    .all() as { release_id: string; body: string; mapped: number }[];
}
