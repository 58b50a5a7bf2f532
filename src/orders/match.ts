// Order matching: which order mentions (one order as one release reports it) are the same real order.
// Conservative and explainable: every comparison says which fields agreed, which conflicted, and why.
// Pure functions over plain objects; resolveOrders (./resolve.ts) reads and writes the store.

/** The fields an order mention and a merged order share (its force, subject, court, dates, conditions). */
export interface OrderFields {
  forceId: string | null;
  age: number | null;
  sex: string | null;
  town: string | null;
  townLat: number | null;
  townLon: number | null;
  court: string | null;
  kind: string | null;
  madeOn: string | null;
  duration: string | null;
  prohibitions: string[];
  requirements: string[];
}

export interface MatchMention extends OrderFields {
  mentionId: number;
  releaseId: string;
  ordinal: number;
  /** Publication date of the release (ISO date or date-time), when known. */
  published: string | null;
  /** When the release was first seen: the order ids rest on the earliest mention. */
  firstSeenAt: string;
}

/**
 * same: the same order (merged); candidate: likely but uncertain (linked for review, not merged);
 * stage: the same person and no other conflict, but one report says interim and the other full;
 * different: a hard conflict (force, sex, age, or too little in common).
 */
export type Verdict = 'same' | 'candidate' | 'stage' | 'different';

export interface Comparison {
  verdict: Verdict;
  score: number;
  /** Fields that agreed, e.g. ["force", "age", "town", "made_on"]. */
  agreed: string[];
  /** Identity fields that agreed (age, town, made_on, court, conditions): three make a merge. */
  identity: number;
  /** Conflicts that rule a match out. */
  hard: string[];
  /** Conflicts that stop a merge but still allow a candidate link. */
  soft: string[];
  /** One says interim, the other full: never the same order, perhaps the same case. */
  kindConflict: boolean;
  /** One line: why. */
  reason: string;
}

/** Thresholds, exported so tests and docs can state them. */
export const MATCH_RULES = {
  /** Identity agreements (age, town, made_on, court, strong conditions) needed to merge. */
  mergeIdentity: 3,
  /** Identity agreements needed for a candidate link. */
  candidateIdentity: 2,
  /** An interim and a full order are linked as one case only when the full one follows within this many days. */
  caseWindowDays: 400,
  /** Condition sets this large and equal count as an identity agreement. */
  strongConditions: 3,
  /**
   * Blocking: for each key a mention shares with earlier orders (town, age, birth year, and town with
   * age or birth year), only the orders most recently anchored under that key are looked at ...
   */
  recentPerKey: 50,
  /** ... and of those, at most this many are compared with the mention: the ones sharing the most keys. */
  poolSize: 50,
  /** At most this many mentions of one order are compared with another (its first ones and its latest). */
  membersCompared: 20,
  /**
   * An order keeps at most this many candidate links. When more are equally likely, it keeps only the
   * ones that score above the rest, and none when nothing tells them apart: N near-identical reports
   * (same force, town and court, no age) would otherwise link every pair (2,000 reports, 2 million links).
   */
  linksPerOrder: 3,
} as const;

const WEIGHTS = { force: 1, age: 2, town: 2, made_on: 3, made_on_month: 1.5, court: 1.5, conditions: 2, conditions_overlap: 0.5, duration: 1, sex: 0.5, kind: 0.5 };

export function normTown(t: string | null): string | null {
  if (!t) return null;
  const s = t
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(the|town|city|of|area)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s || null;
}

