import type { Page } from 'playwright-core';

/**
 * Logs in through the workspace's login form (scoped to it: the accounts screen has fields with
 * the same labels) and waits for the greeting.
 */
export async function logInToWorkspace(page: Page, username: string, password: string): Promise<void> {
  const form = page.locator('#login-form');
  await form.getByLabel('Tên đăng nhập').fill(username);
  await form.getByLabel('Mật khẩu').fill(password);
  await form.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('#status').filter({ hasText: 'Xin chào' }).waitFor({ timeout: 30_000 });
}
