// Data people can analyse without regexes (issue 17): duration_months, ends_on, made_on_precision and
// order_year in exports (equal to the views' SQL), ids no CSV reader takes for numbers, document paths
// relative to the data folder, and a GeoJSON of home towns with counts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { databaseId } from '../src/domain/ids.ts';
import { durationMonths, endsOn, madeOnPrecision } from '../src/domain/durations.ts';
import { withUtcOffset } from '../src/release/dates.ts';
import { exportRows, formatRows } from '../src/report/index.ts';
import { openStore } from '../src/store/index.ts';
import { put, tempDir, type TestRelease } from './diff.helpers.ts';
import { spo } from './helpers/cli.ts';

// Number formats of readr's and DuckDB's CSV type guessing (decimal, exponent, Inf, NaN, hex).
const LOOKS_NUMERIC = /^[+-]?(?:\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?|inf(?:inity)?|nan|0x[0-9a-f]+)$/i;

const DURATIONS: [string | null, string | null][] = [
  ['2024-03-15', 'P6M'],
  ['2024-03-15', 'P2Y6M'],
  ['2020-02-29', 'P10Y'],
  ['2023-01-31', 'P1Y1M'],
  ['2024-03-15', 'indefinite'],
  ['2024', 'until:2026-05-01'],
  ['2024-03', 'P5Y'],
  ['2024-03-15', 'P10W'],
  ['2024-03-15', null],
  [null, 'P3Y'],
];

