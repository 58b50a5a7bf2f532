// A Frictionless Data Package (datapackage.json) beside the exports, mapped from the export JSON Schemas:
// one resource per exported file, its fields (name, type, description, constraints) in column order,
// the licences and the sources. Data tools (frictionless, Open Data portals, R's frictionless package)
// read the files with it instead of guessing types.
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../release/files.ts';
import { basename, join } from 'node:path';
import { CSV_LIST_SEPARATOR, EXPORT_SCHEMAS, exportColumns, type ExportKind, type JsonSchema } from './columns.ts';
import type { ExportFormat } from './export.ts';

export const DATA_PACKAGE_FILE = 'datapackage.json';
const PACKAGE_NAME = 'spo-tracker-export';

const PRIMARY_KEYS: Partial<Record<ExportKind, string>> = { orders: 'order_id', releases: 'release_id', mentions: 'mention_id', towns: 'town' };
const MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
  json: 'application/json',
  geojson: 'application/geo+json',
};

export interface DataPackageField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  description: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: { required?: boolean; enum?: unknown[]; minimum?: number; pattern?: string };
}

/** One column as a Table Schema field. Lists are one CSV cell, values joined with " | ". */
function fieldOf(name: string, s: JsonSchema, nullable: boolean): DataPackageField {
  const types = (Array.isArray(s.type) ? s.type : [s.type ?? 'string']).filter((t) => t !== 'null');
  const main = types[0] ?? 'string';
  const list = main === 'array';
  const field: DataPackageField = {
    name,
    type: list ? 'string' : (main as DataPackageField['type']),
    description: list ? `${s.description ?? ''} In CSV: the values joined with "${CSV_LIST_SEPARATOR}".` : (s.description ?? ''),
  };
  if (main === 'boolean') {
    field.trueValues = ['true'];
    field.falseValues = ['false'];
  }
  const constraints: NonNullable<DataPackageField['constraints']> = {};
  if (!nullable && !list) constraints.required = true;
  const values = s.enum?.filter((v) => v !== null);
  if (values?.length && !list) constraints.enum = values;
  if (s.minimum !== undefined) constraints.minimum = s.minimum;
  // JSON Schema patterns match anywhere unless anchored; Table Schema patterns must match the whole value.
  if (s.pattern && !list && main === 'string') {
    const p = s.pattern;
    constraints.pattern = `${p.startsWith('^') ? p.slice(1) : `.*${p}`}`.replace(/\$$/, '') + (p.endsWith('$') ? '' : '.*');
  }
  if (Object.keys(constraints).length) field.constraints = constraints;
  return field;
}

/** The resource describing one exported file. */
export function dataPackageResource(kind: ExportKind, file: string, format: ExportFormat): Record<string, unknown> {
  const props = EXPORT_SCHEMAS[kind].properties ?? {};
  const fields = exportColumns(kind).map((c) => fieldOf(c.name, props[c.name]!, c.nullable));
  return {
    // Names are unique in a package: the file's name (orders.csv and orders.ndjson can sit side by side).
    name: basename(file).toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
    path: basename(file),
    title: EXPORT_SCHEMAS[kind].title,
    description: EXPORT_SCHEMAS[kind].description,
    profile: format === 'csv' ? 'tabular-data-resource' : 'data-resource',
    format,
    mediatype: MEDIA_TYPES[format],
    encoding: 'utf-8',
    ...(format === 'geojson' ? {} : { schema: { fields, ...(PRIMARY_KEYS[kind] ? { primaryKey: PRIMARY_KEYS[kind] } : {}), missingValues: [''] } }),
  };
}

/** The package: licences and sources, and the resources given. */
export function dataPackage(resources: Record<string, unknown>[], opts: { redacted?: boolean } = {}): Record<string, unknown> {
  return {
    profile: resources.every((r) => r.profile === 'tabular-data-resource') ? 'tabular-data-package' : 'data-package',
    name: PACKAGE_NAME,
    title: 'Stalking Protection Orders in England and Wales (spo-tracker export)',
    description:
      'Stalking Protection Orders announced by the police forces of England and Wales, extracted from their press releases by spo-tracker. ' +
      'Evidence columns quote the releases. See DATA-LICENSE.md in spo-tracker for the terms.' +
      (opts.redacted ? ' Redacted: personal names and street addresses are replaced by [name] and [address].' : ''),
    licenses: [{ name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0 (the extracted data)', path: 'https://creativecommons.org/licenses/by/4.0/' }],
    sources: [
      { title: 'Police force press releases, England and Wales (the forces’ text, under their terms; each row links its source)' },
      { title: 'GeoNames (place coordinates), CC BY 4.0', path: 'https://www.geonames.org' },
    ],
    created: new Date().toISOString(),
    resources,
  };
}

/**
 * Add (or replace) a file's resource in the folder's datapackage.json, keeping the resources of the other
 * exports there. A datapackage.json that is not ours is left alone (an error names it).
 */
export function writeDataPackage(dir: string, resource: Record<string, unknown>, opts: { redacted?: boolean } = {}): string {
  const path = join(dir, DATA_PACKAGE_FILE);
  let resources: Record<string, unknown>[] = [];
  if (existsSync(path)) {
    let old: { name?: string; resources?: Record<string, unknown>[] };
    try {
      old = JSON.parse(readFileSync(path, 'utf8')) as typeof old;
    } catch {
      throw new Error(`${path} exists and is not JSON: move it, or export to another folder`);
    }
    if (old.name !== PACKAGE_NAME) throw new Error(`${path} describes another data package ("${old.name ?? 'unnamed'}"): export to another folder`);
    resources = (old.resources ?? []).filter((r) => r.path !== resource.path);
  }
  resources.push(resource);
  resources.sort((a, b) => String(a.path).localeCompare(String(b.path)));
  // A temporary file beside it, renamed over it; removed again when the write fails (a full disk).
  writeFileAtomic(path, `${JSON.stringify(dataPackage(resources, opts), null, 2)}\n`);
  return path;
}
