import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBot } from '../../src/bot.js';
import type { InboundUpdate } from '../../src/channels/channel-adapter.js';
import { textReply } from '../../src/engine/reply.js';
import { CHROMIUM_PATH } from '../setup/chromium.js';
import { MemoryInbox } from './memory-inbox.js';
import { TcpProxy } from './tcp-proxy.js';
import { startWebChat, type WebChatServer } from './web-chat-server.js';

/**
 * The page in a real headless Chromium, answered by the real engine: a tiny loop stands in for the
 * queue worker (store → engine → adapter.deliver), a little later as a worker would.
 */
const bot = createBot();
let chat: WebChatServer;
let proxy: TcpProxy;
let portal: { origin: string; close: () => Promise<void> };
let context: BrowserContext;
let page: Page;
let profile: string;
const inbox = new MemoryInbox((update) => answer(update));
const workerErrors: unknown[] = [];
let worker: Promise<void> = Promise.resolve();

function answer(update: InboundUpdate): void {
  worker = worker
    .then(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const replies = await bot.engine.handle(update);
      await chat.adapter.deliver(update.conversationId, replies);
    })
    .catch((error: unknown) => void workerErrors.push(error));
}

/** The page is reached through the proxy, so a test can cut the network under it. */
const chatOrigin = (): string => `http://127.0.0.1:${proxy.port}`;

beforeAll(async () => {
  // The portal's page embeds the chat with /embed.js, and the chat lets the portal's origin frame it.
  portal = await serveSite(() => `<!doctype html><html lang="vi"><title>Cổng dịch vụ công</title><h1>Cổng dịch vụ công</h1><script src="${chatOrigin()}/embed.js"></script>`);
  chat = await startWebChat(inbox, { config: { secret: Buffer.from('a-test-secret-of-32-characters!!'), allowedOrigins: [portal.origin] } });
  proxy = await TcpProxy.start(Number(new URL(chat.origin).port));
  profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 390, height: 844 },
  });
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await proxy?.close();
  await chat?.close();
  await portal?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const botMessages = () => page.locator('.msg--bot');
