// Print the extraction (NDJSON, labelling-contract shape) of the release files and folders given.
//   npx tsx src/extract/run.ts PATH... [--evidence]
import { readReleases } from '../release/index.ts';
import { extractRelease, toExtractedDocument } from './index.ts';

const args = process.argv.slice(2);
const withEvidence = args.includes('--evidence');
const { releases, errors } = readReleases(args.filter((a) => !a.startsWith('--')));
for (const doc of releases) {
  const x = extractRelease(doc);
  process.stdout.write(`${JSON.stringify(withEvidence ? x : toExtractedDocument(x))}\n`);
}
for (const e of errors) console.error(`error: ${e.message}`);
if (errors.length) process.exitCode = 1;
