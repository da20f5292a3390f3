import { firstIssue, newAccountSchema } from './account-input.js';
import { hashPassword } from './password-hash.js';
import type { StaffStore } from './staff-store.js';
import { SYSTEM_ACTORS } from './system-actors.js';
import { UsernameTakenError } from './username-taken-error.js';

/**
 * On start: when no staff account exists yet, creates an administrator from ADMIN_USERNAME and
 * ADMIN_PASSWORD. 'not-configured' when there is no account and those are unset, for the caller to
 * warn; throws (in Vietnamese) when they are invalid.
 */
export async function ensureInitialAdmin(
  staff: StaffStore,
  env: NodeJS.ProcessEnv,
  clock: () => Date = () => new Date(),
): Promise<'created' | 'exists' | 'not-configured'> {
  if ((await staff.countUsers()) > 0) return 'exists';
  if (!env.ADMIN_USERNAME || !env.ADMIN_PASSWORD) return 'not-configured';
  const parsed = newAccountSchema.safeParse({ username: env.ADMIN_USERNAME, role: 'admin', password: env.ADMIN_PASSWORD });
  if (!parsed.success) throw new Error(`ADMIN_USERNAME/ADMIN_PASSWORD không hợp lệ: ${firstIssue(parsed.error)}`);
  const { password, ...account } = parsed.data;
  try {
    await staff.createUser({ ...account, passwordHash: await hashPassword(password) }, { user: SYSTEM_ACTORS.startup, at: clock() });
    return 'created';
  } catch (error) {
    // Another instance starting at the same time created it first.
    if (error instanceof UsernameTakenError) return 'exists';
    throw error;
  }
}
