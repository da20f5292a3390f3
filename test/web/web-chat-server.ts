import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Inbox } from '../../src/channels/channel-adapter.js';
import { WebChatAdapter, type WebChatAdapterOptions } from '../../src/channels/web/web-chat-adapter.js';
import type { WebChatConfig } from '../../src/channels/web/web-chat-config.js';

export const PORTAL_ORIGIN = 'https://dichvucong.example.gov.vn';

export interface WebChatServer {
  readonly adapter: WebChatAdapter;
  readonly config: WebChatConfig;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** ws://127.0.0.1:<port>/chat/ws */
  readonly socketUrl: string;
  readonly errors: unknown[];
  /** Loads the page like a browser and returns its session cookie ("name=value"). */
  newSession(): Promise<string>;
  /** Headers a page of this server sends on its socket handshake. */
  headers(cookie: string): Record<string, string>;
  close(): Promise<void>;
}

/** The real adapter on a real HTTP server on 127.0.0.1 (port 0), as the application wires it. */
export async function startWebChat(inbox: Inbox, options: WebChatAdapterOptions = {}): Promise<WebChatServer> {
  const errors: unknown[] = [];
  const config: WebChatConfig = { secret: Buffer.from('test-secret-of-at-least-32-characters'), allowedOrigins: [PORTAL_ORIGIN] };
  const adapter = new WebChatAdapter({
    config,
    logger: { warn: () => undefined, error: (_message, error) => errors.push(error) },
    ...options,
  });
  const app = new Hono();
  adapter.mount(app);
  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started as Server));
  });
  adapter.attach(server);
  await adapter.start(inbox);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    adapter,
    config,
    origin,
    socketUrl: `${origin.replace('http:', 'ws:')}/chat/ws`,
    errors,
    async newSession() {
      const response = await fetch(`${origin}/`);
      const cookie = response.headers.get('set-cookie');
      if (!cookie) throw new Error('GET / set no cookie');
      return cookie.split(';')[0]!;
    },
    headers: (cookie) => ({ Cookie: cookie, Origin: origin }),
    async close() {
      await adapter.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The session id inside a session cookie ("tl_chat_session=<id>.<signature>"). */
export function sessionIdOf(cookie: string): string {
  return cookie.split('=')[1]!.split('.')[0]!;
}
