// Sentences of a release body, with character spans into the original text.
//
// The body is first normalised (curly quotes and dashes to ASCII, Markdown emphasis and list/heading
// markers dropped, runs of spaces folded) into a working text that every rule matches against; an
// offset map takes any span of the working text back to the original body, so evidence quotes the
// source exactly. The splitter is a small rule set (abbreviations, initials, quotes), far cheaper than
// a full NLP parse, which matters because every release goes through it.
import { BOILERPLATE_HEADING_SOURCE, OTHER_STORIES_HEADING_SOURCE } from './lexicon/orders.ts';

export interface Sentence {
  /** Position in the document (0-based). */
  index: number;
  /** Normalised text of the sentence (what rules match against). */
  text: string;
  /** Span in the normalised document text. */
  nStart: number;
  nEnd: number;
  /** Span in the original body, [start, end). */
  start: number;
  end: number;
  /** Line (paragraph) number. */
  para: number;
  /** The line is a list item. */
  bullet: boolean;
  /** The line is a heading (Markdown #, a bold-only line, or a short title line). */
  heading: boolean;
  /** Quoted speech (someone's words, not the release's narrative). */
  quote: boolean;
  /** After a boilerplate heading (notes, advice, related links). */
  boilerplate: boolean;
  /** The sentence ends with a colon (it leads a list). */
  leadsList: boolean;
}

export interface SentenceDoc {
  /** The normalised body. */
  text: string;
  /** For each normalised character, its offset in the original body. */
  map: Int32Array;
  sentences: Sentence[];
  body: string;
}

