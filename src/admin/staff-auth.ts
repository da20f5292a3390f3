import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { ADMIN_MESSAGES } from './admin-messages.js';
import { can, type Action } from './roles.js';
import { sameSecret, sha256Hex } from './session-secret.js';
import type { StaffSession, StaffStore, StaffUser } from './staff-store.js';

export const SESSION_COOKIE = 'staff_session';
export const CSRF_HEADER = 'X-CSRF-Token';

/** What the authenticated routes know about the request. */
export interface AdminEnv {
  Variables: { user: StaffUser; session: StaffSession };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Admits requests with a live session of an enabled account (401 otherwise) and, when they change
 * anything, the session's CSRF token in the X-CSRF-Token header (403 otherwise).
 */
export function requireSession(staff: StaffStore, clock: () => Date) {
  return createMiddleware<AdminEnv>(async (c, next) => {
    const id = getCookie(c, SESSION_COOKIE);
    const found = id ? await staff.findSession(sha256Hex(id)) : undefined;
    if (!found || found.session.expiresAt <= clock() || found.user.disabled) return refuse(c, 401, ADMIN_MESSAGES.notLoggedIn);
    if (!SAFE_METHODS.has(c.req.method)) {
      const token = c.req.header(CSRF_HEADER);
      if (!token || !sameSecret(token, found.session.csrfToken)) return refuse(c, 403, ADMIN_MESSAGES.badCsrf);
    }
    c.set('user', found.user);
    c.set('session', found.session);
    await next();
  });
}

/** Admits the request when the logged-in role may take `action` (403 otherwise); goes after requireSession. */
export function requirePermission(action: Action) {
  return createMiddleware<AdminEnv>(async (c, next) => {
    if (!can(c.var.user.role, action)) return refuse(c, 403, ADMIN_MESSAGES.forbidden);
    await next();
  });
}

function refuse(c: Context, status: 401 | 403, error: string): Response {
  return c.json({ error }, status);
}
