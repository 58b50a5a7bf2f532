// Benchmark: rebuilding the orders (matching mentions across releases) at national scale.
//   npm run bench:orders
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORCES } from '../src/domain/forces.ts';
import { openStore } from '../src/store/index.ts';
import { resolveOrders } from '../src/orders/index.ts';
import { figure, report } from './lib.ts';

const PER_FORCE = Number(process.env.BENCH_PER_FORCE ?? 150);
const TOWNS = ['Dover', 'Margate', 'Ashford', 'Deal', 'Rochester', 'Chatham', 'Maidstone', 'Canterbury', 'Folkestone', 'Whitstable'];
const day = (n: number): string => new Date(Date.UTC(2020, 1, 1) + n * 3 * 86_400_000).toISOString().slice(0, 10);

const dir = mkdtempSync(join(tmpdir(), 'spo-bench-orders-'));
const store = openStore(join(dir, 'bench.sqlite'));
store.transaction(() => {
  for (const f of FORCES) {
    store.ensureForce(f.id, f.name);
    for (let i = 0; i < PER_FORCE; i++) {
      const id = `${f.id}-${i}`;
      store.storeSeen([{ releaseId: id, forceId: f.id, url: `https://bench.invalid/${id}`, title: null, published: day(i) }]);
      // Every third release re-reports an earlier order, as round-ups and local papers do.
      const k = i % 3 === 2 ? i - 1 : i;
      const o = {
        age: 20 + ((k * 7) % 45), sex: 'male' as const, town: TOWNS[k % TOWNS.length]!, court: null, kind: null,
        made_on: day(k), duration: 'P5Y', prohibitions: ['contact' as const], requirements: [], evidence: [], town_location: null,
      };
      store.replaceMentions(id, null, { id, is_spo: true, force: f.name, published: null, evidence: [], orders: [o] });
    }
  }
});

const mentions = store.counts().mentions;
const runs: number[] = [];
const first = { release_id: `${FORCES[0]!.id}-0` }; // the release of the first mention stored
for (let r = 0; r < 3; r++) {
  // Re-extract one release so every run really rebuilds (an unchanged store is skipped).
  const o = { age: 30 + r, sex: 'male' as const, town: 'Dover', court: null, kind: null, made_on: null, duration: null, prohibitions: [], requirements: [], evidence: [], town_location: null };
  store.replaceMentions(first.release_id, null, { id: first.release_id, is_spo: true, force: null, published: null, evidence: [], orders: [o] });
  const t = performance.now();
  store.transaction(() => resolveOrders(store));
  runs.push(performance.now() - t);
}
const best = Math.min(...runs);
const orders = store.counts().orders;
console.log(`resolveOrders: ${mentions} mentions across ${FORCES.length} forces -> ${orders} orders; runs ${runs.map((x) => x.toFixed(0)).join(', ')} ms`);
store.close();
rmSync(dir, { recursive: true, force: true });
report({
  id: 'orders',
  title: 'Order matching (resolveOrders, national scale)',
  figures: [
    figure('rebuild of all orders', best, 'ms', `${mentions} mentions, ${FORCES.length} forces, best of 3`),
    figure('mentions/s', (mentions / best) * 1000, 'mentions/s'),
  ],
  details: { mentions, orders, runs_ms: runs.map((x) => Math.round(x)) },
});
