import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from '../../src/channels/web/origin-policy.js';
import { SessionCookies } from '../../src/channels/web/session-cookie.js';
import { readWebChatConfig } from '../../src/channels/web/web-chat-config.js';
import { WebChatSessions } from '../../src/channels/web/web-chat-sessions.js';

describe('session cookie', () => {
  const cookies = new SessionCookies(Buffer.from('a'.repeat(32)));
  const id = cookies.newSessionId();
  const value = cookies.serialize(id, false).split(';')[0]!;

  it('reads back only what it signed', () => {
    expect(cookies.read(value)).toBe(id);
    expect(cookies.read(`other=1; ${value}; more=2`)).toBe(id);
    expect(new SessionCookies(Buffer.from('b'.repeat(32))).read(value)).toBeUndefined();
    const other = cookies.newSessionId();
    expect(cookies.read(`${value.split('.')[0]!.replace(id, other)}.${value.split('.')[1]!}`)).toBeUndefined();
    for (const bad of [undefined, '', 'tl_chat_session=', `tl_chat_session=${id}`, `tl_chat_session=${id}.`, 'tl_chat_session=..', `x${value}`]) {
      expect(cookies.read(bad), String(bad)).toBeUndefined();
    }
  });
});

describe('origin policy', () => {
  it('accepts the server itself and configured origins only', () => {
    expect(isOriginAllowed('http://bot.example:8080', 'bot.example:8080', [])).toBe(true);
    expect(isOriginAllowed('https://bot.example', 'BOT.example', [])).toBe(true);
    expect(isOriginAllowed('https://portal.example', 'bot.example', ['https://portal.example'])).toBe(true);
    expect(isOriginAllowed('http://portal.example', 'bot.example', ['https://portal.example'])).toBe(false);
    expect(isOriginAllowed('https://bot.example.evil.com', 'bot.example', [])).toBe(false);
    expect(isOriginAllowed('null', 'bot.example', [])).toBe(false);
    expect(isOriginAllowed('file:///x', 'bot.example', [])).toBe(false);
    expect(isOriginAllowed(undefined, 'bot.example', [])).toBe(false);
  });
});

describe('web chat config', () => {
  it('reads the secret and the portal origins, and says what is wrong', () => {
    const config = readWebChatConfig({ WEB_CHAT_SECRET: 's'.repeat(32), WEB_CHAT_ALLOWED_ORIGINS: ' https://a.example/ ,http://b.example:8080' });
    expect(config.secret.toString()).toBe('s'.repeat(32));
    expect(config.allowedOrigins).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(readWebChatConfig({}).secret).toHaveLength(32);
    expect(readWebChatConfig({}).secret.equals(readWebChatConfig({}).secret)).toBe(false);
    expect(() => readWebChatConfig({ WEB_CHAT_SECRET: 'short' })).toThrow(/WEB_CHAT_SECRET must be at least 32/);
    expect(() => readWebChatConfig({ WEB_CHAT_ALLOWED_ORIGINS: 'portal.example' })).toThrow(/WEB_CHAT_ALLOWED_ORIGINS: not an origin/);
    expect(() => readWebChatConfig({ WEB_CHAT_ALLOWED_ORIGINS: 'https://a.example/path' })).toThrow(/not an origin/);
  });
});

describe('web chat sessions', () => {
  it('forgets idle sessions after a while and the longest idle first when full', () => {
    let now = 0;
    const sessions = new WebChatSessions({ heldPerSession: 2, idleMs: 1000, maxSessions: 2 }, () => now);
    const sent: string[] = [];
    const socket = { send: (frame: string) => void sent.push(frame) };
    sessions.add('a');
    sessions.add('b');
    sessions.open('b', socket);
    expect(sessions.add('c')).toEqual(['a']); // full: the idle one goes, the connected one stays
    now = 5000;
    expect(sessions.forgetIdle()).toEqual(['c']);
    sessions.send('b', 'x');
    expect(sent).toEqual(['x']);
    sessions.close('b', socket);
    sessions.send('b', '1');
    sessions.send('b', '2');
    sessions.send('b', '3');
    sessions.sendToOpen('b', 'ack');
    sessions.open('b', socket);
    expect(sent).toEqual(['x', '2', '3']);
  });
});
