import type { Command } from 'commander';
import { DEFAULT_FEED_WINDOW, type FeedWindow } from '../../report/defaults.ts';
import { dbOption, intArg } from '../options.ts';
import { warn } from '../print.ts';

/** The feed options `spo nightly` and `spo feed` share. */
export function addFeedOptions(cmd: Command): Command {
  return cmd
    .option('--base-url <url>', 'public URL the data folder is served from: feed ids and links (default $SPO_BASE_URL; without it ids come from data/install-id)')
    .option('--feed-entries <n>', `entries per feed at most, 0 for no limit (default ${DEFAULT_FEED_WINDOW.entries})`, intArg('--feed-entries'))
    .option('--feed-days <n>', `orders first seen or published in the last N days, 0 for no limit (default ${DEFAULT_FEED_WINDOW.days})`, intArg('--feed-days'));
}

export function feedWindowOf(opts: { feedEntries?: number; feedDays?: number }): FeedWindow {
  return {
    entries: opts.feedEntries === undefined ? DEFAULT_FEED_WINDOW.entries : opts.feedEntries || null,
    days: opts.feedDays === undefined ? DEFAULT_FEED_WINDOW.days : opts.feedDays || null,
  };
}

export function registerFeed(program: Command): void {
  addFeedOptions(
    program
      .command('feed')
      .description('write the Atom feeds (feed.xml, and feeds/<force>.xml per force) into the data folder from the database; `spo nightly` does this after every run')
      .addOption(dbOption())
      .option('--data-dir <dir>', 'where feed.xml and feeds/ go', 'data'),
  ).action(async (opts: { db: string; dataDir: string; baseUrl?: string; feedEntries?: number; feedDays?: number }) => {
    const { checkBaseUrl, feedSite, writeFeeds } = await import('../../report/feed.ts');
    const { openForReading } = await import('../../report/open.ts');
    checkBaseUrl(opts.baseUrl);
    const store = openForReading(opts.db);
    try {
      const r = writeFeeds(store, feedSite(opts.dataDir, opts.baseUrl), { window: feedWindowOf(opts) });
      warn(`feed ${r.path}: ${r.entries} entries; ${r.forces.length} force feeds in ${opts.dataDir}/feeds`);
    } finally {
      store.close();
    }
  });
}
