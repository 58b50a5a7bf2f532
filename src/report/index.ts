// Outputs people use: exports with provenance, full-text search, stats and the report page.
// Public entry of the report stage; everything reads the store and never writes to it.
export { EXPORT_KINDS, EXPORT_SCHEMAS, exportColumns, toCsvCell, fromCsvCell, CSV_LIST_SEPARATOR, type ExportKind, type Column, type Row, type Cell } from './columns.ts';
export { exportRows, formatRows, parseCsvExport, formatFromFileName, EXPORT_FORMATS, type ExportFormat } from './export.ts';
export { orderRows, releaseRows, mentionRows, normaliseSince, checkForce, type OrderRow, type RowFilter } from './rows.ts';
export { searchReleases, literalQuery, SearchSyntaxError, HIT_START, HIT_END, type SearchHit, type SearchResult, type SearchMode } from './search.ts';
export { computeCoverage, readCoverage, renderCoverage, nationalStatement, COVERAGE_EXPLANATION, type Coverage, type CoverageRow } from './coverage.ts';
export { claimRows } from './claims.ts';
export { computeStats, renderTotals, renderBreakdown, STATS_BREAKDOWNS, type Stats, type StatsBreakdown, type Totals } from './stats.ts';
export { buildReport, esc, scriptJson, safeHref, type ReportOptions } from './html.ts';
export { buildFeed, feedEntries, type FeedEntry } from './feed.ts';
export { generateDataDictionary, writeDataDictionary, DICTIONARY_PATH } from './dictionary.ts';
export { DEFAULT_REPORT_PATH, openForReading } from './open.ts';
