import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import { retryWhileBusy } from './retry-while-busy.js';
import type { Schema } from './schema.js';
import { sqliteBindings } from './sqlite-bindings.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * When SQLite makes a commit durable. `normal` (the default): in WAL mode a commit survives a
 * crash or kill of the process at once and a power loss from the next checkpoint on — one fsync
 * per checkpoint instead of one per commit, which cost ~2 ms each here and capped the server at a
 * few hundred messages per second. `full`: an fsync at every commit, for disks where the last
 * second before a power cut matters more than throughput.
 */
export type SqliteSynchronous = 'normal' | 'full';

/** Where the data lives: a PostgreSQL URL, an SQLite file, or a private SQLite database in memory. */
export type DatabaseLocation = { readonly postgresUrl: string } | SqliteFile | 'memory';

export interface SqliteFile {
  readonly sqliteFile: string;
  readonly synchronous?: SqliteSynchronous;
}

/** One store's migrations, applied in the order of their names and recorded in `<table>`. */
export interface MigrationSet {
  readonly table: string;
  readonly migrations: Readonly<Record<string, Migration>>;
}

const LOCK_TIMEOUT_MS = 10_000;

/** The open SQLite files of this process, by absolute path. */
const shared = new Map<string, Database>();

/**
 * The one database of a process's store: Kysely over better-sqlite3 or pg. Store code is written
 * once against `Kysely<Schema>`; what differs between the two stays here (transactions and how
 * they wait for each other) or is asked for through `dialect`.
 *
 * SQLite: one connection per file and process; no busy timeout inside SQLite: waiting for another
 * process's write lock happens between attempts on the event loop (see retryWhileBusy), so the
 * event loop is never blocked. A write transaction starts with
 * `BEGIN IMMEDIATE`, so it holds the file's write lock from its first statement.
 */
export class Database {
  /** Settles once the migrations ran; operations wait for it (see `inMemory`). */
  private ready: Promise<void> = Promise.resolve();

  /** For a shared SQLite file: its path and how many stores use it. */
  private sharing?: { readonly path: string; users: number };

  private constructor(
    readonly dialect: Dialect,
    private readonly db: Kysely<Schema>,
  ) {}

  /**
   * The process's one connection to the SQLite file at `path`. Within a process the stores' work
   * then waits in Kysely's queue for the connection, in call order, instead of failing on each
   * other's write lock and retrying (which starves whoever backs off); other processes still do.
   */
  private static sharedSqlite(location: SqliteFile): Database {
    const key = resolve(location.sqliteFile);
    let database = shared.get(key);
    if (!database) {
      database = Database.sqlite(location);
      database.sharing = { path: key, users: 0 };
      shared.set(key, database);
    }
    database.sharing!.users += 1;
    return database;
  }

  /**
   * Opens (creating an SQLite file and its directory if needed) the database and brings `sets` up
   * to date. The stores of a process share one connection to an SQLite file (see `shared`); each
   * closes it once.
   */
  static async open(location: DatabaseLocation, sets: readonly MigrationSet[]): Promise<Database> {
    const database = location === 'memory' ? Database.sqlite(location) : 'postgresUrl' in location ? Database.postgres(location.postgresUrl) : Database.sharedSqlite(location);
    try {
      for (const set of sets) await database.migrate(set);
      return database;
    } catch (error) {
      await database.close();
      throw error;
    }
  }

  /**
   * A private SQLite database in memory, opened synchronously for code that cannot wait (tests,
   * one-off CLI runs); migrations run before its first operation.
   */
  static inMemory(sets: readonly MigrationSet[]): Database {
    const database = Database.sqlite('memory');
    database.ready = (async () => {
      for (const set of sets) await database.migrate(set);
    })();
    // A failure surfaces through the first operation; this only keeps it from being "unhandled".
    database.ready.catch(() => undefined);
    return database;
  }

