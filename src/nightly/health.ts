// Force health beyond success and failure: a force whose site still answers but that has published
// nothing for much longer than usual (a changed listing, a broken scraper) is flagged as silent.
import type { Store } from '../store/index.ts';

export interface ForceCadence {
  typicalGapDays: number | null;
  daysSinceNewest: number | null;
  silent: boolean;
}

/** A force is silent when nothing new has appeared for more than this many typical gaps. */
export const SILENT_FACTOR = 3;
/** Gaps shorter than this are rounded up (forces publishing several releases a day). */
export const MIN_GAP_DAYS = 1;
/** At least this many dated releases are needed to know a force's cadence. */
export const MIN_RELEASES = 5;

const DAY = 86_400_000;

/** The median gap in days between consecutive publication dates (the latest 50), or null. */
export function typicalGapDays(dates: string[]): number | null {
  const days = [...new Set(dates.map((d) => d.slice(0, 10)).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)))].sort().slice(-50);
  if (days.length < MIN_RELEASES) return null;
  const gaps: number[] = [];
  for (let i = 1; i < days.length; i++) gaps.push((Date.parse(days[i]!) - Date.parse(days[i - 1]!)) / DAY);
  gaps.sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  const median = gaps.length % 2 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
  return Math.max(MIN_GAP_DAYS, median);
}

/** Compute and store (forces.typical_gap_days, forces.silent) a force's cadence, every release counted. */
export function forceCadence(store: Store, forceId: string, now: Date = new Date()): ForceCadence {
  const dates = store.publishedDates(forceId, 200);
  const gap = typicalGapDays(dates);
  const row = store.force(forceId);
  const newest = [row?.newest_release_at ?? null, dates[0] ?? null].filter((d): d is string => !!d).sort().pop() ?? null;
  const since = newest ? Math.max(0, (now.getTime() - Date.parse(newest.slice(0, 10))) / DAY) : null;
  const silent = gap !== null && since !== null && since > SILENT_FACTOR * gap;
  store.setForceCadence(forceId, gap, silent);
  return { typicalGapDays: gap, daysSinceNewest: since === null ? null : Math.round(since * 10) / 10, silent };
}
