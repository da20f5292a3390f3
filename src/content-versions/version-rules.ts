import type { ContentVersionInfo } from './content-version.js';
import { VersionConflictError } from './version-conflict-error.js';

const shownAt = (date: Date): string => date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/**
 * Versions form one line: a new version must be based on the newest one, so two people editing
 * the same draft cannot overwrite each other's work. Checked by every store inside its write
 * transaction.
 */
export function checkBase(newest: ContentVersionInfo | undefined, baseVersion: number | undefined): void {
  if (newest?.id === baseVersion) return;
  const from = baseVersion === undefined ? 'nội dung gốc của kho mã' : `phiên bản ${baseVersion}`;
  const now = newest ? `phiên bản ${newest.id} (${newest.author}, ${shownAt(newest.createdAt)})` : 'nội dung gốc của kho mã';
  throw new VersionConflictError(
    `Bản nháp đã thay đổi: bạn sửa từ ${from} nhưng bản mới nhất là ${now}. Hãy tải lại bản mới nhất rồi sửa tiếp.`,
  );
}

/** Only the newest version, while still a draft, can be published: an older draft would undo later work. */
export function checkPublishable(version: ContentVersionInfo | undefined, id: number, newest: ContentVersionInfo | undefined): void {
  if (!version) throw new VersionConflictError(`Không có phiên bản ${id}.`);
  if (version.status !== 'draft') throw new VersionConflictError(`Phiên bản ${id} không phải bản nháp (đã ${version.status === 'published' ? 'xuất bản' : 'bị thay thế'}).`);
  if (newest && newest.id !== id) {
    throw new VersionConflictError(`Bản nháp ${id} không còn là bản mới nhất (đã có phiên bản ${newest.id}); hãy xuất bản bản mới nhất.`);
  }
}
