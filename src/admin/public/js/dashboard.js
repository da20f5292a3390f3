// How the bot is doing: messages, outcomes, top intents and questions, ratings, response time.
import { api } from './api.js';
import { $, bars, el, percent } from './page.js';

const OUTCOMES = { answered: 'Trả lời được', clarified: 'Phải hỏi lại', fallback: 'Không hiểu', handover: 'Chuyển cán bộ' };

async function load() {
  const d = await api('/dashboard');
  const number = (label, value) => {
    const box = el('div');
    box.append(el('dt', label), el('dd', value));
    return box;
  };
  $('dashboard-numbers').replaceChildren(
    number('Tin nhắn', d.messages),
    number('Đánh giá hữu ích', d.ratings.helpful),
    number('Đánh giá chưa hữu ích', d.ratings.notHelpful),
    number('Thời gian trả lời (trung vị)', d.medianLatencyMs === null ? '—' : `${d.medianLatencyMs} ms`),
  );
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

export const dashboardScreen = { section: 'dashboard', init() {}, load, reloadMessage: 'Đã tải lại số liệu.' };
