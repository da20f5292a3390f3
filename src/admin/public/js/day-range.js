// Calendar days in Vietnam (UTC+7, no daylight saving), as YYYY-MM-DD, the dashboard's ranges of them.

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
/** The longest range the dashboard draws, a year. */
export const MAX_DAYS = 366;

const toDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day) => Date.parse(`${day}T00:00:00Z`);

export const vietnamToday = () => toDay(Date.now() + VIETNAM_OFFSET_MS);

export const addDays = (day, n) => toDay(dayMs(day) + n * DAY_MS);

/** Every day from `from` to `to`, both included. */
export function daysBetween(from, to) {
  const days = [];
  for (let ms = dayMs(from); ms <= dayMs(to); ms += DAY_MS) days.push(toDay(ms));
  return days;
}

/** The ranges behind the quick-choice buttons, each ending today. */
export function presetRange(preset) {
  const today = vietnamToday();
  if (preset === 'month') return { from: `${today.slice(0, 8)}01`, to: today };
  return { from: addDays(today, -(Number(preset) - 1)), to: today };
}

/** What is wrong with a range, in Vietnamese, or '' when it is fine. */
export function rangeProblem(from, to) {
  const valid = (day) => /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(dayMs(day));
  if (!valid(from) || !valid(to)) return 'Vui lòng chọn đủ ngày bắt đầu và ngày kết thúc hợp lệ.';
  if (from > to) return 'Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.';
  if ((dayMs(to) - dayMs(from)) / DAY_MS + 1 > MAX_DAYS) return `Khoảng thời gian dài tối đa ${MAX_DAYS} ngày.`;
  return '';
}

/** 01/07 */
export const shortDay = (day) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
/** 01/07/2025 */
export const longDay = (day) => `${shortDay(day)}/${day.slice(0, 4)}`;
