import type { BrowserContext, Page } from 'playwright-core';
import { vietnamToday } from '../../src/content/content-bundle.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/app-server.js';
import { eventually, openWorkspaceBrowser } from '../support/workspace-browser.js';
import { logInToWorkspace } from '../support/workspace-login.js';

/**
 * The content forms in a real headless Chromium against a real server: a procedure's fee is edited,
 * an empty value is refused at its field, fixed and saved as a draft that the versions list shows;
 * a save on top of a version someone else replaced is told the draft changed and offered a reload.
 */
const ADMIN = { username: 'quantri', password: 'mat-khau-rat-dai-123' };
const NEW_FEE = 'Phí chứng thực tại Ủy ban nhân dân xã (Thông tư 226/2016/TT-BTC), nộp khi nhận kết quả:';

let running: RunningServer;
let context: BrowserContext;
let stop: () => Promise<void>;
const problems: string[] = [];

beforeAll(async () => {
  ({ running, context, stop } = await openWorkspaceBrowser({ admin: ADMIN, name: 'editor', viewport: { width: 1280, height: 900 } }));
});

afterAll(() => stop?.());

/** Errors in the page, except the 401 of the logged-out session check and the expected 409 and 422 refusals. */
function watch(page: Page): Page {
  page.on('console', (m) => m.type() === 'error' && !/status of (401|409|422)/.test(m.text()) && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return page;
}

/** The fieldset of the procedure's fee (its general aspects come before those of its cases). */
const feeGroup = (page: Page) =>
  page.locator('#editor-fields').getByRole('group', { name: 'Các khía cạnh', exact: true }).first().getByRole('group', { name: 'Lệ phí', exact: true });

it('edits a procedure fee: an empty value is refused at the field, the fixed one is saved as a draft shown in the versions', { timeout: 120_000 }, async () => {
  const staff = watch(context.pages()[0] ?? (await context.newPage()));
  await staff.goto(`${running.url}/admin`);
  await logInToWorkspace(staff, ADMIN.username, ADMIN.password);
  await staff.getByRole('link', { name: 'Sửa nội dung' }).click();

  await staff.getByLabel('Tìm tài liệu (tên hoặc mã)').fill('chung thuc');
  await eventually(() => staff.locator('#editor-count').textContent()).toMatch(/^Tìm thấy \d+ tài liệu\.$/);
  await staff.getByRole('button', { name: /^Chứng thực.*\(chung_thuc\)$/ }).click();
  await eventually(() => staff.locator('#editor-doc-title').textContent()).toMatch(/^Thủ tục: Chứng thực/);

  // The aspects fold, the first open: the fee opens from its title.
  await staff.locator('#editor-fields details.fold[data-field="le_phi"] > summary').click();
  const fee = feeGroup(staff).getByLabel('Nội dung', { exact: true });
  await eventually(() => fee.inputValue()).toContain('Phí chứng thực tại Ủy ban nhân dân xã');
  await fee.fill('   ');
  await staff.getByRole('button', { name: 'Lưu thành bản nháp' }).click();
  await eventually(() => fee.getAttribute('aria-invalid')).toBe('true');
  const errorId = ((await fee.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.startsWith('ff-error-'));
  expect(await staff.locator(`#${errorId}`).textContent()).toBe('không được để trống');
  expect(await staff.locator('#editor-form .feedback').textContent()).toContain('Các khía cạnh › Lệ phí › Nội dung: không được để trống');
  await eventually(() => staff.locator(':focus').getAttribute('aria-invalid')).toBe('true');

  await fee.fill(NEW_FEE);
  await staff.getByLabel('Nguồn', { exact: true }).selectOption('ht_tt_226_2016_btc');
  await staff.getByRole('button', { name: 'Lưu thành bản nháp' }).click();
  await eventually(() => staff.locator('#editor-form .feedback').textContent(), 30_000).toContain('Đã lưu thành bản nháp phiên bản 1');
  // Saved with its source and today's date, the form shows the document again, the fee folded.
  await staff.locator('#editor-fields details.fold[data-field="le_phi"] > summary').click();
  expect(await fee.getAttribute('aria-invalid')).toBeNull();
  expect(await staff.locator('#editor-fields .field-error').count()).toBe(0);
  const newest = staff.locator('#versions-list tr').first();
  await eventually(() => newest.textContent()).toContain('Sửa data/procedures/chung_thuc.yaml');
  expect(await newest.textContent()).toMatch(/^1Bản nháp/);
  await staff.getByRole('link', { name: 'Phiên bản' }).click();
  await staff.getByRole('button', { name: 'Xem thay đổi của phiên bản 1' }).click();
  const added = async () => (await staff.locator('#diff-files .add').allTextContents()).filter((line) => !line.startsWith('+++'));
  await eventually(added).toEqual([`+verified: ${vietnamToday()}`, `+    text: "${NEW_FEE}"`]);
  expect(await staff.locator('#diff-files .del').allTextContents()).toContain('-    text: "Phí chứng thực tại Ủy ban nhân dân xã (Thông tư 226/2016/TT-BTC):"');
  expect(running.live.versionId).toBeUndefined();
  // Back to the form: it is as it was left, the fee open.
  await staff.getByRole('link', { name: 'Sửa nội dung' }).click();

  // Someone else saves a draft meanwhile: this form's next save is told the draft changed, and keeps what was typed.
  const login = await fetch(`${running.url}/admin/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const opened = (await (await fetch(`${running.url}/admin/api/documents/one?path=data/topics/hoi_thoai.cam_on.yaml`, { headers: { cookie } })).json()) as { path: string; value: Record<string, unknown> };
  const other = await fetch(`${running.url}/admin/api/documents`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ path: opened.path, baseVersion: 1, value: { ...opened.value, text: 'Cảm ơn Anh/Chị đã hỏi.' } }),
  });
  expect(other.status).toBe(200);
  await fee.fill(`${NEW_FEE} Miễn phí cho hộ nghèo.`);
  await staff.getByRole('button', { name: 'Lưu thành bản nháp' }).click();
  await eventually(() => staff.locator('#editor-conflict').isVisible()).toBe(true);
  expect(await staff.locator('#editor-conflict-text').textContent()).toContain('Bản nháp đã thay đổi');
  expect(await fee.inputValue()).toBe(`${NEW_FEE} Miễn phí cho hộ nghèo.`);
  await staff.getByRole('button', { name: 'Tải lại bản mới nhất' }).click();
  await eventually(() => staff.locator('#editor-doc-meta').textContent()).toContain('sửa từ phiên bản 2');
  await staff.locator('#editor-fields details.fold[data-field="le_phi"] > summary').click();
  expect(await feeGroup(staff).getByLabel('Nội dung', { exact: true }).inputValue()).toBe(NEW_FEE);
  expect(problems).toEqual([]);
});

it('works on a phone: the form fits the screen and list items can be added and moved with the keyboard', { timeout: 60_000 }, async () => {
  const staff = watch(await context.newPage());
  await staff.setViewportSize({ width: 390, height: 844 });
  await staff.goto(`${running.url}/admin#editor`);
  await eventually(() => staff.locator('#editor-list details').count()).toBeGreaterThan(3);
  await staff.locator('#editor-list summary', { hasText: /^Ý định \(\d+\)$/ }).click();
  await staff.getByRole('button', { name: /^Đăng ký khai sinh \(thu_tuc\.khai_sinh\)$/ }).click();
  await eventually(() => staff.locator('#editor-doc-title').textContent()).toBe('Ý định: Đăng ký khai sinh');
  expect(Number(await staff.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);

  const first = staff.getByLabel('Câu mẫu 1', { exact: true });
  const text = await first.inputValue();
  await staff.getByRole('button', { name: 'Đưa xuống dưới: câu mẫu 1', exact: true }).focus();
  await staff.keyboard.press('Enter');
  await eventually(() => staff.getByLabel('Câu mẫu 2', { exact: true }).inputValue()).toBe(text);
  expect(await staff.locator(':focus').getAttribute('aria-label')).toBe('Đưa xuống dưới: câu mẫu 2');
  const count = await staff.locator('#editor-fields .list-item').count();
  await staff.getByRole('button', { name: 'Thêm câu mẫu', exact: true }).click();
  await eventually(() => staff.locator('#editor-fields .list-item').count()).toBe(count + 1);
  expect(await staff.locator(':focus').getAttribute('id')).toBe(await staff.getByLabel(`Câu mẫu ${count + 1}`, { exact: true }).getAttribute('id'));
  expect(problems).toEqual([]);
});
