#!/usr/bin/env node
// The `spo` command. Runs the TypeScript sources through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { tuneHeap } = await import('../src/cli/heap.ts');
tuneHeap();
await import('../src/cli/index.ts');
