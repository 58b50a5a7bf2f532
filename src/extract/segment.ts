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
import { findNamedSubjects, namesSubject, type NamedSubject } from './names.ts';

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
// "orders relating to two victims", "orders protecting three women": one order per victim.
const COUNT_BY_VICTIMS =
  /\b(?:stalking\s+(?:protection|prevention)\s+orders|SPOs|orders)\s+(?:relating to|for|protecting|covering|in respect of|to protect|against (?:him|her) (?:for|relating to))\s+(?:the\s+|his\s+|her\s+)?(two|three|four|2|3|4)\s+(?:\w+\s+)?(?:victims|women|men|people|complainants|individuals|girls|boys|neighbours|colleagues)\b/i;
const SINGULAR_SUBJECT = new RegExp(`\\b(?:he|she|man|woman|boy|girl|${NUMBER_WORD_SOURCE}[- ]year[- ]old)\\b`, 'i');
const CONTRAST = /\b(?:rather than|instead of|unlike|as opposed to|not an?|similar to|like an?|differ\w*|alternative)\b/i;
/** "we recently obtained one against a man": "one" standing for the order just spoken of. */
const ONE_ORDER = /\b(?:obtained|secured|granted|got|issued|imposed|given|handed|attained|made)\s+(?:one|another)\s+(?:against|for|on|to)\b/i;
const SINGULAR_ORDER = /\bstalking\s+(?:protection|prevention)\s+order\b(?!s)|\bSPO\b(?!s|'s)|\border\b(?!s)|\bstalking\s+ban\b(?!s)/i;
const INDEFINITE_PERSON = new RegExp(
  `\\b(?:[Aa]n?|[Aa]nother)\\s+(?:(?:${NUMBER_WORD_SOURCE})[- ]years?[- ]old|(?:[A-Z][\\w'-]+\\s+)?(?:man|woman|boy|girl|teenager|male|female))\\b|\\b[A-Z][a-z]+\\s+[A-Z][a-z]+,\\s*\\d{1,2}\\b`,
);
const SPECIFIC_PERSON = new RegExp(
  `\\bagainst\\s+(?:a|an|the)\\s+|\\b(?:[Aa]|[Aa]n|[Tt]he)\\s+(?:(?:${NUMBER_WORD_SOURCE})[- ]years?[- ]old|(?:[A-Z][\\w'-]+\\s+)?(?:man|woman|boy|girl))\\b`,
);
/** "court order", "civil order": in a text that names SPOs and no other kind of order, the SPO. */
const ALIAS = /\b(?:court|civil|protection|protective)\s+orders?\b/i;
/** A sentence that opens by introducing a person with an age: "Mark Hill, 50, ...", "A 19-year-old man ...". */
const INTRODUCES_PERSON = new RegExp(`^(?:[A-Z][\\w'-]+\\s+){1,3}(?:,\\s*(?:aged\\s+)?\\d{1,2}\\b|\\(\\d{1,2}\\))|^(?:A|An)\\s+(?:(?:${NUMBER_WORD_SOURCE})|\\d{1,2})[- ]years?[- ]old\\b`);
/** A sentence that opens on the order already reported ("The order was made...", "This SPO runs..."). */
const DEFINITE_ORDER = /^(?:The|This|That)\s+(?:interim\s+|full\s+)?(?:stalking\s+(?:protection|prevention)\s+)?(?:order|SPO)\b(?!s)/;
/** Clause boundaries inside a sentence: background and the case it reports are often joined. */
const CLAUSE_BREAK = /\s+-\s+|;\s*|,?\s+(?:and|but|with|while|whilst|though|although)\s+/;
/** "The orders last for five years" (present, not what orders can do): the orders just reported. */
const THESE_ORDERS = /\b(?:[Tt]he|[Tt]hese|[Bb]oth|[Tt]hose) orders (?:last|run|include|includes|ban|prohibit|require|mean|were|are in place)\b/;
/** "the first (successfully) granted": the order spoken of is one specific order. */
const THE_ORDINAL = /\bthe (?:first|second|third|latest|most recent|newest)\b/i;
/** A grant told in the past, as something that happened in a case ("was issued", "we secured an SPO"). */
const PAST_GRANT =
  /\b(?:was|were|has been|have been|had been)\s+(?:\w+\s+)?(?:granted|issued|imposed|made|handed|given|served|secured|obtained|awarded|put in place)\b|\b(?:we|I|officers|police)\s+(?:have\s+|had\s+)?(?:\w+\s+)?(?:secured|obtained|got|applied for and (?:were )?granted|were granted)\b|\b(?:court|magistrates|judge|justices|bench)\s+(?:\w+\s+)?(?:granted|imposed|made|issued)\b/i;
/** A directive to "you" in quoted speech: a judge telling the subject the terms of the order. */
const YOU_DIRECTIVE = /\byou (?:must|mustn't|must not|must never|are not to|are (?:required|prohibited|banned|forbidden)|will (?:not )?be required|shall not|may not|cannot|can't)\b/i;
/** The text reports a judge, magistrate or recorder speaking (court reporting). */
const COURT_SPEAKER = /\b(?:judge|magistrates?|recorder|district judge|chair of the bench|the bench)\b[^.]{0,60}\b(?:said|says|told|added|warned)\b|\b(?:said|told|added|warned)\b[^.]{0,30}\b(?:judge|magistrates?|recorder)\b|\b(?:Judge|Recorder|District Judge)\s+[A-Z]/;
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
  /** The sentence names a person the text introduces as a subject ("Smith, 44, ..." then "Smith"). */
  named: boolean;
  /** Quoted speech that tells the subject the order's terms ("You must notify the police..."). */
  directive: boolean;
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
  /** The order is told inside quoted speech ("In this case, an order was issued"): its quote counts. */
  quoted?: boolean;
}

