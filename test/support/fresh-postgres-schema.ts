import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface FreshSchema {
  readonly name: string;
  /** Connections made with this URL use the schema. */
  readonly url: string;
  /** Runs SQL on the server outside the schema's own connections (to inspect or tamper in tests). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string): Promise<pg.QueryResult<R>>;
  drop(): Promise<void>;
}

/**
 * A fresh empty schema on the test PostgreSQL server. Fails — never skips — with how to provide
 * a server when none is reachable.
 */
export async function freshPostgresSchema(): Promise<FreshSchema> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    const shown = new URL(TEST_DATABASE_URL);
    if (shown.password) shown.password = '***';
    throw new Error(
      `These tests need a PostgreSQL server, but ${shown.href} is not reachable (${String(error)}). ` +
        'Start PostgreSQL there (e.g. `sudo apt-get install postgresql && sudo pg_ctlcluster 15 main start`), or set TEST_DATABASE_URL=postgres://user:password@host:port/database ' +
        'to a server where the tests may create and drop schemas.',
    );
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    name,
    url: url.href,
    query: (sql) => admin.query(sql),
    drop: async () => {
      await admin.query(`DROP SCHEMA ${name} CASCADE`);
      await admin.end();
    },
  };
}
