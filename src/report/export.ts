// `spo export`: orders, releases, mentions or claims as CSV, NDJSON or JSON, columns from the export schemas.
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import type { Store } from '../store/index.ts';
import { exportColumns, fromCsvCell, toCsvCell, type ExportKind, type Row } from './columns.ts';
import { claimRows } from './claims.ts';
import { mentionRows, orderRows, releaseRows, townRows, type RowFilter } from './rows.ts';
import { jsonText } from './safe-text.ts';
import type { ExportFormat } from './defaults.ts';

export { EXPORT_FORMATS, type ExportFormat } from './defaults.ts';

/** The rows of one export, in their stable order. */
export function exportRows(store: Store, kind: ExportKind, filter: RowFilter = {}): Row[] {
  switch (kind) {
    case 'orders':
      return orderRows(store, filter);
    case 'releases':
      return releaseRows(store, filter);
    case 'mentions':
      return mentionRows(store, filter);
    case 'claims':
      return claimRows(store, filter);
    case 'towns':
      return townRows(store, filter);
  }
}

/** Serialise rows: CSV (header, RFC 4180 quoting, UTF-8), NDJSON (one object a line) or a JSON array. */
export function formatRows(kind: ExportKind, rows: Row[], format: ExportFormat): string {
  const columns = exportColumns(kind).map((c) => c.name);
  switch (format) {
    case 'csv':
      return stringify(
        rows.map((r) => columns.map((c) => toCsvCell(r[c] ?? null))),
        { header: true, columns, quoted_string: false, eof: true },
      );
    // jsonText: the same values, with the control characters a terminal acts on written as \u escapes.
    case 'ndjson':
      return rows.map((r) => jsonText(r, 0)).join('\n') + (rows.length ? '\n' : '');
    case 'json':
      return `${jsonText(rows)}\n`;
    case 'geojson':
      return geoJson(kind, rows);
  }
}

/**
 * RFC 7946 GeoJSON: one Point feature per row that has coordinates (towns the gazetteer places), the
 * row's columns as its properties. For QGIS, Datawrapper, uMap and the like.
 */
function geoJson(kind: ExportKind, rows: Row[]): string {
  if (kind !== 'towns') throw new Error(`--format geojson is for towns (spo export towns --format geojson), not ${kind}`);
  const features = rows
    .filter((r) => typeof r.latitude === 'number' && typeof r.longitude === 'number')
    .map((r) => {
      const { latitude, longitude, ...properties } = r;
      return { type: 'Feature', geometry: { type: 'Point', coordinates: [longitude, latitude] }, properties };
    });
  return `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`;
}

/** Read an export's CSV back into typed rows (what a careful researcher's loader does). */
export function parseCsvExport(kind: ExportKind, text: string): Row[] {
  const columns = exportColumns(kind);
  const records = parse(text, { columns: true, skip_empty_lines: false, bom: true }) as Record<string, string>[];
  return records.map((rec) => {
    const row: Row = {};
    for (const c of columns) {
      if (!(c.name in rec)) throw new Error(`CSV has no column ${c.name}`);
      row[c.name] = fromCsvCell(c, rec[c.name]!);
    }
    return row;
  });
}

/** The format a file name implies (.csv, .ndjson/.jsonl, .json), if any. */
export function formatFromFileName(file: string): ExportFormat | undefined {
  const f = file.toLowerCase();
  if (f.endsWith('.csv')) return 'csv';
  if (f.endsWith('.ndjson') || f.endsWith('.jsonl')) return 'ndjson';
  if (f.endsWith('.geojson')) return 'geojson';
  if (f.endsWith('.json')) return 'json';
  return undefined;
}
