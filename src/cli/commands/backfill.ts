import type { Command } from 'commander';
import { openStore } from '../../store/index.ts';
import { collect, dbOption, intArg } from '../options.ts';
import { parseOrigins } from './crawl.ts';

interface BackfillFlags {
  force: string[];
  from?: string;
  to?: string;
  all?: boolean;
  archive: string;
  delayMs: number;
  origin: string[];
  db: string;
  dataDir: string;
  json?: boolean;
}

const clock = (ms: number): string => {
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function registerBackfill(program: Command): void {
  program
    .command('backfill')
    .description('backfill releases the force sites no longer serve from a web archive (Wayback Machine CDX API and raw snapshots), politely and resumably')
    .option('--force <id>', 'backfill only this force (repeatable; default: all 44)', collect, [])
    .option('--from <date>', 'captures from this date (YYYY[-MM[-DD]]; default 2020-01-20, when SPOs began)')
    .option('--to <date>', 'captures up to this date (default: the newest)')
    .option('--all', 'every article capture, not only pages whose URL says stalking or SPO')
    .option('--archive <url>', 'the archive (a Wayback Machine: CDX API at /cdx/search/cdx, snapshots at /web/)', 'https://web.archive.org')
    .option('--delay-ms <n>', 'pause between two requests to the archive (one origin for every force: keep >= 1000 for the real one)', intArg('--delay-ms'), 1500)
    .option('--origin <id=url>', "a force's live site at another origin (its host is asked of the archive too, and its URLs identify the releases)", collect, [])
    .addOption(dbOption())
    .option('--data-dir <dir>', 'folder for release documents', 'data')
    .option('--json', 'print the per-force summary as JSON')
    .action(async (opts: BackfillFlags) => {
      const { archivePages, cdxTimestamp, selectArchiveForces } = await import('../../archive/index.ts');
      const { backfill } = await import('../../pipeline/archived.ts');
      const origins = parseOrigins(opts.origin);
      let archive: string;
      try {
        const u = new URL(opts.archive);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
        archive = u.origin;
      } catch {
        throw new Error(`--archive: "${opts.archive}" is not an http(s) URL`);
      }
      for (const [flag, v] of [['--from', opts.from], ['--to', opts.to]] as const) {
        if (v === undefined) continue;
        try {
          cdxTimestamp(v);
        } catch (e) {
          throw new Error(`${flag}: ${(e as Error).message}`);
        }
      }
      const forces = opts.force.length ? opts.force : opts.origin.length ? Object.keys(origins) : undefined;
      selectArchiveForces(forces); // unknown ids fail before anything is opened
      const store = openStore(opts.db);
      const t0 = Date.now();
      try {
        const runId = store.startRun(`backfill${forces ? ` ${forces.join(' ')}` : ''}${opts.all ? ' --all' : ''}`);
        // What is known is read per force, once: the source asks for every candidate.
        const fetched = new Map<string, Set<string>>();
        const live = new Map<string, Set<string>>();
        const known = {
          captureFetched: (c: { forceId: string; url: string; timestamp: string }) => {
            if (!fetched.has(c.forceId)) fetched.set(c.forceId, store.fetchedCaptures(c.forceId));
            return fetched.get(c.forceId)!.has(`${c.url} ${c.timestamp}`);
          },
          knownLive: (forceId: string, url: string) => {
            if (!live.has(forceId)) live.set(forceId, store.liveKnownUrls(forceId));
            return live.get(forceId)!.has(url);
          },
        };
        let lastLine = 0;
        const source = archivePages(
          { ...(forces ? { forces } : {}), archive, ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}), all: opts.all ?? false, origins, http: { delayMs: opts.delayMs, onWait: (ms, why) => ms > 5000 && console.error(`  waiting ${clock(ms)} (${why})`) } },
          known,
        );
        const result = await backfill(store, source, {
          dataDir: opts.dataDir,
          runId,
          log: (line) => console.error(line),
          onProgress: (p) => {
            // A line every 10 s at most, and at the end of each force.
            if (p.done < p.toFetch && Date.now() - lastLine < 10_000) return;
            lastLine = Date.now();
            console.error(`  ${p.forceId}: ${p.done}/${p.toFetch} fetched, ${p.spoKept} SPO release(s) kept${p.done < p.toFetch ? `, about ${clock(p.etaMs)} left` : ''}`);
          },
        });
        const failed = result.filter((f) => !f.ok);
        const status = failed.length === 0 ? (result.some((f) => f.errors.length) ? 'partial' : 'ok') : failed.length === result.length ? 'failed' : 'partial';
        const totals = { candidates: 0, fetched: 0, spoKept: 0, notSpo: 0, dead: 0, fetchedBefore: 0, knownLive: 0 };
        for (const f of result) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += f[k];
        store.finishRun(
          runId,
          status,
          { ...totals, forces: result.length, failed: failed.map((f) => f.forceId) },
          result.map((f) => ({ forceId: f.forceId, requests: f.fetched, new: f.spoKept, changed: 0, unchanged: 0, gone: 0, errors: f.errors.length, durationMs: f.durationMs, errorMessage: f.ok ? null : (f.errors[0] ?? null) })),
        );
        if (opts.json) console.log(JSON.stringify({ status, durationMs: Date.now() - t0, totals, forces: result }, null, 2));
        else {
          for (const f of result) {
            console.log(
              `${f.forceId.padEnd(20)} ${f.ok ? 'ok    ' : 'FAILED'} ${String(f.candidates).padStart(5)} candidates  ${f.fetched} fetched, ${f.spoKept} SPO kept, ${f.notSpo} not SPO, ${f.dead} dead; ${f.fetchedBefore} fetched before, ${f.knownLive} known live` +
                (f.errors.length ? `  - ${f.errors.length} error(s): ${f.errors[0]}` : ''),
            );
          }
          console.log(`${status}: ${totals.spoKept} SPO release(s) kept from ${totals.fetched} snapshot(s) of ${totals.candidates} candidate page(s) in ${clock(Date.now() - t0)}`);
        }
        if (status !== 'ok') process.exitCode = 1;
      } finally {
        store.close();
      }
    });
}
