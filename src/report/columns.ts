// Export columns, read from the JSON Schemas in schemas/: the schema is the one definition of every
// column (name, order, type, allowed values, meaning), so exports and the data dictionary cannot drift.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const EXPORT_KINDS = ['orders', 'releases', 'mentions', 'claims'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The JSON Schema subset the export schemas use. */
export interface JsonSchema {
  $id?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  definitions?: Record<string, JsonSchema>;
  $ref?: string;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  uniqueItems?: boolean;
  additionalProperties?: boolean;
}

export const EXPORT_SCHEMA_FILES: Record<ExportKind, string> = {
  orders: 'export-order.schema.json',
  releases: 'export-release.schema.json',
  mentions: 'export-mention.schema.json',
  claims: 'export-claim.schema.json',
};

export const EXPORT_SCHEMAS: Record<ExportKind, JsonSchema> = {
  orders: require('../../schemas/export-order.schema.json') as JsonSchema,
  releases: require('../../schemas/export-release.schema.json') as JsonSchema,
  mentions: require('../../schemas/export-mention.schema.json') as JsonSchema,
  claims: require('../../schemas/export-claim.schema.json') as JsonSchema,
};

export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'array';

export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
  description: string;
}

function columnOf(name: string, s: JsonSchema): Column {
  const types = Array.isArray(s.type) ? s.type : [s.type ?? 'string'];
  const main = types.find((t) => t !== 'null') ?? 'string';
  if (!['string', 'integer', 'number', 'boolean', 'array'].includes(main)) throw new Error(`column ${name}: unsupported type ${main}`);
  return { name, type: main as ColumnType, nullable: types.includes('null'), description: s.description ?? '' };
}

/** The columns of an export, in their stable order (the order of the schema's properties). */
const columnCache = new Map<ExportKind, Column[]>();
export function exportColumns(kind: ExportKind): Column[] {
  let cols = columnCache.get(kind);
  if (!cols) {
    const props = EXPORT_SCHEMAS[kind].properties ?? {};
    cols = Object.entries(props).map(([name, s]) => columnOf(name, s));
    columnCache.set(kind, cols);
  }
  return cols;
}

/** Separator of list values inside one CSV cell (no list value can contain it). */
export const CSV_LIST_SEPARATOR = ' | ';

export type Cell = string | number | boolean | null | string[];
export type Row = Record<string, Cell>;

/** One value as a CSV cell: empty for null, true/false, lists joined with " | ". */
export function toCsvCell(value: Cell): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(CSV_LIST_SEPARATOR);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** Read a CSV cell back into its typed value (the inverse of toCsvCell, used to check round trips). */
export function fromCsvCell(column: Column, cell: string): Cell {
  if (column.type === 'array') return cell === '' ? [] : cell.split(CSV_LIST_SEPARATOR);
  if (cell === '' && column.nullable) return null;
  switch (column.type) {
    case 'integer':
    case 'number': {
      const n = Number(cell);
      if (cell.trim() === '' || !Number.isFinite(n)) throw new Error(`column ${column.name}: "${cell}" is not a number`);
      return n;
    }
    case 'boolean':
      if (cell !== 'true' && cell !== 'false') throw new Error(`column ${column.name}: "${cell}" is not true/false`);
      return cell === 'true';
    default:
      return cell;
  }
}

/** Put a row's keys in column order; a missing or extra key is a programming error. */
export function orderRow(kind: ExportKind, row: Row): Row {
  const cols = exportColumns(kind);
  const out: Row = {};
  for (const c of cols) {
    if (!(c.name in row)) throw new Error(`${kind} export: column ${c.name} has no value`);
    out[c.name] = row[c.name]!;
  }
  const extra = Object.keys(row).filter((k) => !(k in out));
  if (extra.length) throw new Error(`${kind} export: values without a column: ${extra.join(', ')}`);
  return out;
}
