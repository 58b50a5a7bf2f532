// Dates in release text: full dates, dates without a year, months, and relative dates ("today",
// "on Friday", "earlier this month"). A date without a year is resolved only against a reference the
// text itself fixes: the publication date, else the one year that all full dates in the text share.
import { isoDate, monthNumber } from '../release/dates.ts';

const WEEKDAY = '(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day';
const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)';
const WELSH_MONTHS = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'];
const WELSH_MONTH = `(${WELSH_MONTHS.join('|')})`;
const WEEKDAYS: Record<string, number> = { sun: 0, mon: 1, tues: 2, wednes: 3, thurs: 4, fri: 5, satur: 6 };

export interface DateMention {
  /** Span in the searched text. */
  index: number;
  end: number;
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
  rel?: 'today' | 'yesterday' | 'this_month' | 'last_month' | 'weekday';
}

export interface DateReference {
  /** Publication date, YYYY-MM-DD. */
  published: string | null;
  /** The one year all full dates in the text share, if any. */
  textYear: number | null;
}

const PATTERNS: Array<{ re: RegExp; read: (m: RegExpExecArray) => Omit<DateMention, 'index' | 'end'> | null }> = [
  {
    re: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g,
    read: (m) => ({ day: +m[1]!, month: +m[2]!, year: +m[3]! }),
  },
  {
    re: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    read: (m) => ({ year: +m[1]!, month: +m[2]!, day: +m[3]! }),
  },
  {
    re: new RegExp(`(?:\\b${WEEKDAY},?\\s+)?(?:the\\s+)?\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b\\.?(?:,?\\s+(\\d{4})\\b)?`, 'g'),
    read: (m) => ({ weekday: m[1] ? WEEKDAYS[m[1].toLowerCase()] : undefined, day: +m[2]!, month: monthNumber(m[3]!), year: m[4] ? +m[4] : undefined }),
  },
  {
    re: new RegExp(`(?:\\b${WEEKDAY},?\\s+)?\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:])(?:,?\\s+(\\d{4})\\b)?`, 'g'),
    read: (m) => ({ weekday: m[1] ? WEEKDAYS[m[1].toLowerCase()] : undefined, month: monthNumber(m[2]!), day: +m[3]!, year: m[4] ? +m[4] : undefined }),
  },
  {
    // Welsh, in bilingual releases ("4 Mawrth 2025"): a day, then the month.
    re: new RegExp(`\\b(\\d{1,2})\\s+${WELSH_MONTH}\\b(?:\\s+(\\d{4})\\b)?`, 'g'),
    read: (m) => ({ day: +m[1]!, month: WELSH_MONTHS.indexOf(m[2]!) + 1, year: m[3] ? +m[3] : undefined }),
  },
  {
    re: new RegExp(`\\b${MONTH}\\s+(\\d{4})\\b`, 'g'),
    read: (m) => ({ month: monthNumber(m[1]!), year: +m[2]! }),
  },
  {
    re: /\b(?:today|this morning|this afternoon)\b/gi,
    read: () => ({ rel: 'today' }),
  },
  {
    re: /\byesterday\b/gi,
    read: () => ({ rel: 'yesterday' }),
  },
  {
    re: /\b(?:earlier |later )?this month\b/gi,
    read: () => ({ rel: 'this_month' }),
  },
  {
    re: /\blast month\b/gi,
    read: () => ({ rel: 'last_month' }),
  },
  {
    re: new RegExp(`\\b(?:[Oo]n|[Ll]ast|[Tt]his past|[Oo]n the)\\s+${WEEKDAY}\\b`, 'g'),
    read: (m) => ({ rel: 'weekday', weekday: WEEKDAYS[m[1]!.toLowerCase()] }),
  },
  {
    re: new RegExp(`\\b(?:[Ii]n|[Dd]uring|[Oo]n|[Ff]rom|of|by|[Ee]arly|[Ll]ate|[Mm]id|[Mm]id-|[Ee]nd of|[Bb]eginning of|[Ss]tart of)\\s+${MONTH}\\b(?!\\s*\\d)`, 'g'),
    read: (m) => (m[1] === 'May' && /\bmay\b/.test(m[0]) ? null : { month: monthNumber(m[1]!) }),
  },
];

