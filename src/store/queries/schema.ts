// The tables and views of a database with their columns (what `spo datasette-metadata` describes).
import type { Store } from '../index.ts';

export function schemaObjects(store: Store): { name: string; type: string; columns: string[] }[] {
  const objects = store.db
    .prepare("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string; type: string }[];
  const columns = store.db.prepare('SELECT name FROM pragma_table_info(?)');
  return objects.map((o) => ({ ...o, columns: (columns.all(o.name) as { name: string }[]).map((c) => c.name) }));
}
