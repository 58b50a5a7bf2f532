// The publication date: front matter first, else a date the text itself labels as such
// ("date 2020-07-14 ...", "Published: 14 July 2020") near its top.
import type { ReleaseDocument } from '../domain/types.ts';
import { dateOnly, parseSourceDate } from '../release/index.ts';

export interface PublishedFinding {
  date: string;
  source: 'front-matter' | 'text';
  /** Span in the searched text (text findings). */
  index?: number;
  end?: number;
}

const DATE_TOKEN =
  '(\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?)?|\\d{1,2}/\\d{1,2}/\\d{4}|(?:[A-Z][a-z]+,?\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+[A-Z][a-z]+,?\\s+\\d{4}|(?:[A-Z][a-z]+,?\\s+)?[A-Z][a-z]+\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})';
const LABELLED = new RegExp(
  `(?:^|\\n)[ \\t]*(?:(?:date|published|posted|first published)(?:\\s+on)?\\s*:?\\s*)(?:\\d{1,2}[:.]\\d{2}\\s*(?:[ap]\\.?m\\.?)?\\s*[,|-]?\\s*)?${DATE_TOKEN}`,
  'i',
);
const LEADING = new RegExp(`^\\s*${DATE_TOKEN}(?=\\s|$)`);

/** How far into the text a publication line may sit. */
const HEAD = 400;

export function findPublished(doc: ReleaseDocument, text: string): PublishedFinding | undefined {
  const fm = dateOnly(doc.published) ?? dateOnly(parseSourceDate(doc.frontMatter.date ?? doc.frontMatter.datePublished ?? null));
  if (fm) return { date: fm, source: 'front-matter' };
  const head = text.slice(0, HEAD);
  for (const re of [LABELLED, LEADING]) {
    const m = re.exec(head);
    if (!m) continue;
    const token = m[1]!.replace(/(\d)(?:st|nd|rd|th)\b/, '$1');
    const d = dateOnly(parseSourceDate(token));
    if (d) return { date: d, source: 'text', index: m.index + m[0].length - m[1]!.length, end: m.index + m[0].length };
  }
  return undefined;
}
