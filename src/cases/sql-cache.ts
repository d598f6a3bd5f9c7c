/** Prepared statements, prepared once per connection: preparing on every call costs more than running. */
import type Database from 'better-sqlite3';

export class SqlCache {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}
