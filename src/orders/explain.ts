// `spo orders --explain`: the mentions merged into one order, why, and its links to other orders.
import { databaseId } from '../domain/ids.ts';
import { ORDER_SCALARS } from '../domain/types.ts';
import type { CorrectionRow, OrderLinkRow, Store } from '../store/index.ts';

/** Mentions of an order with their releases and why they were merged. */
export interface OrderExplanation {
  order: Record<string, unknown> & { order_id: string; case_id: string };
  prohibitions: string[];
  requirements: string[];
  mentions: {
    mention_id: number;
    release_id: string;
    ordinal: number;
    role: string;
    matched_mention_id: number | null;
    score: number | null;
    agreed: string[];
    reason: string | null;
    title: string | null;
    url: string | null;
    published: string | null;
    status: string;
    fields: Record<string, unknown>;
    conditions: string[];
  }[];
  links: OrderLinkRow[];
  case_orders: { order_id: string; kind: string | null; made_on: string | null }[];
  /** People's corrections in force on this order (its fields above already carry them). */
  corrections: CorrectionRow[];
}

/** The order a user means: a full id or an unambiguous prefix. */
export function findOrderId(store: Store, id: string): string {
  // An empty prefix would match every order.
  if (!id.trim()) throw new Error('give an order id (or its first characters): `spo orders` lists them');
  if (store.orders.exists(id)) return id;
  // Exports write order ids with a letter in front (src/domain/ids.ts): every command takes that form too.
  if (/^o[0-9a-f]/.test(id)) {
    const bare = databaseId(id);
    if (store.orders.exists(bare) || store.orders.idsByPrefix(bare).length) id = bare;
  }
  const hits = store.orders.idsByPrefix(id);
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) throw new Error(`order id "${id}" is ambiguous: ${hits.join(', ')}`);
  throw new Error(`no order with id "${id}"`);
}

export function explainOrder(store: Store, id: string): OrderExplanation {
  const orderId = findOrderId(store, id);
  const order = store.orders.order(orderId)!;
  const conds = store.orders.conditions(orderId);
  const mentions = store.orders.matchReasons(orderId).map((r) => ({
    mention_id: r.mention_id,
    release_id: r.release_id,
    ordinal: r.ordinal,
    role: r.role,
    matched_mention_id: r.matched_mention_id,
    score: r.score,
    agreed: JSON.parse(r.agreed) as string[],
    reason: r.reason,
    title: r.title,
    url: r.url,
    published: r.published,
    status: r.status,
    fields: Object.fromEntries(ORDER_SCALARS.map((f) => [f, r[f] ?? null])),
    conditions: store.orders.mentionConditionTerms(r.mention_id),
  }));
  return {
    order,
    prohibitions: conds.filter((c) => c.condition_type === 'prohibition').map((c) => c.term),
    requirements: conds.filter((c) => c.condition_type === 'requirement').map((c) => c.term),
    mentions,
    links: store.orders.links(orderId),
    case_orders: store.orders.caseOrders(order.case_id),
    corrections: store.corrections.appliedTo(orderId),
  };
}
