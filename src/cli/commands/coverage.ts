import type { Command } from 'commander';
import { openForReading, readCoverage, renderCoverage } from '../../report/index.ts';
import { dbOption } from '../options.ts';
import { say, sayJson } from '../print.ts';

export function registerCoverage(program: Command): void {
  program
    .command('coverage')
    .description("how complete the record is: per force, its orders and people against the granted totals releases claim and the 2021 FOI figures, plus national totals")
    .option('--json', 'print the rows, the national totals and what is compared with what as JSON')
    .addOption(dbOption())
    .addHelpText('after', '\nReference figures and their caveats: data/reference/README.md. How to read coverage: README, "Coverage".')
    .action((opts: { json?: boolean; db: string }) => {
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
