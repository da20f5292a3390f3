import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { foldQuestion } from '../../src/admin/review/fold-question.js';
import { SqlTurnLog } from '../../src/store/turn-log-store.js';
import { vietnamDay, vietnamDayStart } from '../../src/admin/review/vietnam-day.js';
import type { RunningServer } from '../../src/server/app-server.js';
import { eventually, openWorkspaceBrowser } from '../support/workspace-browser.js';
import { logInToWorkspace } from '../support/workspace-login.js';

/**
 * The accounts, audit log and dashboard screens in a real headless Chromium against a real server
 * whose turn log holds messages of several channels on a few of the last days.
 */
const ADMIN = { username: 'quantri', password: 'mat-khau-rat-dai-123' };
const EDITOR = { username: 'bientap.lan', displayName: 'Trần Thị Lan', first: 'Dong-lua-chin-vang-19', second: 'Song-Da-chay-mai-2025' };
const DAY_MS = 86_400_000;
const today = vietnamDay(new Date());
const daysAgo = (n: number): string => vietnamDay(new Date(vietnamDayStart(today).getTime() - n * DAY_MS + 12 * 3_600_000));

let running: RunningServer;
let context: BrowserContext;
let stop: () => Promise<void>;
const problems: string[] = [];

/** Turns on three of the last ten days (none on the others), over three channels. */
async function seedTurns(path: string): Promise<void> {
  const turnLog = await SqlTurnLog.open({ sqliteFile: path });
  const turn = async (ago: number, channel: string, outcome: 'answered' | 'fallback', text: string) => {
    const at = new Date(vietnamDayStart(daysAgo(ago)).getTime() + 10 * 3_600_000);
    await turnLog.record({
      at,
      channel,
      conversationKey: `${channel}:${ago}`,
      text,
      folded: foldQuestion(text),
      outcome,
      ...(outcome === 'answered' ? { intent: 'thu_tuc.can_cuoc' } : {}),
      topIntents: [{ intent: 'thu_tuc.can_cuoc', score: outcome === 'answered' ? 0.9 : 0.2 }],
      latencyMs: 12,
    });
  };
  try {
    for (let i = 0; i < 3; i += 1) await turn(1, 'web', 'answered', 'làm căn cước ở đâu');
    await turn(1, 'telegram', 'fallback', 'giá vàng hôm nay');
    await turn(4, 'zalo', 'answered', 'làm căn cước mất bao lâu');
    await turn(4, 'zalo', 'fallback', 'giá vàng hôm nay');
    await turn(8, 'web', 'answered', 'căn cước cho trẻ em');
  } finally {
    await turnLog.close();
  }
}

beforeAll(async () => {
  ({ running, context, stop } = await openWorkspaceBrowser({ admin: ADMIN, name: 'accounts-dashboard', webChat: true, seed: (dataDir) => seedTurns(join(dataDir, 'bot.sqlite')) }));
});

afterAll(() => stop?.());

