import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type Action, type Role } from '../../src/admin/roles.js';
import { startFullServer, type FullServer } from '../support/full-server.js';

/**
 * Every staff endpoint with the permission it needs. Bodies are invalid on purpose: an allowed
 * request gets past the checks (any status but 401/403) without changing anything.
 */
const ENDPOINTS: readonly { method: string; path: string; needs: Action | 'session' }[] = [
  { method: 'GET', path: '/admin/api/session', needs: 'session' },
  { method: 'GET', path: '/admin/api/users', needs: 'users.manage' },
  { method: 'POST', path: '/admin/api/users', needs: 'users.manage' },
  { method: 'PATCH', path: '/admin/api/users/999', needs: 'users.manage' },
  { method: 'POST', path: '/admin/api/users/999/password', needs: 'users.manage' },
  { method: 'GET', path: '/admin/api/audit', needs: 'audit.read' },
  { method: 'GET', path: '/admin/api/review/items', needs: 'inbox.review' },
  { method: 'POST', path: '/admin/api/review/items/khong-co/example', needs: 'draft.edit' },
  { method: 'POST', path: '/admin/api/review/items/khong-co/out-of-scope', needs: 'draft.edit' },
  { method: 'POST', path: '/admin/api/review/items/khong-co/ignore', needs: 'inbox.review' },
  { method: 'GET', path: '/admin/api/dashboard', needs: 'inbox.review' },
  { method: 'GET', path: '/admin/api/content/history', needs: 'draft.edit' },
  { method: 'GET', path: '/admin/api/content/intents', needs: 'draft.edit' },
  { method: 'POST', path: '/admin/api/content/try', needs: 'draft.edit' },
  { method: 'POST', path: '/admin/api/content/publish', needs: 'content.publish' },
  { method: 'POST', path: '/admin/api/content/rollback', needs: 'content.rollback' },
  { method: 'GET', path: '/admin/api/documents', needs: 'draft.edit' },
  { method: 'GET', path: '/admin/api/documents/one?path=..%2F..%2Fpackage.json', needs: 'draft.edit' },
  { method: 'PUT', path: '/admin/api/documents', needs: 'draft.edit' },
  { method: 'POST', path: '/admin/api/documents', needs: 'draft.edit' },
  { method: 'DELETE', path: '/admin/api/documents', needs: 'draft.edit' },
  { method: 'GET', path: '/admin/api/spreadsheets/export', needs: 'draft.edit' },
  { method: 'POST', path: '/admin/api/spreadsheets/preview', needs: 'draft.edit' },
  { method: 'POST', path: '/admin/api/spreadsheets/apply', needs: 'draft.edit' },
  { method: 'GET', path: '/admin/api/handovers', needs: 'handover.reply' },
  { method: 'GET', path: '/admin/api/handovers/web%3Akhong-co/history', needs: 'handover.reply' },
  { method: 'POST', path: '/admin/api/handovers/web%3Akhong-co/reply', needs: 'handover.reply' },
  { method: 'POST', path: '/admin/api/handovers/web%3Akhong-co/release', needs: 'handover.reply' },
  { method: 'POST', path: '/admin/api/citizens/export', needs: 'citizen.data' },
  { method: 'POST', path: '/admin/api/citizens/delete', needs: 'citizen.data' },
];

describe('role checks on every staff endpoint', () => {
  let full: FullServer;
  const sessions = new Map<Role, { cookie: string; csrf: string }>();
  beforeAll(async () => {
    full = await startFullServer();
    const admin = await full.login();
    sessions.set('admin', admin);
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const account = { username: `can-bo-${role}`, role, password: 'mat-khau-du-dai-2025' };
      const created = await fetch(`${full.url}/admin/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
        body: JSON.stringify(account),
      });
      expect(created.status).toBe(201);
      const login = await fetch(`${full.url}/admin/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) });
      const cookie = /^(staff_session=[^;]*)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
      sessions.set(role, { cookie, csrf: ((await login.json()) as { csrfToken: string }).csrfToken });
    }
  }, 60_000);
  afterAll(() => full?.close());

  const call = (e: (typeof ENDPOINTS)[number], headers: Record<string, string>) =>
    fetch(`${full.url}${e.path}`, { method: e.method, headers: { 'content-type': 'application/json', ...headers }, ...(e.method === 'GET' ? {} : { body: '{"x":' }) }).then(async (r) => {
      await r.arrayBuffer();
      return r.status;
    });

  it.each(ENDPOINTS)('$method $path: 401 without a session, 403 with a forged CSRF token, 403 to roles without "$needs"', async (e) => {
    expect(await call(e, {})).toBe(401);
    const table: Record<string, number> = {};
    for (const role of ROLES) {
      const { cookie, csrf } = sessions.get(role)!;
      if (e.method !== 'GET') expect(await call(e, { cookie, 'x-csrf-token': `${csrf}x` }), `${role} forged csrf`).toBe(403);
      table[role] = await call(e, { cookie, 'x-csrf-token': csrf });
    }
    for (const role of ROLES) {
      const allowed = e.needs === 'session' || can(role, e.needs);
      if (allowed) expect([401, 403], `${role} is allowed`).not.toContain(table[role]);
      else expect(table[role], `${role} is refused`).toBe(403);
      expect(table[role]).toBeLessThan(500);
    }
  });
});
