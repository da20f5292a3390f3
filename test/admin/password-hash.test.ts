import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/admin/password-hash.js';

describe('scrypt password hash', () => {
  it('verifies the right password and rejects others', async () => {
    const hash = await hashPassword('mật khẩu đủ dài');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(hash).not.toContain('mật khẩu');
    expect(await verifyPassword('mật khẩu đủ dài', hash)).toBe(true);
    expect(await verifyPassword('mật khẩu đủ dài ', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash, reads the parameters from the hash and treats NFD input as NFC', async () => {
    const cheap = { N: 1024, r: 8, p: 1 };
    const [a, b] = await Promise.all([hashPassword('hoà bình 2025', cheap), hashPassword('hoà bình 2025', cheap)]);
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('hoà bình 2025'.normalize('NFD'), a)).toBe(true);
  });

  it('rejects malformed or tampered hashes', async () => {
    const hash = await hashPassword('mot-mat-khau-dai', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('mot-mat-khau-dai', 'plain-text')).toBe(false);
    expect(await verifyPassword('mot-mat-khau-dai', hash.replace('$1024$', '$1000$'))).toBe(false);
    expect(await verifyPassword('mot-mat-khau-dai', hash.replace('$1024$', '$2048$'))).toBe(false);
    expect(await verifyPassword('mot-mat-khau-dai', hash.replace('$8$1$', '$999$1$'))).toBe(false);
  });
});