/** Every date mention in the text, earliest first, without overlaps (longer forms win). */
/** Month names set in capitals ("4 APR 2023", "12 MARCH 2022"), as some sites print datelines. */
const CAPITAL_MONTH = /\b(JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)\b/g;

export function findDates(input: string): DateMention[] {
  // Same length, so every index found below still points into the caller's text.
  const text = input.replace(CAPITAL_MONTH, (m) => m[0] + m.slice(1).toLowerCase());
  const found: DateMention[] = [];
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const r = read(m);
      if (!r || (r.month !== undefined && (r.month < 1 || r.month > 12))) continue;
      const index = m.index;
      const end = m.index + m[0].length;
      if (found.some((f) => index < f.end && end > f.index)) continue;
      found.push({ ...r, index, end });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The year every full date (day, month and year) in the text shares, or null. */
export function textYear(text: string): number | null {
  const years = new Set<number>();
  for (const d of findDates(text)) if (d.year !== undefined && d.day !== undefined) years.add(d.year);
  return years.size === 1 ? [...years][0]! : null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function addDays(iso: string, days: number): string {
  const t = Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function weekdayOf(iso: string): number {
  return new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10))).getUTCDay();
}

/**
 * The ISO date (YYYY-MM-DD or YYYY-MM) a mention denotes, or null when the text does not fix it.
 * `direction` says whether an unfixed year should put the date before ('past': the date an order was
 * made) or after ('future': the date it runs until) the publication date.
 */
export function resolveDate(d: DateMention, ref: DateReference, direction: 'past' | 'future' = 'past'): string | null {
  const pub = ref.published;
  if (d.rel) {
    if (!pub) return null;
    switch (d.rel) {
      case 'today':
        return pub;
      case 'yesterday':
        return addDays(pub, -1);
      case 'this_month':
        return pub.slice(0, 7);
      case 'last_month': {
        const y = +pub.slice(0, 4);
        const m = +pub.slice(5, 7);
        return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
      }
      case 'weekday': {
        const w = d.weekday!;
        const diff = (weekdayOf(pub) - w + 7) % 7;
        // "On Monday" in a report published on a Monday is that day: news is told the day it happens.
        return direction === 'past' ? addDays(pub, -diff) : addDays(pub, (w - weekdayOf(pub) + 7) % 7 || 7);
      }
    }
  }
  if (d.month === undefined) return null;
  let year = d.year;
  if (year === undefined) {
    if (pub) {
      const py = +pub.slice(0, 4);
      const probe = (y: number): string => (d.day !== undefined ? `${y}-${pad(d.month!)}-${pad(d.day)}` : `${y}-${pad(d.month!)}`);
      const pubCmp = d.day !== undefined ? pub : pub.slice(0, 7);
      year = py;
      if (direction === 'past' && probe(py) > pubCmp) year = py - 1;
      if (direction === 'future' && probe(py) < pubCmp) year = py + 1;
      // A weekday given with the date picks between neighbouring years.
      if (d.weekday !== undefined && d.day !== undefined) {
        const ok = (y: number): boolean => {
          const iso = isoDate(y, d.month!, d.day!);
          return iso !== null && weekdayOf(iso) === d.weekday;
        };
        if (!ok(year)) {
          const alt = [year - 1, year + 1].find(ok);
          if (alt !== undefined && Math.abs(alt - py) <= 1) year = alt;
        }
      }
    } else if (ref.textYear !== null) year = ref.textYear;
    else return null;
  }
  if (d.day === undefined) return `${year}-${pad(d.month)}`;
  return isoDate(year, d.month, d.day);
}
