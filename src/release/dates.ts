// Dates as the sources write them, turned into ISO 8601.

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

export function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')];
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  // Four-digit years only: ISO dates below year 1000 would need padding nobody's source writes.
  if (year < 1000 || year > 9999) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const UK_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** An instant as UK wall-clock time, `YYYY-MM-DDTHH:MM` (the form `published` is stored in). */
export function ukWallClock(epochMs: number): string {
  const p = Object.fromEntries(UK_CLOCK.formatToParts(new Date(epochMs)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Minutes a written zone is ahead of UTC: `Z`, `+01:00`, `+0100`, and RFC 822's `GMT`, `UT`, `UTC`, `BST`. */
function zoneMinutes(zone: string): number | null {
  const z = zone.toUpperCase();
  if (z === 'Z' || z === 'GMT' || z === 'UT' || z === 'UTC') return 0;
  if (z === 'BST') return 60;
  const m = z.match(/^([+-])(\d{2}):?(\d{2})$/);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : null;
}

/** A date and wall time written with a zone, as UK wall-clock time (the instant kept, never the digits). */
function zonedToUk(date: string, hour: number, minute: number, second: number, zone: string): string | null {
  const offset = zoneMinutes(zone);
  if (offset === null || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), hour, minute, second) - offset * 60_000;
  const uk = ukWallClock(utc);
  // The Date of a year below 1000 after the shift: not a date any source writes.
  return isoDate(+uk.slice(0, 4), +uk.slice(5, 7), +uk.slice(8, 10)) ? uk : null;
}

/**
 * A source date as ISO: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` when the source gives a time, always UK
 * wall-clock time (what a force's page shows, and how `published` is stored: `instantOf` reads it
 * back). A time written with a zone or offset (`2025-05-08T14:03:00+00:00`, `...Z`, `Fri, 29 May 2020
 * 16:08:00 GMT`, a YAML timestamp) is converted to the UK clock, never stored with its offset dropped:
 * 14:03 UTC on 8 May is 15:03 in the UK. Accepts the SOH `HH:MM DD/MM/YYYY` (and `Published: ...`),
 * `DD/MM/YYYY`, ISO dates and date-times, RFC 822, `Thursday, May 8, 2025`, `September 02, 2022`,
 * `25 February 2020`. Returns null for anything else, rather than guessing.
 */
export function parseSourceDate(input: unknown): string | null {
  if (input instanceof Date) {
    // YAML reads `published: 2025-05-08` as midnight UTC (a date) and `2025-05-08T14:03:00+01:00` as an instant.
    const t = input.getTime();
    if (Number.isNaN(t)) return null;
    const iso = input.toISOString();
    if (iso.endsWith('T00:00:00.000Z')) return isoDate(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10));
    return zonedToUk(iso.slice(0, 10), input.getUTCHours(), input.getUTCMinutes(), input.getUTCSeconds(), 'Z');
  }
  if (typeof input !== 'string') return null;
  const s = input.trim().replace(/^published:?\s*/i, '');
  let m: RegExpMatchArray | null;

  if ((m = s.match(/^(\d{1,2}):(\d{2})\s+(\d{1,2})\/(\d{1,2})\/(\d{4})$/))) {
    const d = isoDate(+m[5]!, +m[4]!, +m[3]!);
    return d && +m[1]! < 24 && +m[2]! < 60 ? `${d}T${pad(+m[1]!)}:${m[2]}` : null;
  }
  if ((m = s.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/))) return isoDate(+m[3]!, +m[2]!, +m[1]!);
  if ((m = s.match(/^(\d{4})-(\d{2})-(\d{2})(?:(?:T|\s+)(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i))) {
    const d = isoDate(+m[1]!, +m[2]!, +m[3]!);
    if (!d) return null;
    if (m[4] === undefined) return d;
    if (m[7]) return zonedToUk(d, +m[4], +m[5]!, +(m[6] ?? 0), m[7]);
    return `${d}T${m[4]}:${m[5]}`;
  }
  // RFC 822 as in RSS pubDate: with its zone (`GMT`, `+0000`) it is an instant, turned into UK time.
  if ((m = s.match(/^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?(?:\s*(GMT|UTC?|BST|Z|[+-]\d{2}:?\d{2})\b)?)?/i))) {
    const month = monthNumber(m[2]!);
    const d = month ? isoDate(+m[3]!, month, +m[1]!) : null;
    if (!d) return null;
    if (m[4] === undefined) return d;
    if (m[7]) return zonedToUk(d, +m[4], +m[5]!, +(m[6] ?? 0), m[7]);
    return `${d}T${m[4]}:${m[5]}`;
  }
  if ((m = s.match(/^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/))) {
    const month = monthNumber(m[1]!);
    return month ? isoDate(+m[3]!, month, +m[2]!) : null;
  }
  if ((m = s.match(/^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/))) {
    const month = monthNumber(m[2]!);
    return month ? isoDate(+m[3]!, month, +m[1]!) : null;
  }
  return null;
}

/** The date part (YYYY-MM-DD) of an ISO date or date-time. */
export function dateOnly(iso: string | null): string | null {
  return iso ? iso.slice(0, 10) : null;
}

/** Minutes Europe/London is ahead of UTC at an instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(new Date(utcMs));
  const n = (t: string): number => Number(parts.find((p) => p.type === t)!.value);
  return (Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute')) - Math.floor(utcMs / 60_000) * 60_000) / 60_000;
}

/**
 * The instant a stored date or date-time denotes. A time with a UTC offset (`Z`, `+01:00`) is that
 * instant; a time without one is UK wall-clock time (what a force's page shows); a date alone is the
 * start of that day in the UK. Null for anything else.
 */
export function instantOf(iso: string | null): Date | null {
  if (!iso) return null;
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/);
  if (!m) return null;
  if (m[7]) {
    const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7].length === 5 ? `${m[7].slice(0, 3)}:${m[7].slice(3)}` : m[7]}`);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (Number.isNaN(wall)) return null;
  // The offset at the wall-clock time read as UTC is right except within an hour of a change; a second
  // look at the corrected instant settles it.
  let utc = wall - londonOffsetMinutes(wall) * 60_000;
  utc = wall - londonOffsetMinutes(utc) * 60_000;
  return new Date(utc);
}

/**
 * A stored publication time with its UTC offset written out (`2024-07-05T14:20:00+01:00`): a time
 * written with an offset keeps it; a UK wall-clock time gets the offset the UK had then (+00:00 in
 * winter, +01:00 in summer), so no reader takes it for UTC and puts it an hour out. Null for a date
 * alone (no time of day to place) and for anything unreadable.
 */
export function withUtcOffset(iso: string | null): string | null {
  if (!iso || !/T\d{2}:\d{2}/.test(iso)) return null;
  const at = instantOf(iso);
  if (!at) return null;
  const explicit = iso.match(/(Z|[+-]\d{2}:?\d{2})$/)?.[1];
  const minutes = explicit ? (explicit === 'Z' ? 0 : (explicit[0] === '-' ? -1 : 1) * (Number(explicit.slice(1, 3)) * 60 + Number(explicit.slice(-2)))) : londonOffsetMinutes(at.getTime());
  const local = new Date(at.getTime() + minutes * 60_000).toISOString().slice(0, 19);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
