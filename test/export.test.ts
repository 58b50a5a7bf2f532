import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROHIBITIONS, REQUIREMENTS } from '../src/domain/types.ts';
import { databaseId } from '../src/domain/ids.ts';
import {
  EXPORT_KINDS,
  EXPORT_SCHEMAS,
  exportColumns,
  exportRows,
  formatRows,
  normaliseSince,
  parseCsvExport,
  checkForce,
  type ExportKind,
} from '../src/report/index.ts';
import type { Store } from '../src/store/index.ts';
import { spo } from './helpers/cli.ts';
import { tempDir } from './helpers/paths.ts';
import { CSV_HOSTILE_COURT, HOSTILE_TOWN, sampleStore } from './report.helpers.ts';

let dir: string;
let dbPath: string;
let store: Store;

beforeAll(() => {
  dir = tempDir('spo-export-');
  dbPath = join(dir, 'spo.sqlite');
  store = sampleStore(dbPath);
});
afterAll(() => store.close());

describe('export columns come from the schemas', () => {
  it('orders: one boolean column per vocabulary term, in vocabulary order', () => {
    const names = exportColumns('orders').map((c) => c.name);
    const bools = exportColumns('orders').filter((c) => c.type === 'boolean').map((c) => c.name);
    expect(bools).toEqual([...PROHIBITIONS.map((t) => `prohibits_${t}`), ...REQUIREMENTS.map((t) => `requires_${t}`)]);
    expect(names.slice(0, 4)).toEqual(['order_id', 'case_id', 'force_id', 'force_name']);
    for (const f of ['age', 'sex', 'town', 'court', 'kind', 'made_on', 'duration', 'prohibitions', 'requirements']) {
      expect(names).toContain(f);
      expect(names).toContain(`evidence_${f}`);
    }
    for (const p of ['source_urls', 'release_ids', 'first_seen_at', 'first_published']) expect(names).toContain(p);
  });

  it('every id column of every export is prefixed (r for releases, o for orders), as its schema says', () => {
    // A column is an id by its name; its schema (or its items') must require the letter, so the row
    // validation below fails on an export that writes a bare hex id (the claims export did).
    const ids: string[] = [];
    for (const kind of EXPORT_KINDS) {
      for (const [name, s] of Object.entries(EXPORT_SCHEMAS[kind].properties ?? {})) {
        const m = /^(release|order|case|linked_order)_ids?$/.exec(name);
        if (!m) continue;
        ids.push(`${kind}.${name}`);
        const pattern = (s.type === 'array' ? s.items?.pattern : s.pattern) ?? null;
        expect(pattern, `${kind}.${name}`).toBe(m[1] === 'release' ? '^r.' : '^o[0-9a-f]+$');
      }
    }
    expect(ids).toEqual(expect.arrayContaining(['claims.release_id', 'mentions.release_id', 'mentions.order_id', 'releases.release_id', 'releases.order_ids', 'orders.release_ids']));
  });

  it('every row of every export validates against its schema and has the schema keys in order', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const kind of EXPORT_KINDS) {
      const validate = ajv.compile(EXPORT_SCHEMAS[kind]);
      const rows = exportRows(store, kind);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const ok = validate(row);
        expect(ok, `${kind} ${JSON.stringify(validate.errors)}`).toBe(true);
        expect(Object.keys(row)).toEqual(exportColumns(kind).map((c) => c.name));
      }
    }
  });
});

