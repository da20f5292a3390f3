import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../../../src/server/app-server.js';
import { eventually, openWorkspaceBrowser } from '../../support/workspace-browser.js';
import { logInToWorkspace } from '../../support/workspace-login.js';

/**
 * The spreadsheet screen in a real headless Chromium (phone-sized) against a real server: download
 * a sheet, upload a CSV, read the preview, confirm, and get a draft.
 */
const ADMIN = { username: 'quantri', password: 'mat-khau-rat-dai-123' };
const NEW_EXAMPLE = 'xem bản đồ quy hoạch xã ở trang nào vậy';

let running: RunningServer;
let context: BrowserContext;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ running, context, stop } = await openWorkspaceBrowser({ admin: ADMIN, name: 'spreadsheets', acceptDownloads: true, viewport: { width: 390, height: 844 } }));
});

afterAll(() => stop?.());

it('downloads a sheet, previews an uploaded CSV row by row, and applies it to a new draft once confirmed', { timeout: 120_000 }, async () => {
  const problems: string[] = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('status of 401') && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${running.url}/admin`);
  await logInToWorkspace(page, ADMIN.username, ADMIN.password);

  await page.getByRole('link', { name: 'Bảng tính' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải trang “Câu mẫu” (.csv)' }).click()]);
  expect(download.suggestedFilename()).toBe('Câu mẫu - bản gốc.csv');
  const exported = readFileSync((await download.path())!, 'utf8');
  expect(exported.startsWith('\uFEFFMã ý định,Câu mẫu\r\n')).toBe(true);

  const csv = `Mã ý định,Câu mẫu\r\ncong_dan.quy_hoach,${NEW_EXAMPLE}\r\nkhong_co.y_dinh,câu của ý định không có\r\n`;
  await page.getByLabel('Tệp bảng tính (.xlsx hoặc .csv UTF-8, tối đa 2 MB)').setInputFiles({ name: 'cau-mau.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await eventually(() => page.locator('#spreadsheets-summary').textContent()).toContain('1 dòng thêm, 0 dòng sửa, 0 dòng không đổi, 1 dòng bị từ chối');
  const added = page.getByRole('table', { name: 'Sẽ thêm (1 dòng)' });
  // On a phone the rows are cards and the column headers are hidden: the one row left is the added one.
  expect(await added.getByRole('row').count()).toBe(1);
  expect(await added.getByRole('row').textContent()).toBe(`Câu mẫu2cong_dan.quy_hoach${NEW_EXAMPLE}`);
  const rejected = page.getByRole('table', { name: 'Bị từ chối (1 dòng)' });
  expect(await rejected.getByRole('cell').last().textContent()).toContain('Không có ý định mã “khong_co.y_dinh”');
  // The preview's heading takes the focus, so keyboard and screen-reader users land on it.
  expect(await page.locator(':focus').getAttribute('id')).toBe('spreadsheets-preview-title');

  // Rows are rejected: nothing is applied until staff confirm the valid rows alone.
  await page.getByRole('button', { name: 'Áp dụng vào bản nháp' }).click();
  await eventually(() => page.locator('#spreadsheets-preview .feedback').textContent()).toContain('Tệp có dòng bị từ chối');
  expect(await page.locator('#spreadsheets-preview .feedback:focus').count()).toBe(1);
  await page.getByLabel('Bỏ qua các dòng bị từ chối, chỉ áp dụng các dòng hợp lệ').check();
  await page.getByRole('button', { name: 'Áp dụng vào bản nháp' }).click();
  await eventually(() => page.locator('#status').textContent()).toContain('Đã áp dụng vào bản nháp phiên bản 1: 1 câu mẫu thêm');
  expect(await page.locator('#spreadsheets-preview').isHidden()).toBe(true);
  await eventually(() => page.locator('#versions-list tr').first().textContent()).toContain('nhập từ bảng tính: 1 câu mẫu mới');
  expect(problems).toEqual([]);
});
