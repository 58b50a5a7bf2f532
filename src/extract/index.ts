// Extraction: from a release document to the Stalking Protection Orders it reports, every field with
// the sentence (and character span in the body) it came from.
//
// Pipeline: force and publication date (cheap, for every release) -> relevance filter (no SPO
// mention: done) -> sentences -> classification and segmentation into orders -> per-order fields.
import type {
  Evidence,
  ExtractedDocument,
  ExtractedOrder,
  Extraction,
  Order,
  OrderMention,
  Prohibition,
  ReleaseDocument,
  Requirement,
} from '../domain/types.ts';
import { findClaims } from './claims.ts';
import { findConditions, sortProhibitions, sortRequirements } from './conditions.ts';
import { findConfidence } from './confidence.ts';
import { findCourt } from './court.ts';
import { textYear, type DateReference } from './dates.ts';
import { findDuration } from './duration.ts';
import { findForce } from './force.ts';
import { findKind } from './kind.ts';
import { findMadeOn } from './made-on.ts';
import { findPublished } from './published.ts';
import { mentionsSpo } from './relevance.ts';
import { classify, segment, spoPartOf, type Segment, type SentenceInfo } from './segment.ts';
import { splitSentences, type Sentence } from './sentences.ts';
import { findAge, findSex, findTownPlace, type Found } from './subject.ts';
import { findNamedSubjects, type NamedSubject } from './names.ts';

export { mentionsSpo } from './relevance.ts';
export { splitSentences } from './sentences.ts';

/** The line of the body around a span: evidence for document-level fields found without sentences. */
function lineAround(body: string, start: number, end: number): { sentence: string; start: number; end: number } {
  const a = body.lastIndexOf('\n', start - 1) + 1;
  let b = body.indexOf('\n', end);
  if (b < 0) b = body.length;
  return { sentence: body.slice(a, b).trim(), start: a + (body.slice(a, b).length - body.slice(a, b).trimStart().length), end: b - (body.slice(a, b).length - body.slice(a, b).trimEnd().length) };
}

function evidenceOf(body: string, field: Evidence['field'], value: Evidence['value'], s: Sentence): Evidence {
  return { field, value, sentence: body.slice(s.start, s.end), start: s.start, end: s.end };
}

/** Front-matter evidence: not in the body, so the span is empty at 0 and the sentence says where. */
function frontMatterEvidence(field: Evidence['field'], value: Evidence['value'], detail: string): Evidence {
  return { field, value, sentence: `[front matter] ${detail}`, start: 0, end: 0 };
}

