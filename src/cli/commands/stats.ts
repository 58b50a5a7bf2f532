import { Option, type Command } from 'commander';
import { STATS_BREAKDOWNS, type StatsBreakdown } from '../../report/defaults.ts';
import { dbOption } from '../options.ts';
import { say, sayJson } from '../print.ts';

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('national totals (orders counted once, interim/full, releases, forces covered), then a breakdown')
    .addOption(new Option('--by <what>', 'breakdown by force, month or condition').choices(STATS_BREAKDOWNS).default('force'))
    .option('--json', 'print the totals and the breakdown as JSON')
    .addOption(dbOption())
    .action(async (opts: { by: StatsBreakdown; json?: boolean; db: string }) => {
      const { computeStats, renderBreakdown, renderTotals } = await import('../../report/stats.ts');
      const { openForReading } = await import('../../report/open.ts');
      const store = openForReading(opts.db);
      try {
        const stats = computeStats(store);
        if (opts.json) {
          const breakdown =
            opts.by === 'force'
              ? { forces: stats.byForce, unattributed: stats.unattributed }
              : opts.by === 'month'
                ? { months: stats.byMonth }
                : { conditions: stats.byCondition };
          sayJson({ totals: stats.totals, by: opts.by, ...breakdown });
          return;
        }
        say(renderTotals(stats.totals));
        say();
        say(renderBreakdown(stats, opts.by));
      } finally {
        store.close();
      }
    });
}
