// One order per real order: the matching cases of issue 5, on hand-written extractions.
import { describe, expect, it } from 'vitest';
import { compareMentions, explainOrder, resolveOrders, type MatchMention } from '../src/orders/index.ts';
import { links, mentionOrder, orders, put, tempStore } from './diff.helpers.ts';

const ROCHESTER = {
  age: 54,
  sex: 'male' as const,
  town: 'Rochester',
  made_on: '2020-02-25',
  duration: 'P5Y',
  prohibitions: ['contact', 'surveillance', 'attend_address'] as const,
};

describe('order matching', () => {
  it('syndicated copies of one release are one order with two mentions', () => {
    const store = tempStore();
    const o = { ...ROCHESTER, court: "Maidstone Magistrates' Court", kind: 'full' as const, prohibitions: [...ROCHESTER.prohibitions] };
    put(store, [
      { url: 'https://www.kent.police.uk/news/kent/news/first-spo/', force: 'kent', published: '2020-02-27', orders: [o] },
      { url: 'https://www.kentonline.co.uk/medway/news/first-stalking-order/', force: 'kent', published: '2020-02-28', orders: [o] },
    ]);
    expect(orders(store)).toHaveLength(1);
    expect(store.counts().mentions).toBe(2);
    const ex = explainOrder(store, orders(store)[0]!.order_id as string);
    expect(ex.mentions).toHaveLength(2);
    expect(ex.mentions[1]!.role).toBe('merged');
    expect(ex.mentions[1]!.agreed).toEqual(expect.arrayContaining(['force', 'age', 'town', 'court', 'made_on', 'duration', 'conditions']));
  });

  it('two different releases about one order (the Rochester order in seeds 000 and 001) merge, fields from both', () => {
    const store = tempStore();
    put(store, [
      {
        url: 'https://www.kent.police.uk/news/kent/news2/policing-news/2002/man-served-with-kents-first-full-stalking-protection-order/',
        force: 'kent',
        published: '2020-02-27',
        orders: [{ ...ROCHESTER, court: "Maidstone Magistrates' Court", kind: 'full', prohibitions: [...ROCHESTER.prohibitions] }],
      },
    ]);
    put(store, [
      {
        url: 'https://www.kent.police.uk/news/kent/news/stalking-orders-round-up/',
        force: 'kent',
        published: null,
        orders: [
          { ...ROCHESTER, prohibitions: [...ROCHESTER.prohibitions] },
          { age: 38, sex: 'male', town: 'Ashford', made_on: '2022-04', duration: 'P10Y', prohibitions: ['contact', 'surveillance', 'attend_address'], requirements: ['register_vehicle', 'register_phone', 'attend_programme'] },
          { age: 28, town: 'Thanet', made_on: '2022-12', prohibitions: ['contact', 'contact_family', 'publish', 'device_limit', 'obstruct_police'], requirements: ['declare_relationships'] },
        ],
      },
    ]);
    const all = orders(store);
    expect(all).toHaveLength(3);
    const rochester = all.find((o) => o.town === 'Rochester')!;
    // Merged: the court and kind come from the first release, which the round-up does not repeat.
    expect(rochester).toMatchObject({ court: "Maidstone Magistrates' Court", kind: 'full', age: 54, duration: 'P5Y', made_on: '2020-02-25' });
    const ex = explainOrder(store, rochester.order_id as string);
    expect(ex.mentions.map((m) => m.role)).toEqual(['anchor', 'merged']);
    expect(ex.mentions[1]!.reason).toMatch(/age 54.*town Rochester.*made on 2020-02-25/);
  });

  it('a round-up that repeats orders without dates still merges on age, town and the same conditions', () => {
    const store = tempStore();
    put(store, [
      { url: 'https://www.kent.police.uk/a/', force: 'kent', published: '2022-12-05', orders: [{ age: 28, town: 'Thanet', made_on: '2022-12', prohibitions: ['contact', 'contact_family', 'publish', 'device_limit', 'obstruct_police'], requirements: ['declare_relationships'] }] },
      { url: 'https://www.kent.police.uk/b/', force: 'kent', published: '2022-12-21', orders: [{ age: 28, sex: 'male', town: 'Thanet', prohibitions: ['contact', 'contact_family', 'publish', 'device_limit', 'obstruct_police'], requirements: ['declare_relationships'] }] },
    ]);
    expect(orders(store)).toHaveLength(1);
  });

  it('two different orders that look alike (same force, same town, different people) stay apart', () => {
    const store = tempStore();
    const common = { sex: 'male' as const, town: 'Maidstone', court: "Maidstone Magistrates' Court", duration: 'P5Y', made_on: '2021-03-01', prohibitions: ['contact', 'approach', 'attend_address'] as ('contact' | 'approach' | 'attend_address')[] };
    put(store, [
      { url: 'https://www.kent.police.uk/x/', force: 'kent', published: '2021-03-02', orders: [{ ...common, age: 34 }] },
      { url: 'https://www.kent.police.uk/y/', force: 'kent', published: '2021-03-03', orders: [{ ...common, age: 41 }] },
    ]);
    expect(orders(store)).toHaveLength(2);
    expect(links(store)).toEqual([]); // an age conflict is a different person: not even a candidate
  });

  it('the same person-like fields in two forces are two orders', () => {
    const store = tempStore();
    const o = { ...ROCHESTER, prohibitions: [...ROCHESTER.prohibitions] };
    put(store, [
      { url: 'https://www.kent.police.uk/k/', force: 'kent', published: '2020-02-27', orders: [o] },
      { url: 'https://www.sussex.police.uk/s/', force: 'sussex', published: '2020-02-27', orders: [o] },
    ]);
    expect(orders(store)).toHaveLength(2);
  });

  it('a likely-but-uncertain match is a candidate link, not a merge', () => {
    const store = tempStore();
    // Same force, age and town, but different dates and durations: perhaps one person, perhaps not.
    put(store, [
      { url: 'https://www.kent.police.uk/c1/', force: 'kent', published: '2021-05-02', orders: [{ age: 30, sex: 'male', town: 'Dover', made_on: '2021-05-01', duration: 'P2Y' }] },
      { url: 'https://www.kent.police.uk/c2/', force: 'kent', published: '2021-09-10', orders: [{ age: 30, sex: 'male', town: 'Dover', made_on: '2021-09-09', duration: 'P5Y' }] },
    ]);
    expect(orders(store)).toHaveLength(2);
    const l = links(store);
    expect(l).toHaveLength(1);
    expect(l[0]!.link_type).toBe('candidate');
    expect(l[0]!.reason).toMatch(/made_on 2021-05-01 vs 2021-09-09/);
    const ex = explainOrder(store, l[0]!.order_id);
    expect(ex.links).toHaveLength(1);
  });

  it('an interim order then a full order against the same person is one case with two stages', () => {
    const store = tempStore();
    put(store, [
      {
        url: 'https://www.northants.police.uk/news/northants/news/news/2020/may-20/first-stalking-ban/',
        force: 'northamptonshire',
        published: '2020-05-29',
        orders: [{ age: 37, sex: 'male', town: 'Northampton', court: "Northampton Magistrates' Court", kind: 'interim', made_on: '2020-05-29', duration: 'until:2020-07-03', prohibitions: ['contact', 'contact_family'] }],
      },
    ]);
    put(store, [
      {
        url: 'https://www.northants.police.uk/news/northants/news/news/2020/jul-20/full-stalking-order/',
        force: 'northamptonshire',
        published: '2020-07-03',
        orders: [{ age: 37, sex: 'male', town: 'Northampton', court: "Northampton Magistrates' Court", kind: 'full', made_on: '2020-07-03', duration: 'P2Y', prohibitions: ['contact', 'contact_family'] }],
      },
    ]);
    const all = orders(store);
    expect(all).toHaveLength(2);
    expect(all[0]!.case_id).toBe(all[1]!.case_id);
    const interim = all.find((o) => o.kind === 'interim')!;
    expect(interim.case_id).toBe(interim.order_id);
    const l = links(store);
    expect(l).toEqual([expect.objectContaining({ order_id: interim.order_id, link_type: 'same_case' })]);
    expect(explainOrder(store, interim.order_id as string).case_orders).toHaveLength(2);
  });

  it('a full order before the interim one, or for someone else, is not the same case', () => {
    const store = tempStore();
    put(store, [
      { url: 'https://www.northants.police.uk/i/', force: 'northamptonshire', published: '2020-05-29', orders: [{ age: 37, town: 'Northampton', kind: 'interim', made_on: '2020-05-29' }] },
      { url: 'https://www.northants.police.uk/f/', force: 'northamptonshire', published: '2020-07-03', orders: [{ age: 52, town: 'Northampton', kind: 'full', made_on: '2020-07-03' }] },
      { url: 'https://www.northants.police.uk/g/', force: 'northamptonshire', published: '2020-01-03', orders: [{ age: 37, town: 'Kettering', kind: 'full', made_on: '2020-01-03' }] },
    ]);
    const all = orders(store);
    expect(all).toHaveLength(3);
    expect(new Set(all.map((o) => o.case_id)).size).toBe(3);
    expect(links(store).filter((l) => l.link_type === 'same_case')).toEqual([]);
  });

  it('allows a birthday between reports, by date, and no more', () => {
    const base = { mentionId: 1, releaseId: 'a', ordinal: 0, forceId: 'kent', firstSeenAt: 'x', sex: 'male', townLat: null, townLon: null, court: null, kind: null, duration: null, prohibitions: [], requirements: [], town: 'Rochester', madeOn: null };
    const m = (age: number, published: string, releaseId: string): MatchMention => ({ ...base, age, published, releaseId, mentionId: releaseId.length });
    expect(compareMentions(m(54, '2020-02-27', 'a'), m(55, '2021-03-01', 'bb')).agreed).toContain('age');
    expect(compareMentions(m(55, '2020-02-27', 'a'), m(54, '2021-03-01', 'bb')).hard).toEqual(['age 55 vs 54']);
    expect(compareMentions(m(54, '2020-02-27', 'a'), m(56, '2020-12-01', 'bb')).hard).toHaveLength(1);
    // Merging also needs a third identity field; with made_on the two reports a year apart are one order.
    const store = tempStore();
    put(store, [
      { url: 'https://www.kent.police.uk/b1/', force: 'kent', published: '2020-02-27', orders: [{ ...ROCHESTER, prohibitions: [...ROCHESTER.prohibitions] }] },
      { url: 'https://www.kent.police.uk/b2/', force: 'kent', published: '2021-04-01', orders: [{ ...ROCHESTER, age: 55, prohibitions: [...ROCHESTER.prohibitions] }] },
    ]);
    expect(orders(store)).toHaveLength(1);
    expect(orders(store)[0]!.age).toBe(54); // the age when the order was made
  });

  it('never merges two orders of one release (one person, two victims are two orders)', () => {
    const store = tempStore();
    const o = { ...ROCHESTER, prohibitions: [...ROCHESTER.prohibitions] };
    put(store, [{ url: 'https://www.kent.police.uk/two/', force: 'kent', published: '2020-02-27', orders: [o, o] }]);
    expect(orders(store)).toHaveLength(2);
    expect(links(store)).toEqual([]);
  });

  it('a mention that matches two orders equally is left on its own, with candidate links', () => {
    const store = tempStore();
    put(store, [
      { url: 'https://www.kent.police.uk/p/', force: 'kent', published: '2021-01-05', orders: [{ age: 40, town: 'Deal', made_on: '2021-01-04', court: 'Margate Magistrates Court' }, { age: 40, town: 'Deal', made_on: '2021-01-04', court: 'Margate Magistrates Court' }] },
    ]);
    put(store, [{ url: 'https://www.kent.police.uk/q/', force: 'kent', published: '2021-01-06', orders: [{ age: 40, town: 'Deal', made_on: '2021-01-04' }] }]);
    expect(orders(store)).toHaveLength(3);
    expect(links(store).filter((l) => l.link_type === 'candidate')).toHaveLength(2);
  });

  it('order ids are stable: re-resolving, and a new report of the order, keep them', () => {
    const store = tempStore();
    const o = { ...ROCHESTER, prohibitions: [...ROCHESTER.prohibitions] };
    put(store, [{ url: 'https://www.kent.police.uk/s1/', force: 'kent', published: '2020-02-27', orders: [o] }]);
    const id = mentionOrder(store, 'https://www.kent.police.uk/s1/', 'kent');
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    store.transaction(() => resolveOrders(store));
    expect(mentionOrder(store, 'https://www.kent.police.uk/s1/', 'kent')).toBe(id);
    // A report published earlier but found later joins the order without taking its id.
    put(store, [{ url: 'https://www.kent.police.uk/s0/', force: 'kent', published: '2020-02-26', orders: [o] }]);
    expect(orders(store)).toHaveLength(1);
    expect(orders(store)[0]!.order_id).toBe(id);
    expect(mentionOrder(store, 'https://www.kent.police.uk/s0/', 'kent')).toBe(id);
  });

  it('releases without a known force are never merged', () => {
    const store = tempStore();
    const o = { ...ROCHESTER, prohibitions: [...ROCHESTER.prohibitions] };
    put(store, [
      { url: 'https://paper.example/a/', force: null, published: '2020-02-27', orders: [o] },
      { url: 'https://paper.example/b/', force: null, published: '2020-02-27', orders: [o] },
    ]);
    expect(orders(store)).toHaveLength(2);
  });
});

