// The staff workspace: plain JavaScript, no framework. Everything shown goes through textContent.
'use strict';

const API = '/admin/api';
const REASONS = { fallback: 'không hiểu', clarified: 'phải hỏi lại', low_confidence: 'kém chắc chắn', not_helpful: 'bị đánh giá chưa hữu ích' };
const STATUSES = { draft: 'Bản nháp', published: 'Đang dùng', superseded: 'Đã thay thế' };
const OUTCOMES = { answered: 'Trả lời được', clarified: 'Phải hỏi lại', fallback: 'Không hiểu', handover: 'Chuyển cán bộ' };
const HANDOVER_REASONS = { requested: 'người dân yêu cầu', unresolved: 'Trợ lý không giải quyết được' };
const DECISIONS = { answer: 'trả lời', clarify: 'hỏi lại (có phải ý Anh/Chị là…)', fallback: 'không hiểu' };

/** The logged-in session: user, permissions and the CSRF token sent with every change. */
let session = null;
let intents = [];
/** The key of the conversation whose history is open in the handover panel. */
let openHandover = null;

const $ = (id) => document.getElementById(id);
const can = (permission) => Boolean(session && session.permissions.includes(permission));

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

const dateTime = (iso) => (iso ? new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '');

function say(text) {
  $('status').textContent = text;
}

function showProblems(title, problems) {
  const box = $('problems');
  const list = $('problems-list');
  list.replaceChildren();
  if (!title) {
    box.hidden = true;
    return;
  }
  $('problems-title').textContent = title;
  for (const p of problems || []) {
    list.append(el('li', `${p.file}${p.line ? ':' + p.line : ''} — ${p.field || '(tệp)'}: ${p.message}`));
  }
  box.hidden = false;
}

/** Calls the API; the parsed body, or throws an Error carrying the server's Vietnamese message and problems. */
async function api(path, body) {
  const options = { credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    options.method = 'POST';
    options.headers['content-type'] = 'application/json';
    if (session) options.headers['X-CSRF-Token'] = session.csrfToken;
    options.body = JSON.stringify(body);
  }
  const response = await fetch(API + path, options);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(data.error || `Lỗi máy chủ (${response.status}).`);
    error.status = response.status;
    error.problems = data.problems;
    throw error;
  }
  return data;
}

/** Runs an action with a status message; shows the error (and its problems) when it fails. */
async function act(busy, work, button) {
  showProblems('');
  say(busy);
  if (button) button.disabled = true;
  try {
    const done = await work();
    if (done) say(done);
  } catch (error) {
    if (error.status === 401) return showLogin(error.message);
    say('');
    showProblems(error.message, error.problems);
  } finally {
    if (button) button.disabled = false;
  }
}

function showLogin(message) {
  session = null;
  $('workspace').hidden = true;
  $('who').hidden = true;
  $('login').hidden = false;
  say(message || '');
  $('username').focus();
}

async function start() {
  try {
    session = await api('/session');
  } catch {
    return showLogin('Vui lòng đăng nhập.');
  }
  $('login').hidden = true;
  $('workspace').hidden = false;
  $('who').hidden = false;
  $('who-name').textContent = `${session.user.displayName} (${session.user.roleLabel})`;
  for (const section of document.querySelectorAll('[data-permission]')) section.hidden = !can(section.dataset.permission);
  say(`Xin chào ${session.user.displayName}.`);
  if (can('draft.edit')) {
    intents = (await api('/content/intents').catch(() => ({ intents: [] }))).intents;
    await loadVersions();
  }
  if (can('handover.reply')) await loadHandovers();
  if (can('inbox.review')) await Promise.all([loadReview(), loadDashboard()]);
}

// ——— Citizens waiting for an officer ———

async function loadHandovers() {
  const { handovers } = await api('/handovers');
  $('handovers-list').replaceChildren(...handovers.map(handoverItem));
  $('handovers-empty').hidden = handovers.length > 0;
  if (openHandover && !handovers.some((h) => h.key === openHandover)) {
    openHandover = null;
    $('handover').hidden = true;
  }
}

function handoverItem(h) {
  const li = el('li', undefined, 'item');
  li.append(el('p', h.lastCitizenMessage || '(chưa có tin nhắn)', 'item__text'));
  li.append(el('p', `${h.key} · ${h.channel} · ${HANDOVER_REASONS[h.reason] || h.reason} · từ ${dateTime(h.openedAt)}`, 'item__meta'));
  const open = el('button', 'Xem cuộc trò chuyện');
  open.type = 'button';
  open.addEventListener('click', () => act('Đang tải lịch sử…', () => showHandover(h.key), open));
  li.append(open);
  return li;
}

const handoverPath = (key) => `/handovers/${encodeURIComponent(key)}`;

async function showHandover(key) {
  const { lines } = await api(`${handoverPath(key)}/history`);
  openHandover = key;
  $('handover-title').textContent = `Cuộc trò chuyện ${key}`;
  $('handover-history').replaceChildren(...lines.map((line) => el('li', `${dateTime(line.at)} — ${line.text}`)));
  $('handover').hidden = false;
  $('handover-title').focus();
  return `Đang hiển thị cuộc trò chuyện ${key}.`;
}

