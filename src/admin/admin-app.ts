import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { isHttpsRequest } from '../channels/web/session-cookie.js';
import { displayNameSchema, newAccountSchema, passwordResetSchema, roleSchema } from './account-input.js';
import { ADMIN_MESSAGES } from './admin-messages.js';
import { readJsonBody } from './json-body.js';
import { DEFAULT_LOGIN_RATE_LIMIT, LoginThrottle, type LoginRateLimit } from './login-throttle.js';
import { MAX_PASSWORD_LENGTH, hashPassword, verifyPassword } from './password-hash.js';
import { ROLE_LABELS, permissionsOf } from './roles.js';
import { newSecret, sha256Hex } from './session-secret.js';
import { SESSION_COOKIE, requirePermission, requireSession, type AdminEnv } from './staff-auth.js';
import type { StaffSession, StaffStore, StaffUser } from './staff-store.js';
import { UsernameTakenError } from './username-taken-error.js';

export interface AdminAppOptions {
  readonly staff: StaffStore;
  readonly clock?: () => Date;
  /** Secure cookies; by default when the request came over https (directly or through a TLS-ending proxy). */
  readonly secureCookies?: boolean;
  /** Where the app is mounted: the session cookie is sent there only. Default /admin. */
  readonly cookiePath?: string;
  /** How long a session lasts from login. Default 8 hours, a working day. */
  readonly sessionTtlMs?: number;
  readonly loginRateLimit?: LoginRateLimit;
  /** The client's address for the per-address login limit; by default the socket's peer. */
  readonly clientAddress?: (c: Context) => string;
}

/** Bodies larger than this are refused with 413: the API's requests are small JSON objects. */
export const MAX_BODY_BYTES = 16 * 1024;
const DEFAULT_SESSION_TTL_MS = 8 * 3_600_000;

const loginSchema = z.object({
  username: z.string({ error: 'Thiếu tên đăng nhập.' }).trim().toLowerCase().min(1, 'Thiếu tên đăng nhập.').max(64, 'Tên đăng nhập quá dài.'),
  password: z.string({ error: 'Thiếu mật khẩu.' }).min(1, 'Thiếu mật khẩu.').max(MAX_PASSWORD_LENGTH, 'Mật khẩu quá dài.'),
});

const userChangesSchema = z
  .object({
    role: roleSchema.optional(),
    displayName: displayNameSchema.optional(),
    disabled: z.boolean({ error: 'Trạng thái khóa (disabled) phải là true hoặc false.' }).optional(),
  })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), ADMIN_MESSAGES.nothingToChange);

const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

/**
 * The staff workspace's accounts API, to be mounted at /admin: login, logout and session;
 * accounts (list, create, change, set a new password) and the audit log for administrators.
 * JSON in and out, messages in Vietnamese.
 */
