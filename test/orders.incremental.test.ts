// Issue 18 item 6, second half: every nightly re-matched everything stored. Orders are now re-resolved
// only for the forces whose mentions changed, and only the orders whose state changed are rewritten;
// the result is the one a full rebuild gives.
import { describe, expect, it } from 'vitest';
import { resolveOrders } from '../src/orders/index.ts';
import { links, orders, put, storeReleasesOnly, tempStore, type TestRelease } from './diff.helpers.ts';

const day = (n: number): string => new Date(Date.UTC(2021, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

function history(): TestRelease[] {
  const out: TestRelease[] = [];
  // Kent: 150 look-alike reports (nothing tells them apart) and 20 orders each reported twice.
  for (let i = 0; i < 150; i++) {
    out.push({ url: `https://www.kent.police.uk/news/look-alike-${i}/`, force: 'kent', published: day(i), orders: [{ sex: 'male', town: 'Dover', court: "Folkestone Magistrates' Court", prohibitions: ['contact'] }] });
  }
  for (let k = 0; k < 20; k++) {
    for (const again of [0, 1]) {
      out.push({ url: `https://www.kent.police.uk/news/order-${k}-${again}/`, force: 'kent', published: day(200 + k + again * 30), orders: [{ sex: 'male', age: 20 + k, town: 'Margate', court: "Margate Magistrates' Court", made_on: day(190 + k) }] });
    }
  }
  // Surrey: 30 orders.
  for (let k = 0; k < 30; k++) {
    out.push({ url: `https://www.surrey.police.uk/news/order-${k}/`, force: 'surrey', published: day(k * 5), orders: [{ sex: 'female', age: 30 + k, town: 'Guildford', made_on: day(k * 5 - 2) }] });
  }
  return out;
}

/** Each order's row id, so a rewritten (deleted and inserted) order shows. */
function rowids(store: ReturnType<typeof tempStore>): Map<string, number> {
  return new Map((store.db.prepare('SELECT rowid AS r, order_id FROM orders').all() as { r: number; order_id: string }[]).map((x) => [x.order_id, x.r]));
}

describe('incremental order resolution', () => {
  it('a new release re-matches only its force and rewrites only the orders it changes', () => {
    const store = tempStore();
    put(store, history());
    const before = rowids(store);
    expect(before.size).toBe(150 + 20 + 30);

    // The nightly finds one new Kent release: a third report of order 7.
    storeReleasesOnly(store, [{ url: 'https://www.kent.police.uk/news/order-7-2/', force: 'kent', published: day(300), orders: [{ sex: 'male', age: 27, town: 'Margate', court: "Margate Magistrates' Court", made_on: day(197) }] }]);
    const stats = store.transaction(() => resolveOrders(store));
    expect(stats.forces).toEqual(['kent']); // Surrey is not looked at
    expect(stats.mentions).toBeLessThanOrEqual(150 + 40 + 1);
    expect(stats.ordersWritten).toBe(1); // order 7, with its new mention
    expect(stats.ordersRemoved).toBe(0);
    const after = rowids(store);
    const rewritten = [...before].filter(([id, r]) => after.get(id) !== r).map(([id]) => id);
    expect(rewritten).toHaveLength(1);
    expect(after.size).toBe(before.size);

    // The same as a full rebuild: rebuilding everything finds nothing to change.
    const o = orders(store);
    const l = links(store);
    const full = store.transaction(() => resolveOrders(store, { full: true }));
    expect(full.forces.sort()).toEqual(['kent', 'surrey']);
    expect(full.ordersWritten + full.ordersRemoved + full.linksWritten + full.linksRemoved).toBe(0);
    expect(orders(store)).toEqual(o);
    expect(links(store)).toEqual(l);
  });

  it('a re-extracted release and a removed mention re-resolve their force only', () => {
    const store = tempStore();
    put(store, history());
    // Order 3's second report is re-extracted with another age: it leaves order 3 (a new order of its own).
    storeReleasesOnly(store, [{ url: 'https://www.kent.police.uk/news/order-3-1/', force: 'kent', published: day(233), body: 'changed', orders: [{ sex: 'male', age: 60, town: 'Margate', court: "Margate Magistrates' Court", made_on: day(193) }] }]);
    const stats = store.transaction(() => resolveOrders(store));
    expect(stats.forces).toEqual(['kent']);
    expect(stats.ordersWritten).toBe(2); // order 3 (one mention fewer) and the new one
    expect(orders(store)).toHaveLength(201);
    const full = store.transaction(() => resolveOrders(store, { full: true }));
    expect(full.ordersWritten + full.ordersRemoved + full.linksWritten + full.linksRemoved).toBe(0);
  });
});
