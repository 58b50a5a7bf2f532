// `npm run build` (and `prepare`, so `npm install` / `npm ci` build too): compile src/ and scrapers/
// to JavaScript in dist/ with tsc (tsconfig.build.json), so that `spo` starts without compiling
// TypeScript (1.1 s before, see bench/startup.bench.ts). dist/ is emptied first, so a deleted source
// leaves no module behind; the BUILT stamp is written last, only when tsc succeeded.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT, STAMP } from '../bin/compiled.mjs';

rmSync(DIST, { recursive: true, force: true });
const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
const r = spawnSync(tsc, ['-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
if (r.error) {
  console.error(`build: could not run ${tsc}: ${r.error.message} (is typescript installed? npm install)`);
  process.exit(1);
}
if (r.status !== 0) {
  console.error('build: tsc failed; bin/spo.js will run the TypeScript sources until the build succeeds');
  process.exit(r.status ?? 1);
}
writeFileSync(STAMP, `${new Date().toISOString()}\n`);