export function createAdminApp(options: AdminAppOptions): Hono<AdminEnv> {
  const { staff } = options;
  const clock = options.clock ?? (() => new Date());
  const cookiePath = options.cookiePath ?? '/admin';
  const ttlMs = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  const clientAddress = options.clientAddress ?? socketAddress;
  const throttle = new LoginThrottle(staff, options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT);
  // Unknown usernames are checked against this hash, so they take as long as known ones.
  const decoyHash = hashPassword(newSecret());
  const secure = (c: Context): boolean =>
    options.secureCookies ?? isHttpsRequest(new URL(c.req.url).protocol === 'https:', c.req.header('x-forwarded-proto'));
  const authenticated = requireSession(staff, clock);

  // On the routes that read a body only: other apps are mounted under /admin (the spreadsheet import takes files).
  const limited = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: ADMIN_MESSAGES.tooLarge }, 413) });

  const app = new Hono<AdminEnv>();

  app.post('/api/login', limited, async (c) => {
    const body = await readJsonBody(c, loginSchema);
    if (!body.ok) return body.response;
    const { username, password } = body.value;
    const address = clientAddress(c);
    const now = clock();
    const waitMs = await throttle.waitMs(username, address, now);
    if (waitMs > 0) {
      c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
      return c.json({ error: ADMIN_MESSAGES.tooManyAttempts(Math.ceil(waitMs / 60_000)) }, 429);
    }
    const account = await staff.findAccount(username);
    const matches = await verifyPassword(password, account?.passwordHash ?? (await decoyHash));
    if (!account || !matches) {
      await throttle.recordFailure(username, address, now);
      return c.json({ error: ADMIN_MESSAGES.wrongCredentials }, 401);
    }
    if (account.disabled) return c.json({ error: ADMIN_MESSAGES.disabled }, 403);
    await throttle.recordSuccess(username);
    const id = newSecret();
    const session: StaffSession = {
      idHash: sha256Hex(id),
      userId: account.id,
      csrfToken: newSecret(),
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlMs),
    };
    await staff.createSession(session, { user: account.username, at: now });
    setCookie(c, SESSION_COOKIE, id, {
      path: cookiePath,
      httpOnly: true,
      sameSite: 'Strict',
      secure: secure(c),
      maxAge: Math.floor(ttlMs / 1000),
    });
    return c.json(sessionJson(account, session));
  });

  app.post('/api/logout', authenticated, async (c) => {
    await staff.deleteSession(c.var.session.idHash, { user: c.var.user.username, at: clock() });
    deleteCookie(c, SESSION_COOKIE, { path: cookiePath, httpOnly: true, sameSite: 'Strict', secure: secure(c) });
    return c.json({ ok: true });
  });

  app.get('/api/session', authenticated, (c) => c.json(sessionJson(c.var.user, c.var.session)));

  app.get('/api/users', authenticated, requirePermission('users.manage'), async (c) => {
    const users = await staff.listUsers();
    return c.json({ users: users.map(userJson) });
  });

  app.post('/api/users', limited, authenticated, requirePermission('users.manage'), async (c) => {
    const body = await readJsonBody(c, newAccountSchema);
    if (!body.ok) return body.response;
    const { password, ...account } = body.value;
    try {
      const user = await staff.createUser({ ...account, passwordHash: await hashPassword(password) }, { user: c.var.user.username, at: clock() });
      return c.json({ user: userJson(user) }, 201);
    } catch (error) {
      if (error instanceof UsernameTakenError) return c.json({ error: ADMIN_MESSAGES.usernameTaken }, 409);
      throw error;
    }
  });

  app.patch('/api/users/:id{[0-9]{1,9}}', limited, authenticated, requirePermission('users.manage'), async (c) => {
    const body = await readJsonBody(c, userChangesSchema);
    if (!body.ok) return body.response;
    const id = Number(c.req.param('id'));
    const changes = body.value;
    // An administrator can neither demote nor lock themselves out, so one always remains.
    if (id === c.var.user.id && ((changes.role && changes.role !== 'admin') || changes.disabled)) {
      return c.json({ error: ADMIN_MESSAGES.notOnYourself }, 409);
    }
    const user = await staff.updateUser(id, changes, { user: c.var.user.username, at: clock() });
    return user ? c.json({ user: userJson(user) }) : c.json({ error: ADMIN_MESSAGES.userNotFound }, 404);
  });

  // An administrator sets a new password (for a forgotten one, or after a leak): every session of the account ends.
  app.post('/api/users/:id{[0-9]{1,9}}/password', limited, authenticated, requirePermission('users.manage'), async (c) => {
    const body = await readJsonBody(c, passwordResetSchema);
    if (!body.ok) return body.response;
    const passwordHash = await hashPassword(body.value.password);
    const user = await staff.resetPassword(Number(c.req.param('id')), passwordHash, { user: c.var.user.username, at: clock() });
    return user ? c.json({ user: userJson(user) }) : c.json({ error: ADMIN_MESSAGES.userNotFound }, 404);
  });

  app.get('/api/audit', authenticated, requirePermission('audit.read'), async (c) => {
    const query = auditQuerySchema.safeParse(c.req.query());
    if (!query.success) return c.json({ error: ADMIN_MESSAGES.badAuditQuery }, 400);
    const { limit, before } = query.data;
    const entries = await staff.auditLog({ limit, ...(before === undefined ? {} : { beforeId: before }) });
    return c.json({ entries });
  });

  return app;
}

/** An account as the API shows it, field by field so nothing else (such as a hash) can slip through. */
function userJson(user: StaffUser) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    roleLabel: ROLE_LABELS[user.role],
    createdAt: user.createdAt.toISOString(),
    disabled: user.disabled,
  };
}

function sessionJson(user: StaffUser, session: StaffSession) {
  return {
    user: userJson(user),
    role: user.role,
    permissions: permissionsOf(user.role),
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
  };
}

/** The peer of the request's socket under @hono/node-server; "unknown" elsewhere (as in app.request). */
function socketAddress(c: Context): string {
  const env = c.env as { incoming?: unknown; server?: unknown } | undefined;
  return (env?.incoming || env?.server ? getConnInfo(c).remote.address : undefined) ?? 'unknown';
}
