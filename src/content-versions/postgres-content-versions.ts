import pg from 'pg';
import { inTransaction } from '../store/postgres/transaction.js';
import type { ContentVersion, ContentVersionInfo, NewContentVersion, VersionStatus } from './content-version.js';
import type { ContentVersionStore } from './content-version-store.js';
import { migrateContent } from './postgres-content-migrations.js';
import { checkBase, checkPublishable } from './version-rules.js';

interface InfoRow {
  id: string; // bigint
  status: VersionStatus;
  author: string;
  created_at: Date;
  published_at: Date | null;
  published_by: string | null;
  note: string | null;
  base_version: string | null; // bigint
}

interface VersionRow extends InfoRow {
  files: Record<string, string>;
}

const INFO_COLUMNS = 'id, status, author, created_at, published_at, published_by, note, base_version';
const NEWEST = `SELECT ${INFO_COLUMNS} FROM content_versions ORDER BY id DESC LIMIT 1`;
const ONE = `SELECT ${INFO_COLUMNS}, files FROM content_versions WHERE id = $1`;
// Writers take this lock first: it excludes the other writers (of every instance) and lets readers
// through, so checking the newest version and writing are atomic.
const LOCK_WRITERS = 'LOCK TABLE content_versions IN SHARE ROW EXCLUSIVE MODE';
const SUPERSEDE = "UPDATE content_versions SET status = 'superseded' WHERE status = 'published'";

/** Content versions in PostgreSQL, shared by every instance using the database. */
export class PostgresContentVersions implements ContentVersionStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and brings the content tables up to date. */
  static async open(url: string): Promise<PostgresContentVersions> {
    const pool = new pg.Pool({ connectionString: url });
    // An idle connection that fails is dropped by the pool; without a listener the 'error' event would crash the process.
    pool.on('error', () => undefined);
    try {
      await migrateContent(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresContentVersions(pool);
  }

  add(version: NewContentVersion, now: Date): Promise<ContentVersion> {
    return inTransaction(this.pool, async (client) => {
      await client.query(LOCK_WRITERS);
      const { rows } = await client.query<InfoRow>(NEWEST);
      checkBase(rows[0] && toInfo(rows[0]), version.baseVersion);
      if (version.publish) await client.query(SUPERSEDE);
      const inserted = await client.query<VersionRow>(
        `INSERT INTO content_versions (files, status, author, created_at, published_at, published_by, note, base_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${INFO_COLUMNS}, files`,
        [
          JSON.stringify(version.files),
          version.publish ? 'published' : 'draft',
          version.author,
          now,
          version.publish ? now : null,
          version.publish ? version.author : null,
          version.note ?? null,
          version.baseVersion ?? null,
        ],
      );
      return toVersion(inserted.rows[0]!);
    });
  }

  publish(id: number, by: string, now: Date): Promise<ContentVersion> {
    return inTransaction(this.pool, async (client) => {
      await client.query(LOCK_WRITERS);
      const target = (await client.query<VersionRow>(ONE, [id])).rows[0];
      const newest = (await client.query<InfoRow>(NEWEST)).rows[0];
      checkPublishable(target && toInfo(target), id, newest && toInfo(newest));
      await client.query(SUPERSEDE);
      const { rows } = await client.query<VersionRow>(
        `UPDATE content_versions SET status = 'published', published_at = $1, published_by = $2 WHERE id = $3
         RETURNING ${INFO_COLUMNS}, files`,
        [now, by, id],
      );
      return toVersion(rows[0]!);
    });
  }

  async get(id: number): Promise<ContentVersion | undefined> {
    const { rows } = await this.pool.query<VersionRow>(ONE, [id]);
    return rows[0] && toVersion(rows[0]);
  }

  async newest(): Promise<ContentVersionInfo | undefined> {
    const { rows } = await this.pool.query<InfoRow>(NEWEST);
    return rows[0] && toInfo(rows[0]);
  }

  async publishedId(): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ id: string }>("SELECT id FROM content_versions WHERE status = 'published'");
    return rows[0] && Number(rows[0].id);
  }

  async history(): Promise<ContentVersionInfo[]> {
    const { rows } = await this.pool.query<InfoRow>(`SELECT ${INFO_COLUMNS} FROM content_versions ORDER BY id DESC`);
    return rows.map(toInfo);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

function toInfo(row: InfoRow): ContentVersionInfo {
  return {
    id: Number(row.id),
    status: row.status,
    author: row.author,
    createdAt: row.created_at,
    ...(row.published_at !== null ? { publishedAt: row.published_at } : {}),
    ...(row.published_by !== null ? { publishedBy: row.published_by } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
    ...(row.base_version !== null ? { baseVersion: Number(row.base_version) } : {}),
  };
}

function toVersion(row: VersionRow): ContentVersion {
  return { ...toInfo(row), files: row.files };
}
