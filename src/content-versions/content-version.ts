import type { ContentFiles } from '../content/content-files.js';

/** A draft is being edited; one version at a time is published (live); a replaced one is superseded. */
export type VersionStatus = 'draft' | 'published' | 'superseded';

/** A stored version without its files: what the history shows. */
export interface ContentVersionInfo {
  readonly id: number;
  readonly status: VersionStatus;
  readonly author: string;
  readonly createdAt: Date;
  readonly publishedAt?: Date;
  readonly publishedBy?: string;
  /** Why it exists, e.g. "khôi phục phiên bản 5". */
  readonly note?: string;
  /** The version it was edited from (none for the first, which starts from the repository's files). */
  readonly baseVersion?: number;
}

export interface ContentVersion extends ContentVersionInfo {
  readonly files: ContentFiles;
}

export interface NewContentVersion {
  readonly files: ContentFiles;
  readonly author: string;
  readonly note?: string;
  /** The newest version when the author started; saving is refused if another was saved since. */
  readonly baseVersion?: number;
  /** Stored published at once (a rollback), superseding the published version. */
  readonly publish: boolean;
}
