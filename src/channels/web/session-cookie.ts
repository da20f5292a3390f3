import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'tl_chat_session';
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * The web chat's identity: the server draws a session id and signs it (HMAC-SHA256) into an
 * HttpOnly cookie; a browser can neither read nor forge it, so it cannot speak as someone else.
 * A browser-session cookie (no Max-Age): closing the browser starts a new conversation.
 */
export class SessionCookies {
  constructor(private readonly secret: Buffer) {}

  /** 128 random bits, base64url. */
  newSessionId(): string {
    return randomBytes(16).toString('base64url');
  }

  /** The session id in a Cookie header when its signature is ours. */
  read(cookieHeader: string | undefined): string | undefined {
    for (const part of (cookieHeader ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
      const [id, signature] = part.slice(eq + 1).trim().split('.');
      if (id && signature && SESSION_ID.test(id) && this.verify(id, signature)) return id;
    }
    return undefined;
  }

  /** The Set-Cookie value for a session; `secure` when the page was served over https. */
  serialize(sessionId: string, secure: boolean): string {
    return `${SESSION_COOKIE}=${sessionId}.${this.sign(sessionId)}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  }

  private sign(sessionId: string): string {
    return createHmac('sha256', this.secret).update(sessionId).digest('base64url');
  }

  private verify(sessionId: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(sessionId));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/** Secure cookies when the browser reached us over https, directly or through a TLS-ending proxy. */
export function isHttpsRequest(direct: boolean, forwardedProto: string | undefined): boolean {
  return direct || forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';
}
