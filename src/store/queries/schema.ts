// The tables and views of a database with their columns (what `spo datasette-metadata` describes).
import type Database from 'better-sqlite3';

export function schemaObjects(db: Database.Database): { name: string; type: string; columns: string[] }[] {
  const objects = db
    .prepare("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string; type: string }[];
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)');
  return objects.map((o) => ({ ...o, columns: (columns.all(o.name) as { name: string }[]).map((c) => c.name) }));
}
