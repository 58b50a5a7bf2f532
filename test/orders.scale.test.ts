// Issue 18 item 6: order matching grew quadratically. N near-identical SPO reports (same force, town and
// court, no age) were each compared with every other and every pair stored as a candidate link (2,000
// reports: 2 million links, 57 s). Candidates per mention are now bounded (blocking keys, a cap), no link
// is made where nothing tells the reports apart, and what does stand out is still merged or linked.
import { describe, expect, it } from 'vitest';
import { clusterMentions, MATCH_RULES, type MatchMention } from '../src/orders/index.ts';

const day = (n: number): string => new Date(Date.UTC(2021, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** Report i: Kent, Dover, Folkestone magistrates, no age, no date: nothing to tell it from the others. */
function lookalike(i: number, over: Partial<MatchMention> = {}): MatchMention {
  return {
    mentionId: i, releaseId: `r${String(i).padStart(5, '0')}`, ordinal: 0, forceId: 'kent', published: day(i),
    firstSeenAt: `2026-01-01T00:00:00.${String(i).padStart(6, '0')}Z`, age: null, sex: 'male', town: 'Dover', townLat: null, townLon: null,
    court: "Folkestone Magistrates' Court", kind: null, madeOn: null, duration: null, prohibitions: ['contact'], requirements: [], ...over,
  };
}

const N = 600;

describe('order matching at scale (near-identical reports)', () => {
  it('compares each mention with a bounded number of orders and links none of N look-alikes', () => {
    const ms = Array.from({ length: N }, (_, i) => lookalike(i));
    const { clusters, links, stats } = clusterMentions(ms);
    expect(clusters).toHaveLength(N); // nothing says two are the same order
    expect(links).toEqual([]); // and nothing tells one pair from another: no link
    // One member per order: at most poolSize comparisons per mention when clustering, and per order when linking.
    expect(stats.comparisons).toBeLessThanOrEqual(2 * N * MATCH_RULES.poolSize);
  });

  it('still merges two reports of one order that stand out (age, date) among the look-alikes', () => {
    const ms = Array.from({ length: N }, (_, i) => lookalike(i));
    const first = lookalike(N, { firstSeenAt: '2025-12-31T00:00:00Z', age: 34, madeOn: '2021-03-02' });
    const again = lookalike(N + 1, { firstSeenAt: '2026-02-01T00:00:00Z', age: 34, madeOn: '2021-03-02' });
    const { clusters } = clusterMentions([...ms, first, again]);
    const merged = clusters.find((c) => c.members.some((m) => m.mention === first))!;
    expect(merged.members.map((m) => m.mention.mentionId)).toEqual([N, N + 1]);
  });

  it('keeps a candidate link that scores above the rest, drops the look-alike ones', () => {
    const ms = Array.from({ length: N }, (_, i) => lookalike(i));
    // Same person (age 40) but the dates disagree: a candidate for review, not a merge.
    const a = lookalike(N, { firstSeenAt: '2026-03-01T00:00:00Z', age: 40, madeOn: '2021-03' });
    const b = lookalike(N + 1, { firstSeenAt: '2026-03-02T00:00:00Z', age: 40, madeOn: '2021-05' });
    const { clusters, links } = clusterMentions([...ms, a, b]);
    const idx = (m: MatchMention) => clusters.findIndex((c) => c.members.some((x) => x.mention === m));
    expect(links.map((l) => [l.a, l.b, l.type])).toEqual([[idx(a), idx(b), 'candidate']]);
  });

  it('an order reported by many releases is compared through a bounded set of its mentions', () => {
    // The same order (age 34, made on one day) reported 400 times: each new report is compared with at
    // most membersCompared of the order's mentions, not all of them.
    const ms = Array.from({ length: 400 }, (_, i) => lookalike(i, { age: 34, madeOn: '2021-03-02' }));
    const { clusters, stats } = clusterMentions(ms);
    expect(clusters).toHaveLength(1);
    expect(stats.comparisons).toBeLessThanOrEqual(400 * MATCH_RULES.membersCompared);
  });
});
