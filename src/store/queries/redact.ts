// What redaction reads: each release's title, URL and current text (names are looked for in all three).
import type { Store } from '../index.ts';

export interface ReleaseTextRow {
  release_id: string;
  title: string | null;
  url: string | null;
  body: string | null;
}

/** Every release with its current text (null for releases only seen on a listing). */
export function releaseTexts(store: Store): ReleaseTextRow[] {
  return store.db
    .prepare(`SELECT r.release_id, r.title, r.url, t.body FROM releases r
      LEFT JOIN release_text_rows x ON x.release_id = r.release_id
      LEFT JOIN release_text t ON t.rowid = x.text_rowid`)
    .all() as ReleaseTextRow[];
}
