import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';

/** The workspace's own files: HTML, CSS and plain JavaScript, no build step and nothing from a CDN. */
const PUBLIC_DIR = new URL('./public/', import.meta.url);

interface Asset {
  readonly body: string;
  readonly contentType: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

function asset(file: string): Asset {
  const contentType = CONTENT_TYPES[file.slice(file.lastIndexOf('.'))];
  if (!contentType) throw new Error(`the workspace has a file of unknown type: ${file}`);
  return { body: readFileSync(new URL(file, PUBLIC_DIR), 'utf8'), contentType };
}

/** Every file of the public folder (screens are separate modules), read once at start. */
function publicFiles(): string[] {
  const entries = readdirSync(fileURLToPath(PUBLIC_DIR), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath}/${entry.name}`.slice(fileURLToPath(PUBLIC_DIR).length).replace(/^\/+/, ''));
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
  const page = asset('index.html');
  const files: Record<string, Asset> = { '/admin': page, '/admin/': page };
  for (const file of publicFiles()) if (file !== 'index.html') files[`/admin/${file}`] = asset(file);
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
