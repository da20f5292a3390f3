import { describe, expect, it } from 'vitest';
import { ensureInitialAdmin } from '../../src/admin/ensure-initial-admin.js';
import { SqlStaffStore } from '../../src/store/staff-store.js';
import { verifyPassword } from '../../src/admin/password-hash.js';

const ENV = { ADMIN_USERNAME: 'quantri', ADMIN_PASSWORD: 'mat-khau-ban-dau' };

describe('first administrator on start', () => {
  it('is created from ADMIN_USERNAME and ADMIN_PASSWORD when no account exists, once', async () => {
    const staff = SqlStaffStore.inMemory();
    expect(await ensureInitialAdmin(staff, ENV)).toBe('created');
    const account = await staff.findAccount('quantri');
    expect(account).toMatchObject({ role: 'admin', displayName: 'quantri' });
    expect(await verifyPassword('mat-khau-ban-dau', account?.passwordHash ?? '')).toBe(true);
    expect((await staff.auditLog({ limit: 1 }))[0]).toMatchObject({ user: '@startup', action: 'user.create' });

    expect(await ensureInitialAdmin(staff, { ...ENV, ADMIN_USERNAME: 'khac' })).toBe('exists');
    expect(await staff.countUsers()).toBe(1);
  });

  it('is not created without both variables', async () => {
    const staff = SqlStaffStore.inMemory();
    expect(await ensureInitialAdmin(staff, {})).toBe('not-configured');
    expect(await ensureInitialAdmin(staff, { ADMIN_USERNAME: 'quantri' })).toBe('not-configured');
    expect(await staff.countUsers()).toBe(0);
  });

  it('refuses an invalid password in Vietnamese', async () => {
    await expect(ensureInitialAdmin(SqlStaffStore.inMemory(), { ADMIN_USERNAME: 'quantri', ADMIN_PASSWORD: 'ngan' })).rejects.toThrow(
      'ADMIN_USERNAME/ADMIN_PASSWORD không hợp lệ: Mật khẩu phải có ít nhất 10 ký tự.',
    );
  });
});
