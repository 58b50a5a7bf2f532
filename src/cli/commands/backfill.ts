import type { Command } from 'commander';
import { runStatus, runTotals, type ForceRunSummary } from '../../domain/run.ts';
import { checkForceId } from '../../domain/forces.ts';
import { checkFolderOption, collect, dbOption, forcesFileOption, intArg } from '../options.ts';
import { parseOrigins } from './crawl.ts';
import { say, sayJson, warn } from '../print.ts';
import { forceDoneLine } from '../progress.ts';

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
  forces?: string;
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
    .addOption(forcesFileOption())
    .option('--data-dir <dir>', 'folder for release documents (and the default force file, whose formerHosts are asked too)', 'data')
    .option('--json', 'print the per-force summary as JSON')
    .action(async (opts: BackfillFlags) => {
      const { archiveSources, cdxTimestamp, PoliteClient, selectArchiveForces } = await import('../../archive/index.ts');
      const { runSources } = await import('../../pipeline/run.ts');
      const { openStore } = await import('../../store/index.ts');
      const { loadForceSites } = await import('../../../scrapers/force-file.ts');
      const origins = parseOrigins(opts.origin);
      let archive: string;
      try {
        const u = new URL(opts.archive);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
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
      const forces = opts.force.length ? opts.force.map(checkForceId) : opts.origin.length ? Object.keys(origins) : undefined;
      checkFolderOption('--data-dir', opts.dataDir);
      // A bad force file, or unknown ids, fail before anything is opened.
      const { sites } = loadForceSites({ forcesFile: opts.forces ?? null, dataDir: opts.dataDir });
      selectArchiveForces(forces, sites);
      const store = openStore(opts.db);
      const t0 = Date.now();
      try {
        const runId = store.startRun(`backfill${forces ? ` ${forces.join(' ')}` : ''}${opts.all ? ' --all' : ''}`);
        // Captures fetched before, read per force once: the source asks for every candidate.
        const fetched = new Map<string, Set<string>>();
        let lastLine = 0;
        const http = new PoliteClient({ delayMs: opts.delayMs, onWait: (ms, why) => ms > 5000 && warn(`  waiting ${clock(ms)} (${why})`) });
        const sources = archiveSources(forces, {
          archive,
          ...(opts.from ? { from: opts.from } : {}),
          ...(opts.to ? { to: opts.to } : {}),
          all: opts.all ?? false,
          origins,
          captureFetched: (c) => {
            if (!fetched.has(c.forceId)) fetched.set(c.forceId, store.fetchedCaptures(c.forceId));
            return fetched.get(c.forceId)!.has(`${c.url} ${c.timestamp}`);
          },
          log: (line) => warn(line),
          onProgress: (p) => {
            // A line every 10 s at most, and at the end of each force.
            if (p.done < p.toFetch && Date.now() - lastLine < 10_000) return;
            lastLine = Date.now();
            const kept = store.captureOutcomes(runId).get(p.forceId)?.spo ?? 0;
            warn(`  ${p.forceId}: ${p.done}/${p.toFetch} fetched, ${kept} SPO release(s) kept${p.done < p.toFetch ? `, about ${clock(p.etaMs)} left` : ''}`);
          },
        }, http, sites);
        // Forces in turn (the archive is one origin: one request at a time whatever the force), so each
        // force's progress and estimate mean something; nothing here is the live sites' health.
        const ran: ForceRunSummary[] = await runSources(store, sources, {
          dataDir: opts.dataDir,
          runId,
          log: (l) => warn(l),
          // One force at a time, with its own progress lines (onProgress above): a line when each is done.
          onEvent: (e) => e.type === 'force-done' && warn(forceDoneLine(e.summary)),
          parallel: 1,
          recordHealth: false,
        });
        const outcomes = store.captureOutcomes(runId);
        const forcesOut = ran.map((r, i) => {
          const st = sources[i]!.stats;
          const o = outcomes.get(r.forceId) ?? {};
          return { ...r, hosts: st.hosts, captures: st.captures, candidates: st.candidates, fetchedBefore: st.fetchedBefore, knownLive: st.knownLive, fetched: st.fetched, spoKept: r.new + r.changed, notSpo: o['not-spo'] ?? 0, dead: o.dead ?? 0, unreadable: o.unreadable ?? 0 };
        });
        const status = runStatus(ran);
        const totals = { ...runTotals(ran), candidates: 0, fetched: 0, spoKept: 0, notSpo: 0, dead: 0, fetchedBefore: 0, knownLive: 0 };
        for (const f of forcesOut) for (const k of ['candidates', 'fetched', 'spoKept', 'notSpo', 'dead', 'fetchedBefore', 'knownLive'] as const) totals[k] += f[k];
        store.finishRun(runId, status, totals, ran);
        if (opts.json) sayJson({ status, durationMs: Date.now() - t0, totals, forces: forcesOut });
        else {
          for (const f of forcesOut) {
            say(
              `${f.forceId.padEnd(20)} ${f.ok ? 'ok    ' : 'FAILED'} ${String(f.candidates).padStart(5)} candidates  ${f.fetched} fetched, ${f.spoKept} SPO kept, ${f.notSpo} not SPO, ${f.dead} dead; ${f.fetchedBefore} fetched before, ${f.knownLive} known live` +
                (f.errors.length ? `  - ${f.errors.length} error(s): ${f.errors[0]}` : ''),
            );
          }
          say(`${status}: ${totals.spoKept} SPO release(s) kept from ${totals.fetched} snapshot(s) of ${totals.candidates} candidate page(s), ${http.requests} requests to the archive in ${clock(Date.now() - t0)}`);
        }
        if (status !== 'ok') process.exitCode = 1;
      } finally {
        store.close();
      }
    });
}
