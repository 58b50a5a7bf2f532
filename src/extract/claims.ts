// Claims: the figures a text states about SPOs (LABELING.md, "Claims"): how many a force (or the
// country, or a region) applied for, obtained, has in force, saw breached or was refused, each with the
// sentence it came from and the date it speaks of.
//
// A figure is read from the words around one number in one sentence:
//   - what it counts: a measure verb with the number as its subject ("40 orders were applied for",
//     "189 issued") or its object ("Kent Police has obtained 100 orders", "Northumbria requested nine"),
//     "breached 70 times", "42 people were subject to orders", a label ("SPOs granted: 23"), or a
//     negation that states zero ("did not apply for a single order");
//   - whether it counts SPOs at all: the noun after the number (orders, applications, people), and no
//     other kind of order named nearer than an SPO;
//   - who it is about: the nearest force, national/regional phrase or "the force"/"we" in the clause,
//     then the sentence, then the force of the release;
//   - when: a date or period in the clause (the end of it), else the publication date.
// Inexact figures ("fewer than five", "more than 20"), increments ("another 11"), durations, ages and
// the orders of the case being reported ("was handed two interim orders") are not claims.
import { FORCES, type ForceEntry } from '../domain/forces.ts';
import type { ClaimMeasure, ClaimMention } from '../domain/types.ts';
import { findDates, resolveDate, type DateReference } from './dates.ts';
import {
  APPLICATION_MADE_SOURCE,
  APPLICATION_NOUN_SOURCE,
  CASE_AFTER_SOURCE,
  COURT_SUBJECT_SOURCE,
  IN_FORCE_SOURCE,
  MEASURE_VERBS,
  NATIONAL_SOURCE,
  NONE_SOURCE,
  NOT_COUNT_AFTER_SOURCE,
  NOT_EXACT_BEFORE_SOURCE,
  NOT_STATED_BEFORE_SOURCE,
  NOUN_ADJECTIVE_SOURCE,
  ORDER_NOUN_SOURCE,
  OWN_FORCE_SOURCE,
  PEOPLE_NOUN_SOURCE,
  PERIOD_START_BEFORE_SOURCE,
  PERSON_SOURCE,
  CASE_BREACH_BEFORE_SOURCE,
  PART_OF_BEFORE_SOURCE,
  PART_OF_AFTER_SOURCE,
  COLUMN_MEASURES,
  ONE_ORDER_AFTER_SOURCE,
  SPO_COMMENCEMENT,
  SUBJECT_TO_ORDER_SOURCE,
} from './lexicon/claims.ts';
import { OTHER_ORDER_SOURCE, SPO_SOURCE } from './lexicon/orders.ts';
import { parseNumber } from './numbers.ts';
import type { Sentence } from './sentences.ts';

const UNIT = 'one|two|three|four|five|six|seven|eight|nine';
const TEEN = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const BELOW_100 = `(?:(?:${TENS})(?:[- ](?:${UNIT}))?|${TEEN}|${UNIT})`;
const WORD_NUMBER = `(?:(?:${UNIT}|a)\\s+hundred(?:\\s+and\\s+${BELOW_100})?|${BELOW_100}|none|zero)`;
/** A number as a whole word or digit group: not part of a date, a phone number, an ordinal or "5-year". */
const NUMBER = new RegExp(`(?<![\\w£$.,/:-])(\\d{1,3}(?:,\\d{3})+|\\d+|${WORD_NUMBER})(?![\\w%/:-]|[.,]\\d)`, 'gi');

const verbAlternatives = MEASURE_VERBS.map((v) => v.source).join('|');
const MEASURE_OF = MEASURE_VERBS.map((v) => ({ measure: v.measure, re: new RegExp(`^(?:${v.source})$`, 'i') }));
function measureOfVerb(verb: string): ClaimMeasure {
  const v = verb.replace(/\s+/g, ' ');
  return MEASURE_OF.find((m) => m.re.test(v))!.measure;
}

const COLUMNS = COLUMN_MEASURES.map((c) => ({ measure: c.measure, re: new RegExp(c.source, 'i') }));
/** What a table column (or a phrase such as "orders refused") counts, from its words; null when they do not say. */
function columnMeasure(words: string): ClaimMeasure | null {
  return COLUMNS.find((c) => c.re.test(words))?.measure ?? null;
}