function replyToHandover(event) {
  event.preventDefault();
  const text = $('handover-text').value.trim();
  if (!openHandover) return;
  if (!text) return showProblems('Vui lòng nhập nội dung trả lời.');
  const key = openHandover;
  act('Đang gửi trả lời…', async () => {
    await api(`${handoverPath(key)}/reply`, { text });
    $('handover-text').value = '';
    await showHandover(key);
    return 'Đã gửi câu trả lời cho người dân.';
  }, event.submitter);
}

function releaseHandover(event) {
  if (!openHandover) return;
  const key = openHandover;
  act('Đang trả lại cho Trợ lý…', async () => {
    await api(`${handoverPath(key)}/release`, {});
    await loadHandovers();
    return 'Đã trả cuộc trò chuyện lại cho Trợ lý.';
  }, event.currentTarget);
}

// ——— Review ———

async function loadReview() {
  const { items } = await api('/review/items?status=new');
  const list = $('review-list');
  list.replaceChildren(...items.map(reviewItem));
  $('review-empty').hidden = items.length > 0;
}

function reviewItem(item) {
  const li = el('li', undefined, 'item');
  li.append(el('p', item.text, 'item__text'));
  const reasons = item.reasons.map((r) => REASONS[r] || r).join(', ');
  li.append(el('p', `${item.count} lần · ${item.channels.join(', ')} · ${reasons} · lần cuối ${dateTime(item.lastAt)}`, 'item__meta'));
  const id = `intent-${item.key.replace(/[^a-z0-9]/g, '-')}-${Math.random().toString(36).slice(2, 8)}`;
  const label = el('label', 'Ý định phù hợp');
  label.htmlFor = id;
  const select = el('select');
  select.id = id;
  const suggested = new Set(item.suggestedIntents.map((s) => s.intent));
  const ordered = [...intents.filter((i) => suggested.has(i.id)), ...intents.filter((i) => !suggested.has(i.id))];
  for (const intent of ordered) {
    const option = el('option', `${intent.title} (${intent.id})`);
    option.value = intent.id;
    select.append(option);
  }
  const path = `/review/items/${encodeURIComponent(item.key)}`;
  const buttons = el('div');
  const add = el('button', 'Thêm làm câu mẫu');
  add.type = 'button';
  add.addEventListener('click', () =>
    act('Đang thêm câu mẫu…', async () => {
      const { draft } = await api(`${path}/example`, { intent: select.value });
      await Promise.all([loadReview(), loadVersions()]);
      return `Đã thêm câu mẫu vào bản nháp phiên bản ${draft.id}. Bản nháp cần được xuất bản để có hiệu lực.`;
    }, add),
  );
  const ignore = el('button', 'Bỏ qua', 'secondary');
  ignore.type = 'button';
  ignore.addEventListener('click', () =>
    act('Đang cập nhật…', async () => {
      await api(`${path}/ignore`, {});
      await loadReview();
      return 'Đã bỏ qua câu hỏi.';
    }, ignore),
  );
  const outOfScope = el('button', 'Ngoài phạm vi', 'secondary');
  outOfScope.type = 'button';
  outOfScope.addEventListener('click', () =>
    act('Đang cập nhật…', async () => {
      const { draft } = await api(`${path}/out-of-scope`, {});
      await Promise.all([loadReview(), loadVersions()]);
      return `Đã đánh dấu ngoài phạm vi trong bản nháp phiên bản ${draft.id}.`;
    }, outOfScope),
  );
  if (can('draft.edit')) {
    li.append(label, select);
    buttons.append(add);
  }
  buttons.append(ignore);
  if (can('draft.edit')) buttons.append(outOfScope);
  li.append(buttons);
  return li;
}

// ——— Try a question ———

function bars(list, rows, max) {
  list.replaceChildren(
    ...rows.map(({ label, value, shown }) => {
      const li = el('li');
      const track = el('div', undefined, 'bar-track');
      const bar = el('div', undefined, 'bar');
      bar.style.width = `${max > 0 ? Math.round((value / max) * 100) : 0}%`;
      bar.setAttribute('aria-hidden', 'true');
      track.append(bar);
      li.append(el('span', label), track, el('span', shown));
      return li;
    }),
  );
}

async function tryQuestion(event) {
  event.preventDefault();
  const text = $('try-text').value.trim();
  if (!text) return showProblems('Vui lòng nhập câu hỏi cần thử.');
  await act('Đang thử câu hỏi…', async () => {
    const result = await api('/content/try', { text });
    $('try-version').textContent = result.version === null ? 'nội dung gốc' : String(result.version);
    const d = result.decision;
    $('try-decision').textContent = d ? `${DECISIONS[d.kind] || d.kind}${d.kind === 'answer' ? ' → ' + d.intent : ''}` : result.outcome;
    $('try-aspect').textContent = result.aspect || '—';
    bars($('try-ranked'), result.ranked.map((r) => ({ label: r.intent, value: r.score, shown: r.score.toFixed(3) })), 1);
    const replies = $('try-replies');
    replies.replaceChildren();
    for (const reply of result.replies) {
      const box = el('div', reply.text, 'reply');
      if (reply.choices && reply.choices.length > 0) box.append(el('p', 'Lựa chọn: ' + reply.choices.map((c) => c.title).join(' · ')));
      replies.append(box);
    }
    $('try-result').hidden = false;
    return 'Đã có kết quả thử.';
  }, event.submitter);
}

