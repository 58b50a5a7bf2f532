import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_REPORT_PATH } from '../../report/defaults.ts';
import { checkOutputFile, dbOption } from '../options.ts';
import { warn } from '../print.ts';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write one self-contained HTML page: totals, orders per month, a map, orders per force and a filterable table')
    .option('--out <file>', 'HTML file to write', DEFAULT_REPORT_PATH)
    .addOption(dbOption())
    .option('--redact', 'remove personal names and street addresses from titles, evidence and links (for sharing; towns, courts and conditions stay)')
    .action(async (opts: { out: string; db: string; redact?: boolean }) => {
      const { buildReport } = await import('../../report/html.ts');
      const { openForReading } = await import('../../report/open.ts');
      // The default data/report.html may make its folder; a folder given with --out must exist.
      if (opts.out !== DEFAULT_REPORT_PATH) checkOutputFile('--out', opts.out);
      const store = openForReading(opts.db);
      try {
        const html = buildReport(store, { source: opts.db, redact: opts.redact });
        mkdirSync(dirname(opts.out), { recursive: true });
        writeFileSync(opts.out, html);
        warn(`wrote ${opts.out} (${Math.round(Buffer.byteLength(html) / 1024)} KB)`);
      } finally {
        store.close();
      }
    });
}
