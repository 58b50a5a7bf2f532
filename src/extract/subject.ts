// The person an order is made against: age, sex and home town.
// Victims are described with the same words ("a 16-year-old girl", "a woman from Canterbury"), so
// every phrase is checked for victim cues around it ("stalked a ...", "... victim").
import type { Sex } from '../domain/types.ts';
import { lookupTown, type Place } from './gazetteer.ts';
import { NUMBER_WORD_SOURCE } from './lexicon/numbers.ts';
import { FEMALE_NOUNS, MALE_NOUNS, NEUTRAL_SUBJECT_NOUNS, VICTIM_AFTER_SOURCE, VICTIM_CUE_SOURCE } from './lexicon/subject.ts';
import { parseNumber } from './numbers.ts';
import type { Sentence } from './sentences.ts';

export interface Found<T> {
  value: T;
  s: Sentence;
}

interface HasSentence {
  s: Sentence;
  general?: boolean;
}

const VICTIM_BEFORE = new RegExp(VICTIM_CUE_SOURCE, 'i');
const VICTIM_AFTER = new RegExp(VICTIM_AFTER_SOURCE, 'i');
const N = NUMBER_WORD_SOURCE;
const MALE = new Set<string>(MALE_NOUNS);
const FEMALE = new Set<string>(FEMALE_NOUNS);
const SEX_NOUNS = [...MALE_NOUNS, ...FEMALE_NOUNS].filter((n) => !n.includes(' ')).join('|');
const PERSON_NOUNS = `${SEX_NOUNS}|${NEUTRAL_SUBJECT_NOUNS.join('|')}`;

/** Is the phrase at [index, end) about a victim rather than the subject? */
export function isVictimPhrase(text: string, index: number, end: number): boolean {
  const before = text.slice(Math.max(0, index - 60), index);
  if (VICTIM_BEFORE.test(before)) return true;
  // The object of a verb ("bombarded a woman", "sending a girl") is not the subject, unless the verb
  // is one that police and courts do to subjects ("charged a man", "granted against a man").
  const verb = OBJECT_OF_VERB.exec(before);
  if (verb && !SUBJECT_VERBS.test(verb[1]!)) return true;
  return VICTIM_AFTER.test(text.slice(end, end + 60));
}

const OBJECT_OF_VERB = /\b([a-z]+(?:ed|ing)|met|sent|left|told|saw|knew|found|took|kept|sought|caught|wrote|rang|beat|drove|threw|struck|held|hit)\s+(?:a|an|the|two|three)?\s*$/;
const SUBJECT_VERBS =
  /^(?:charg|arrest|jail|sentenc|nam|identifi|convict|fin|bail|remand|hand|grant|issu|serv|giv|order|bann|requir|prohibit|prevent|summon|imprison|detain|caution|report|accus|involv|includ|against|mak|obtain|secur|impos|plac|award|approv)(?:ed|ing|ded|ned|ied)$|^(?:given|made|being)$/;

