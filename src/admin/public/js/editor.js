// Content forms: pick a document of the newest version (grouped by kind, searchable), edit it in a
// form generated from its schema, save it as a new draft; create and delete documents.
import { act, announceDraftChanged, api, onDraftChanged } from './api.js';
import { buildForm } from './form-fields.js';
import { $, button, el } from './page.js';

/** The document being edited: what the server sent (path, kind, baseVersion, isNew…) and its form. */
let open = null;
let edited = false;
/** The kinds that can be created and deleted (intents, procedures, topics, sources); the others are only edited. */
let creatable = new Set();

/** Lower case without diacritics, so "le phi" finds "Lệ phí". */
const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();

async function load() {
  const { kinds, documents } = await api('/documents');
  creatable = new Set(kinds.filter((k) => k.creatable).map((k) => k.kind));
  const groups = kinds.map((kind) => {
    const mine = documents.filter((d) => d.kind === kind.kind);
    const details = el('details', undefined, 'doc-group');
    details.dataset.kind = kind.kind;
    details.append(el('summary', `${kind.label} (${mine.length})`));
    const list = el('ul', undefined, 'doc-list');
    for (const doc of mine) {
      const li = el('li');
      li.dataset.search = fold(`${doc.title} ${doc.id} ${doc.path} ${doc.keywords ?? ''}`);
      const pick = button(doc.title === doc.id ? doc.title : `${doc.title} (${doc.id})`, 'doc');
      pick.dataset.path = doc.path;
      if (open && open.path === doc.path) pick.setAttribute('aria-current', 'true');
      pick.addEventListener('click', () => choose(doc.path, pick));
      li.append(pick);
      list.append(li);
    }
    details.append(list);
    return details;
  });
  $('editor-list').replaceChildren(...groups);
  $('editor-new-kind').replaceChildren(
    ...kinds.filter((k) => k.creatable).map((k) => {
      const option = el('option', k.label);
      option.value = k.kind;
      return option;
    }),
  );
  filter();
}

/** Shows the documents matching the search, opening the groups that have some. */
function filter() {
  const query = fold($('editor-search').value.trim());
  // Every word, in any order and without accents: "le phi khai sinh" finds "Đăng ký khai sinh" by its fee.
  const words = query.split(/\s+/).filter(Boolean);
  let found = 0;
  for (const group of $('editor-list').querySelectorAll('details')) {
    let inGroup = 0;
    for (const li of group.querySelectorAll('li')) {
      li.hidden = !words.every((w) => li.dataset.search.includes(w));
      if (!li.hidden) inGroup++;
    }
    group.hidden = inGroup === 0;
    if (query) group.open = inGroup > 0;
    found += inGroup;
  }
  $('editor-count').textContent = query ? `Tìm thấy ${found} tài liệu.` : '';
}

function choose(path, control, aspect) {
  if (edited && !window.confirm('Biểu mẫu đang có thay đổi chưa lưu. Bỏ các thay đổi đó?')) return;
  act('Đang mở tài liệu…', async () => {
    show(await api(`/documents/one?path=${encodeURIComponent(path)}`), aspect);
    return `Đang sửa ${open.kindLabel.toLowerCase()} "${open.title}".`;
  }, control);
}

/** Renders the form of a document the server sent (existing, or new with its first values); a procedure's `aspect` opens first. */
function show(doc, aspect, focus = true) {
  // A procedure's form is long (every aspect, every case): its aspects fold, the one asked about first.
  const form = buildForm(doc.form, doc.value, doc.suggestions, doc.kind === 'procedure' ? { grouped: 'aspects', first: aspect, folded: ['codes', 'summary', 'cases'] } : {});
  showFactSource(doc);
  open = { ...doc, form };
  edited = false;
  $('editor-doc-title').textContent = `${doc.kindLabel}: ${doc.title}`;
  $('editor-doc-meta').textContent = `${doc.path} · ${doc.isNew ? 'tài liệu mới, ' : ''}sửa từ ${doc.baseVersion === null ? 'nội dung gốc' : `phiên bản ${doc.baseVersion}`}`;
  $('editor-fields').replaceChildren(form.element);
  $('editor-conflict').hidden = true;
  $('editor-note').value = '';
  $('editor-delete').hidden = doc.isNew || !creatable.has(doc.kind);
  $('editor-save').textContent = doc.isNew ? 'Tạo thành bản nháp' : 'Lưu thành bản nháp';
  $('editor-form').hidden = false;
  for (const pick of $('editor-list').querySelectorAll('button.doc')) {
    if (pick.dataset.path === doc.path) pick.setAttribute('aria-current', 'true');
    else pick.removeAttribute('aria-current');
  }
  if (focus) $('editor-doc-title').focus();
}

/** The source picker of a procedure: where the facts edited come from (an existing source, or a new one). */
function showFactSource(doc) {
  $('editor-fact-source').hidden = doc.kind !== 'procedure';
  $('editor-source-error').hidden = true;
  $('editor-new-source').hidden = true;
  for (const id of ['editor-source-id', 'editor-source-title', 'editor-source-url']) $(id).value = '';
  const option = (text, value) => Object.assign(el('option', text), { value });
  $('editor-source').replaceChildren(
    option('— Chọn nguồn đã đối chiếu —', ''),
    ...(doc.suggestions?.sources ?? []).map((id) => option(id, id)),
    option('Thêm nguồn mới…', '+'),
  );
}

/** What the save sends as the source of edited facts, if one is chosen. */
function factSource() {
  const chosen = $('editor-source').value;
  if (!chosen || $('editor-fact-source').hidden) return undefined;
  if (chosen !== '+') return { source: chosen };
  const url = $('editor-source-url').value.trim();
  return { newSource: { id: $('editor-source-id').value.trim(), title: $('editor-source-title').value.trim(), ...(url ? { url } : {}) } };
}

