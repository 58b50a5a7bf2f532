// The publication date: front matter first, else a date the head of the text gives as its own:
// a labelled date ("Published 21st Jun 2022", "Date published: 01 May 2024", "date 2020-07-14"), a
// dateline (a bare date on its own line under the headline), a byline with the date glued to the
// author's name ("Jane Smith20 January 2020"), or a relative date spelt out in full ("Yesterday
// (Monday 17 February 2025) we ..." was published the day after). Dates inside narrative sentences
// are events, not the publication, so only short lines and labelled dates count.
import type { ReleaseDocument } from '../domain/types.ts';
import { dateOnly, isoDate, parseSourceDate } from '../release/index.ts';
import { findDates } from './dates.ts';

export interface PublishedFinding {
  date: string;
  source: 'front-matter' | 'text';
  /** Span in the searched text (text findings): the line that gives the date. */
  index?: number;
  end?: number;
}

/** How far into the text a publication line may sit. */
const HEAD = 1500;
/** A byline or dateline is a short line; longer lines are narrative. */
const SHORT_LINE = 90;

/** The label just before a date: "Published", "Published on:", "Date published:", "Posted", "date". */
// At the start of the line, or glued to the byline before it ("Jane SmithPublished"): "was issued on" is narrative.
const PUBLISHED_LABEL = /(?:^\s*|[a-z|,;:]\s*)(?:[Dd]ate\s+)?(?:[Pp]ublished|[Pp]osted|[Ff]irst [Pp]ublished|[Dd]ate|[Ss]ent|(?:[Pp]ress|[Nn]ews|[Mm]edia)\s+[Rr]elease\s*[·•]?|[Nn]ews\s*[·•])(?:\s+by\s+[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,4}\s*,?)?(?:\s+on)?\s*[:|-]?\s*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[,|-]?\s*)?$/;
/** A later revision's date: used only when the text gives no other. */
const UPDATED_LABEL = /(?:^\s*|[a-z|,;:]\s*)(?:[Uu]pdated|[Ll]ast [Uu]pdated|[Mm]odified)(?:\s+on)?\s*[:|-]?\s*$/;
/** Before a dateline's date: nothing, a weekday, or a time ("10:32, 19 Jan 2020"). */
const DATELINE_BEFORE = /^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*|dydd\s+(?:llun|mawrth|mercher|iau|gwener|sadwrn|sul),?\s*|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[,|-]?\s*)?$/i;
/** "10:14, 4 MAR 2022 Updated 11:02, 4 MAR 2022": a dateline may carry its revision after it. */
const THEN_UPDATED = /^\s*(?:[|,-]\s*)?(?:[Uu]pdated|UPDATED|[Mm]odified|[Ll]ast [Uu]pdated)\b.*$/;
/** Before a byline's date: an author's name of up to four capitalised words (the date may be glued on). */
const BYLINE_BEFORE = /^(?:(?:[Bb]y|[Aa]uthor)\s*:?\s*)?(?:[A-Z][a-zA-Z'.-]*\s*){1,4}[|,-]?\s*$/;
/** After a byline's date: nothing, or the time ("- 10:31am"). */
const TIME_ONLY = /^\s*(?:[-|,]\s*)?(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:GMT|BST))?)?\s*$/i;
/** "Today (Friday 29 May 2020)", "Yesterday (Monday 17 February 2025)": the relative word fixes the offset. */
const RELATIVE_BEFORE = /\b(today|yesterday)\s*\(?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?$/i;

interface Candidate {
  date: string;
  rank: number;
  index: number;
  end: number;
}

function addDays(iso: string, days: number): string {
  const t = Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Candidates for the publication date in the head of the text, ranked (lower is better). */
function candidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  const head = text.slice(0, HEAD);
  let pos = 0;
  for (const raw of head.split('\n')) {
    const lineStart = pos;
    pos += raw.length + 1;
    // A date glued to the word before it ("Baker20 January") gets a space so its number is a word.
    const whole = raw.replace(/([A-Za-z])(\d)/g, '$1 $2').replace(/[*_#>]/g, ' ');
    if (!whole.trim()) continue;
    // A bilingual dateline gives the date twice ("Dydd Llun 15 Mai 2023 / Monday 15 May 2023"): each
    // half is read as a line of its own, blanked elsewhere so positions stay those of the line.
    for (const line of bilingualHalves(whole)) {
      const short = line.trim().length <= SHORT_LINE;
      for (const d of findDates(line)) {
        if (d.year === undefined || d.month === undefined || d.day === undefined) continue;
        const iso = isoDate(d.year, d.month, d.day);
        if (!iso) continue;
        const before = line.slice(0, d.index);
        const span = { index: lineStart, end: lineStart + raw.length };
        const rel = RELATIVE_BEFORE.exec(before);
        if (UPDATED_LABEL.test(before)) out.push({ date: iso, rank: 3, ...span });
        else if (PUBLISHED_LABEL.test(before)) out.push({ date: iso, rank: 0, ...span });
        else if (rel) out.push({ date: rel[1]!.toLowerCase() === 'yesterday' ? addDays(iso, 1) : iso, rank: 1, ...span });
        else if (short && DATELINE_BEFORE.test(before.trim()) && line.slice(d.end).replace(THEN_UPDATED, '').trim().length < 25) out.push({ date: iso, rank: 1, ...span });
        else if (short && BYLINE_BEFORE.test(before.trim()) && TIME_ONLY.test(line.slice(d.end))) out.push({ date: iso, rank: 2, ...span });
      }
    }
  }
  return out;
}

/** The two halves of "A / B", each as the whole line with the other half blanked out; else the line. */
function bilingualHalves(line: string): string[] {
  const seps = [...line.matchAll(/\s[/|]\s/g)];
  if (seps.length !== 1) return [line];
  const m = seps[0]!;
  const cut = m.index + m[0].length;
  return [line.slice(0, m.index).padEnd(line.length), ' '.repeat(cut) + line.slice(cut)];
}

export function findPublished(doc: ReleaseDocument, text: string): PublishedFinding | undefined {
  const fm = dateOnly(doc.published) ?? dateOnly(parseSourceDate(doc.frontMatter.date ?? doc.frontMatter.datePublished ?? null));
  if (fm) return { date: fm, source: 'front-matter' };
  const found = candidates(text).sort((a, b) => a.rank - b.rank || a.index - b.index)[0];
  return found ? { date: found.date, source: 'text', index: found.index, end: found.end } : undefined;
}