/** Is one clause of the sentence a specific grant ("the order was the first granted", "the first granted at X")? */
function specificClause(t: string): boolean {
  return t.split(CLAUSE_BREAK).some((c) => GRANT.test(c) && !GENERIC.test(c) && !STATISTIC.test(c) && !NOT_MADE.test(c) && (SINGULAR_ORDER.test(c) || THE_ORDINAL.test(c)));
}

/** A clause of a counting sentence reporting one order against someone ("... and recently secured an order against a man"). */
function personClause(t: string): boolean {
  return t.split(CLAUSE_BREAK).some((c) => GRANT.test(c) && !STATISTIC.test(c) && !NOT_MADE.test(c) && SINGULAR_ORDER.test(c) && /\b(?:an?|the)\s+(?:\w+\s+)?(?:order|SPO)\b/i.test(c) && mentionsPerson(c));
}

/** Classify every sentence of a document. */
export function classify(sentences: Sentence[], subjects: NamedSubject[] = findNamedSubjects(sentences)): SentenceInfo[] {
  let last: 'spo' | 'other' | null = null;
  const out: SentenceInfo[] = [];
  // Other names for the order ("a strict five-year court order") stand for the SPO only where the text
  // names no other kind of order they could be.
  const spoOnly = !sentences.some((s) => OTHER.test(s.text));
  const courtSpeaks = sentences.some((s) => !s.quote && COURT_SPEAKER.test(s.text));
  let severalMade = false;
  for (const s of sentences) {
    const t = s.text;
    const spo = SPO.test(t) || (spoOnly && ALIAS.test(t));
    const other = OTHER.test(t);
    let type: OrderType = null;
    if (spo && other) type = 'mixed';
    else if (spo) type = 'spo';
    else if (other) type = 'other';
    else if (ORDER_WORD.test(t) || ONE_ORDER.test(t)) type = last;
    const spoContext = type === null ? last === 'spo' : type === 'spo';
    if (spo && !other) last = 'spo';
    else if (other && !spo) last = 'other';
    const grant = GRANT.test(t);
    const named = namesSubject(t, subjects) !== undefined;
    let count = 1;
    const cm = COUNT.exec(t) ?? COUNT_BY_VICTIMS.exec(t);
    let countAnchor = false;
    if (cm && grant && (SINGULAR_SUBJECT.test(t) || named) && !PLURAL_FRAME.test(t)) {
      count = parseNumber(cm[1]!) ?? 1;
      countAnchor = count > 1;
    }
    // Background wording ("since the orders were introduced") inside a sentence that reports an order
    // made against a named or described person, or in another clause than the grant, does not make it general.
    // After "two orders were made against him", "the orders last five years" speaks of those two.
    const theseOrders = severalMade && THESE_ORDERS.test(t) && !GENERIC.test(t.replace(THESE_ORDERS, ''));
    const general =
      (GENERIC.test(t) && !(grant && (SPECIFIC_PERSON.test(t) || named)) && !specificClause(t) && !theseOrders) || HYPOTHETICAL_SUBJECT.test(t);
    // A count of orders ("18 such orders") does not hide one order told in another clause.
    const statistic = !countAnchor && STATISTIC.test(t) && !personClause(t);
    if (countAnchor) severalMade = true;
    const notMade = NOT_MADE.test(t) || (APPLICATION.test(t) && !MADE_ANYWAY.test(t));
    const spoGrant =
      (type === 'spo' || (type === 'mixed' && !CONTRAST.test(t))) && (countAnchor || SINGULAR_ORDER.test(t) || ONE_ORDER.test(t)) && grant && !general && !statistic && !notMade && !s.boilerplate;
    // In quoted speech, only an order told as done in a case with a person in it ("a man turned up at
    // her home... In this case, a two-year order was issued").
    const quotedGrant = s.quote && spoGrant && PAST_GRANT.test(t) && (INDEFINITE_PERSON.test(t) || named || quoteRun(out, s).some((i) => INDEFINITE_PERSON.test(i.s.text) || i.named));
    const anchor = spoGrant && (!s.quote || quotedGrant);
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
      named,
      directive: s.quote && courtSpeaks && YOU_DIRECTIVE.test(t),
    });
  }
  return out;
}

