// Content versions: history, a version's changes, publish and roll back.
import { act, api, can, onDraftChanged } from './api.js';
import { $, button, dateTime, el } from './page.js';

const STATUSES = { draft: 'Bản nháp', published: 'Đang dùng', superseded: 'Đã thay thế' };

const COLUMNS = ['Số', 'Trạng thái', 'Người tạo, lúc', 'Xuất bản', 'Ghi chú', 'Thao tác'];

/** The working draft: the newest version while it is a draft; older drafts are folded into it. */
let working = null;

async function load() {
  const { versions } = await api('/content/history');
  working = versions[0]?.status === 'draft' ? versions[0] : null;
  const live = versions.find((v) => v.status === 'published') ?? null;
  $('versions-list').replaceChildren(...versions.map((v) => versionRow(v, working)));
  for (const id of ['draft-summary-title', 'draft-summary', 'draft-diff', 'draft-publish']) $(id).hidden = working === null;
  if (working) await showWorkingDraft(working, live, versions);
  else {
    $('draft-title').textContent = 'Không có bản nháp đang làm';
    $('draft-meta').textContent = live ? `Mọi thay đổi đã được xuất bản: người dân được trả lời theo phiên bản ${live.id}.` : 'Người dân được trả lời theo nội dung gốc.';
  }
}

/** The working draft: who made its changes since the live version, and what will change, file by file. */
async function showWorkingDraft(draft, live, versions) {
  const since = versions.filter((v) => v.status === 'draft');
  const authors = [...new Set(since.map((v) => v.author))].join(', ');
  $('draft-title').textContent = `Bản nháp đang làm: phiên bản ${draft.id}`;
  $('draft-meta').textContent = `${since.length} lần lưu từ ${live ? `phiên bản đang dùng ${live.id}` : 'nội dung gốc'} · ${authors} · ${dateTime(draft.createdAt)}`;
  const { files } = await api(`/content/versions/${draft.id}/diff?against=live`);
  $('draft-summary').replaceChildren(...(files.length ? files.map(fileSummary) : [el('li', 'Không có thay đổi nào so với phiên bản đang dùng.')]));
  const publish = $('draft-publish');
  publish.hidden = !can('content.publish');
  publish.setAttribute('aria-label', `Xuất bản phiên bản ${draft.id}`);
  publish.textContent = `Xuất bản phiên bản ${draft.id}`;
}

/** One changed file in words: which document, and the lines added and removed. */
function fileSummary(file) {
  const lines = file.unified.split('\n').slice(2);
  const added = lines.filter((l) => l.startsWith('+')).map((l) => l.slice(1).trim()).filter(Boolean);
  const removed = lines.filter((l) => l.startsWith('-')).map((l) => l.slice(1).trim()).filter(Boolean);
  const what = file.change === 'added' ? 'tệp mới' : file.change === 'deleted' ? 'xóa tệp' : `${added.length} dòng mới, ${removed.length} dòng bỏ`;
  const li = el('li');
  li.append(el('strong', file.path), el('span', ` — ${what}`));
  const shown = [...removed.slice(0, 3).map((l) => `bỏ: ${l}`), ...added.slice(0, 3).map((l) => `thêm: ${l}`)];
  if (shown.length > 0) {
    const list = el('ul');
    list.append(...shown.map((line) => el('li', line)));
    li.append(list);
  }
  return li;
}

function publishWorking(event) {
  const draft = working;
  if (!draft) return;
  act(
    (seconds) => `Đang kiểm tra và xuất bản phiên bản ${draft.id}: kiểm tra nội dung, huấn luyện lại, chạy các câu hỏi kiểm tra… (${seconds} giây, thường 10–20 giây)`,
    async () => {
      await api('/content/publish', { version: draft.id });
      await load();
      return `Đã xuất bản phiên bản ${draft.id}. Người dân được trả lời theo phiên bản này từ bây giờ.`;
    },
    event.currentTarget,
  );
}

function versionRow(v, workingDraft) {
  const tr = el('tr');
  const folded = v.status === 'draft' && v !== workingDraft;
  tr.append(
    el('td', v.id),
    el('td', folded ? `Bản nháp (đã gộp vào phiên bản ${workingDraft?.id})` : STATUSES[v.status] || v.status),
    el('td', `${v.author}, ${dateTime(v.createdAt)}`),
    el('td', v.publishedAt ? `${v.publishedBy}, ${dateTime(v.publishedAt)}` : '—'),
    el('td', v.note || ''),
  );
  const actions = el('td');
  const diff = button('Xem thay đổi', 'secondary');
  diff.setAttribute('aria-label', `Xem thay đổi của phiên bản ${v.id}`);
  diff.addEventListener('click', () => act('Đang tải thay đổi…', () => showDiff(v.id), diff));
  actions.append(diff);
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
  [...tr.children].forEach((td, i) => (td.dataset.label = COLUMNS[i]));
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
  $('draft-publish').addEventListener('click', publishWorking);
  $('draft-diff').addEventListener('click', (e) => working && act('Đang tải thay đổi…', () => showDiff(working.id), e.currentTarget));
  onDraftChanged(() => can('draft.edit') && load().catch(() => {}));
}

export const versionsScreen = { section: 'versions', init, load, reloadMessage: 'Đã tải lại lịch sử.' };
