import type { Command } from 'commander';
import { registerIngest } from './ingest.ts';
import { registerExtract } from './extract.ts';
import { registerShow } from './show.ts';
import { registerDiff } from './diff.ts';
import { registerOrders } from './orders.ts';
import { registerCorrect } from './correct.ts';
import { registerNightly } from './nightly.ts';
import { registerExport } from './export.ts';
import { registerSearch } from './search.ts';
import { registerStats } from './stats.ts';
import { registerCoverage } from './coverage.ts';
import { registerReport } from './report.ts';
import { registerCrawl } from './crawl.ts';
import { registerForces } from './forces.ts';
import { registerDemo } from './demo.ts';
import { registerFeed } from './feed.ts';
import { registerDatasette } from './datasette.ts';
import { registerBackfill } from './backfill.ts';
import { registerCheck } from './check.ts';

/** Every command, in the order `spo --help` lists them. */
export function registerCommands(program: Command): void {
  registerIngest(program);
  registerExtract(program);
  registerShow(program);
  registerOrders(program);
  registerCorrect(program);
  registerDiff(program);
  registerNightly(program);
  registerFeed(program);
  registerExport(program);
  registerSearch(program);
  registerStats(program);
  registerCoverage(program);
  registerReport(program);
  registerDatasette(program);
  registerCrawl(program);
  registerBackfill(program);
  registerForces(program);
  registerCheck(program);
  registerDemo(program);
}
