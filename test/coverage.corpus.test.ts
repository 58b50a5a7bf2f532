// `spo coverage` and `spo export claims` on a database built from the shared corpus by the real CLI:
// all 44 forces with the fields, at least 30 with a reference figure, claims stored with their
// release and evidence, and the arithmetic consistent with the rows shown.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Coverage } from '../src/report/coverage.ts';
import { spo } from './helpers/cli.ts';
import { CORPUS, tempDir } from './helpers/paths.ts';

let db: string;
let coverage: Coverage;

beforeAll(() => {
  db = join(tempDir('spo-coverage-'), 'spo.sqlite');
  const ingest = spo(['ingest', '--db', db, join(CORPUS, 'seeds'), join(CORPUS, 'dev'), join(CORPUS, 'dev2')]);
  expect(ingest.status, ingest.stderr).toBe(0);
  const r = spo(['coverage', '--json', '--db', db]);
  expect(r.status, r.stderr).toBe(0);
  coverage = JSON.parse(r.stdout) as Coverage;
});

describe('spo coverage on the corpus', () => {
  it('lists 44 forces with the fields of the issue; at least 30 carry a reference figure', () => {
    expect(coverage.forces).toHaveLength(44);
    for (const f of coverage.forces) {
      for (const k of ['force', 'orders', 'people', 'claimed_granted', 'claimed_as_of', 'claimed_release_id', 'reference_granted', 'reference_period_start', 'reference_period_end', 'coverage', 'coverage_basis']) {
        expect(f, `${f.force} ${k}`).toHaveProperty(k);
      }
    }
    expect(coverage.forces.filter((f) => f.reference_granted !== null).length).toBeGreaterThanOrEqual(30);
    expect(coverage.compared).toMatch(/orders in the record dated up to/);
  });

  it('the figures the corpus states are the compared totals, each with its release', () => {
    const kent = coverage.forces.find((f) => f.force === 'Kent Police')!;
    expect(kent).toMatchObject({ claimed_granted: 100, coverage_basis: 'claim', reference_granted: 23 });
    expect(kent.claimed_release_id).toMatch(/^[0-9a-f]{16}$/);
    expect(coverage.forces.find((f) => f.force === 'Sussex Police')).toMatchObject({ claimed_granted: 23, claimed_as_of: '2020-07', reference_granted: 30 });
    // Forces without a claim are compared with the FOI figure.
    expect(coverage.forces.find((f) => f.force === 'Metropolitan Police Service')).toMatchObject({ claimed_granted: null, reference_granted: 59, coverage_basis: 'reference' });
  });

  it('arithmetic: coverage is the numerator over the compared figure; people never exceed orders; national sums the forces', () => {
    for (const f of coverage.forces) {
      expect(f.people).toBeLessThanOrEqual(f.orders);
      if (f.coverage === null) continue;
      const denominator = f.coverage_basis === 'claim' ? f.claimed_granted! : f.reference_granted!;
      expect(f.coverage).toBeCloseTo(f.coverage_orders! / denominator, 3);
      expect(f.coverage_orders).toBeLessThanOrEqual(f.orders);
    }
    const n = coverage.national;
    expect(n.orders).toBeGreaterThanOrEqual(coverage.forces.reduce((s, f) => s + f.orders, 0));
    expect(n.reference_granted).toBe(294);
    expect(n.reference_forces_answered).toBe(40);
    expect(n.known_granted_at_least).toBe(coverage.forces.reduce((s, f) => s + Math.max(f.claimed_granted ?? 0, f.reference_granted ?? 0), 0));
    expect(n.claimed_national_granted).toBe(294);
  });

  it('the text output names what is compared and the sources', () => {
    const r = spo(['coverage', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^force +orders +people +claimed/);
    expect(r.stdout).toMatch(/Kent Police +\d+ +\d+ +100 /);
    expect(r.stdout).toContain('BBC Shared Data Unit');
    expect(r.stdout).toMatch(/The record holds \d+ orders against \d+ people/);
  });

  it('spo export claims: every figure with its release, date and evidence', () => {
    const r = spo(['export', 'claims', '--format', 'json', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThanOrEqual(20);
    const cumbria = rows.filter((c) => c.force_id === 'cumbria').map((c) => [c.measure, c.count]);
    expect(cumbria).toEqual([['applied', 5], ['granted', 7]]);
    for (const c of rows) expect(typeof c.evidence_sentence).toBe('string');
    const kent = spo(['export', 'claims', '--force', 'kent', '--db', db]);
    expect(kent.stdout.trim().split('\n').slice(1).every((l) => l.includes(',kent,Kent Police,'))).toBe(true);
  });
});
