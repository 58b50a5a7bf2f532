// Whether dist/ (the JavaScript `npm run build` compiles from src/ and scrapers/) is current: built,
// and built after the last change to any source file. bin/spo.js runs the compiled code only then, so a
// checkout updated without a rebuild (a `git pull`, a merge, an edit) runs its sources, never stale code.
// Plain JavaScript, because it runs before anything is compiled. Walking the ~160 sources takes ~2 ms.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
/** Written by scripts/build.mjs when the build has succeeded; its mtime is the build's time. */
export const STAMP = join(DIST, 'BUILT');
export const SOURCE_DIRS = ['src', 'scrapers'];
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time (ms) of the files the build compiles from, under `root`. */
export function newestSourceMtime(root = ROOT) {
  let newest = 0;
  for (const f of CONFIG_FILES) newest = Math.max(newest, statSync(join(root, f), { throwIfNoEntry: false })?.mtimeMs ?? 0);
  for (const dir of SOURCE_DIRS) {
    for (const e of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !e.name.endsWith('.ts') || e.name.endsWith('.test.ts')) continue;
      newest = Math.max(newest, statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs);
    }
  }
  return newest;
}

/** Whether `root`'s dist/ was built, successfully, after its sources last changed. */
export function compiledIsCurrent(root = ROOT) {
  const built = statSync(join(root, 'dist', 'BUILT'), { throwIfNoEntry: false });
  return built !== undefined && built.mtimeMs >= newestSourceMtime(root);
}