/** Polls generously: CI runs other suites beside this one on two cores. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

it('greets, answers a question typed without diacritics, then answers a tapped choice and a rating', async () => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));

  await page.goto(`${chatOrigin()}/`);
  await eventually(() => botMessages().first().textContent()).toContain('Xin chào Anh/Chị');

  const question = page.getByLabel('Câu hỏi của Anh/Chị');
  await question.fill('dang ky khai sinh can gi');
  await question.press('Enter');
  await eventually(() => page.locator('#typing').isVisible()).toBe(true);
  expect(await page.locator('#typing').textContent()).toBe('Trợ lý đang trả lời…');
  await eventually(() => botMessages().count()).toBe(2);
  await eventually(() => page.locator('#typing').isVisible()).toBe(false);
  const answer = botMessages().nth(1);
  expect(await answer.textContent()).toContain('Đăng ký khai sinh');
  expect(await question.inputValue()).toBe('');

  await answer.getByRole('button', { name: 'Lệ phí' }).click();
  await eventually(() => botMessages().count()).toBe(3);
  expect(await botMessages().nth(2).locator('.msg__text').textContent()).toMatch(/^Đăng ký khai sinh — Lệ phí/);
  expect(await page.locator('.msg--user').allTextContents()).toEqual(['Anh/Chị: dang ky khai sinh can gi', 'Anh/Chị: Lệ phí']);

  await botMessages().nth(2).getByRole('button', { name: 'Hữu ích', exact: true }).click();
  await eventually(() => botMessages().count()).toBe(4);
  expect(await botMessages().nth(3).textContent()).toContain('Cảm ơn Anh/Chị đã đánh giá');
  expect(inbox.updates.at(-1)?.payload).toMatch(/^r:\d+:1$/);
  expect(problems).toEqual([]);
  expect(workerErrors).toEqual([]);
  expect(chat.errors).toEqual([]);
});

it('shows hostile text as text, never as HTML', async () => {
  const [cookie] = await context.cookies();
  const sessionId = cookie!.value.split('.')[0]!;
  const count = await botMessages().count();
  await chat.adapter.deliver(sessionId, [textReply('<img src=x onerror="document.title=1"><b>đậm</b> https://dichvucong.gov.vn.')]);
  await eventually(() => botMessages().count()).toBe(count + 1);
  const shown = botMessages().last();
  expect(await shown.locator('.msg__text').textContent()).toBe('<img src=x onerror="document.title=1"><b>đậm</b> https://dichvucong.gov.vn.');
  expect(await shown.locator('img, b').count()).toBe(0);
  expect(await shown.locator('a').getAttribute('href')).toBe('https://dichvucong.gov.vn');
  expect(await page.title()).toBe('Trợ lý thủ tục hành chính');
});

it('reconnects after the network drops and receives what was said meanwhile', async () => {
  const [cookie] = await context.cookies();
  const sessionId = cookie!.value.split('.')[0]!;
  const count = await botMessages().count();
  proxy.cut();
  await eventually(() => page.locator('#connection-status').textContent()).toBe('Mất kết nối. Đang thử kết nối lại…');
  await chat.adapter.deliver(sessionId, [textReply('Tin nhắn gửi lúc mất mạng')]);
  await eventually(() => page.locator('#connection-status').textContent()).toBe('Đã kết nối lại.');
  await eventually(() => botMessages().count()).toBe(count + 1);
  expect(await botMessages().last().textContent()).toContain('Tin nhắn gửi lúc mất mạng');

  // A message typed while offline is sent when the connection is back.
  proxy.cut();
  await eventually(() => page.locator('#connection-status').textContent()).toBe('Mất kết nối. Đang thử kết nối lại…');
  await page.getByLabel('Câu hỏi của Anh/Chị').fill('le phi lam ho chieu');
  await page.getByRole('button', { name: 'Gửi' }).click();
  await eventually(() => inbox.updates.some((u) => u.text === 'le phi lam ho chieu')).toBe(true);
  await eventually(() => page.locator('.msg--user.is-pending').count()).toBe(0);
});

/** A page served from another site (localhost, while the chat is on 127.0.0.1) on a port of its own. */
async function serveSite(html: () => string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

it('embeds in the portal: /embed.js adds a button that opens the chat in a frame', async () => {
  const page = await context.newPage();
  await page.goto(`${portal.origin}/`);
  const toggle = page.locator('button[aria-controls="tro-ly-chat-frame"]');
  expect(await toggle.textContent()).toBe('💬 Hỏi Trợ lý');
  await toggle.click();
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  expect(await toggle.textContent()).toBe('✕ Đóng trò chuyện');
  const frame = page.frameLocator('iframe[title="Trợ lý thủ tục hành chính"]');
  // The portal is another site: SameSite=Lax keeps the cookie out of the frame, so the socket gets a session of its own.
  await eventually(() => frame.locator('.msg--bot').first().textContent()).toContain('Xin chào Anh/Chị');
  await frame.getByLabel('Câu hỏi của Anh/Chị').fill('le phi khai sinh');
  await frame.getByLabel('Câu hỏi của Anh/Chị').press('Enter');
  await eventually(() => frame.locator('.msg--bot').count()).toBe(2);
  await toggle.click();
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  expect(await page.locator('iframe').isHidden()).toBe(true);
  await page.close();
});

it('cannot be framed by a site that is not allowed', async () => {
  const other = await serveSite(() => `<!doctype html><iframe title="chat" src="${chatOrigin()}/"></iframe>`);
  const page = await context.newPage();
  const refusals: string[] = [];
  page.on('console', (m) => void (m.text().includes('frame-ancestors') && refusals.push(m.text())));
  await page.goto(`${other.origin}/`);
  await eventually(() => refusals.length).toBeGreaterThan(0);
  expect(page.frames().some((f) => f.url().startsWith(chatOrigin()))).toBe(false);
  await page.close();
  await other.close();
});
