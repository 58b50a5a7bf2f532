// Coverage arithmetic on a small hand-built case: which figure is compared, which orders count by its
// date, orders against people, and the national totals.
import { describe, expect, it } from 'vitest';
import type { ForceReference, NationalReference } from '../src/domain/reference.ts';
import { computeCoverage, nationalStatement, periodEnd, renderCoverage, type CoverageOrder } from '../src/report/coverage.ts';

const ref = (force: string, granted: number | null, to: string | null): ForceReference => ({
  force, granted, rejected: null, not_yet_heard: null, applied: granted, period_start: '2020-01-20', data_correct_to: to, note: null,
});
const order = (force_id: string | null, case_id: string, order_date: string | null): CoverageOrder => ({ force_id, case_id, order_date });
const national: NationalReference[] = [
  { measure: 'applied', count: 409, period_start: '2020-01', period_end: '2021-01', source: 'court data', note: null },
  { measure: 'granted', count: 189, period_start: '2020-01', period_end: '2021-01', source: 'court data', note: null },
];

describe('coverage arithmetic', () => {
  const c = computeCoverage({
    orders: [
      // Kent: 5 orders against 4 people (an interim and a full order against one person); 3 dated by the
      // claim's date (2022-12: the month-precise order in that month counts), one later, one undated.
      order('kent', 'k1', '2020-02-25'),
      order('kent', 'k1', '2020-03-10'),
      order('kent', 'k2', '2022-12'),
      order('kent', 'k3', '2023-01-05'),
      order('kent', 'k4', null),
      // Surrey: no claim, so the FOI figure (to 2021-04-16): 2 of its 3 orders are dated by then.
      order('surrey', 's1', '2020-06-01'),
      order('surrey', 's2', '2021-04-16'),
      order('surrey', 's3', '2021-05-01'),
      // An order with no force counts nationally only.
      order(null, 'x1', '2021-01-01'),
    ],
    claims: [
      // Two Kent figures: the larger is the running total; the smaller a figure for one year.
      { force_id: 'kent', count: 100, as_of: '2022-12', release_id: 'r-kent-100', url: 'https://www.kent.police.uk/100' },
      { force_id: 'kent', count: 18, as_of: '2021-04', release_id: 'r-kent-18', url: null },
      { force_id: null, count: 189, as_of: '2021-01', release_id: 'r-nat', url: null },
      { force_id: null, count: 7, as_of: '2021-02', release_id: 'r-region', url: null },
    ],
    reference: [ref('Kent Police', 23, '2021-04-30'), ref('Surrey Police', 4, '2021-04-16'), ref('Dorset Police', 0, '2021-04-20'), ref('Lincolnshire Police', null, null)],
    national,
  });
  const row = (id: string) => c.forces.find((f) => f.force_id === id)!;

  it('lists all 44 forces', () => {
    expect(c.forces).toHaveLength(44);
  });

  it('a claimed total is compared with the orders dated up to its date', () => {
    expect(row('kent')).toMatchObject({
      orders: 5,
      people: 4,
      claimed_granted: 100,
      claimed_as_of: '2022-12',
      claimed_release_id: 'r-kent-100',
      reference_granted: 23,
      coverage_basis: 'claim',
      coverage_orders: 3,
      coverage: 0.03,
    });
  });

  it('without a claim, the FOI figure to its date', () => {
    expect(row('surrey')).toMatchObject({ orders: 3, people: 3, claimed_granted: null, reference_granted: 4, reference_period_end: '2021-04-16', coverage_basis: 'reference', coverage_orders: 2, coverage: 0.5 });
  });

  it('a figure of 0, no answer, or no figure at all gives no coverage', () => {
    expect(row('dorset')).toMatchObject({ orders: 0, reference_granted: 0, coverage_basis: 'reference', coverage_orders: 0, coverage: null });
    expect(row('lincolnshire')).toMatchObject({ reference_granted: null, reference_period_end: null, coverage_basis: null, coverage: null });
    expect(row('btp')).toMatchObject({ orders: 0, people: 0, claimed_granted: null, reference_granted: null, coverage: null });
  });

  it('national totals: orders and people, at least the larger figure of each force, the largest national claim', () => {
    expect(c.national).toMatchObject({
      orders: 9,
      people: 8,
      forces_with_orders: 2,
      forces_with_claims: 1,
      forces_with_reference: 3,
      known_granted_at_least: 100 + 4 + 0,
      claimed_national_granted: 189,
      reference_granted: 27,
      reference_forces_answered: 3,
    });
    expect(nationalStatement(c)).toMatch(/^The record holds 9 orders against 8 people\. .* at least 104 were granted\./);
  });

  it('the table says what is compared with what', () => {
    const text = renderCoverage(c);
    expect(text).toMatch(/Kent Police +5 +4 +100 +2022-12 +23 +2021-04-30 +3\/100 \(claim\) +3%/);
    expect(text).toMatch(/Surrey Police .* 2\/4 \(reference\) +50%/);
    expect(text).toContain('coverage = orders in the record dated up to');
  });

  it('dates of any precision end where they may', () => {
    expect(periodEnd('2021')).toBe('2021-12-31');
    expect(periodEnd('2021-02')).toBe('2021-02-31');
    expect(periodEnd('2021-02-03T10:00')).toBe('2021-02-03');
  });
});
