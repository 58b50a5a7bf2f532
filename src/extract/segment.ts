// Splitting a release into the specific orders it reports.
//
// Each sentence is classified: does it mention an SPO, another kind of order, or "the order" (which
// refers to whichever kind was last named)? Is it general ("orders can ban..."), statistics
// ("100 orders since 2020"), quoted speech, or hypothetical ("police will apply for a full order")?
// An "anchor" is a sentence reporting that a specific SPO was made. The first anchor opens an order;
// a later anchor opens another only when it says so ("a further order", "another", a different
// ordinal, or a different person), else it adds to the current one. Narrative sentences after an anchor
// belong to its order while the text stays on SPOs. An order is kept only when its sentences name a
// person (age, sex, name, home town, "the defendant", a pronoun): a wrong row is worse than none.
import {
  APPLICATION_SOURCE,
  MADE_ANYWAY_SOURCE,
  GENERIC_SOURCE,
  HYPOTHETICAL_SUBJECT_SOURCE,
  GRANT_SOURCE,
  NEW_ORDER_SOURCE,
  NOT_MADE_SOURCE,
  ORDER_WORD_SOURCE,
  OTHER_ORDER_SOURCE,
  SPO_SOURCE,
  STATISTIC_SOURCE,
} from './lexicon/orders.ts';
import { NUMBER_WORD_SOURCE } from './lexicon/numbers.ts';
import { parseNumber, parseOrdinal } from './numbers.ts';
import type { Sentence } from './sentences.ts';
import { findAge, findTown, mentionsPerson } from './subject.ts';

