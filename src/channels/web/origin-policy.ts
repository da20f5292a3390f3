/**
 * Which pages may open the chat socket: a browser always sends Origin on a WebSocket handshake,
 * so checking it stops another site's page from talking to the bot with a visitor's cookie.
 * The server's own origin is recognised by the Host header (scheme aside, as TLS may end at a proxy);
 * the portal's origins are configured.
 */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (host !== undefined && url.host === host.toLowerCase()) return true;
  return allowedOrigins.includes(url.origin);
}

/** Normalises a configured origin ("https://portal.example.gov.vn/" → "https://portal.example.gov.vn"). */
export function normaliseOrigin(raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`not an origin (scheme://host[:port]): "${raw}"`);
  }
  return url.origin;
}
