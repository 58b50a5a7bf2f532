// The date an order was made: a date in a sentence about the order being made or the court hearing,
// not a date of the offences, the arrest, the legislation, or the date an order runs until.
import { findDates, resolveDate, type DateReference } from './dates.ts';
import type { Found } from './subject.ts';
import type { Sentence } from './sentences.ts';

interface HasSentence {
  s: Sentence;
  general?: boolean;
  grant?: boolean;
}

const GRANTED =
  /\b(?:granted|issued|imposed|handed|given|served|secured|obtained|received|approved|awarded|placed|subject to|recipient|made (?:subject|against|on|at|by|in|an? |the ))\b/i;
const ORDER_REF = /\bstalking\s+(?:protection|prevention)\s+order|\bSPO|\border\b/i;
const THIS_WAS = /^(?:This|It|That)\s+(?:was|has been|had been)\b/;
const HEARING = /\b(?:appeared|appearing)\b|\bhearing\b|\bheard by (?:the )?(?:magistrates|justices|district judge|court)\b|\b(?:at|in|before)\s+(?:the\s+)?(?:[A-Z][\w']*\s+){1,4}[Cc]ourts?\b/;
const NARRATIVE = /\b(?:heard(?!\s+by\b)|told|was told|describ\w+|explained)\b/i;
const LEGISLATION = /\bcame into (?:force|effect)|\bcomes? into (?:force|effect)|\bintroduced\b|\blegislation\b|\bAct\s+\d{4}\b|\bsince\b.*\b(?:powers|orders)\b/i;
const BAD_BEFORE =
  /\b(?:after(?!\s+\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'clock))|reported|arrested|charged|offen[cs]es?|incidents?|between|since|began|begun|started|harass\w*|stalk\w*(?!\s+(?:protection|prevention|order))|assault\w*|relationship|born|until|till|expires?|expiring|ending|ends|runs? to|breach\w*|applied|application|will|due|expected|adjourned|next)\b[^,;]{0,40}$|\b(?:date|published|posted|updated)\s*:?\s*$/i;

/**
 * The date the order was made, from the first sentence that gives one in an order-making context; a
 * month or a year ("this month") is made exact by a later such sentence giving a day within it ("the
 * order, made on 12 September, ...").
 */
export function findMadeOn(infos: HasSentence[], ref: DateReference): Found<string> | undefined {
  const first = firstMadeOn(infos, ref);
  if (!first || first.value.length === 10) return first;
  const later = infos.slice(infos.findIndex((i) => i.s === first.s) + 1);
  for (let k = 0; k < later.length; k++) {
    const next = firstMadeOn(later.slice(k), ref);
    if (!next) break;
    if (next.value.length > first.value.length && next.value.startsWith(first.value)) return next;
    k = later.findIndex((i) => i.s === next.s);
  }
  return first;
}

function firstMadeOn(infos: HasSentence[], ref: DateReference): Found<string> | undefined {
  for (const i of infos) {
    if (i.general) continue;
    const t = i.s.text;
    if (NARRATIVE.test(t) || !(HEARING.test(t) || (GRANTED.test(t) && (ORDER_REF.test(t) || THIS_WAS.test(t))))) continue;
    const legislative = LEGISLATION.test(t);
    let dated = false;
    for (const d of findDates(t)) {
      const before = t.slice(Math.max(0, d.index - 60), d.index);
      if (BAD_BEFORE.test(before)) continue;
      // "a man from March" (the Fenland town), "runs from March": a month after "from" starts something else.
      if (d.day === undefined && (/\bfrom\s+$/i.test(before) || /^from\b/i.test(t.slice(d.index, d.end)))) continue;
      if (legislative && !/\b(?:granted|issued|imposed|handed|made)\b/i.test(before)) continue;
      const iso = resolveDate(d, ref, 'past');
      if (iso) return { value: iso, s: i.s };
      dated = true;
    }
    // A date the text does not fix still marks this sentence as the one that dates the order.
    if (dated) return undefined;
  }
  return undefined;
}
