// Small helpers: a seeded PRNG, UK local time, slugs, HTML escaping.

export interface Rng {
  next(): number; // [0, 1)
  int(lo: number, hi: number): number; // inclusive
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  shuffle<T>(xs: T[]): T[];
}

export function rng(seed: number): Rng {
  let a = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
    shuffle<T>(xs: T[]): T[] {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
      }
      return xs;
    },
  };
}

/** Stable 32-bit hash of a string (FNV-1a), for per-force seeds. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * Times are held as UK wall-clock milliseconds ("local ms": the UK local date-time read as if it were UTC).
 * utcFromLocal converts to a real instant (BST = last Sunday of March to last Sunday of October).
 */
function lastSunday(year: number, month0: number): number {
  const d = new Date(Date.UTC(year, month0 + 1, 0));
  return d.getUTCDate() - d.getUTCDay();
}
export function isBst(localMs: number): boolean {
  const d = new Date(localMs);
  const y = d.getUTCFullYear();
  const start = Date.UTC(y, 2, lastSunday(y, 2), 1);
  const end = Date.UTC(y, 9, lastSunday(y, 9), 2);
  return localMs >= start && localMs < end;
}
export function utcFromLocal(localMs: number): number {
  return localMs - (isBst(localMs) ? 3600_000 : 0);
}
export function localFromUtc(utcMs: number): number {
  const guess = utcMs + 3600_000;
  return isBst(guess) ? guess : utcMs;
}

/** `2020-02-27T12:31` or `2020-02-27` or a full ISO date-time with zone, to local ms. */
export function parseLocal(s: string): number {
  const m = s.match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/);
  if (!m) throw new Error(`replica: bad date ${JSON.stringify(s)} (want YYYY-MM-DD or YYYY-MM-DDTHH:MM)`);
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, m[4] ? +m[4] : 9, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
  if (!m[7]) return ms;
  const off = m[7] === 'Z' ? 0 : (m[7].startsWith('-') ? -1 : 1) * (+m[7].slice(1, 3) * 60 + +m[7].slice(-2)) * 60_000;
  return localFromUtc(ms - off);
}

/** `12:31 27/02/2020` (SOH "Published:" format). */
export function sohDate(localMs: number): string {
  const d = new Date(localMs);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
/** `2020-02-27T12:31` (what src/release/dates.ts parseSourceDate makes of the SOH string). */
export function isoLocal(localMs: number): string {
  return new Date(localMs).toISOString().slice(0, 16);
}
/** RFC 822 in GMT: `Thu, 27 Feb 2020 12:31:00 GMT`. */
export function rfc822(localMs: number): string {
  return new Date(utcFromLocal(localMs)).toUTCString();
}
/** Mynewsdesk `time[datetime]`: `2025-05-08 10:15:00 +0000`. */
export function mndDatetime(localMs: number): string {
  const d = new Date(utcFromLocal(localMs));
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} +0000`;
}
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS_CAP = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Lancashire card date: `Thursday, May 8, 2025`. */
export function longUsDate(localMs: number): string {
  const d = new Date(localMs);
  return `${DAYS[d.getUTCDay()]}, ${MONTHS_CAP[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}
/** Mynewsdesk display date: `08 May 2025 11:15`. */
export function mndDisplay(localMs: number): string {
  const d = new Date(localMs);
  return `${pad(d.getUTCDate())} ${MONTHS_CAP[d.getUTCMonth()]!.slice(0, 3)} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
/** `Monday 25 February 2020` as written in release bodies. */
export function proseDate(localMs: number): string {
  const d = new Date(localMs);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS_CAP[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
export function proseDayMonth(localMs: number): string {
  const d = new Date(localMs);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS_CAP[d.getUTCMonth()]}`;
}

/**
 * SOH-style slug: lower case, punctuation dropped but its hyphens kept, so "Appeal – Dover Road" gives
 * "appeal---dover-road"; dots survive ("7.5m").
 */
export function sohSlugify(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[–—]/g, '-')
    .replace(/[^a-z0-9 .-]/g, '')
    .trim()
    .replace(/\s/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}
/** Mynewsdesk-style slug: words joined by single hyphens, cut at ~80 characters. */
export function mndSlugify(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
export function escXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Body text (blank-line paragraphs, "- " bullets, "## " headings) to HTML. */
export function bodyToHtml(body: string): string {
  const out: string[] = [];
  for (const block of body.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
    if (!lines.length) continue;
    let para: string[] = [];
    let list: string[] = [];
    const flushPara = (): void => {
      if (para.length) out.push(`<p>${esc(para.join(' '))}</p>`);
      para = [];
    };
    const flushList = (): void => {
      if (list.length) out.push(`<ul>\n${list.map((li) => `  <li>${esc(li)}</li>`).join('\n')}\n</ul>`);
      list = [];
    };
    for (const line of lines) {
      if (line.startsWith('- ')) {
        flushPara();
        list.push(line.slice(2).trim());
      } else if (line.startsWith('## ')) {
        flushPara();
        flushList();
        out.push(`<h2>${esc(line.slice(3).trim())}</h2>`);
      } else {
        flushList();
        para.push(line);
      }
    }
    flushPara();
    flushList();
  }
  return out.join('\n');
}

/** First paragraph (no bullets, no headings), trimmed to a sentence boundary near `max` characters. */
export function summarise(body: string, max = 220): string {
  const first = body.split(/\n\s*\n/).map((b) => b.trim()).find((b) => b && !b.startsWith('- ') && !b.startsWith('## ')) ?? '';
  const flat = first.replace(/\s+/g, ' ');
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const dot = cut.lastIndexOf('. ');
  return dot > 60 ? cut.slice(0, dot + 1) : cut.replace(/\s+\S*$/, '') + '…';
}
