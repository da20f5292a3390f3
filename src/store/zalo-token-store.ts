import { sql } from 'kysely';
import type { TokenStore, ZaloTokens } from '../zalo-api-client/index.js';
import { Database, type DatabaseLocation } from './database.js';
import { ZALO_TOKEN_MIGRATIONS } from './zalo-token-migrations.js';

/**
 * An OA's Zalo tokens in the database, for every instance using it. On PostgreSQL `withLock` holds
 * a transaction advisory lock for the OA while a refresh runs, so two instances never spend the
 * same single-use refresh token; the token manager reloads inside the lock and sees what the other
 * instance saved. SQLite serves one instance, which needs no lock.
 */
export class SqlTokenStore implements TokenStore {
  constructor(
    private readonly db: Database,
    private readonly oa: string,
  ) {}

  static async open(location: DatabaseLocation, oa: string): Promise<SqlTokenStore> {
    return new SqlTokenStore(await Database.open(location, [ZALO_TOKEN_MIGRATIONS]), oa);
  }

  async load(): Promise<ZaloTokens | undefined> {
    const row = await this.db.run((db) =>
      db.selectFrom('zalo_tokens').select(['access_token', 'refresh_token', 'access_token_expires_at']).where('oa', '=', this.oa).executeTakeFirst(),
    );
    if (!row) return undefined;
    return {
      refreshToken: row.refresh_token,
      ...(row.access_token ? { accessToken: row.access_token } : {}),
      ...(row.access_token_expires_at ? { accessTokenExpiresAt: Number(row.access_token_expires_at) } : {}),
    };
  }

  async save(tokens: ZaloTokens): Promise<void> {
    const values = { access_token: tokens.accessToken ?? null, refresh_token: tokens.refreshToken, access_token_expires_at: tokens.accessTokenExpiresAt ?? null, updated_at: new Date() };
    await this.db.run((db) =>
      db
        .insertInto('zalo_tokens')
        .values({ oa: this.oa, ...values })
        .onConflict((oc) => oc.column('oa').doUpdateSet(values))
        .execute(),
    );
  }

  withLock<T>(fn: () => Promise<T>): Promise<T> {
    if (this.db.dialect === 'sqlite') return fn();
    return this.db.write(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`zalo-token:${this.oa}`}, 0))`.execute(trx);
      return fn();
    });
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
