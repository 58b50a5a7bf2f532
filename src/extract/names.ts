// Named subjects of court reports: "Philip Smith, 44, of Long Road, Winchester, was made subject to
// the order", "Hitchin man Robert Kemp", "Jane Doe was handed an SPO". A person introduced like this is
// then called by surname ("Smith admitted..."), so a sentence naming the surname is about the subject.
// Officers, lawyers, judges and anyone given an honorific ("Mr Smith", "DC Jane Hill") are not
// subjects; neither is a victim ("towards Jane Doe"): only introductions in subject positions count.
import { NOT_FIRST_NAMES, NOT_SUBJECT_TITLES } from './lexicon/subject.ts';
import { firstNameSex } from './nlp.ts';
import type { Sentence } from './sentences.ts';

export interface NamedSubject {
  /** The name as introduced ("Philip Smith"). */
  full: string;
  first: string;
  surname: string;
  /** Index of the sentence that introduces the person. */
  sentence: number;
  /** The surname as a word (not "Smith's home", the victim's): compiled once. */
  mention: RegExp;
}

const WORD = "[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?";
const FULL = `(${WORD}(?:\\s+${WORD}){1,2})`;
/** Introductions in subject position: the name followed by age or address, or by what happened to it. */
const INTRODUCTIONS: RegExp[] = [
  // "Philip Smith, 44," / "Philip Smith, aged 44" / "Philip Smith (44)"
  new RegExp(`${FULL}\\s*(?:,\\s*(?:then\\s+)?(?:aged\\s+)?\\d{1,2}\\b|\\(\\d{1,2}\\))`, 'g'),
  // "Philip Smith, of Long Road," / "Philip Smith, from Leeds,"
  new RegExp(`${FULL},\\s+(?:of|from)\\s+`, 'g'),
  // "Hitchin man Robert Kemp", "the woman, Jane Doe,"
  new RegExp(`\\b(?:man|woman|teenager|youth|boy|girl|defendant|stalker)\\s*,?\\s+${FULL}\\b`, 'g'),
  // "Philip Smith was handed / has now been made subject to / is banned / denied..."
  new RegExp(
    `${FULL}\\s+(?:was|has|had|is|who)?\\s*(?:now\\s+|previously\\s+|also\\s+|been\\s+)*(?:handed|given|made|subject|subjected|served|granted|issued|banned|barred|prohibited|jailed|sentenced|charged|arrested|convicted|remanded|ordered|appeared|admitted|denied|pleaded|received|became|breached)\\b`,
    'g',
  ),
];
const TITLES = new RegExp(`\\b(?:${NOT_SUBJECT_TITLES.join('|')})\\.?\\s*$`, 'i');
const NOT_FIRST = new Set<string>(NOT_FIRST_NAMES);
// "Jane Hill, from the force's public protection unit," / "..., of Kent Police," / "..., who led the case": staff.
const SPEAKER_AFTER =
  /^\s*,?\s*(?:said|says|added|told|explained|(?:from|of) the (?:force|police|charity|council|CPS|Crown Prosecution)|(?:from|of) (?:the )?[A-Z][\w' ]{0,40}?(?:Police|Constabulary|Unit|Team|Trust|Service|Council|Office|Department|Helpline)\b|who (?:led|leads))\b/;
/** "Jane Doe, 25, who was stalked": a victim introduced like a subject. */
const VICTIM_AFTER = /^[^.;]{0,25}\b(?:who (?:was|had been|has been) (?:stalked|targeted|harassed|followed)|the victim)\b/;

/** People the text introduces as subjects, first introduced first, one per surname. */
export function findNamedSubjects(sentences: Sentence[]): NamedSubject[] {
  const out: NamedSubject[] = [];
  for (const s of sentences) {
    if (s.boilerplate) continue;
    const t = s.text;
    for (const re of INTRODUCTIONS) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(t))) {
        const full = m[1]!;
        const at = m.index + m[0].indexOf(full);
        const words = full.split(/\s+/);
        const first = words[0]!;
        const surname = words[words.length - 1]!;
        if (NOT_FIRST.has(first) || NOT_FIRST.has(surname)) continue;
        if (TITLES.test(t.slice(Math.max(0, at - 30), at))) continue;
        const after = t.slice(at + full.length, at + full.length + 60);
        if (SPEAKER_AFTER.test(after) || VICTIM_AFTER.test(after) || /\bvictim,?\s*$/i.test(t.slice(Math.max(0, at - 15), at))) continue;
        // The first word must be a given name compromise knows, or the introduction must give an age
        // or an address (place names are capitalised pairs too: "Portsmouth Magistrates").
        if (re !== INTRODUCTIONS[0] && re !== INTRODUCTIONS[1] && firstNameSex(first) === null) continue;
        if (out.some((p) => p.surname === surname)) continue;
        out.push({ full, first, surname, sentence: s.index, mention: new RegExp(`\\b${surname}\\b(?!'s\\s+(?:home|house|address))`) });
      }
    }
  }
  return out;
}

/** Does the text name one of the subjects (full name or surname)? */
export function namesSubject(text: string, subjects: NamedSubject[]): NamedSubject | undefined {
  return subjects.find((p) => p.mention.test(text));
}
