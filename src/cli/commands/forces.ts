import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { openForReading } from '../../report/index.ts';
// The force table only: the platform parsers (cheerio, turndown) are not needed to list forces.
import { FORCE_SITES, isCrawlable } from '../../../scrapers/forces.ts';
import { dbOption } from '../options.ts';
import { say, sayJson, warn } from '../print.ts';

export interface ForceListing {
  id: string;
  name: string;
  platform: string;
  status: string;
  crawlable: boolean;
  origin: string;
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
    .description('list all 44 forces: platform, whether the crawler can read them, last crawl, releases known, failures')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action((opts: { db: string; json?: boolean }) => {
      // The force table needs no database: before the first crawl it lists the forces without history
      // (and creates none: only crawl, ingest and nightly do).
      const store = existsSync(opts.db) ? openForReading(opts.db) : null;
      if (!store) warn(`no database at ${opts.db} yet: no crawl history to show`);
      try {
        const rows = new Map((store?.forces() ?? []).map((f) => [f.force_id, f]));
        const counts = new Map(
          ((store?.db.prepare('SELECT force_id, count(*) AS n, sum(is_spo = 1) AS spo FROM releases GROUP BY force_id').all() ?? []) as { force_id: string; n: number; spo: number | null }[]).map((r) => [r.force_id, r]),
        );
        const list: ForceListing[] = FORCE_SITES.map((f) => {
          const row = rows.get(f.id);
          const c = counts.get(f.id);
          return {
            id: f.id, name: f.name, platform: f.platform ?? 'unknown', status: f.status, crawlable: isCrawlable(f), origin: f.origin,
            last_crawl: row?.last_crawl_at ?? null, last_success: row?.last_success_at ?? null, releases_known: c?.n ?? 0, spo_releases: c?.spo ?? 0,
            consecutive_failures: row?.consecutive_failures ?? 0, last_error: row?.last_error ?? null, note: f.note,
          };
        });
        if (opts.json) {
          sayJson(list);
          return;
        }
        const head = ['id', 'name', 'platform', 'crawlable', 'last crawl', 'releases', 'spo', 'failures'];
        const body = list.map((f) => [
          f.id, f.name, f.platform, f.crawlable ? (f.status === 'unconfirmed' ? 'yes (unconfirmed)' : 'yes') : 'no',
          f.last_crawl ? f.last_crawl.slice(0, 16).replace('T', ' ') : '-', String(f.releases_known), String(f.spo_releases), String(f.consecutive_failures),
        ]);
        const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
        const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
        say(line(head));
        for (const r of body) say(line(r));
        const crawlable = list.filter((f) => f.crawlable).length;
        say(`\n${list.length} forces, ${crawlable} crawlable, ${list.length - crawlable} not (unknown news platform: ${list.filter((f) => !f.crawlable).map((f) => f.id).join(', ')})`);
      } finally {
        store?.close();
      }
    });
}
