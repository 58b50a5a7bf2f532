// What changed in a window of time (since a date, since a run, or in one run): releases new, changed
// and gone, with the field-level changes of their orders; orders new, changed and removed.
// Reads release_events, release_revisions, mention_history (superseded extractions) and order_snapshots.
import { createTwoFilesPatch } from 'diff';
import { ORDER_SCALARS, type OrderScalarRow } from '../domain/types.ts';
import type { ChangeWindow, ReleaseEventRow, Store } from '../store/index.ts';

/**
 * A window of changes: by runs (precise: every event and order snapshot carries its run) or by time
 * (`--since DATE`).
 */
export interface DiffWindow extends ChangeWindow {
  /** What the user asked for, in words. */
  label: string;
  /** The one run the window covers, when it is one run. */
  runId: number | null;
}

/** The orders one release reports, in a comparable form. */
export interface MentionState extends OrderScalarRow {
  ordinal: number;
  order_id: string | null;
  prohibitions: string[];
  requirements: string[];
}

export interface ReleaseOrderDiff {
  ordinal: number;
  order_id: string | null;
  change: 'added' | 'removed' | 'changed';
  /** "duration P5Y -> P10Y", "kind interim -> full", "prohibitions +exclusion_zone"; for an added order its fields. */
  changes: string[];
  /** The order as the release reports it now (null: removed). */
  fields: MentionState | null;
}

export interface ReleaseChange {
  release_id: string;
  event: 'new' | 'changed' | 'gone';
  force_id: string | null;
  url: string | null;
  title: string | null;
  published: string | null;
  status: string;
  is_spo: boolean;
  at: string;
  revision_from: number | null;
  revision_to: number | null;
  /** Orders the release reports now (new) or whose fields changed (changed). */
  orders: ReleaseOrderDiff[];
  text_diff?: string;
}

export interface OrderChange {
  order_id: string;
  event: 'new' | 'changed' | 'removed';
  case_id: string | null;
  force_id: string | null;
  at: string;
  fields: Record<string, unknown> | null;
  changes: string[];
  /** The releases reporting the order, newest first (the feed links to the first). */
  releases: { release_id: string; url: string | null; title: string | null; published: string | null }[];
}

export interface DiffResult {
  window: DiffWindow;
  releases: ReleaseChange[];
  orders: OrderChange[];
  counts: {
    releases: { new: number; changed: number; gone: number; unchanged: number; not_spo: number };
    orders: { new: number; changed: number; removed: number };
  };
}

/** `--since DATE|RUN`, `--run N`, or by default the latest run. */
export function resolveWindow(store: Store, opts: { since?: string; run?: number | string } = {}): DiffWindow {
  const run = (id: number) => store.diff.run(id);
  if (opts.run !== undefined) {
    const id = Number(opts.run);
    const r = Number.isInteger(id) ? run(id) : undefined;
    if (!r) throw new Error(`no run ${opts.run}`);
    return { from: r.started_at, to: r.finished_at, runs: { first: r.run_id, last: r.run_id }, label: `run ${r.run_id}`, runId: r.run_id };
  }
  if (opts.since !== undefined) {
    const s = opts.since.trim();
    if (/^\d+$/.test(s)) {
      const r = run(Number(s));
      if (!r) throw new Error(`no run ${s} (give --since a run number, or a date as YYYY-MM-DD)`);
      const next = store.diff.nextRunStart(r.run_id);
      return { from: next ?? r.finished_at ?? r.started_at, to: null, runs: { first: r.run_id + 1, last: null }, label: `since run ${r.run_id}`, runId: null };
    }
    const m = s.match(/^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)Z?)?$/);
    if (!m) throw new Error(`--since wants a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM) or a run number, got "${opts.since}"`);
    const from = new Date(`${m[1]}T${m[2] ?? '00:00'}${m[2] && m[2].length === 5 ? ':00' : ''}Z`);
    if (Number.isNaN(from.getTime())) throw new Error(`--since: not a date: "${opts.since}"`);
    return { from: from.toISOString(), to: null, runs: null, label: `since ${s}`, runId: null };
  }
  const last = store.diff.lastRun();
  if (!last) return { from: null, to: null, runs: null, label: 'everything (no runs recorded)', runId: null };
  return { from: last.started_at, to: last.finished_at, runs: { first: last.run_id, last: last.run_id }, label: `the last run (${last.run_id})`, runId: last.run_id };
}

