import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SqlStaffStore } from '../../src/store/staff-store.js';
import { verifyPassword } from '../../src/admin/password-hash.js';
import { userAddCommand } from '../../src/admin/user-add-command.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) } }, out, err };
}

const noStdin = (): Readable => Readable.from([]);

describe('npm run -s cli -- user add', () => {
  it('creates an account with the password from ADMIN_PASSWORD, recorded in the audit log as the CLI', async () => {
    const staff = SqlStaffStore.inMemory();
    const t = io();
    const code = await userAddCommand(['add', 'Lan', '--role', 'admin', '--name', 'Nguyễn Thị Lan'], t.io, {
      staff,
      env: { ADMIN_PASSWORD: 'mat-khau-quan-tri' },
      stdin: noStdin(),
    });
    expect(t.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(t.out.join('')).toBe('Đã tạo tài khoản "lan" (Quản trị viên).\n');
    const account = await staff.findAccount('lan');
    expect(account).toMatchObject({ displayName: 'Nguyễn Thị Lan', role: 'admin', disabled: false });
    expect(await verifyPassword('mat-khau-quan-tri', account?.passwordHash ?? '')).toBe(true);
    expect((await staff.auditLog({ limit: 1 }))[0]).toMatchObject({ user: '@cli', action: 'user.create', target: 'lan' });
  });

  it('reads the password from the first line of stdin when ADMIN_PASSWORD is unset', async () => {
    const staff = SqlStaffStore.inMemory();
    const t = io();
    const code = await userAddCommand(['add', 'minh', '--role', 'editor'], t.io, {
      staff,
      env: {},
      stdin: Readable.from(['mat-khau-tu-stdin\nthua\n']),
    });
    expect(code).toBe(0);
    const account = await staff.findAccount('minh');
    expect(account?.displayName).toBe('minh');
    expect(await verifyPassword('mat-khau-tu-stdin', account?.passwordHash ?? '')).toBe(true);
  });

  it('without a terminal and with nothing on stdin, says how to give the password (env or a pipe)', async () => {
    const staff = SqlStaffStore.inMemory();
    const t = io();
    expect(await userAddCommand(['add', 'lan', '--role', 'editor'], t.io, { staff, env: {}, stdin: noStdin() })).toBe(2);
    expect(t.err.join('')).toContain('Chưa có mật khẩu: không có terminal để gõ và stdin trống. Đặt biến môi trường ADMIN_PASSWORD');
    expect(t.err.join('')).not.toContain('ít nhất 10');
    expect(await staff.findAccount('lan')).toBeUndefined();
  });

  it('in a terminal, reads the typed password without echoing it', async () => {
    const staff = SqlStaffStore.inMemory();
    const t = io();
    const raw: boolean[] = [];
    const terminal = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (on: boolean) => raw.push(on) });
    const run = userAddCommand(['add', 'lan', '--role', 'editor'], t.io, { staff, env: {}, stdin: terminal });
    await new Promise((r) => setTimeout(r, 20));
    terminal.write('mat-khau-go-xx');
    terminal.write('\u007f\u007fan\r');
    expect(await run).toBe(0);
    expect(raw).toEqual([true, false]);
    const account = await staff.findAccount('lan');
    expect(await verifyPassword('mat-khau-go-an', account?.passwordHash ?? '')).toBe(true);
    expect([...t.out, ...t.err].join('')).not.toContain('mat-khau');
  });

  it('never takes a password from the command line', async () => {
    for (const args of [['add', 'lan', '--role', 'admin', '--password', 'mat-khau-quan-tri'], ['add', 'lan', '--password=mat-khau-quan-tri']]) {
      const staff = SqlStaffStore.inMemory();
      const t = io();
      expect(await userAddCommand(args, t.io, { staff, env: {}, stdin: noStdin() })).toBe(2);
      expect(t.err.join('')).toContain('ADMIN_PASSWORD');
      expect(await staff.countUsers()).toBe(0);
    }
  });

  it('refuses bad usage, short passwords, unknown roles and taken usernames', async () => {
    const staff = SqlStaffStore.inMemory();
    const run = async (args: string[], password: string) => {
      const t = io();
      const code = await userAddCommand(args, t.io, { staff, env: { ADMIN_PASSWORD: password }, stdin: noStdin() });
      return [code, t.err.join('')];
    };
    expect(await run(['add'], 'mat-khau-quan-tri')).toEqual([2, expect.stringContaining('Cách dùng')]);
    expect(await run(['remove', 'lan'], 'mat-khau-quan-tri')).toEqual([2, expect.stringContaining('Cách dùng')]);
    expect(await run(['add', 'lan', '--role'], 'mat-khau-quan-tri')).toEqual([2, expect.stringContaining('Cách dùng')]);
    expect(await run(['add', 'lan', '--role', 'admin'], 'ngan')).toEqual([1, 'Mật khẩu phải có ít nhất 10 ký tự.\n']);
    expect(await run(['add', 'lan', '--role', 'boss'], 'mat-khau-quan-tri')).toEqual([1, 'Vai trò phải là editor, publisher hoặc admin.\n']);
    expect(await run(['add', 'lan'], 'mat-khau-quan-tri')).toEqual([1, 'Vai trò phải là editor, publisher hoặc admin.\n']);
    expect(await run(['add', 'lan', '--role', 'admin'], 'mat-khau-quan-tri')).toEqual([0, '']);
    expect(await run(['add', 'LAN', '--role', 'editor'], 'mat-khau-quan-tri')).toEqual([1, 'Tên đăng nhập "lan" đã có người dùng.\n']);
  });

  it('opens the configured store (SQLite under DATA_DIR) and closes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'user-add-'));
    try {
      const t = io();
      const code = await userAddCommand(['add', 'lan', '--role', 'admin'], t.io, {
        env: { DATA_DIR: dir, ADMIN_PASSWORD: 'mat-khau-quan-tri' },
        stdin: noStdin(),
      });
      expect(code).toBe(0);
      const staff = await SqlStaffStore.open({ sqliteFile: join(dir, 'bot.sqlite') });
      expect((await staff.listUsers()).map((u) => [u.username, u.role])).toEqual([['lan', 'admin']]);
      await staff.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
