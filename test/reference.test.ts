// The reference figures bundled in data/reference/ add up to the totals their sources report, and name
// every force by its official name.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORCES } from '../src/domain/forces.ts';
import { foiReference, nationalReference } from '../src/domain/reference.ts';
import { tempDir } from './helpers/paths.ts';

describe('bundled reference figures', () => {
  it('FOI 2021: 43 forces listed, 40 answered, 294 granted, 22 rejected, 111 not yet heard, 427 applied', () => {
    const rows = foiReference();
    expect(rows).toHaveLength(43);
    const answered = rows.filter((r) => r.granted !== null);
    expect(answered).toHaveLength(40);
    const sum = (k: 'granted' | 'rejected' | 'not_yet_heard' | 'applied'): number => rows.reduce((n, r) => n + (r[k] ?? 0), 0);
    expect(sum('granted')).toBe(294);
    expect(sum('rejected')).toBe(22);
    expect(sum('not_yet_heard')).toBe(111);
    expect(sum('applied')).toBe(427);
    expect(rows.filter((r) => r.granted === null).map((r) => r.force).sort()).toEqual(['City of London Police', 'Lincolnshire Police', 'North Yorkshire Police']);
    // Every force but BTP (not asked) is in the file, once.
    expect(new Set(rows.map((r) => r.force)).size).toBe(43);
    expect(FORCES.map((f) => f.name).filter((n) => !rows.some((r) => r.force === n))).toEqual(['British Transport Police']);
  });

  it('FOI 2021: each answering force adds up (granted + rejected + not yet heard = applied), Nottinghamshire unsplit', () => {
    for (const r of foiReference()) {
      if (r.granted === null) continue;
      expect(r.data_correct_to, r.force).toMatch(/^2020-12-30$|^2021-0[45]-\d\d$/);
      if (r.rejected === null) {
        expect(r.force).toBe('Nottinghamshire Police');
        continue;
      }
      expect(r.granted + r.rejected + r.not_yet_heard!, r.force).toBe(r.applied);
    }
  });

  it('national first year: 409 applications and 189 orders, January 2020 to January 2021', () => {
    const n = nationalReference();
    expect(n.map((r) => [r.measure, r.count, r.period_start, r.period_end])).toEqual([
      ['applied', 409, '2020-01', '2021-01'],
      ['granted', 189, '2020-01', '2021-01'],
    ]);
  });

  it('a malformed file is an error naming the file and row', () => {
    const f = join(tempDir(), 'bad.csv');
    writeFileSync(f, 'force,granted,rejected,not_yet_heard,applied,period_start,data_correct_to,note\nKent Constabulary,1,0,0,1,2020-01-20,2021-04-30,\n');
    expect(() => foiReference(f)).toThrow(/bad\.csv: row 2: "Kent Constabulary" is not an official force name/);
    writeFileSync(f, 'force,granted,rejected,not_yet_heard,applied,period_start,data_correct_to,note\nKent Police,lots,0,0,1,2020-01-20,2021-04-30,\n');
    expect(() => foiReference(f)).toThrow(/row 2: granted is not a whole number/);
  });
});