const CHAR_MAP: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201B': "'", '\u00B4': "'", '`': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u00AB': '"', '\u00BB': '"', '\u2033': '"',
  '\u2013': '-', '\u2014': '-', '\u2012': '-', '\u2212': '-', '\u2010': '-', '\u2011': '-',
  '\u00A0': ' ', '\t': ' ', '\u2009': ' ', '\u202F': ' ', '\u2002': ' ', '\u2003': ' ', '\u200B': '',
  '*': '', '_': '', '\r': '', '\u2026': '.',
};

// Social-media posts list with emoji: \u274C cross, \u2705/\u2714 ticks, \u25B6/\u27A1 arrows, \u2757 exclamation.
const BULLET = /^[ \t]*(?:(?:[*\u2022\u00B7\u25AA\u25CF\u25E6\u2023\u2043\u2013\u2014-]|\d{1,2}[.)])[ \t]+|[\u274C\u2705\u2714\u25B6\u27A1\u2757\u2192]\uFE0F?[ \t]*)/;
const HEADING = /^[ \t]*#{1,6}[ \t]+/;
const BOLD_LINE = /^[ \t]*\*\*[^*]+\*\*[ \t]*:?[ \t]*$/;
const BOILERPLATE = new RegExp(BOILERPLATE_HEADING_SOURCE, 'i');
const OTHER_STORIES = new RegExp(OTHER_STORIES_HEADING_SOURCE, 'i');
const LINK_LINE = /^(?:read more|see also|related|also read|more on this|watch|listen|click here|recommended)\s*[:|-]/i;
/** A list item that is a dated headline ("- Man given stalking order (12 October 2023)"): a link to another story. */
const DATED_HEADLINE_ITEM = /\((?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{4}\)\s*$|\(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\)\s*$/;
/**
 * Court round-ups print names in capitals ("JOHN SMITH, 45, of ..."): such a name introducing a person
 * (followed by an age or "of"/"from") is read as a name ("John Smith"), keeping the text's length.
 */
const CAPITAL_NAME = /\b[A-Z][A-Z'-]+(?:\s+[A-Z][A-Z'-]+){1,2}(?=\s*(?:,\s*(?:aged\s+)?\d{1,2}\b|,\s+(?:of|from)\s|\(\d{1,2}\)))/g;

function capitalNamesAsNames(text: string): string {
  return text.replace(CAPITAL_NAME, (name) => name.replace(/[A-Z]+/g, (w) => w[0] + w.slice(1).toLowerCase()));
}

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'supt', 'insp', 'det', 'sgt', 'cllr', 'cst', 'const', 'ch', 'no', 'nos', 'co',
  'ltd', 'jr', 'sr', 'rd', 'ave', 'approx', 'gov', 'prof', 'rev', 'capt', 'col', 'lt', 'gen', 'hon', 'dept', 'inc',
  'vs', 'v', 'etc', 'e.g', 'i.e', 'a.m', 'p.m', 'ph', 'tel', 'det.insp', 'det.supt', 'dc', 'ds', 'di', 'dci', 'pc',
  'sgt', 'asst', 'chief', 'mt', 'fig', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

interface Line {
  nStart: number;
  nEnd: number;
  bullet: boolean;
  heading: boolean;
}

/**
 * Whether the text is hard-wrapped (paragraphs broken into lines mid-sentence), judged on the whole
 * text so that a title line above a paragraph is not glued to it in ordinary Markdown.
 */
function isHardWrapped(body: string): boolean {
  const lines = body.split('\n');
  let nonEmpty = 0;
  let breaks = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (!l) continue;
    nonEmpty++;
    const next = lines[i + 1]?.trim() ?? '';
    if (next && l.length >= 40 && !/[.!?:;"')\]]$/.test(l.replace(/[*_]+$/, '')) && !BULLET.test(lines[i + 1]!)) breaks++;
  }
  return breaks >= 3 && breaks >= nonEmpty * 0.3;
}

/** Normalise the body into working text with an offset map back to the original. */
export function normalise(body: string): { text: string; map: number[]; lines: Line[] } {
  const out: string[] = [];
  const map: number[] = [];
  const lines: Line[] = [];
  const hardWrapped = isHardWrapped(body);
  let pendingStart: number | null = null;
  let pendingBullet = false;
  let pos = 0;
  while (pos <= body.length) {
    let nl = body.indexOf('\n', pos);
    if (nl < 0) nl = body.length;
    const raw = body.slice(pos, nl);
    let skip = 0;
    let bullet = false;
    let heading = false;
    const h = HEADING.exec(raw);
    if (h) {
      heading = true;
      skip = h[0].length;
    } else {
      const b = BULLET.exec(raw);
      if (b && !/^[ \t]*\*\*/.test(raw)) {
        bullet = true;
        skip = b[0].length;
      }
    }
    if (BOLD_LINE.test(raw)) heading = true;
    const lineStart = out.length;
    let lastSpace = true;
    for (let i = pos + skip; i < nl; i++) {
      const c = body[i]!;
      const r = CHAR_MAP[c] ?? c;
      if (r === '') continue;
      if (r === ' ') {
        if (lastSpace) continue;
        lastSpace = true;
      } else lastSpace = false;
      out.push(r);
      map.push(i);
    }
    while (out.length > lineStart && out[out.length - 1] === ' ') {
      out.pop();
      map.pop();
    }
    // A hard-wrapped paragraph: the line stops mid-sentence and the next goes on in lower case.
    const next = nl < body.length ? body.slice(nl + 1, body.indexOf('\n', nl + 1) < 0 ? body.length : body.indexOf('\n', nl + 1)) : '';
    const wraps =
      !heading &&
      out.length > lineStart &&
      // (A possessive "Magistrates'" ends no sentence.)
      (!/[.!?:;"')\]]$/.test(out[out.length - 1]!) || /[a-z]s'$/.test(out.slice(-3).join(''))) &&
      !BULLET.test(next) &&
      !HEADING.test(next) &&
      (/^[ \t]*[a-z0-9(]/.test(next) || (hardWrapped && /\S/.test(next)));
    if (wraps) {
      out.push(' ');
      map.push(nl);
      pos = nl + 1;
      // The joined line continues the same Line record.
      pendingStart ??= lineStart;
      pendingBullet ||= bullet;
      continue;
    }
    lines.push({ nStart: pendingStart ?? lineStart, nEnd: out.length, bullet: bullet || pendingBullet, heading });
    pendingStart = null;
    pendingBullet = false;
    out.push('\n');
    map.push(nl);
    pos = nl + 1;
  }
  return { text: capitalNamesAsNames(out.join('')), map, lines };
}

/** Where sentences end within one line of working text (offsets relative to the line). */
function sentenceEnds(line: string): number[] {
  const ends: number[] = [];
  const re = /[.!?]+["')\]]*(?=\s+["'([]?[A-Z0-9£])|[.!?]+["')\]]*(?=\s*$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) {
    const at = m.index;
    if (m[0][0] === '.' && m[0].length === 1) {
      const before = /([A-Za-z.]+)$/.exec(line.slice(Math.max(0, at - 12), at));
      const word = before ? before[1]!.toLowerCase() : '';
      if (word && (ABBREVIATIONS.has(word) || /^[a-z]$/.test(word) || /^[A-Z]$/.test(before![1]!))) {
        // "Mr. Smith", "J. Smith": no end, unless it is the very end of the line.
        if (!/^\s*$/.test(line.slice(at + 1))) continue;
      }
      if (/\d$/.test(line.slice(0, at)) && /^\d/.test(line.slice(at + 1))) continue;
    }
    ends.push(at + m[0].length);
  }
  return ends;
}

/** Split a release body into sentences, classified by line kind, quotation and boilerplate. */
export function splitSentences(body: string): SentenceDoc {
  const { text, map: mapArr, lines } = normalise(body);
  const map = Int32Array.from(mapArr);
  const sentences: Sentence[] = [];
  let boilerplate = false;
  let prevLineOpensQuote = false;
  /** A sentence of the story has been read (a paragraph line that ends as a sentence does). */
  let storyBegun = false;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    const lt = text.slice(line.nStart, line.nEnd);
    if (lt.trim() === '') continue;
    const trimmed = lt.trim();
    const shortTitle = !line.bullet && trimmed.length < 60 && !/[.!?:;,"']$/.test(trimmed) && !/\d{1,2}\s*$/.test(trimmed);
    const heading = line.heading || (shortTitle && /^[A-Z]/.test(trimmed) && trimmed.split(' ').length <= 8);
    const headingText = trimmed.replace(/[:.]$/, '');
    if ((heading || line.heading) && (BOILERPLATE.test(headingText) || (storyBegun && OTHER_STORIES.test(headingText)))) boilerplate = true;
    // Quoted paragraphs: opening with a quote mark, or following a line that ends "said:".
    // A short quoted phrase opening a narrative line ("'Obsessed' stalker handed SPO") is not speech.
    const startsQuote = /^["']/.test(trimmed) && !/^["'][^"']{1,30}["']\s+\S/.test(trimmed);
    const lineIsQuote = startsQuote || (prevLineOpensQuote && !heading);
    // A heading ("What the order says") introduces no speech.
    prevLineOpensQuote = !heading && (/\b(?:said|says|added|explained|commented|continued|stated)\s*:?\s*$/i.test(trimmed) || (/:\s*$/.test(trimmed) && /\bsaid\b/i.test(trimmed)));
    if (!heading && !line.bullet && /[.!?]["')\]”’]*$/.test(trimmed) && trimmed.split(' ').length >= 8) storyBegun = true;
    const ends = sentenceEnds(lt);
    let s = 0;
    let quotesSoFar = 0;
    let afterSaid = false;
    const pieces: Array<[number, number]> = [];
    for (const e of ends) {
      pieces.push([s, e]);
      s = e;
    }
    if (s < lt.length) pieces.push([s, lt.length]);
    for (const [a0, b0] of pieces) {
      let a = a0;
      let b = b0;
      while (a < b && lt[a] === ' ') a++;
      while (b > a && lt[b - 1] === ' ') b--;
      if (a >= b) continue;
      const st = lt.slice(a, b);
      const insideQuote = quotesSoFar % 2 === 1 || (/^["']/.test(st) && !/^["'][^"']{1,30}["']\s+\S/.test(st));
      const quote = lineIsQuote || insideQuote || afterSaid || /\b(?:said|says|added|explained|stated)\s*[:,]?\s*"/.test(st);
      quotesSoFar += (st.match(/"/g) ?? []).length;
      if (/\b(?:said|says|added|explained|commented|stated)\s*[:,]?\s*["']/.test(st) || /\bsaid\s*:\s*$/.test(st)) afterSaid = true;
      const nStart = line.nStart + a;
      const nEnd = line.nStart + b;
      sentences.push({
        index: sentences.length,
        text: st,
        nStart,
        nEnd,
        start: map[nStart]!,
        end: map[nEnd - 1]! + 1,
        para: li,
        bullet: line.bullet,
        heading,
        quote,
        // "Read more: Man given stalking order" links another story: its headline is not this one's.
        boilerplate: boilerplate || LINK_LINE.test(lt.trim()) || (line.bullet && DATED_HEADLINE_ITEM.test(lt)),
        leadsList: /:\s*$/.test(st),
      });
    }
  }
  return { text, map, sentences, body };
}