/** "Maidstone Magistrates' Court" = "maidstone magistrates"; Crown and magistrates' courts stay apart. */
export function normCourt(c: string | null): string | null {
  if (!c) return null;
  const s = c
    .toLowerCase()
    .replace(/[\u2019'`]/g, '')
    .replace(/\bmagistrates?s?\b/g, 'magistrates')
    .replace(/\b(courts?|the|law|justice|centre|center|house)\b/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s || null;
}

/** A report date for a mention: its release's publication date, else a day-precise made_on. */
export function reportDate(m: Pick<MatchMention, 'published' | 'madeOn'>): string | null {
  if (m.published && /^\d{4}-\d{2}-\d{2}/.test(m.published)) return m.published.slice(0, 10);
  if (m.madeOn && /^\d{4}-\d{2}-\d{2}$/.test(m.madeOn)) return m.madeOn;
  return null;
}

/** The date an order was made, or failing that first reported (for ordering interim before full). */
export function stageDate(m: Pick<MatchMention, 'published' | 'madeOn'>): string | null {
  if (m.madeOn && /^\d{4}-\d{2}(-\d{2})?$/.test(m.madeOn)) return m.madeOn.length === 7 ? `${m.madeOn}-01` : m.madeOn;
  return reportDate(m);
}

const DAY = 86_400_000;
export function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / DAY;
}

interface AgeCheck {
  result: 'agree' | 'hard' | 'soft' | 'unknown';
  note: string;
}

/**
 * Ages agree when equal (round-ups restate the age when the order was made), or when both fit one birth
 * date: the older age reported later, and (report date - age) differing by less than a year.
 */
export function compareAge(a: MatchMention, b: MatchMention): AgeCheck {
  if (a.age === null || b.age === null) return { result: 'unknown', note: '' };
  if (a.age === b.age) return { result: 'agree', note: `age ${a.age}` };
  const [young, old] = a.age < b.age ? [a, b] : [b, a];
  const ny = norm(young);
  const no = norm(old);
  if (ny.reportYears !== null && no.reportYears !== null) {
    const birthGap = Math.abs(ny.reportYears - young.age! - (no.reportYears - old.age!));
    if (no.reportYears > ny.reportYears && birthGap < 1) {
      return { result: 'agree', note: `age ${young.age} -> ${old.age} (birthday between ${ny.report} and ${no.report})` };
    }
    return { result: 'hard', note: `age ${a.age} vs ${b.age}` };
  }
  // Dates unknown: a one-year difference might be a birthday; never merged on it.
  if (old.age! - young.age! === 1) return { result: 'soft', note: `age ${a.age} vs ${b.age} (report dates unknown)` };
  return { result: 'hard', note: `age ${a.age} vs ${b.age}` };
}

interface Normalised {
  town: string | null;
  court: string | null;
  conditions: Set<string>;
  report: string | null;
  /** The report date in years (2020.16), for age arithmetic. */
  reportYears: number | null;
  /** Estimated birth year (report year - age), for blocking. */
  birth: number | null;
}
// Normalised fields, computed once per mention object (matching compares each mention many times).
const normCache = new WeakMap<MatchMention, Normalised>();
function norm(m: MatchMention): Normalised {
  let n = normCache.get(m);
  if (!n) {
    const report = reportDate(m);
    const t = report ? Date.parse(`${report}T00:00:00Z`) : NaN;
    const reportYears = Number.isFinite(t) ? 1970 + t / (365.2425 * DAY) : null;
    n = {
      town: normTown(m.town),
      court: normCourt(m.court),
      conditions: new Set([...m.prohibitions.map((x) => `p:${x}`), ...m.requirements.map((x) => `r:${x}`)]),
      report,
      reportYears,
      birth: reportYears !== null && m.age !== null ? Math.floor(reportYears - m.age) : null,
    };
    normCache.set(m, n);
  }
  return n;
}

function conditionSet(m: MatchMention): Set<string> {
  return norm(m).conditions;
}

/** Compare two mentions field by field. Symmetric. */
export function compareMentions(a: MatchMention, b: MatchMention): Comparison {
  const agreed: string[] = [];
  const notes: string[] = [];
  const hard: string[] = [];
  const soft: string[] = [];
  let score = 0;
  let identity = 0;

  // Force: both known and equal, or nothing at all can be said.
  if (a.forceId && b.forceId) {
    if (a.forceId !== b.forceId) hard.push(`force ${a.forceId} vs ${b.forceId}`);
    else {
      agreed.push('force');
      notes.push(`force ${a.forceId}`);
      score += WEIGHTS.force;
    }
  } else soft.push('force unknown');

  if (a.releaseId === b.releaseId) soft.push('same release (separate orders)');

  const age = compareAge(a, b);
  if (age.result === 'agree') {
    agreed.push('age');
    notes.push(age.note);
    score += WEIGHTS.age;
    identity++;
  } else if (age.result === 'hard') hard.push(age.note);
  else if (age.result === 'soft') soft.push(age.note);

  if (a.sex && b.sex) {
    if (a.sex !== b.sex) hard.push(`sex ${a.sex} vs ${b.sex}`);
    else {
      agreed.push('sex');
      score += WEIGHTS.sex;
    }
  }

  const ta = norm(a).town;
  const tb = norm(b).town;
  if (ta && tb) {
    if (ta === tb) {
      agreed.push('town');
      notes.push(`town ${a.town}`);
      score += WEIGHTS.town;
      identity++;
    } else soft.push(`town ${a.town} vs ${b.town}`);
  }

  const ca = norm(a).court;
  const cb = norm(b).court;
  if (ca && cb) {
    if (ca === cb) {
      agreed.push('court');
      notes.push(`court ${a.court}`);
      score += WEIGHTS.court;
      identity++;
    } else soft.push(`court ${a.court} vs ${b.court}`);
  }

  let kindConflict = false;
  if (a.kind && b.kind) {
    if (a.kind !== b.kind) kindConflict = true;
    else {
      agreed.push('kind');
      score += WEIGHTS.kind;
    }
  }

  if (a.madeOn && b.madeOn) {
    const [short, long] = a.madeOn.length <= b.madeOn.length ? [a.madeOn, b.madeOn] : [b.madeOn, a.madeOn];
    if (a.madeOn === b.madeOn && a.madeOn.length >= 10) {
      agreed.push('made_on');
      notes.push(`made on ${a.madeOn}`);
      score += WEIGHTS.made_on;
      identity++;
    } else if (long.startsWith(short)) {
      agreed.push('made_on');
      notes.push(`made in ${short.slice(0, 7)}`);
      score += WEIGHTS.made_on_month;
      identity++;
    } else if (!kindConflict) soft.push(`made_on ${a.madeOn} vs ${b.madeOn}`);
  }

  if (a.duration && b.duration) {
    if (a.duration === b.duration) {
      agreed.push('duration');
      notes.push(`duration ${a.duration}`);
      score += WEIGHTS.duration;
    } else if (!kindConflict) soft.push(`duration ${a.duration} vs ${b.duration}`);
  }

  const sa = conditionSet(a);
  const sb = conditionSet(b);
  if (sa.size && sb.size) {
    let inter = 0;
    for (const t of sa) if (sb.has(t)) inter++;
    const union = sa.size + sb.size - inter;
    if (inter === sa.size && inter === sb.size && inter >= MATCH_RULES.strongConditions) {
      agreed.push('conditions');
      notes.push(`same ${inter} conditions`);
      score += WEIGHTS.conditions;
      identity++;
    } else if (inter / union >= 0.5 || inter === Math.min(sa.size, sb.size)) {
      agreed.push('conditions~');
      notes.push(`conditions overlap ${inter}/${union}`);
      score += WEIGHTS.conditions_overlap;
    }
  }

  const anchored = agreed.includes('age') || agreed.includes('town');
  let verdict: Verdict;
  if (hard.length) verdict = 'different';
  else if (kindConflict) verdict = anchored ? 'stage' : 'different';
  else if (!soft.length && identity >= MATCH_RULES.mergeIdentity && anchored) verdict = 'same';
  else if (identity >= MATCH_RULES.candidateIdentity && anchored && !soft.includes('same release (separate orders)')) verdict = 'candidate';
  else verdict = 'different';

  const why =
    verdict === 'different' && hard.length
      ? `conflict: ${hard.join('; ')}`
      : [notes.join('; '), kindConflict ? `kind ${a.kind} vs ${b.kind}` : '', soft.length ? `but ${soft.join('; ')}` : '']
          .filter(Boolean)
          .join('; ');
  return { verdict, score: Math.round(score * 10) / 10, agreed, identity, hard, soft, kindConflict, reason: why || 'nothing in common' };
}

// ---- clustering ------------------------------------------------------------------------------

export interface Member {
  mention: MatchMention;
  role: 'anchor' | 'merged';
  /** The earlier member this one agreed with best (null for the anchor). */
  matchedWith: MatchMention | null;
  comparison: Comparison | null;
}

export interface Cluster {
  members: Member[];
}

export interface Link {
  a: number; // cluster index
  b: number;
  type: 'candidate' | 'same_case';
  score: number;
  reason: string;
}

/** Anchor order: first seen, then published, then release id and ordinal. Deterministic. */
export function anchorOrder(x: MatchMention, y: MatchMention): number {
  return (
    x.firstSeenAt.localeCompare(y.firstSeenAt) ||
    (x.published ?? '9999').localeCompare(y.published ?? '9999') ||
    x.releaseId.localeCompare(y.releaseId) ||
    x.ordinal - y.ordinal
  );
}

/**
 * How a mention stands against a whole cluster: the same order when it is the same as one member and
 * conflicts with none (a member that merely knows too little to say does not block it).
 */
function againstCluster(m: MatchMention, c: Cluster, stats: MatchStats): { verdict: Verdict; best: Member; cmp: Comparison } {
  let best: { member: Member; cmp: Comparison } | null = null;
  let hard = false;
  let stage = false;
  let soft = false;
  let same = false;
  let cand = false;
  const sameRelease = c.members.find((x) => x.mention.releaseId === m.releaseId);
  if (sameRelease) {
    stats.comparisons++;
    return { verdict: 'different', best: sameRelease, cmp: compareMentions(m, sameRelease.mention) };
  }
  for (const member of comparedMembers(c)) {
    stats.comparisons++;
    const cmp = compareMentions(m, member.mention);
    if (cmp.hard.length) hard = true;
    if (cmp.kindConflict) stage = true;
    if (cmp.soft.length) soft = true;
    if (cmp.verdict === 'same') same = true;
    if (cmp.verdict === 'candidate') cand = true;
    if (!best || cmp.score > best.cmp.score) best = { member, cmp };
  }
  const verdict: Verdict = hard ? 'different' : stage ? 'stage' : same && !soft ? 'same' : same || cand ? 'candidate' : 'different';
  return { verdict, best: best!.member, cmp: best!.cmp };
}

/**
 * Blocking: the clusters a mention could be anchored to share a key with it (the same town, an age that
 * agrees: equal or one apart, the same birth year within one, or the town together with either). Any
 * pair outside these is "different" without a conflict, so skipping it changes nothing. Each key lists
 * its clusters once, in the order they first had it (anchor order, so oldest first); a lookup takes only
 * the MATCH_RULES.recentPerKey latest under each key and keeps the MATCH_RULES.poolSize that share the
 * most keys, so a mention is compared with a bounded number of clusters however many look alike.
 */
export class Blocks {
  private readonly keys = new Map<string, { list: number[]; has: Set<number> }>();

  private static keysOf(m: MatchMention, spread: boolean): string[] {
    const n = norm(m);
    const out: string[] = [];
    const ds = spread ? [-1, 0, 1] : [0];
    if (n.town) out.push(`t:${n.town}`);
    if (m.age !== null) for (const d of ds) out.push(`a:${m.age + d}`, ...(n.town ? [`ta:${n.town}:${m.age + d}`] : []));
    if (n.birth !== null) for (const d of ds) out.push(`b:${n.birth + d}`, ...(n.town ? [`tb:${n.town}:${n.birth + d}`] : []));
    return out;
  }

  add(m: MatchMention, idx: number): void {
    for (const k of Blocks.keysOf(m, false)) {
      let block = this.keys.get(k);
      if (!block) this.keys.set(k, (block = { list: [], has: new Set() }));
      if (block.has.has(idx)) continue;
      block.has.add(idx);
      block.list.push(idx);
    }
  }

  /** The clusters near the given mentions (one, or all of a cluster's), best first, at most poolSize. */
  near(ms: MatchMention[], exclude?: number): number[] {
    const shared = new Map<number, number>();
    for (const m of ms) {
      for (const k of Blocks.keysOf(m, true)) {
        const list = this.keys.get(k)?.list;
        if (!list) continue;
        const stop = Math.max(0, list.length - MATCH_RULES.recentPerKey - 1);
        for (let i = list.length - 1; i >= stop; i--) {
          const idx = list[i]!;
          if (idx !== exclude) shared.set(idx, (shared.get(idx) ?? 0) + 1);
        }
      }
    }
    return [...shared.entries()]
      .sort((x, y) => y[1] - x[1] || y[0] - x[0])
      .slice(0, MATCH_RULES.poolSize)
      .map(([idx]) => idx)
      .sort((x, y) => x - y);
  }
}

/** The members of a cluster compared with others: the first ones and the latest (all when few). */
function comparedMembers(c: Cluster): Member[] {
  const n = MATCH_RULES.membersCompared;
  if (c.members.length <= n) return c.members;
  const head = Math.ceil(n / 2);
  return [...c.members.slice(0, head), ...c.members.slice(c.members.length - (n - head))];
}

/** How much matching work was done: compareMentions calls (bounded per mention by MATCH_RULES). */
export interface MatchStats {
  comparisons: number;
}

/**
 * Group mentions into orders. Each mention joins the one cluster it is the same order as; when two
 * clusters claim it, it stays on its own (ambiguous) and candidate links record both.
 */
export function clusterMentions(mentions: MatchMention[]): { clusters: Cluster[]; links: Link[]; stats: MatchStats } {
  const stats: MatchStats = { comparisons: 0 };
  const sorted = [...mentions].sort(anchorOrder);
  const clusters: Cluster[] = [];
  const byForce = new Map<string, Blocks>();
  for (const m of sorted) {
    const blocks = m.forceId ? byForce.get(m.forceId) : undefined;
    const pool = blocks ? blocks.near([m]) : [];
    const same: { idx: number; best: Member; cmp: Comparison }[] = [];
    for (const idx of pool) {
      const r = againstCluster(m, clusters[idx]!, stats);
      if (r.verdict === 'same') same.push({ idx, best: r.best, cmp: r.cmp });
    }
    if (same.length === 1) {
      const s = same[0]!;
      clusters[s.idx]!.members.push({ mention: m, role: 'merged', matchedWith: s.best.mention, comparison: s.cmp });
      blocks!.add(m, s.idx);
      continue;
    }
    clusters.push({ members: [{ mention: m, role: 'anchor', matchedWith: null, comparison: null }] });
    if (m.forceId) {
      let b = byForce.get(m.forceId);
      if (!b) byForce.set(m.forceId, (b = new Blocks()));
      b.add(m, clusters.length - 1);
    }
  }
  return { clusters, links: linkClusters(clusters, stats), stats };
}

/** The merged kind of a cluster (members never disagree on it). */
function clusterKind(c: Cluster): string | null {
  return c.members.find((m) => m.mention.kind)?.mention.kind ?? null;
}

function clusterStageDate(c: Cluster): string | null {
  const dates = c.members.map((m) => stageDate(m.mention)).filter((d): d is string => d !== null).sort();
  return dates[0] ?? null;
}

/** Candidate links (likely the same order, not merged) and same-case links (interim then full). */
function linkClusters(clusters: Cluster[], stats: MatchStats): Link[] {
  const links: Link[] = [];
  const stagePairs: { interim: number; full: number; score: number; reason: string; days: number }[] = [];
  // Each cluster is compared with the earlier ones near it (bounded, see Blocks), then added: every
  // pair that shares a key is looked at once, from its later cluster.
  const byForce = new Map<string, Blocks>();
  const releases = clusters.map((c) => new Set(c.members.map((m) => m.mention.releaseId)));
  for (let j = 0; j < clusters.length; j++) {
    const fj = clusters[j]!.members[0]!.mention.forceId;
    if (!fj) continue;
    let blocks = byForce.get(fj);
    if (!blocks) byForce.set(fj, (blocks = new Blocks()));
    const near = blocks.near(clusters[j]!.members.map((m) => m.mention), j);
    for (const m of clusters[j]!.members) blocks.add(m.mention, j);
    for (const i of near) {
      const ci = clusters[i]!;
      const cj = clusters[j]!;
      // Any hard conflict rules a link out; the best comparison explains it. Two orders reported by one
      // release are separate orders (an interim and a full one aside).
      const [ki, kj] = [clusterKind(ci), clusterKind(cj)];
      let hard = sharesRelease(releases[i]!, releases[j]!) && !(ki && kj && ki !== kj);
      let stage = false;
      let soft = false;
      let close = false;
      let best: Comparison | null = null;
      for (const a of comparedMembers(ci)) {
        for (const b of comparedMembers(cj)) {
          stats.comparisons++;
          const cmp = compareMentions(a.mention, b.mention);
          const sameRelease = a.mention.releaseId === b.mention.releaseId;
          if (cmp.hard.length || (sameRelease && !cmp.kindConflict)) hard = true;
          if (cmp.kindConflict) stage = true;
          if (cmp.soft.length) soft = true;
          if (cmp.verdict === 'same' || cmp.verdict === 'candidate') close = true;
          if (!best || cmp.score > best.score) best = cmp;
        }
      }
      if (!best || hard) continue;
      const worst: Verdict = stage ? 'stage' : close ? (soft ? 'candidate' : 'same') : 'different';
      if (worst === 'same' || worst === 'candidate') {
        links.push({ a: i, b: j, type: 'candidate', score: best.score, reason: worst === 'same' ? `ambiguous: ${best.reason}` : best.reason });
      } else if (worst === 'stage') {
        const ki = clusterKind(ci);
        const kj = clusterKind(cj);
        const [interim, full] = ki === 'interim' && kj === 'full' ? [i, j] : ki === 'full' && kj === 'interim' ? [j, i] : [-1, -1];
        if (interim < 0) continue;
        const di = clusterStageDate(clusters[interim]!);
        const df = clusterStageDate(clusters[full]!);
        const townAndAge = best.agreed.includes('town') && best.agreed.includes('age');
        const days = di && df ? daysBetween(di, df) : NaN;
        const inOrder = Number.isFinite(days) && days >= 0 && days <= MATCH_RULES.caseWindowDays;
        if (townAndAge && inOrder) {
          stagePairs.push({ interim, full, score: best.score, days, reason: `interim then full ${Math.round(days)} days later; ${best.reason}` });
        } else if (best.agreed.includes('town') || best.agreed.includes('age')) {
          links.push({ a: interim, b: full, type: 'candidate', score: best.score, reason: `possibly interim then full: ${best.reason}${inOrder ? '' : ' (dates unknown or out of order)'}` });
        }
      }
    }
  }
  // Each interim joins at most one full order and vice versa: the nearest in time; ties stay candidates.
  // (stagePairs and links come in the order pairs were looked at; the results do not depend on it.)
  stagePairs.sort((x, y) => x.days - y.days || y.score - x.score);
  const usedInterim = new Set<number>();
  const usedFull = new Set<number>();
  // Pairs as close as another pair of the same interim or full order: nothing tells them apart.
  const tie = (p: (typeof stagePairs)[number]): string => `${p.days}:${p.score}`;
  const ties = new Map<string, number>();
  for (const p of stagePairs) for (const k of [`i${p.interim}:${tie(p)}`, `f${p.full}:${tie(p)}`]) ties.set(k, (ties.get(k) ?? 0) + 1);
  for (const p of stagePairs) {
    const rivals = (ties.get(`i${p.interim}:${tie(p)}`) ?? 0) > 1 || (ties.get(`f${p.full}:${tie(p)}`) ?? 0) > 1;
    if (usedInterim.has(p.interim) || usedFull.has(p.full) || rivals) {
      links.push({ a: p.interim, b: p.full, type: 'candidate', score: p.score, reason: `possibly the same case: ${p.reason}` });
      continue;
    }
    usedInterim.add(p.interim);
    usedFull.add(p.full);
    links.push({ a: p.interim, b: p.full, type: 'same_case', score: p.score, reason: p.reason });
  }
  return boundedCandidates(links);
}

function sharesRelease(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const r of small) if (large.has(r)) return true;
  return false;
}

/**
 * At most MATCH_RULES.linksPerOrder candidate links per order: past that, an order keeps only the links
 * that score above its (linksPerOrder + 1)-th best, so none when all are alike (nothing tells them
 * apart, and a reviewer cannot use a thousand equal "maybe"s). A link stays only if both orders keep it.
 */
function boundedCandidates(links: Link[]): Link[] {
  const byCluster = new Map<number, Link[]>();
  for (const l of links) {
    if (l.type !== 'candidate') continue;
    for (const c of [l.a, l.b]) {
      const list = byCluster.get(c);
      if (list) list.push(l);
      else byCluster.set(c, [l]);
    }
  }
  const dropped = new Set<Link>();
  for (const list of byCluster.values()) {
    if (list.length <= MATCH_RULES.linksPerOrder) continue;
    const cut = list.map((l) => l.score).sort((x, y) => y - x)[MATCH_RULES.linksPerOrder]!;
    for (const l of list) if (l.score <= cut) dropped.add(l);
  }
  return dropped.size ? links.filter((l) => !dropped.has(l)) : links;
}

// ---- merging -----------------------------------------------------------------------------

/** An order's fields, merged from its mentions: the same fields a mention carries. */
export type MergedOrder = OrderFields;

/** The most frequent value; ties go to the earliest mention. */
function vote<T>(values: (T | null)[]): T | null {
  const counts = new Map<T, { n: number; first: number }>();
  values.forEach((v, i) => {
    if (v === null || v === undefined) return;
    const c = counts.get(v);
    if (c) c.n++;
    else counts.set(v, { n: 1, first: i });
  });
  let best: T | null = null;
  let bestC = { n: 0, first: Infinity };
  for (const [v, c] of counts) {
    if (c.n > bestC.n || (c.n === bestC.n && c.first < bestC.first)) {
      best = v;
      bestC = c;
    }
  }
  return best;
}

/** Merge the fields of a cluster's mentions: a vote per field, conditions united, the age when made. */
export function mergeCluster(c: Cluster): MergedOrder {
  const ms = c.members.map((m) => m.mention);
  const townM = ms.find((m) => m.town && normTown(m.town) === normTown(vote(ms.map((x) => x.town))));
  const ages = ms.map((m) => m.age).filter((a): a is number => a !== null);
  const days = ms.map((m) => m.madeOn).filter((d): d is string => !!d && d.length >= 10);
  return {
    forceId: ms.find((m) => m.forceId)?.forceId ?? null,
    // Reports after a birthday give a higher age: the age when the order was made is the lowest.
    age: ages.length ? Math.min(...ages) : null,
    sex: vote(ms.map((m) => m.sex)),
    town: townM?.town ?? null,
    townLat: townM?.townLat ?? null,
    townLon: townM?.townLon ?? null,
    court: vote(ms.map((m) => m.court)),
    kind: vote(ms.map((m) => m.kind)),
    madeOn: days.length ? vote(days) : vote(ms.map((m) => m.madeOn)),
    duration: vote(ms.map((m) => m.duration)),
    prohibitions: [...new Set(ms.flatMap((m) => m.prohibitions))].sort(),
    requirements: [...new Set(ms.flatMap((m) => m.requirements))].sort(),
  };
}
