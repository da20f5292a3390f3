import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/content-bundle.js';
import { ContentError } from '../../src/content/content-error.js';

let root: string;
const paths = () => ({ intentsDir: join(root, 'intents'), dataDir: join(root, 'data') });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'content-'));
  cpSync('intents', join(root, 'intents'), { recursive: true });
  cpSync('data', join(root, 'data'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function problemsOf(): string[] {
  try {
    loadContent(paths());
  } catch (e) {
    if (e instanceof ContentError) return e.problems.map((p) => `${p.file}:${p.line ?? '?'} ${p.field} ${p.message}`);
    throw e;
  }
  return [];
}

const edit = (file: string, change: (s: string) => string) => {
  const path = join(root, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
};

describe('content validation', () => {
  it('accepts the repository content', () => {
    expect(problemsOf()).toEqual([]);
  });

  it('names file, line and field for an empty title', () => {
    edit('intents/thu_tuc.ket_hon.yaml', (s) => s.replace(/^title: .*$/m, 'title: ""'));
    const problems = problemsOf();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/thu_tuc\.ket_hon\.yaml:2 title không được để trống/);
  });

  it('refuses an example that is already under another intent, naming both', () => {
    const taken = readFileSync(join(root, 'intents/thu_tuc.khai_tu.yaml'), 'utf8').match(/^ {2}- (.+)$/m)![1]!;
    edit('intents/thu_tuc.ket_hon.yaml', (s) => s.replace(/^examples:\n/m, `examples:\n  - ${taken}\n`));
    const problems = problemsOf();
    expect(problems.some((p) => p.includes('thu_tuc.ket_hon.yaml') && p.includes('examples.0') && p.includes('thu_tuc.khai_tu'))).toBe(true);
  });

  it('reports a missing required intent and an id that does not match its file name', () => {
    rmSync(join(root, 'intents/dvc.muc_do.yaml'));
    edit('intents/cai_cach.pci.yaml', (s) => s.replace(/^id: .*$/m, 'id: cai_cach.pci_khac'));
    const problems = problemsOf().join('\n');
    expect(problems).toContain('thiếu ý định bắt buộc "dvc.muc_do"');
    expect(problems).toContain('cai_cach.pci.yaml:1 id');
  });

  it('reports a YAML syntax error with its line, and an unknown field', () => {
    edit('intents/hoi_thoai.chao.yaml', (s) => s + '\n  - "unterminated\n');
    edit('intents/hoi_thoai.cam_on.yaml', (s) => s.replace(/^title:/m, 'titel: x\ntitle:'));
    const problems = problemsOf().join('\n');
    expect(problems).toMatch(/hoi_thoai\.chao\.yaml:\d+ +lỗi cú pháp YAML/);
    expect(problems).toContain('hoi_thoai.cam_on.yaml');
    expect(problems).toContain('titel');
  });

  it('checks data files too: a bad portal URL and a missing message', () => {
    edit('data/locality.yaml', (s) => s.replace(/url: .*/, 'url: not a url'));
    edit('data/messages.yaml', (s) => s.replace(/^ {2}fallback: .*\n/m, ''));
    const problems = problemsOf().join('\n');
    expect(problems).toMatch(/data\/locality\.yaml:\d+ portal\.url/);
    expect(problems).toMatch(/data\/messages\.yaml:\d+ messages\.fallback/);
  });

  it('refuses a procedure without its fee, naming the file and field', () => {
    edit('data/procedures/ket_hon.yaml', (s) => s.replace(/^ {2}le_phi:\n(?: {4}.*\n)+/m, ''));
    expect(problemsOf().join('\n')).toMatch(/data\/procedures\/ket_hon\.yaml:\d+ aspects\.le_phi/);
  });

  it('refuses a fact without a source and a source id that does not exist', () => {
    edit('data/procedures/khai_sinh.yaml', (s) => s.replace(/^ {2}sources: \[[^\]]*\]$/m, '  sources: []'));
    edit('data/procedures/khai_tu.yaml', (s) => s.replace(/sources: \[/, 'sources: [khong_co_nguon, '));
    const problems = problemsOf().join('\n');
    expect(problems).toMatch(/data\/procedures\/khai_sinh\.yaml:\d+ summary\.sources cần ít nhất một nguồn/);
    expect(problems).toMatch(/data\/procedures\/khai_tu\.yaml:\d+ .*không có nguồn "khong_co_nguon"/);
  });

  it('refuses a verification date in the future and a malformed phone number', () => {
    edit('data/procedures/chung_thuc.yaml', (s) => s.replace(/^verified: .*$/m, 'verified: 2999-01-01'));
    edit('data/locality.yaml', (s) => s.replace(/hotline: .*/, 'hotline: "gọi 1800"'));
    const problems = problemsOf().join('\n');
    expect(problems).toMatch(/data\/procedures\/chung_thuc\.yaml:\d+ verified ngày 2999-01-01 ở tương lai/);
    expect(problems).toMatch(/data\/locality\.yaml:\d+ portal\.hotline số điện thoại/);
  });

  it('refuses a topic with an unknown placeholder or a related intent that does not exist', () => {
    edit('data/topics/dvc.muc_do.yaml', (s) => s.replace(/^text: (\|-|>-)?\n/m, (m) => m + '  {khong_ton_tai}\n').replace(/^related: \[/m, 'related: [khong.ton_tai, '));
    const problems = problemsOf().join('\n');
    expect(problems).toContain('chỗ trống không xác định "{khong_ton_tai}"');
    expect(problems).toContain('không có ý định "khong.ton_tai"');
  });
});
