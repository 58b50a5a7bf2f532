import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkOutputFile, dbOption } from '../options.ts';
import { warn, writeData } from '../print.ts';

export function registerDatasette(program: Command): void {
  program
    .command('datasette-metadata')
    .description('print (or write) Datasette metadata for the database, from schemas/*.json: titles, licence, column descriptions, facets, search, canned queries')
    .addOption(dbOption())
    .option('--out <file>', 'write to FILE instead of standard output')
    .option('--redact', 'for a redacted copy made by `spo export sqlite --redact` (refused for any other database: Datasette serves what the file holds)')
    .option('--base-url <url>', 'where the data is published (the source link)')
    .addHelpText('after', '\nThen: datasette data/spo.sqlite --metadata metadata.json (the database name is the file name, so pass the same --db).')
    .action(async (opts: { db: string; out?: string; redact?: boolean; baseUrl?: string }) => {
      const { datasetteMetadata } = await import('../../report/datasette.ts');
      const { checkBaseUrl } = await import('../../report/feed.ts');
      const text = `${JSON.stringify(datasetteMetadata({ db: opts.db, redact: opts.redact, baseUrl: checkBaseUrl(opts.baseUrl) }), null, 2)}\n`;
      if (!opts.out) {
        writeData(text);
        return;
      }
      checkOutputFile('--out', opts.out);
      writeFileSync(opts.out, text);
      warn(`wrote Datasette metadata for ${opts.db} to ${opts.out}`);
    });
}
