import type { Command } from 'commander';
import { runStatus, runTotals } from '../../domain/run.ts';
import { checkForceId } from '../../domain/forces.ts';
import { checkFolderOption, collect, dbOption, forcesFileOption, intArg } from '../options.ts';
import { say, sayJson } from '../print.ts';
import { RunReporter } from '../progress.ts';

/** Parse repeated `--origin ID=URL` values into a map (http(s) URLs only). */
export function parseOrigins(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const i = v.indexOf('=');
    if (i <= 0) throw new Error(`--origin must be ID=URL, got "${v}"`);
    const id = checkForceId(v.slice(0, i));
    const url = v.slice(i + 1).trim();
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new Error(`--origin ${id}: "${url}" is not a URL`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`--origin ${id}: only http(s) origins, got ${u.protocol}`);
    out[id] = u.origin;
  }
  return out;
}

export function registerCrawl(program: Command): void {
  program
    .command('crawl')
    .description('crawl the forces\' news sites politely and incrementally; SPO releases are written to <data-dir>/releases and ingested')
    .option('--force <id>', 'crawl only this force (repeatable; default: every crawlable force)', collect, [])
    .option('--origin <id=url>', 'fetch a force from another origin (a mirror, an archive, a local replica) (repeatable; without --force, only these forces are crawled)', collect, [])
    .addOption(dbOption())
    .addOption(forcesFileOption())
    .option('--data-dir <dir>', 'folder for release documents (and the default force file)', 'data')
    .option('--full', 'walk the whole listing history (backfill) instead of stopping at known items')
    .option('--max-pages <n>', 'at most this many listing pages per force', intArg('--max-pages'))
    .option('--delay-ms <n>', 'pause between two requests to one origin', intArg('--delay-ms'), 1000)
    .option('--concurrency <n>', 'requests in flight per origin (keep 1 for real sites; more for mirrors and replicas)', intArg('--concurrency'), 1)
    .option('--force-budget <secs>', 'wall-clock budget of each force (default 1800, 21600 with --full); past it the force stops unfinished', intArg('--force-budget'))
    .option('--json', 'print the per-force summary as JSON')
    .action(async (opts: { force: string[]; origin: string[]; db: string; forces?: string; dataDir: string; full?: boolean; maxPages?: number; delayMs: number; concurrency: number; forceBudget?: number; json?: boolean }) => {
      // Loaded on use, so other commands do not pay for Crawlee at start-up.
      const { selectForces } = await import('../../crawl/index.ts');
      const { crawl } = await import('../../pipeline/run.ts');
      const { openStore } = await import('../../store/index.ts');
      const { loadForceSites } = await import('../../../scrapers/force-file.ts');
      const origins = parseOrigins(opts.origin);
      const forces = opts.force.length ? opts.force.map(checkForceId) : opts.origin.length ? Object.keys(origins) : undefined;
      checkFolderOption('--data-dir', opts.dataDir);
      // A bad force file, or unknown ids, fail before anything is opened.
      const { sites } = loadForceSites({ forcesFile: opts.forces ?? null, dataDir: opts.dataDir });
      selectForces(forces, sites);
      const store = openStore(opts.db);
      // Progress on standard error: a live line and a heartbeat on a terminal, a line per force elsewhere.
      const reporter = new RunReporter(process.stderr);
      try {
        const runId = store.startRun(`crawl${forces ? ` ${forces.join(' ')}` : ''}${opts.full ? ' --full' : ''}`);
        const result = await crawl(store, {
          ...(forces ? { forces } : {}),
          sites,
          origins,
          full: opts.full ?? false,
          ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}),
          ...(opts.forceBudget !== undefined ? { forceBudgetSecs: opts.forceBudget } : {}),
          delayMs: opts.delayMs,
          concurrency: opts.concurrency,
          dataDir: opts.dataDir,
          runId,
          log: reporter.log,
          onEvent: reporter.onEvent,
        });
        reporter.stop();
        const status = runStatus(result.forces);
        const { forces: _n, failed: _f, errors: _e, ...totals } = runTotals(result.forces);
        store.finishRun(runId, status, { ...totals, forces: result.forces.length, failed: result.forces.filter((f) => !f.ok).map((f) => f.forceId) }, result.forces);
        if (opts.json) sayJson(result.forces);
        else {
          for (const f of result.forces) {
            say(
              `${f.forceId.padEnd(20)} ${f.ok ? 'ok    ' : 'FAILED'} ${String(f.requests).padStart(5)} req  ${f.new} new, ${f.changed} changed, ${f.unchanged} unchanged, ${f.gone} gone, ${f.seen} seen` +
                (f.ok ? '' : `  - ${f.errors[0] ?? ''}`),
            );
          }
          say(`${status}: ${totals.new} new, ${totals.changed} changed, ${totals.gone} gone SPO release(s); ${totals.requests} requests`);
        }
        if (status !== 'ok') process.exitCode = 1;
      } finally {
        reporter.stop();
        store.close();
      }
    });
}