/** The quoted sentences just before `s` in the same run of speech (at most six back). */
function quoteRun(before: SentenceInfo[], s: Sentence): SentenceInfo[] {
  const run: SentenceInfo[] = [];
  for (let k = before.length - 1; k >= 0 && run.length < 6; k--) {
    const i = before[k]!;
    if (!i.s.quote || s.para - i.s.para > 3) break;
    run.unshift(i);
  }
  return run;
}

/**
 * The part of a sentence naming an SPO and another order that speaks of the SPO: from the SPO's mention
 * (when the other order is named before it) to the next mention of another order. "He was given a
 * restraining order, and police obtained an SPO lasting ten years, which bans him from ..." -> "an SPO
 * lasting ten years, which bans him from ...". Null when no such part exists.
 */
export function spoPartOf(text: string): string | null {
  const spo = new RegExp(SPO.source, 'gi');
  const other = new RegExp(OTHER.source, 'gi');
  const otherAt = [...text.matchAll(other)].map((m) => m.index);
  for (const m of text.matchAll(spo)) {
    const start = otherAt.some((o) => o < m.index) ? m.index : 0;
    const end = otherAt.find((o) => o > m.index) ?? text.length;
    const part = text.slice(start, end);
    if (part.length > 20) return part;
  }
  return null;
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
        // "The order was granted ... against the 29-year-old, who lives in Hackney" tells the order already
        // reported (a headline's "Islington man" may be where it happened): other facts, same order.
        else if (DEFINITE_ORDER.test(info.s.text)) isNew = false;
        else if (age !== null && curAge !== null && age !== curAge) isNew = true;
        else if (town !== null && curTown !== null && town.toLowerCase() !== curTown.toLowerCase()) isNew = true;
      }
      if (isNew) {
        const prefix: number[] = [];
        if (cur === null) {
          // Paragraphs about someone of another age (the cases before it in a court round-up) say
          // nothing of this order's subject.
          const othersParas = new Set<number>();
          if (age !== null) {
            for (let j = 0; j < k; j++) {
              const other = findAge([infos[j]!])?.value ?? null;
              if (other !== null && other !== age) othersParas.add(infos[j]!.s.para);
            }
          }
          for (let j = 0; j < k; j++) {
            const p = infos[j]!;
            if (!p.s.boilerplate && !p.general && !p.statistic && !p.s.quote && !othersParas.has(p.s.para)) prefix.push(j);
          }
        }
        cur = { anchor: k, sentences: [k], prefix, ordinal: info.ordinal, count: info.count };
        if (info.s.quote) {
          cur.quoted = true;
          cur.sentences = [...quoteRun(infos.slice(0, k), info.s).map((i) => i.s.index), k];
        }
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
      // burglary", "A 19-year-old man was fined"): the order's sentences end here, until the next anchor.
      // Someone already in it ("Brennan and the 19-year-old woman had been together") ends nothing.
      const age = findAge([info])?.value ?? null;
      if (age !== null && curAge !== null && age !== curAge && INTRODUCES_PERSON.test(info.s.text)) {
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
      const introduces = own.some((i) => findAge([i]) || findTown([i]) || INDEFINITE_PERSON.test(i.s.text) || (i.named && !prev.sentences.some((j) => infos[j]!.named)));
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
  return merged.filter((g) => g.sameSubjectAs !== undefined || g.quoted || g.sentences.some((j) => !infos[j]!.s.quote && !infos[j]!.general && (infos[j]!.named || mentionsPerson(infos[j]!.s.text))));
}
