import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { vietnamToday } from '../../src/content/content-bundle.js';
import type { RunningServer } from '../../src/server/app-server.js';
import { eventually, openWorkspaceBrowser } from '../support/workspace-browser.js';
import { logInToWorkspace } from '../support/workspace-login.js';

/**
 * The staff's main job, in a real headless Chromium against a real server (content on a temporary
 * store): an officer changes a fee and fills in a missing one, gives the source (today's date is
 * set), publishes, and the bot then states the new fees with that date. The fee values are test data.
 */
const ADMIN = { username: 'quantri', password: 'mat-khau-rat-dai-123' };
const BIRTH_FEE_QUESTION = 'đăng ký khai sinh cho con có mất tiền không';
const BUILDING_FEE_QUESTION = 'xin giấy phép xây dựng mất bao nhiêu tiền';
const BUILDING_FEE = 'Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ: 75.000 đồng/giấy phép.';

let running: RunningServer;
let context: BrowserContext;
let stop: () => Promise<void>;
const problems: string[] = [];

beforeAll(async () => {
  ({ running, context, stop } = await openWorkspaceBrowser({ admin: ADMIN, name: 'fact-journey', webChat: true }));
});

afterAll(() => stop?.());

function watch(page: Page): Page {
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('status of 401') && !m.text().includes('status of 422') && problems.push(m.text()));
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

/** The fee aspect of the open procedure form (folded under its title). */
const feeFold = (page: Page) => page.locator('#editor-fields details.fold[data-field="le_phi"]');
/** The feedback shown next to a button, where focus moves when the action ends. */
const feedbackAfter = (page: Page, selector: string) => page.locator(`${selector} + .feedback, .editor-actions + .feedback`).first();