const NOUN = new RegExp(
  `^\\s+(?:of\\s+(?:the|these|those|its|their|which)\\s+)?((?:${NOUN_ADJECTIVE_SOURCE}\\s+)*)(?:(${APPLICATION_NOUN_SOURCE})|(${ORDER_NOUN_SOURCE})|(${PEOPLE_NOUN_SOURCE})|(breaches|refusals)|(times|occasions)|((?:of\\s+)?them))\\b`,
  'i',
);
/** What may follow a number that has no noun of its own ("seven had been granted", "requested nine."). */
const NOUNLESS_NEXT = new RegExp(
  `^(?:\\s*$|\\s*[.,;:)!?"']|\\s+(?:were|was|have|has|had|are|is|been|in|since|last|this|so|to|and|by|during|of\\s+which|over|between|with|at|across|within|under|before|after|until|up|as|now|being|already|successfully|${verbAlternatives})\\b)`,
  'i',
);
// The number is the subject: an optional place/time phrase, an auxiliary, adverbs, then the verb.
const AFTER_VERB = new RegExp(
  `^(?:\\s+(?:in|across|by|at|within|throughout|during|over|since|last|this|so\\s+far|to\\s+date|from)\\b(?:(?!\\s(?:and|while|but|or)\\s)[^,;:\\d]){0,40}?)?\\s*,?\\s*(?:(?:have|has|had)\\s+(?:\\w+\\s+)?been|were|was|are|is|being|had|have|has|remain|remained)?\\s*(?:(?:now|so\\s+far|already|currently|successfully|either|all|since|just|only|also|subsequently|then|eventually|ultimately|still|each)\\s+)*(?:(made\\s+subject\\s+to|placed\\s+(?:on|under)|issued\\s+with|given|handed)|(subject\\s+to)|(${IN_FORCE_SOURCE})|(${verbAlternatives})\\b)`,
  'i',
);
// The number is the object: the verb right before it, allowing "for", "a total of", "its".
const BEFORE_VERB = new RegExp(
  `\\b(${verbAlternatives}|made|had)(?:\\s+for)?\\s+(?:(?:a\\s+total\\s+of|in\\s+total|a\\s+record(?:\\s+high\\s+of)?|just|only|its|their|our|now|so\\s+far|exactly|precisely|some)\\s+)*$`,
  'i',
);
const BREACH_TIMES_BEFORE = /\bbreach(?:ed)?\s+(?:a\s+total\s+of\s+)?$/i;
const FORCE_SUBJECT = /\b(?:Police|Constabulary|Police\s+Service|the\s+force|we)\b(?:(?!\b(?:but|while)\b)[^,;])*$/i;
const PASSIVE_BEFORE = /\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$/i;
const NOT_EXACT_BEFORE = new RegExp(NOT_EXACT_BEFORE_SOURCE, 'i');
const NOT_COUNT_AFTER = new RegExp(NOT_COUNT_AFTER_SOURCE, 'i');
const NOT_STATED_BEFORE = new RegExp(NOT_STATED_BEFORE_SOURCE, 'i');
const PERSON = new RegExp(PERSON_SOURCE, 'i');
const CASE_BREACH_BEFORE = new RegExp(CASE_BREACH_BEFORE_SOURCE, 'i');
const AGE_AFTER_NAME_BEFORE = /\b[A-Z][a-z'-]+\s+(?!Police\b|Constabulary\b)[A-Z][a-z'-]+\s*[,(]\s*$/;
const AGE_AFTER_NAME_AFTER = /^\s*[,)]\s*(?:of|from|was|is|has|had|who|appeared|admitted|pleaded|received|became)\b/;
const PART_OF_BEFORE = new RegExp(PART_OF_BEFORE_SOURCE, 'i');
const PART_OF_AFTER = new RegExp(PART_OF_AFTER_SOURCE, 'i');
const ONE_ORDER_AFTER = new RegExp(ONE_ORDER_AFTER_SOURCE, 'i');
const COURT_SUBJECT = new RegExp(COURT_SUBJECT_SOURCE, 'i');
const SUBJECT_TO_ORDER = new RegExp(SUBJECT_TO_ORDER_SOURCE, 'i');
const CASE_AFTER = new RegExp(CASE_AFTER_SOURCE, 'i');
const APPLICATION_MADE = new RegExp(`^(?:${APPLICATION_MADE_SOURCE})$`, 'i');
const NONE = new RegExp(NONE_SOURCE.replace('VERB', `apply|applied|${verbAlternatives}`), 'gi');
const HAS_NUMBER = new RegExp(NUMBER.source, 'i');
const HAS_NONE = new RegExp(NONE.source, 'i');
const MONTH_NAME = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s*$/;
const MONTH_AFTER = /^\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/;
const SPO_MENTION = new RegExp(SPO_SOURCE, 'gi');
const OTHER_ORDER = new RegExp(OTHER_ORDER_SOURCE, 'gi');
/** Labels as FOI answers and tables write them: "SPOs granted: 23", "Number of applications | 25". */
const LABEL = new RegExp(
  `\\b(?:(?:total\\s+)?number\\s+of\\s+|total\\s+)?(?:${ORDER_NOUN_SOURCE}|${APPLICATION_NOUN_SOURCE})?\\s*(${verbAlternatives}|${IN_FORCE_SOURCE}|breaches)?\\s*(?:\\([^)]*\\))?\\s*[:=|]\\s*$`,
  'i',
);

const NUMBER_OF = new RegExp(
  `\\b(?:total\\s+)?number\\s+of\\s+(${ORDER_NOUN_SOURCE}|${APPLICATION_NOUN_SOURCE}|breaches(?:\\s+of\\s+(?:${ORDER_NOUN_SOURCE}))?)\\b([^,;:]{0,50}?)\\s+(?:is|was|stands\\s+at|stood\\s+at|totals|totalled|came\\s+to|reached|has\\s+reached|(?:has\\s+)?(?:risen|rose|increased|grown|grew)\\s+to|now\\s+stands\\s+at)\\s+(?:now\\s+)?$`,
  'i',
);

const TOTAL_TO = new RegExp(
  `\\b(?:brings?|bringing|brought|takes?|taking|took)\\s+(?:[\\w']+\\s+){0,3}?(?:total|number|tally)(?:\\s+number)?(?:\\s+of\\s+((?:${NOUN_ADJECTIVE_SOURCE}\\s+)*(?:${ORDER_NOUN_SOURCE}|${APPLICATION_NOUN_SOURCE})))?([^.;:]{0,60}?)\\s+to\\s+$`,
  'i',
);
const aboutSpoWord = /\b(?:SPOs?|orders?)\b/i;

interface Referent {
  index: number;
  end: number;
  /** The force, or null for a national/regional phrase, or 'own' for "the force"/"we". */
  force: string | null | 'own';
}

const escapeName = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');

/** Area names a force goes by ("Kent", "Devon and Cornwall"): a figure "in Surrey" is Surrey Police's. */
function areaNames(f: ForceEntry): string[] {
  const out = new Set<string>();
  for (const n of [f.name, ...f.aliases]) {
    const m = /^(.*?)\s+(?:Police Service|Police|Constabulary)$/i.exec(n);
    // "Met" alone is also a verb and the weather office: only "the Met" (an alias) names the force.
    if (m && m[1]!.length > 3) out.add(m[1]!);
  }
  return [...out];
}

