// The `spo` command line: one module per command in ./commands, registered here.
import { Command } from 'commander';
import { registerCommands } from './commands/index.ts';
import { warn } from './print.ts';

// `spo ... | head` closes the pipe early: that is the reader being done, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const program = new Command();
program
  .name('spo')
  .description('spo-tracker: the national record of Stalking Protection Orders in England and Wales, from police press releases')
  .version('0.1.0')
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: false });

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  warn(`spo: ${(e as Error).message}`);
  process.exitCode = process.exitCode || 1;
}