  private static postgres(url: string): Database {
    const pool = new pg.Pool({ connectionString: url });
    // An idle connection that fails is dropped by the pool and replaced on next use; without a
    // listener the 'error' event would crash the process. Outages surface through queries.
    pool.on('error', () => undefined);
    return new Database('postgres', new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }));
  }

  private static sqlite(location: SqliteFile | 'memory'): Database {
    const path = location === 'memory' ? ':memory:' : location.sqliteFile;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const raw = new BetterSqlite3(path, { timeout: 0 });
    raw.pragma(`synchronous = ${location === 'memory' ? 'off' : (location.synchronous ?? 'normal')}`);
    return new Database('sqlite', new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqliteBindings(raw) }) }));
  }

  /** For single statements and reads: on SQLite retried while another connection holds a lock. */
  async run<T>(body: (db: Kysely<Schema>) => Promise<T>): Promise<T> {
    await this.ready;
    return this.dialect === 'sqlite' ? this.db.connection().execute((conn) => whileBusy(() => body(conn))) : body(this.db);
  }

  /**
   * Runs `body` in one write transaction: committed when it resolves, rolled back when it throws.
   * On SQLite it holds the file's write lock throughout, so transactions of all processes are
   * serial and, within a process, run one at a time in call order.
   */
  async write<T>(body: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
    await this.ready;
    if (this.dialect === 'postgres') return this.db.transaction().execute(body);
    return this.db.connection().execute((conn) => immediateTransaction(conn, body));
  }

  /** Runs the reads of `body` on one consistent snapshot of the database. */
  async snapshot<T>(body: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
    await this.ready;
    if (this.dialect === 'postgres') return this.db.transaction().setIsolationLevel('repeatable read').execute(body);
    return this.db.connection().execute((conn) =>
      whileBusy(async () => {
        // A deferred transaction: it takes the read snapshot at its first read and no write lock.
        await sql`BEGIN`.execute(conn);
        try {
          return await body(conn);
        } finally {
          await sql`COMMIT`.execute(conn);
        }
      }),
    );
  }

  /** Name of the last applied migration of `set`, or undefined when none is (readiness checks). */
  async lastMigration(set: MigrationSet): Promise<string | undefined> {
    const { rows } = await this.run((db) => sql<{ name: string | null }>`SELECT max(name) AS name FROM ${sql.table(set.table)}`.execute(db));
    return rows[0]?.name ?? undefined;
  }

  /** Whether every migration of `set` is applied; throws saying which is missing otherwise. */
  async expectMigrated(set: MigrationSet): Promise<void> {
    const last = await this.lastMigration(set);
    const latest = Object.keys(set.migrations).sort().at(-1);
    if (last !== latest) throw new Error(`${set.table}: schema is at ${last ?? 'nothing'}, expected ${latest ?? 'nothing'}`);
  }

  async close(): Promise<void> {
    if (this.sharing && --this.sharing.users > 0) return;
    if (this.sharing) shared.delete(this.sharing.path);
    await this.ready.catch(() => undefined);
    await this.db.destroy();
  }

  /**
   * Applies the migrations of `set` not yet applied. PostgreSQL: Kysely's Migrator holds an
   * advisory lock, so instances starting at once wait for each other. SQLite: the whole run holds
   * the write lock, as Kysely's SQLite migrator takes none across processes.
   */
  private async migrate(set: MigrationSet): Promise<void> {
    const run = async (db: Kysely<Schema>, schema?: string): Promise<void> => {
      const { error } = await this.migrator(db, set, schema).migrateToLatest();
      if (error) throw error;
    };
    if (this.dialect === 'postgres') {
      // Named, or Kysely would take a migration table of another schema of the database for this one's.
      const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(this.db);
      return run(this.db, rows[0]?.schema);
    }
    await this.db.connection().execute(async (conn) => {
      // WAL lets readers work while a turn holds the write lock; a file in memory has no WAL.
      await whileBusy(() => sql`PRAGMA journal_mode = WAL`.execute(conn));
      await immediateTransaction(conn, run);
    });
  }

  private migrator(db: Kysely<Schema>, set: MigrationSet, schema?: string): Migrator {
    return new Migrator({
      db,
      ...(schema ? { migrationTableSchema: schema } : {}),
      provider: { getMigrations: async () => set.migrations },
      migrationTableName: set.table,
      migrationLockTableName: `${set.table}_lock`,
    });
  }
}

/** SQLite: `body` on `conn` between BEGIN IMMEDIATE (waited for while busy) and COMMIT, or ROLLBACK when it throws. */
async function immediateTransaction<T>(conn: Kysely<Schema>, body: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
  await whileBusy(() => sql`BEGIN IMMEDIATE`.execute(conn));
  try {
    const result = await body(conn);
    await sql`COMMIT`.execute(conn);
    return result;
  } catch (error) {
    await sql`ROLLBACK`.execute(conn).catch(() => undefined);
    throw error;
  }
}

/** Retries `attempt` while SQLite reports another connection's lock (see retryWhileBusy). */
function whileBusy<T>(attempt: () => Promise<T>): Promise<T> {
  return retryWhileBusy(attempt, LOCK_TIMEOUT_MS);
}