let forcePatterns: Array<{ re: RegExp; force: ForceEntry }> | null = null;
function forceMentionPatterns(): Array<{ re: RegExp; force: ForceEntry }> {
  if (forcePatterns) return forcePatterns;
  const list: Array<{ src: string; force: ForceEntry; len: number; flags: string }> = [];
  for (const f of FORCES) {
    for (const n of [f.name, ...f.aliases]) list.push({ src: `\\b${escapeName(n)}\\b`, force: f, len: n.length, flags: 'gi' });
    // Area names are capitalised words: case-sensitive so "kent" in a URL slug or "durham" lower case stays out.
    for (const a of areaNames(f)) list.push({ src: `\\b${escapeName(a)}(?:'s)?(?:\\s+(?:police\\s+force|force|area))?\\b`, force: f, len: a.length, flags: 'g' });
  }
  list.sort((a, b) => b.len - a.len);
  forcePatterns = list.map((p) => ({ re: new RegExp(p.src, p.flags), force: p.force }));
  return forcePatterns;
}

const NATIONAL = new RegExp(NATIONAL_SOURCE, 'gi');
const OWN_FORCE = new RegExp(OWN_FORCE_SOURCE, 'gi');
const RANKING_BEFORE = /\b(?:first|only|highest|largest|most|best|second|third|fourth|fifth|top|leading|lowest|fewest)\b[^,.;]{0,30}$/i;

