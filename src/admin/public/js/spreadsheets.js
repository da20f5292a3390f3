// Spreadsheets: download the examples and FAQ, preview what a file would change, apply it as a draft.
import { act, announceDraftChanged, api } from './api.js';
import { $, el, showProblems } from './page.js';

const MAX_MEGABYTES = 2;

const GROUPS = [
  { status: 'added', title: 'Sẽ thêm' },
  { status: 'changed', title: 'Sẽ sửa' },
  { status: 'rejected', title: 'Bị từ chối' },
];

const FIELDS = { title: 'Tiêu đề', description: 'Mô tả', answer: 'Trả lời' };
const KINDS = { examples: 'Câu mẫu', faq: 'Hỏi đáp' };

/** The previewed file (its bytes, read once, so what is applied is what was previewed) and the server's preview. */
let previewed = null;

function forget() {
  previewed = null;
  $('spreadsheets-preview').hidden = true;
}

async function preview(event) {
  event.preventDefault();
  const file = $('spreadsheets-file').files[0];
  if (!file) return showProblems('Vui lòng chọn tệp bảng tính (.xlsx hoặc .csv).');
  if (file.size > MAX_MEGABYTES * 1024 * 1024) return showProblems(`Tệp quá lớn: tối đa ${MAX_MEGABYTES} MB.`);
  forget();
  await act(`Đang đọc tệp ${file.name}…`, async () => {
    const blob = new Blob([await file.arrayBuffer()], { type: file.type });
    const result = await api('/spreadsheets/preview', blob);
    previewed = { name: file.name, blob, result };
    show(result, file.name);
    return 'Đã có bản xem trước. Chưa có gì thay đổi.';
  }, event.submitter);
}

function show(result, name) {
  const { added, changed, unchanged, rejected } = result.summary;
  const base = result.baseVersion === 0 ? 'nội dung gốc' : `phiên bản ${result.baseVersion}`;
  let summary = `Tệp ${name} (so với ${base}): ${added} dòng thêm, ${changed} dòng sửa, ${unchanged} dòng không đổi, ${rejected} dòng bị từ chối.`;
  if (result.ignoredSheets.length > 0) summary += ` Bỏ qua trang: ${result.ignoredSheets.join(', ')}.`;
  $('spreadsheets-summary').textContent = summary;
  const groups = $('spreadsheets-groups');
  groups.replaceChildren();
  for (const group of GROUPS) {
    const rows = result.rows.filter((r) => r.status === group.status);
    if (rows.length > 0) groups.append(groupTable(group, rows));
  }
  const useful = added + changed > 0;
  $('spreadsheets-confirm').hidden = !(useful && rejected > 0);
  $('spreadsheets-valid-only').checked = false;
  $('spreadsheets-apply').hidden = !useful;
  if (!useful) groups.append(el('p', 'Không có dòng nào để thêm hay sửa.'));
  $('spreadsheets-preview').hidden = false;
  $('spreadsheets-preview-title').focus();
}

/**
 * One group's rows as a table. On a phone the rows become cards (CSS), so the table's roles are
 * set explicitly: some browsers drop table semantics from tables whose display is changed.
 */
function groupTable(group, rows) {
  const wrap = el('div', undefined, 'table-wrap');
  const table = el('table', undefined, 'preview-table');
  table.setAttribute('role', 'table');
  table.append(el('caption', `${group.title} (${rows.length} dòng)`));
  const head = el('tr');
  head.setAttribute('role', 'row');
  const headers = ['Trang', 'Dòng', 'Mã ý định', 'Nội dung'];
  if (group.status === 'rejected') headers.push('Lý do');
  for (const h of headers) {
    const th = el('th', h);
    th.scope = 'col';
    th.setAttribute('role', 'columnheader');
    head.append(th);
  }
  const thead = el('thead');
  const tbody = el('tbody');
  for (const section of [thead, tbody]) section.setAttribute('role', 'rowgroup');
  thead.append(head);
  for (const row of rows) {
    const tr = el('tr');
    tr.setAttribute('role', 'row');
    const cells = [el('td', row.sheet || KINDS[row.kind]), el('td', row.row), el('td', row.intent || '—'), contentCell(row)];
    if (group.status === 'rejected') cells.push(el('td', row.reason, 'reason'));
    cells.forEach((td, i) => {
      td.setAttribute('role', 'cell');
      td.dataset.label = headers[i];
    });
    tr.append(...cells);
    tbody.append(tr);
  }
  table.append(thead, tbody);
  wrap.append(table);
  return wrap;
}

function contentCell(row) {
  const td = el('td');
  if (row.changes && row.changes.length > 0) {
    const list = el('ul', undefined, 'changes');
    for (const c of row.changes) {
      const li = el('li');
      li.append(el('strong', `${FIELDS[c.field] || c.field}: `), el('del', c.before), el('span', ' → '), el('ins', c.after));
      list.append(li);
    }
    td.append(list);
  } else {
    td.textContent = row.text || '';
  }
  return td;
}

function apply(event) {
  if (!previewed) return;
  const { blob, result } = previewed;
  const validOnly = $('spreadsheets-valid-only').checked;
  if (result.summary.rejected > 0 && !validOnly) {
    const why = 'Tệp có dòng bị từ chối: hãy sửa tệp rồi xem trước lại, hoặc đánh dấu ô “chỉ áp dụng các dòng hợp lệ”.';
    return act('', () => Promise.reject(new Error(why)), event.currentTarget);
  }
  act('Đang áp dụng vào bản nháp…', async () => {
    const { draft, summary } = await api(`/spreadsheets/apply?baseVersion=${result.baseVersion}&applyValidRows=${validOnly}`, blob);
    forget();
    $('spreadsheets-form').reset();
    announceDraftChanged();
    return `Đã áp dụng vào bản nháp phiên bản ${draft.id}: ${summary.added} câu mẫu thêm, ${summary.changed} dòng hỏi đáp sửa. Bản nháp cần được xuất bản để có hiệu lực.`;
  }, event.currentTarget);
}

function init() {
  $('spreadsheets-form').addEventListener('submit', preview);
  $('spreadsheets-file').addEventListener('change', forget);
  $('spreadsheets-apply').addEventListener('click', apply);
}

export const spreadsheetsScreen = { section: 'spreadsheets', init };