describe('export rows agree with the database', () => {
  const one = (sql: string): number => (store.db.prepare(sql).get() as { n: number }).n;

  it('one row per order counted once, per release, per mention', () => {
    expect(exportRows(store, 'orders')).toHaveLength(one('SELECT count(*) AS n FROM orders'));
    expect(exportRows(store, 'releases')).toHaveLength(one('SELECT count(*) AS n FROM releases'));
    expect(exportRows(store, 'mentions')).toHaveLength(one('SELECT count(*) AS n FROM order_mentions'));
  });

  it('orders carry their fields, conditions, force name, provenance and evidence', () => {
    const rows = exportRows(store, 'orders');
    const kent = rows.find((r) => r.town === 'Rochester')!;
    expect(kent).toMatchObject({
      force_id: 'kent',
      force_name: 'Kent Police',
      age: 54,
      kind: 'full',
      made_on: '2020-02-25',
      order_date: '2020-02-25',
      order_date_source: 'made_on',
      duration: 'P5Y',
      prohibitions: ['contact', 'surveillance', 'attend_address'],
      requirements: [],
      prohibits_contact: true,
      prohibits_surveillance: true,
      prohibits_attend_address: true,
      prohibits_publish: false,
      requires_register_vehicle: false,
      source_urls: ['https://www.kent.police.uk/news/kent/2020/man-served-with-kents-first-full-spo/'],
      first_published: '2020-02-27',
    });
    expect(kent.release_ids).toHaveLength(1);
    expect(kent.evidence_duration).toBe('The Order was granted for a duration of five years.');
    expect(kent.evidence_court).toContain("Maidstone Magistrates' Court");
    expect(kent.evidence_requirements).toBeNull();
    const orderConditions = store.db
      .prepare("SELECT term FROM order_conditions WHERE order_id = ? AND condition_type = 'prohibition' ORDER BY term")
      .all(databaseId(kent.order_id as string))
      .map((r) => (r as { term: string }).term);
    expect([...(kent.prohibitions as string[])].sort()).toEqual(orderConditions);
    // An order with no made_on is dated by its release.
    const lancing = rows.find((r) => r.town === 'Lancing')!;
    expect(lancing).toMatchObject({ order_date: '2020-03-12', order_date_source: 'published', requires_attend_programme: true });
  });

  it('rows are in a stable order: dated oldest first, undated last', () => {
    const rows = exportRows(store, 'orders');
    const dates = rows.map((r) => r.order_date as string | null);
    const dated = dates.filter((d) => d !== null);
    expect(dated).toEqual([...dated].sort());
    expect(dates.slice(dated.length).every((d) => d === null)).toBe(true);
    expect(exportRows(store, 'orders')).toEqual(rows);
  });

  it('filters by force and by date', () => {
    const kent = exportRows(store, 'orders', { force: 'kent' });
    expect(kent.length).toBeGreaterThan(0);
    expect(kent.every((r) => r.force_id === 'kent')).toBe(true);
    const since = exportRows(store, 'orders', { since: '2021-06-01' });
    expect(since.map((r) => r.order_date)).toEqual(['2021-06', '2022-11-01', '2022-11-01', '2023-01-06'].filter((d) => since.some((r) => r.order_date === d)));
    expect(since.every((r) => (r.order_date as string) >= '2021-06')).toBe(true);
    // A month-only date counts as the whole month.
    expect(exportRows(store, 'orders', { since: '2021-06-30' }).some((r) => r.order_date === '2021-06')).toBe(true);
    expect(exportRows(store, 'releases', { since: '2023-01-01' }).every((r) => (r.published as string) >= '2023-01-01')).toBe(true);
  });

  it('rejects bad filter values clearly', () => {
    expect(() => normaliseSince('last week')).toThrow(/--since must be a date/);
    expect(() => normaliseSince('2021-02-30')).toThrow(/not a real date/);
    expect(normaliseSince('2021')).toBe('2021-01-01');
    expect(() => checkForce('atlantis')).toThrow(/unknown force "atlantis"/);
    expect(checkForce('Kent')).toBe('kent');
  });
});

describe('CSV round trip', () => {
  for (const kind of EXPORT_KINDS) {
    it(`${kind}: CSV read back equals the database rows`, () => {
      const rows = exportRows(store, kind);
      const csv = formatRows(kind, rows, 'csv');
      expect(csv.split('\n')[0]).toBe(exportColumns(kind).map((c) => c.name).join(','));
      expect(parseCsvExport(kind, csv)).toEqual(rows);
    });
  }

  it('quotes commas, quotes and line breaks', () => {
    const csv = formatRows('orders', exportRows(store, 'orders'), 'csv');
    expect(csv).toContain(`"Highbury Corner ""Magistrates"", London"`);
    expect(parseCsvExport('orders', csv).some((r) => r.court === CSV_HOSTILE_COURT)).toBe(true);
    // Evidence is whitespace-collapsed (the release text had a line break inside this sentence).
    expect(parseCsvExport('orders', csv).some((r) => String(r.evidence_prohibitions).includes('either woman, and from posting'))).toBe(true);
    const releases = formatRows('releases', exportRows(store, 'releases'), 'csv');
    expect(releases).toContain('"Two Stalking Protection Orders granted,\none man, two victims"');
    expect(parseCsvExport('releases', releases).some((r) => r.title === 'Two Stalking Protection Orders granted,\none man, two victims')).toBe(true);
    expect(parseCsvExport('orders', csv).some((r) => r.town === HOSTILE_TOWN)).toBe(true);
  });

  it('NDJSON and JSON carry the same rows', () => {
    for (const kind of EXPORT_KINDS as readonly ExportKind[]) {
      const rows = exportRows(store, kind);
      const nd = formatRows(kind, rows, 'ndjson').trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(nd).toEqual(rows);
      expect(JSON.parse(formatRows(kind, rows, 'json'))).toEqual(rows);
    }
  });
});

describe('spo export (CLI)', () => {
  it('writes a file in the format its extension names, and reports the count', () => {
    const out = join(dir, 'out', 'orders.csv');
    mkdirSync(join(dir, 'out'), { recursive: true }); // --out never creates folders (issue 18 item 10)
    const r = spo(['export', 'orders', '--db', dbPath, '--out', out]);
    expect(r.stderr).toMatch(/exported \d+ orders as csv/);
    expect(r.status).toBe(0);
    expect(parseCsvExport('orders', readFileSync(out, 'utf8'))).toEqual(exportRows(store, 'orders'));
  });

  it('prints NDJSON to stdout with filters', () => {
    const r = spo(['export', 'releases', '--format', 'ndjson', '--force', 'kent', '--db', dbPath]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual(exportRows(store, 'releases', { force: 'kent' }));
  });

  it('fails clearly on a bad value or a missing database', () => {
    expect(spo(['export', 'orders', '--since', 'yesterday', '--db', dbPath]).stderr).toMatch(/--since must be a date/);
    const missing = spo(['export', 'orders', '--db', join(dir, 'nope.sqlite')]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/no database at/);
  });
});
