import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { EXPORT_KINDS, type ExportKind } from '../../report/columns.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../report/defaults.ts';
import { checkOutputFile, dbOption } from '../options.ts';
import { warn, writeData } from '../print.ts';

/**
 * `spo export sqlite --out FILE [--redact]`: the database as one file. Redacted, it is the file to put
 * behind Datasette or share: no name or street in any table, in the search index or in a free page.
 */
async function exportDatabase(opts: { format?: string; force?: string; since?: string; out?: string; db: string; redact?: boolean }): Promise<void> {
  if (!opts.out) throw new Error('export sqlite: give --out FILE, the database copy to write');
  if (opts.format !== undefined || opts.force !== undefined || opts.since !== undefined) throw new Error('export sqlite copies the whole database: --format, --force and --since do not apply');
  checkOutputFile('--out', opts.out);
  if (resolve(opts.out) === resolve(opts.db)) throw new Error(`--out ${opts.out} is the database itself`);
  const { openForReading } = await import('../../report/open.ts');
  const { writeDatabaseCopy } = await import('../../report/publish.ts');
  const store = openForReading(opts.db);
  try {
    writeDatabaseCopy(store, opts.out, { redact: opts.redact });
  } finally {
    store.close();
  }
  warn(
    opts.redact
      ? `wrote a redacted copy of ${opts.db} to ${opts.out}: no personal name or street address in its tables or search index; publish this file (spo datasette-metadata --redact --db ${opts.out})`
      : `wrote a copy of ${opts.db} to ${opts.out} (names and all: spo export sqlite --redact for one to publish)`,
  );
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write orders (counted once), releases, mentions, claims or towns with their provenance and evidence, as CSV, NDJSON, JSON or GeoJSON; or the whole database as one SQLite file (sqlite, --out), redacted for publishing with --redact')
    .addArgument(program.createArgument('<what>', 'what to export (sqlite: a copy of the database, --out required)').choices([...EXPORT_KINDS, 'sqlite']))
    .addOption(new Option('--format <format>', 'output format (default: from the --out extension, else csv)').choices(EXPORT_FORMATS))
    .option('--force <id>', 'only this force (data.police.uk id, e.g. kent)')
    .option('--since <date>', 'only rows dated on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY): the order date, or the publication date for releases')
    .option('--out <file>', 'write to FILE instead of standard output')
    .option('--redact', 'remove personal names and street addresses from titles, evidence and URLs (for sharing; towns, courts and conditions stay)')
    .addOption(dbOption())
    .addHelpText('after', '\nColumns are described in docs/data-dictionary.md (generated from schemas/export-*.schema.json).')
    .action(async (what: ExportKind | 'sqlite', opts: { format?: ExportFormat; force?: string; since?: string; out?: string; db: string; redact?: boolean }) => {
      if (what === 'sqlite') {
        await exportDatabase(opts);
        return;
      }
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
