// How fast `spo` starts (issue 17): `npm run bench -- startup`.
//
// The real command (bin/spo.js, a child process each time, as a person or cron runs it): `spo --help`
// and `spo stats` on a database of a national record's size (2,000 releases ingested from
// bench/corpus.ts, a quarter of them copies of the real SPO texts, so several hundred orders), each run
// BENCH_STARTUP_RUNS times (default 15); the median wall time is judged against the targets
// (0.3 s and 0.5 s). The same from the TypeScript sources through tsx (SPO_FROM_SOURCE=1, what every
// start cost before dist/) is reported beside them, from fewer runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compiledIsCurrent, ROOT } from '../bin/compiled.mjs';
import { benchTexts, distinctRelease } from './corpus.ts';
import { figure, judged, report } from './lib.ts';
import { runSpoOk } from './spo-child.ts';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15);
const SOURCE_RUNS = Math.max(3, Math.round(RUNS / 3));
const RELEASES = 2000;
const BIN = resolve(ROOT, 'bin', 'spo.js');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Wall seconds of each of `runs` runs of `spo ARGS`, one after another. */
function timeSpo(args: string[], runs: number, env: Record<string, string> = {}): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    times.push((performance.now() - t0) / 1000);
    if (r.status !== 0) throw new Error(`spo ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return times;
}

const t0 = performance.now();
// The benchmark is of the code as shipped: build dist/ when a source is newer (as `npm install` does).
if (!compiledIsCurrent()) {
  console.log('building dist/ (npm run build) ...');
  const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('npm run build failed');
}
const dir = mkdtempSync(join(tmpdir(), 'spo-bench-startup-'));
try {
  const docs = join(dir, 'releases');
  mkdirSync(docs);
  benchTexts(RELEASES, 0.25).forEach((t, i) => {
    writeFileSync(join(docs, t.name), distinctRelease(t.text, i));
  });
  const db = join(dir, 'spo.sqlite');
  await runSpoOk(['ingest', docs, '--db', db]);
  const totals = JSON.parse((await runSpoOk(['stats', '--json', '--db', db])).stdout) as { totals: { orders: number; releases: number } };
  const size = `${totals.totals.releases.toLocaleString('en-GB')} releases, ${totals.totals.orders} orders`;
  console.log(`database: ${size}; ${RUNS} runs of each command`);

  const help = timeSpo(['--help'], RUNS);
  const stats = timeSpo(['stats', '--db', db], RUNS);
  const helpSource = timeSpo(['--help'], SOURCE_RUNS, { SPO_FROM_SOURCE: '1' });
  const statsSource = timeSpo(['stats', '--db', db], SOURCE_RUNS, { SPO_FROM_SOURCE: '1' });
  const range = (xs: number[]): string => `${xs.length} runs, ${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)} s`;
  report({
    id: 'startup',
    title: 'Start-up of the spo command',
    figures: [
      judged('spo --help, median wall time', median(help), 's', '<=', 0.3, range(help)),
      judged('spo stats, median wall time', median(stats), 's', '<=', 0.5, `${size}; ${range(stats)}`),
      figure('spo --help from the sources (tsx), median', median(helpSource), 's', `SPO_FROM_SOURCE=1, as before dist/; ${range(helpSource)}`),
      figure('spo stats from the sources (tsx), median', median(statsSource), 's', `SPO_FROM_SOURCE=1; ${range(statsSource)}`),
    ],
    details: { runs: RUNS, releases: totals.totals.releases, orders: totals.totals.orders, help, stats, helpSource, statsSource },
    seconds: (performance.now() - t0) / 1000,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
