// Export columns, read from the JSON Schemas in schemas/: the schema is the one definition of every
// column (name, order, type, allowed values, meaning), so exports and the data dictionary cannot drift.
import { createRequire } from 'node:module';
import { projectPath } from '../domain/project.ts';

const require = createRequire(import.meta.url);

export const EXPORT_KINDS = ['orders', 'releases', 'mentions', 'claims', 'towns'] as const;
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
  towns: 'export-town.schema.json',
};

export const EXPORT_SCHEMAS: Record<ExportKind, JsonSchema> = {
  orders: require(projectPath('schemas/export-order.schema.json')) as JsonSchema,
  releases: require(projectPath('schemas/export-release.schema.json')) as JsonSchema,
  mentions: require(projectPath('schemas/export-mention.schema.json')) as JsonSchema,
  claims: require(projectPath('schemas/export-claim.schema.json')) as JsonSchema,
  towns: require(projectPath('schemas/export-town.schema.json')) as JsonSchema,
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

/**
 * CSV formula injection: a spreadsheet reads a cell starting with = + - @ (or tab, CR) as a formula,
 * and scraped titles can start that way (`=HYPERLINK(...)`). Such a text cell is written with a leading
 * apostrophe, which spreadsheets show as text and do not display; apostrophes already in front of
 * such a character get one more, so reading it back (fromCsvCell) is exact. Numbers (a typed number,
 * or text that is a plain number like "-5") are not formulas and are left alone.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** One value as a CSV cell: empty for null, true/false, lists joined with " | ", formulas neutralised. */
export function toCsvCell(value: Cell): string {
  if (value === null) return '';
  if (Array.isArray(value)) return neutraliseFormula(value.join(CSV_LIST_SEPARATOR));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  return neutraliseFormula(value);
}

/** Read a CSV cell back into its typed value (the inverse of toCsvCell, used to check round trips). */
export function fromCsvCell(column: Column, raw: string): Cell {
  const cell = column.type === 'string' || column.type === 'array' ? restoreFormula(raw) : raw;
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
