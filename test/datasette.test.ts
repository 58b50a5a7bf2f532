// Datasette and sqlite-utils conventions, tested in SQLite directly (both tools are Python; the SQL
// below is what they run, copied from their sources): FTS detection and search on `releases`, the
// JSON-array condition columns `_facet_array` counts, latitude/longitude, the analysis columns, and
// `spo datasette-metadata` generated from the schemas.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/store/index.ts';
import { CANNED_QUERIES, datasetteMetadata } from '../src/report/datasette.ts';
import { put, tempDir, type TestRelease } from './diff.helpers.ts';
import { spo } from './helpers/cli.ts';

const CHESTER: TestRelease = {
  url: 'https://www.cheshire.police.uk/news/cheshire/news/2023/chester-spo/',
  force: 'cheshire',
  published: '2023-05-10',
  title: 'Chester man handed Stalking Protection Order',
  body: 'A 52-year-old man from Chester was handed a Stalking Protection Order. He must not enter an exclusion zone around Hoole.',
  orders: [{ age: 52, sex: 'male', town: 'Chester', made_on: '2023-01-31', duration: 'P1Y1M', prohibitions: ['exclusion_zone', 'contact'], requirements: ['notify_address'] }],
};
const LEEDS: TestRelease = {
  url: 'https://www.westyorkshire.police.uk/news/2024/leeds-spo/',
  force: 'west-yorkshire',
  published: '2024-02-02T09:30',
  title: 'Order granted in Leeds',
  body: 'A woman from Leeds was given an interim order at Leeds Magistrates Court; she must not contact the victim.',
  orders: [{ sex: 'female', town: 'Leeds', made_on: '2024-01', duration: 'P2Y', kind: 'interim', prohibitions: ['contact'] }],
};
const OTHER: TestRelease = {
  url: 'https://www.cheshire.police.uk/news/cheshire/news/2023/burglary/',
  force: 'cheshire',
  published: '2023-06-01',
  title: 'Burglary in Crewe',
  body: 'A burglary was reported in Crewe.',
  orders: [],
  isSpo: false,
};

// Datasette's detect_fts_sql (datasette/utils/__init__.py) and sqlite-utils' Table.detect_fts (their
// tbl_name = "..." relies on SQLite's double-quoted-string fallback, which better-sqlite3 turns off).
const DATASETTE_DETECT_FTS = (table: string) => `
  select name from sqlite_master
    where rootpage = 0
    and (
      sql like '%VIRTUAL TABLE%USING FTS%content="${table}"%'
      or sql like '%VIRTUAL TABLE%USING FTS%content=[${table}]%'
      or (tbl_name = '${table}' and sql like '%VIRTUAL TABLE%USING FTS%')
    )`;
// Datasette's table search: `rowid in (select rowid from {fts_table} where {fts_table} match :search)`.
const DATASETTE_SEARCH = 'SELECT release_id FROM releases WHERE rowid IN (SELECT rowid FROM releases_fts WHERE releases_fts MATCH :search) ORDER BY release_id';
// sqlite-utils Table.search_sql for FTS5.
const SQLITE_UTILS_SEARCH = `
  with original as (
    select rowid, * from [releases]
  )
  select [original].* from [original]
    join [releases_fts] on [original].rowid = [releases_fts].rowid
  where [releases_fts] match :query
  order by [releases_fts].rank`;

interface TableMeta {
  hidden?: boolean;
  allow?: boolean;
  fts_table?: string;
  facets?: unknown[];
  columns: Record<string, string>;
}

function storeWith(releases: TestRelease[]): { store: Store; dir: string } {
  const dir = tempDir('spo-datasette-');
  const store = openStore(join(dir, 'spo.sqlite'));
  put(store, releases);
  return { store, dir };
}

