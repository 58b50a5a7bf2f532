// Benchmark: order matching (resolveOrders) at national scale, a nightly's incremental resolve, and
// N near-identical reports (issue 18 item 6: 2,000 made 2 million candidate links in 57 s).
//   npm run bench:orders
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORCES } from '../src/domain/forces.ts';
import type { OrderMention } from '../src/domain/types.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { resolveOrders } from '../src/orders/index.ts';
import { figure, report } from './lib.ts';

const PER_FORCE = Number(process.env.BENCH_PER_FORCE ?? 150);
const LOOKALIKES = Number(process.env.BENCH_LOOKALIKES ?? 2000);
const TOWNS = ['Dover', 'Margate', 'Ashford', 'Deal', 'Rochester', 'Chatham', 'Maidstone', 'Canterbury', 'Folkestone', 'Whitstable'];
const day = (n: number): string => new Date(Date.UTC(2020, 1, 1) + n * 3 * 86_400_000).toISOString().slice(0, 10);

function mention(o: Partial<OrderMention>): OrderMention {
  return { age: null, sex: 'male', town: null, court: null, kind: null, made_on: null, duration: null, prohibitions: [], requirements: [], evidence: [], town_location: null, ...o };
}

/** Store one release of a force with the given orders (no resolve). */
function put(store: Store, forceId: string, id: string, published: string, orders: OrderMention[]): void {
  store.storeSeen([{ releaseId: id, forceId, url: `https://bench.invalid/${id}`, title: null, published }]);
  store.replaceMentions(id, null, { id, is_spo: true, force: forceId, published: null, evidence: [], orders });
}

const timed = <T>(fn: () => T): { ms: number; result: T } => {
  const t = performance.now();
  const result = fn();
  return { ms: performance.now() - t, result };
};

const dir = mkdtempSync(join(tmpdir(), 'spo-bench-orders-'));
const store = openStore(join(dir, 'bench.sqlite'));
store.transaction(() => {
  for (const f of FORCES) {
    store.ensureForce(f.id, f.name);
    for (let i = 0; i < PER_FORCE; i++) {
      // Every third release re-reports an earlier order, as round-ups and local papers do.
      const k = i % 3 === 2 ? i - 1 : i;
      put(store, f.id, `${f.id}-${i}`, day(i), [mention({ age: 20 + ((k * 7) % 45), town: TOWNS[k % TOWNS.length]!, made_on: day(k), duration: 'P5Y', prohibitions: ['contact'] })]);
    }
  }
});
const mentions = store.counts().mentions;

// 1. Rebuilding everything (what every resolve did before it was incremental).
const fullRuns: number[] = [];
for (let r = 0; r < 3; r++) fullRuns.push(timed(() => store.transaction(() => resolveOrders(store, { full: true }))).ms);
const full = Math.min(...fullRuns);
const orders = store.counts().orders;
console.log(`full rebuild: ${mentions} mentions across ${FORCES.length} forces -> ${orders} orders; runs ${fullRuns.map((x) => x.toFixed(0)).join(', ')} ms`);

// 2. A nightly: one new release in one force, then one re-extracted release (incremental).
const nightly = timed(() => {
  store.transaction(() => put(store, 'kent', 'kent-new', day(PER_FORCE), [mention({ age: 77, town: 'Deal', made_on: day(PER_FORCE) })]));
  return store.transaction(() => resolveOrders(store));
});
const changed = timed(() => {
  store.transaction(() => put(store, 'kent', 'kent-0', day(0), [mention({ age: 31, town: 'Dover' })]));
  return store.transaction(() => resolveOrders(store));
});
console.log(`nightly (1 new release): ${nightly.ms.toFixed(0)} ms, forces ${nightly.result.forces.join(',')}, ${nightly.result.ordersWritten} order(s) written`);
console.log(`nightly (1 re-extracted release): ${changed.ms.toFixed(0)} ms, ${changed.result.ordersWritten} order(s) written, ${changed.result.ordersRemoved} removed`);
store.close();

// 3. Near-identical reports: one force, town and court, no age, nothing to tell them apart.
const near = openStore(join(dir, 'near.sqlite'));
near.transaction(() => {
  near.ensureForce('kent', 'Kent Police');
  for (let i = 0; i < LOOKALIKES; i++) put(near, 'kent', `near-${i}`, day(i), [mention({ town: 'Dover', court: "Folkestone Magistrates' Court", prohibitions: ['contact'] })]);
});
const heapBefore = process.memoryUsage().heapUsed;
const lookalike = timed(() => near.transaction(() => resolveOrders(near)));
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
const links = near.orders.linkCount();
console.log(`${LOOKALIKES} near-identical reports: ${lookalike.ms.toFixed(0)} ms, ${lookalike.result.comparisons} comparisons, ${links} candidate links, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
near.close();
rmSync(dir, { recursive: true, force: true });

report({
  id: 'orders',
  title: 'Order matching (resolveOrders): national rebuild, nightly, near-identical reports',
  figures: [
    figure('rebuild of all orders', full, 'ms', `${mentions} mentions, ${FORCES.length} forces, best of 3`),
    figure('mentions/s', (mentions / full) * 1000, 'mentions/s'),
    figure('nightly resolve, 1 new release', nightly.ms, 'ms', `re-matches ${nightly.result.forces.length} force, writes ${nightly.result.ordersWritten} order`),
    figure('nightly resolve, 1 re-extracted release', changed.ms, 'ms'),
    figure(`${LOOKALIKES} near-identical reports`, lookalike.ms, 'ms', 'was 57 s (issue 18)'),
    figure(`${LOOKALIKES} near-identical reports: candidate links`, links, 'links', 'was 2.0 million'),
  ],
  details: {
    mentions, orders, full_runs_ms: fullRuns.map((x) => Math.round(x)), nightly: nightly.result, re_extracted: changed.result,
    lookalikes: LOOKALIKES, lookalike_comparisons: lookalike.result.comparisons, lookalike_heap_mb: Math.round(heapMb),
  },
});
