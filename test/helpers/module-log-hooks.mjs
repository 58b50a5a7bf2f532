// The load hook of ./module-log.mjs (it runs on the loader's own thread): one line per ES module.
import { appendFileSync } from 'node:fs';

export async function load(url, context, next) {
  appendFileSync(process.env.MODULE_LOG, `${url}\n`);
  return next(url, context);
}
