// Reference figures bundled in data/reference/ (see its README for sources and caveats): the BBC
// Shared Data Unit's FOI survey per force (to spring 2021) and the national first-year court figures.
// Read from the repository, never from ../shared, so the project runs on its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { forceByName } from './forces.ts';
import { projectPath } from './project.ts';

export const REFERENCE_DIR = projectPath('data/reference');
export const FOI_2021_FILE = join(REFERENCE_DIR, 'spo-foi-2021.csv');
export const NATIONAL_FILE = join(REFERENCE_DIR, 'national-first-year.csv');

/** Where the FOI figures come from, for output that names its sources. */
export const FOI_2021_SOURCE =
  'BBC Shared Data Unit FOI survey, June 2021 (github.com/BBC-Data-Unit/stalking_protection_orders); data/reference/spo-foi-2021.csv';

/** One force's answer to the 2021 FOI survey; counts are null where the force gave none. */
export interface ForceReference {
  /** Official force name. */
  force: string;
  granted: number | null;
  rejected: number | null;
  not_yet_heard: number | null;
  applied: number | null;
  period_start: string;
  /** The date the answer was correct to; null when the force did not answer. */
  data_correct_to: string | null;
  note: string | null;
}

export interface NationalReference {
  measure: 'applied' | 'granted';
  count: number;
  period_start: string;
  period_end: string;
  source: string;
  note: string | null;
}

function rows(file: string): Array<Record<string, string>> {
  try {
    return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Array<Record<string, string>>;
  } catch (e) {
    throw new Error(`${file}: cannot read reference figures: ${(e as Error).message}`);
  }
}

function count(file: string, line: number, field: string, v: string | undefined): number | null {
  if (v === undefined || v === '') return null;
  if (!/^\d+$/.test(v)) throw new Error(`${file}: row ${line}: ${field} is not a whole number: "${v}"`);
  return Number(v);
}

let foi: ForceReference[] | null = null;

/** The FOI survey, one row per force in the file (43: BTP was not asked), official names checked. */
export function foiReference(file = FOI_2021_FILE): ForceReference[] {
  if (file === FOI_2021_FILE && foi) return foi;
  const out = rows(file).map((r, i): ForceReference => {
    const line = i + 2;
    const f = forceByName(r.force ?? '');
    if (!f || f.name !== r.force) throw new Error(`${file}: row ${line}: "${r.force}" is not an official force name`);
    return {
      force: f.name,
      granted: count(file, line, 'granted', r.granted),
      rejected: count(file, line, 'rejected', r.rejected),
      not_yet_heard: count(file, line, 'not_yet_heard', r.not_yet_heard),
      applied: count(file, line, 'applied', r.applied),
      period_start: r.period_start ?? '',
      data_correct_to: r.data_correct_to || null,
      note: r.note || null,
    };
  });
  if (file === FOI_2021_FILE) foi = out;
  return out;
}

/** The national first-year figures (applications and orders, January 2020 to January 2021). */
export function nationalReference(file = NATIONAL_FILE): NationalReference[] {
  return rows(file).map((r, i) => {
    const measure = r.measure;
    if (measure !== 'applied' && measure !== 'granted') throw new Error(`${file}: row ${i + 2}: unknown measure "${measure}"`);
    return {
      measure,
      count: count(file, i + 2, 'count', r.count) ?? 0,
      period_start: r.period_start ?? '',
      period_end: r.period_end ?? '',
      source: r.source ?? '',
      note: r.note || null,
    };
  });
}