/** Errors in the page, except the 401s of the session check when logged out and of refused requests the page shows. */
function watch(page: Page): Page {
  page.on('console', (m) => m.type() === 'error' && !/status of 40[19]/.test(m.text()) && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return page;
}


it('an administrator creates an editor account and sets its password; the editor logs in without the accounts screen', { timeout: 90_000 }, async () => {
  const admin = watch(await context.newPage());
  await admin.goto(`${running.url}/admin`);
  await logInToWorkspace(admin, ADMIN.username, ADMIN.password);
  await admin.getByRole('link', { name: 'Tài khoản' }).click();
  const users = admin.locator('#users-list tr');
  await eventually(() => users.count()).toBe(1);

  const form = admin.locator('#user-form');
  await form.getByLabel('Tên đăng nhập').fill(EDITOR.username);
  await form.getByLabel('Họ tên').fill(EDITOR.displayName);
  await form.getByLabel('Vai trò').selectOption({ label: 'Biên tập viên' });
  await form.getByLabel('Mật khẩu').fill('ngan');
  expect(await admin.locator('#user-password-hint').textContent()).toBe('Còn thiếu 6 ký tự (tối thiểu 10).');
  await form.getByLabel('Mật khẩu').fill(EDITOR.first);
  expect(await admin.locator('#user-password-hint').textContent()).toMatch(/^Độ mạnh: (khá|mạnh)/);
  await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
  // The result shows next to the button pressed, and focus moves to it.
  await eventually(() => form.locator('.feedback').textContent()).toBe(`Đã tạo tài khoản ${EDITOR.username} (Biên tập viên).`);
  expect(await form.locator('.feedback:focus').count()).toBe(1);
  await eventually(() => users.count()).toBe(2);
  const row = users.filter({ hasText: EDITOR.username });
  expect(await row.locator('td').nth(0).textContent()).toBe(EDITOR.displayName);
  expect(await row.getByLabel(`Vai trò của ${EDITOR.username}`, { exact: true }).inputValue()).toBe('editor');
  expect(await row.locator('td').nth(3).textContent()).toBe('Đang hoạt động');

  // The API refuses an administrator demoting themselves; the page says why.
  const self = users.filter({ hasText: ADMIN.username });
  await self.getByLabel(`Vai trò của ${ADMIN.username}`, { exact: true }).selectOption('editor');
  await self.getByRole('button', { name: `Đổi vai trò của ${ADMIN.username}` }).click();
  await eventually(() => self.locator('.feedback').textContent()).toContain('Không thể tự đổi vai trò hoặc tự khóa tài khoản của chính mình.');
  expect(await self.getByLabel(`Vai trò của ${ADMIN.username}`, { exact: true }).inputValue()).toBe('admin');

  await row.getByRole('button', { name: `Đặt lại mật khẩu cho ${EDITOR.username}` }).click();
  await eventually(() => admin.locator('#reset-password:focus').count()).toBe(1);
  await admin.locator('#reset-password').fill(EDITOR.second);
  await admin.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
  await eventually(() => admin.locator('#status').textContent()).toContain(`Đã đặt mật khẩu mới cho ${EDITOR.username}`);
  expect(await admin.locator('#reset-form').isHidden()).toBe(true);

  await admin.getByRole('link', { name: 'Nhật ký thay đổi' }).click();
  await admin.locator('#audit-reload').click();
  const reset = admin.locator('#audit-list li.item').first();
  await eventually(() => reset.locator('.item__text').textContent()).toBe(`Đặt lại mật khẩu: ${EDITOR.username}`);
  expect(await reset.locator('.changes').textContent()).toBe('Số phiên đăng nhập đã kết thúc: 0');
  const created = admin.locator('#audit-list li.item').filter({ hasText: `Tạo tài khoản: ${EDITOR.username}` });
  expect(await created.locator('.item__meta').textContent()).toContain(ADMIN.username);
  expect(await created.locator('.changes li').allTextContents()).toEqual([
    `Tên đăng nhập: ${EDITOR.username}`,
    `Họ tên: ${EDITOR.displayName}`,
    'Vai trò: Biên tập viên',
    'Bị khóa: không',
  ]);
  expect(await admin.locator('#audit-list').textContent()).not.toContain(EDITOR.second);
  await admin.getByRole('button', { name: 'Đăng xuất' }).click();
  await eventually(() => admin.locator('#login').isVisible()).toBe(true);

  const editor = admin;
  const login = editor.locator('#login-form');
  await login.getByLabel('Tên đăng nhập').fill(EDITOR.username);
  await login.getByLabel('Mật khẩu').fill(EDITOR.first);
  await login.getByRole('button', { name: 'Đăng nhập' }).click();
  await eventually(() => editor.locator('#status').textContent()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
  await logInToWorkspace(editor, EDITOR.username, EDITOR.second);
  expect(await editor.locator('#who-name').textContent()).toBe(`${EDITOR.displayName} (Biên tập viên)`);
  expect(await editor.locator('#users').isHidden()).toBe(true);
  expect(await editor.locator('#audit').isHidden()).toBe(true);
  expect(await editor.getByRole('link', { name: 'Tài khoản' }).isHidden()).toBe(true);
  expect(await editor.getByRole('link', { name: 'Nhật ký thay đổi' }).isHidden()).toBe(true);
  expect(await editor.getByRole('link', { name: 'Tổng quan' }).isVisible()).toBe(true);
  expect(problems).toEqual([]);
});

interface Dashboard {
  perDay: { day: string; channel: string; count: number }[];
  messages: number;
}

it('draws the dashboard over a chosen range, every day a column, with a data table of the API figures, on a phone', { timeout: 60_000 }, async () => {
  const page = watch(await context.newPage());
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${running.url}/admin#dashboard`);
  // The editor is still logged in from the first test in this browser.
  await eventually(() => page.locator('#dashboard-days svg.chart').count()).toBe(1);
  // By default the last 30 days.
  expect(await page.locator('#dashboard-days g.chart__column').count()).toBe(30);
  expect(await page.getByLabel('Đến ngày').inputValue()).toBe(today);

  const from = daysAgo(9);
  await page.getByLabel('Từ ngày').fill(from);
  await page.getByLabel('Đến ngày').fill(today);
  await page.getByRole('button', { name: 'Xem số liệu' }).click();
  await eventually(() => page.locator('#dashboard-days g.chart__column').count()).toBe(10);

  const chart = page.locator('#dashboard-days svg.chart');
  expect(await chart.getAttribute('role')).toBe('img');
  expect(await chart.getAttribute('aria-label')).toContain('10 ngày');
  expect(await chart.getAttribute('aria-label')).toContain('Tổng 7 tin nhắn; nhiều nhất 4 tin nhắn');
  expect(await chart.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
  expect(await page.locator('#dashboard-days .legend li').allTextContents()).toEqual(['Web', 'Zalo', 'Telegram']);

  const api = (await (await page.request.get(`${running.url}/admin/api/dashboard?from=${from}&to=${today}`)).json()) as Dashboard;
  expect(api.messages).toBe(7);
  const table = page.locator('#dashboard-days table');
  expect(await table.locator('thead th').allTextContents()).toEqual(['Ngày', 'Web', 'Zalo', 'Telegram', 'Tổng']);
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBe(10);
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('time')?.getAttribute('datetime') ?? '', ...[...tr.querySelectorAll('td')].map((td) => Number(td.textContent))]),
  );
  const count = (day: string, channel: string): number => api.perDay.find((r) => r.day === day && r.channel === channel)?.count ?? 0;
  const expected = Array.from({ length: 10 }, (_, i) => daysAgo(9 - i)).map((day) => {
    const counts = ['web', 'zalo', 'telegram'].map((channel) => count(day, channel));
    return [day, ...counts, counts.reduce((a, b) => a + b, 0)];
  });
  expect(shown).toEqual(expected);
  // Days without messages are zero rows; the seeded ones are there.
  expect(shown.filter((r) => r[4] === 0)).toHaveLength(7);
  expect(shown.find((r) => r[0] === daysAgo(1))).toEqual([daysAgo(1), 3, 0, 1, 4]);

  // The table is in the page for screen readers, and shown on demand.
  const toggle = page.locator('#dashboard-days').getByRole('button', { name: 'Hiện bảng số liệu' });
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  await toggle.click();
  expect(await page.locator('#dashboard-days').getByRole('button', { name: 'Ẩn bảng số liệu' }).getAttribute('aria-expanded')).toBe('true');
  expect(await table.isVisible()).toBe(true);
  expect(await table.evaluate((t) => t.getBoundingClientRect().width)).toBeGreaterThan(100);

  expect(await page.locator('#dashboard-unanswered table tbody tr').first().textContent()).toBe('giá vàng hôm nay2');
  expect(await page.locator('#dashboard-shares svg').getAttribute('aria-label')).toContain('Trả lời được 71.4%');
  // Nothing sticks out of a phone's screen.
  expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);

  await page.getByRole('button', { name: '7 ngày' }).click();
  await eventually(() => page.locator('#dashboard-days g.chart__column').count()).toBe(7);
  expect(await page.getByLabel('Từ ngày').inputValue()).toBe(daysAgo(6));
  expect(problems).toEqual([]);
});

