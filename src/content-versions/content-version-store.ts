import type { ContentVersion, ContentVersionInfo, NewContentVersion } from './content-version.js';

/**
 * Where content versions live, next to the conversations (same database). Writes that depend on
 * the newest version (see version-rules.ts) are atomic, also across processes sharing the database.
 */
export interface ContentVersionStore {
  /** Stores a new version; refused with VersionConflictError unless its base is the newest version. */
  add(version: NewContentVersion, now: Date): Promise<ContentVersion>;
  /** Publishes a draft (the newest version), superseding the published one. */
  publish(id: number, by: string, now: Date): Promise<ContentVersion>;
  get(id: number): Promise<ContentVersion | undefined>;
  /** The newest version, draft or not. */
  newest(): Promise<ContentVersionInfo | undefined>;
  /** The id of the published version: cheap, for instances polling for a new one. */
  publishedId(): Promise<number | undefined>;
  /** Every version, newest first. */
  history(): Promise<ContentVersionInfo[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
