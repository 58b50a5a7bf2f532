// The court that made the order, as the text writes it ("Maidstone Magistrates' Court").
import type { Found } from './subject.ts';
import type { Sentence } from './sentences.ts';

interface HasSentence {
  s: Sentence;
  general?: boolean;
}

const COURT_TYPES = "(?:Magistrates'?s?|Magistrate's|Crown|County|Family|Youth|Combined|Justice|Law|Criminal)";
const NAME_WORD = "[A-Z][a-zA-Z'-]+";
const STOP_WORDS = new Set([
  'The', 'At', 'In', 'On', 'Before', 'From', 'To', 'A', 'An', 'And', 'By', 'Via', 'Monday', 'Tuesday', 'Wednesday',
  'Thursday', 'Friday', 'Saturday', 'Sunday', 'Today', 'Yesterday', 'When', 'After', 'Police', 'He', 'She',
  'His', 'Her', 'Local', 'Court', 'Courts',
]);

// Court buildings that are not "X Court": "North Staffordshire Justice Centre", "Bristol Law Courts".
const BUILDING = '(?:Justice\\s+Centre|(?:Combined\\s+)?Court\\s+Centre|Law\\s+Courts)';
// "Wigan and Leigh Magistrates' Court", "Stratford-upon-Avon", "Isle of Wight": places joined by lower-case words.
const PLACE_WORDS = `${NAME_WORD}(?:\\s+(?:and|upon|on|in|under|of)\\s+${NAME_WORD})?`;
const NAMED = new RegExp(`((?:${PLACE_WORDS}\\s+){1,3})(?:${COURT_TYPES}\\s+Courts?|${BUILDING})\\b`, 'g');
const COURT_IN = new RegExp(`\\b((?:[Mm]agistrates'?s?|Crown|[Cc]ounty|[Yy]outh)\\s+(?:[Cc]ourts?\\s+)?(?:in|at|sitting (?:in|at))\\s+${NAME_WORD}(?:\\s+${NAME_WORD})?)`, 'g');
const BARE = new RegExp(`(?<=\\b(?:by|before|at|from)\\s+)(?:${NAME_WORD}\\s+){1,2}[Mm]agistrates\\b(?!'?s?\\s+[Cc]ourt)`, 'g');
const SPECIAL = /\b(Old Bailey|Central Criminal Court|Royal Courts of Justice)\b/g;
// Local names: "Carlisle's Rickergate court", "the city's Rickergate court".
const POSSESSIVE = new RegExp(`\\b${NAME_WORD}['\u2019]s\\s+${NAME_WORD}\\s+[Cc]ourt\\b`, 'g');
const LOCAL = new RegExp(`(?<=\\b(?:city|town|county|borough)['\u2019]s\\s+)${NAME_WORD}\\s+court\\b`, 'g');

/** Courts named in a sentence, earliest first, as written (curly apostrophes made straight). */
export function courtsIn(text: string): Array<{ name: string; index: number }> {
  const out: Array<{ name: string; index: number }> = [];
  for (const re of [NAMED, COURT_IN, SPECIAL, POSSESSIVE, LOCAL, BARE]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      let name = m[0];
      let index = m.index;
      if (re === NAMED) {
        const words = m[1]!.trim().split(/\s+/);
        let k = 0;
        while (k < words.length && STOP_WORDS.has(words[k]!)) k++;
        if (k === words.length) continue;
        const drop = words.slice(0, k).join(' ');
        if (drop) {
          const at = name.indexOf(words[k]!);
          index += at;
          name = name.slice(at);
        }
      }
      const end = index + name.trim().length;
      if (out.some((o) => index < o.index + o.name.length && end > o.index)) continue;
      out.push({ name: name.trim(), index });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

const MADE_BY_BEFORE = /\b(?:made|granted|imposed|issued|awarded)\s+(?:(?:it|the order|the SPO)\s+)?(?:by|at|in)\s+(?:the\s+)?$/i;

/** The first court named in the sentences (in priority order), skipping general statements. */
export function findCourt(infos: HasSentence[]): Found<string> | undefined {
  for (const i of infos) {
    if (i.general) continue;
    const c = courtsIn(i.s.text);
    // "argued at Plymouth Crown Court that the order, made by Plymouth Magistrates' Court, ...": where
    // the sentence says a court made the order, that court, whichever comes first.
    const maker = c.find((k) => MADE_BY_BEFORE.test(i.s.text.slice(Math.max(0, k.index - 40), k.index)));
    if (maker) return { value: maker.name, s: i.s };
    if (c.length) return { value: c[0]!.name, s: i.s };
  }
  return undefined;
}
