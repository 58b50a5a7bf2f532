import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import { EXPORT_KINDS, type ExportKind } from '../../report/columns.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../report/defaults.ts';
import { checkOutputFile, dbOption } from '../options.ts';
import { warn, writeData } from '../print.ts';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write orders (counted once), releases or mentions with their provenance and evidence, as CSV, NDJSON or JSON')
    .addArgument(program.createArgument('<what>', 'what to export').choices(EXPORT_KINDS))
    .addOption(new Option('--format <format>', 'output format (default: from the --out extension, else csv)').choices(EXPORT_FORMATS))
    .option('--force <id>', 'only this force (data.police.uk id, e.g. kent)')
    .option('--since <date>', 'only rows dated on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY): the order date, or the publication date for releases')
    .option('--out <file>', 'write to FILE instead of standard output')
    .option('--redact', 'remove personal names and street addresses from titles, evidence and URLs (for sharing; towns, courts and conditions stay)')
    .addOption(dbOption())
    .addHelpText('after', '\nColumns are described in docs/data-dictionary.md (generated from schemas/export-*.schema.json).')
    .action(async (what: ExportKind, opts: { format?: ExportFormat; force?: string; since?: string; out?: string; db: string; redact?: boolean }) => {
      const { exportRows, formatFromFileName, formatRows } = await import('../../report/export.ts');
      const { checkForce, normaliseSince } = await import('../../report/rows.ts');
      const { openForReading } = await import('../../report/open.ts');
      const { dataPackageResource, writeDataPackage } = await import('../../report/datapackage.ts');
      const { redactRows } = await import('../../report/redact.ts');
      const format: ExportFormat = opts.format ?? (opts.out ? formatFromFileName(opts.out) : undefined) ?? 'csv';
      const filter = {
        force: opts.force !== undefined ? checkForce(opts.force) : null,
        since: opts.since !== undefined ? normaliseSince(opts.since) : null,
      };
      if (opts.out) checkOutputFile('--out', opts.out);
      const store = openForReading(opts.db);
      try {
        const all = exportRows(store, what, filter);
        const rows = opts.redact ? redactRows(store, what, all) : all;
        const text = formatRows(what, rows, format);
        if (opts.out) {
          writeFileSync(opts.out, text);
          // The licence, the sources and the columns, beside the file (Frictionless Data Package).
          const pkg = writeDataPackage(dirname(opts.out), dataPackageResource(what, opts.out, format), { redacted: opts.redact });
          warn(`exported ${rows.length} ${what} as ${format} to ${opts.out} (described in ${pkg})`);
        } else {
          // `spo export orders | head` closes the pipe early: ../index.ts stops quietly.
          writeData(text);
        }
      } finally {
        store.close();
      }
    });
}
