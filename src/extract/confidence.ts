// How much evidence an extracted order has, and why a person should check it. A research dataset needs
// to know which rows rest on a plain report ("Jane Doe, 34, of Leeds, was handed a five-year SPO at
// Leeds Magistrates' Court on 3 May") and which on a passing mention ("we recently obtained one"):
// the weak ones are listed for review (`spo orders --review`) instead of being dropped or trusted.
import type { Order, OrderConfidence } from '../domain/types.ts';
import { SPO_SOURCE, STATISTIC_SOURCE } from './lexicon/orders.ts';

const SPO = new RegExp(SPO_SOURCE, 'i');
const STATISTIC = new RegExp(STATISTIC_SOURCE, 'i');
const ALIAS = /\b(?:court|civil|protection|protective)\s+order\b/i;

export interface OrderSignals {
  /** The sentence that reports the order made. */
  anchorText: string;
  /** The order is told only inside quoted speech. */
  quoted: boolean;
  /** The text names the subject (a person introduced by name). */
  named: boolean;
  /** One of several orders made at once against the same person. */
  ofSeveral: boolean;
}

/** Reasons to review, and a 0..1 confidence, from the order's facts and how it was found. */
export function findConfidence(o: Order, sig: OrderSignals): OrderConfidence {
  const reasons: string[] = [];
  if (sig.quoted) reasons.push('told only in quoted speech');
  const namesSpo = SPO.test(sig.anchorText);
  // "two interim orders" against one person is the count of these orders, not a statistic.
  const besideCounts = !sig.ofSeveral && STATISTIC.test(sig.anchorText);
  if (!namesSpo && ALIAS.test(sig.anchorText)) reasons.push('named only as a court order');
  if (besideCounts) reasons.push('reported beside counts of orders');
  const subject = o.age !== null || o.town !== null || sig.named;
  if (!subject && o.sex === null) reasons.push('nothing about the person it is against');
  if (sig.ofSeveral) reasons.push('one of several orders made at once: check the count');
  // Evidence adds up: the order reported as made, then who it is against, where, when, and its terms.
  let c = 0.4;
  if (namesSpo) c += 0.15;
  if (subject) c += 0.15;
  else if (o.sex !== null) c += 0.05;
  if (o.court !== null) c += 0.1;
  if (o.made_on !== null) c += 0.1;
  if (o.duration !== null || o.prohibitions.length || o.requirements.length) c += 0.1;
  if (sig.quoted) c -= 0.15;
  if (besideCounts) c -= 0.1;
  const confidence = Math.round(Math.min(1, Math.max(0, c)) * 100) / 100;
  if (confidence < 0.5 && !reasons.length) reasons.push('little evidence');
  return { confidence, needs_review: reasons };
}
