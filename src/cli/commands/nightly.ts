import type { Command } from 'commander';
import { EXIT, formatSummary, runNightly } from '../../nightly/index.ts';
import { dbOption, intArg } from '../options.ts';

/** `--origin kent=http://127.0.0.1:8080` pairs, repeatable. */
export function parseOrigins(pairs: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new Error(`--origin wants ID=URL, got "${p}"`);
    const url = p.slice(i + 1);
    try {
      new URL(url);
    } catch {
      throw new Error(`--origin ${p.slice(0, i)}: not a URL: "${url}"`);
    }
    out[p.slice(0, i)] = url;
  }
  return out;
}

export function registerNightly(program: Command): void {
  program
    .command('nightly')
    .description(
      'crawl -> extract -> diff -> outputs in one command for cron; one run at a time (lock file). ' +
        `Exit ${EXIT.OK} ok, ${EXIT.PARTIAL} some forces failed (the rest saved), ${EXIT.NOTHING} nothing could run, ${EXIT.LOCKED} another run holds the lock, ${EXIT.ERROR} error`,
    )
    .addOption(dbOption())
    .option('--force <ids...>', 'only these forces (default: every crawlable force)')
    .option('--origin <id=url...>', 'fetch a force from another origin (a mirror or the replica)')
    .option('--delay-ms <n>', 'pause between two requests to one site', intArg('--delay-ms'))
    .option('--full', 'walk every listing page and re-check known releases (default: stop at known ones)')
    .option('--max-pages <n>', 'listing pages per force at most', intArg('--max-pages'))
    .option('--data-dir <dir>', 'release documents, feed.xml, changes/<run>.ndjson and the lock', 'data')
    .option('--json', 'print the run summary as JSON')
    .action(
      async (opts: { db: string; force?: string[]; origin?: string[]; delayMs?: number; full?: boolean; maxPages?: number; dataDir: string; json?: boolean }) => {
        const origins = parseOrigins(opts.origin);
        const { exitCode, summary } = await runNightly({
          db: opts.db,
          dataDir: opts.dataDir,
          forces: opts.force,
          origins,
          full: opts.full,
          maxPages: opts.maxPages,
          delayMs: opts.delayMs,
          log: (line) => console.error(line),
        });
        if (opts.json) console.log(JSON.stringify(summary, null, 2));
        else if (summary.status === 'locked') console.error(formatSummary(summary));
        else console.log(formatSummary(summary));
        process.exitCode = exitCode;
      },
    );
}
