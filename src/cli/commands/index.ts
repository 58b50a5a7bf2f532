import type { Command } from 'commander';
import { registerIngest } from './ingest.ts';
import { registerExtract } from './extract.ts';
import { registerShow } from './show.ts';

/** Every command, in the order `spo --help` lists them. */
export function registerCommands(program: Command): void {
  registerIngest(program);
  registerExtract(program);
  registerShow(program);
}