describe('blocking', () => {
  it('never hides a pair that agrees on age or town (fast-check)', async () => {
    const fc = await import('fast-check');
    const { Blocks } = await import('../src/orders/match.ts');
    const mention = fc.record({
      age: fc.option(fc.integer({ min: 16, max: 80 }), { nil: null }),
      town: fc.option(fc.constantFrom('Dover', 'dover', 'Deal', 'Margate', 'The Deal'), { nil: null }),
      published: fc.option(fc.integer({ min: 0, max: 7 * 365 }).map((d) => new Date(Date.UTC(2020, 0, 20) + d * 86_400_000).toISOString().slice(0, 10)), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(mention, { minLength: 2, maxLength: 12 }), (ms) => {
        const full: MatchMention[] = ms.map((m, i) => ({
          mentionId: i, releaseId: `r${i}`, ordinal: 0, forceId: 'kent', firstSeenAt: String(i), sex: null, townLat: null, townLon: null,
          court: null, kind: null, madeOn: null, duration: null, prohibitions: [], requirements: [], ...m,
        }));
        const blocks = new Blocks();
        full.forEach((m, i) => {
          blocks.add(m, i);
        });
        for (const a of full) {
          const near = new Set(blocks.near([a]));
          for (const b of full) {
            if (a === b) continue;
            const c = compareMentions(a, b);
            if (c.agreed.includes('age') || c.agreed.includes('town')) expect(near.has(b.mentionId)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('scale', () => {
  it('resolves 2,000 mentions across 20 forces', async () => {
    const { FORCES } = await import('../src/domain/forces.ts');
    const store = tempStore();
    const towns = ['Dover', 'Margate', 'Ashford', 'Deal', 'Rochester', 'Chatham', 'Maidstone', 'Canterbury', 'Folkestone', 'Whitstable'];
    store.transaction(() => {
      for (const f of FORCES.slice(0, 20)) {
        store.ensureForce(f.id, f.name);
        for (let i = 0; i < 100; i++) {
          const id = `${f.id}-${i}`;
          const day = (n: number) => new Date(Date.UTC(2020, 1, 1) + n * 7 * 86_400_000).toISOString().slice(0, 10);
          store.db
            .prepare('INSERT INTO releases (release_id, force_id, first_seen_at, last_seen_at, published, is_spo) VALUES (?, ?, ?, ?, ?, 1)')
            .run(id, f.id, `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, 'x', day(i));
          const o = { age: 20 + ((i * 7) % 40), sex: 'male' as const, town: towns[i % 10]!, court: null, kind: null, made_on: day(i - (i % 2)), duration: 'P5Y', prohibitions: ['contact' as const], requirements: [], evidence: [], town_location: null };
          store.replaceMentions(id, null, { id, is_spo: true, force: f.name, published: null, evidence: [], orders: [o] });
        }
      }
    });
    // Speed is measured by `npm run bench:orders`; here only the outcome at scale.
    store.transaction(() => resolveOrders(store));
    expect(store.counts().mentions).toBe(2000);
  });
});
