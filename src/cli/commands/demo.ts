import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { checkFolderOption, intArg } from '../options.ts';
import { runStatus, type RunEvent } from '../../domain/run.ts';
import { say, warn } from '../print.ts';
import { forceDoneLine } from '../progress.ts';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('start the local replica police sites, crawl them (no network), and list the SPO orders found')
    .option('--db <file>', 'SQLite database file (default: a new one in a temporary folder)')
    .option('--data-dir <dir>', 'folder for release documents (default: a temporary folder)')
    .option('--delay-ms <n>', 'pause between two requests to one replica origin', intArg('--delay-ms'), 20)
    .option('--ordinary <n>', 'ordinary releases per replica force', intArg('--ordinary'), 120)
    .action(async (opts: { db?: string; dataDir?: string; delayMs: number; ordinary: number }) => {
      if (opts.dataDir) checkFolderOption('--data-dir', opts.dataDir);
      const tmp = opts.db && opts.dataDir ? null : mkdtempSync(join(tmpdir(), 'spo-demo-'));
      const dbPath = opts.db ?? join(tmp!, 'spo.sqlite');
      const dataDir = opts.dataDir ?? join(tmp!, 'data');
      // Loaded on use, so other commands do not pay for Crawlee at start-up.
      const { crawl } = await import('../../pipeline/run.ts');
      const { openStore } = await import('../../store/index.ts');
      const { startReplica, DEFAULT_FORCES, GENERIC_FORCES } = await import('../../replica/index.ts');
      warn('starting the replica sites on 127.0.0.1 ...');
      // The platform forces, plus a force on a CMS of its own and an "unknown" one (the generic strategy, detection).
      const replica = await startReplica({ ordinaryPerForce: opts.ordinary, forces: [...DEFAULT_FORCES, ...GENERIC_FORCES] });
      const store = openStore(dbPath);
      try {
        const forces = Object.keys(replica.origins);
        warn(`crawling ${forces.length} replica forces (${forces.join(', ')}), ${opts.delayMs} ms between requests per origin ...`);
        const runId = store.startRun('demo');
        const t0 = Date.now();
        const done = (e: RunEvent): void => {
          if (e.type === 'force-done') warn(`  ${forceDoneLine(e.summary)}`);
        };
        const result = await crawl(store, { forces, origins: replica.origins, full: true, delayMs: opts.delayMs, dataDir, runId, retryBaseMs: 200, log: (l) => warn(`  ${l}`), onEvent: done });
        store.finishRun(runId, runStatus(result.forces), { demo: true }, result.forces);
        const requests = result.forces.reduce((n, f) => n + f.requests, 0);
        say(`crawled ${forces.length} forces in ${((Date.now() - t0) / 1000).toFixed(1)} s with ${requests} requests\n`);
        let orders = 0;
        for (const f of result.forces) {
          const spo = f.releaseIds.map((id) => store.release(id)).filter((r) => r !== undefined);
          say(`${f.forceId} (${f.strategy}${f.detection?.platform ? ', detected' : ''}): ${f.ok ? '' : `FAILED (${f.errors[0]}) `}${spo.length} SPO release(s) among ${f.seen + spo.length} read`);
          for (const r of spo.sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''))) {
            say(`  ${(r.published ?? '').slice(0, 10)}  ${r.title}`);
            const stored = store.storedExtraction(r.release_id);
            for (const m of stored.mentions) {
              orders++;
              const c = stored.conditions.filter((x) => x.mention_id === m.mention_id);
              const who = [m.age !== null ? `${m.age}` : null, m.sex, m.town ? `from ${m.town}` : null].filter(Boolean).join(' ');
              const parts = [m.kind ? `${m.kind} order` : 'order', who && `(${who})`, m.court && `at ${m.court}`, m.made_on && `on ${m.made_on}`, m.duration && `for ${m.duration}`].filter(Boolean);
              say(`      - ${parts.join(' ')}`);
              const pro = c.filter((x) => x.condition_type === 'prohibition').map((x) => x.term);
              const req = c.filter((x) => x.condition_type === 'requirement').map((x) => x.term);
              if (pro.length) say(`        prohibits: ${pro.join(', ')}`);
              if (req.length) say(`        requires:  ${req.join(', ')}`);
            }
          }
        }
        const truth = replica.spoReleases().length;
        const found = result.forces.reduce((n, f) => n + f.releaseIds.length, 0);
        say(`\n${found} SPO release(s) found (the replica holds ${truth}), ${orders} order(s) extracted`);

        // The web archive: releases the sites no longer serve, from Kent's and Wiltshire's former URL
        // schemes on a Wayback Machine replica, backfilled as `spo backfill` does.
        const { startArchiveReplica } = await import('../../replica/archive.ts');
        const { archiveSources, PoliteClient } = await import('../../archive/index.ts');
        const { runSources } = await import('../../pipeline/run.ts');
        const archive = await startArchiveReplica({ ordinaryPerSite: 60 });
        try {
          warn(`backfilling Kent's and Wiltshire's former URL schemes from a Wayback Machine replica (${archive.origin}) ...`);
          const backfillRun = store.startRun('demo backfill');
          const http = new PoliteClient({ delayMs: opts.delayMs });
          const sources = archiveSources(['kent', 'wiltshire'], { archive: archive.origin }, http);
          const back = await runSources(store, sources, { dataDir, runId: backfillRun, parallel: 1, recordHealth: false, log: (l) => warn(`  ${l}`), onEvent: done });
          store.finishRun(backfillRun, runStatus(back), { demo: true, archive: true }, back);
          const kept = back.flatMap((f) => f.releaseIds).map((id) => store.release(id)).filter((r) => r !== undefined);
          say(`\nfrom the web archive: ${kept.length} SPO release(s) the sites no longer serve (the archive holds ${archive.spoReleases().length} whose URLs say so), ${http.requests} requests`);
          for (const r of kept.sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''))) say(`  ${(r.published ?? '').slice(0, 10)}  ${r.title}\n      ${r.url}`);
        } finally {
          await archive.stop();
        }
        say(`database: ${dbPath}\nrelease documents: ${join(dataDir, 'releases')}`);
      } finally {
        store.close();
        await replica.stop();
      }
    });
}
