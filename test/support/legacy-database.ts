import Database from 'better-sqlite3';
import pg from 'pg';
import { LEGACY_SCHEMAS } from './legacy-schemas.js';

export type LegacyStore = keyof typeof LEGACY_SCHEMAS;

/** Creates an SQLite file with the schemas of `stores` as the runner before Kysely left them, then runs `fill` on it. */
export function createLegacySqlite(path: string, stores: readonly LegacyStore[], fill: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    for (const store of stores) {
      const schema = LEGACY_SCHEMAS[store]!;
      if (!schema.sqlite) throw new Error(`${store} had no SQLite schema`);
      db.exec(schema.sqlite);
      db.exec(`CREATE TABLE ${schema.versionTable} (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT`);
      db.prepare(`INSERT INTO ${schema.versionTable} (version, applied_at) VALUES (1, ?)`).run(new Date().toISOString());
    }
    fill(db);
  } finally {
    db.close();
  }
}

/** The same in the PostgreSQL schema `url` selects. */
export async function createLegacyPostgres(url: string, stores: readonly LegacyStore[], fill: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const store of stores) {
      const schema = LEGACY_SCHEMAS[store]!;
      await client.query(schema.postgres);
      await client.query(`CREATE TABLE ${schema.versionTable} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)`);
      await client.query(`INSERT INTO ${schema.versionTable} (version, applied_at) VALUES (1, now())`);
    }
    await fill(client);
  } finally {
    await client.end();
  }
}
