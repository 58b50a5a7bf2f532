// What is published is redacted (issue 17): Datasette serves a database's tables, its full-text index
// and the file itself, so `--redact` on the metadata alone hides nothing. `spo export sqlite --redact`
// writes the copy to publish: no name or street from the texts in test/fixtures/redact anywhere in the
// file (every table, and the search indexes, asked as Datasette asks them), towns, courts and search
// kept. The plain copy carries the names, so the test fails if redaction stops working.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetteMetadata } from '../src/report/datasette.ts';
import { openStore } from '../src/store/index.ts';
import { spo } from './helpers/cli.ts';
import { REPO_ROOT, tempDir } from './helpers/paths.ts';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'redact');
const LIST = JSON.parse(readFileSync(join(FIXTURES, 'names.json'), 'utf8')) as { names: string[]; addresses: string[]; kept: string[] };
const survivors = (text: string): string[] => [...LIST.names, ...LIST.addresses].filter((n) => new RegExp(`(?<![A-Za-z])${n}(?![a-z])`).test(text));
/** The words of the names, as a full-text query looks for them (porter-stemmed like the index). */
const NAME_WORDS = [...new Set(LIST.names.flatMap((n) => n.split(/[\s-]+/)).filter((w) => w.length >= 3))];

/** How many rows of an FTS5 table match each name word (Datasette's ?_search= and sqlite-utils search run this MATCH). */
function searchHits(db: string, table: 'releases_fts' | 'release_text'): Record<string, number> {
  const store = openStore(db, { readonly: true });
  try {
    const q = store.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`);
    return Object.fromEntries(NAME_WORDS.map((w) => [w, (q.get(`"${w}"`) as { n: number }).n]).filter(([, n]) => (n as number) > 0));
  } finally {
    store.close();
  }
}

describe('spo export sqlite --redact: the database to publish', () => {
  const dir = tempDir('spo-publish-');
  const db = join(dir, 'spo.sqlite');
  const plain = join(dir, 'copy.sqlite');
  const redacted = join(dir, 'public.sqlite');

  it('copies the database, plain and redacted, into one file each', () => {
    expect(spo(['ingest', '--db', db, FIXTURES]).status).toBe(0);
    const a = spo(['export', 'sqlite', '--db', db, '--out', plain]);
    expect(a.status, a.stderr).toBe(0);
    const b = spo(['export', 'sqlite', '--db', db, '--redact', '--out', redacted]);
    expect(b.status, b.stderr).toBe(0);
    expect(b.stderr).toMatch(/redacted copy/);
    expect(existsSync(`${redacted}-wal`)).toBe(false);
  });

  it('no name or street survives anywhere in the redacted file (tables, free pages), where the plain copy has them', () => {
    const raw = (f: string): string => readFileSync(f).toString('latin1');
    expect(survivors(raw(plain)).length).toBeGreaterThan(10);
    expect(survivors(raw(redacted))).toEqual([]);
  });

  it('the search indexes find no name: releases_fts (what Datasette and sqlite-utils search) and release_text', () => {
    expect(Object.keys(searchHits(plain, 'releases_fts')).length).toBeGreaterThan(10);
    expect(searchHits(redacted, 'releases_fts')).toEqual({});
    expect(searchHits(redacted, 'release_text')).toEqual({});
  });

  it('keeps what is not a name: search, towns, courts, the orders', () => {
    const read = (f: string) => {
      const store = openStore(f, { readonly: true });
      try {
        return {
          // Datasette's table search on releases: the rowids of the FTS matches.
          stalking: (store.db.prepare("SELECT count(*) AS n FROM releases WHERE rowid IN (SELECT rowid FROM releases_fts WHERE releases_fts MATCH 'stalking')").get() as { n: number }).n,
          orders: store.db.prepare('SELECT order_id, town, court, prohibitions FROM orders_flat ORDER BY order_id').all(),
        };
      } finally {
        store.close();
      }
    };
    const p = read(plain);
    const r = read(redacted);
    expect(r.stalking).toBeGreaterThan(0);
    expect(r.stalking).toBe(p.stalking);
    expect(r.orders).toEqual(p.orders);
    const text = readFileSync(redacted).toString('latin1');
    for (const k of LIST.kept) if (readFileSync(plain).toString('latin1').includes(k)) expect(text, k).toContain(k);
  });

  it('datasette-metadata --redact describes only a redacted copy, never the database itself', () => {
    expect(() => datasetteMetadata({ db, redact: true })).toThrow(/not a redacted copy.*spo export sqlite --redact/);
    const meta = datasetteMetadata({ db: redacted, redact: true }) as { description: string; databases: Record<string, { tables: Record<string, { fts_table?: string }> }> };
    expect(meta.description).toMatch(/redacted/);
    expect(meta.databases.public!.tables.releases!.fts_table).toBe('releases_fts');
    const cli = spo(['datasette-metadata', '--redact', '--db', db]);
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toMatch(/spo export sqlite --redact/);
  });

  it('leaves both full-text indexes consistent with the redacted text (FTS5 integrity-check)', () => {
    const store = openStore(redacted);
    try {
      expect(() => store.db.prepare("INSERT INTO releases_fts (releases_fts, rank) VALUES ('integrity-check', 0)").run()).not.toThrow();
      expect(() => store.db.prepare("INSERT INTO release_text (release_text) VALUES ('integrity-check')").run()).not.toThrow();
    } finally {
      store.close();
    }
  });
});
