// Corrections that last: a person sets a field of an order, removes a wrong order, or merges two. They
// live in their own table and are applied over the orders after every rebuild (re-extraction, re-ingest,
// re-crawl), in the order they were made, so no rerun overwrites a person's work. Undoing one marks it
// and rebuilds the orders without it.
import { ORDER_SCALARS, PROHIBITIONS, REQUIREMENTS, type OrderScalar } from '../domain/types.ts';
import { FORCES } from '../domain/forces.ts';
import type { CorrectionRow, Store } from '../store/index.ts';

/** Fields a correction may set: the order's scalars, its force, and its two condition lists. */
export const CORRECTABLE_FIELDS = [...ORDER_SCALARS, 'force_id', 'prohibitions', 'requirements'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** Orders whose least confident mention is below this are listed by `spo orders --review`. */
export const REVIEW_BELOW_CONFIDENCE = 0.6;

export class CorrectionError extends Error {}

const DURATION = /^(?:P\d+[YMWD]|P\d+Y\d+M|until:\d{4}-\d{2}-\d{2}|indefinite)$/;
const DATE = /^\d{4}-\d{2}(?:-\d{2})?$/;

/**
 * The value a FIELD=VALUE argument sets, checked against the field's vocabulary; "null" (or an empty
 * value) clears a field. Lists are comma-separated terms of the closed vocabularies.
 */
export function parseCorrectionValue(field: string, raw: string): string | number | null | string[] {
  if (!(CORRECTABLE_FIELDS as readonly string[]).includes(field)) {
    throw new CorrectionError(`unknown field "${field}": correctable fields are ${CORRECTABLE_FIELDS.join(', ')}`);
  }
  const v = raw.trim();
  if (field === 'prohibitions' || field === 'requirements') {
    const vocab: readonly string[] = field === 'prohibitions' ? PROHIBITIONS : REQUIREMENTS;
    const terms = v === '' || v === 'null' ? [] : v.split(',').map((t) => t.trim()).filter(Boolean);
    const bad = terms.filter((t) => !vocab.includes(t));
    if (bad.length) throw new CorrectionError(`${field}: unknown term${bad.length > 1 ? 's' : ''} ${bad.join(', ')} (allowed: ${vocab.join(', ')})`);
    return [...new Set(terms)];
  }
  if (v === '' || v === 'null') return null;
  switch (field as OrderScalar | 'force_id') {
    case 'age': {
      if (!/^\d{1,3}$/.test(v) || Number(v) < 10 || Number(v) > 110) throw new CorrectionError(`age: "${v}" is not an age in years (10 to 110)`);
      return Number(v);
    }
    case 'sex':
      if (v !== 'male' && v !== 'female') throw new CorrectionError(`sex: "${v}" must be male or female`);
      return v;
    case 'kind':
      if (v !== 'interim' && v !== 'full') throw new CorrectionError(`kind: "${v}" must be interim or full`);
      return v;
    case 'made_on':
      if (!DATE.test(v) || Number.isNaN(Date.parse(v.length === 7 ? `${v}-01` : v))) throw new CorrectionError(`made_on: "${v}" must be YYYY-MM-DD or YYYY-MM`);
      return v;
    case 'duration':
      if (!DURATION.test(v)) throw new CorrectionError(`duration: "${v}" must be an ISO 8601 duration (P5Y, P18M), until:YYYY-MM-DD or indefinite`);
      return v;
    case 'force_id':
      if (!FORCES.some((f) => f.id === v)) throw new CorrectionError(`force_id: "${v}" is not a force id (see spo forces)`);
      return v;
    default:
      return v; // town, court: free text as written
  }
}

/** Apply one correction to the orders as they stand; returns the order it applied to (null: not found). */
function applyOne(store: Store, c: CorrectionRow, at: string): string | null {
  const q = store.corrections;
  const target = q.currentOrderId(c.order_id, c.anchor);
  if (!target) return null;
  if (c.action === 'set') {
    const value = JSON.parse(c.value ?? 'null') as string | number | null | string[];
    if (c.field === 'prohibitions' || c.field === 'requirements') {
      q.setConditions(target, c.field === 'prohibitions' ? 'prohibition' : 'requirement', (value as string[]) ?? [], at);
    } else {
      q.setScalar(target, c.field!, value as string | number | null, at);
    }
    return target;
  }
  if (c.action === 'remove') {
    q.remove(target);
    return target;
  }
  const into = JSON.parse(c.value!) as { order_id: string; anchor: string | null };
  const intoNow = q.currentOrderId(into.order_id, into.anchor);
  if (!intoNow || intoNow === target) return intoNow;
  q.merge(target, intoNow, at);
  return intoNow;
}

/**
 * Apply every correction in force over the orders, inside the caller's transaction (resolveOrders calls
 * it after each rebuild). Idempotent: applying twice gives the same orders.
 */
export function applyCorrections(store: Store): void {
  const at = new Date().toISOString();
  // Removals and merges first, then field values, each in the order they were made: a value a person
  // set is final, even when an order merged in later brings other conditions with it.
  const active = store.corrections.active();
  const ordered = [...active.filter((c) => c.action !== 'set'), ...active.filter((c) => c.action === 'set')];
  for (const c of ordered) store.corrections.markApplied(c.correction_id, applyOne(store, c, at));
}

export interface CorrectionRequest {
  orderId: string;
  note?: string | null;
}

function anchoredOrder(store: Store, orderId: string): { orderId: string; anchor: string | null } {
  return { orderId, anchor: store.corrections.anchorOf(orderId) };
}

/** Record corrections (FIELD=VALUE pairs) of one order and apply them; returns the correction ids. */
export function correctOrder(store: Store, req: CorrectionRequest, assignments: readonly string[]): number[] {
  if (!assignments.length) throw new CorrectionError('nothing to correct: give FIELD=VALUE (for example age=34 or prohibitions=contact,approach)');
  const parsed = assignments.map((a) => {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new CorrectionError(`"${a}" is not FIELD=VALUE`);
    const field = a.slice(0, eq).trim();
    return { field, value: parseCorrectionValue(field, a.slice(eq + 1)) };
  });
  return store.transaction(() => {
    const { orderId, anchor } = anchoredOrder(store, req.orderId);
    const at = new Date().toISOString();
    const ids = parsed.map((p) =>
      store.corrections.add({ order_id: orderId, anchor, action: 'set', field: p.field, value: JSON.stringify(p.value), note: req.note ?? null }, at),
    );
    applyCorrections(store);
    return ids;
  });
}

/** Record that an order is wrong (no such order was made) and remove it. */
export function removeOrder(store: Store, req: CorrectionRequest): number {
  return store.transaction(() => {
    const { orderId, anchor } = anchoredOrder(store, req.orderId);
    const id = store.corrections.add(
      { order_id: orderId, anchor, action: 'remove', field: null, value: null, note: req.note ?? null },
      new Date().toISOString(),
    );
    applyCorrections(store);
    return id;
  });
}

/** Record that two orders are one, and merge the first into the second. */
export function mergeOrders(store: Store, req: CorrectionRequest, intoOrderId: string): number {
  if (intoOrderId === req.orderId) throw new CorrectionError('an order cannot be merged into itself');
  return store.transaction(() => {
    const { orderId, anchor } = anchoredOrder(store, req.orderId);
    const into = anchoredOrder(store, intoOrderId);
    const id = store.corrections.add(
      {
        order_id: orderId,
        anchor,
        action: 'merge',
        field: null,
        value: JSON.stringify({ order_id: into.orderId, anchor: into.anchor }),
        note: req.note ?? null,
      },
      new Date().toISOString(),
    );
    applyCorrections(store);
    return id;
  });
}

/**
 * Undo a correction: it stays in the history, marked undone, and the orders are rebuilt from the
 * mentions with the remaining corrections applied (rebuild is the caller's resolve function, so this
 * module does not depend on resolution).
 */
export function undoCorrection(store: Store, correctionId: number, rebuild: (store: Store) => void): CorrectionRow {
  return store.transaction(() => {
    const c = store.corrections.get(correctionId);
    if (!c) throw new CorrectionError(`no correction #${correctionId} (spo correct --list shows them)`);
    if (c.undone_at) throw new CorrectionError(`correction #${correctionId} was already undone on ${c.undone_at}`);
    store.corrections.markUndone(correctionId, new Date().toISOString());
    rebuild(store);
    return store.corrections.get(correctionId)!;
  });
}

/** The provenance an export row or `spo show` gives for an order: fields corrected, notes, when. */
export interface OrderCorrectionSummary {
  corrected: string[];
  notes: string[];
  corrected_at: string | null;
}

/** Corrections in force, summarised per order they apply to now. */
export function correctionsByOrder(store: Store): Map<string, OrderCorrectionSummary> {
  const out = new Map<string, OrderCorrectionSummary>();
  for (const c of store.corrections.appliedByOrder()) {
    const s = out.get(c.applied_to!) ?? { corrected: [], notes: [], corrected_at: null };
    const what = c.action === 'set' ? c.field! : c.action === 'merge' ? `merged:${c.order_id}` : 'removed';
    if (!s.corrected.includes(what)) s.corrected.push(what);
    if (c.note) s.notes.push(c.note);
    if (!s.corrected_at || c.created_at > s.corrected_at) s.corrected_at = c.created_at;
    out.set(c.applied_to!, s);
  }
  return out;
}