/** Who a sentence's figures may be about: forces named, national phrases, and pointers to the release's force. */
function referents(text: string): Referent[] {
  const found: Referent[] = [];
  const free = (a: number, b: number): boolean => !found.some((r) => a < r.end && b > r.index);
  for (const p of forceMentionPatterns()) {
    p.re.lastIndex = 0;
    for (const m of text.matchAll(p.re)) if (free(m.index, m.index + m[0].length)) found.push({ index: m.index, end: m.index + m[0].length, force: p.force.name });
  }
  for (const [re, force] of [[NATIONAL, null], [OWN_FORCE, 'own']] as const) {
    for (const m of text.matchAll(re)) {
      // "the first force in the country to...", "the fifth highest of all forces": a ranking, not whom the figure is about.
      if (force === null && RANKING_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
      if (free(m.index, m.index + m[0].length)) found.push({ index: m.index, end: m.index + m[0].length, force });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Clause boundaries: a figure's force and date are looked for in its own clause first. */
const CLAUSE_BREAK = /;|:\s|,\s+(?=(?:while|whereas|but|though|although|as|and|with|compared|despite)\b)|\s(?=(?:while|whereas|but|despite)\s)|\band,\s|\s-\s/g;
function clauseAround(text: string, at: number): [number, number] {
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    const b = m.index + m[0].length;
    if (b <= at) start = b;
    else if (m.index >= at) {
      end = m.index;
      break;
    }
  }
  return [start, end];
}

function pickReferent(refs: Referent[], at: number, clause: [number, number]): Referent | undefined {
  const inClause = refs.filter((r) => r.index >= clause[0] && r.end <= clause[1]);
  const before = (list: Referent[]): Referent | undefined => list.filter((r) => r.end <= at).at(-1);
  const after = (list: Referent[]): Referent | undefined => list.find((r) => r.index >= at);
  return before(inClause) ?? after(inClause) ?? before(refs) ?? after(refs);
}

/** Where the last match of `re` (a global pattern) starting before `limit` is, else -1. */
function lastMatchAt(text: string, re: RegExp, limit = text.length): number {
  let pos = -1;
  for (const m of text.matchAll(re)) if (m.index < limit) pos = m.index;
  return pos;
}

/** Whether the nearest order type named before `at` (in this sentence, else the ones before) is an SPO. */
function aboutSpo(text: string, at: number, context: string[]): boolean {
  const spo = lastMatchAt(text, SPO_MENTION, at);
  const other = lastMatchAt(text, OTHER_ORDER, at);
  if (spo >= 0 || other >= 0) return spo > other;
  // Nothing named before the number in its sentence: the noun after it may name it ("40 SPOs").
  const after = text.slice(at, at + 80);
  const spoAfter = after.search(SPO_MENTION);
  const otherAfter = after.search(OTHER_ORDER);
  if (spoAfter >= 0 || otherAfter >= 0) return otherAfter < 0 || (spoAfter >= 0 && spoAfter < otherAfter);
  for (const t of [...context].reverse()) {
    const s = lastMatchAt(t, SPO_MENTION);
    const o = lastMatchAt(t, OTHER_ORDER);
    if (s >= 0 || o >= 0) return s > o;
  }
  return true;
}

type NounKind = 'application' | 'order' | 'people' | 'breach' | 'refusal' | 'times' | 'them' | null;

interface Reading {
  measure: ClaimMeasure;
  /** Where in the sentence the words that decided it end (a following "along with 18" inherits it). */
  end: number;
  /** A part of the figure before it ("accounted for 58 of them"): of the same force unless it names one. */
  partOf?: boolean;
}

/** What the figure at [at, end) counts, or null when it is no claim. */
function readFigure(
  text: string,
  at: number,
  end: number,
  value: number,
  clause: [number, number],
  previous: Reading | null,
  /** What the last figure of an earlier sentence counted. */
  earlier: ClaimMeasure | null,
): Reading | null {
  const before = text.slice(clause[0], at);
  const rest = text.slice(end, clause[1]);
  // "Bradford district alone accounted for 58 of them": a part of the figure just given, counted alike.
  const part = PART_OF_AFTER.exec(rest);
  if (part && PART_OF_BEFORE.test(before)) {
    // "43 of the 80 orders granted" says what it counts; "37 of them", what the figure before it counted.
    const named = /applications?/i.test(part[0]) && !/\b(?:granted|obtained|secured|issued|refused|rejected)\b/i.test(part[0]) ? 'applied' : /orders|SPOs|applications/i.test(part[0]) ? columnMeasure(part[0]) ?? 'granted' : null;
    const measure = named ?? previous?.measure ?? earlier;
    if (measure) return { measure, end: end + part[0].length, partOf: true };
  }
  if (NOT_EXACT_BEFORE.test(before) || NOT_COUNT_AFTER.test(rest)) return null;
  if (MONTH_NAME.test(before) || MONTH_AFTER.test(rest)) return null;
  // "Luke Stanton, 26, was given the order", "Ann Lee (31) was": a person's age, not a count.
  if (AGE_AFTER_NAME_BEFORE.test(before) && AGE_AFTER_NAME_AFTER.test(rest)) return null;
  // A bare year ("since 2019", "in 2021/22") is a date.
  if (/^\d{4}$/.test(text.slice(at, end)) && value >= 1900 && value <= 2100) return null;

  const n = NOUN.exec(rest);
  let noun: NounKind = null;
  let adjectives = '';
  let afterNoun = rest;
  if (n) {
    adjectives = n[1] ?? '';
    noun = n[2] ? 'application' : n[3] ? 'order' : n[4] ? 'people' : n[5] ? (/^refusal/i.test(n[5]) ? 'refusal' : 'breach') : n[6] ? 'times' : 'them';
    afterNoun = rest.slice(n[0].length);
  } else if (!NOUNLESS_NEXT.test(rest)) return null; // "500 crimes", "648 incidents": counts of something else
  // "One" without a noun is a pronoun ("the first force to obtain one"), not a figure.
  if (!n && /^(?:one|a\s+hundred)$/i.test(text.slice(at, end))) return null;
  const restEnd = end + (rest.length - afterNoun.length);
  // "19 orders the force had been granted so far this year": the verb of a clause about the orders.
  const rel = noun === 'order' ? RELATIVE_VERB.exec(afterNoun) : null;
  if (rel && !PERSON.test(before)) return { measure: measureOfVerb(rel[1]!.toLowerCase()), end: restEnd + rel[0].length };

  // "breached 70 times", "70 breaches": counts of breaches of orders in general, not of one person's order.
  if (noun === 'times') {
    if (!BREACH_TIMES_BEFORE.test(before)) return null;
    const subject = before.replace(BREACH_TIMES_BEFORE, '');
    if (!/\b(?:orders|SPOs|SPO's)\b/i.test(subject) || PERSON.test(subject)) return null;
    return { measure: 'breached', end: restEnd };
  }
  if (noun === 'refusal') return PERSON.test(before) ? null : { measure: 'refused', end: restEnd };
  if (noun === 'breach') return PERSON.test(before) || CASE_BREACH_BEFORE.test(before) || ONE_ORDER_AFTER.test(afterNoun) ? null : { measure: 'breached', end: restEnd };

  // The number as object: "has obtained 100 orders", "requested nine", "made 40 applications".
  const b = BEFORE_VERB.exec(before);
  if (b) {
    const upToVerb = before.slice(0, b.index);
    // "was handed two orders" is a person's case; "Northumbria Police has been granted 120" is a force's total.
    const forceSubject = FORCE_SUBJECT.test(upToVerb);
    if ((PASSIVE_BEFORE.test(upToVerb) && !forceSubject) || NOT_STATED_BEFORE.test(upToVerb) || PERSON.test(upToVerb) || COURT_SUBJECT.test(upToVerb)) return null;
    if (noun === 'people') return null;
    if (CASE_AFTER.test(text.slice(restEnd))) return null;
    const verb = b[1]!.toLowerCase().replace(/\s+/g, ' ');
    if (verb === 'had' || verb === 'made') {
      // "made 40 applications" counts applications; "has had 30 orders" or a bare "made 23" says too little.
      if (noun === 'application') return { measure: 'applied', end: restEnd };
      if (verb === 'made' && noun === 'order') return { measure: 'granted', end: restEnd };
      return null;
    }
    if (noun === 'application' && APPLICATION_MADE.test(verb)) return { measure: 'applied', end: restEnd };
    return { measure: measureOfVerb(verb), end: restEnd };
  }

  // The number as subject: "40 orders were applied for", "189 issued", "42 people were subject to orders".
  const v = AFTER_VERB.exec(afterNoun);
  if (v && !CASE_AFTER.test(text.slice(restEnd))) {
    const vEnd = restEnd + v[0].length;
    const ordersFollow = SUBJECT_TO_ORDER.test(afterNoun.slice(v[0].length));
    if (noun === 'people') {
      if (v[1] && ordersFollow) return { measure: 'granted', end: vEnd };
      if ((v[2] && ordersFollow) || v[3]) return { measure: 'in_force', end: vEnd };
      return null;
    }
    if (v[1]) return v[1].toLowerCase().startsWith('made') || v[1].toLowerCase() === 'given' ? { measure: 'granted', end: vEnd } : null;
    if (v[2]) return null;
    if (v[3]) return { measure: 'in_force', end: vEnd };
    const verb = v[4]!;
    if (noun === 'application' && APPLICATION_MADE.test(verb.replace(/\s+/g, ' '))) return { measure: 'applied', end: vEnd };
    return { measure: measureOfVerb(verb), end: vEnd };
  }

  // "The number of SPOs currently in force is 17", "the total number of applications made stands at 25".
  // Labels lead their figure across a colon, which ends a clause: read them from the sentence.
  const lead = text.slice(0, at);
  const nf = NUMBER_OF.exec(lead);
  if (nf) {
    const words = nf[2] ?? '';
    const verb = new RegExp(`\\b(${verbAlternatives})\\b`, 'i').exec(words);
    if (new RegExp(`\\b${IN_FORCE_SOURCE}`, 'i').test(words)) return { measure: 'in_force', end: restEnd };
    if (/\bbreach/i.test(nf[1]!) || /\bbreach/i.test(words)) return { measure: 'breached', end: restEnd };
    if (/application/i.test(nf[1]!)) return { measure: verb && !APPLICATION_MADE.test(verb[1]!.replace(/\s+/g, ' ')) ? measureOfVerb(verb[1]!) : 'applied', end: restEnd };
    if (verb) return { measure: measureOfVerb(verb[1]!), end: restEnd };
    return null;
  }
  // "This brings the total number of SPOs obtained by the force to 40": a running total.
  const tt = TOTAL_TO.exec(lead);
  if (tt) {
    const words = `${tt[1] ?? ''} ${tt[2] ?? ''}`;
    const verb = new RegExp(`\\b(${verbAlternatives})\\b`, 'i').exec(words);
    if (/application/i.test(words)) return { measure: verb && !APPLICATION_MADE.test(verb[1]!.replace(/\s+/g, ' ')) ? measureOfVerb(verb[1]!) : 'applied', end: restEnd };
    if (verb) return { measure: measureOfVerb(verb[1]!), end: restEnd };
    // "The order brings the force's total to 23": the sentence is about orders.
    if (aboutSpoWord.test(lead)) return { measure: 'granted', end: restEnd };
    return null;
  }
  // A label: "SPOs granted: 23", "Applications | 25".
  const l = LABEL.exec(lead);
  if (l && /[:=|]\s*$/.test(lead)) {
    const word = (l[1] ?? '').toLowerCase();
    const label = l[0].toLowerCase();
    if (word === 'breaches') return { measure: 'breached', end: restEnd };
    if (word && new RegExp(`^(?:${IN_FORCE_SOURCE})$`, 'i').test(word)) return { measure: 'in_force', end: restEnd };
    if (word) return { measure: /application/.test(label) && APPLICATION_MADE.test(word) ? 'applied' : measureOfVerb(word), end: restEnd };
    if (/application/.test(label)) return { measure: 'applied', end: restEnd };
    return null;
  }

  // "there were 1,538 applications for SPOs": applications made.
  if (noun === 'application' && /\bthere\s+(?:were|was|have\s+been|has\s+been|had\s+been)\s+(?:(?:a\s+total\s+of|just|only)\s+)?$/i.test(before)) return { measure: 'applied', end: restEnd };
  // "of the 427 applications, ...": applications made.
  if (noun === 'application' && /\bof\s+(?:the\s+)?$/i.test(before)) return { measure: 'applied', end: restEnd };
  // "30 live orders": orders in force.
  if (noun === 'order' && /\b(?:live|active|current)\b/i.test(adjectives)) return { measure: 'in_force', end: restEnd };
  // Figures of a list: orders or applications, or a bare figure by period ("57 in 2022").
  const listed = noun === 'order' || noun === 'application' || (noun === null && /^\s+(?:in|during|for)\s+(?:20\d\d|the|last|this)\b/i.test(rest));
  // A figure after an earlier one in the sentence may share its measure. What stands between them says how.
  if (!previous || previous.end > at) return null;
  const gap = text.slice(previous.end, at);
  const sameClause = !/[;.]/.test(gap);
  // A list: "seven full orders were issued, along with 18 interim orders", "41 SPOs in 2021, 57 in 2022".
  if (listed && gap.length < 60 && sameClause && /(?:along\s+with|as\s+well\s+as|\band\b|\bplus\b|,)\s*$/i.test(gap)) return { measure: previous.measure, end: restEnd };
  // The same measure for an earlier period: "37 orders in 2022, up from 14 the year before", "eleven so
  // far this year, compared with four in 2022".
  if ((noun === null || listed) && gap.length < 80 && sameClause && COMPARED_WITH.test(gap)) return { measure: previous.measure, end: restEnd };
  // The verb left out for the next force: "Essex Police secured 30, and Kent Police 25".
  if (noun === null && /^\s*(?:[.,;)]|and\b|$)/.test(rest) && gap.length < 80 && sameClause && GAPPED_FORCE.test(gap)) return { measure: previous.measure, end: restEnd };
  return null;
}

const COMPARED_WITH = /\b(?:compared (?:with|to)|up from|down from)\s+(?:just\s+|only\s+)?$/i;
const GAPPED_FORCE = /(?:\band|,)\s+(?:[A-Z][\w-]*\s+){1,4}(?:Police|Constabulary)\s*$/;
const pad = (n: number): string => String(n).padStart(2, '0');
const PERIOD_START_BEFORE = new RegExp(PERIOD_START_BEFORE_SOURCE, 'i');
const MAY_HOLD_PERIOD = /\d|year|month|\b(?:today|yesterday|\w+day|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|so far|to date/i;
function addMonths(iso: string, months: number): string {
  const y = +iso.slice(0, 4);
  const m = +iso.slice(5, 7) - 1 + months;
  return `${y + Math.floor(m / 12)}-${pad((m % 12) + 1)}`;
}

interface DateFound {
  date: string;
  source: 'text' | 'published';
}

/**
 * The date a figure speaks of, from the words of its clause (then its sentence): the end of a period
 * ("in 2021/22" -> 2022-03-31, "between January 2020 and February 2021" -> 2021-02, "last year"), a
 * date it is correct to ("as of this month"), the end of the orders' first N months; else null.
 */
function periodEnd(text: string, ref: DateReference, at = text.length): string | null {
  const pub = ref.published;
  // No digit and no period word: no date to find (most sentences; this runs on all of them).
  if (!MAY_HOLD_PERIOD.test(text)) return null;
  const startBefore = PERIOD_START_BEFORE;
  const starts = (index: number): boolean => startBefore.test(text.slice(0, index)) && !/\b(?:to|until|and|as\s+of|as\s+at|by)\s+$/i.test(text.slice(0, index));
  // Candidate ends of periods, each with its position: the one nearest the figure is its date
  // ("41 SPOs in 2021, 57 in 2022": each figure its own year).
  const found: Array<{ index: number; date: string }> = [];
  // Financial years (police statistics run April to March): the period ends on 31 March.
  for (const fy of text.matchAll(/\b(?:in|during|for|over)\s+(?:the\s+)?(?:financial\s+year\s+|year\s+)?(20\d\d)\s*[/-]\s*(20\d\d|\d\d)\b/gi)) {
    if (starts(fy.index + fy[0].indexOf(fy[1]!))) continue;
    const endYear = fy[2]!.length === 2 ? 2000 + Number(fy[2]) : Number(fy[2]);
    found.push({ index: fy.index, date: `${endYear}-03-31` });
  }
  for (const d of findDates(text)) {
    if (starts(d.index) || found.some((f) => Math.abs(f.index - d.index) < 4)) continue;
    let resolved = resolveDate(d, ref, 'past');
    // "by August last year": the year before publication.
    if (resolved && pub && d.year === undefined && /^\s+last\s+year\b/i.test(text.slice(d.end))) resolved = `${+pub.slice(0, 4) - 1}${resolved.slice(4)}`;
    if (resolved) found.push({ index: d.index, date: resolved });
  }
  for (const m of text.matchAll(/\b(?:in|during|throughout|for|over|by\s+the\s+end\s+of)\s+(20\d\d)\b(?!\s*[/-])/gi)) {
    const index = m.index + m[0].indexOf(m[1]!);
    if (!starts(index) && !found.some((f) => Math.abs(f.index - m.index) < 4)) found.push({ index: m.index, date: m[1]! });
  }
  if (found.length) {
    const distance = (i: number): number => Math.abs(i - at);
    return found.reduce((a, b) => (distance(b.index) < distance(a.index) ? b : a)).date;
  }
  const first = /\b(?:the|its|their)\s+first\s+(year|twelve\s+months|(\d{1,2}|six|three|nine|eighteen)\s+months)\b|\b(?:in\s+)?the\s+(12|twelve)\s+months\s+since\b/i.exec(text);
  if (first) {
    const word = (first[2] ?? first[3] ?? (first[1] ? (/year|twelve/i.test(first[1]) ? '12' : '') : '')).toLowerCase();
    const months = ({ six: 6, three: 3, nine: 9, eighteen: 18, twelve: 12 } as Record<string, number>)[word] ?? Number(word);
    if (months > 0) return addMonths(SPO_COMMENCEMENT, months);
  }
  if (pub) {
    const py = +pub.slice(0, 4);
    // "so far this year", "to date": the figure is current at publication.
    // "in the last year", "over the past 12 months": the twelve months to publication.
    const lastYear = /\b(?<!the\s)last\s+year\b/i.test(text);
    if (/\b(?:this\s+year|to\s+date|so\s+far|the\s+(?:last|past)\s+(?:year|12\s+months|twelve\s+months))\b/i.test(text) && !lastYear) return pub;
    if (lastYear) return String(py - 1);
    if (/\blast\s+month\b/i.test(text)) return addMonths(`${pub.slice(0, 7)}-01`, -1);
    if (/\bthis\s+month\b/i.test(text)) return pub.slice(0, 7);
  }
  return null;
}

/** "during that year", "in that period": the figure speaks of the period the text named just before. */
const SAME_PERIOD = /\b(?:that|the\s+same)\s+(?:year|period|time)\b|^(?:of\s+(?:these|those|them|which)|of\s+the\s+(?:applications|orders))\b/i;

export interface ClaimContext {
  /** Official name of the release's force: what "the force", "we" and unplaced figures refer to. */
  force: string | null;
  ref: DateReference;
  /** How many specific orders the text reports: a small count equal to it is those orders, not a figure. */
  ordersReported?: number;
}

/** Up to this many orders, a count equal to the orders a text reports is read as those orders. */
const CASE_COUNT_MAX = 4;
const TOTAL_CUE = /\b(?:since|so far|to date|in total|total|this year|last year|in \d{4}|\d{4}\/\d{2}|first|record|more than|over the|across|county|force area)\b/i;

/**
 * "Two stalking protection orders secured in Leeds" over a text reporting those two orders counts the
 * case's orders, not a force's figure; a total ("since 2020", "so far", "this year") still is one.
 */
function countsReportedOrders(c: ClaimMention, ordersReported: number): boolean {
  return c.measure === 'granted' && c.count > 0 && c.count === ordersReported && c.count <= CASE_COUNT_MAX && !TOTAL_CUE.test(c.evidence.sentence);
}

/** Every figure the sentences state about SPOs, one per distinct (force, measure, count), first mention kept. */
export function findClaims(sentences: readonly Sentence[], body: string, ctx: ClaimContext): ClaimMention[] {
  const out: ClaimMention[] = [];
  const seen = new Set<string>();
  const keep = (claim: ClaimMention): void => {
    const key = `${claim.force ?? ''}|${claim.measure}|${claim.count}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(claim);
  };
  // Figures in tables are read by their columns; they are kept in text order with the sentences' figures.
  const tables = tableClaims(body, ctx);
  const inTable = (s: Sentence): boolean => tables.rows.some(([a, b]) => s.start >= a && s.start < b);
  let nextTableClaim = 0;
  const keepTableClaimsBefore = (at: number): void => {
    while (nextTableClaim < tables.claims.length && tables.claims[nextTableClaim]!.evidence.start < at) keep(tables.claims[nextTableClaim++]!);
  };
  let lastPeriod: string | null = null;
  /** What the last figure about SPOs in an earlier sentence counted ("... accounted for 58 of them"). */
  let lastMeasure: ClaimMeasure | null = null;
  /** The force of the last figure read (undefined before the first). */
  let lastForce: string | null | undefined;
  // Figures of one sentence, put in text order before they are kept (zeros in words are read last).
  let pending: Array<{ at: number; claim: ClaimMention }> = [];
  const add = (s: Sentence, at: number, force: string | null, measure: ClaimMeasure, count: number, date: DateFound | null): void => {
    pending.push({ at, claim: {
      force,
      measure,
      count,
      as_of: date?.date ?? null,
      as_of_source: date?.source ?? null,
      evidence: { sentence: body.slice(s.start, s.end), start: s.start, end: s.end },
    } });
  };
  sentences.forEach((s, i) => {
    const text = s.text;
    keepTableClaimsBefore(s.start);
    if (inTable(s)) return;
    // Headlines listed under "Related news" or "Read more" are other stories; notes to editors, written
    // in sentences, still state this release's figures.
    if (s.boilerplate && !/[.!?]["'”’]?\s*$/.test(text)) return;
    // Most sentences state no figure: skip the force and date look-ups for them.
    if (!HAS_NUMBER.test(text) && !HAS_NONE.test(text)) {
      const p = periodEnd(text, ctx.ref);
      if (p) lastPeriod = p;
      return;
    }
    const context = sentences.slice(Math.max(0, i - 3), i).map((c) => c.text);
    // Who the figures may be about: looked up only once a figure is read (most numbers are dates and ages).
    let refsRead: Referent[] | null = null;
    const refs = (): Referent[] => (refsRead ??= referents(text));
    const sentencePeriod = periodEnd(text, ctx.ref);
    const dateFor = (clause: [number, number], at: number): DateFound | null => {
      const own = periodEnd(text.slice(clause[0], clause[1]), ctx.ref, at - clause[0]) ?? periodEnd(text, ctx.ref, at);
      if (own) return { date: own, source: 'text' };
      if (SAME_PERIOD.test(text) && lastPeriod) return { date: lastPeriod, source: 'text' };
      return ctx.ref.published ? { date: ctx.ref.published, source: 'published' } : null;
    };
    const forceAt = (at: number, clause: [number, number]): string | null | undefined => {
      const r = pickReferent(refs(), at, clause);
      if (!r) return ctx.force;
      return r.force === 'own' ? ctx.force : r.force;
    };
    let previous: Reading | null = null;
    let figureMeasure: ClaimMeasure | null = null;
    for (const m of text.matchAll(NUMBER)) {
      const at = m.index;
      const end = at + m[0].length;
      const raw = m[0].toLowerCase();
      const value = raw === 'none' || raw === 'zero' ? 0 : parseNumber(raw.replace(/\s+and\s+/, ' and '));
      if (value === null || !Number.isInteger(value)) continue;
      const clause = clauseAround(text, at);
      const reading = readFigure(text, at, end, value, clause, previous, lastMeasure);
      if (!reading) continue;
      previous = reading;
      if (!aboutSpo(text, at, context)) continue;
      figureMeasure = reading.measure;
      // A part of the figure before it ("Bristol accounted for 37 of them"): that figure's force, unless a force is named.
      const force = reading.partOf && !pickReferent(refs(), at, clause) && lastForce !== undefined ? lastForce : (forceAt(at, clause) ?? null);
      lastForce = force;
      add(s, at, force, reading.measure, value, dateFor(clause, at));
    }
    // A running total told as an ordinal: "This is the 47th SPO Norfolk Constabulary has obtained".
    for (const m of text.matchAll(ORDINAL_TOTAL)) {
      const rel = RELATIVE_VERB.exec(text.slice(m.index + m[0].length));
      if (!rel) continue;
      const clause = clauseAround(text, m.index);
      add(s, m.index, forceAt(m.index, clause) ?? null, measureOfVerb(rel[1]!.toLowerCase()), Number(m[1]), dateFor(clause, m.index));
    }
    // Zero in words: "Durham Constabulary did not apply for a single order".
    for (const m of text.matchAll(NONE)) {
      const clause = clauseAround(text, m.index);
      const r = pickReferent(refs().filter((x) => x.index >= clause[0] && x.end <= m.index), m.index, clause);
      // Only a named force (or "we"/"the force" in a force's release): "some forces have not applied for any" is no figure.
      const force = r ? (r.force === 'own' ? ctx.force : r.force) : null;
      if (!force || PERSON.test(text.slice(clause[0], m.index))) continue;
      if (!aboutSpo(text, m.index + m[0].length, context)) continue;
      const verb = m[1]!.toLowerCase();
      add(s, m.index, force, /^appl/.test(verb) ? 'applied' : measureOfVerb(verb), 0, dateFor(clause, m.index));
    }
    for (const { claim } of pending.sort((a, b) => a.at - b.at)) keep(claim);
    pending = [];
    if (figureMeasure) lastMeasure = figureMeasure;
    if (sentencePeriod) lastPeriod = sentencePeriod;
  });
  keepTableClaimsBefore(Number.POSITIVE_INFINITY);
  const reported = ctx.ordersReported;
  return reported === undefined ? out : out.filter((c) => !countsReportedOrders(c, reported));
}

/** A Markdown table row ("| 2021/22 | 19 | 15 |") and the rule under a heading row ("|---|---|"). */
const TABLE_ROW = /^\s*\|(.*)\|\s*$/;
const TABLE_RULE = /^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$/;
const cellsOf = (row: string): string[] => TABLE_ROW.exec(row)![1]!.split('|').map((c) => c.replace(/[*_`]/g, '').trim());

/**
 * Figures in Markdown tables whose column headings say what they count ("Applications made", "Orders
 * granted", "Breaches recorded"): one per cell, of the force the caption or the lines above the
 * table name (else the release's), dated by the row's period ("2021/22" ends on 31 March 2022). A
 * table of something else (restraining orders, offences) is read for nothing. Also the rows read,
 * as [start, end) offsets in the body, which the sentence reading then skips.
 */
function tableClaims(body: string, ctx: ClaimContext): { claims: ClaimMention[]; rows: Array<[number, number]> } {
  const claims: ClaimMention[] = [];
  const rows: Array<[number, number]> = [];
  const lines: Array<{ text: string; start: number }> = [];
  for (let start = 0; start <= body.length; ) {
    const nl = body.indexOf('\n', start);
    const end = nl < 0 ? body.length : nl;
    lines.push({ text: body.slice(start, end), start });
    start = end + 1;
  }
  /** One row read: its figures (measure and cell text) kept, with the period its label names or the one before. */
  let period: string | null = null;
  const readRow = (row: { text: string; start: number }, label: string, figures: Array<[ClaimMeasure, string]>, force: string | null): void => {
    const end = row.start + row.text.length;
    rows.push([row.start, end]);
    period = periodEnd(`in ${label}`, ctx.ref) ?? period;
    const date = period ? { date: period, source: 'text' as const } : ctx.ref.published ? { date: ctx.ref.published, source: 'published' as const } : null;
    for (const [measure, cell] of figures) {
      if (!/^\d[\d,]*$/.test(cell)) continue;
      const count = Number(cell.replace(/,/g, ''));
      claims.push({ force, measure, count, as_of: date?.date ?? null, as_of_source: date?.source ?? null, evidence: { sentence: row.text, start: row.start, end } });
    }
  };
  for (let i = 0; i + 2 < lines.length; i++) {
    if (!TABLE_ROW.test(lines[i]!.text) || !TABLE_RULE.test(lines[i + 1]!.text)) continue;
    const measures = cellsOf(lines[i]!.text).map((h, k) => (k === 0 ? null : columnMeasure(h)));
    let last = i + 2;
    while (last < lines.length && TABLE_ROW.test(lines[last]!.text)) last++;
    // What the table is about: its headings and the few lines above it (a caption, the sentence that introduces it).
    const above = lines.slice(Math.max(0, i - 4), i).map((l) => l.text).join('\n');
    if (!measures.some((m) => m) || !lastOrderNamedIsSpo(`${above}\n${lines[i]!.text}`)) continue;
    const named = referents(above).filter((r) => r.force !== 'own');
    const force = named.length ? (named.at(-1)!.force as string | null) : ctx.force;
    period = null;
    for (let r = i + 2; r < last; r++) {
      const cells = cellsOf(lines[r]!.text);
      const figures = cells.flatMap((cell, k): Array<[ClaimMeasure, string]> => (measures[k] ? [[measures[k]!, cell]] : []));
      readRow(lines[r]!, cells[0] ?? '', figures, force);
    }
    rows.push([lines[i]!.start, lines[i + 1]!.start + lines[i + 1]!.text.length]);
    i = last - 1;
  }
  // Tables in plain text (an FOI letter): "2021    7" lines under a heading that says what they count
  // ("Question 2 - orders granted"), about SPOs by the last kind of order the text named before them.
  for (let i = 0; i < lines.length; i++) {
    if (!PLAIN_ROW.test(lines[i]!.text) || (i > 0 && PLAIN_ROW.test(lines[i - 1]!.text))) continue;
    let last = i;
    while (last < lines.length && PLAIN_ROW.test(lines[last]!.text)) last++;
    if (last - i < 2) continue;
    const heading = lines.slice(Math.max(0, i - 4), i).map((l) => l.text).filter((t) => t.trim() && !/[.!?]\s*$/.test(t.trim())).at(-1);
    const measure = heading ? columnMeasure(heading) : null;
    if (!measure || !lastOrderNamedIsSpo(body.slice(0, lines[i]!.start))) continue;
    period = null;
    for (let r = i; r < last; r++) {
      const [, label, cell] = PLAIN_ROW.exec(lines[r]!.text)!;
      readRow(lines[r]!, label!, [[measure, cell!]], ctx.force);
    }
    i = last - 1;
  }
  claims.sort((a, b) => a.evidence.start - b.evidence.start);
  return { claims, rows };
}

/** Whether the last kind of order the text names is the SPO (not a restraining order, a DAPO...). */
function lastOrderNamedIsSpo(text: string): boolean {
  const spoAt = lastMatchAt(text, SPO_MENTION);
  return spoAt >= 0 && spoAt > lastMatchAt(text, OTHER_ORDER);
}

/** Who obtains orders, then the verb, in a clause about them: "(that) the force has been granted", "Kent Police obtained". */
const RELATIVE_VERB = new RegExp(
  `^\\s+(?:that\\s+|which\\s+)?(?:[Tt]he\\s+force|[Ww]e|[Pp]olice|[Oo]fficers|[Ii]t|[Tt]hey|(?:[A-Z][\\w'-]*\\s+){1,4}(?:Police|Constabulary))\\s+(?:has\\s+|have\\s+|had\\s+)?(?:now\\s+|been\\s+|so\\s+far\\s+)*(${verbAlternatives})\\b`,
);
/** "the 47th Stalking Protection Order", "its 12th SPO". */
const ORDINAL_TOTAL = /\b(?:the|its|their|our)\s+(\d{1,4})(?:st|nd|rd|th)\s+(?:(?:full|interim)\s+)?(?:stalking\s+protection\s+order|SPO)\b/gi;

/** A row of a table in plain text: a label, two or more spaces (or a tab), a whole number. */
const PLAIN_ROW = /^\s*(\S(?:.*?\S)?)(?:\t+|\s{2,})(\d[\d,]*)\s*$/;
