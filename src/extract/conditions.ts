// Prohibitions and requirements of one order, in the closed vocabulary.
// Terms are looked for only in the part of a sentence a trigger governs ("prohibits him from ...",
// "is required to ...", "conditions include ..."), and in list items under a line that leads them
// ("The order prohibits him from:"), so behaviour the text describes ("he had followed her") and
// general powers ("orders can ban ...") do not become conditions.
import { PROHIBITIONS, REQUIREMENTS, type Prohibition, type Requirement } from '../domain/types.ts';
import {
  GOING_VERB_SOURCE,
  HOME_NOUN_SOURCE,
  OTHER_VERB_SOURCE,
  WORK_NOUN_SOURCE,
  NEUTRAL_TRIGGER_SOURCE,
  PROHIBITION_TERMS,
  PROHIBITION_TRIGGER_SOURCE,
  REQUIREMENT_TERMS,
  REQUIREMENT_TRIGGER_SOURCE,
  SPAN_STOP_SOURCE,
} from './lexicon/conditions.ts';
import type { Sentence } from './sentences.ts';

export interface ConditionFinding {
  type: 'prohibition' | 'requirement';
  term: Prohibition | Requirement;
  s: Sentence;
}

interface HasSentence {
  s: Sentence;
  general?: boolean;
  type?: 'spo' | 'other' | 'mixed' | null;
  /** Quoted speech telling the subject the terms (a judge's "You must not..."): conditions count. */
  directive?: boolean;
}

type Polarity = 'prohibition' | 'requirement' | 'neutral';

const P_TRIGGER = new RegExp(PROHIBITION_TRIGGER_SOURCE, 'gi');
const R_TRIGGER = new RegExp(REQUIREMENT_TRIGGER_SOURCE, 'gi');
const N_TRIGGER = new RegExp(NEUTRAL_TRIGGER_SOURCE, 'gi');
const STOP = new RegExp(SPAN_STOP_SOURCE, 'i');
const P_TERMS = PROHIBITION_TERMS.map((t) => ({ term: t.term, re: new RegExp(t.source, t.term === 'exclusion_zone' ? 'g' : 'gi') }));
const R_TERMS = REQUIREMENT_TERMS.map((t) => ({ term: t.term, re: new RegExp(t.source, 'gi') }));
const FAMILY_OBJECT =
  /^\s+(?:with\s+)?(?:the\s+|any\s+|members of\s+)?(?:the\s+)?(?:victim'?s?\s+|her\s+|his\s+|their\s+|woman's\s+|man's\s+)?(?:family|families|relatives|children|child|friends|associates|parents|sisters?|brothers?|mother|father|sons?|daughters?)\b/i;
const FAMILY_NOT_PERSON = /^\s*(?:home|address|house|property|court|proceedings|law|matters|solicitors?|liaison)\b/i;
const HOME_OBJECT =
  /^[^.;,]{0,30}?\bof\s+(?:the\s+|any\s+|an?\s+)?(?:victim'?s?\s+|her\s+|his\s+|their\s+|(?:woman|man|girl|boy|person|complainant)(?:'s|s')\s+)?(?:home|address|house|property|residence|flat|workplace|place of work|school)\b/i;
/**
 * "contacting her, including through friends or family": family named as the channel of the contact
 * (indirect contact), not as people the order protects. Tested on the text just before the family word.
 */
const CHANNEL_DET = String.raw`(?:(?:her|his|their|the|any|mutual|other|a|members? of)\s+)*`;
const CHANNEL_NOUN = String.raw`(?:friends?|family|relatives|associates|third[- ]part(?:y|ies)|other people|others)`;
const FAMILY_AS_CHANNEL = new RegExp(
  String.raw`\b(?:through|via|by way of|by means of|using)\s+(?:${CHANNEL_DET}${CHANNEL_NOUN}\s*,?\s+(?:(?:such as|including|like|or|and)\s+)+){0,3}${CHANNEL_DET}$`,
  'i',
);
const CONTACT_VERB = /\b(?:contact\w*|communicat\w*|approach\w*|messag\w*|harass\w*|intimidat\w*)\b/i;
/** "within 100 metres of anywhere she goes": a zone drawn around places, not the person. */
const ZONE_OBJECT = /^\s*(?:within\s+)?(?:\d+ ?(?:metres|meters|m|yards|miles?|feet|km)\s+)?of (?:anywhere|any place|places|locations|areas|the area|the town|the village|the street)\b/i;
const SURRENDER_VERB = /\b(?:surrender\w*|hand(?:ing)? (?:over|in)|give (?:police |officers )?access|seiz\w*)\b/i;
/** A negated trigger ("was not prohibited") governs nothing. */
const NEGATED = /\b(?:not|never|no longer)\s+(?:be\s+|been\s+)?$/i;

interface Span {
  polarity: Polarity;
  text: string;
}

function spansOf(text: string, lead: Polarity | null): Span[] {
  const marks: Array<{ at: number; end: number; polarity: Polarity }> = [];
  for (const [re, polarity] of [
    [P_TRIGGER, 'prohibition'],
    [R_TRIGGER, 'requirement'],
    [N_TRIGGER, 'neutral'],
  ] as const) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const at = m.index;
      const end = at + m[0].length;
      if (polarity !== 'prohibition' && marks.some((k) => k.polarity === 'prohibition' && at < k.end && end > k.at)) continue;
      if (polarity === 'prohibition' && /^(?:must never|must not|mustn't)/i.test(m[0]) === false && NEGATED.test(text.slice(Math.max(0, at - 20), at))) continue;
      marks.push({ at, end, polarity });
    }
  }
  marks.sort((a, b) => a.at - b.at);
  const spans: Span[] = [];
  if (lead && (marks.length === 0 || marks[0]!.at > 0)) {
    spans.push({ polarity: lead, text: text.slice(0, marks[0]?.at ?? text.length) });
  }
  for (let k = 0; k < marks.length; k++) {
    // The span includes its trigger: some triggers name the condition themselves ("no contact").
    const from = marks[k]!.at;
    const to = marks[k + 1]?.at ?? text.length;
    let piece = text.slice(from, to);
    const stop = STOP.exec(piece);
    if (stop) piece = piece.slice(0, stop.index);
    spans.push({ polarity: marks[k]!.polarity, text: piece });
  }
  return spans;
}

const GOING = new RegExp(GOING_VERB_SOURCE, 'gi');
const OTHER_VERB = new RegExp(OTHER_VERB_SOURCE, 'gi');
const PLACES: ReadonlyArray<{ term: Prohibition; re: RegExp }> = [
  { term: 'attend_address', re: new RegExp(HOME_NOUN_SOURCE, 'gi') },
  { term: 'attend_workplace', re: new RegExp(WORK_NOUN_SOURCE, 'gi') },
];

/** The last verb before `at` in the span: a verb of going, another verb, or none. */
function governingVerb(span: string, at: number): 'going' | 'other' | null {
  let best = -1;
  let kind: 'going' | 'other' | null = null;
  for (const [re, k] of [
    [GOING, 'going'],
    [OTHER_VERB, 'other'],
  ] as const) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(span)) && m.index < at) {
      if (m.index > best) {
        best = m.index;
        kind = k;
      }
    }
  }
  return kind;
}

