import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORCES } from '../src/domain/forces.ts';
import { PROHIBITIONS, REQUIREMENTS } from '../src/domain/types.ts';
import { computeStats, renderBreakdown, renderTotals } from '../src/report/index.ts';
import { monthRange } from '../src/report/stats.ts';
import type { Store } from '../src/store/index.ts';
import { spo } from './helpers/cli.ts';
import { tempDir } from './helpers/paths.ts';
import { sampleStore } from './report.helpers.ts';

let dbPath: string;
let store: Store;
beforeAll(() => {
  dbPath = join(tempDir('spo-stats-'), 'spo.sqlite');
  store = sampleStore(dbPath);
});
afterAll(() => store.close());

const n = (sql: string): number => (store.db.prepare(sql).get() as { n: number }).n;

describe('stats', () => {
  it('national totals agree with the database', () => {
    const t = computeStats(store).totals;
    expect(t.orders).toBe(n('SELECT count(*) AS n FROM orders'));
    expect(t.interim).toBe(n("SELECT count(*) AS n FROM orders WHERE kind = 'interim'"));
    expect(t.full).toBe(n("SELECT count(*) AS n FROM orders WHERE kind = 'full'"));
    expect(t.unknown).toBe(n('SELECT count(*) AS n FROM orders WHERE kind IS NULL'));
    expect(t.interim + t.full + t.unknown).toBe(t.orders);
    expect(t.releases).toBe(n('SELECT count(*) AS n FROM releases'));
    expect(t.spo_releases).toBe(n('SELECT count(*) AS n FROM releases WHERE is_spo = 1'));
    expect(t.cases).toBe(n('SELECT count(DISTINCT case_id) AS n FROM orders'));
    expect(t.forces_total).toBe(44);
    // kent, sussex, staffordshire, metropolitan, west-midlands have releases; essex has one too.
    expect(t.forces_covered).toBe(6);
    expect(t.forces_crawled).toBe(1);
    expect(t.first_order_date).toBe('2020-02-25');
    expect(t.last_order_date).toBe('2023-01-06');
  });

  it('by force lists all 44 forces and sums to the total', () => {
    const s = computeStats(store);
    expect(s.byForce.map((f) => f.force_id).sort()).toEqual(FORCES.map((f) => f.id).sort());
    expect(s.byForce.reduce((a, f) => a + f.orders, 0) + s.unattributed.orders).toBe(s.totals.orders);
    expect(s.byForce.find((f) => f.force_id === 'kent')).toMatchObject({ orders: n("SELECT count(*) AS n FROM orders WHERE force_id = 'kent'"), crawled: true });
    expect(s.byForce.find((f) => f.force_id === 'dorset')).toMatchObject({ orders: 0, crawled: false, covered: false });
  });

  it('by month fills the gaps and sums to the total', () => {
    const s = computeStats(store);
    const months = s.byMonth.filter((m) => m.month !== 'unknown').map((m) => m.month);
    expect(months[0]).toBe('2020-02');
    expect(months.at(-1)).toBe('2023-01');
    expect(months).toEqual(monthRange('2020-02', '2023-01'));
    expect(s.byMonth.reduce((a, m) => a + m.orders, 0)).toBe(s.totals.orders);
    expect(s.byMonth.find((m) => m.month === 'unknown')?.orders).toBe(1);
  });

  it('by condition covers the whole vocabulary', () => {
    const s = computeStats(store);
    expect(s.byCondition.map((c) => c.term)).toEqual([...PROHIBITIONS, ...REQUIREMENTS]);
    expect(s.byCondition.find((c) => c.term === 'contact')!.orders).toBe(
      n("SELECT count(*) AS n FROM order_conditions WHERE condition_type = 'prohibition' AND term = 'contact'"),
    );
  });

  it('renders totals first, then the breakdown', () => {
    const s = computeStats(store);
    expect(renderTotals(s.totals)).toMatch(/^National totals\n\s+orders \(counted once\)\s+\d+/);
    expect(renderTotals(s.totals)).toContain('6 of 44');
    expect(renderBreakdown(s, 'force').split('\n')).toHaveLength(3 + 44);
    expect(renderBreakdown(s, 'condition')).toMatch(/prohibition\s+contact\s+\d+\s+\d+\.\d%/);
  });
});

describe('spo stats (CLI)', () => {
  it('prints totals then the breakdown, or JSON', () => {
    const r = spo(['stats', '--by', 'month', '--db', dbPath]);
    expect(r.status).toBe(0);
    expect(r.stdout.indexOf('National totals')).toBe(0);
    expect(r.stdout).toContain('By month');
    const j = JSON.parse(spo(['stats', '--by', 'condition', '--json', '--db', dbPath]).stdout);
    expect(j.totals.orders).toBe(n('SELECT count(*) AS n FROM orders'));
    expect(j.conditions).toHaveLength(PROHIBITIONS.length + REQUIREMENTS.length);
  });
});
