// The politeness gate: requests in flight per origin never exceed its slots, and one-slot origins keep
// the pause between the end of a request and the start of the next.
import { describe, expect, it } from 'vitest';
import { OriginGates } from '../src/crawl/gate.ts';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function run(gates: OriginGates, origin: string, n: number, work: (i: number) => Promise<void>): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      await gates.acquire(origin, `req-${i}`);
      try {
        await work(i);
      } finally {
        gates.release(origin, `req-${i}`);
      }
    }),
  );
}

describe('OriginGates', () => {
  it('never lets more requests than its slots into one origin, and uses them all', async () => {
    const gates = new OriginGates({ delayFor: () => 0, slots: 4 });
    let inFlight = 0;
    let peak = 0;
    await run(gates, 'http://a', 40, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick(2 + (i % 3));
      inFlight--;
    });
    expect(peak).toBe(4);
  });

  it('keeps origins apart: a busy origin does not hold up another', async () => {
    const gates = new OriginGates({ delayFor: () => 0, slots: 1 });
    const order: string[] = [];
    await gates.acquire('http://a', 'a1');
    await gates.acquire('http://b', 'b1'); // would hang if origins shared a slot
    order.push('both held');
    gates.release('http://a', 'a1');
    gates.release('http://b', 'b1');
    expect(order).toEqual(['both held']);
  });

  it('with one slot, waits the pause after each request ends before the next starts', async () => {
    const gates = new OriginGates({ delayFor: () => 30 });
    const spans: { start: number; end: number }[] = [];
    await run(gates, 'http://a', 4, async () => {
      const start = Date.now();
      await tick(5);
      spans.push({ start, end: Date.now() });
    });
    spans.sort((x, y) => x.start - y.start);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start - spans[i - 1]!.end).toBeGreaterThanOrEqual(29);
  });

  it('a retried request that never released does not take a second slot', async () => {
    const gates = new OriginGates({ delayFor: () => 0, slots: 1 });
    await gates.acquire('http://a', 'r1');
    await gates.acquire('http://a', 'r1'); // the same request again: its old slot is given back first
    let second = false;
    const p = gates.acquire('http://a', 'r2').then(() => (second = true));
    await tick(5);
    expect(second).toBe(false);
    gates.release('http://a', 'r1');
    await p;
    expect(second).toBe(true);
    gates.releaseAll('http://a', 'r');
  });
});
