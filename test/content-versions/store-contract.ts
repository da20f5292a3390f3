import { describe, expect, it } from 'vitest';
import type { ContentVersionStore } from '../../src/content-versions/content-version-store.js';
import { VersionConflictError } from '../../src/content-versions/version-conflict-error.js';

export interface StoreFixture {
  readonly store: ContentVersionStore;
  /** A second connection to the same database (another instance). */
  readonly other: () => Promise<ContentVersionStore>;
  readonly dispose: () => Promise<void>;
}

const files = (n: number) => ({ 'intents/a.yaml': `id: a\nn: ${n}\n`, 'data/nlu.yaml': 'x: 1\n' });
const at = (minute: number) => new Date(Date.UTC(2025, 6, 1, 8, minute));

/** What every ContentVersionStore must do (no training here: the publisher's checks are tested apart). */
export function versionStoreContract(name: string, open: () => Promise<StoreFixture>): void {
  describe(`${name} content versions`, () => {
    it('keeps a line of versions: drafts, one published at a time, history newest first', async () => {
      const { store, dispose } = await open();
      try {
        expect(await store.newest()).toBeUndefined();
        expect(await store.publishedId()).toBeUndefined();
        const v1 = await store.add({ files: files(1), author: 'An', publish: false }, at(1));
        expect(v1).toMatchObject({ id: 1, status: 'draft', author: 'An', files: files(1) });
        expect(v1.baseVersion).toBeUndefined();
        await store.publish(1, 'Bình', at(2));
        const v2 = await store.add({ files: files(2), author: 'An', baseVersion: 1, publish: false }, at(3));
        expect(await store.publishedId()).toBe(1);
        const p2 = await store.publish(v2.id, 'Bình', at(4));
        expect(p2).toMatchObject({ status: 'published', publishedBy: 'Bình', publishedAt: at(4), baseVersion: 1 });
        const v3 = await store.add({ files: files(1), author: 'Chi', baseVersion: 2, note: 'khôi phục phiên bản 1', publish: true }, at(5));
        expect(v3).toMatchObject({ status: 'published', publishedBy: 'Chi', note: 'khôi phục phiên bản 1' });
        expect(await store.publishedId()).toBe(3);
        const history = await store.history();
        expect(history.map((v) => [v.id, v.status])).toEqual([
          [3, 'published'],
          [2, 'superseded'],
          [1, 'superseded'],
        ]);
        expect(history[2]).toMatchObject({ author: 'An', createdAt: at(1), publishedAt: at(2), publishedBy: 'Bình' });
        expect((await store.get(2))?.files).toEqual(files(2));
        expect(await store.get(9)).toBeUndefined();
      } finally {
        await dispose();
      }
    });

    it('refuses a draft based on an old version, and publishing anything but the newest draft', async () => {
      const { store, dispose } = await open();
      try {
        await store.add({ files: files(1), author: 'An', publish: false }, at(1));
        await store.add({ files: files(2), author: 'Bình', baseVersion: 1, publish: false }, at(2));
        await expect(store.add({ files: files(3), author: 'An', baseVersion: 1, publish: false }, at(3))).rejects.toThrow(
          /Bản nháp đã thay đổi: bạn sửa từ phiên bản 1 nhưng bản mới nhất là phiên bản 2 \(Bình/,
        );
        await expect(store.add({ files: files(3), author: 'An', publish: false }, at(3))).rejects.toBeInstanceOf(VersionConflictError);
        await expect(store.publish(1, 'An', at(4))).rejects.toThrow(/không còn là bản mới nhất/);
        await expect(store.publish(7, 'An', at(4))).rejects.toThrow(/Không có phiên bản 7/);
        await store.publish(2, 'An', at(4));
        await expect(store.publish(2, 'An', at(5))).rejects.toThrow(/không phải bản nháp/);
        expect(await store.publishedId()).toBe(2);
      } finally {
        await dispose();
      }
    });

    it('lets only one of two instances saving on the same base succeed; versions survive reopening', async () => {
      const { store, other, dispose } = await open();
      const second = await other();
      try {
        await store.add({ files: files(1), author: 'An', publish: false }, at(1));
        const results = await Promise.allSettled([
          store.add({ files: files(2), author: 'An', baseVersion: 1, publish: false }, at(2)),
          second.add({ files: files(3), author: 'Bình', baseVersion: 1, publish: false }, at(2)),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const refused = results.find((r) => r.status === 'rejected');
        expect(String(refused?.reason)).toContain('Bản nháp đã thay đổi');
        await second.publish(2, 'Bình', at(3));
        await store.close();
        const reopened = await other();
        expect(await reopened.publishedId()).toBe(2);
        expect((await reopened.history()).map((v) => v.id)).toEqual([2, 1]);
        await reopened.close();
      } finally {
        await second.close();
        await dispose();
      }
    });
  });
}
