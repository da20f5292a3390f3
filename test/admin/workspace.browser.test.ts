import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/app-server.js';
import { eventually, openWorkspaceBrowser } from '../support/workspace-browser.js';
import { logInToWorkspace } from '../support/workspace-login.js';

/**
 * The whole loop in a real headless Chromium against a real server: a citizen's question the bot
 * cannot answer reaches the staff workspace, becomes a training example, is published, and the
 * same question is then answered.
 */
const QUESTION = 'bản đồ xã có ở chỗ nào';
const INTENT = 'cong_dan.quy_hoach';
const ADMIN = { username: 'quantri', password: 'mat-khau-rat-dai-123' };

let running: RunningServer;
let context: BrowserContext;
let stop: () => Promise<void>;
const problems: string[] = [];

beforeAll(async () => {
  ({ running, context, stop } = await openWorkspaceBrowser({ admin: ADMIN, name: 'workspace', webChat: true }));
});

afterAll(() => stop?.());

/** Errors in the page, except the 401 of the logged-out session check the workspace starts with. */
function watch(page: Page): Page {
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('status of 401') && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return page;
}

async function ask(chat: Page, text: string): Promise<string> {
  const bot = chat.locator('.msg--bot');
  const before = await bot.count();
  await chat.getByLabel('Câu hỏi của Anh/Chị').fill(text);
  await chat.getByLabel('Câu hỏi của Anh/Chị').press('Enter');
  await eventually(() => bot.count()).toBeGreaterThan(before);
  return (await bot.nth(before).textContent()) ?? '';
}

it('a question the bot could not answer is reviewed, added as an example, published, and then answered', { timeout: 120_000 }, async () => {
  const chat = watch(context.pages()[0] ?? (await context.newPage()));
  await chat.goto(`${running.url}/`);
  await eventually(() => chat.locator('.msg--bot').first().textContent()).toContain('Xin chào Anh/Chị');
  const first = await ask(chat, QUESTION);
  expect(first).not.toContain('Quy hoạch');

  const staff = watch(await context.newPage());
  const response = await staff.goto(`${running.url}/admin`);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
  await logInToWorkspace(staff, ADMIN.username, ADMIN.password);

  await staff.getByRole('link', { name: 'Câu hỏi chưa trả lời được' }).click();
  const item = staff.locator('#review-list li').filter({ hasText: QUESTION });
  await eventually(() => item.count()).toBe(1);
  // The top suggestion is pre-selected; picking an intent the bot did not suggest asks for confirmation.
  const suggested = await item.getByLabel('Ý định phù hợp').inputValue();
  expect((await item.getByLabel('Ý định phù hợp').locator('option').first().textContent()) ?? '').toContain(`(${suggested}) — gợi ý`);
  await item.getByLabel('Ý định phù hợp').selectOption(INTENT);
  const confirmed: string[] = [];
  staff.once('dialog', (dialog) => {
    confirmed.push(dialog.message());
    void dialog.accept();
  });
  await item.getByRole('button', { name: 'Thêm làm câu mẫu' }).click();
  await eventually(() => confirmed.length).toBe(1);
  expect(confirmed[0]).toContain(`Thêm "${QUESTION}" làm câu mẫu của`);
  await eventually(() => staff.locator('#status').textContent()).toContain('Đã thêm câu mẫu vào bản nháp phiên bản 1');
  await eventually(() => staff.locator('#review-list li').filter({ hasText: QUESTION }).count()).toBe(0);

  // The draft already answers it, before anyone publishes.
  await staff.getByRole('link', { name: 'Thử câu hỏi' }).click();
  await staff.getByLabel('Câu hỏi (thử với phiên bản mới nhất, kể cả bản nháp)').fill(QUESTION);
  await staff.getByRole('button', { name: 'Thử', exact: true }).click();
  await eventually(() => staff.locator('#try-decision').textContent()).toBe(`trả lời → ${INTENT}`);
  expect(await staff.locator('#try-version').textContent()).toBe('1');
  expect(await staff.locator('#try-replies').textContent()).toContain('Quy hoạch');
  expect(await ask(chat, QUESTION)).not.toContain('Quy hoạch');

  await staff.getByRole('link', { name: 'Phiên bản' }).click();
  await staff.getByRole('button', { name: 'Xem thay đổi của phiên bản 1' }).click();
  await eventually(() => staff.locator('#diff-files .add').allTextContents()).toContain(`+  - "${QUESTION}"`);

  await staff.getByRole('button', { name: 'Xuất bản phiên bản 1' }).click();
  // Progress and result next to the button pressed.
  await eventually(() => staff.locator('#draft-panel .actions + .feedback').textContent(), 60_000).toContain('Đã xuất bản phiên bản 1');
  expect(await staff.locator('#versions-list tr').first().textContent()).toContain('Đang dùng');
  expect(running.live.versionId).toBe(1);

  expect(await ask(chat, QUESTION)).toContain('Quy hoạch');
  expect(problems).toEqual([]);
});

it('shows an editor the review and the versions without publish or rollback buttons', async () => {
  const login = await fetch(`${running.url}/admin/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await fetch(`${running.url}/admin/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ username: 'lan', role: 'editor', password: 'mat-khau-bien-tap-vien' }),
  });
  expect(created.status).toBe(201);

  const staff = watch(await context.newPage());
  await staff.setViewportSize({ width: 390, height: 844 });
  await staff.goto(`${running.url}/admin`);
  // The administrator is still logged in from the first test in this browser: log out first.
  await staff.getByRole('button', { name: 'Đăng xuất' }).click();
  await eventually(() => staff.locator('#login').isVisible()).toBe(true);
  await staff.locator('#login-form').getByLabel('Tên đăng nhập').fill('lan');
  await staff.locator('#login-form').getByLabel('Mật khẩu').fill('mat-khau-bien-tap-vien');
  await staff.locator('#login-form').getByLabel('Mật khẩu').press('Enter');
  await eventually(() => staff.locator('#status').textContent()).toContain('Xin chào lan');
  await staff.getByRole('link', { name: 'Phiên bản' }).click();
  await eventually(() => staff.locator('#versions-list tr').count()).toBe(1);
  expect(await staff.getByRole('button', { name: /^(Xuất bản|Khôi phục)/ }).count()).toBe(0);
  // On a phone the versions table is one card per version: nothing is cut off or scrolls sideways.
  expect(Number(await staff.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
  expect(await staff.locator('#versions-list td').nth(4).evaluate((td) => td.getBoundingClientRect().right)).toBeLessThanOrEqual(390);
  expect(await staff.getByRole('button', { name: 'Xem thay đổi của phiên bản 1' }).isVisible()).toBe(true);
  expect(await staff.locator('#dashboard-numbers dt').first().textContent()).toBe('Tin nhắn');
  expect(Number(await staff.locator('#dashboard-numbers dd').first().textContent())).toBeGreaterThanOrEqual(3);
  // It was not answered twice before publication: the dashboard keeps the history.
  expect(await staff.locator('#dashboard-unanswered tbody tr').first().textContent()).toBe(`${QUESTION}2`);
  expect(problems).toEqual([]);
});
