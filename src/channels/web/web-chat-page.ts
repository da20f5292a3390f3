import { readFileSync } from 'node:fs';
import type { Context, Hono } from 'hono';
import { isHttpsRequest, type SessionCookies } from './session-cookie.js';

/** The page's own files: HTML, CSS and plain JavaScript, no build step and nothing from a CDN. */
const PUBLIC_DIR = new URL('./public/', import.meta.url);

interface Asset {
  readonly body: string;
  readonly contentType: string;
}

function asset(file: string, contentType: string): Asset {
  return { body: readFileSync(new URL(file, PUBLIC_DIR), 'utf8'), contentType };
}

export interface WebChatPageOptions {
  readonly cookies: SessionCookies;
  /** Origins that may embed the page in a frame (the portal), besides the server's own. */
  readonly allowedOrigins: readonly string[];
}

/**
 * Serves the chat page at GET / (giving the browser its signed session cookie), its assets under
 * /chat/, and GET /embed.js, the snippet a portal includes to show a chat button.
 */
export function mountWebChatPage(app: Hono, { cookies, allowedOrigins }: WebChatPageOptions): void {
  const page = asset('index.html', 'text/html; charset=utf-8');
  const files: Readonly<Record<string, Asset>> = {
    '/chat/chat.css': asset('chat.css', 'text/css; charset=utf-8'),
    '/chat/chat.js': asset('chat.js', 'text/javascript; charset=utf-8'),
    '/embed.js': asset('embed.js', 'text/javascript; charset=utf-8'),
  };
  // Only this server's own files run; `'self'` covers the page's ws:/wss: connection to its host.
  const policy = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `frame-ancestors ${["'self'", ...allowedOrigins].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const send = (c: Context, { body, contentType }: Asset, crossOrigin = false): Response => {
    c.header('Content-Type', contentType);
    c.header('Content-Security-Policy', policy);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-cache');
    // The portal's pages load /embed.js from another origin.
    c.header('Cross-Origin-Resource-Policy', crossOrigin ? 'cross-origin' : 'same-origin');
    return c.body(body);
  };

  app.get('/', (c) => {
    const isHttps = isHttpsRequest(new URL(c.req.url).protocol === 'https:', c.req.header('x-forwarded-proto'));
    if (!cookies.read(c.req.header('cookie'))) c.header('Set-Cookie', cookies.serialize(cookies.newSessionId(), isHttps));
    return send(c, page);
  });
  for (const [path, file] of Object.entries(files)) app.get(path, (c) => send(c, file, path === '/embed.js'));
}
