import { readFileSync } from 'node:fs';
import type { Context, Hono } from 'hono';

/** The workspace's own files: HTML, CSS and plain JavaScript, no build step and nothing from a CDN. */
const PUBLIC_DIR = new URL('./public/', import.meta.url);

interface Asset {
  readonly body: string;
  readonly contentType: string;
}

function asset(file: string, contentType: string): Asset {
  return { body: readFileSync(new URL(file, PUBLIC_DIR), 'utf8'), contentType };
}

/** Only this server's own files run and are fetched; the workspace is never framed. */
const POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Serves the staff workspace page at GET /admin (and /admin/) and its assets under /admin/. */
export function mountWorkspacePage(app: Hono): void {
  const page = asset('index.html', 'text/html; charset=utf-8');
  const files: Readonly<Record<string, Asset>> = {
    '/admin': page,
    '/admin/': page,
    '/admin/admin.css': asset('admin.css', 'text/css; charset=utf-8'),
    '/admin/admin.js': asset('admin.js', 'text/javascript; charset=utf-8'),
  };
  const send = (c: Context, { body, contentType }: Asset): Response => {
    c.header('Content-Type', contentType);
    c.header('Content-Security-Policy', POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-cache');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    return c.body(body);
  };
  for (const [path, file] of Object.entries(files)) app.get(path, (c) => send(c, file));
}
