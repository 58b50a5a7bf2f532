#!/usr/bin/env node
// The `spo` command. Runs the compiled JavaScript in dist/ (built by `npm install` through `prepare`,
// or `npm run build`), which starts in a fraction of the time tsx takes to compile the TypeScript at
// every start. When dist/ is missing or older than a source file (a `git pull` or an edit since the
// build), or SPO_FROM_SOURCE=1, it runs the sources through tsx instead: slower to start, never stale.
import { compiledIsCurrent } from './compiled.mjs';

const fromSource = process.env.SPO_FROM_SOURCE === '1';
if (!fromSource && compiledIsCurrent()) {
  const { tuneHeap } = await import('../dist/src/cli/heap.js');
  tuneHeap();
  await import('../dist/src/cli/index.js');
} else {
  if (!fromSource && process.stderr.isTTY) {
    process.stderr.write('spo: dist/ is missing or older than the sources: running the sources through tsx (npm run build for a fast start)\n');
  }
  const { register } = await import('tsx/esm/api');
  register();
  const { tuneHeap } = await import('../src/cli/heap.ts');
  tuneHeap();
  await import('../src/cli/index.ts');
}
