import type { Command } from 'commander';
import { dbOption } from '../options.ts';
import { say, sayJson } from '../print.ts';

export function registerCoverage(program: Command): void {
  program
    .command('coverage')
    .description("how complete the record is: per force, its orders and people against the granted totals releases claim and the 2021 FOI figures, plus national totals")
    .option('--json', 'print the rows, the national totals and what is compared with what as JSON')
    .addOption(dbOption())
    .addHelpText('after', '\nReference figures and their caveats: data/reference/README.md. How to read coverage: README, "Coverage".')
    .action(async (opts: { json?: boolean; db: string }) => {
      // Loaded on use, as every command's implementation, so that `spo --help` and the other commands start fast.
      const { readCoverage, renderCoverage } = await import('../../report/coverage.ts');
      const { openForReading } = await import('../../report/open.ts');
      const store = openForReading(opts.db);
      try {
        const c = readCoverage(store);
        if (opts.json) sayJson(c);
        else say(renderCoverage(c));
      } finally {
        store.close();
      }
    });
}