const AGE_PATTERNS: RegExp[] = [
  new RegExp(`\\b(${N})[- ]years?[- ]old\\b`, 'gi'),
  /\baged\s+(\d{1,2})\b/gi,
  // "the man, who is 47,"
  /\b(?:who|he|she) is (?:now )?(\d{1,2})\b(?![\d%]|\s*(?:per ?cent|years? (?:ago|since|into)|times|of\b))/gi,
  /\b[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)*\s*,\s*(\d{1,2})\s*(?:,|\(|and\b|from\b|of\b|who\b|was\b|is\b|has\b|had\b|appeared\b|\.(?:\s|$)|$)/g,
  new RegExp(`\\b(?:${SEX_NOUNS}|${NEUTRAL_SUBJECT_NOUNS.join('|')}),\\s+(?:aged\\s+)?(\\d{1,2})\\b`, 'gi'),
  /\b[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)+\s+\((\d{1,2})\)/g,
];

function agesIn(text: string): number[] {
  const out: Array<[number, number]> = [];
  for (const re of AGE_PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const n = parseNumber(m[1]!);
      if (n === null || n < 10 || n > 110) continue;
      const gi = m.index + m[0].indexOf(m[1]!);
      if (isVictimPhrase(text, m.index, m.index + m[0].length)) continue;
      // "turned up at a Wolverhampton woman's home": a possessive person is someone else, the victim.
      if (/^['\u2019]s\b/.test(text.slice(m.index + m[0].length))) continue;
      // "...-year-old girl/victim" after a stalking verb is the victim; a following "victim" too.
      if (/^\s*(?:victim|complainant)\b/i.test(text.slice(m.index + m[0].length))) continue;
      // "his 16-year-old daughter", "the man's 12-year-old son": someone's relative, not the subject.
      if (/(?:\b(?:his|her|their|its|my|your|our)|\w['\u2019]s)\s+$/i.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
      out.push([gi, n]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, n]) => n);
}

/** The subject's age: the first non-victim age in the sentences, in the order given. */
export function findAge(infos: HasSentence[]): Found<number> | undefined {
  for (const i of infos) {
    if (i.general) continue;
    const ages = agesIn(i.s.text);
    if (ages.length) return { value: ages[0]!, s: i.s };
  }
  return undefined;
}

const SEX_NOUNS_CS = [...MALE_NOUNS, ...FEMALE_NOUNS].map((n) => `[${n[0]!.toUpperCase()}${n[0]}]${n.slice(1)}`).join('|');
const SEX_NP = new RegExp(
  `(?:\\b(?:[Aa]|[Aa]n|[Tt]he|[Tt]his|[Tt]hat)\\s+(?:(?:${N})[- ]years?[- ]old\\s+)?(?:local\\s+|young\\s+|[A-Z][\\w'-]+(?:\\s+[A-Z][\\w'-]+){0,2}\\s+)?|^['"]?(?:[A-Z][\\w'-]+['"]?\\s+)?|\\b(?:${N})[- ]years?[- ]old\\s+)(${SEX_NOUNS_CS})\\b(?!'s)`,
  'g',
);
// Not the person in "the street where she lives": a place is told by where someone else lives or works.
const SUBJECT_PRONOUN =
  /(?<!\b(?:said|says|added|explained|stated|believes?|believed|hopes?|hoped|thinks?|thought|felt|feels|knows?|knew)\s+(?:that\s+)?)(?!(?<=\bwhere\s+)(?:he|she)\s+(?:lives|lived|works|worked|stays|studies)\b)\b(he|she)\s+(?:was|is|has|had|must|will|would|can|cannot|appeared|admitted|denied|attended|pleaded|breaches|breached|did|does|also|now|faces|received|became|agreed|accepted|bombarded|sent|followed|stalked|harassed|messaged|contacted|turned up|breached|targeted|threatened|posted|tracked|loitered|repeatedly|continued|refused|admitted|pleaded|goes|went|lives|lived|made|told|used|returned|visited|approached|sought|tried|became)\b(?!\s+(?:been\s+)?(?:stalked|targeted|harassed|followed|contacted|abused))/gi;
const OBJECT_PRONOUN = /\b(?:prevents?|prevented|prohibits?|prohibited|bans?|banned|bars?|barred|stops?|requires?|required|orders?|forbids?|restricts?|handed|given|issued|served)\s+(him|her)\b(?!\s+(?:family|home|address|house|children|friends|workplace|place|victim|ex|partner|mother|father|daughter|son))/gi;

/**
 * Possessives that can only be the subject's: "through anyone acting on his behalf" (the conditions of the
 * order speak for its subject), "prevents Hill, or any of his friends, from ...".
 */
const SUBJECT_POSSESSIVE =
  /\b(?:acting|anyone|someone|others?|people|person)\s+on\s+(his|her)\s+behalf\b|\b(?:prevents?|prevented|prohibits?|prohibited|bans?|banned|bars?|barred|stops?)\s+[A-Z][a-z'-]+,?\s+(?:or|and)\s+(?:any\s+of\s+|anyone\s+among\s+)?(his|her)\b/g;
const ORDERISH = /\bstalking\s+(?:protection|prevention)\s+order|\bSPO|\border\b|\bprohibit|\bprevent|\bbann?(?:ed|s)?\b|\bmust\b|\brequired?\b|\bbreach/i;

function sexOf(word: string): Sex | null {
  const w = word.toLowerCase();
  if (MALE.has(w) || w === 'he' || w === 'him') return 'male';
  if (FEMALE.has(w) || w === 'she' || w === 'her') return 'female';
  return null;
}

/** "Hitchin man Robert Kemp": a place, the sex noun, then the person's name. */
const SPEAKS_AFTER = /^\s+(?:said|says|told|described|added|explained|hoped|hopes|felt|feels)\b/;
const PLACE_NOUN_NAME = new RegExp(`\\b[A-Z][a-z'-]+\\s+(${SEX_NOUNS})\\s+[A-Z][a-z]+\\s+[A-Z][a-z]+`, 'g');

/** The subject's sex: a noun phrase about the subject first, else unambiguous pronouns. */
export function findSex(infos: HasSentence[]): Found<Sex> | undefined {
  for (const i of infos) {
    if (i.general) continue;
    const t = i.s.text;
    PLACE_NOUN_NAME.lastIndex = 0;
    const pn = PLACE_NOUN_NAME.exec(t);
    if (pn && !isVictimPhrase(t, pn.index, pn.index + pn[0].length)) {
      const sex = sexOf(pn[1]!);
      if (sex) return { value: sex, s: i.s };
    }
    SEX_NP.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SEX_NP.exec(t))) {
      if (isVictimPhrase(t, m.index, m.index + m[0].length)) continue;
      // "The woman said she hoped the order...": the person speaking of the order is the one it protects.
      if (SPEAKS_AFTER.test(t.slice(m.index + m[0].length))) continue;
      // "Lyle and the woman had worked together", "The woman works at the arcade": a bare "the woman" outside
      // a sentence about the order is the person the story is about, usually the victim.
      if (/^[Tt]he\s+(?:young\s+|local\s+)?\w+$/.test(m[0].trim()) && !ORDERISH.test(t)) continue;
      const sex = sexOf(m[1]!);
      if (sex) return { value: sex, s: i.s };
    }
  }
  const strong = new Map<Sex, Sentence>();
  let weakMale: Sentence | undefined;
  for (const i of infos) {
    if (i.general || i.s.quote) continue;
    const t = i.s.text;
    // Pronouns count fully only in sentences about the order, where "he"/"she" is its subject;
    // elsewhere the story may be telling what the victim did ("She told the court..."), so there
    // only a subject "he" counts, and only when no sentence about the order decides.
    const orderish = ORDERISH.test(t);
    for (const re of [SUBJECT_PRONOUN, OBJECT_PRONOUN, SUBJECT_POSSESSIVE]) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(t))) {
        const word = (m[1] ?? m[2])!;
        const sex = sexOf(/^his$/i.test(word) ? 'him' : word);
        if (!sex) continue;
        if (orderish) {
          if (!strong.has(sex)) strong.set(sex, i.s);
        } else if (sex === 'male' && re === SUBJECT_PRONOUN) weakMale ??= i.s;
      }
    }
  }
  if (strong.size === 1) {
    const [value, s] = [...strong][0]!;
    return { value, s };
  }
  if (strong.size === 0 && weakMale) return { value: 'male', s: weakMale };
  return undefined;
}

const PLACE = "([A-Z][a-z'A-Z]+(?:(?:-|\\s+|-(?:upon|on|under|in|le|by|de|super)-|\\s+(?:upon|on|under|in|le|by|de|super)\\s+)[A-Z][a-z'A-Z]+){0,3})";
const STREET_TYPES =
  'Road|Street|Way|Avenue|Lane|Close|Drive|Crescent|Gardens|Place|Terrace|Court|Grove|Hill|Park|Row|View|Walk|Square|Rise|Mews|Green|Parade|Vale|Meadow|Meadows|Fields|Croft|Estate|Gate|Heights|Wharf|Yard|Chase|Boulevard|End|Bank|Side|Lea|Wood|Hollow|Approach';
const OFFICER =
  /\b(?:PC|DC|DS|DI|DCI|Sgt|Insp|Supt|Det|Detective|Sergeant|Inspector|Constable|Superintendent|Officer|officer|Chief|Commissioner|Councillor|Cllr|spokes(?:man|woman|person)|MP|prosecutor|Prosecutor|solicitor|barrister)\b[^,.;]{0,30}$|\b(?:PC|DC|DS|DI|DCI|Sgt|Insp|Supt|Det|Detective|Sergeant|Inspector|Constable|Superintendent|Officer)\s+[A-Z]/;
/** A place followed by a town this many times its size is a district of that town. */
const DISTRICT_OF_TOWN = 3;
const DISTRICT_THEN_TOWN = /^,\s*([A-Z][a-z']+(?:[- ](?:upon-|on-|under-)?[A-Z][a-z']+){0,2})\b(?!\s+(?:Road|Street|Police|Magistrates|Crown|Court))/;
const STREET_WORD = new RegExp(`^(?:${STREET_TYPES})$`);
const TOWN_PATTERNS: RegExp[] = [
  // "Hitchin man Robert Kemp", "for Penrith woman Jane Doe": the newspaper idiom names the person next.
  new RegExp(`\\b${PLACE}\\s+(?:${SEX_NOUNS}|teenager|pensioner)\\s+(?=[A-Z][a-z]+\\s+[A-Z][a-z]+)`, 'g'),
  // "a Ludlow man", "the Northampton man", "Thanet man becomes..."
  new RegExp(`(?:\\b(?:[Aa]|[Aa]n|[Tt]he)\\s+(?:(?:${N})[- ]years?[- ]old\\s+)?|^)${PLACE}\\s+(?:${SEX_NOUNS}|teenager|resident|pensioner|stalker|youth)\\b`, 'g'),
  // "of Norton Way, Framlingham", "of 12 Station Road, Dover"
  new RegExp(`\\bof\\s+(?:\\d+[A-Za-z]?\\s+)?(?:[A-Z][a-z']+\\s+){1,3}(?:${STREET_TYPES})\\s*,\\s*${PLACE}`, 'g'),
  // "a man from Rochester", "the 28-year-old from Thanet", "a 41-year-old warehouse supervisor from
  // Slough", "Smith, 41, of Ashford", "a woman from the village of Ditchling"
  new RegExp(
    `(?:(?:\\b(?:${PERSON_NOUNS})|\\bin (?:his|her|their) (?:late |early |mid-)?(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties)|years?[- ]old(?:\\s+(?!(?:who|which|that|and|but|was|were|is|had|has|moved|travelled|came|went|returned|fled|drove|walked|from|of)\\b)[a-z]+){0,2}|\\b\\d{1,2}(?:\\s*\\([^)]{1,12}\\))?(?:\\s*,\\s*an?(?:\\s+(?!(?:who|which|that|and|but|man|woman)\\b)[a-z]+){1,3}(?=\\s+(?:from|of)\\b))?|\\baged \\d{1,2}|\\b(?:he|she|who)\\s+(?:lives|is|was))\\s*,?\\s+(?:and\\s+)?|\\b[A-Z][a-z]+\\s*,\\s+)(?:from|of|who lives in|living in|lives in)\\s+(?:the\\s+)?(?:(?:village|town|city|hamlet|market town|seaside town)\\s+of\\s+)?${PLACE}`,
    'g',
  ),
];

