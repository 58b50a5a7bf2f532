import type { Command } from 'commander';
import { dbOption, intArg } from '../options.ts';
import { BOLD, say, sayJson, sayMarked, warn } from '../print.ts';

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('full-text search over release titles and text, best matches first, with a highlighted snippet')
    .argument('<query...>', 'words to find; FTS5 syntax works too: "exact phrase", AND/OR/NOT, prefix*, title:word')
    .option('--limit <n>', 'at most N hits', intArg('--limit'), 20)
    .option('--force <id>', 'only releases of this force (data.police.uk id)')
    .option('--literal', 'search the words as typed, ignoring FTS5 syntax')
    .option('--raw', 'FTS5 syntax only: an invalid query is an error instead of a plain-words search')
    .option('--json', 'print the hits as JSON')
    .addOption(dbOption())
    .action(async (words: string[], opts: { limit: number; force?: string; literal?: boolean; raw?: boolean; json?: boolean; db: string }) => {
      const { HIT_END, HIT_START, SearchSyntaxError, searchReleases } = await import('../../report/search.ts');
      const { checkForce } = await import('../../report/rows.ts');
      const { openForReading } = await import('../../report/open.ts');
      if (opts.literal && opts.raw) throw new Error('--literal and --raw cannot be used together');
      const force = opts.force !== undefined ? checkForce(opts.force) : null;
      const store = openForReading(opts.db);
      try {
        let result: ReturnType<typeof searchReleases>;
        try {
          result = searchReleases(store, words.join(' '), {
            limit: opts.limit,
            force,
            mode: opts.literal ? 'literal' : opts.raw ? 'raw' : 'auto',
          });
        } catch (e) {
          if (e instanceof SearchSyntaxError) {
            process.exitCode = 2;
            warn(`spo search: ${e.message}`);
            return;
          }
          throw e;
        }
        if (result.notice) warn(result.notice);
        if (opts.json) {
          const hits = result.hits.map((h) => ({ ...h, snippet: h.snippet.split(HIT_START).join('[').split(HIT_END).join(']') }));
          sayJson({ query: result.query, hits });
          return;
        }
        if (!result.hits.length) {
          say('no releases match');
          return;
        }
        const tty = !!process.stdout.isTTY && !process.env.NO_COLOR;
        result.hits.forEach((h, i) => {
          const date = h.published ? h.published.slice(0, 10) : 'undated';
          say(`${i + 1}. ${h.title ?? '(untitled)'}`);
          say(`   ${h.force_name ?? 'force unknown'} · ${date} · ${h.release_id}${h.url ? ` · ${h.url}` : ''}`);
          // Matched words: bold on a terminal, **word** otherwise.
          sayMarked(`   ${h.snippet}`, { open: HIT_START, close: HIT_END }, tty ? BOLD : { open: '**', close: '**' });
        });
        warn(`${result.hits.length} hit(s)${result.hits.length === opts.limit ? ` (--limit ${opts.limit}; there may be more)` : ''}`);
      } finally {
        store.close();
      }
    });
}
