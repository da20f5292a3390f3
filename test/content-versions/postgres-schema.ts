import { randomBytes } from 'node:crypto';
import pg from 'pg';

const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh empty schema on the test server and a URL whose connections use it; fails loudly when the server is unreachable. */
export async function freshSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    const shown = new URL(SERVER_URL);
    if (shown.password) shown.password = '***';
    throw new Error(
      `These tests need a PostgreSQL server, but ${shown.href} is not reachable (${String(error)}). ` +
        'Start PostgreSQL there, or set TEST_DATABASE_URL=postgres://user:password@host:port/database ' +
        'to a server where the tests may create and drop schemas.',
    );
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${name}`);
  const url = new URL(SERVER_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    url: url.href,
    drop: async () => {
      await admin.query(`DROP SCHEMA ${name} CASCADE`);
      await admin.end();
    },
  };
}
