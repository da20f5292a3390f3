import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-hash.js';
import { ROLES } from './roles.js';

/** Lower-case letters without accents, digits, ".", "_" and "-"; never "@", which marks the system in the audit log. */
const usernameSchema = z
  .string({ error: 'Thiếu tên đăng nhập.' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'Tên đăng nhập gồm 3–32 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang.');

export const displayNameSchema = z
  .string({ error: 'Họ tên phải là chuỗi ký tự.' })
  .trim()
  .min(1, 'Họ tên không được để trống.')
  .max(100, 'Họ tên dài tối đa 100 ký tự.');

const passwordSchema = z
  .string({ error: 'Thiếu mật khẩu.' })
  .min(MIN_PASSWORD_LENGTH, `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`)
  .max(MAX_PASSWORD_LENGTH, `Mật khẩu dài tối đa ${MAX_PASSWORD_LENGTH} ký tự.`);

export const roleSchema = z.enum(ROLES, { error: 'Vai trò phải là editor, publisher hoặc admin.' });

/** A new account as an administrator, the CLI or the first start gives it; the display name defaults to the username. */
export const newAccountSchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema.optional(),
    role: roleSchema,
    password: passwordSchema,
  })
  .transform(({ displayName, ...account }) => ({ ...account, displayName: displayName ?? account.username }));

/** A new password an administrator sets for an account. */
export const passwordResetSchema = z.object({ password: passwordSchema });

/** The first problem found, in Vietnamese, for staff to read. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Dữ liệu không hợp lệ.';
}
