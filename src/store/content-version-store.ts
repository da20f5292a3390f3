import { sql, type Kysely, type Selectable } from 'kysely';
import type { ContentFiles } from '../content/content-files.js';
import type { ContentVersion, ContentVersionInfo, NewContentVersion } from '../content-versions/content-version.js';
import type { ContentVersionStore } from '../content-versions/content-version-store.js';
import { checkBase, checkPublishable } from '../content-versions/version-rules.js';
import { CONTENT_MIGRATIONS } from './content-migrations.js';
import { Database, type DatabaseLocation } from './database.js';
import { fromJson, toDate, type ContentVersionsTable, type Schema } from './schema.js';

const INFO_COLUMNS = ['id', 'status', 'author', 'created_at', 'published_at', 'published_by', 'note', 'base_version'] as const;

/**
 * Content versions next to the conversations, on SQLite or PostgreSQL. A write checks the newest
 * version and writes in one transaction that excludes every other writer (of every process):
 * SQLite's write lock, or on PostgreSQL a table lock that still lets readers through.
 */
export class SqlContentVersions implements ContentVersionStore {
  constructor(private readonly db: Database) {}

  static async open(location: DatabaseLocation): Promise<SqlContentVersions> {
    return new SqlContentVersions(await Database.open(location, [CONTENT_MIGRATIONS]));
  }

  /** A private store in memory, usable at once (tests, one-off CLI runs). */
  static inMemory(): SqlContentVersions {
    return new SqlContentVersions(Database.inMemory([CONTENT_MIGRATIONS]));
  }

  add(version: NewContentVersion, now: Date): Promise<ContentVersion> {
    return this.writing(async (trx) => {
      checkBase(await newest(trx), version.baseVersion);
      if (version.publish) await supersede(trx);
      const row = await trx
        .insertInto('content_versions')
        .values({
          files: JSON.stringify(version.files),
          status: version.publish ? 'published' : 'draft',
          author: version.author,
          created_at: now,
          published_at: version.publish ? now : null,
          published_by: version.publish ? version.author : null,
          note: version.note ?? null,
          base_version: version.baseVersion ?? null,
        })
        .returning([...INFO_COLUMNS, 'files'])
        .executeTakeFirstOrThrow();
      return toVersion(row);
    });
  }

  publish(id: number, by: string, now: Date): Promise<ContentVersion> {
    return this.writing(async (trx) => {
      const target = await one(trx, id);
      checkPublishable(target && toInfo(target), id, await newest(trx));
      await supersede(trx);
      const row = await trx
        .updateTable('content_versions')
        .set({ status: 'published', published_at: now, published_by: by })
        .where('id', '=', id)
        .returning([...INFO_COLUMNS, 'files'])
        .executeTakeFirstOrThrow();
      return toVersion(row);
    });
  }

  async get(id: number): Promise<ContentVersion | undefined> {
    const row = await this.db.run((db) => one(db, id));
    return row && toVersion(row);
  }

  newest(): Promise<ContentVersionInfo | undefined> {
    return this.db.run(newest);
  }

  async publishedId(): Promise<number | undefined> {
    const row = await this.db.run((db) => db.selectFrom('content_versions').select('id').where('status', '=', 'published').executeTakeFirst());
    return row && Number(row.id);
  }

  async history(): Promise<ContentVersionInfo[]> {
    const rows = await this.db.run((db) => db.selectFrom('content_versions').select(INFO_COLUMNS).orderBy('id', 'desc').execute());
    return rows.map(toInfo);
  }

  ping(): Promise<void> {
    return this.db.expectMigrated(CONTENT_MIGRATIONS);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  private writing<T>(body: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
    return this.db.write(async (trx) => {
      if (this.db.dialect === 'postgres') await sql`LOCK TABLE content_versions IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
      return body(trx);
    });
  }
}

async function newest(db: Kysely<Schema>): Promise<ContentVersionInfo | undefined> {
  const row = await db.selectFrom('content_versions').select(INFO_COLUMNS).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row && toInfo(row);
}

function one(db: Kysely<Schema>, id: number) {
  return db.selectFrom('content_versions').select([...INFO_COLUMNS, 'files']).where('id', '=', id).executeTakeFirst();
}

async function supersede(trx: Kysely<Schema>): Promise<void> {
  await trx.updateTable('content_versions').set({ status: 'superseded' }).where('status', '=', 'published').execute();
}

function toInfo(row: Omit<Selectable<ContentVersionsTable>, 'files'>): ContentVersionInfo {
  return {
    id: Number(row.id),
    status: row.status,
    author: row.author,
    createdAt: toDate(row.created_at),
    ...(row.published_at !== null ? { publishedAt: toDate(row.published_at) } : {}),
    ...(row.published_by !== null ? { publishedBy: row.published_by } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
    ...(row.base_version !== null ? { baseVersion: Number(row.base_version) } : {}),
  };
}

function toVersion(row: Selectable<ContentVersionsTable>): ContentVersion {
  return { ...toInfo(row), files: fromJson<ContentFiles>(row.files) };
}
