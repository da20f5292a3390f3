import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryInbox } from './memory-inbox.js';
import { PORTAL_ORIGIN, startWebChat, type WebChatServer } from './web-chat-server.js';

let chat: WebChatServer;
beforeAll(async () => {
  chat = await startWebChat(new MemoryInbox());
});
afterAll(() => chat.close());

describe('web chat page', () => {
  it('serves the Vietnamese page with a strict policy and a signed, HttpOnly, SameSite=Lax session cookie', async () => {
    const response = await fetch(`${chat.origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = response.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", `frame-ancestors 'self' ${PORTAL_ORIGIN}`]) {
      expect(policy).toContain(directive);
    }
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('set-cookie')).toMatch(/^tl_chat_session=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const html = await response.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<label for="question"');
    expect(html).toContain('Trợ lý đang trả lời…');
    // Nothing is loaded from elsewhere.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('marks the cookie Secure behind an https proxy, and keeps a valid session instead of issuing another', async () => {
    const secure = await fetch(`${chat.origin}/`, { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure$/);
    const cookie = await chat.newSession();
    expect((await fetch(`${chat.origin}/`, { headers: { Cookie: cookie } })).headers.get('set-cookie')).toBeNull();
    const tampered = cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await fetch(`${chat.origin}/`, { headers: { Cookie: tampered } })).headers.get('set-cookie')).toMatch(/^tl_chat_session=/);
  });

  it('serves its script, style and the embed snippet from itself, none of them writing HTML from data', async () => {
    const types: Record<string, string> = {
      '/chat/chat.js': 'text/javascript; charset=utf-8',
      '/chat/chat.css': 'text/css; charset=utf-8',
      '/embed.js': 'text/javascript; charset=utf-8',
    };
    for (const [path, type] of Object.entries(types)) {
      const response = await fetch(`${chat.origin}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('cross-origin-resource-policy'), path).toBe(path === '/embed.js' ? 'cross-origin' : 'same-origin');
      const body = await response.text();
      expect(body, path).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|https?:\/\/(?!\/)[a-z]/i);
    }
    expect((await fetch(`${chat.origin}/chat/../package.json`)).status).toBe(404);
    expect((await fetch(`${chat.origin}/chat/index.html`)).status).toBe(404);
  });
});
