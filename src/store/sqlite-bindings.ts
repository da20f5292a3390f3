import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const CACHED_STATEMENTS = 256;

/**
 * better-sqlite3 as Kysely's SQLite dialect sees it, with the two things store code should not
 * have to know: dates are bound as epoch milliseconds and booleans as 0/1 (the columns PostgreSQL
 * types as timestamptz and boolean), and statements are prepared once per SQL text.
 */
export function sqliteBindings(db: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = (text: string): BetterSqlite3.Statement => {
    let statement = cache.get(text);
    if (!statement) {
      if (cache.size >= CACHED_STATEMENTS) cache.clear();
      statement = db.prepare(text);
      cache.set(text, statement);
    }
    return statement;
  };
  return {
    close: () => db.close(),
    prepare: (text): SqliteStatement => {
      const statement = prepare(text);
      return {
        reader: statement.reader,
        all: (parameters) => statement.all(...bind(parameters)),
        run: (parameters) => statement.run(...bind(parameters)),
        iterate: (parameters) => statement.iterate(...bind(parameters)),
      };
    },
  };
}

const bind = (parameters: readonly unknown[]): unknown[] =>
  parameters.map((value) => (value instanceof Date ? value.getTime() : typeof value === 'boolean' ? Number(value) : value));