/** The scalar fields of a row or a parsed snapshot, absent ones as null. */
function scalarsOf(d: Record<string, unknown>): OrderScalarRow {
  return Object.fromEntries(ORDER_SCALARS.map((f) => [f, d[f] ?? null])) as unknown as OrderScalarRow;
}

function parseState(ordinal: number, data: string): MentionState {
  const d = JSON.parse(data) as Record<string, unknown>;
  const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]).slice().sort() : []);
  return {
    ordinal,
    order_id: (d.order_id as string | null) ?? null,
    ...scalarsOf(d),
    prohibitions: list(d.prohibitions),
    requirements: list(d.requirements),
  };
}

/** The orders a release reported in one revision: the current mentions, or the archived ones. */
export function mentionsAt(store: Store, releaseId: string, revisionId: number | null): MentionState[] | null {
  const current = store.diff.currentMentions(releaseId);
  const currentRev = store.latestRevision(releaseId)?.revision_id ?? null;
  if (revisionId === null || revisionId === currentRev || (current.length && current[0]!.revision_id === revisionId)) {
    if (current.length || revisionId === currentRev) {
      return current.map((m) => {
        const cs = store.diff.mentionConditions(m.mention_id);
        return {
          ordinal: m.ordinal,
          order_id: m.order_id,
          ...scalarsOf(m as unknown as Record<string, unknown>),
          prohibitions: cs.filter((c) => c.condition_type === 'prohibition').map((c) => c.term),
          requirements: cs.filter((c) => c.condition_type === 'requirement').map((c) => c.term),
        };
      });
    }
  }
  // The latest archived extraction of that revision (one re-extraction archives a whole batch at once).
  const rows = store.diff.archivedMentions(releaseId, revisionId);
  if (!rows.length) return null;
  return rows.map((r) => parseState(r.ordinal, r.data));
}

const show = (v: unknown): string => (v === null || v === undefined || v === '' ? '(none)' : String(v));

/** Field-level changes between two states of one order: "duration P5Y -> P10Y", "prohibitions +exclusion_zone". */
export function fieldChanges(before: Partial<MentionState> | null, after: Partial<MentionState> | null): string[] {
  const out: string[] = [];
  for (const f of ORDER_SCALARS) {
    const a = before?.[f] ?? null;
    const b = after?.[f] ?? null;
    if (a !== b) out.push(`${f} ${show(a)} -> ${show(b)}`);
  }
  for (const f of ['prohibitions', 'requirements'] as const) {
    const a = new Set(before?.[f] ?? []);
    const b = new Set(after?.[f] ?? []);
    const plus = [...b].filter((t) => !a.has(t)).sort();
    const minus = [...a].filter((t) => !b.has(t)).sort();
    if (plus.length || minus.length) out.push(`${f} ${[...plus.map((t) => `+${t}`), ...minus.map((t) => `-${t}`)].join(' ')}`);
  }
  return out;
}

/** An order's known fields in words: "age 54", "town Rochester", "prohibitions contact surveillance". */
export function describeMention(m: MentionState): string[] {
  const out: string[] = [];
  for (const f of ORDER_SCALARS) if (m[f] !== null && m[f] !== undefined) out.push(`${f} ${m[f]}`);
  if (m.prohibitions.length) out.push(`prohibitions ${m.prohibitions.join(' ')}`);
  if (m.requirements.length) out.push(`requirements ${m.requirements.join(' ')}`);
  return out;
}

