import type { ContentVersion, ContentVersionInfo, NewContentVersion } from './content-version.js';
import type { ContentVersionStore } from './content-version-store.js';
import { checkBase, checkPublishable } from './version-rules.js';

const info = ({ files: _files, ...rest }: ContentVersion): ContentVersionInfo => rest;

/** Versions in memory, for tests and one-off runs. */
export class MemoryContentVersions implements ContentVersionStore {
  private readonly versions: ContentVersion[] = [];

  async add(version: NewContentVersion, now: Date): Promise<ContentVersion> {
    const newest = this.versions.at(-1);
    checkBase(newest && info(newest), version.baseVersion);
    if (version.publish) this.supersede();
    const stored: ContentVersion = {
      id: (newest?.id ?? 0) + 1,
      files: { ...version.files },
      status: version.publish ? 'published' : 'draft',
      author: version.author,
      createdAt: now,
      ...(version.publish ? { publishedAt: now, publishedBy: version.author } : {}),
      ...(version.note !== undefined ? { note: version.note } : {}),
      ...(version.baseVersion !== undefined ? { baseVersion: version.baseVersion } : {}),
    };
    this.versions.push(stored);
    return stored;
  }

  async publish(id: number, by: string, now: Date): Promise<ContentVersion> {
    const index = this.versions.findIndex((v) => v.id === id);
    const newest = this.versions.at(-1);
    checkPublishable(this.versions[index] && info(this.versions[index]), id, newest && info(newest));
    this.supersede();
    const published: ContentVersion = { ...this.versions[index]!, status: 'published', publishedAt: now, publishedBy: by };
    this.versions[index] = published;
    return published;
  }

  async get(id: number): Promise<ContentVersion | undefined> {
    return this.versions.find((v) => v.id === id);
  }

  async newest(): Promise<ContentVersionInfo | undefined> {
    const newest = this.versions.at(-1);
    return newest && info(newest);
  }

  async publishedId(): Promise<number | undefined> {
    return this.versions.find((v) => v.status === 'published')?.id;
  }

  async history(): Promise<ContentVersionInfo[]> {
    return this.versions.map(info).reverse();
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  private supersede(): void {
    const index = this.versions.findIndex((v) => v.status === 'published');
    if (index >= 0) this.versions[index] = { ...this.versions[index]!, status: 'superseded' };
  }
}
