// The audit log: who changed what and when, with before and after in words, newest first, paged.
import { act, api } from './api.js';
import { $, dateTime, el } from './page.js';
import { ROLE_LABELS } from './roles.js';

const PAGE = 50;

const ACTIONS = {
  'user.create': 'Tạo tài khoản',
  'user.update': 'Sửa tài khoản',
  'user.password_reset': 'Đặt lại mật khẩu',
  'session.login': 'Đăng nhập',
  'session.logout': 'Đăng xuất',
  'review.example': 'Thêm câu mẫu từ câu hỏi chưa trả lời được',
  'review.out_of_scope': 'Đánh dấu câu hỏi ngoài phạm vi',
  'review.ignore': 'Bỏ qua câu hỏi',
  'content.publish': 'Xuất bản phiên bản nội dung',
  'content.rollback': 'Khôi phục phiên bản nội dung',
  'content.edit': 'Sửa nội dung (bản nháp)',
  'content.create': 'Tạo tài liệu nội dung (bản nháp)',
  'content.delete': 'Xóa tài liệu nội dung (bản nháp)',
  'spreadsheet.import': 'Nhập bảng tính vào bản nháp',
  'handover.reply': 'Trả lời người dân',
  'handover.release': 'Trả cuộc trò chuyện lại cho Trợ lý',
};

const FIELDS = {
  username: 'Tên đăng nhập',
  displayName: 'Họ tên',
  role: 'Vai trò',
  disabled: 'Bị khóa',
  createdAt: 'Bắt đầu',
  expiresAt: 'Hết hạn',
  sessionsEnded: 'Số phiên đăng nhập đã kết thúc',
  status: 'Trạng thái',
  intent: 'Ý định',
  version: 'Phiên bản',
  live: 'Phiên bản đang dùng',
  waiting: 'Đang chờ cán bộ',
  length: 'Độ dài câu trả lời (ký tự)',
};

const STATUSES = { new: 'mới', done: 'đã xử lý', ignored: 'đã bỏ qua' };

/** Names of the system's own changes (usernames cannot start with "@"). */
const SYSTEM = { '@cli': 'Hệ thống (dòng lệnh)', '@startup': 'Hệ thống (khi khởi động)' };

/** The oldest entry shown, for the "older" page. */
let oldestId = null;

/** Content field names in Vietnamese ("le_phi" → "Lệ phí"), from the server once; none if it cannot say. */
let contentLabels = null;

async function load() {
  contentLabels = contentLabels ?? (await api('/documents/labels').then((r) => r.labels, () => ({})));
  const { entries } = await api(`/audit?limit=${PAGE}`);
  $('audit-list').replaceChildren(...entries.map(auditItem));
  $('audit-empty').hidden = entries.length > 0;
  showOlderButton(entries);
}

async function loadOlder() {
  const { entries } = await api(`/audit?limit=${PAGE}&before=${oldestId}`);
  $('audit-list').append(...entries.map(auditItem));
  showOlderButton(entries);
  return entries.length === 0 ? 'Không còn thay đổi nào cũ hơn.' : `Đã tải thêm ${entries.length} thay đổi cũ hơn.`;
}

function showOlderButton(entries) {
  if (entries.length > 0) oldestId = entries.at(-1).id;
  $('audit-older').hidden = entries.length < PAGE;
}

function auditItem(entry) {
  const li = el('li', undefined, 'item');
  li.append(el('p', `${ACTIONS[entry.action] || entry.action}: ${entry.target}`, 'item__text'));
  const meta = el('p', undefined, 'item__meta');
  const when = el('time', dateTime(entry.at));
  when.dateTime = entry.at;
  meta.append(`${SYSTEM[entry.user] || entry.user} · `, when);
  li.append(meta);
  const changes = describeChanges(entry.before, entry.after);
  if (changes.length > 0) {
    const list = el('ul', undefined, 'changes');
    list.append(...changes.map((text) => el('li', text)));
    li.append(list);
  }
  return li;
}

/** Lines shown per entry and characters per value: a whole document edited must not flood the page. */
const MAX_LINES = 12;
const MAX_VALUE = 160;

/**
 * One line per changed field: "Vai trò: Biên tập viên → Người xuất bản"; nested objects (a content
 * document) by path, only what changed ("aspects.le_phi.text: … → …"); "Vai trò: …" for a new or removed object.
 */
function describeChanges(before, after) {
  let lines;
  if (before && after) {
    const was = flatten(before);
    const now = flatten(after);
    const keys = [...new Set([...was.keys(), ...now.keys()])];
    lines = keys
      .filter((key) => JSON.stringify(was.get(key)) !== JSON.stringify(now.get(key)))
      .map((key) => `${field(key)}: ${value(key, was.get(key))} → ${value(key, now.get(key))}`);
  } else {
    const only = after || before || {};
    const prefix = after ? '' : '(trước) ';
    lines = [...flatten(only)].map(([key, v]) => `${prefix}${field(key)}: ${value(key, v)}`);
  }
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `… và ${lines.length - MAX_LINES} thay đổi khác`] : lines;
}

/** Leaf values by dotted path ("aspects.le_phi.text"); a list of plain values stays one value. */
function flatten(object, prefix = '', into = new Map()) {
  for (const [key, v] of Object.entries(object)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (v && typeof v === 'object' && !(Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object'))) flatten(v, path, into);
    else into.set(path, v);
  }
  return into;
}

/** A changed field in words: "value.aspects.le_phi.unknown" → "Các khía cạnh › Lệ phí › Chưa kiểm chứng được". */
function field(key) {
  if (FIELDS[key]) return FIELDS[key];
  const steps = key.split('.');
  if (steps[0] === 'value') steps.shift();
  if (steps[0] === 'version' && steps.length === 1) return 'Phiên bản';
  return steps.map((s) => (/^\d+$/.test(s) ? `mục ${Number(s) + 1}` : contentLabels?.[s] || FIELDS[s] || s)).join(' › ');
}

function value(key, v) {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  if (key === 'role') return ROLE_LABELS[v] || v;
  if (key === 'status') return STATUSES[v] || v;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return dateTime(v);
  const text = Array.isArray(v) ? v.join('; ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

function init() {
  $('audit-older').addEventListener('click', (e) => act('Đang tải các thay đổi cũ hơn…', loadOlder, e.currentTarget));
}

export const auditScreen = { section: 'audit', init, load, reloadMessage: 'Đã tải lại nhật ký.' };