function prohibitionsIn(span: string): Prohibition[] {
  const out = new Set<Prohibition>();
  for (const { term, re } of PLACES) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(span))) {
      if (term === 'attend_address' && /^\s+(?:visits?|address|details)\b/i.test(span.slice(m.index + m[0].length))) continue;
      if (governingVerb(span, m.index) === 'going') {
        out.add(term);
        break;
      }
    }
  }
  for (const { term, re } of P_TERMS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(span))) {
      const after = span.slice(m.index + m[0].length);
      if (term === 'contact' && FAMILY_OBJECT.test(after)) continue;
      if (term === 'approach' && (HOME_OBJECT.test(after) || ZONE_OBJECT.test(after))) continue;
      if (term === 'contact_family') {
        if (FAMILY_NOT_PERSON.test(after) || !CONTACT_VERB.test(span) || FAMILY_AS_CHANNEL.test(span.slice(0, m.index))) continue;
      }
      out.add(term);
      break;
    }
  }
  return [...out];
}

function requirementsIn(span: string): Requirement[] {
  const out: Requirement[] = [];
  for (const { term, re } of R_TERMS) {
    re.lastIndex = 0;
    const m = re.exec(span);
    if (!m) continue;
    // "provide and surrender any device": the device is handed over, not its details registered.
    if (term === 'register_phone' && SURRENDER_VERB.test(m[0])) continue;
    out.push(term);
  }
  // Device details to register are not devices to surrender, unless passwords or handing over are named.
  if (out.includes('surrender_devices') && out.includes('register_phone') && !/\b(?:surrender|hand(?:ing)? (?:over|in)|passwords?|passcodes?|pins?)\b/i.test(span)) {
    out.splice(out.indexOf('surrender_devices'), 1);
  }
  return out;
}

/** Conditions of one order from its sentences (in text order). */
export function findConditions(infos: HasSentence[], quoted = false): ConditionFinding[] {
  const found: ConditionFinding[] = [];
  const seen = new Set<string>();
  let lead: Polarity | null = null;
  for (const i of infos) {
    const s = i.s;
    if (!s.bullet) lead = null;
    if (i.general || (s.quote && !i.directive && !quoted) || i.type === 'other' || i.type === 'mixed') {
      if (!s.bullet) lead = null;
      continue;
    }
    // A list item that opens with a negation forbids, whatever the lead line said ("He must:" / "- not contact...").
    const itemLead = s.bullet ? (/^(?:not|no|never|don't|do not|refrain)\b/i.test(s.text) ? 'prohibition' : lead) : null;
    const spans = spansOf(s.text, itemLead);
    for (const sp of spans) {
      const add = (type: 'prohibition' | 'requirement', term: Prohibition | Requirement): void => {
        if (seen.has(term)) return;
        seen.add(term);
        found.push({ type, term, s });
      };
      if (sp.polarity !== 'requirement') for (const t of prohibitionsIn(sp.text)) add('prohibition', t);
      if (sp.polarity !== 'prohibition') for (const t of requirementsIn(sp.text)) add('requirement', t);
    }
    if (!s.bullet && s.leadsList) {
      const last = spans[spans.length - 1];
      lead = last ? last.polarity : null;
    }
  }
  return found;
}

/** Terms sorted in vocabulary order, without duplicates. */
export function sortProhibitions(terms: Iterable<Prohibition>): Prohibition[] {
  const set = new Set(terms);
  return PROHIBITIONS.filter((t) => set.has(t));
}

export function sortRequirements(terms: Iterable<Requirement>): Requirement[] {
  const set = new Set(terms);
  return REQUIREMENTS.filter((t) => set.has(t));
}
