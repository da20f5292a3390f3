// Content versions: history, a version's changes, publish and roll back.
import { act, api, can, onDraftChanged } from './api.js';
import { $, button, dateTime, el } from './page.js';

const STATUSES = { draft: 'Bản nháp', published: 'Đang dùng', superseded: 'Đã thay thế' };

async function load() {
  const { versions } = await api('/content/history');
  $('versions-list').replaceChildren(...versions.map(versionRow));
}

function versionRow(v) {
  const tr = el('tr');
  tr.append(
    el('td', v.id),
    el('td', STATUSES[v.status] || v.status),
    el('td', `${v.author}, ${dateTime(v.createdAt)}`),
    el('td', v.publishedAt ? `${v.publishedBy}, ${dateTime(v.publishedAt)}` : '—'),
    el('td', v.note || ''),
  );
  const actions = el('td');
  const diff = button('Xem thay đổi', 'secondary');
  diff.setAttribute('aria-label', `Xem thay đổi của phiên bản ${v.id}`);
  diff.addEventListener('click', () => act('Đang tải thay đổi…', () => showDiff(v.id), diff));
  actions.append(diff);
  if (v.status === 'draft' && can('content.publish')) {
    const publish = button('Xuất bản');
    publish.setAttribute('aria-label', `Xuất bản phiên bản ${v.id}`);
    publish.addEventListener('click', () =>
      act(`Đang kiểm tra và xuất bản phiên bản ${v.id}… (có thể mất vài giây)`, async () => {
        await api('/content/publish', { version: v.id });
        await load();
        return `Đã xuất bản phiên bản ${v.id}. Người dân được trả lời theo phiên bản này từ bây giờ.`;
      }, publish),
    );
    actions.append(publish);
  }
  if (v.status === 'superseded' && can('content.rollback')) {
    const rollback = button('Khôi phục', 'secondary');
    rollback.setAttribute('aria-label', `Khôi phục phiên bản ${v.id}`);
    rollback.addEventListener('click', () => {
      if (!window.confirm(`Xuất bản lại nội dung của phiên bản ${v.id}?`)) return;
      act(`Đang khôi phục phiên bản ${v.id}…`, async () => {
        const { version } = await api('/content/rollback', { version: v.id });
        await load();
        return `Đã khôi phục nội dung phiên bản ${v.id} thành phiên bản ${version.id}.`;
      }, rollback);
    });
    actions.append(rollback);
  }
  tr.append(actions);
  return tr;
}

async function showDiff(id) {
  const { files } = await api(`/content/versions/${id}/diff`);
  $('diff-title').textContent = `Thay đổi của phiên bản ${id}`;
  const box = $('diff-files');
  box.replaceChildren();
  if (files.length === 0) box.append(el('p', 'Không có thay đổi nào.'));
  for (const file of files) {
    box.append(el('h4', file.path));
    const pre = el('pre', undefined, 'diff');
    for (const line of file.unified.split('\n')) {
      const kind = line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'ctx';
      pre.append(el('span', line, kind));
    }
    box.append(pre);
  }
  $('diff').hidden = false;
  $('diff-title').focus();
  return `Đang hiển thị thay đổi của phiên bản ${id}.`;
}

function init() {
  onDraftChanged(() => can('draft.edit') && load().catch(() => {}));
}

export const versionsScreen = { section: 'versions', init, load, reloadMessage: 'Đã tải lại lịch sử.' };
