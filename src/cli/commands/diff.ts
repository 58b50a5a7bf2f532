import type { Command } from 'commander';
import { dbOption, intArg } from '../options.ts';
import { say, sayJson } from '../print.ts';

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('new, changed and gone releases and orders since a date or run (default: the last run), with field-level changes')
    .addOption(dbOption())
    .option('--since <date|run>', 'changes since a date (YYYY-MM-DD[THH:MM], UTC) or after a run number')
    .option('--run <n>', 'changes made by one run', intArg('--run'))
    .option('--text', 'add a text diff (unified) of each changed release')
    .option('--all', 'include releases that are not about SPOs')
    .option('--json', 'print as JSON')
    .action(async (opts: { db: string; since?: string; run?: number; text?: boolean; all?: boolean; json?: boolean }) => {
      const { computeDiff, formatDiff, resolveWindow } = await import('../../diff/index.ts');
      const { openForReading } = await import('../../report/open.ts');
      if (opts.since !== undefined && opts.run !== undefined) throw new Error('give --since or --run, not both');
      const store = openForReading(opts.db);
      try {
        const window = resolveWindow(store, { since: opts.since, run: opts.run });
        const d = computeDiff(store, window, { text: opts.text, all: opts.all });
        if (opts.json) sayJson(d);
        else say(formatDiff(d));
      } finally {
        store.close();
      }
    });
}
