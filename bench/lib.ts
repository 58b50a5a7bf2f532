// What every benchmark reports, and how: each bench/*.bench.ts runs alone (`tsx bench/x.bench.ts`),
// prints its own lines, and when BENCH_OUT names a file writes its figures there as JSON for the
// runner (bench/index.ts), which prints the table and writes bench/results.json.
import { writeFileSync } from 'node:fs';
import os from 'node:os';

export interface Figure {
  /** What was measured, e.g. "pipeline pages/s". */
  metric: string;
  value: number;
  unit: string;
  /** The target as text (">= 0.7"), when the issue sets one. */
  target?: string;
  /** Whether the target is met; absent when there is none. */
  ok?: boolean;
  note?: string;
}

export interface SectionResult {
  id: string;
  title: string;
  figures: Figure[];
  /** Anything else worth keeping in results.json (settings, sizes, raw runs). */
  details?: Record<string, unknown>;
  seconds?: number;
}

/** A figure with a ">=" or "<=" target, judged. */
export function judged(metric: string, value: number, unit: string, op: '>=' | '<=', limit: number, note?: string): Figure {
  const ok = op === '>=' ? value >= limit : value <= limit;
  return { metric, value, unit, target: `${op} ${limit}`, ok, ...(note ? { note } : {}) };
}

export function figure(metric: string, value: number, unit: string, note?: string): Figure {
  return { metric, value, unit, ...(note ? { note } : {}) };
}

/** Print a section's figures and hand them to the runner when there is one. */
export function report(section: SectionResult): void {
  for (const f of section.figures) console.log(`  ${formatFigure(f)}`);
  const out = process.env.BENCH_OUT;
  if (out) writeFileSync(out, JSON.stringify(section, null, 2) + '\n');
}

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-GB');
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-GB');
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

/** A figure's value with its unit; a yes/no figure is its word. */
export function formatFigureValue(f: Figure): string {
  return f.unit === 'yes' || f.unit === 'no' ? f.unit : `${formatValue(f.value)} ${f.unit}`;
}

export function formatFigure(f: Figure): string {
  const verdict = f.ok === undefined ? '' : f.ok ? `  ok (target ${f.target})` : `  MISSED (target ${f.target})`;
  return `${f.metric}: ${formatFigureValue(f)}${verdict}${f.note ? `  [${f.note}]` : ''}`;
}

export function machine(): Record<string, unknown> {
  return { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memory_gib: Math.round(os.totalmem() / 2 ** 30) };
}

export const mb = (bytes: number): number => bytes / 1e6;

export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