/** Shows the server's refusal: problems at their fields (422), or that someone saved a newer draft (409). */
function refused(error) {
  if (error.status === 422 && error.data?.changedFacts) {
    $('editor-source-error').textContent = error.message;
    $('editor-source-error').hidden = false;
  } else if (error.status === 422 && error.problems) {
    const first = open.form.showProblems(error.problems.filter((p) => p.file === open.path));
    first?.focus();
  }
  if (error.status === 409 && error.message.startsWith('Bản nháp đã thay đổi')) {
    $('editor-conflict-text').textContent =
      `${error.message} Những gì Anh/Chị vừa sửa vẫn còn trong biểu mẫu: hãy ghi lại trước khi tải lại, rồi sửa lại trên bản mới nhất.`;
    $('editor-conflict').hidden = false;
  }
  throw error;
}

function save(event) {
  event.preventDefault();
  const doc = open;
  act(doc.isNew ? 'Đang kiểm tra và tạo tài liệu…' : 'Đang kiểm tra và lưu…', async () => {
    doc.form.clearProblems();
    $('editor-conflict').hidden = true;
    const note = $('editor-note').value.trim();
    const source = factSource();
    const body = { path: doc.path, baseVersion: doc.baseVersion, value: doc.form.value(), ...(note ? { note } : {}), ...(source ? { factSource: source } : {}) };
    const result = await api('/documents', body, doc.isNew ? 'POST' : 'PUT').catch(refused);
    if (!result.draft) return 'Không có thay đổi nào để lưu.';
    doc.baseVersion = result.draft.id;
    doc.isNew = false;
    edited = false;
    $('editor-delete').hidden = !creatable.has(doc.kind);
    $('editor-save').textContent = 'Lưu thành bản nháp';
    $('editor-doc-meta').textContent = `${doc.path} · đã lưu thành phiên bản ${result.draft.id}`;
    $('editor-source-error').hidden = true;
    announceDraftChanged();
    const verified = source && result.value?.verified ? ` Thông tin đã sửa ghi nguồn ${source.source ?? source.newSource.id}, ngày kiểm tra ${result.value.verified.split('-').reverse().join('/')}.` : '';
    if (verified) {
      // The date and sources were set by the server: show the document as saved.
      const reopened = await api(`/documents/one?path=${encodeURIComponent(doc.path)}`);
      show(reopened, undefined, false);
    }
    return `Đã lưu thành bản nháp phiên bản ${result.draft.id}.${verified} Người dân chỉ thấy thay đổi sau khi bản nháp được xuất bản (mục Phiên bản).`;
  }, event.submitter);
}

function remove(event) {
  const doc = open;
  if (!window.confirm(`Xóa "${doc.title}" (${doc.path})? Việc xóa được lưu thành một bản nháp mới.`)) return;
  act('Đang kiểm tra và xóa…', async () => {
    const result = await api('/documents', { path: doc.path, baseVersion: doc.baseVersion }, 'DELETE').catch(refused);
    open = null;
    edited = false;
    $('editor-form').hidden = true;
    announceDraftChanged();
    $('editor-search').focus();
    return `Đã xóa ${doc.path} trong bản nháp phiên bản ${result.draft.id}.`;
  }, event.currentTarget);
}

function create(event) {
  event.preventDefault();
  const kind = $('editor-new-kind').value;
  const name = $('editor-new-name').value.trim();
  if (edited && !window.confirm('Biểu mẫu đang có thay đổi chưa lưu. Bỏ các thay đổi đó?')) return;
  act('Đang chuẩn bị tài liệu mới…', async () => {
    show(await api(`/documents/new?kind=${encodeURIComponent(kind)}&name=${encodeURIComponent(name)}`));
    $('editor-new-name').value = '';
    return `Tài liệu mới ${open.path}: điền các ô rồi bấm "Tạo thành bản nháp".`;
  }, event.submitter);
}

function init() {
  $('editor-search').addEventListener('input', filter);
  $('editor-form').addEventListener('submit', save);
  const changed = () => {
    edited = true;
  };
  $('editor-form').addEventListener('input', changed);
  // Adding, moving and removing items changes the form without an input event.
  $('editor-fields').addEventListener('click', (event) => event.target.closest('button') && changed());
  $('editor-delete').addEventListener('click', remove);
  $('editor-source').addEventListener('change', () => {
    $('editor-new-source').hidden = $('editor-source').value !== '+';
  });
  $('editor-new').addEventListener('submit', create);
  $('editor-conflict-reload').addEventListener('click', (event) => {
    if (!open.isNew) {
      edited = false;
      return choose(open.path, event.currentTarget);
    }
    // A new document has nothing to merge: it is created on top of the newest version instead.
    act('Đang tải phiên bản mới nhất…', async () => {
      open.baseVersion = (await api('/documents')).baseVersion;
      $('editor-conflict').hidden = true;
      return 'Đã cập nhật phiên bản mới nhất. Bấm "Tạo thành bản nháp" để tạo lại.';
    }, event.currentTarget);
  });
  onDraftChanged(() => load().catch(() => {}));
}

/** Opened from a link (#editor?path=…&aspect=le_phi): that document, that aspect first. */
function showRoute(params) {
  const path = params.get('path');
  if (path && open?.path !== path) choose(path, null, params.get('aspect') ?? undefined);
}

export const editorScreen = { section: 'editor', init, load, show: showRoute, reloadMessage: 'Đã tải lại danh sách tài liệu.' };
