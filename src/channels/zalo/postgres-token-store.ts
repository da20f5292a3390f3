import pg from 'pg';
import { runMigrations } from '../../store/postgres/run-migrations.js';
import { inTransaction } from '../../store/postgres/transaction.js';
import type { TokenStore, ZaloTokens } from '../../zalo-api-client/index.js';

const MIGRATIONS = [
  {
    version: 1,
    sql: `CREATE TABLE zalo_tokens (
      oa text PRIMARY KEY,
      access_token text,
      refresh_token text NOT NULL,
      access_token_expires_at bigint,
      updated_at timestamptz NOT NULL
    )`,
  },
];

/**
 * Zalo tokens shared by every instance on one PostgreSQL database. `withLock` holds a transaction
 * advisory lock for the OA while a refresh runs, so two instances never spend the same single-use
 * refresh token; the token manager reloads inside the lock and sees what the other instance saved.
 */
export class PostgresTokenStore implements TokenStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly oa: string,
  ) {}

  static async open(url: string, oa: string): Promise<PostgresTokenStore> {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    pool.on('error', () => undefined); // a broken idle connection is replaced; queries still report outages
    await runMigrations(pool, 'zalo_token_migrations', [0x7472_6f6c, 10], MIGRATIONS);
    return new PostgresTokenStore(pool, oa);
  }

  async load(): Promise<ZaloTokens | undefined> {
    const { rows } = await this.pool.query<{ access_token: string | null; refresh_token: string; access_token_expires_at: string | null }>(
      'SELECT access_token, refresh_token, access_token_expires_at FROM zalo_tokens WHERE oa = $1',
      [this.oa],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      refreshToken: row.refresh_token,
      ...(row.access_token ? { accessToken: row.access_token } : {}),
      ...(row.access_token_expires_at ? { accessTokenExpiresAt: Number(row.access_token_expires_at) } : {}),
    };
  }

  async save(tokens: ZaloTokens): Promise<void> {
    await this.pool.query(
      `INSERT INTO zalo_tokens (oa, access_token, refresh_token, access_token_expires_at, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (oa) DO UPDATE SET access_token = $2, refresh_token = $3, access_token_expires_at = $4, updated_at = now()`,
      [this.oa, tokens.accessToken ?? null, tokens.refreshToken, tokens.accessTokenExpiresAt ?? null],
    );
  }

  withLock<T>(fn: () => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`zalo-token:${this.oa}`]);
      return fn();
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
