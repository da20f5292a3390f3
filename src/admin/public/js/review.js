// What citizens asked that the bot could not answer: add as an example, ignore, or mark out of scope.
import { act, announceDraftChanged, api, can } from './api.js';
import { knownIntents } from './content-intents.js';
import { $, button, dateTime, el } from './page.js';

const REASONS = { fallback: 'không hiểu', clarified: 'phải hỏi lại', low_confidence: 'kém chắc chắn', not_helpful: 'bị đánh giá chưa hữu ích' };

async function load() {
  const { items } = await api('/review/items?status=new');
  $('review-list').replaceChildren(...items.map(reviewItem));
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
  const intents = knownIntents();
  const ordered = [...intents.filter((i) => suggested.has(i.id)), ...intents.filter((i) => !suggested.has(i.id))];
  for (const intent of ordered) {
    const option = el('option', `${intent.title} (${intent.id})`);
    option.value = intent.id;
    select.append(option);
  }
  const path = `/review/items/${encodeURIComponent(item.key)}`;
  const buttons = el('div');
  const add = button('Thêm làm câu mẫu');
  add.addEventListener('click', () =>
    act('Đang thêm câu mẫu…', async () => {
      const { draft } = await api(`${path}/example`, { intent: select.value });
      announceDraftChanged();
      await load();
      return `Đã thêm câu mẫu vào bản nháp phiên bản ${draft.id}. Bản nháp cần được xuất bản để có hiệu lực.`;
    }, add),
  );
  const ignore = button('Bỏ qua', 'secondary');
  ignore.addEventListener('click', () =>
    act('Đang cập nhật…', async () => {
      await api(`${path}/ignore`, {});
      await load();
      return 'Đã bỏ qua câu hỏi.';
    }, ignore),
  );
  const outOfScope = button('Ngoài phạm vi', 'secondary');
  outOfScope.addEventListener('click', () =>
    act('Đang cập nhật…', async () => {
      const { draft } = await api(`${path}/out-of-scope`, {});
      announceDraftChanged();
      await load();
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

export const reviewScreen = { section: 'review', init() {}, load, reloadMessage: 'Đã tải lại danh sách.' };
