import { expect } from 'vitest';
import { createAdminApp, type AdminAppOptions } from '../../src/admin/admin-app.js';
import { SqlStaffStore } from '../../src/store/staff-store.js';
import { hashPassword } from '../../src/admin/password-hash.js';
import type { Role } from '../../src/admin/roles.js';

/** Cheap scrypt parameters for seeded accounts: verification reads them from the hash. */
const CHEAP = { N: 1024, r: 8, p: 1 };
export const PASSWORD = 'mat-khau-du-dai';

export interface Call {
  readonly method?: string;
  readonly json?: unknown;
  readonly body?: string | Uint8Array;
  readonly contentType?: string;
  readonly cookie?: string;
  readonly csrf?: string;
  readonly address?: string;
  readonly url?: string;
}

export interface LoggedIn {
  readonly cookie: string;
  readonly csrf: string;
}

/** The admin app on a memory store (or the one given) with a settable clock, and helpers to call it as a browser would. */
export function adminHarness(options: Partial<AdminAppOptions> = {}) {
  const staff = options.staff ?? SqlStaffStore.inMemory();
  const clock = { now: new Date('2025-07-01T08:00:00Z') };
  const app = createAdminApp({ staff, clock: () => clock.now, ...options });

  async function call(path: string, call: Call = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (call.json !== undefined || call.body !== undefined) headers['content-type'] = call.contentType ?? 'application/json';
    if (call.cookie) headers.cookie = call.cookie;
    if (call.csrf !== undefined) headers['x-csrf-token'] = call.csrf;
    const body = call.body ?? (call.json === undefined ? undefined : JSON.stringify(call.json));
    const env = { incoming: { socket: { remoteAddress: call.address ?? '192.0.2.1', remotePort: 50000, remoteFamily: 'IPv4' } } };
    return app.request(call.url ?? `http://localhost${path}`, { method: call.method ?? 'GET', headers, ...(body === undefined ? {} : { body }) }, env);
  }

  async function seed(username: string, role: Role, password = PASSWORD) {
    return staff.createUser({ username, displayName: `Cán bộ ${username}`, role, passwordHash: await hashPassword(password, CHEAP) }, { user: '@test', at: clock.now });
  }

  async function login(username: string, password = PASSWORD, address?: string): Promise<LoggedIn> {
    const response = await call('/api/login', { method: 'POST', json: { username, password }, ...(address ? { address } : {}) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { csrfToken: string };
    return { cookie: sessionCookie(response), csrf: body.csrfToken };
  }

  return { app, staff, clock, call, seed, login };
}

/** The `name=value` of the session cookie a response sets. */
export function sessionCookie(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /^(staff_session=[^;]*)/.exec(header);
  expect(match, `no session cookie in "${header}"`).not.toBeNull();
  return match?.[1] ?? '';
}
