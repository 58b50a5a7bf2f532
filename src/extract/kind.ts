// Interim or full: only where the text says so of this order, and not of an order yet to be sought
// ("police will apply for a full order").
import type { OrderKind } from '../domain/types.ts';
import type { Found } from './subject.ts';
import type { Sentence } from './sentences.ts';
import { OTHER_ORDER_SOURCE } from './lexicon/orders.ts';

const OTHER = new RegExp(OTHER_ORDER_SOURCE, 'i');

interface HasSentence {
  s: Sentence;
  general?: boolean;
}

const KIND = /\b(interim|full)\b(?:[\s,-]+(?:and\s+)?[\w-]+){0,3}?\s+(?:stalking\s+(?:protection|prevention)\s+orders?|SPOs?|orders?)\b/gi;
const SOUGHT = /\b(?:apply|applying|applied|application|seek|seeking|sought|ask|asking|consider|considering|decide|deciding|whether|return(?:ing)?(?: to court)?|hearing|bid|push|will|would|could|may|until|before|pending|ahead of|awaiting|replace[ds]?|replacing|converted|become|becomes)\b(?:\s+\w+){0,3}\s*(?:for|to|of)?\s*(?:a|an|the)?\s*$/i;

export function findKind(infos: HasSentence[]): Found<OrderKind> | undefined {
  const found: Array<Found<OrderKind>> = [];
  for (const i of infos) {
    if (i.general) continue;
    const t = i.s.text;
    KIND.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = KIND.exec(t))) {
      if (SOUGHT.test(t.slice(Math.max(0, m.index - 40), m.index))) continue;
      if (OTHER.test(m[0])) continue;
      // "when the full order application will be heard": the order sought, not the one made.
      if (/^\s*(?:applications?|hearings?|bids?)\b/i.test(t.slice(m.index + m[0].length))) continue;
      found.push({ value: m[1]!.toLowerCase() as OrderKind, s: i.s });
    }
  }
  if (!found.length) return undefined;
  // An interim order later made full is a full order.
  return found.find((f) => f.value === 'full') ?? found[0];
}
