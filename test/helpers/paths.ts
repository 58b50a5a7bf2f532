import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared corpus beside the repository (../shared/corpus), as CI lays it out. */
export const CORPUS = resolve(REPO_ROOT, '../shared/corpus');
export const SEEDS = join(CORPUS, 'seeds');
export const DEV = join(CORPUS, 'dev');
export const SCORER = resolve(REPO_ROOT, '../shared/eval/score.mjs');
export const SPO_BIN = join(REPO_ROOT, 'bin/spo.js');

export function tempDir(prefix = 'spo-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
