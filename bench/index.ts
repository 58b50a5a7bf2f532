// `npm run bench`: every benchmark, one after another, each in its own process (so that one's heap
// and JIT state do not colour the next). Prints one table, writes bench/results.json, and with
// --readme puts the table into README.md between the bench markers.
//   npm run bench                      all sections
//   npm run bench -- crawl nightly     only these
//   npm run bench -- --readme          and update the README's performance table
//   npm run bench -- --from-results --readme   the README table from bench/results.json, nothing run
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFigureValue, machine, type SectionResult } from './lib.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const SECTIONS = ['startup', 'extract', 'orders', 'ingest', 'crawl', 'nightly', 'schedule', 'backfill'] as const;

const args = process.argv.slice(2);
const writeReadme = args.includes('--readme');
const fromResults = args.includes('--from-results');
const only = args.filter((a) => !a.startsWith('--'));
for (const o of only) if (!(SECTIONS as readonly string[]).includes(o)) throw new Error(`unknown section "${o}" (sections: ${SECTIONS.join(', ')})`);
const chosen = fromResults ? [] : only.length ? SECTIONS.filter((s) => only.includes(s)) : [...SECTIONS];

async function runSection(id: string): Promise<SectionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'spo-bench-out-'));
  const out = join(dir, `${id}.json`);
  const t0 = performance.now();
  console.log(`\n== ${id} ==`);
  const code = await new Promise<number | null>((res) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, `${id}.bench.ts`)], { cwd: root, env: { ...process.env, BENCH_OUT: out }, stdio: 'inherit' });
    child.on('close', res);
  });
  try {
    if (code !== 0) throw new Error(`bench/${id}.bench.ts exited ${code}`);
    const section = JSON.parse(readFileSync(out, 'utf8')) as SectionResult;
    section.seconds = (performance.now() - t0) / 1000;
    return section;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function markdownTable(sections: SectionResult[]): string {
  const lines = ['| section | figure | value | target | |', '|---|---|---:|---|---|'];
  for (const s of sections) {
    for (const f of s.figures) {
      const verdict = f.ok === undefined ? '' : f.ok ? 'ok' : '**missed**';
      lines.push(`| ${s.title} | ${f.metric}${f.note ? ` (${f.note})` : ''} | ${formatFigureValue(f)} | ${f.target ?? ''} | ${verdict} |`);
    }
  }
  return lines.join('\n');
}

const resultsFile = join(here, 'results.json');
let previous: { run_at?: string; total_seconds?: number; machine?: Record<string, unknown>; sections?: SectionResult[] } = {};
try {
  previous = JSON.parse(readFileSync(resultsFile, 'utf8')) as typeof previous;
} catch {
  if (fromResults) throw new Error(`${resultsFile} not found: run npm run bench first`);
}
const started = fromResults && previous.run_at ? new Date(previous.run_at) : new Date();
const t0 = performance.now();
const results: SectionResult[] = [];
const failures: string[] = [];
for (const id of chosen) {
  try {
    results.push(await runSection(id));
  } catch (e) {
    failures.push(`${id}: ${(e as Error).message}`);
    console.error(`error: ${(e as Error).message}`);
  }
}
const totalS = fromResults ? (previous.total_seconds ?? 0) : (performance.now() - t0) / 1000;
const shown = fromResults ? (previous.sections ?? []) : results;
const table = markdownTable(shown);
console.log(`\n${table}\n`);
const missed = shown.flatMap((s) => s.figures.filter((f) => f.ok === false).map((f) => `${s.id}: ${f.metric}`));
console.log(`${shown.length} section(s) in ${totalS.toFixed(0)} s; ${missed.length ? `targets missed: ${missed.join('; ')}` : 'every target met'}${failures.length ? `; FAILED: ${failures.join('; ')}` : ''}`);

// A partial run (some sections only) keeps the other sections' last results.
const merged = [...(previous.sections ?? []).filter((s) => !results.some((r) => r.id === s.id)), ...results].sort(
  (a, b) => SECTIONS.indexOf(a.id as (typeof SECTIONS)[number]) - SECTIONS.indexOf(b.id as (typeof SECTIONS)[number]),
);
if (!fromResults) {
  writeFileSync(resultsFile, JSON.stringify({ run_at: started.toISOString(), total_seconds: Math.round(totalS), machine: machine(), sections: merged }, null, 2) + '\n');
  console.log(`wrote ${resultsFile}`);
}

if (writeReadme) {
  const readme = join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const m = text.match(/(<!-- bench:start -->)[\s\S]*?(<!-- bench:end -->)/);
  if (!m) throw new Error('README.md has no <!-- bench:start --> ... <!-- bench:end --> markers');
  const mach = (fromResults ? previous.machine : undefined) ?? machine();
  const body = `Measured ${started.toISOString().slice(0, 10)} on ${mach.cpus} cores (${mach.cpu}), Node ${mach.node}; \`npm run bench\` took ${Math.round(totalS)} s.\n\n${markdownTable(merged)}`;
  writeFileSync(readme, text.replace(m[0], `${m[1]}\n${body}\n${m[2]}`));
  console.log('updated the README performance table');
}
if (failures.length) process.exitCode = 1;
