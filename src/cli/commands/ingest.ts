import type { Command } from 'commander';
import { dbOption } from '../options.ts';
import { jsonText, say, warn } from '../print.ts';

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('read release documents (files or folders) into the database; idempotent, a changed file adds a revision')
    .argument('<paths...>', 'release documents (.md/.txt) or folders of them')
    .addOption(dbOption())
    .option('--json', 'print one JSON line per release instead of text')
    .option('--follow-symlinks', 'also read files and folders that links lead to outside the paths given (default: report them, read nothing there)')
    .action(async (paths: string[], opts: { db: string; json?: boolean; followSymlinks?: boolean }) => {
      // Loaded on use: extraction's NLP and gazetteer are too heavy for every `spo` start.
      const { ingestEach, IngestTally } = await import('../../pipeline/index.ts');
      const { openStore } = await import('../../store/index.ts');
      const store = openStore(opts.db);
      try {
        const runId = store.startRun('ingest');
        // Releases are stored in batches as they are read; only what is printed is kept, not the extractions.
        const tally: Record<string, number> = { new: 0, changed: 0, unchanged: 0 };
        const lines: string[] = [];
        let count = 0;
        const perForce = new IngestTally();
        const { errors } = ingestEach(store, paths, (p) => {
          perForce.add(p);
          count++;
          tally[p.event] = (tally[p.event] ?? 0) + 1;
          if (opts.json) lines.push(jsonText({ release_id: p.releaseId, id: p.id, path: p.path, event: p.event, orders: p.extraction.orders.length }, 0));
        }, { runId, source: 'ingest', followSymlinks: opts.followSymlinks ?? false });
        for (const e of errors) warn(`error: ${e.message}`);
        for (const l of lines) say(l);
        const summary = { ...tally, errors: errors.length, files: count + errors.length };
        store.finishRun(runId, errors.length ? 'partial' : 'ok', summary, perForce.forces());
        warn(
          `ingested ${count} release(s): ${tally.new} new, ${tally.changed} changed, ${tally.unchanged} unchanged` +
            (errors.length ? `; ${errors.length} file(s) could not be read` : ''),
        );
        if (errors.length) process.exitCode = 1;
      } finally {
        store.close();
      }
    });
}
