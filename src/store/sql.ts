// Prepared statements, compiled once per connection and reused: the store's query modules share one
// cache, so a statement run for every row of a batch is parsed once.
import type Database from 'better-sqlite3';

export type SqlParam = string | number | bigint | null | Buffer;

export class Sql {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  /** The prepared statement for sql, compiled on first use. */
  stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  all<T>(sql: string, ...params: SqlParam[]): T[] {
    return this.stmt(sql).all(...params) as T[];
  }

  get<T>(sql: string, ...params: SqlParam[]): T | undefined {
    return this.stmt(sql).get(...params) as T | undefined;
  }

  run(sql: string, ...params: SqlParam[]): Database.RunResult {
    return this.stmt(sql).run(...params);
  }
}
