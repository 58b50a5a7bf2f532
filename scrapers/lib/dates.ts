// Dates as police sites print them: the SOH `Published:` line, `<time datetime>`, RFC 822 and ISO,
// JSON-LD, and dates written out in running text. All become ISO 8601 UK wall-clock time.
import type { CheerioAPI } from 'cheerio';
import { parseSourceDate, ukWallClock } from '../../src/release/dates.ts';
import { clean } from './html.ts';

export { parseSourceDate, ukWallClock };

/** `Published: HH:MM DD/MM/YYYY` (the SOH form) anywhere in a text, as ISO. */
export function findPublishedText(text: string): string | null {
  const m = text.match(/Published:?\s*(\d{1,2}:\d{2}\s+\d{1,2}\/\d{1,2}\/\d{4})/i);
  return m ? parseSourceDate(m[1]) : null;
}

/** A date from a `<time datetime>` value, RFC 822, ISO, or the forms parseSourceDate knows. */
export function parseAnyDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = clean(value);
  const direct = parseSourceDate(v);
  if (direct) return direct;
  // "2025-05-08 14:03:00 +0000" (Mynewsdesk datetime attributes), "2025-05-08T14:03:00.000Z": a time with
  // a zone is turned into UK wall-clock time, the zone SOH's `Published:` text is written in.
  const z = v.match(/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})$/i);
  if (z) {
    const zone = z[3]!.toUpperCase() === 'Z' ? 'Z' : z[3]!.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const t = Date.parse(`${z[1]}T${z[2]}${zone}`);
    if (!Number.isNaN(t)) return ukWallClock(t);
  }
  const m = v.match(/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/);
  if (m) return parseSourceDate(`${m[1]}T${m[2]}`);
  const d = v.match(/^(\d{4}-\d{2}-\d{2})/);
  return d ? parseSourceDate(d[1]) : null;
}

/** Dates written out in running text: `Thursday, May 8, 2025`, `September 02, 2022`, `8 May 2025`. */
export function findWrittenDate(text: string): string | null {
  const patterns = [
    /\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b/,
    /\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}\b/,
  ];
  for (const re of patterns) {
    const m = text.match(re);
    if (m) {
      const d = parseSourceDate(m[0]);
      if (d) return d;
    }
  }
  return null;
}

/** The first `datePublished` of the page's JSON-LD (a top-level object or array of objects), as ISO. */
export function jsonLdDate($: CheerioAPI): string | null {
  let found: string | null = null;
  $('script[type="application/ld+json"]').each((_, s) => {
    try {
      const data = JSON.parse($(s).text()) as unknown;
      const list = Array.isArray(data) ? data : [data];
      for (const d of list) {
        const v = (d as { datePublished?: string } | null)?.datePublished;
        if (v && (found = parseAnyDate(v))) return false;
      }
    } catch {
      /* not JSON: ignore */
    }
    return undefined;
  });
  return found;
}

/** A date line of its own (a short element whose whole text matches `line`, e.g. `Thursday, May 8, 2025`), as ISO. */
export function dateLine($: CheerioAPI, line: RegExp): string | null {
  let found: string | null = null;
  $('time, p, span, div').each((_, el) => {
    const $el = $(el);
    if ($el.children().length > 1) return undefined;
    const t = $el.text().replace(/\s+/g, ' ').trim();
    if (t.length < 40 && line.test(t)) {
      found = findWrittenDate(t);
      if (found) return false;
    }
    return undefined;
  });
  return found;
}
