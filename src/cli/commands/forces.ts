import type { Command } from 'commander';
import { openStore } from '../../store/index.ts';
// The force table only: the platform parsers (cheerio, turndown) are not needed to list forces.
import { FORCE_SITES, isCrawlable } from '../../../scrapers/forces.ts';
import { dbOption } from '../options.ts';

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
      const store = openStore(opts.db);
      try {
        const rows = new Map(store.forces().map((f) => [f.force_id, f]));
        const counts = new Map(store.report.releaseCountsByForce().map((r) => [r.force_id, r]));
        const list: ForceListing[] = FORCE_SITES.map((f) => {
          const row = rows.get(f.id);
          const c = counts.get(f.id);
          return {
            id: f.id, name: f.name, platform: f.platform ?? 'unknown', status: f.status, crawlable: isCrawlable(f), origin: f.origin,
            last_crawl: row?.last_crawl_at ?? null, last_success: row?.last_success_at ?? null, releases_known: c?.releases ?? 0, spo_releases: c?.spo ?? 0,
            consecutive_failures: row?.consecutive_failures ?? 0, last_error: row?.last_error ?? null, note: f.note,
          };
        });
        if (opts.json) {
          console.log(JSON.stringify(list, null, 2));
          return;
        }
        const head = ['id', 'name', 'platform', 'crawlable', 'last crawl', 'releases', 'spo', 'failures'];
        const body = list.map((f) => [
          f.id, f.name, f.platform, f.crawlable ? (f.status === 'unconfirmed' ? 'yes (unconfirmed)' : 'yes') : 'no',
          f.last_crawl ? f.last_crawl.slice(0, 16).replace('T', ' ') : '-', String(f.releases_known), String(f.spo_releases), String(f.consecutive_failures),
        ]);
        const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
        const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
        console.log(line(head));
        for (const r of body) console.log(line(r));
        const crawlable = list.filter((f) => f.crawlable).length;
        console.log(`\n${list.length} forces, ${crawlable} crawlable, ${list.length - crawlable} not (unknown news platform: ${list.filter((f) => !f.crawlable).map((f) => f.id).join(', ')})`);
      } finally {
        store.close();
      }
    });
}
