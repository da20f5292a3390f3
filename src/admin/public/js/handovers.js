// Citizens waiting for an officer: read the history, reply through their channel, release.
import { act, api } from './api.js';
import { $, button, dateTime, el, showProblems } from './page.js';

const HANDOVER_REASONS = { requested: 'người dân yêu cầu', unresolved: 'Trợ lý không giải quyết được' };

/** The key of the conversation whose history is open in the handover panel. */
let openHandover = null;

const handoverPath = (key) => `/handovers/${encodeURIComponent(key)}`;

async function load() {
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
  const open = button('Xem cuộc trò chuyện');
  open.addEventListener('click', () => act('Đang tải lịch sử…', () => showHandover(h.key), open));
  li.append(open);
  return li;
}

async function showHandover(key) {
  const { lines } = await api(`${handoverPath(key)}/history`);
  openHandover = key;
  $('handover-title').textContent = `Cuộc trò chuyện ${key}`;
  $('handover-history').replaceChildren(...lines.map((line) => el('li', `${dateTime(line.at)} — ${line.text}`)));
  $('handover').hidden = false;
  $('handover-title').focus();
  return `Đang hiển thị cuộc trò chuyện ${key}.`;
}

function reply(event) {
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

function release(event) {
  if (!openHandover) return;
  const key = openHandover;
  act('Đang trả lại cho Trợ lý…', async () => {
    await api(`${handoverPath(key)}/release`, {});
    await load();
    return 'Đã trả cuộc trò chuyện lại cho Trợ lý.';
  }, event.currentTarget);
}

function init() {
  $('handover-form').addEventListener('submit', reply);
  $('handover-release').addEventListener('click', release);
}

export const handoversScreen = { section: 'handovers', init, load, reloadMessage: 'Đã tải lại danh sách.' };