it('an officer changes a fee and fills in a missing one with their source, publishes, and the bot states the new fees', { timeout: 240_000 }, async () => {
  const today = vietnamToday().split('-').reverse().join('/');
  const chat = watch(context.pages()[0] ?? (await context.newPage()));
  await chat.goto(`${running.url}/`);
  await eventually(() => chat.locator('.msg--bot').first().textContent()).toContain('Xin chào Anh/Chị');

  const staff = watch(await context.newPage());
  await staff.goto(`${running.url}/admin`);
  await logInToWorkspace(staff, ADMIN.username, ADMIN.password);

  // 1. From a question: "Thử câu hỏi" shows the answer and opens its procedure at the fee.
  await staff.getByRole('link', { name: 'Thử câu hỏi' }).click();
  expect(await staff.locator('#versions').isHidden()).toBe(true);
  await staff.getByLabel('Câu hỏi (thử với phiên bản mới nhất, kể cả bản nháp)').fill(BIRTH_FEE_QUESTION);
  await staff.getByRole('button', { name: 'Thử', exact: true }).click();
  await eventually(() => staff.locator('#try-replies').textContent()).toContain('8.000 đồng/bản sao');
  await staff.getByRole('link', { name: 'Sửa thông tin này trong Sửa nội dung' }).click();
  await eventually(() => staff.locator('#editor-doc-title').textContent()).toBe('Thủ tục: Đăng ký khai sinh');
  // The procedure's form is grouped by aspect, the fee first and the only one open.
  expect(await staff.locator('#editor-fields details.fold').evaluateAll((folds) => folds.map((f) => f.getAttribute('data-field')))).toEqual(['codes', 'summary', 'le_phi', 'noi_nop', 'ho_so', 'trinh_tu', 'thoi_gian', 'truc_tuyen', 'can_cu', 'mau_don', 'cases']);
  expect(await staff.locator('#editor-fields details.fold[open]').evaluateAll((folds) => folds.map((f) => f.getAttribute('data-field')))).toEqual(['le_phi']);
  const screenHeight = Number(await staff.evaluate('document.documentElement.scrollHeight'));
  expect(screenHeight).toBeLessThan(4000);

  const birthFee = feeFold(staff).getByLabel('Nội dung', { exact: true });
  await birthFee.fill((await birthFee.inputValue()).replace('8.000 đồng/bản sao', '10.000 đồng/bản sao'));
  // Saving a changed fact without its source is refused, next to the save button, naming what to do.
  await staff.getByRole('button', { name: 'Lưu thành bản nháp' }).click();
  const saveFeedback = feedbackAfter(staff, '.editor-actions');
  await eventually(() => saveFeedback.textContent()).toContain('hãy chọn nguồn của thông tin mới');
  expect(await staff.locator('#editor-source-error').isVisible()).toBe(true);
  await staff.getByLabel('Nguồn', { exact: true }).selectOption('ht_tt_281_2016_btc');
  await staff.getByRole('button', { name: 'Lưu thành bản nháp' }).click();
  await eventually(() => saveFeedback.textContent(), 30_000).toContain(`Đã lưu thành bản nháp phiên bản 1. Thông tin đã sửa ghi nguồn ht_tt_281_2016_btc, ngày kiểm tra ${today}.`);
  expect(await staff.evaluate('document.activeElement.classList.contains("feedback")')).toBe(true);
  await eventually(() => staff.locator('#editor-fields').getByLabel('Ngày kiểm tra').inputValue()).toBe(vietnamToday());

  // 2. The missing building-permit fee, found by an accent-free search, filled in with a new source.
  await staff.getByLabel('Tìm tài liệu (tên hoặc mã)').fill('le phi giay phep xay dung');
  await staff.getByRole('button', { name: /^Cấp giấy phép xây dựng.*\(xay_dung\)$/ }).click();
  await eventually(() => staff.locator('#editor-doc-title').textContent()).toBe('Thủ tục: Cấp giấy phép xây dựng nhà ở riêng lẻ');
  await feeFold(staff).locator(':scope > summary').click();
  await feeFold(staff).getByLabel('Dạng').selectOption({ label: 'Có thông tin, ghi nguồn' });
  await feeFold(staff).getByLabel('Nội dung', { exact: true }).fill(BUILDING_FEE);
  // The fact check of the unknown fee came along with the switch.
  expect(await feeFold(staff).getByLabel('Câu hỏi người dân hay hỏi').inputValue()).toBe(BUILDING_FEE_QUESTION);
  await staff.getByLabel('Nguồn', { exact: true }).selectOption({ label: 'Thêm nguồn mới…' });
  await staff.getByLabel('Mã nguồn mới').fill('nq_hdnd_son_la_le_phi_xay_dung');
  await staff.getByLabel('Tên nguồn (văn bản, trang web)').fill('Nghị quyết của HĐND tỉnh Sơn La về lệ phí cấp giấy phép xây dựng');
  await staff.getByLabel('Địa chỉ web (không bắt buộc)').fill('https://sonla.gov.vn');
  await staff.getByRole('button', { name: 'Lưu thành bản nháp' }).click();
  await eventually(() => saveFeedback.textContent(), 30_000).toContain('Đã lưu thành bản nháp phiên bản 2. Thông tin đã sửa ghi nguồn nq_hdnd_son_la_le_phi_xay_dung');

  // 3. The working draft collects both changes; publishing shows its progress where it was pressed.
  await staff.getByRole('link', { name: 'Phiên bản' }).click();
  await eventually(() => staff.locator('#draft-title').textContent()).toBe('Bản nháp đang làm: phiên bản 2');
  const summary = staff.locator('#draft-summary');
  await eventually(() => summary.textContent()).toContain('data/procedures/khai_sinh.yaml');
  expect(await summary.textContent()).toContain('data/procedures/xay_dung.yaml');
  expect(await summary.textContent()).toContain('data/sources/can-bo.yaml');
  expect(await staff.getByRole('button', { name: 'Xuất bản phiên bản 1' }).count()).toBe(0);
  await staff.getByRole('button', { name: 'Xuất bản phiên bản 2' }).click();
  const publishFeedback = staff.locator('#draft-panel .actions + .feedback');
  await eventually(() => publishFeedback.textContent(), 90_000).toContain('Đã xuất bản phiên bản 2');
  expect(running.live.versionId).toBe(2);

  // 4. The bot states the new fees, with today's date.
  const birth = await ask(chat, BIRTH_FEE_QUESTION);
  expect(birth).toContain('10.000 đồng/bản sao');
  expect(birth).toContain(`kiểm tra ngày ${today}`);
  const building = await ask(chat, BUILDING_FEE_QUESTION);
  expect(building).toContain('75.000 đồng/giấy phép');
  expect(building).toContain(`kiểm tra ngày ${today}`);

  // The audit log names the fields changed in words, not as paths.
  await staff.getByRole('link', { name: 'Nhật ký thay đổi' }).click();
  await staff.locator('#audit-reload').click();
  const edit = staff.locator('#audit-list li.item').filter({ hasText: 'data/procedures/xay_dung.yaml' });
  await eventually(() => edit.textContent()).toContain('Các khía cạnh › Lệ phí › Chưa kiểm chứng được: có → —');
  expect(await edit.textContent()).toContain('Các khía cạnh › Lệ phí › Nội dung: — → Lệ phí cấp giấy phép xây dựng');
  expect(await staff.locator('#audit-list').textContent()).not.toContain('value.aspects');
  expect(problems).toEqual([]);
});
