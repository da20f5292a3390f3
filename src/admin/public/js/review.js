// What citizens asked that the bot could not answer: add as an example, ignore, or mark out of scope.
import { act, announceDraftChanged, api, can } from './api.js';
import { knownIntents } from './content-intents.js';
import { $, button, dateTime, el, percent } from './page.js';

/** Below this mean score a suggestion is weak: adding it as an example asks for confirmation. */
const LOW_SCORE = 0.5;

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
  // The server's suggestions first, in its score order (best first, pre-selected), then every other intent.
  const intents = knownIntents();
  const titles = new Map(intents.map((i) => [i.id, i.title]));
  const suggestions = item.suggestedIntents.filter((s) => titles.has(s.intent));
  const scores = new Map(suggestions.map((s) => [s.intent, s.score]));
  const ordered = [...suggestions.map((s) => ({ id: s.intent, title: titles.get(s.intent) })), ...intents.filter((i) => !scores.has(i.id))];
  if (suggestions.length === 0) select.append(Object.assign(el('option', '— Chọn ý định —'), { value: '' }));
  for (const intent of ordered) {
    const score = scores.get(intent.id);
    const option = el('option', `${intent.title} (${intent.id})${score === undefined ? '' : ` — gợi ý ${percent(score)}`}`);
    option.value = intent.id;
    select.append(option);
  }
  const path = `/review/items/${encodeURIComponent(item.key)}`;
  const buttons = el('div');
  const add = button('Thêm làm câu mẫu');
  add.addEventListener('click', () => {
    if (!select.value) return act('', async () => Promise.reject(new Error('Hãy chọn ý định phù hợp trước.')), add);
    // A weak suggestion, or no suggestion picked: one quick click must not add a wrong example.
    const score = scores.get(select.value);
    if ((score === undefined || score < LOW_SCORE) && !window.confirm(`Thêm "${item.text}" làm câu mẫu của "${titles.get(select.value)}"? Trợ lý ${score === undefined ? 'không gợi ý ý định này' : `chỉ chắc ${percent(score)}`}.`)) return;
    return act('Đang thêm câu mẫu…', async () => {
      const { draft } = await api(`${path}/example`, { intent: select.value });
      announceDraftChanged();
      await load();
      return `Đã thêm câu mẫu vào bản nháp phiên bản ${draft.id}. Bản nháp cần được xuất bản để có hiệu lực.`;
    }, add);
  });
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
