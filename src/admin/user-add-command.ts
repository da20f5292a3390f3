import { createInterface } from 'node:readline';
import { readConfig } from '../config.js';
import type { CliIo } from '../cli/run-cli.js';
import { firstIssue, newAccountSchema } from './account-input.js';
import { openStaffStore } from './open-staff-store.js';
import { hashPassword } from './password-hash.js';
import { ROLE_LABELS } from './roles.js';
import type { StaffStore } from './staff-store.js';
import { SYSTEM_ACTORS } from './system-actors.js';
import { UsernameTakenError } from './username-taken-error.js';

export interface UserAddDeps {
  readonly env?: NodeJS.ProcessEnv;
  /** Where the password is read from when ADMIN_PASSWORD is unset: its first line. */
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** The store to add to (left open); by default the configured one, closed afterwards. */
  readonly staff?: StaffStore;
  readonly clock?: () => Date;
}

const USAGE =
  'Cách dùng: npm run -s cli -- user add TÊN_ĐĂNG_NHẬP --role admin|publisher|editor [--name "Họ tên"]\n' +
  '  Mật khẩu lấy từ biến môi trường ADMIN_PASSWORD; nếu không có: gõ trong terminal (không hiện ra màn hình),\n' +
  '  hoặc dòng đầu tiên của stdin khi chạy không có terminal, ví dụ: printf \'%s\\n\' "$MAT_KHAU" | npm run -s cli -- user add …\n';

/**
 * `user add USERNAME --role ROLE [--name "Họ tên"]`: creates a staff account. The password never
 * comes from the command line (where `ps` and shell history would show it).
 */
export async function userAddCommand(args: string[], io: CliIo, deps: UserAddDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  if (args.some((arg) => /^--password(=|$)/.test(arg))) {
    io.err.write('Không nhận mật khẩu trên dòng lệnh: đặt biến môi trường ADMIN_PASSWORD hoặc nhập qua stdin.\n');
    return 2;
  }
  const [sub, username, ...rest] = args;
  const options = parseOptions(rest);
  if (sub !== 'add' || !username || username.startsWith('--') || !options) {
    io.err.write(USAGE);
    return 2;
  }
  const input = deps.stdin ?? process.stdin;
  const password = env.ADMIN_PASSWORD || (input.isTTY ? await typedSecretly(input as TtyInput, io) : await firstLine(input));
  if (!password) {
    io.err.write(NO_PASSWORD);
    return 2;
  }
  const parsed = newAccountSchema.safeParse({ username, role: options.role, displayName: options.name, password });
  if (!parsed.success) {
    io.err.write(`${firstIssue(parsed.error)}\n`);
    return 1;
  }
  const { password: plain, ...account } = parsed.data;
  const staff = deps.staff ?? (await openStaffStore(configuredStorage(env)));
  try {
    const user = await staff.createUser(
      { ...account, passwordHash: await hashPassword(plain) },
      { user: SYSTEM_ACTORS.cli, at: (deps.clock ?? (() => new Date()))() },
    );
    io.out.write(`Đã tạo tài khoản "${user.username}" (${ROLE_LABELS[user.role]}).\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UsernameTakenError)) throw error;
    io.err.write(`Tên đăng nhập "${account.username}" đã có người dùng.\n`);
    return 1;
  } finally {
    if (!deps.staff) await staff.close();
  }
}

/** `--role X --name Y` → { role: X, name: Y }; undefined when malformed or for another flag. */
function parseOptions(args: readonly string[]): { role?: string; name?: string } | undefined {
  const options: { role?: string; name?: string } = {};
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i];
    const value = args[i + 1];
    if ((flag !== '--role' && flag !== '--name') || value === undefined) return undefined;
    options[flag === '--role' ? 'role' : 'name'] = value;
  }
  return options;
}

const NO_PASSWORD =
  'Chưa có mật khẩu: không có terminal để gõ và stdin trống. Đặt biến môi trường ADMIN_PASSWORD, hoặc truyền mật khẩu ở dòng đầu của stdin,\n' +
  '  ví dụ: printf \'%s\\n\' "$MAT_KHAU" | npm run -s cli -- user add TÊN --role editor\n';

type TtyInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode(raw: boolean): unknown };

/** Reads a password typed in a terminal without echoing it (raw mode: each key arrives as it is typed). */
function typedSecretly(input: TtyInput, io: CliIo): Promise<string> {
  io.err.write('Mật khẩu (ít nhất 10 ký tự, không hiện khi gõ): ');
  return new Promise((resolve) => {
    let typed = '';
    const done = (value: string) => {
      input.setRawMode(false);
      input.removeListener('data', onData);
      input.pause();
      io.err.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return done(typed);
        if (char === '\u0003') return done(''); // Ctrl-C: no password
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
  });
}

/** The first line of piped stdin; '' when there is none. */
async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input, terminal: false });
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    lines.close();
  }
}

function configuredStorage(env: NodeJS.ProcessEnv): { databaseUrl?: string; dataDir: string } {
  const config = readConfig(env);
  return { dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) };
}