// ——— Versions ———

async function loadVersions() {
  const { versions } = await api('/content/history');
  const body = $('versions-list');
  body.replaceChildren(...versions.map(versionRow));
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
  const diff = el('button', 'Xem thay đổi', 'secondary');
  diff.type = 'button';
  diff.setAttribute('aria-label', `Xem thay đổi của phiên bản ${v.id}`);
  diff.addEventListener('click', () => act('Đang tải thay đổi…', () => showDiff(v.id), diff));
  actions.append(diff);
  if (v.status === 'draft' && can('content.publish')) {
    const publish = el('button', 'Xuất bản');
    publish.type = 'button';
    publish.setAttribute('aria-label', `Xuất bản phiên bản ${v.id}`);
    publish.addEventListener('click', () =>
      act(`Đang kiểm tra và xuất bản phiên bản ${v.id}… (có thể mất vài giây)`, async () => {
        await api('/content/publish', { version: v.id });
        await loadVersions();
        return `Đã xuất bản phiên bản ${v.id}. Người dân được trả lời theo phiên bản này từ bây giờ.`;
      }, publish),
    );
    actions.append(publish);
  }
  if (v.status === 'superseded' && can('content.rollback')) {
    const rollback = el('button', 'Khôi phục', 'secondary');
    rollback.type = 'button';
    rollback.setAttribute('aria-label', `Khôi phục phiên bản ${v.id}`);
    rollback.addEventListener('click', () => {
      if (!window.confirm(`Xuất bản lại nội dung của phiên bản ${v.id}?`)) return;
      act(`Đang khôi phục phiên bản ${v.id}…`, async () => {
        const { version } = await api('/content/rollback', { version: v.id });
        await loadVersions();
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

// ——— Dashboard ———

async function loadDashboard() {
  const d = await api('/dashboard');
  const numbers = $('dashboard-numbers');
  const number = (label, value) => {
    const box = el('div');
    box.append(el('dt', label), el('dd', value));
    return box;
  };
  numbers.replaceChildren(
    number('Tin nhắn', d.messages),
    number('Đánh giá hữu ích', d.ratings.helpful),
    number('Đánh giá chưa hữu ích', d.ratings.notHelpful),
    number('Thời gian trả lời (trung vị)', d.medianLatencyMs === null ? '—' : `${d.medianLatencyMs} ms`),
  );
  const percent = (x) => `${Math.round(x * 1000) / 10}%`;
  bars($('dashboard-shares'), Object.entries(d.shares).map(([k, v]) => ({ label: OUTCOMES[k] || k, value: v, shown: percent(v) })), 1);
  const days = new Map();
  for (const row of d.perDay) days.set(row.day, (days.get(row.day) || 0) + row.count);
  const dayRows = [...days].map(([day, count]) => ({ label: day, value: count, shown: count }));
  bars($('dashboard-days'), dayRows, Math.max(0, ...dayRows.map((r) => r.value)));
  const intentRows = d.topIntents.map((i) => ({ label: i.intent, value: i.count, shown: i.count }));
  bars($('dashboard-intents'), intentRows, Math.max(0, ...intentRows.map((r) => r.value)));
  const unanswered = d.topUnanswered.map((q) => ({ label: q.text, value: q.count, shown: q.count }));
  bars($('dashboard-unanswered'), unanswered, Math.max(0, ...unanswered.map((r) => r.value)));
}

// ——— Wiring ———

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const username = $('username').value.trim();
    const password = $('password').value;
    if (!username || !password) return showProblems('Vui lòng nhập tên đăng nhập và mật khẩu.');
    act('Đang đăng nhập…', async () => {
      await api('/login', { username, password });
      $('password').value = '';
      await start();
    }, event.submitter);
  });
  $('logout').addEventListener('click', () =>
    act('Đang đăng xuất…', async () => {
      await api('/logout', {});
      showLogin('Đã đăng xuất.');
    }),
  );
  $('try-form').addEventListener('submit', tryQuestion);
  $('handover-form').addEventListener('submit', replyToHandover);
  $('handover-release').addEventListener('click', releaseHandover);
  $('handovers-reload').addEventListener('click', (e) => act('Đang tải…', async () => (await loadHandovers(), 'Đã tải lại danh sách.'), e.currentTarget));
  $('review-reload').addEventListener('click', (e) => act('Đang tải…', async () => (await loadReview(), 'Đã tải lại danh sách.'), e.currentTarget));
  $('versions-reload').addEventListener('click', (e) => act('Đang tải…', async () => (await loadVersions(), 'Đã tải lại lịch sử.'), e.currentTarget));
  $('dashboard-reload').addEventListener('click', (e) => act('Đang tải…', async () => (await loadDashboard(), 'Đã tải lại số liệu.'), e.currentTarget));
  start();
});
