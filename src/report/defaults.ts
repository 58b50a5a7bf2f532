// The output stage's choices and defaults that `spo --help` shows, in a module of their own: showing
// them loads no output code (the commands load that when they run). Each is re-exported where it is used.

export const DEFAULT_REPORT_PATH = 'data/report.html';

/** Export file formats. */
export const EXPORT_FORMATS = ['csv', 'ndjson', 'json', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What `spo stats` breaks the totals down by. */
export const STATS_BREAKDOWNS = ['force', 'month', 'condition'] as const;
export type StatsBreakdown = (typeof STATS_BREAKDOWNS)[number];

/** How much the feed keeps. */
export interface FeedWindow {
  /** At most this many entries (null: no limit). */
  entries: number | null;
  /** Only orders first seen or published in the last this-many days (null: no limit). */
  days: number | null;
}
export const DEFAULT_FEED_WINDOW: FeedWindow = { entries: 100, days: 30 };