/** Pair the orders of two revisions of one release: by likeness first (orders move), then by position. */
export function pairMentions(before: MentionState[], after: MentionState[]): [MentionState | null, MentionState | null][] {
  const likeness = (a: MentionState, b: MentionState): number =>
    (a.age !== null && a.age === b.age ? 2 : 0) +
    (a.town !== null && a.town === b.town ? 2 : 0) +
    (a.made_on !== null && a.made_on === b.made_on ? 1 : 0) +
    (a.court !== null && a.court === b.court ? 1 : 0) +
    (a.sex !== null && a.sex === b.sex ? 0.5 : 0) +
    (a.ordinal === b.ordinal ? 0.75 : 0);
  const pairs: { i: number; j: number; s: number }[] = [];
  before.forEach((a, i) => {
    after.forEach((b, j) => {
      pairs.push({ i, j, s: likeness(a, b) });
    });
  });
  pairs.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: [MentionState | null, MentionState | null][] = [];
  for (const p of pairs) {
    if (p.s < 0.75 || usedA.has(p.i) || usedB.has(p.j)) continue;
    usedA.add(p.i);
    usedB.add(p.j);
    out.push([before[p.i]!, after[p.j]!]);
  }
  before.forEach((a, i) => {
    if (!usedA.has(i)) out.push([a, null]);
  });
  after.forEach((b, j) => {
    if (!usedB.has(j)) out.push([null, b]);
  });
  return out.sort((x, y) => (x[1]?.ordinal ?? x[0]!.ordinal + 1000) - (y[1]?.ordinal ?? y[0]!.ordinal + 1000));
}

/** The field-level changes of a release's orders between two revisions. */
export function releaseOrderDiffs(before: MentionState[], after: MentionState[]): ReleaseOrderDiff[] {
  const out: ReleaseOrderDiff[] = [];
  for (const [a, b] of pairMentions(before, after)) {
    if (a && b) {
      const changes = fieldChanges(a, b);
      if (changes.length) out.push({ ordinal: b.ordinal, order_id: b.order_id, change: 'changed', changes, fields: b });
    } else if (b) out.push({ ordinal: b.ordinal, order_id: b.order_id, change: 'added', changes: describeMention(b), fields: b });
    else if (a) out.push({ ordinal: a.ordinal, order_id: a.order_id, change: 'removed', changes: describeMention(a), fields: null });
  }
  return out;
}

