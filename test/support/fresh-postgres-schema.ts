import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh empty schema on the test PostgreSQL server and a URL whose connections use it. Fails —
 * never skips — with how to provide a server when none is reachable.
 */
export async function freshPostgresSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    const shown = new URL(TEST_DATABASE_URL);
    if (shown.password) shown.password = '***';
    throw new Error(
      `These tests need a PostgreSQL server, but ${shown.href} is not reachable (${String(error)}). ` +
        'Start PostgreSQL there, or set TEST_DATABASE_URL to a server where the tests may create and drop schemas.',
    );
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.href,
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
