// The lists of articles to retry that older versions kept in <dataDir>/crawl-state/<force>.pending.json:
// moved into the store (crawl_pending) once, then removed. The retry list now lives in SQLite, written
// in the transaction that stores the rest of a page, so a full disk cannot lose it.
import { readFileSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalUrl } from '../release/index.ts';
import type { Store } from '../store/index.ts';

interface PendingFileEntry {
  url?: unknown;
  title?: unknown;
  published?: unknown;
  failures?: unknown;
}

/** Import every crawl-state/*.pending.json into the store and remove it; a file that cannot be read is left and reported. */
export function importPendingFiles(store: Store, dataDir: string, log: (line: string) => void = () => {}): number {
  const dir = join(dataDir, 'crawl-state');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.pending.json'));
  } catch {
    return 0; // no crawl-state folder: nothing to import
  }
  let imported = 0;
  for (const name of names) {
    const file = join(dir, name);
    // The file name is the force id made file-safe (force ids are already).
    const forceId = name.slice(0, -'.pending.json'.length);
    try {
      const list = JSON.parse(readFileSync(file, 'utf8')) as PendingFileEntry[];
      if (!Array.isArray(list)) throw new Error('not a list');
      const pages = list
        .filter((p) => typeof p?.url === 'string')
        .map((p) => ({
          url: canonicalUrl(p.url as string),
          listedUrl: p.url as string,
          title: typeof p.title === 'string' ? p.title : '',
          published: typeof p.published === 'string' ? p.published : null,
          failures: typeof p.failures === 'number' ? p.failures : 1,
        }));
      imported += store.transaction(() => store.pending.importRetries(forceId, pages));
      rmSync(file, { force: true });
    } catch (e) {
      log(`${file}: could not import the articles to retry (${(e as Error).message}); left as it is`);
    }
  }
  try {
    rmdirSync(dir); // only when empty
  } catch {
    /* something else is there */
  }
  if (imported) log(`imported ${imported} article(s) to retry from ${dir} into the database`);
  return imported;
}
