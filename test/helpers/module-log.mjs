// Preloaded with `node --import` by test/startup.test.ts: writes the URL or path of every module the
// process loads to the file $MODULE_LOG, ES modules through a load hook (./module-log-hooks.mjs) and
// CommonJS ones, at exit, from the require cache.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

register('./module-log-hooks.mjs', import.meta.url);
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => appendFileSync(process.env.MODULE_LOG, `${Object.keys(cache).join('\n')}\n`));