const BREACH = /\bbreach(?:ed|ing|es)?\b/i;
const SAME_COURT = /\b(?:the\s+)?same\s+(?:court|magistrates(?:'|\u2019)?(?:\s+court)?|hearing|venue)\b/i;
const MADE_VERB = /\b(?:granted|made|imposed|issued|handed|given|secured|obtained|awarded)\b/i;

function orderFrom(seg: Segment, infos: SentenceInfo[], body: string, ref: DateReference, subjects: NamedSubject[]): OrderMention {
  // infos: every sentence of the document; seg: this order's sentences and prefix.
  // Quoted speech is someone's words, not the report: it counts for an order told inside a quote, and
  // where a judge tells the subject the terms ("You must notify the police...").
  const own = seg.sentences.map((k) => infos[k]!).filter((i) => !i.s.quote || seg.quoted || i.directive);
  const prefix = [...seg.prefix].reverse().map((k) => infos[k]!);
  // The sentence that introduced the person the order's sentences name ("Wayne Horsfall, 41, of Occupation
  // Road, Lindley, pleaded guilty..."), where it is neither: their age and town, after the order's own.
  const inOrder = new Set([...seg.sentences, ...seg.prefix]);
  const introductions = subjects
    .filter((p) => !inOrder.has(p.sentence) && own.some((i) => p.mention.test(i.s.text)))
    .map((p) => infos[p.sentence]!);
  const withPrefix = [...own, ...prefix, ...introductions];
  const withSpoPrefix = [...own, ...prefix.filter((i) => i.type !== 'other' && i.type !== 'mixed')];
  // Where the order was made, and when: a sentence that speaks of the SPO itself outranks one about
  // another hearing of the same case (a plea or sentencing at the Crown Court, say). Stable sort.
  // A breach hearing ("admitted breaching the order at Stevenage Magistrates' Court on Tuesday") is not
  // where or when the order was made, unless the same sentence also says the order was made.
  const aboutBreachOnly = (t: string): boolean => BREACH.test(t) && !MADE_VERB.test(t);
  const spoFirst = [...withSpoPrefix]
    .filter((i) => !aboutBreachOnly(i.s.text))
    .sort((a, b) => Number(b.type === 'spo') - Number(a.type === 'spo'));
  const evidence: Evidence[] = [];
  const take = <T extends string | number>(field: Evidence['field'], f: Found<T> | undefined): T | null => {
    if (!f) return null;
    evidence.push(evidenceOf(body, field, f.value, f.s));
    return f.value;
  };
  const age = take('age', findAge(withPrefix));
  // From man/woman/he/she only: a given name is no evidence of sex (Ashley, Alex, Sam).
  // The sentence that reports the order speaks of its subject first ("..., 51, could be arrested if he
  // goes near the park under the terms of the order"); elsewhere "the woman" may well be the victim.
  const anchorInfo = infos[seg.anchor]!;
  const sex = take('sex', findSex([anchorInfo]) ?? findSex(withPrefix));
  const townFound = findTownPlace(withPrefix);
  const town = take('town', townFound);
  const court = take('court', findCourt(spoFirst));
  const kindFound = findKind(own);
  const kind = take('kind', kindFound);
  // The date of the order the kind names ("a full order was granted on ...") comes first.
  const rank = (t: string): number => {
    if (!kindFound) return 1;
    const other = kindFound.value === 'full' ? /\binterim\b/i : /\bfull\b/i;
    // A sentence naming both ("given an interim order in July, now a full one") dates either: after those naming only this kind.
    const own = new RegExp(`\\b${kindFound.value}\\b`, 'i').test(t);
    if (own) return other.test(t) ? 1 : 0;
    return other.test(t) ? 2 : 1;
  };
  const dateOrder = [...spoFirst].sort((a, b) => rank(a.s.text) - rank(b.s.text));
  const made_on = take('made_on', findMadeOn(dateOrder, ref));
  // A headline-style "banned from contacting her for five years" before the order is named counts only
  // when the text speaks of no other kind of order that the ban could belong to.
  const noOtherOrders = !infos.some((i) => i.type === 'other' || i.type === 'mixed');
  const banPrefix = noOtherOrders ? prefix.filter((i) => /\b(?:banned|barred|prohibited)\b/i.test(i.s.text)) : [];
  // A sentence naming the SPO and another order lends its SPO part to the duration and conditions.
  const ownSpoParts = own.map((i) => {
    const part = i.type === 'mixed' ? spoPartOf(i.s.text) : null;
    return part ? { ...i, type: 'spo' as const, s: { ...i.s, text: part } } : i;
  });
  const duration = take('duration', findDuration(ownSpoParts, ref) ?? findDuration(banPrefix, ref));
  const prohibitions: Prohibition[] = [];
  const requirements: Requirement[] = [];
  // The headline-style ban before the order is named ("banned from the park where she walks") is
  // this order's, on the same terms as its duration.
  const conditions = findConditions(ownSpoParts, seg.quoted);
  for (const c of findConditions(banPrefix)) if (!conditions.some((k) => k.term === c.term)) conditions.push(c);
  for (const c of conditions) {
    if (c.type === 'prohibition') prohibitions.push(c.term as Prohibition);
    else requirements.push(c.term as Requirement);
    evidence.push(evidenceOf(body, c.type === 'prohibition' ? 'prohibitions' : 'requirements', c.term, c.s));
  }
  const order: Order = {
    age,
    sex,
    town,
    court,
    kind,
    made_on,
    duration,
    prohibitions: sortProhibitions(prohibitions),
    requirements: sortRequirements(requirements),
  };
  const signals = { anchorText: anchorInfo.s.text, quoted: seg.quoted === true, named: withPrefix.some((i) => i.named), ofSeveral: seg.count > 1 };
  return { ...order, ...findConfidence(order, signals), evidence, town_location: townFound ? { ...townFound.place.location } : null };
}

/** Extract the SPO facts of one release, with evidence for every field. */
export function extractRelease(doc: ReleaseDocument): Extraction {
  const body = doc.body;
  const evidence: Evidence[] = [];

  const force = findForce(doc, body);
  if (force) {
    if (force.source === 'text' && force.index !== undefined) {
      const l = lineAround(body, force.index, force.end!);
      evidence.push({ field: 'force', value: force.force.name, ...l });
    } else evidence.push(frontMatterEvidence('force', force.force.name, force.detail));
  }
  const published = findPublished(doc, body);
  if (published) {
    if (published.source === 'text' && published.index !== undefined) {
      evidence.push({ field: 'published', value: published.date, ...lineAround(body, published.index, published.end!) });
    } else evidence.push(frontMatterEvidence('published', published.date, `published: ${published.date}`));
  }
  const base = { id: doc.id, force: force?.force.name ?? null, published: published?.date ?? null };

  if (!mentionsSpo(body) && !(doc.title && mentionsSpo(doc.title))) {
    return { ...base, is_spo: false, orders: [], claims: [], evidence };
  }

  const sd = splitSentences(body);
  const subjects = findNamedSubjects(sd.sentences);
  const infos = classify(sd.sentences, subjects);
  const first = infos.find((i) => /\bstalking\s+(?:protection|prevention)\s+order|\bSPO/i.test(i.s.text));
  if (first) evidence.push(evidenceOf(body, 'is_spo', true, first.s));
  else if (doc.title) evidence.push(frontMatterEvidence('is_spo', true, `title: ${doc.title}`));

  const ref: DateReference = { published: published?.date ?? null, textYear: published ? null : textYear(sd.text) };
  const orders: OrderMention[] = [];
  const segs = segment(infos);
  const bySegment = new Map<Segment, OrderMention>();
  for (const seg of segs) {
    const o = orderFrom(seg, infos, body, ref, subjects);
    const same = seg.sameSubjectAs ? bySegment.get(seg.sameSubjectAs) : undefined;
    if (same) {
      for (const f of ['age', 'sex', 'town'] as const) {
        if (o[f] === null && same[f] !== null) {
          (o as unknown as Record<string, unknown>)[f] = same[f];
          o.evidence.push(...same.evidence.filter((e) => e.field === f));
        }
      }
      if (o.town_location === null) o.town_location = same.town_location;
    }
    // "at the same court": the court named for the order told just before.
    const previous = orders[orders.length - 1];
    if (o.court === null && previous?.court && seg.sentences.some((k) => SAME_COURT.test(infos[k]!.s.text))) {
      o.court = previous.court;
      o.evidence.push(...previous.evidence.filter((e) => e.field === 'court'));
    }
    bySegment.set(seg, o);
    for (let n = 0; n < seg.count; n++) orders.push(n === 0 ? o : { ...o, evidence: [...o.evidence] });
  }
  const claims = findClaims(sd.sentences, body, { force: base.force, ref, ordersReported: orders.length });
  return { ...base, is_spo: true, orders, claims, evidence };
}

/** The labelling-contract shape of an extraction (LABELING.md): no evidence, exactly the 9 order keys. */
export function toExtractedDocument(x: Extraction): ExtractedDocument {
  return {
    id: x.id,
    is_spo: x.is_spo,
    force: x.force,
    published: x.published,
    orders: x.orders.map(
      (o): ExtractedOrder => ({
        age: o.age,
        sex: o.sex,
        town: o.town,
        court: o.court,
        kind: o.kind,
        made_on: o.made_on,
        duration: o.duration,
        prohibitions: sortProhibitions(o.prohibitions),
        requirements: sortRequirements(o.requirements),
        ...(o.confidence !== undefined ? { confidence: o.confidence } : {}),
        ...(o.needs_review !== undefined ? { needs_review: o.needs_review } : {}),
      }),
    ),
    claims: (x.claims ?? []).map(({ force, measure, count, as_of }) => ({ force, measure, count, as_of })),
  };
}