const SPO = new RegExp(SPO_SOURCE, 'i');
const OTHER = new RegExp(OTHER_ORDER_SOURCE, 'i');
const ORDER_WORD = new RegExp(ORDER_WORD_SOURCE, 'i');
const GRANT = new RegExp(GRANT_SOURCE, 'i');
const NOT_MADE = new RegExp(NOT_MADE_SOURCE, 'i');
const APPLICATION = new RegExp(APPLICATION_SOURCE, 'i');
const MADE_ANYWAY = new RegExp(MADE_ANYWAY_SOURCE, 'i');
const GENERIC = new RegExp(GENERIC_SOURCE);
const HYPOTHETICAL_SUBJECT = new RegExp(HYPOTHETICAL_SUBJECT_SOURCE);
const STATISTIC = new RegExp(STATISTIC_SOURCE, 'i');
const NEW_ORDER = new RegExp(NEW_ORDER_SOURCE, 'i');
const ORDINAL = /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|twentieth|fiftieth|hundredth|\d{1,4}(?:st|nd|rd|th))\b(?:[- ]ever)?(?!\s+(?:time|case|of its kind|force|January|February|March|April|May|June|July|August|September|October|November|December|hearing|court|appearance|instance|step))/i;
const COUNT = /\b(two|three|four|2|3|4)\s+(?:separate\s+|full\s+|interim\s+)?(?:stalking\s+(?:protection|prevention)\s+orders|SPOs)\b/i;
const SINGULAR_SUBJECT = new RegExp(`\\b(?:he|she|man|woman|boy|girl|${NUMBER_WORD_SOURCE}[- ]year[- ]old)\\b`, 'i');
const CONTRAST = /\b(?:rather than|instead of|unlike|as opposed to|not an?|similar to|like an?|differ\w*|alternative)\b/i;
const SINGULAR_ORDER = /\bstalking\s+(?:protection|prevention)\s+order\b(?!s)|\bSPO\b(?!s|'s)|\border\b(?!s)|\bstalking\s+ban\b(?!s)/i;
const INDEFINITE_PERSON = new RegExp(
  `\\b(?:[Aa]n?|[Aa]nother)\\s+(?:(?:${NUMBER_WORD_SOURCE})[- ]years?[- ]old|(?:[A-Z][\\w'-]+\\s+)?(?:man|woman|boy|girl|teenager|male|female))\\b|\\b[A-Z][a-z]+\\s+[A-Z][a-z]+,\\s*\\d{1,2}\\b`,
);
const SPECIFIC_PERSON = new RegExp(
  `\\bagainst\\s+(?:a|an|the)\\s+|\\b(?:[Aa]|[Aa]n|[Tt]he)\\s+(?:(?:${NUMBER_WORD_SOURCE})[- ]years?[- ]old|(?:[A-Z][\\w'-]+\\s+)?(?:man|woman|boy|girl))\\b`,
);
const PLURAL_FRAME = /\b(?:since|so far|this year|last year|in total|to date|have been|were (?:granted|issued|made)|across)\b/i;

export type OrderType = 'spo' | 'other' | 'mixed' | null;

export interface SentenceInfo {
  s: Sentence;
  /** What kind of order the sentence speaks of (resolved through "the order" references). */
  type: OrderType;
  /** The sentence follows talk of SPOs (for sentences naming no order). */
  spoContext: boolean;
  general: boolean;
  statistic: boolean;
  grant: boolean;
  notMade: boolean;
  anchor: boolean;
  newMarker: boolean;
  ordinal: number | null;
  /** "two stalking protection orders" against one person. */
  count: number;
}

export interface Segment {
  anchor: number;
  /** Sentence indices of the order, anchor first, in text order. */
  sentences: number[];
  /** Sentences before the first anchor (fallback for subject fields; those about other orders only for age, sex, town). */
  prefix: number[];
  ordinal: number | null;
  count: number;
  /** The order is against the same person as this earlier segment (subject fields carry over). */
  sameSubjectAs?: Segment;
}

/** Classify every sentence of a document. */
export function classify(sentences: Sentence[]): SentenceInfo[] {
  let last: 'spo' | 'other' | null = null;
  const out: SentenceInfo[] = [];
  for (const s of sentences) {
    const t = s.text;
    const spo = SPO.test(t);
    const other = OTHER.test(t);
    let type: OrderType = null;
    if (spo && other) type = 'mixed';
    else if (spo) type = 'spo';
    else if (other) type = 'other';
    else if (ORDER_WORD.test(t)) type = last;
    const spoContext = type === null ? last === 'spo' : type === 'spo';
    if (spo && !other) last = 'spo';
    else if (other && !spo) last = 'other';
    const grant = GRANT.test(t);
    let count = 1;
    const cm = COUNT.exec(t);
    let countAnchor = false;
    if (cm && grant && SINGULAR_SUBJECT.test(t) && !PLURAL_FRAME.test(t)) {
      count = parseNumber(cm[1]!) ?? 1;
      countAnchor = count > 1;
    }
    // Background wording ("since the orders were introduced") inside a sentence that reports an order
    // made against a named or described person does not make it general.
    const general = (GENERIC.test(t) && !(grant && SPECIFIC_PERSON.test(t))) || HYPOTHETICAL_SUBJECT.test(t);
    const statistic = !countAnchor && STATISTIC.test(t);
    const notMade = NOT_MADE.test(t) || (APPLICATION.test(t) && !MADE_ANYWAY.test(t));
    const anchor =
      (type === 'spo' || (type === 'mixed' && !CONTRAST.test(t))) && (countAnchor || SINGULAR_ORDER.test(t)) && grant && !general && !statistic && !notMade && !s.quote && !s.boilerplate;
    const om = anchor ? ORDINAL.exec(t) : null;
    out.push({
      s,
      type,
      spoContext,
      general,
      statistic,
      grant,
      notMade,
      anchor,
      newMarker: anchor && NEW_ORDER.test(t),
      ordinal: om ? parseOrdinal(om[1]!) : null,
      count: anchor ? count : 1,
    });
  }
  return out;
}

/** Whether a sentence may carry details of the current order. */
export function belongsToOrder(i: SentenceInfo): boolean {
  if (i.s.boilerplate) return false;
  if (i.type === 'other') return false;
  if (i.type === null && !i.spoContext) return false;
  return true;
}

/** Group the sentences of a document into orders. */
export function segment(infos: SentenceInfo[]): Segment[] {
  const segs: Segment[] = [];
  let cur: Segment | null = null;
  let curAge: number | null = null;
  let curTown: string | null = null;
  let closed = false;
  for (let k = 0; k < infos.length; k++) {
    const info = infos[k]!;
    if (info.anchor) {
      const age = findAge([info])?.value ?? null;
      const town = findTown([info])?.value ?? null;
      let isNew = cur === null;
      if (cur) {
        if (info.newMarker) isNew = true;
        else if (info.ordinal !== null && cur.ordinal !== null && info.ordinal !== cur.ordinal) isNew = true;
        else if (age !== null && curAge !== null && age !== curAge) isNew = true;
        else if (town !== null && curTown !== null && town.toLowerCase() !== curTown.toLowerCase()) isNew = true;
      }
      if (isNew) {
        const prefix: number[] = [];
        if (cur === null) {
          for (let j = 0; j < k; j++) {
            const p = infos[j]!;
            if (!p.s.boilerplate && !p.general && !p.statistic && !p.s.quote) prefix.push(j);
          }
        }
        cur = { anchor: k, sentences: [k], prefix, ordinal: info.ordinal, count: info.count };
        closed = false;
        segs.push(cur);
        curAge = age;
        curTown = town;
      } else if (cur) {
        closed = false;
        cur.sentences.push(k);
        if (cur.ordinal === null) cur.ordinal = info.ordinal;
        if (info.count > cur.count) cur.count = info.count;
        curAge ??= age;
        curTown ??= town;
      }
      continue;
    }
    if (!cur || closed) continue;
    if (!belongsToOrder(info)) continue;
    if (!info.s.quote && !info.general) {
      // Someone else, with another age, comes into the story ("Mark Hill, 50, was jailed for
      // burglary"): the order's sentences end here, until the next anchor.
      const age = findAge([info])?.value ?? null;
      if (age !== null && curAge !== null && age !== curAge) {
        closed = true;
        continue;
      }
      curAge ??= age;
      curTown ??= findTown([info])?.value ?? null;
    }
    cur.sentences.push(k);
  }
  // A later "order" whose sentences introduce nobody ("a further order, an SPO, was imposed") is the
  // previous order told again: merge it back rather than count a second order.
  const merged: Segment[] = [];
  for (const g of segs) {
    const prev = merged[merged.length - 1];
    if (prev) {
      const own = g.sentences.map((j) => infos[j]!).filter((i) => !i.s.quote && !i.general);
      const introduces = own.some((i) => findAge([i]) || findTown([i]) || INDEFINITE_PERSON.test(i.s.text));
      const anchorInfo = infos[g.anchor]!;
      if (!introduces && anchorInfo.newMarker && SPO.test(anchorInfo.s.text) && !g.prefix.length) {
        // "Another SPO was granted against the same man": a second order (one per victim) against
        // the person already named.
        merged.push({ ...g, sameSubjectAs: prev });
        continue;
      }
      if (!introduces) {
        prev.sentences.push(...g.sentences);
        prev.count = Math.max(prev.count, g.count);
        continue;
      }
    }
    merged.push(g);
  }
  // Keep only orders whose own sentences (not quotes) speak of a specific person.
  return merged.filter((g) => g.sameSubjectAs !== undefined || g.sentences.some((j) => !infos[j]!.s.quote && !infos[j]!.general && mentionsPerson(infos[j]!.s.text)));
}