/** Everything new, changed and gone in the window. `text` adds a unified text diff to changed releases. */
export function computeDiff(store: Store, window: DiffWindow, opts: { text?: boolean; all?: boolean } = {}): DiffResult {
  const events = store.diff.eventsIn(window);
  const byRelease = new Map<string, ReleaseEventRow[]>();
  for (const e of events) byRelease.set(e.release_id, [...(byRelease.get(e.release_id) ?? []), e]);

  const counts: DiffResult['counts'] = {
    releases: { new: 0, changed: 0, gone: 0, unchanged: 0, not_spo: 0 },
    orders: { new: 0, changed: 0, removed: 0 },
  };
  const releases: ReleaseChange[] = [];
  for (const [releaseId, evs] of byRelease) {
    const r = store.release(releaseId);
    if (!r) continue;
    const last = evs[evs.length - 1]!;
    const event: ReleaseChange['event'] | 'unchanged' = evs.some((e) => e.event === 'new')
      ? 'new'
      : last.event === 'gone'
        ? 'gone'
        : evs.some((e) => e.event === 'changed')
          ? 'changed'
          : 'unchanged';
    if (event === 'unchanged') {
      counts.releases.unchanged++;
      continue;
    }
    const spo = r.is_spo === 1 || (event === 'changed' && store.diff.hadOrders(releaseId));
    if (!spo && !opts.all) {
      counts.releases.not_spo++;
      continue;
    }
    const revTo = [...evs].reverse().find((e) => e.revision_id !== null)?.revision_id ?? null;
    const firstChange = evs.find((e) => e.event === 'changed' || e.event === 'new');
    let revFrom: number | null = null;
    let orders: ReleaseOrderDiff[] = [];
    let textDiff: string | undefined;
    const after = mentionsAt(store, releaseId, revTo) ?? [];
    if (event === 'changed' && firstChange?.revision_id) {
      // The revision the release held before (see revisionBeforeEvent), else (no revision recorded
      // before it) the revision created before this one.
      revFrom =
        store.diff.revisionBeforeEvent(releaseId, firstChange.event_id, firstChange.revision_id) ??
        store.diff.lowerRevision(releaseId, firstChange.revision_id);
      const before = revFrom !== null ? (mentionsAt(store, releaseId, revFrom) ?? []) : [];
      orders = releaseOrderDiffs(before, after);
      if (opts.text && revFrom !== null && revTo !== null) {
        const a = store.diff.revisionBody(revFrom) ?? '';
        const b = store.diff.revisionBody(revTo) ?? '';
        textDiff = createTwoFilesPatch(`${releaseId} revision ${revFrom}`, `${releaseId} revision ${revTo}`, a, b, undefined, undefined, { context: 2 });
      }
    } else if (event === 'new') {
      orders = after.map((m) => ({ ordinal: m.ordinal, order_id: m.order_id, change: 'added' as const, changes: describeMention(m), fields: m }));
    }
    counts.releases[event]++;
    releases.push({
      release_id: releaseId,
      event,
      force_id: r.force_id,
      url: r.url,
      title: r.title,
      published: r.published,
      status: r.status,
      is_spo: r.is_spo === 1,
      at: last.at,
      revision_from: revFrom,
      revision_to: revTo,
      orders,
      ...(textDiff !== undefined ? { text_diff: textDiff } : {}),
    });
  }
  const rank = { new: 0, changed: 1, gone: 2 };
  releases.sort((a, b) => rank[a.event] - rank[b.event] || (b.published ?? '').localeCompare(a.published ?? '') || a.release_id.localeCompare(b.release_id));

  const orders = orderChanges(store, window, new Set(releases.map((r) => r.release_id)));
  for (const o of orders) counts.orders[o.event]++;
  return { window, releases, orders, counts };
}

/** Orders whose merged state changed in the window, compared with their state before it. */
export function orderChanges(store: Store, window: DiffWindow, touched: Set<string> = new Set()): OrderChange[] {
  const out: OrderChange[] = [];
  for (const id of store.diff.ordersSnapshottedIn(window)) {
    const b = window.from || window.runs ? store.diff.snapshotBefore(id, window) : undefined;
    const a = store.diff.snapshotIn(id, window);
    if (!a) continue;
    const prev = b?.data ? (JSON.parse(b.data) as Record<string, unknown>) : null;
    const cur = a.data ? (JSON.parse(a.data) as Record<string, unknown>) : null;
    if (!prev && !cur) continue;
    if (prev && cur && b!.hash === a.hash) continue;
    const event: OrderChange['event'] = !prev ? 'new' : !cur ? 'removed' : 'changed';
    const changes: string[] = [];
    if (prev && cur) {
      changes.push(...fieldChanges(prev as Partial<MentionState>, cur as Partial<MentionState>));
      const pm = new Set((prev.mentions as string[]) ?? []);
      const cm = new Set((cur.mentions as string[]) ?? []);
      const added = [...cm].filter((m) => !pm.has(m));
      const dropped = [...pm].filter((m) => !cm.has(m));
      if (added.length) changes.push(`reported again: +${added.length} release${added.length > 1 ? 's' : ''}`);
      if (dropped.length) changes.push(`no longer reported by ${dropped.length} release${dropped.length > 1 ? 's' : ''}`);
      if (prev.case_id !== cur.case_id) changes.push(`case ${show(prev.case_id)} -> ${show(cur.case_id)}`);
    }
    const state = cur ?? prev!;
    const mentionIds = ((state.mentions as string[]) ?? []).map((m) => m.split('#')[0]!);
    const releases = [...new Set(mentionIds)]
      .map((rid) => store.diff.releaseLink(rid))
      .filter((r): r is OrderChange['releases'][number] => !!r)
      .sort((x, y) => (y.published ?? '').localeCompare(x.published ?? ''));
    // An order links first to the release that brought the change: one that reports it anew, else one
    // new or changed in the window, else the newest.
    const newOnes = new Set(
      ((cur?.mentions as string[]) ?? []).filter((m) => !((prev?.mentions as string[]) ?? []).includes(m)).map((m) => m.split('#')[0]),
    );
    const weight = (r: { release_id: string }) => (prev && newOnes.has(r.release_id) ? 2 : 0) + (touched.has(r.release_id) ? 1 : 0);
    releases.sort((x, y) => weight(y) - weight(x));
    out.push({
      order_id: id,
      event,
      case_id: (state.case_id as string) ?? null,
      force_id: (state.force_id as string) ?? null,
      at: a.at,
      fields: cur,
      changes,
      releases,
    });
  }
  const rank = { new: 0, changed: 1, removed: 2 };
  return out.sort((x, y) => rank[x.event] - rank[y.event] || x.order_id.localeCompare(y.order_id));
}

