import Database from 'better-sqlite3';
import type { ContentVersion, ContentVersionInfo, NewContentVersion, VersionStatus } from './content-version.js';
import type { ContentVersionStore } from './content-version-store.js';
import { migrateContent } from './sqlite-content-migrations.js';
import { checkBase, checkPublishable } from './version-rules.js';
import { SerializedAccess } from '../store/sqlite/serialized-access.js';
import { openSharedSqlite } from '../store/sqlite/open-shared-file.js';


interface InfoRow {
  id: number;
  status: VersionStatus;
  author: string;
  created_at: number;
  published_at: number | null;
  published_by: string | null;
  note: string | null;
  base_version: number | null;
}

interface VersionRow extends InfoRow {
  files: string;
}

const INFO_COLUMNS = 'id, status, author, created_at, published_at, published_by, note, base_version';

/**
 * Content versions in the embedded SQLite file, usually the conversation store's own `bot.sqlite`.
 * Each operation is one short synchronous transaction (`BEGIN IMMEDIATE` for writes, so checking the
 * newest version and writing are atomic across processes), run in call order.
 */
export class SqliteContentVersions implements ContentVersionStore {
  private readonly access = new SerializedAccess();
  private readonly selectNewest;
  private readonly selectOne;
  private readonly selectPublishedId;
  private readonly selectHistory;
  private readonly insert;
  private readonly supersede;
  private readonly markPublished;
  private readonly addTx;
  private readonly publishTx;

  private constructor(private readonly db: Database.Database) {
    this.selectNewest = db.prepare<[], InfoRow>(`SELECT ${INFO_COLUMNS} FROM content_versions ORDER BY id DESC LIMIT 1`);
    this.selectOne = db.prepare<[number], VersionRow>(`SELECT ${INFO_COLUMNS}, files FROM content_versions WHERE id = ?`);
    this.selectPublishedId = db.prepare<[], number>("SELECT id FROM content_versions WHERE status = 'published'").pluck();
    this.selectHistory = db.prepare<[], InfoRow>(`SELECT ${INFO_COLUMNS} FROM content_versions ORDER BY id DESC`);
    this.insert = db.prepare<[string, VersionStatus, string, number, number | null, string | null, string | null, number | null], VersionRow>(`
      INSERT INTO content_versions (files, status, author, created_at, published_at, published_by, note, base_version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${INFO_COLUMNS}, files`);
    this.supersede = db.prepare("UPDATE content_versions SET status = 'superseded' WHERE status = 'published'");
    this.markPublished = db.prepare<[number, string, number], VersionRow>(`
      UPDATE content_versions SET status = 'published', published_at = ?, published_by = ? WHERE id = ?
      RETURNING ${INFO_COLUMNS}, files`);
    this.addTx = db.transaction((version: NewContentVersion, now: number): VersionRow => {
      const newest = this.selectNewest.get();
      checkBase(newest && toInfo(newest), version.baseVersion);
      if (version.publish) this.supersede.run();
      return this.insert.get(
        JSON.stringify(version.files),
        version.publish ? 'published' : 'draft',
        version.author,
        now,
        version.publish ? now : null,
        version.publish ? version.author : null,
        version.note ?? null,
        version.baseVersion ?? null,
      )!;
    });
    this.publishTx = db.transaction((id: number, by: string, now: number): VersionRow => {
      const target = this.selectOne.get(id);
      const newest = this.selectNewest.get();
      checkPublishable(target && toInfo(target), id, newest && toInfo(newest));
      this.supersede.run();
      return this.markPublished.get(now, by, id)!;
    });
  }

  /** Opens (creating if needed) the database file and brings the content tables up to date. */
  static async open(path: string): Promise<SqliteContentVersions> {
    return new SqliteContentVersions(await openSharedSqlite(path, migrateContent));
  }

  add(version: NewContentVersion, now: Date): Promise<ContentVersion> {
    return this.serialized(() => toVersion(this.addTx.immediate(version, now.getTime())));
  }

  publish(id: number, by: string, now: Date): Promise<ContentVersion> {
    return this.serialized(() => toVersion(this.publishTx.immediate(id, by, now.getTime())));
  }

  get(id: number): Promise<ContentVersion | undefined> {
    return this.serialized(() => {
      const row = this.selectOne.get(id);
      return row && toVersion(row);
    });
  }

  newest(): Promise<ContentVersionInfo | undefined> {
    return this.serialized(() => {
      const row = this.selectNewest.get();
      return row && toInfo(row);
    });
  }

  publishedId(): Promise<number | undefined> {
    return this.serialized(() => this.selectPublishedId.get());
  }

  history(): Promise<ContentVersionInfo[]> {
    return this.serialized(() => this.selectHistory.all().map(toInfo));
  }

  ping(): Promise<void> {
    return this.serialized(() => void this.db.prepare('SELECT 1').get());
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      this.db.close();
    });
  }

  /** Runs `work` after the operations called before it, retrying it while the file is locked. */
  private serialized<T>(work: () => T): Promise<T> {
    return this.access.serialized(work);
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.access.exclusive(task);
  }
}

function toInfo(row: InfoRow): ContentVersionInfo {
  return {
    id: row.id,
    status: row.status,
    author: row.author,
    createdAt: new Date(row.created_at),
    ...(row.published_at !== null ? { publishedAt: new Date(row.published_at) } : {}),
    ...(row.published_by !== null ? { publishedBy: row.published_by } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
    ...(row.base_version !== null ? { baseVersion: row.base_version } : {}),
  };
}

function toVersion(row: VersionRow): ContentVersion {
  return { ...toInfo(row), files: JSON.parse(row.files) as Record<string, string> };
}
