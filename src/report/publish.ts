// `spo export sqlite [--redact] --out FILE`: the database as one file to publish or hand over. Plain,
// a consistent copy (taken while a nightly run may be writing). Redacted, the copy to put behind
// Datasette or share: the same tables and views, searchable, with no personal name or street-level
// address anywhere in the file (titles, text, search index, evidence, URLs; history and notes emptied),
// names found per release as `spo export --redact` finds them (./redact.ts).
import { existsSync, renameSync, rmSync } from 'node:fs';
import { openStore, type Store } from '../store/index.ts';
import { copyDatabase, redactCopy } from '../store/queries/publish.ts';
import { redactText, redactUrl, releaseNameIndex } from './redact.ts';

/** Write the copy to `out` (replaced when it exists, only once complete). */
export function writeDatabaseCopy(store: Store, out: string, opts: { redact?: boolean } = {}): void {
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  try {
    copyDatabase(store, tmp);
    if (opts.redact) {
      const names = releaseNameIndex(store);
      const copy = openStore(tmp);
      try {
        redactCopy(copy, {
          text: (id, text) => redactText(text, names.get(id) ?? []),
          url: (id, url) => redactUrl(url, names.get(id) ?? []),
        });
      } finally {
        copy.close();
      }
    }
    for (const suffix of ['-wal', '-shm']) rmSync(`${out}${suffix}`, { force: true });
    renameSync(tmp, out);
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) if (existsSync(f)) rmSync(f, { force: true });
  }
}
