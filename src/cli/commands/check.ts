import type { Command } from 'commander';
import { collect, dbOption, forcesFileOption, intArg } from '../options.ts';
import { parseOrigins } from './crawl.ts';
import { checkForceId } from '../../domain/forces.ts';
import { say, sayJson, warn } from '../print.ts';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('look at each force\'s site now (robots.txt, one listing page, one article; politely) and say how it is read and whether that still works: ok, degraded or broken, with the reason')
    .option('--force <id>', 'check only this force (repeatable; default: every force)', collect, [])
    .option('--origin <id=url>', 'check a force at another origin (a mirror, the replica) (repeatable; without --force, only these forces)', collect, [])
    .addOption(forcesFileOption())
    .option('--data-dir <dir>', 'data folder (where the default force file is looked for)', 'data')
    .addOption(dbOption())
    .option('--no-record', 'do not record the verdicts in the database')
    .option('--delay-ms <n>', 'pause between two requests to one site', intArg('--delay-ms'), 1000)
    .option('--json', 'print JSON')
    .action(async (opts: { force: string[]; origin: string[]; forces?: string; dataDir: string; db: string; record: boolean; delayMs: number; json?: boolean }) => {
      const { openStore } = await import('../../store/index.ts');
      const { loadForceSites } = await import('../../../scrapers/force-file.ts');
      const { sites } = loadForceSites({ forcesFile: opts.forces ?? null, dataDir: opts.dataDir });
      const origins = parseOrigins(opts.origin);
      const ids = opts.force.length ? opts.force.map(checkForceId) : opts.origin.length ? Object.keys(origins) : sites.map((s) => s.id);
      const chosen = ids.map((id) => {
        const s = sites.find((x) => x.id === id);
        if (!s) throw new Error(`unknown force "${id}" (see \`spo forces\`)`);
        return s;
      });
      const { checkForces } = await import('../../crawl/check.ts');
      const checks = await checkForces({ sites: chosen, origins, delayMs: opts.delayMs, log: opts.json ? undefined : (l) => warn(l) });
      if (opts.record) {
        const store = openStore(opts.db);
        try {
          store.upsertForces(sites.map((f) => ({ force_id: f.id, name: f.name, platform: f.platform, origin: origins[f.id] ?? f.origin, crawlable: true })));
          store.transaction(() => {
            for (const c of checks) {
              store.recordCheck(c.forceId, c.verdict, c.reason);
              if (c.detection && sites.find((s) => s.id === c.forceId)?.platform === null) store.recordDetection(c.forceId, c.detection.platform, c.detection.signs);
            }
          });
        } finally {
          store.close();
        }
      }
      if (opts.json) sayJson(checks);
      else {
        const yn = (b: boolean | undefined): string => (b === undefined ? '-' : b ? 'yes' : 'NO');
        const head = ['force', 'strategy', 'verdict', 'items', 'title', 'date', 'text', 'req', 'reason'];
        const rows = checks.map((c) => [c.forceId, c.strategy, c.verdict.toUpperCase() === 'OK' ? 'ok' : c.verdict.toUpperCase(), String(c.items), yn(c.article?.title), yn(c.article?.date), yn(c.article?.body), String(c.requests), c.reason]);
        const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        const line = (r: string[]): string => r.map((x, i) => (i === r.length - 1 ? x : x.padEnd(w[i]!))).join('  ');
        say(line(head));
        for (const r of rows) say(line(r));
        const n = (v: string): number => checks.filter((c) => c.verdict === v).length;
        say(`\n${checks.length} checked: ${n('ok')} ok, ${n('degraded')} degraded, ${n('broken')} broken`);
      }
      if (checks.some((c) => c.verdict === 'broken')) process.exitCode = 1;
    });
}