it('explains an invalid range in Vietnamese instead of loading it', async () => {
  const page = watch(await context.newPage());
  await page.goto(`${running.url}/admin#dashboard`);
  await eventually(() => page.locator('#dashboard-days svg.chart').count()).toBe(1);
  await page.getByLabel('Từ ngày').fill(today);
  await page.getByLabel('Đến ngày').fill(daysAgo(3));
  await page.getByRole('button', { name: 'Xem số liệu' }).click();
  const error = page.locator('#dashboard-range-error');
  await eventually(() => error.isVisible()).toBe(true);
  expect(await error.textContent()).toBe('Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.');
  expect(await error.getAttribute('role')).toBe('alert');
  expect(await page.getByLabel('Từ ngày').getAttribute('aria-invalid')).toBe('true');
  // The charts still show the last range loaded.
  expect(await page.locator('#dashboard-days g.chart__column').count()).toBe(30);

  await page.getByLabel('Đến ngày').fill('');
  await page.getByRole('button', { name: 'Xem số liệu' }).click();
  await eventually(() => error.textContent()).toBe('Vui lòng chọn đủ ngày bắt đầu và ngày kết thúc hợp lệ.');

  await page.getByRole('button', { name: '30 ngày' }).click();
  await eventually(() => error.isHidden()).toBe(true);
  expect(await page.getByLabel('Từ ngày').getAttribute('aria-invalid')).toBeNull();
  expect(problems).toEqual([]);
});
