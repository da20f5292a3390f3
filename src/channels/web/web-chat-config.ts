import { randomBytes } from 'node:crypto';
import { normaliseOrigin } from './origin-policy.js';

export interface WebChatConfig {
  /** Signs the session cookie. */
  readonly secret: Buffer;
  /** Origins besides the server's own that may embed the page and open the chat socket (the portal). */
  readonly allowedOrigins: readonly string[];
}

const MIN_SECRET_LENGTH = 32;

/**
 * WEB_CHAT_SECRET (≥ 32 characters; when unset a random one is drawn at start, so sessions end
 * with a restart) and WEB_CHAT_ALLOWED_ORIGINS (comma-separated, e.g. "https://dichvucong.example.gov.vn").
 */
export function readWebChatConfig(env: NodeJS.ProcessEnv = process.env): WebChatConfig {
  const secret = env.WEB_CHAT_SECRET;
  if (secret && secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`WEB_CHAT_SECRET must be at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -hex 32\`)`);
  }
  const allowedOrigins = (env.WEB_CHAT_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '')
    .map((o) => {
      try {
        return normaliseOrigin(o);
      } catch (error) {
        throw new Error(`WEB_CHAT_ALLOWED_ORIGINS: ${(error as Error).message}`);
      }
    });
  return { secret: secret ? Buffer.from(secret) : randomBytes(32), allowedOrigins };
}
