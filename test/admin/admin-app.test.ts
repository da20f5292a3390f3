import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/admin/admin-app.js';
import { ACTIONS, can, type Action, type Role } from '../../src/admin/roles.js';
import { PASSWORD, adminHarness, sessionCookie } from './admin-harness.js';

const HOUR = 3_600_000;

describe('roles', () => {
  it('grant each role what the one before it may do, and more', () => {
    const allowed = (role: Role): Action[] => ACTIONS.filter((action) => can(role, action));
    expect(allowed('editor')).toEqual(['draft.edit', 'inbox.review', 'handover.reply']);
    expect(allowed('publisher')).toEqual(['draft.edit', 'inbox.review', 'handover.reply', 'content.publish', 'content.rollback']);
    expect(allowed('admin')).toEqual([...ACTIONS]);
    expect(can('publisher', 'users.manage')).toBe(false);
    expect(can('editor', 'content.publish')).toBe(false);
  });
});

describe('login, session and logout', () => {
  it('logs in with a HttpOnly SameSite=Strict cookie and returns the user, role, permissions and CSRF token', async () => {
    const h = adminHarness();
    await h.seed('lan', 'publisher');
    const response = await h.call('/api/login', { method: 'POST', json: { username: ' Lan ', password: PASSWORD } });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^staff_session=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/admin; HttpOnly; SameSite=Strict$/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      user: expect.objectContaining({ username: 'lan', displayName: 'Cán bộ lan', role: 'publisher', roleLabel: 'Người xuất bản' }),
      role: 'publisher',
      permissions: ['draft.edit', 'inbox.review', 'handover.reply', 'content.publish', 'content.rollback'],
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: '2025-07-01T16:00:00.000Z',
    });
    expect(JSON.stringify(body)).not.toContain('scrypt');

    const session = await h.call('/api/session', { cookie: sessionCookie(response) });
    expect(session.status).toBe(200);
    expect(await session.json()).toEqual(body);

    // Only the session id's hash is stored.
    const id = sessionCookie(response).split('=')[1] ?? '';
    const stored = await h.staff.auditLog({ limit: 1 });
    expect(JSON.stringify(stored)).not.toContain(id);
  });

  it('sets Secure cookies over https, directly or behind a TLS-ending proxy, or when told to', async () => {
    const h = adminHarness();
    await h.seed('lan', 'editor');
    const direct = await h.call('', { url: 'https://localhost/api/login', method: 'POST', json: { username: 'lan', password: PASSWORD } });
    expect(direct.headers.get('set-cookie')).toMatch(/; Secure/);
    const forced = adminHarness({ secureCookies: true });
    await forced.seed('lan', 'editor');
    const told = await forced.call('/api/login', { method: 'POST', json: { username: 'lan', password: PASSWORD } });
    expect(told.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('refuses a wrong password or an unknown user with the same message', async () => {
    const h = adminHarness();
    await h.seed('lan', 'editor');
    for (const json of [{ username: 'lan', password: 'sai-mat-khau' }, { username: 'khong-co', password: PASSWORD }]) {
      const response = await h.call('/api/login', { method: 'POST', json });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
      expect(response.headers.get('set-cookie')).toBeNull();
    }
  });

  it('refuses logged-out requests with 401', async () => {
    const h = adminHarness();
    await h.seed('lan', 'admin');
    const attempts: [string, string][] = [
      ['GET', '/api/session'],
      ['GET', '/api/users'],
      ['POST', '/api/users'],
      ['PATCH', '/api/users/1'],
      ['POST', '/api/users/1/password'],
      ['GET', '/api/audit'],
      ['POST', '/api/logout'],
    ];
    for (const [method, path] of attempts) {
      for (const cookie of [undefined, 'staff_session=forged-session-id']) {
        const response = await h.call(path, { method, ...(cookie ? { cookie } : {}), ...(method === 'GET' ? {} : { json: {}, csrf: 'x' }) });
        expect(response.status, `${method} ${path}`).toBe(401);
        expect(await response.json()).toEqual({ error: expect.stringContaining('chưa đăng nhập') });
      }
    }
  });

  it('ends a session after 8 hours', async () => {
    const h = adminHarness();
    await h.seed('lan', 'editor');
    const session = await h.login('lan');
    h.clock.now = new Date(h.clock.now.getTime() + 8 * HOUR - 1000);
    expect((await h.call('/api/session', { cookie: session.cookie })).status).toBe(200);
    h.clock.now = new Date(h.clock.now.getTime() + 1000);
    expect((await h.call('/api/session', { cookie: session.cookie })).status).toBe(401);
  });

  it('logs out with the CSRF token, ending the session and clearing the cookie', async () => {
    const h = adminHarness();
    await h.seed('lan', 'editor');
    const session = await h.login('lan');
    expect((await h.call('/api/logout', { method: 'POST', cookie: session.cookie })).status).toBe(403);
    const response = await h.call('/api/logout', { method: 'POST', cookie: session.cookie, csrf: session.csrf });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/^staff_session=; Max-Age=0; Path=\/admin/);
    expect((await h.call('/api/session', { cookie: session.cookie })).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses state-changing requests with a missing or forged token, in constant-time comparison', async () => {
    const h = adminHarness();
    await h.seed('lan', 'admin');
    await h.seed('minh', 'editor');
    const session = await h.login('lan');
    const other = await h.login('minh');
    const json = { username: 'hoa', role: 'editor', password: PASSWORD };
    for (const csrf of [undefined, '', 'forged', other.csrf, session.csrf.slice(0, -1)]) {
      const response = await h.call('/api/users', { method: 'POST', cookie: session.cookie, json, ...(csrf === undefined ? {} : { csrf }) });
      expect(response.status, `token ${String(csrf)}`).toBe(403);
      expect(await response.json()).toEqual({ error: expect.stringContaining('CSRF') });
    }
    expect((await h.staff.listUsers()).map((u) => u.username)).toEqual(['lan', 'minh']);
    const patch = await h.call('/api/users/2', { method: 'PATCH', cookie: session.cookie, json: { role: 'admin' }, csrf: 'forged' });
    expect(patch.status).toBe(403);

    const created = await h.call('/api/users', { method: 'POST', cookie: session.cookie, json, csrf: session.csrf });
    expect(created.status).toBe(201);
  });
});

describe('accounts', () => {
  it('refuses every account and audit action to editors and publishers', async () => {
    const h = adminHarness();
    await h.seed('lan', 'admin');
    for (const [username, role] of [['minh', 'editor'], ['tuan', 'publisher']] as const) {
      await h.seed(username, role);
      const s = await h.login(username);
      const responses = await Promise.all([
        h.call('/api/users', { cookie: s.cookie }),
        h.call('/api/users', { method: 'POST', cookie: s.cookie, csrf: s.csrf, json: { username: 'hoa', role: 'admin', password: PASSWORD } }),
        h.call('/api/users/2', { method: 'PATCH', cookie: s.cookie, csrf: s.csrf, json: { role: 'admin' } }),
        h.call('/api/users/1/password', { method: 'POST', cookie: s.cookie, csrf: s.csrf, json: { password: PASSWORD } }),
        h.call('/api/audit', { cookie: s.cookie }),
      ]);
      for (const response of responses) {
        expect(response.status).toBe(403);
        expect(await response.json()).toEqual({ error: 'Anh/Chị không có quyền thực hiện thao tác này.' });
      }
    }
    expect((await h.staff.findAccount('minh'))?.role).toBe('editor');
    expect(await h.staff.findAccount('hoa')).toBeUndefined();
  });

  it('lets an administrator list, create, change the role of and disable accounts', async () => {
    const h = adminHarness();
    await h.seed('lan', 'admin');
    const s = await h.login('lan');
    const created = await h.call('/api/users', {
      method: 'POST',
      cookie: s.cookie,
      csrf: s.csrf,
      json: { username: 'Minh.NV', displayName: 'Nguyễn Văn Minh', role: 'editor', password: 'mot-mat-khau-moi' },
    });
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: number } };
    expect(user).toEqual({
      id: 2,
      username: 'minh.nv',
      displayName: 'Nguyễn Văn Minh',
      role: 'editor',
      roleLabel: 'Biên tập viên',
      createdAt: '2025-07-01T08:00:00.000Z',
      disabled: false,
    });
    const minh = await h.login('minh.nv', 'mot-mat-khau-moi');

    const promoted = await h.call(`/api/users/${user.id}`, { method: 'PATCH', cookie: s.cookie, csrf: s.csrf, json: { role: 'publisher' } });
    expect(promoted.status).toBe(200);
    expect(((await (await h.call('/api/session', { cookie: minh.cookie })).json()) as { role: string }).role).toBe('publisher');

    const listed = (await (await h.call('/api/users', { cookie: s.cookie })).json()) as { users: Record<string, unknown>[] };
    expect(listed.users.map((u) => [u.username, u.role, u.disabled])).toEqual([
      ['lan', 'admin', false],
      ['minh.nv', 'publisher', false],
    ]);
    expect(JSON.stringify(listed)).not.toContain('scrypt');

    const disabled = await h.call(`/api/users/${user.id}`, { method: 'PATCH', cookie: s.cookie, csrf: s.csrf, json: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect((await h.call('/api/session', { cookie: minh.cookie })).status).toBe(401);
    const refused = await h.call('/api/login', { method: 'POST', json: { username: 'minh.nv', password: 'mot-mat-khau-moi' } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên.' });
    expect(refused.headers.get('set-cookie')).toBeNull();

    await h.call(`/api/users/${user.id}`, { method: 'PATCH', cookie: s.cookie, csrf: s.csrf, json: { disabled: false } });
    await h.login('minh.nv', 'mot-mat-khau-moi');
  });

  it('explains invalid accounts and changes in Vietnamese', async () => {
    const h = adminHarness();
    await h.seed('lan', 'admin');
    const s = await h.login('lan');
    const post = (json: unknown) => h.call('/api/users', { method: 'POST', cookie: s.cookie, csrf: s.csrf, json });
    const patch = (id: number, json: unknown) => h.call(`/api/users/${id}`, { method: 'PATCH', cookie: s.cookie, csrf: s.csrf, json });
    const cases: [Response, number, string][] = [
      [await post({ username: 'hoa', role: 'editor', password: 'ngan' }), 400, 'Mật khẩu phải có ít nhất 10 ký tự.'],
      [await post({ username: 'hoa', role: 'boss', password: PASSWORD }), 400, 'Vai trò phải là editor, publisher hoặc admin.'],
      [await post({ username: 'hòa', role: 'editor', password: PASSWORD }), 400, expect.stringContaining('Tên đăng nhập gồm')],
      [await post({ username: 'lan', role: 'editor', password: PASSWORD }), 409, 'Tên đăng nhập này đã có người dùng.'],
      [await patch(1, {}), 400, 'Cần ít nhất một thay đổi: vai trò, họ tên hoặc trạng thái khóa.'],
      [await patch(1, { role: 'editor' }), 409, 'Không thể tự đổi vai trò hoặc tự khóa tài khoản của chính mình.'],
      [await patch(1, { disabled: true }), 409, 'Không thể tự đổi vai trò hoặc tự khóa tài khoản của chính mình.'],
      [await patch(99, { role: 'editor' }), 404, 'Không tìm thấy tài khoản.'],
      [await h.call('/api/audit?limit=0', { cookie: s.cookie }), 400, expect.stringContaining('limit')],
    ];
    for (const [response, status, error] of cases) {
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ error });
    }
    expect((await patch(1, { displayName: 'Nguyễn Thị Lan' })).status).toBe(200);
  });

  it('records every change in the audit log with who, when, before and after, never a password or hash', async () => {
    const h = adminHarness();
    await h.seed('lan', 'admin');
    const s = await h.login('lan');
    h.clock.now = new Date('2025-07-01T09:00:00Z');
    await h.call('/api/users', { method: 'POST', cookie: s.cookie, csrf: s.csrf, json: { username: 'minh', role: 'editor', password: 'mat-khau-cua-minh' } });
    await h.call('/api/users/2', { method: 'PATCH', cookie: s.cookie, csrf: s.csrf, json: { role: 'publisher', disabled: true } });
    await h.call('/api/logout', { method: 'POST', cookie: s.cookie, csrf: s.csrf });
    const again = await h.login('lan');

    const response = await h.call('/api/audit?limit=4', { cookie: again.cookie });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toMatch(/scrypt|mat-khau|csrf/i);
    const { entries } = JSON.parse(text) as { entries: Record<string, unknown>[] };
    expect(entries).toEqual([
      expect.objectContaining({ user: 'lan', action: 'session.login', target: 'lan', before: null }),
      expect.objectContaining({ user: 'lan', action: 'session.logout', target: 'lan', after: null }),
      {
        id: expect.any(Number),
        at: '2025-07-01T09:00:00.000Z',
        user: 'lan',
        action: 'user.update',
        target: 'minh',
        before: { username: 'minh', displayName: 'minh', role: 'editor', disabled: false },
        after: { username: 'minh', displayName: 'minh', role: 'publisher', disabled: true },
      },
      {
        id: expect.any(Number),
        at: '2025-07-01T09:00:00.000Z',
        user: 'lan',
        action: 'user.create',
        target: 'minh',
        before: null,
        after: { username: 'minh', displayName: 'minh', role: 'editor', disabled: false },
      },
    ]);
    const older = (await (await h.call(`/api/audit?before=${String(entries[3]?.id)}`, { cookie: again.cookie })).json()) as { entries: unknown[] };
    expect(older.entries).toEqual([
      expect.objectContaining({ action: 'session.login', target: 'lan' }),
      expect.objectContaining({ action: 'user.create', user: '@test', target: 'lan' }),
    ]);
  });
});

describe('login rate limit', () => {
  it('refuses the 6th attempt after 5 failures with 429 and Retry-After, even with the right password, for 15 minutes', async () => {
    const h = adminHarness();
    await h.seed('lan', 'editor');
    for (let i = 0; i < 5; i += 1) {
      h.clock.now = new Date(h.clock.now.getTime() + 60_000);
      const response = await h.call('/api/login', { method: 'POST', json: { username: 'lan', password: `sai-${i}-mat-khau` } });
      expect(response.status).toBe(401);
    }
    const sixth = await h.call('/api/login', { method: 'POST', json: { username: 'lan', password: PASSWORD } });
    expect(sixth.status).toBe(429);
    // The first failure (4 minutes ago) leaves the 15-minute window in 11 minutes.
    expect(sixth.headers.get('retry-after')).toBe(String(11 * 60));
    expect(await sixth.json()).toEqual({ error: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 11 phút.' });
    // Also from another address: the limit is per username.
    expect((await h.call('/api/login', { method: 'POST', json: { username: 'lan', password: PASSWORD }, address: '198.51.100.7' })).status).toBe(429);

    h.clock.now = new Date(h.clock.now.getTime() + 11 * 60_000 - 1000);
    expect((await h.call('/api/login', { method: 'POST', json: { username: 'lan', password: PASSWORD } })).headers.get('retry-after')).toBe('1');
    h.clock.now = new Date(h.clock.now.getTime() + 1000);
    await h.login('lan');
  });

  it('forgets the failures of a username that logs in', async () => {
    const h = adminHarness();
    await h.seed('lan', 'editor');
    for (let i = 0; i < 4; i += 1) await h.call('/api/login', { method: 'POST', json: { username: 'lan', password: 'sai-mat-khau' } });
    await h.login('lan');
    for (let i = 0; i < 4; i += 1) await h.call('/api/login', { method: 'POST', json: { username: 'lan', password: 'sai-mat-khau' } });
    await h.login('lan');
  });

  it('limits failures per address too, across usernames', async () => {
    const h = adminHarness({ loginRateLimit: { perUsername: 5, perAddress: 8, windowMs: 15 * 60_000 } });
    await h.seed('lan', 'editor');
    for (let i = 0; i < 8; i += 1) {
      const response = await h.call('/api/login', { method: 'POST', json: { username: `ke-do-${i}`, password: 'sai-mat-khau' }, address: '203.0.113.9' });
      expect(response.status).toBe(401);
    }
    const blocked = await h.call('/api/login', { method: 'POST', json: { username: 'lan', password: PASSWORD }, address: '203.0.113.9' });
    expect(blocked.status).toBe(429);
    await h.login('lan', PASSWORD, '203.0.113.10');
  });
});

describe('malformed requests', () => {
  it('answers 400 to malformed JSON, 415 to other content types and 413 to huge bodies', async () => {
    const h = adminHarness();
    const malformed = await h.call('/api/login', { method: 'POST', body: '{"username": "lan",' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: 'Dữ liệu JSON không hợp lệ.' });

    const form = await h.call('/api/login', { method: 'POST', body: 'username=lan&password=x', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);

    const missing = await h.call('/api/login', { method: 'POST', json: { username: 'lan' } });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'Thiếu mật khẩu.' });

    const huge = await h.call('/api/login', { method: 'POST', json: { username: 'lan', password: 'x'.repeat(MAX_BODY_BYTES) } });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ error: 'Dữ liệu gửi lên quá lớn.' });
  });
});
