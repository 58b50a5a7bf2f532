// Order lengths and end dates as numbers and dates people can analyse without parsing "P5Y" or
// "until:2026-05-01". The views compute the same in SQL (src/store/migrations.ts, migration 11);
// test/export.analysis.test.ts holds the two equal.

/** Months of an ISO duration of whole years and/or months (P5Y -> 60, P18M -> 18, P2Y6M -> 30); else null. */
export function durationMonths(duration: string | null): number | null {
  const m = duration?.match(/^P(?:(\d+)Y)?(?:(\d+)M)?$/);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  return Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0);
}

/** How precise a made_on value is. */
export function madeOnPrecision(madeOn: string | null): 'day' | 'month' | 'year' | null {
  if (!madeOn) return null;
  return madeOn.length === 10 ? 'day' : madeOn.length === 7 ? 'month' : madeOn.length === 4 ? 'year' : null;
}

/**
 * The day an order ends, where it follows: the date of "until:DATE", or a day-precise made_on plus a
 * duration in whole months (a day past the end of a shorter month is that month's last day: 2020-02-29
 * plus 10 years ends 2030-02-28).
 */
export function endsOn(madeOn: string | null, duration: string | null): string | null {
  if (duration?.startsWith('until:')) return duration.slice(6);
  const months = durationMonths(duration);
  if (months === null || madeOnPrecision(madeOn) !== 'day') return null;
  const [y, m, d] = madeOn!.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
