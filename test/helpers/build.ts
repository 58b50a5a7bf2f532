// Vitest global setup: the tests run the real `spo` (bin/spo.js), which runs the compiled JavaScript in
// dist/ when it is current. Build it first when a source changed since the last build, so the tests
// exercise the code as shipped, and the code as it is now.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { compiledIsCurrent, ROOT } from '../../bin/compiled.mjs';

export default function setup(): void {
  if (compiledIsCurrent()) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status}): the tests run the compiled spo`);
}