function townsIn(text: string): Array<{ name: string; place: Place; index: number }> {
  const out: Array<{ name: string; place: Place; index: number }> = [];
  for (const re of TOWN_PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const raw = m[1]!;
      if (isVictimPhrase(text, m.index, m.index + m[0].length)) continue;
      // "turned up at a Wolverhampton woman's home": a possessive person is someone else, the victim.
      if (/^['\u2019]s\b/.test(text.slice(m.index + m[0].length))) continue;
      // "Detective Sergeant Jane Hill, of Canterbury CID": an officer's base, not a home town.
      if (OFFICER.test(text.slice(Math.max(0, m.index - 40), m.index + 1))) continue;
      // A place followed by "area/region" is vaguer than a town ("the Denbighshire area" stays null
      // unless the name is itself a town).
      const words = raw.split(/\s+/);
      const streetish = words.some((w) => STREET_WORD.test(w)) || STREET_WORD.test(text.slice(m.index + m[0].length).trim().split(/\s+/)[0] ?? '');
      if (streetish && !lookupTown(raw)) continue;
      let found = false;
      for (let n = words.length; n >= 1 && !found; n--) {
        const name = words.slice(0, n).join(' ');
        const place = lookupTown(name);
        if (place) {
          out.push({ name, place, index: m.index });
          found = true;
        }
      }
      // "of Chaddesden, Derby": a district the gazetteer does not know, then its town; "of Werrington,
      // Peterborough": a district it knows, then the much larger town it is part of.
      const then = DISTRICT_THEN_TOWN.exec(text.slice(m.index + m[0].length));
      const town = then ? lookupTown(then[1]!) : undefined;
      const district = found ? out[out.length - 1]! : null;
      if (then && town && (!district || town.population > DISTRICT_OF_TOWN * district.place.population)) {
        if (district) out.pop();
        out.push({ name: then[1]!, place: town, index: m.index });
      }
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The subject's home town, as written, with its gazetteer place. */
export function findTownPlace(infos: HasSentence[]): (Found<string> & { place: Place }) | undefined {
  for (const i of infos) {
    if (i.general) continue;
    const towns = townsIn(i.s.text);
    if (towns.length) return { value: towns[0]!.name, place: towns[0]!.place, s: i.s };
  }
  return undefined;
}

export function findTown(infos: HasSentence[]): Found<string> | undefined {
  return findTownPlace(infos);
}

const PERSON = new RegExp(
  `\\b(?:${PERSON_NOUNS})\\b|years?[- ]old\\b|\\baged\\s+\\d|\\b(?:he|she|him)\\b|\\b[A-Z][a-z]+\\s+[A-Z][a-z]+,\\s*\\d{1,2}\\b`,
  'i',
);

/** Does the sentence speak of a specific person (the subject or anyone)? */
export function mentionsPerson(text: string): boolean {
  return PERSON.test(text);
}
