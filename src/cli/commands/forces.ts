import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { dbOption, forcesFileOption } from '../options.ts';
import { say, sayJson, warn } from '../print.ts';

export interface ForceListing {
  id: string;
  name: string;
  platform: string;
  status: string;
  crawlable: boolean;
  /** How the force is read: its platform's id, or `generic` (the last crawl's, else the plan). */
  strategy: string;
  /** Why the last crawl used the generic strategy instead of the platform's scraper. */
  strategy_reason: string | null;
  /** Platform detection on a force listed as unknown: what was seen (`none`: no known platform) and when. */
  detected: string | null;
  detected_signs: string | null;
  detected_at: string | null;
  /** Last live check (spo check, or the verdict of the last crawl): ok | degraded | broken. */
  check: string | null;
  check_reason: string | null;
  checked_at: string | null;
  origin: string;
  /** Fields a force file changed. */
  overridden: string[];
  last_crawl: string | null;
  last_success: string | null;
  releases_known: number;
  spo_releases: number;
  consecutive_failures: number;
  last_error: string | null;
  note: string;
}

export function registerForces(program: Command): void {
  program
    .command('forces')
    .description('list all 44 forces: platform, strategy (platform scraper or generic), what detection saw, last check, last crawl, releases known, failures')
    .addOption(dbOption())
    .addOption(forcesFileOption())
    .option('--data-dir <dir>', 'data folder (where the default force file is looked for)', 'data')
    .option('--json', 'print JSON')
    .action(async (opts: { db: string; forces?: string; dataDir: string; json?: boolean }) => {
      const { openForReading } = await import('../../report/open.ts');
      // The force table only: the platform parsers (cheerio, turndown) are not needed to list forces.
      const { isCrawlable, strategyOf } = await import('../../../scrapers/forces.ts');
      const { loadForceSites } = await import('../../../scrapers/force-file.ts');
      const { sites, file } = loadForceSites({ forcesFile: opts.forces ?? null, dataDir: opts.dataDir });
      // The force table needs no database: before the first crawl it lists the forces without history
      // (and creates none: only crawl, ingest and nightly do).
      const store = existsSync(opts.db) ? openForReading(opts.db) : null;
      if (!store) warn(`no database at ${opts.db} yet: no crawl history to show`);
      try {
        const rows = new Map((store?.forces() ?? []).map((f) => [f.force_id, f]));
        const counts = new Map((store?.report.releaseCountsByForce() ?? []).map((r) => [r.force_id, r]));
        const list: ForceListing[] = sites.map((f) => {
          const row = rows.get(f.id);
          const c = counts.get(f.id);
          return {
            id: f.id, name: f.name, platform: f.platform ?? 'unknown', status: f.status, crawlable: isCrawlable(f),
            strategy: row?.strategy ?? strategyOf(f), strategy_reason: row?.strategy_reason ?? null,
            detected: row?.detected_platform ?? null, detected_signs: row?.detected_signs ?? null, detected_at: row?.detected_at ?? null,
            check: row?.check_verdict ?? null, check_reason: row?.check_reason ?? null, checked_at: row?.checked_at ?? null,
            origin: f.origin, overridden: f.overridden,
            last_crawl: row?.last_crawl_at ?? null, last_success: row?.last_success_at ?? null, releases_known: c?.releases ?? 0, spo_releases: c?.spo ?? 0,
            consecutive_failures: row?.consecutive_failures ?? 0, last_error: row?.last_error ?? null, note: f.note,
          };
        });
        if (opts.json) {
          sayJson(list);
          return;
        }
        const when = (t: string | null): string => (t ? t.slice(0, 16).replace('T', ' ') : '-');
        const head = ['id', 'name', 'platform', 'strategy', 'detected', 'check', 'last crawl', 'releases', 'spo', 'failures'];
        const body = list.map((f) => [
          f.id, f.name, f.platform + (f.status === 'unconfirmed' ? ' (unconfirmed)' : '') + (f.overridden.length ? ' *' : ''),
          f.crawlable ? f.strategy + (f.strategy_reason ? ' (fallback)' : '') : 'not crawlable',
          f.detected ? `${f.detected} ${when(f.detected_at)}` : '-', f.check ?? '-',
          when(f.last_crawl), String(f.releases_known), String(f.spo_releases), String(f.consecutive_failures),
        ]);
        const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
        const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
        say(line(head));
        for (const r of body) say(line(r));
        const crawlable = list.filter((f) => f.crawlable);
        const generic = crawlable.filter((f) => f.strategy === 'generic');
        say(
          `\n${list.length} forces, ${crawlable.length} crawlable: ${crawlable.length - generic.length} by their platform's scraper, ${generic.length} by the generic strategy` +
            (generic.length ? ` (${generic.map((f) => f.id).join(', ')})` : '') +
            (crawlable.length < list.length ? `; not crawlable: ${list.filter((f) => !f.crawlable).map((f) => f.id).join(', ')}` : ''),
        );
        for (const f of list.filter((x) => x.strategy_reason)) say(`  ${f.id}: ${f.strategy_reason}`);
        if (file) say(`force file: ${file} (* = overridden)`);
      } finally {
        store?.close();
      }
    });
}
