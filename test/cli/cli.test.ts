import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'eval-'));
const messagesFile = join(dir, 'messages.jsonl');
writeFileSync(
  messagesFile,
  [
    { text: 'Làm giấy khai sinh cho con ở đâu?', intent: 'thu_tuc.khai_sinh', style: 'dau', aspect: 'noi_nop' },
    { text: 'lam giay khai sinh cho con o dau', intent: 'thu_tuc.khai_sinh', style: 'khong_dau' },
    { text: 'Tối nay xem phim gì hay?', intent: 'ngoai_pham_vi', style: 'dau' },
  ]
    .map((l) => JSON.stringify(l))
    .join('\n'),
);
const dialogsFile = join(dir, 'dialogs.jsonl');
writeFileSync(
  dialogsFile,
  JSON.stringify({
    id: 'x1',
    turns: [
      { text: 'thủ tục đăng ký kết hôn', intent: 'thu_tuc.ket_hon', aspect: 'tong_quan' },
      { text: 'lệ phí bao nhiêu', intent: 'thu_tuc.ket_hon', aspect: 'le_phi' },
    ],
  }) + '\n',
);

const mustFile = join(dir, 'must.jsonl');
writeFileSync(
  mustFile,
  [
    // Right intent, the reply states the fee: pattern in NFD and upper case still matches (NFC, no case).
    { text: 'lệ phí đăng ký khai sinh bao nhiêu', intent: 'thu_tuc.khai_sinh', must: ['MIỄN'.normalize('NFD'), '8\\.000'] },
    // Right intent, but the reply cannot contain this.
    { text: 'lệ phí đăng ký khai sinh bao nhiêu', intent: 'thu_tuc.khai_sinh', must: ['miễn', 'không có câu này'] },
    // The pattern matches the reply, but the label names another intent: not right.
    { text: 'lệ phí đăng ký khai sinh bao nhiêu', intent: 'thu_tuc.khai_tu', must: ['miễn'] },
    // A button title is not read without tapping: "Hồ sơ" is only a choice here.
    { text: 'lệ phí đăng ký khai sinh bao nhiêu', intent: 'thu_tuc.khai_sinh', must: ['^Hồ sơ$'] },
    // No "must": not counted in answers.
    { text: 'Tối nay xem phim gì hay?', intent: 'ngoai_pham_vi' },
  ]
    .map((l) => JSON.stringify(l))
    .join('\n'),
);
const mustDialogFile = join(dir, 'must-dialogs.jsonl');
writeFileSync(
  mustDialogFile,
  JSON.stringify({
    id: 'm1',
    turns: [
      { text: 'thủ tục đăng ký khai sinh', intent: 'thu_tuc.khai_sinh' },
      { text: 'lệ phí bao nhiêu', intent: 'thu_tuc.khai_sinh', aspect: 'le_phi', must: ['miễn lệ phí'] },
    ],
  }) + '\n',
);

describe('cli', () => {
  it('eval --json prints exactly one JSON object with the documented fields', async () => {
    const { code, out } = await cli('eval', messagesFile, '--json');
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    const r = JSON.parse(out);
    expect(r.kind).toBe('messages');
    expect(r.total).toBe(3);
    for (const key of ['overallAccuracy', 'inScope', 'oos', 'byStyle', 'aspect', 'latencyUs']) expect(r).toHaveProperty(key);
    expect(r.inScope).toEqual({ n: 2, accuracy: expect.any(Number), top1: expect.any(Number), suggestedRight: expect.any(Number) });
    expect(r.oos.n).toBe(1);
    expect(Object.keys(r.byStyle).sort()).toEqual(['dau', 'khong_dau']);
    expect(r.aspect.n).toBe(1);
    expect(r.latencyUs.p99).toBeGreaterThanOrEqual(r.latencyUs.p50);
    expect(r.overallAccuracy).toBe(1);
  });

  it('eval reads dialogs through one conversation and reports all-turns-right', async () => {
    const r = JSON.parse((await cli('eval', dialogsFile, '--json')).out);
    expect(r.kind).toBe('dialogs');
    expect(r.total).toBe(2);
    expect(r.dialogs).toEqual({ n: 1, allTurnsRight: 1 });
  });

  it('eval without --json prints a readable report', async () => {
    const { out } = await cli('eval', messagesFile);
    expect(out).toContain('Độ chính xác chung');
    expect(out).toContain('Cặp nhầm lẫn');
  });

  it('eval scores "must": all patterns on the turn\'s reply texts, NFC and any case, and the right intent', async () => {
    const r = JSON.parse((await cli('eval', mustFile, '--json')).out);
    expect(r.answers).toEqual({ n: 4, accuracy: 0.25 });
    for (const key of ['overallAccuracy', 'intentAccuracy', 'inScope', 'oos', 'aspect', 'latencyUs']) expect(r).toHaveProperty(key);
  });

  it('eval scores "must" on dialog turns too', async () => {
    const r = JSON.parse((await cli('eval', mustDialogFile, '--json')).out);
    expect(r.kind).toBe('dialogs');
    expect(r.answers).toEqual({ n: 1, accuracy: 1 });
  });

  it('eval lists answer misses in the readable report, with the missing pattern', async () => {
    const { out } = await cli('eval', mustFile);
    expect(out).toContain('Câu trả lời thiếu ý phải có');
    expect(out).toContain('dòng 2: "lệ phí đăng ký khai sinh bao nhiêu" — thiếu /không có câu này/');
    expect(out).toContain('dòng 3: "lệ phí đăng ký khai sinh bao nhiêu" — ý định thu_tuc.khai_tu → thu_tuc.khai_sinh');
    expect(out).not.toContain('dòng 1: "lệ phí');
    expect(out).toMatch(/Câu trả lời nêu đúng ý: 25\.0 % \(4\)/);
  });

  it('eval rejects a "must" that is not a list of valid patterns', async () => {
    const bad = join(dir, 'bad-must.jsonl');
    writeFileSync(bad, JSON.stringify({ text: 'a', intent: 'b', must: ['(unclosed'] }) + '\n');
    const { code, err } = await cli('eval', bad, '--json');
    expect(code).toBe(1);
    expect(err).toContain('bad-must.jsonl:1');
  });

  it('eval rejects a malformed line with its line number', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"text":"a","intent":"b"}\n{not json\n');
    const { code, err } = await cli('eval', bad, '--json');
    expect(code).toBe(1);
    expect(err).toContain('bad.jsonl:2');
  });

  it('ask prints the ranking, the aspect, the decision and the reply', async () => {
    const { code, out } = await cli('ask', 'đăng ký kết hôn mất bao nhiêu tiền');
    expect(code).toBe(0);
    expect(out).toMatch(/thu_tuc\.ket_hon/);
    expect(out).toContain('Khía cạnh: le_phi');
    expect(out).toContain('Quyết định:');
    expect(out).toContain('Trả lời:');
  });

  it('export-examples prints every training example as JSONL', async () => {
    const { out } = await cli('export-examples');
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(1000);
    expect(new Set(lines.map((l) => l.intent)).size).toBeGreaterThanOrEqual(48);
    expect(Object.keys(lines[0]).sort()).toEqual(['intent', 'text']);
  });

  it('an unknown command prints usage and fails', async () => {
    const { code, err } = await cli('nonsense');
    expect(code).toBe(2);
    expect(err).toContain('Cách dùng');
  });
});