describe('Datasette and sqlite-utils', () => {
  it('finds releases_fts for the releases table, and searches it as both tools do', () => {
    const { store } = storeWith([CHESTER, LEEDS, OTHER]);
    const db = store.db;
    expect((db.prepare(DATASETTE_DETECT_FTS('releases')).all() as { name: string }[]).map((r) => r.name)).toEqual(['releases_fts']);
    const hit = db.prepare(SQLITE_UTILS_SEARCH).all({ query: 'exclusion' }) as { release_id: string; title: string }[];
    expect(hit.map((r) => r.title)).toEqual([CHESTER.title]);
    expect((db.prepare(DATASETTE_SEARCH).all({ search: 'leeds' }) as unknown[]).length).toBe(1);

    // A changed text is re-indexed: the old words no longer find it, the new ones do; the index is sound.
    put(store, [{ ...CHESTER, body: 'A man from Chester must not go to Upton.' }]);
    expect(db.prepare(SQLITE_UTILS_SEARCH).all({ query: 'exclusion' })).toEqual([]);
    expect((db.prepare(SQLITE_UTILS_SEARCH).all({ query: 'upton' }) as { title: string }[]).map((r) => r.title)).toEqual([CHESTER.title]);
    expect(() => db.prepare("INSERT INTO releases_fts (releases_fts, rank) VALUES ('integrity-check', 0)").run()).not.toThrow();
    store.close();
  });

  it('a database made before migration 11 gets its existing text indexed', () => {
    const { store, dir } = storeWith([CHESTER, LEEDS]);
    // Undo migration 11 as far as an older database lacks it (its views are dropped and made again by it).
    store.db.exec('DROP TABLE releases_fts; DROP VIEW orders_redacted; DELETE FROM schema_migrations WHERE version = 11;');
    store.close();
    const again = openStore(join(dir, 'spo.sqlite'));
    expect((again.db.prepare(SQLITE_UTILS_SEARCH).all({ query: 'leeds' }) as { title: string }[]).map((r) => r.title)).toEqual([LEEDS.title]);
    again.close();
  });

  it('views: conditions as JSON arrays (each term counted by _facet_array), latitude/longitude, analysis columns', () => {
    const { store } = storeWith([CHESTER, LEEDS]);
    const db = store.db;
    const rows = db.prepare('SELECT town, prohibitions, requirements, latitude, longitude, town_lat, duration_months, made_on_precision, ends_on, order_year FROM orders_flat ORDER BY town').all() as Record<string, unknown>[];
    expect(rows).toEqual([
      { town: 'Chester', prohibitions: '["contact","exclusion_zone"]', requirements: '["notify_address"]', latitude: null, longitude: null, town_lat: null, duration_months: 13, made_on_precision: 'day', ends_on: '2024-02-29', order_year: 2023 },
      { town: 'Leeds', prohibitions: '["contact"]', requirements: '[]', latitude: null, longitude: null, town_lat: null, duration_months: 24, made_on_precision: 'month', ends_on: null, order_year: 2024 },
    ]);
    // Datasette's array facet: json_each over the column, one count per term.
    const facet = db.prepare(`SELECT j.value AS value, count(*) AS count FROM orders_flat JOIN json_each(orders_flat.prohibitions) j GROUP BY j.value ORDER BY count DESC, value`).all();
    expect(facet).toEqual([
      { value: 'contact', count: 2 },
      { value: 'exclusion_zone', count: 1 },
    ]);
    const m = db.prepare('SELECT prohibitions, duration_months, ends_on FROM mentions_flat ORDER BY mention_id').all();
    expect(m).toEqual([
      { prohibitions: '["contact","exclusion_zone"]', duration_months: 13, ends_on: '2024-02-29' },
      { prohibitions: '["contact"]', duration_months: 24, ends_on: null },
    ]);
    store.close();
  });

  it('duration_months and ends_on over the duration forms extraction writes', () => {
    const store = openStore(':memory:');
    put(store, [
      { url: 'https://www.kent.police.uk/a', force: 'kent', orders: [{ made_on: '2024-03-15', duration: 'P6M' }] },
      { url: 'https://www.kent.police.uk/b', force: 'kent', orders: [{ made_on: '2024-03-15', duration: 'indefinite', age: 30 }] },
      { url: 'https://www.kent.police.uk/c', force: 'kent', orders: [{ made_on: '2024', duration: 'until:2026-05-01', age: 31 }] },
      { url: 'https://www.kent.police.uk/d', force: 'kent', orders: [{ made_on: '2024-03-15', duration: 'P10W', age: 32 }] },
      { url: 'https://www.kent.police.uk/e', force: 'kent', orders: [{ made_on: '2020-02-29', duration: 'P10Y', age: 33 }] },
    ]);
    const rows = store.db.prepare('SELECT duration, duration_months, ends_on, made_on_precision FROM orders_flat ORDER BY duration').all();
    expect(rows).toEqual([
      { duration: 'P10W', duration_months: null, ends_on: null, made_on_precision: 'day' },
      { duration: 'P10Y', duration_months: 120, ends_on: '2030-02-28', made_on_precision: 'day' },
      { duration: 'P6M', duration_months: 6, ends_on: '2024-09-15', made_on_precision: 'day' },
      { duration: 'indefinite', duration_months: null, ends_on: null, made_on_precision: 'day' },
      { duration: 'until:2026-05-01', duration_months: null, ends_on: '2026-05-01', made_on_precision: 'year' },
    ]);
    store.close();
  });

  it('spo datasette-metadata: from the schemas, internal tables hidden, canned queries that run; --redact only for a redacted copy', () => {
    const { store, dir } = storeWith([CHESTER, LEEDS, OTHER]);
    const db = join(dir, 'spo.sqlite');
    const cli = spo(['datasette-metadata', '--db', db]);
    expect(cli.status).toBe(0);
    const meta = JSON.parse(cli.stdout) as { title: string; license: string; source: string; databases: Record<string, { tables: Record<string, TableMeta>; queries: Record<string, { sql: string }>; allow_sql?: boolean }> };
    expect(meta.title).toMatch(/Stalking Protection Orders/);
    expect(meta.license).toMatch(/CC BY 4\.0/);
    expect(meta.source).toMatch(/GeoNames/);
    const spoDb = meta.databases.spo!;
    const views = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'schemas', 'sqlite-views.schema.json'), 'utf8'));
    // Every column of every view is described, in the schema's words.
    for (const [view, def] of Object.entries(views.definitions) as [string, { properties: Record<string, { description: string }> }][]) {
      const t = spoDb.tables[view]!;
      expect(Object.keys(t.columns)).toEqual(Object.keys(def.properties));
      expect(t.columns.order_id ?? t.columns.release_id).toBe((def.properties.order_id ?? def.properties.release_id)!.description);
    }
    expect(spoDb.tables.releases!.fts_table).toBe('releases_fts');
    expect(spoDb.tables.releases!.columns.title).toBeTruthy();
    for (const t of ['release_text', 'releases_fts', 'schema_migrations', 'order_snapshots', 'release_text_data', 'releases_fts_idx']) expect(spoDb.tables[t]?.hidden, t).toBe(true);
    expect(spoDb.tables.orders_flat!.facets).toContainEqual({ array: 'prohibitions' });
    // The canned queries run on the real schema (search with a parameter).
    for (const [name, q] of Object.entries(spoDb.queries)) {
      const rows = store.db.prepare(q.sql).all(q.sql.includes(':q') ? { q: 'chester' } : {});
      expect(rows.length, name).toBeGreaterThan(0);
    }
    expect(Object.keys(spoDb.queries)).toEqual(Object.keys(CANNED_QUERIES));

    // The database itself is never described as redacted (test/publish.test.ts: the redacted copy is).
    expect(() => datasetteMetadata({ db, redact: true })).toThrow(/not a redacted copy/);
    expect(Object.keys(spoDb.tables.orders_redacted!.columns)).not.toContain('source_urls');
    store.close();
  });
});