describe('analysis columns', () => {
  it('duration_months, ends_on and made_on_precision: exports and views agree on every duration form', () => {
    const store = openStore(':memory:');
    put(
      store,
      DURATIONS.map(([made, d], i) => ({ url: `https://www.kent.police.uk/news/${i}`, force: 'kent', published: '2024-04-01', orders: [{ made_on: made, duration: d, age: 20 + i }] })),
    );
    const rows = exportRows(store, 'orders');
    const view = new Map((store.db.prepare('SELECT order_id, duration_months, ends_on, made_on_precision, order_year FROM orders_flat').all() as Record<string, unknown>[]).map((r) => [r.order_id, r]));
    expect(rows).toHaveLength(DURATIONS.length);
    for (const r of rows) {
      const v = view.get(databaseId(r.order_id as string))!;
      expect({ duration_months: r.duration_months, ends_on: r.ends_on, made_on_precision: r.made_on_precision, order_year: r.order_year }, String(r.duration)).toEqual({
        duration_months: v.duration_months,
        ends_on: v.ends_on,
        made_on_precision: v.made_on_precision,
        order_year: v.order_year,
      });
    }
    store.close();
    expect(DURATIONS.map(([m, d]) => [durationMonths(d), endsOn(m, d), madeOnPrecision(m)])).toEqual([
      [6, '2024-09-15', 'day'],
      [30, '2026-09-15', 'day'],
      [120, '2030-02-28', 'day'],
      [13, '2024-02-29', 'day'],
      [null, null, 'day'],
      [null, '2026-05-01', 'year'],
      [60, null, 'month'],
      [null, null, 'day'],
      [null, null, 'day'],
      [36, null, null],
    ]);
  });

  it('ids are never numbers to a CSV reader: 388961e32646 is written o388961e32646, and commands take either form', () => {
    expect(LOOKS_NUMERIC.test('388961e32646')).toBe(true); // the bug: readr reads Inf, DuckDB a DOUBLE
    const dir = tempDir('spo-ids-');
    const db = join(dir, 'spo.sqlite');
    const store = openStore(db);
    put(store, [{ url: 'https://www.kent.police.uk/news/a', force: 'kent', published: '2024-04-01', title: 'Dover order', orders: [{ age: 40, town: 'Dover' }] }]);
    // The id the issue saw, given to an order directly: what an unlucky hash looks like.
    store.db.pragma('foreign_keys = OFF');
    store.db.prepare("UPDATE orders SET order_id = '388961e32646', case_id = '388961e32646'").run();
    store.db.prepare("UPDATE order_mentions SET order_id = '388961e32646'").run();
    store.db.prepare("UPDATE order_match_reasons SET order_id = '388961e32646'").run();
    store.db.pragma('foreign_keys = ON');
    const releaseId = (store.db.prepare('SELECT release_id FROM releases').get() as { release_id: string }).release_id;
    store.close();
    for (const kind of ['orders', 'releases', 'mentions'] as const) {
      const out = spo(['export', kind, '--db', db]);
      expect(out.status, out.stderr).toBe(0);
      const records = parse(out.stdout, { columns: true }) as Record<string, string>[];
      for (const r of records) {
        for (const col of ['order_id', 'case_id', 'release_id']) if (r[col]) expect(LOOKS_NUMERIC.test(r[col]!), `${kind}.${col} ${r[col]}`).toBe(false);
        for (const col of ['release_ids', 'order_ids', 'linked_order_ids']) for (const id of (r[col] ?? '').split(' | ').filter(Boolean)) expect(LOOKS_NUMERIC.test(id)).toBe(false);
      }
      if (kind === 'orders') expect(records[0]!.order_id).toBe('o388961e32646');
    }
    const explain = spo(['orders', '--db', db, '--explain', 'o388961e32646']);
    expect(explain.status, explain.stderr).toBe(0);
    expect(explain.stdout).toContain('388961e32646');
    const show = spo(['show', '--db', db, `r${releaseId}`]);
    expect(show.status, show.stderr).toBe(0);
    expect(show.stdout).toContain('Dover order');
  });

  it('document_path is relative to the data folder, not a machine path', () => {
    const dir = tempDir('spo-paths-');
    mkdirSync(join(dir, 'docs'));
    const doc = join(dir, 'docs', 'kent-dover.md');
    writeFileSync(doc, '```yaml\ntitle: Dover man given Stalking Protection Order\nforce: kent\npublished: 2024-04-01\n```\n\nA 40-year-old man from Dover was given a Stalking Protection Order at Folkestone Magistrates Court.\n');
    const db = join(dir, 'spo.sqlite');
    expect(spo(['ingest', '--db', db, doc]).status).toBe(0);
    const store = openStore(db, { readonly: true });
    expect((store.db.prepare('SELECT document_path FROM releases').get() as { document_path: string }).document_path).toMatch(/^\//); // stored as given
    const rows = exportRows(store, 'releases');
    store.close();
    expect(rows.map((r) => r.document_path)).toEqual(['docs/kent-dover.md']);
  });

  it('a GeoJSON of home towns with counts (RFC 7946: Points in longitude, latitude order)', () => {
    const store = openStore(':memory:');
    const releases: TestRelease[] = [
      { url: 'https://www.kent.police.uk/news/1', force: 'kent', published: '2024-01-02', orders: [{ age: 30, town: 'Dover', kind: 'interim' }] },
      { url: 'https://www.kent.police.uk/news/2', force: 'kent', published: '2024-03-02', orders: [{ age: 41, town: 'Dover', kind: 'full' }] },
      { url: 'https://www.sussex.police.uk/news/3', force: 'sussex', published: '2024-02-02', orders: [{ age: 22, town: 'Lancing' }] },
      { url: 'https://www.sussex.police.uk/news/4', force: 'sussex', published: '2024-02-03', orders: [{ age: 23, town: 'Nowhereville' }] },
    ];
    put(store, releases);
    // Coordinates as extraction's gazetteer gives them.
    store.db.prepare("UPDATE orders SET town_lat = 51.12598, town_lon = 1.31257 WHERE town = 'Dover'").run();
    store.db.prepare("UPDATE orders SET town_lat = 50.82882, town_lon = -0.32247 WHERE town = 'Lancing'").run();
    const rows = exportRows(store, 'towns');
    expect(rows.map((r) => [r.town, r.orders, r.interim_orders, r.full_orders, r.force_ids])).toEqual([
      ['Dover', 2, 1, 1, ['kent']],
      ['Lancing', 1, 0, 0, ['sussex']],
      ['Nowhereville', 1, 0, 0, ['sussex']],
    ]);
    const geo = JSON.parse(formatRows('towns', rows, 'geojson')) as { type: string; features: { geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[] };
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(2); // a town the gazetteer does not place has no point
    expect(geo.features[0]).toEqual({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [1.31257, 51.12598] },
      properties: { town: 'Dover', orders: 2, interim_orders: 1, full_orders: 1, force_ids: ['kent'], first_order_date: '2024-01-02', last_order_date: '2024-03-02' },
    });
    expect(() => formatRows('orders', exportRows(store, 'orders'), 'geojson')).toThrow(/geojson is for towns/);
    store.close();
  });

  it('spo export towns --out towns.geojson writes GeoJSON', () => {
    const dir = tempDir('spo-geo-');
    const db = join(dir, 'spo.sqlite');
    const store = openStore(db);
    put(store, [{ url: 'https://www.kent.police.uk/news/1', force: 'kent', published: '2024-01-02', orders: [{ age: 30, town: 'Dover' }] }]);
    store.db.prepare("UPDATE orders SET town_lat = 51.1, town_lon = 1.3").run();
    store.close();
    const out = join(dir, 'towns.geojson');
    const r = spo(['export', 'towns', '--db', db, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).features[0].geometry.coordinates).toEqual([1.3, 51.1]);
  });

  it('published_at keeps the UTC offset: a summer wall-clock time is not read an hour out', () => {
    expect(withUtcOffset('2024-07-05T14:20')).toBe('2024-07-05T14:20:00+01:00');
    expect(withUtcOffset('2024-01-05T14:20')).toBe('2024-01-05T14:20:00+00:00');
    expect(withUtcOffset('2024-07-05T13:20+00:00')).toBe('2024-07-05T13:20:00+00:00');
    expect(withUtcOffset('2024-07-05T13:20Z')).toBe('2024-07-05T13:20:00+00:00');
    expect(withUtcOffset('2024-07-05')).toBeNull();
    // What a tool makes of each: the zone-less value read as UTC is an hour late; published_at is exact.
    expect(Date.parse('2024-07-05T14:20Z') - Date.UTC(2024, 6, 5, 13, 20)).toBe(3_600_000);
    const store = openStore(':memory:');
    put(store, [{ url: 'https://www.kent.police.uk/news/s', force: 'kent', published: '2024-07-05T14:20', orders: [{ age: 30 }] }]);
    const [release] = exportRows(store, 'releases');
    const [mention] = exportRows(store, 'mentions');
    store.close();
    expect(release!.published).toBe('2024-07-05T14:20');
    expect(Date.parse(release!.published_at as string)).toBe(Date.UTC(2024, 6, 5, 13, 20));
    expect(mention!.published_at).toBe('2024-07-05T14:20:00+01:00');
  });
  it('a summer page whose time is written in UTC (+00:00, Z, +0000, GMT, a YAML timestamp) is stored as the UK time it was', () => {
    // 13:20 UTC on 5 July 2024 is 14:20 in the UK (BST): before, the offset was dropped and 13:20 read as UK time, an hour early.
    const dir = tempDir();
    const docs = join(dir, 'docs');
    mkdirSync(docs);
    const forms = ['2024-07-05T13:20:00+00:00', "'2024-07-05T13:20:00Z'", "'2024-07-05T13:20:00+0000'", "'Fri, 05 Jul 2024 13:20:00 GMT'", "'2024-07-05T14:20:00+01:00'"];
    forms.forEach((published, i) => {
      writeFileSync(
        join(docs, `summer-${i}.md`),
        `---\ntitle: Stalking protection order granted ${i}\nurl: https://www.kent.police.uk/news/summer-${i}/\nforce: Kent Police\npublished: ${published}\n---\n\n` +
          'A man from Dover has been given a stalking protection order at Margate Magistrates Court. The order lasts five years.\n',
      );
    });
    const db = join(dir, 'summer.sqlite');
    expect(spo(['ingest', docs, '--db', db]).status).toBe(0);
    const r = spo(['export', 'releases', '--format', 'json', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { published: string; published_at: string }[];
    expect(rows).toHaveLength(forms.length);
    for (const row of rows) {
      expect(row.published).toBe('2024-07-05T14:20');
      expect(row.published_at).toBe('2024-07-05T14:20:00+01:00');
      expect(Date.parse(row.published_at)).toBe(Date.UTC(2024, 6, 5, 13, 20));
    }
  });
});
