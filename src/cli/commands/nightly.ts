import type { Command } from 'commander';
import { EXIT } from '../../nightly/exit.ts';
import { checkForceId } from '../../domain/forces.ts';
import { checkFolderOption, dbOption, forcesFileOption, intArg } from '../options.ts';
import { parseOrigins } from './crawl.ts';
import { addFeedOptions, feedWindowOf } from './feed.ts';
import { say, warn, sayJson } from '../print.ts';
import { RunReporter } from '../progress.ts';

export function registerNightly(program: Command): void {
  addFeedOptions(program
    .command('nightly')
    .description(
      'crawl -> extract -> diff -> outputs in one command for cron; one run at a time (lock file). ' +
        `Exit ${EXIT.OK} ok, ${EXIT.PARTIAL} some forces failed (the rest saved), ${EXIT.NOTHING} nothing could run, ${EXIT.LOCKED} another run holds the lock, ${EXIT.ERROR} error`,
    )
    .addOption(dbOption())
    .addOption(forcesFileOption())
    .option('--force <ids...>', 'only these forces (repeatable; default: every crawlable force, or the --origin ones)')
    .option('--origin <id=url...>', 'fetch a force from another origin (a mirror or the replica; repeatable)')
    .option('--delay-ms <n>', 'pause between two requests to one site', intArg('--delay-ms'))
    .option('--concurrency <n>', 'requests in flight per site (keep 1 for real sites; more for mirrors and replicas)', intArg('--concurrency'))
    .option('--full', 'walk every listing page and re-check known releases (default: stop at known ones)')
    .option('--max-pages <n>', 'listing pages per force at most', intArg('--max-pages'))
    .option('--force-budget <secs>', 'wall-clock budget of each force (default 1800, 21600 with --full); past it the force stops unfinished', intArg('--force-budget'))
    .option('--data-dir <dir>', 'release documents, feed.xml, changes/<run>.ndjson and the lock', 'data')
    .option('--json', 'print the run summary as JSON')
    .option('--notify <url>', 'POST new and changed orders as JSON to this URL after the run (a failure is reported, not fatal)'))
    .action(
      async (opts: { db: string; forces?: string; force?: string[]; origin?: string[]; delayMs?: number; concurrency?: number; full?: boolean; maxPages?: number; forceBudget?: number; dataDir: string; json?: boolean; baseUrl?: string; feedEntries?: number; feedDays?: number; notify?: string }) => {
        const { formatSummary, runNightly } = await import('../../nightly/index.ts');
        const { checkNotifyUrl } = await import('../../nightly/notify.ts');
        const { checkBaseUrl } = await import('../../report/feed.ts');
        const { loadForceSites } = await import('../../../scrapers/force-file.ts');
        checkBaseUrl(opts.baseUrl);
        const notify = checkNotifyUrl(opts.notify);
        const origins = parseOrigins(opts.origin ?? []);
        // As `spo crawl`: with --origin and no --force, the forces are the ones given an origin.
        const forces = opts.force?.length ? opts.force.map(checkForceId) : opts.origin?.length ? Object.keys(origins) : undefined;
        checkFolderOption('--data-dir', opts.dataDir);
        const { sites } = loadForceSites({ forcesFile: opts.forces ?? null, dataDir: opts.dataDir });
        // Progress on standard error: a live line and a heartbeat on a terminal, a line per force elsewhere.
        const reporter = new RunReporter(process.stderr);
        const { exitCode, summary } = await runNightly({
          db: opts.db,
          sites,
          dataDir: opts.dataDir,
          forces,
          origins,
          full: opts.full,
          maxPages: opts.maxPages,
          ...(opts.forceBudget !== undefined ? { crawl: { forceBudgetSecs: opts.forceBudget } } : {}),
          delayMs: opts.delayMs,
          concurrency: opts.concurrency,
          log: reporter.log,
          onEvent: reporter.onEvent,
          baseUrl: opts.baseUrl,
          feedWindow: feedWindowOf(opts),
          notify,
        }).finally(() => reporter.stop());
        if (opts.json) sayJson(summary);
        else if (summary.status === 'locked') warn(formatSummary(summary));
        else say(formatSummary(summary));
        process.exitCode = exitCode;
      },
    );
}
