// Numbers written in digits or words. The common forms come from a table; anything else that looks
// like a spelled number ("a hundred and one") goes to compromise, which parses such phrases well but
// costs about a millisecond a call, so it only sees the rare leftovers.
import { ORDINALS, TENS, UNITS } from './lexicon/numbers.ts';
import { nlp } from './nlp.ts';

/** The value of a number in digits or words ("10", "ten", "twenty-eight"), or null. */
export function parseNumber(raw: string): number | null {
  const s = raw.trim().toLowerCase().replace(/,/g, '');
  if (s === '') return null;
  if (/^\d+$/.test(s)) return Number(s);
  if (s in UNITS) return UNITS[s]!;
  if (s in TENS) return TENS[s]!;
  const m = /^([a-z]+)[- ]([a-z]+)$/.exec(s);
  if (m && m[1]! in TENS && m[2]! in UNITS && UNITS[m[2]!]! < 10 && UNITS[m[2]!]! > 0) return TENS[m[1]!]! + UNITS[m[2]!]!;
  if (!/^[a-z -]+$/.test(s)) return null;
  const found = nlp(s).numbers().get() as unknown[];
  const n = found.length === 1 ? found[0] : null;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** The value of an ordinal ("first", "100th", "twentieth"), or null. */
export function parseOrdinal(raw: string): number | null {
  const s = raw.trim().toLowerCase();
  const d = /^(\d+)(?:st|nd|rd|th)$/.exec(s);
  if (d) return Number(d[1]);
  return ORDINALS[s] ?? null;
}
