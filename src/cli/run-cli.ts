import { askCommand } from './commands/ask.js';
import { citizenCommand } from './commands/citizen.js';
import { contentCommand } from './commands/content.js';
import { dialogCvCommand } from './commands/dialog-cv.js';
import { evalCommand } from './commands/eval.js';
import { exportExamplesCommand } from './commands/export-examples.js';
import { officerCommand } from './commands/officer.js';
import { purgeCommand } from './commands/purge.js';
import { tuneCommand } from './commands/tune.js';
import { validateCommand } from './commands/validate.js';
import { userAddCommand } from '../admin/user-add-command.js';
import { ContentError } from '../content/content-error.js';

export interface CliIo {
  readonly out: { write(s: string): unknown };
  readonly err: { write(s: string): unknown };
}

export type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  ask: { run: askCommand, usage: 'ask "câu hỏi"            xếp hạng ý định, khía cạnh, quyết định và câu trả lời' },
  eval: { run: evalCommand, usage: 'eval FILE [--json]         đánh giá trên tệp JSONL (câu đơn hoặc hội thoại)' },
  'export-examples': { run: exportExamplesCommand, usage: 'export-examples            in mọi câu mẫu dạng JSONL {"text","intent"}' },
  content: { run: contentCommand, usage: 'content export|import|history|diff|publish|rollback  phiên bản nội dung (xuất bản an toàn)' },
  validate: { run: validateCommand, usage: 'validate                   kiểm tra toàn bộ nội dung intents/ và data/' },
  officer: { run: officerCommand, usage: 'officer list|show|reply|release  cán bộ xử lý cuộc trò chuyện được chuyển' },
  citizen: { run: citizenCommand, usage: 'citizen export|delete --channel zalo --user MÃ  xuất hoặc xóa dữ liệu của một người dân (delete cần --yes)' },
  purge: { run: purgeCommand, usage: 'purge --older-than 180d      xóa nội dung tin nhắn cũ (thời hạn lưu trữ)' },
  user: { run: userAddCommand, usage: 'user add TÊN --role admin|publisher|editor [--name "Họ tên"]  tạo tài khoản cán bộ (mật khẩu: ADMIN_PASSWORD hoặc stdin)' },
  'dialog-cv': { run: dialogCvCommand, usage: 'dialog-cv                  kiểm định chéo mô hình hội thoại (theo ngữ cảnh) trên dữ liệu huấn luyện' },
  tune: { run: tuneCommand, usage: 'tune [--write]             chỉnh ngưỡng bằng kiểm định chéo trên câu mẫu' },
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    io.err.write(`Cách dùng: npm run -s cli -- <lệnh>\n${Object.values(COMMANDS).map((c) => '  ' + c.usage).join('\n')}\n`);
    return name ? 2 : 0;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof ContentError) {
      io.err.write(e.message + '\n');
      return 1;
    }
    io.err.write(`Lỗi: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