/** The diff as text for a terminal. */
export function formatDiff(d: DiffResult): string {
  const lines: string[] = [];
  const c = d.counts;
  lines.push(
    `Changes ${d.window.label}: releases ${c.releases.new} new, ${c.releases.changed} changed, ${c.releases.gone} gone` +
      ` (${c.releases.unchanged} unchanged${c.releases.not_spo ? `, ${c.releases.not_spo} not about SPOs` : ''});` +
      ` orders ${c.orders.new} new, ${c.orders.changed} changed${c.orders.removed ? `, ${c.orders.removed} merged or removed` : ''}`,
  );
  if (d.releases.length) lines.push('', 'Releases');
  for (const r of d.releases) {
    const tag = r.event === 'gone' ? 'GONE   ' : r.event === 'new' ? 'NEW    ' : 'CHANGED';
    lines.push(`  ${tag} ${r.release_id}  ${r.force_id ?? '-'}  ${r.published?.slice(0, 10) ?? '----------'}  ${r.title ?? '(untitled)'}`);
    if (r.url) lines.push(`          ${r.url}`);
    if (r.event === 'gone') lines.push('          withdrawn at the source (data kept)');
    for (const o of r.orders) {
      const who = `order ${o.ordinal + 1}${o.order_id ? ` (${o.order_id})` : ''}`;
      if (o.change === 'removed') lines.push(`          ${who}: no longer reported`);
      else if (r.event === 'new') lines.push(`          ${who}: ${o.changes.join('; ') || 'no details'}`);
      else lines.push(`          ${who}${o.change === 'added' ? ' (new in this revision)' : ''}: ${o.changes.join('; ')}`);
    }
    if (r.event === 'changed' && !r.orders.length) lines.push('          text changed; its orders did not');
    if (r.text_diff) lines.push(...r.text_diff.trimEnd().split('\n').map((l) => `          ${l}`));
  }
  if (d.orders.length) lines.push('', 'Orders');
  for (const o of d.orders) {
    const f = o.fields ?? {};
    const what = [f.kind, f.age !== null && f.age !== undefined ? `age ${f.age}` : null, f.town, f.made_on, f.duration].filter(Boolean).join(', ');
    lines.push(`  ${o.event.toUpperCase().padEnd(7)} ${o.order_id}  ${o.force_id ?? '-'}  ${what}`);
    for (const ch of o.changes) lines.push(`          ${ch}`);
    if (o.releases[0]?.url) lines.push(`          ${o.releases[0].url}`);
  }
  return lines.join('\n');
}
