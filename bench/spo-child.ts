// Run the real `spo` command in a child process, as a scheduler would, and measure it: wall time,
// exit code, peak RSS and CPU time (bench/peak-rss.mjs), and the JSON it prints.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface ChildRun {
  code: number | null;
  startedAt: number;
  endedAt: number;
  peakRssMb: number;
  /** CPU time of the process, user + system (NaN when it died before its exit hook). */
  cpuSeconds: number;
  stdout: string;
  stderr: string;
}

/** runSpo, failing with the end of its stderr unless the command exits 0. */
export async function runSpoOk(args: string[]): Promise<ChildRun> {
  const run = await runSpo(args);
  if (run.code !== 0) throw new Error(`spo ${args[0]} exited ${run.code}: ${run.stderr.slice(-2000)}`);
  return run;
}

export async function runSpo(args: string[]): Promise<ChildRun> {
  return runNode([join(root, 'bin', 'spo.js'), ...args]);
}

/** Run node with these arguments (a script and its arguments) in the project folder, measured as runSpo is. */
export async function runNode(args: string[]): Promise<ChildRun> {
  const dir = mkdtempSync(join(tmpdir(), 'spo-rss-'));
  const rssFile = join(dir, 'rss');
  const startedAt = Date.now();
  const child = spawn(process.execPath, ['--import', join(root, 'bench', 'peak-rss.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, PEAK_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const endedAt = Date.now();
  let peakRssMb = NaN;
  let cpuSeconds = NaN;
  try {
    const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { max_rss_kib: number; cpu_ms: number };
    peakRssMb = usage.max_rss_kib / 1024;
    cpuSeconds = usage.cpu_ms / 1000;
  } catch {
    /* the child died before its exit hook */
  }
  rmSync(dir, { recursive: true, force: true });
  return { code, startedAt, endedAt, peakRssMb, cpuSeconds, stdout, stderr };
}
