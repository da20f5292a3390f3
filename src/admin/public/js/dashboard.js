// How the bot is doing over a range of days: messages per day by channel, outcome shares, top
// intents and unanswered questions, ratings and the median response time, as accessible SVG charts.
import { act, api } from './api.js';
import { chartFigure, dataTable, legend, noData } from './chart-figure.js';
import { knownIntents } from './content-intents.js';
import { daysBetween, longDay, presetRange, rangeProblem, shortDay } from './day-range.js';
import { $, el, percent } from './page.js';
import { SERIES_COLORS, horizontalBars, stackedColumns } from './svg-charts.js';

const OUTCOMES = { answered: 'Trả lời được', clarified: 'Phải hỏi lại', fallback: 'Không hiểu', handover: 'Chuyển cán bộ' };
const CHANNELS = { web: 'Web', telegram: 'Telegram', zalo: 'Zalo', console: 'Dòng lệnh' };
const NO_DATA = 'Không có dữ liệu trong khoảng thời gian này.';

const channelName = (channel) => CHANNELS[channel] || channel;
const sum = (values) => values.reduce((a, b) => a + b, 0);

function dayCell(value) {
  const time = el('time', longDay(value));
  time.dateTime = value;
  return time;
}

/** The chosen range, or null after showing (next to the inputs) what is wrong with it. */
function checkedRange() {
  const from = $('dashboard-from').value;
  const to = $('dashboard-to').value;
  const problem = rangeProblem(from, to);
  const error = $('dashboard-range-error');
  error.textContent = problem;
  error.hidden = !problem;
  for (const input of [$('dashboard-from'), $('dashboard-to')]) {
    if (problem) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  return problem ? null : { from, to };
}

async function load() {
  const range = checkedRange();
  if (!range) return;
  const d = await api(`/dashboard?from=${range.from}&to=${range.to}`);
  const days = daysBetween(range.from, range.to);
  $('dashboard-period').textContent = `Số liệu từ ${longDay(range.from)} đến ${longDay(range.to)} (${days.length} ngày).`;
  showNumbers(d);
  showDays(d, days);
  showShares(d);
  showIntents(d);
  showUnanswered(d);
  showRatings(d);
}

function showNumbers(d) {
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
}

/** Messages per day stacked by channel; a day without messages is a zero column and a zero row. */
function showDays(d, days) {
  const counts = new Map();
  const channelTotals = new Map();
  for (const row of d.perDay) {
    counts.set(`${row.day} ${row.channel}`, row.count);
    channelTotals.set(row.channel, (channelTotals.get(row.channel) || 0) + row.count);
  }
  const channels = [...channelTotals.keys()].sort((a, b) => channelTotals.get(b) - channelTotals.get(a) || a.localeCompare(b));
  const colors = channels.map((_, i) => SERIES_COLORS[i % SERIES_COLORS.length]);
  const perDay = days.map((day) => ({ day, values: channels.map((c) => counts.get(`${day} ${c}`) || 0) }));
  const total = sum(perDay.map((p) => sum(p.values)));
  const busiest = perDay.reduce((best, p) => (sum(p.values) > sum(best.values) ? p : best), perDay[0]);
  const summary =
    `Biểu đồ cột chồng: số tin nhắn mỗi ngày theo kênh, ${days.length} ngày từ ${longDay(days[0])} đến ${longDay(days.at(-1))}. ` +
    `Tổng ${total} tin nhắn` +
    (total > 0 ? `; nhiều nhất ${sum(busiest.values)} tin nhắn vào ngày ${longDay(busiest.day)}` : '') +
    '. Số liệu từng ngày ở bảng bên dưới.';
  const columns = perDay.map(({ day, values }) => {
    const parts = channels.map((c, i) => `${channelName(c)} ${values[i]}`).join(', ');
    return { label: shortDay(day), title: `${longDay(day)}: ${sum(values)} tin nhắn${parts ? ` (${parts})` : ''}`, values };
  });
  chartFigure($('dashboard-days'), {
    chart: stackedColumns({ summary, columns, colors }),
    legend: channels.length > 0 ? legend(channels.map((c, i) => ({ label: channelName(c), color: colors[i] }))) : undefined,
    table: dataTable({
      caption: 'Số tin nhắn mỗi ngày theo kênh',
      head: ['Ngày', ...channels.map(channelName), 'Tổng'],
      rows: perDay.map(({ day, values }) => [dayCell(day), ...values, sum(values)]),
      foot: ['Tổng cộng', ...channels.map((c) => channelTotals.get(c)), total],
    }),
  });
}

function showShares(d) {
  if (d.messages === 0) return noData($('dashboard-shares'), NO_DATA);
  const rows = Object.entries(OUTCOMES).map(([outcome, label]) => ({
    label,
    value: d.shares[outcome] || 0,
    count: d.outcomes[outcome] || 0,
  }));
  const shown = (r) => `${percent(r.value)} (${r.count})`;
  chartFigure($('dashboard-shares'), {
    chart: horizontalBars({
      summary: `Tỉ lệ theo kết quả trên ${d.messages} tin nhắn: ${rows.map((r) => `${r.label} ${percent(r.value)}`).join(', ')}.`,
      rows: rows.map((r) => ({ label: r.label, value: r.value, shown: shown(r) })),
      max: 1,
    }),
    table: dataTable({
      caption: 'Số tin nhắn và tỉ lệ theo kết quả',
      head: ['Kết quả', 'Số tin nhắn', 'Tỉ lệ'],
      rows: rows.map((r) => [r.label, r.count, percent(r.value)]),
    }),
  });
}

/** Bars with their table: `rows` [{ label, count, cells }] where cells are the table row after the label. */
function countBars(container, { summaryTitle, caption, head, rows }) {
  if (rows.length === 0) return noData(container, NO_DATA);
  chartFigure(container, {
    chart: horizontalBars({
      summary: `${summaryTitle}: ${rows.map((r) => `${r.label} ${r.count}`).join('; ')}.`,
      rows: rows.map((r) => ({ label: r.label, value: r.count, shown: r.count })),
      max: Math.max(...rows.map((r) => r.count)),
    }),
    table: dataTable({ caption, head, rows: rows.map((r) => [r.label, ...r.cells]) }),
  });
}

function showIntents(d) {
  const titles = new Map(knownIntents().map((i) => [i.id, i.title]));
  countBars($('dashboard-intents'), {
    summaryTitle: 'Ý định được hỏi nhiều nhất',
    caption: 'Số lượt trả lời theo ý định',
    head: ['Ý định', 'Mã', 'Số lượt'],
    rows: d.topIntents.map((i) => ({ label: titles.get(i.intent) || i.intent, count: i.count, cells: [i.intent, i.count] })),
  });
}

function showUnanswered(d) {
  countBars($('dashboard-unanswered'), {
    summaryTitle: 'Câu chưa trả lời được nhiều nhất',
    caption: 'Số lần hỏi theo câu chưa trả lời được',
    head: ['Câu hỏi', 'Số lần'],
    rows: d.topUnanswered.map((q) => ({ label: q.text, count: q.count, cells: [q.count] })),
  });
}

function showRatings(d) {
  const { helpful, notHelpful } = d.ratings;
  const total = helpful + notHelpful;
  if (total === 0) return noData($('dashboard-ratings'), 'Chưa có đánh giá nào trong khoảng thời gian này.');
  const rows = [
    { label: 'Hữu ích', count: helpful },
    { label: 'Chưa hữu ích', count: notHelpful },
  ];
  chartFigure($('dashboard-ratings'), {
    chart: horizontalBars({
      summary: `Đánh giá của người dân: ${helpful} hữu ích (${percent(helpful / total)}), ${notHelpful} chưa hữu ích (${percent(notHelpful / total)}).`,
      rows: rows.map((r) => ({ label: r.label, value: r.count, shown: `${r.count} (${percent(r.count / total)})` })),
      max: total,
    }),
    table: dataTable({
      caption: 'Số lượt đánh giá',
      head: ['Đánh giá', 'Số lượt', 'Tỉ lệ'],
      rows: rows.map((r) => [r.label, r.count, percent(r.count / total)]),
    }),
  });
}

function show(control) {
  const range = checkedRange();
  if (!range) return;
  act('Đang tải số liệu…', async () => (await load(), `Đã tải số liệu từ ${longDay(range.from)} đến ${longDay(range.to)}.`), control);
}

function choose(preset) {
  const { from, to } = presetRange(preset);
  $('dashboard-from').value = from;
  $('dashboard-to').value = to;
}

function init() {
  choose('30');
  $('dashboard-range').addEventListener('submit', (event) => {
    event.preventDefault();
    show(event.submitter);
  });
  for (const preset of document.querySelectorAll('#dashboard-range [data-preset]')) {
    preset.addEventListener('click', () => {
      choose(preset.dataset.preset);
      show(preset);
    });
  }
}

export const dashboardScreen = { section: 'dashboard', init, load };
