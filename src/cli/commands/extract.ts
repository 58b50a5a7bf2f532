import type { Command } from 'commander';
import { warn, sayJson } from '../print.ts';

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('print one JSON object per release document (NDJSON), in the shape of the labelling contract')
    .argument('<paths...>', 'release documents (.md/.txt) or folders of them')
    .option('--evidence', 'include the evidence (sentence and span) for every field')
    .action(async (paths: string[], opts: { evidence?: boolean }) => {
      const { extractRelease, toExtractedDocument } = await import('../../extract/index.ts');
      const { readReleases } = await import('../../release/index.ts');
      const { releases, errors } = readReleases(paths);
      const problems = errors.map((e) => e.message);
      for (const doc of releases) {
        try {
          const x = extractRelease(doc);
          sayJson(opts.evidence ? x : toExtractedDocument(x), 0);
        } catch (e) {
          problems.push(`${doc.path ?? doc.id}: extraction failed: ${(e as Error).message}`);
        }
      }
      for (const p of problems) warn(`error: ${p}`);
      if (problems.length) process.exitCode = 1;
    });
}
