// Issue 18 item 9: a CSV cell that starts with =, +, -, @, tab or CR is a formula when the file is
// opened in a spreadsheet. Such text cells get a leading apostrophe; numbers are left alone; reading the
// CSV back (parseCsvExport) gives the original values.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { exportColumns, formatRows, parseCsvExport, type Row } from '../src/report/index.ts';

function orderRow(over: Row): Row {
  const row: Row = {};
  for (const c of exportColumns('orders')) {
    row[c.name] = c.type === 'array' ? [] : c.type === 'boolean' ? false : c.nullable ? null : c.type === 'integer' ? 1 : 'x';
  }
  return { ...row, ...over };
}

const HOSTILE = ['=HYPERLINK("http://evil.example","click")', '+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1', "'=already quoted"];

describe('CSV formula injection', () => {
  it('neutralises text cells that start with = + - @ tab CR, with a leading apostrophe', () => {
    const rows = HOSTILE.map((town, i) => orderRow({ order_id: `o${i}`, town, court: town, prohibitions: [town, 'contact'] }));
    const csv = formatRows('orders', rows, 'csv');
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    records.forEach((r, i) => {
      for (const col of ['town', 'court', 'prohibitions']) {
        expect(r[col]!.startsWith("'"), `${col}: ${JSON.stringify(r[col])}`).toBe(true);
        expect(r[col]!.slice(1).startsWith(HOSTILE[i]!.slice(0, 1))).toBe(true);
      }
    });
  });

  it('leaves numbers alone: negative longitudes, ages, and text that is only a number', () => {
    const rows = [orderRow({ order_id: 'o1', town_lon: -1.52, town_lat: 51.1, age: 34, duration: '-5', made_on: '2020-02-25' })];
    const r = (parse(formatRows('orders', rows, 'csv'), { columns: true }) as Record<string, string>[])[0]!;
    expect(r.town_lon).toBe('-1.52');
    expect(r.town_lat).toBe('51.1');
    expect(r.age).toBe('34');
    expect(r.duration).toBe('-5');
    expect(r.made_on).toBe('2020-02-25');
  });

  it('reading the CSV back gives the original values (the apostrophe is taken off again)', () => {
    const rows = HOSTILE.map((town, i) => orderRow({ order_id: `o${i}`, town, court: `court ${i}`, prohibitions: [town] }));
    const back = parseCsvExport('orders', formatRows('orders', rows, 'csv'));
    expect(back.map((r) => r.town)).toEqual(HOSTILE);
    expect(back.map((r) => r.prohibitions)).toEqual(HOSTILE.map((t) => [t]));
  });
});
