// How long an order lasts: ISO 8601 (P5Y, P18M), "until:YYYY-MM-DD", or "indefinite".
// Prison terms, maximum penalties and statutory minimums are not durations of the order.
import { NUMBER_WORD_SOURCE } from './lexicon/numbers.ts';
import { findDates, resolveDate, type DateReference } from './dates.ts';
import { parseNumber } from './numbers.ts';
import type { Found } from './subject.ts';
import type { Sentence } from './sentences.ts';

interface HasSentence {
  s: Sentence;
  general?: boolean;
  type?: 'spo' | 'other' | 'mixed' | null;
}

const N = NUMBER_WORD_SOURCE;
const UNIT = '(years?|months?|weeks?|days?)';
const ADJECTIVAL = new RegExp(
  `\\b(${N}|a|one)[- ](year|month|week|day)s?[- ](?:long\\s+)?(?:(?:full|interim|civil|court|strict)\\s+){0,2}(?:stalking|SPO|order|ban|restriction)`,
  'gi',
);
const FOR_PERIOD = new RegExp(
  `\\b(?:for|of|last|lasts|lasting|run|runs|running|remain(?:s|ing)?(?: in (?:place|force|effect))?|in (?:place|force|effect)|valid|effective)\\s+(?:for\\s+)?(?:a (?:period|duration|term|total) of\\s+)?(?:the next\\s+)?(${N}|a|an)\\s+${UNIT}\\b`,
  'gi',
);
const UNTIL = /\b(?:until|till|expires? on|expiring on|runs? (?:to|until)|ending on|up to and including|in place until|in force until)\s+/gi;
const INDEFINITE = /\bindefinite(?:ly)?\b|\bno (?:end|expiry) date\b|\bwithout (?:an? )?(?:end|expiry) date\b|\buntil further order\b|\bfor life\b/i;

const ORDER_CONTEXT = /\bstalking\s+(?:protection|prevention)\s+order|\bSPO\b|\border\b|\bmust (?:not|never)\b|\bban(?:ned|s)?\b|\bbarred\b|\bprohibit|\bprevent|\brestrict|\blast|\bremain|\bin place\b|\bin force\b|\brun(?:s|ning)?\b|\bvalid\b|\bexpir/i;
const NOT_ORDER_BEFORE =
  // How long the behaviour went on ("stalked her for a year", "a relationship of five years") is not the order's term.
  /\b(?:stalk(?:ed|ing)?(?!\s+(?:protection|prevention|order|ban))|harass\w*|abus\w*|bombard\w*|relationship|together|married|tag|tagged|tagging|curfew|electronic monitoring|up to|maximum(?: of)?|max|at least|minimum(?: of)?|more than|over|almost|nearly|under(?! (?:the )?terms)|jailed|imprisoned|imprisonment|sentenced|prison|custody|suspended|disqualified|probation|community order|restraining order|curfew|past|previous|(?:the|these|those|over the|in the|for the) last|since|ago|aged|after|served|behind bars|breach\w*|face|faces|facing)\b[^,;]{0,25}$/i;
const NOT_ORDER_AFTER =
  /^[^,;.]{0,5}\b(?:in prison|imprisonment|in jail|jail|behind bars|in custody|per offence|prison|ago|old|of age|sentence|suspended|custody|'s imprisonment)\b/i;
const SENTENCING = /\b(?:jailed|imprisoned|sentenced to|prison|custody|suspended sentence|restraining order|criminal behaviour order|community order)\b/i;

function iso(n: number, unit: string): string | null {
  const u = unit.toLowerCase();
  if (!Number.isInteger(n) || n <= 0 || n > 99) return null;
  if (u.startsWith('year')) return `P${n}Y`;
  if (u.startsWith('month')) return `P${n}M`;
  if (u.startsWith('week')) return `P${n}W`;
  if (u.startsWith('day')) return `P${n}D`;
  return null;
}

function amount(word: string): number | null {
  const w = word.toLowerCase();
  if (w === 'a' || w === 'an') return 1;
  return parseNumber(w);
}

/** A duration stated in one sentence, or null. */
export function durationIn(t: string, ref: DateReference, strict = false): string | null {
  ADJECTIVAL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ADJECTIVAL.exec(t))) {
    if (NOT_ORDER_BEFORE.test(t.slice(Math.max(0, m.index - 40), m.index))) continue;
    // Where other orders are named too, only "a ten-year stalking protection order" is unambiguous.
    if (strict && !/(?:stalking|SPO)$/i.test(m[0])) continue;
    const n = amount(m[1]!);
    const d = n === null ? null : iso(n, m[2]!);
    if (d) return d;
  }
  if (strict || !ORDER_CONTEXT.test(t)) return null;
  FOR_PERIOD.lastIndex = 0;
  while ((m = FOR_PERIOD.exec(t))) {
    const before = t.slice(Math.max(0, m.index - 40), m.index);
    const after = t.slice(m.index + m[0].length, m.index + m[0].length + 30);
    if (NOT_ORDER_BEFORE.test(before) || NOT_ORDER_AFTER.test(after)) continue;
    // "for five years" right after a sentencing word in the same clause is a prison term.
    const clause = t.slice(0, m.index).split(/[,;]|\band\b/).pop() ?? '';
    if (SENTENCING.test(clause)) continue;
    const n = amount(m[1]!);
    const d = n === null ? null : iso(n, m[2]!);
    if (d) return d;
  }
  UNTIL.lastIndex = 0;
  while ((m = UNTIL.exec(t))) {
    const rest = t.slice(m.index + m[0].length, m.index + m[0].length + 40);
    if (/^further (?:order|notice)/i.test(rest)) return 'indefinite';
    const dates = findDates(rest);
    const first = dates[0];
    if (!first || first.index > 12 || first.rel === 'this_month' || first.rel === 'last_month') continue;
    const r = resolveDate(first, ref, 'future');
    if (r && r.length === 10) return `until:${r}`;
  }
  if (INDEFINITE.test(t) && !SENTENCING.test(t)) return 'indefinite';
  return null;
}

/** The order's duration from the first sentence that states one. */
export function findDuration(infos: HasSentence[], ref: DateReference): Found<string> | undefined {
  let first: Found<string> | undefined;
  for (const i of infos) {
    if (i.general) continue;
    const d = durationIn(i.s.text, ref, i.type === 'mixed');
    if (!d) continue;
    // An order extended or renewed runs for its new term: "... will now run until 9 February 2029".
    if (EXTENDED.test(i.s.text)) return { value: d, s: i.s };
    first ??= { value: d, s: i.s };
  }
  return first;
}

/** The order's term changed at a later hearing (and the sentence gives the new one). */
const EXTENDED = /\b(?:has|have|had|was|were|been)\s+(?:\w+\s+)?(?:extended|renewed|varied)\b|\bwill now (?:run|last|remain)\b|\bnow (?:runs|lasts|expires)\b/i;
