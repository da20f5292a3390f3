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

async function load() {
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

/** One line per field: "Vai trò: Biên tập viên → Người xuất bản" for a change, "Vai trò: …" for a new or removed object. */
function describeChanges(before, after) {
  if (before && after) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      .map((key) => `${field(key)}: ${value(key, before[key])} → ${value(key, after[key])}`);
  }
  const only = after || before || {};
  const prefix = after ? '' : '(trước) ';
  return Object.entries(only).map(([key, v]) => `${prefix}${field(key)}: ${value(key, v)}`);
}

const field = (key) => FIELDS[key] || key;

function value(key, v) {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  if (key === 'role') return ROLE_LABELS[v] || v;
  if (key === 'status') return STATUSES[v] || v;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return dateTime(v);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function init() {
  $('audit-older').addEventListener('click', (e) => act('Đang tải các thay đổi cũ hơn…', loadOlder, e.currentTarget));
}

export const auditScreen = { section: 'audit', init, load, reloadMessage: 'Đã tải lại nhật ký.' };
