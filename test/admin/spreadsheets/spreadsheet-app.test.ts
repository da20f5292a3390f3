import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { unitExamplePlaces } from '../../../src/admin/review/unit-example.js';
import { intentRecords } from '../../../src/admin/spreadsheets/intent-records.js';
import { createSpreadsheetApp } from '../../../src/admin/spreadsheets/spreadsheet-app.js';
import { XLSX_TYPE } from '../../../src/admin/spreadsheets/spreadsheet-file.js';
import { writeXlsx } from '../../../src/admin/spreadsheets/xlsx/xlsx-writer.js';
import { loadContentFiles } from '../../../src/content/content-bundle.js';
import { SqlContentVersions } from '../../../src/store/content-version-store.js';
import { publisherFor, SEED, thanksSaying } from '../../content-versions/harness.js';
import { adminHarness } from '../admin-harness.js';

/** The staff app with the spreadsheet API mounted beside it, and an editor logged in. */
async function sheetsHarness() {
  const h = adminHarness();
  const versions = SqlContentVersions.inMemory();
  const publisher = publisherFor(versions);
  h.app.route('/api/spreadsheets', createSpreadsheetApp({ staff: h.staff, publisher, clock: () => h.clock.now }));
  await h.seed('lan', 'editor');
  const editor = await h.login('lan');
  const send = (path: string, body: string | Uint8Array, contentType: string) =>
    h.call(`/api/spreadsheets/${path}`, { method: 'POST', body: typeof body === 'string' ? strToU8(body) : body, contentType, cookie: editor.cookie, csrf: editor.csrf });
  return {
    ...h,
    versions,
    publisher,
    editor,
    preview: (body: string | Uint8Array, contentType = 'text/csv') => send('preview', body, contentType),
    apply: (query: string, body: string | Uint8Array, contentType = 'text/csv') => send(`apply?${query}`, body, contentType),
    download: async (query: string) => {
      const response = await h.call(`/api/spreadsheets/export?${query}`, { cookie: editor.cookie });
      return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
    },
  };
}

interface Preview {
  format: string;
  baseVersion: number;
  ignoredSheets: string[];
  summary: Record<'added' | 'changed' | 'unchanged' | 'rejected', number>;
  rows: { kind: string; sheet: string; row: number; status: string; intent: string; text?: string; changes?: unknown[]; reason?: string }[];
}

const records = [...intentRecords(SEED).values()];
/** Rows of the examples sheet: the intents' examples, then the answer units' own. */
const EXAMPLES = records.reduce((n, r) => n + r.examples.length, 0) + [...unitExamplePlaces(SEED).values()].reduce((n, u) => n + u.examples.length, 0);
const INTENTS = records.length;
const QUY_HOACH = 'intents/cong_dan.quy_hoach.yaml';
const NEW_EXAMPLE = 'cho hỏi bản đồ quy hoạch xã mình xem ở đâu';

describe('spreadsheet API', () => {
  it('refuses logged-out callers (401) and forged CSRF tokens (403)', async () => {
    const h = await sheetsHarness();
    expect((await h.call('/api/spreadsheets/export?format=xlsx')).status).toBe(401);
    expect((await h.call('/api/spreadsheets/preview', { method: 'POST', body: 'Mã ý định,Câu mẫu', contentType: 'text/csv' })).status).toBe(401);
    for (const path of ['preview', 'apply?baseVersion=0&applyValidRows=true']) {
      const forged = await h.call(`/api/spreadsheets/${path}`, { method: 'POST', body: `Mã ý định,Câu mẫu\r\ncong_dan.quy_hoach,${NEW_EXAMPLE}`, contentType: 'text/csv', cookie: h.editor.cookie, csrf: 'gia-mao' });
      expect(forged.status).toBe(403);
      expect(await forged.json()).toEqual({ error: expect.stringContaining('CSRF') });
    }
    expect(await h.versions.history()).toEqual([]);
  });

  it('exports the newest version as .xlsx and as one CSV per sheet, with Vietnamese file names; importing an export changes nothing', async () => {
    const h = await sheetsHarness();
    const xlsx = await h.download('format=xlsx');
    expect(xlsx.response.status).toBe(200);
    expect(xlsx.response.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(xlsx.response.headers.get('content-disposition')).toBe(
      `attachment; filename="cau-mau-va-hoi-dap-ban-goc.xlsx"; filename*=UTF-8''${encodeURIComponent('Câu mẫu và hỏi đáp - bản gốc.xlsx')}`,
    );
    const preview = (await (await h.preview(xlsx.bytes, XLSX_TYPE)).json()) as Preview;
    expect(preview).toMatchObject({ format: 'xlsx', baseVersion: 0, ignoredSheets: ['Hướng dẫn'] });
    expect(preview.summary).toEqual({ added: 0, changed: 0, unchanged: EXAMPLES + INTENTS, rejected: 0 });
    expect(preview.rows[0]).toEqual({ kind: 'examples', sheet: 'Câu mẫu', row: 2, status: 'unchanged', intent: records[0]!.id, text: records[0]!.examples[0] });

    for (const [sheet, rows] of [['cau-mau', EXAMPLES], ['hoi-dap', INTENTS]] as const) {
      const csv = await h.download(`format=csv&sheet=${sheet}`);
      expect(csv.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.response.headers.get('content-disposition')).toContain(`filename="${sheet}-ban-goc.csv"`);
      // A byte order mark, so Excel reads the file as UTF-8.
      expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const again = (await (await h.preview(csv.bytes, 'application/vnd.ms-excel')).json()) as Preview;
      expect(again.summary).toEqual({ added: 0, changed: 0, unchanged: rows, rejected: 0 });
    }
    // Nothing to apply is said, and no empty draft is made.
    const nothing = await h.apply('baseVersion=0', xlsx.bytes, XLSX_TYPE);
    expect(nothing.status).toBe(422);
    expect(await nothing.json()).toMatchObject({ error: expect.stringContaining('không có thay đổi nào') });

    // The newest version is a draft: the export is of it, and says so.
    await h.publisher.saveDraft({ files: thanksSaying('Xin cảm ơn'), author: 'lan' });
    const draftCsv = await h.download('format=csv&sheet=hoi-dap');
    expect(draftCsv.response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Hỏi đáp - phiên bản 1.csv')}`);
    expect((await h.download('format=pdf')).response.status).toBe(400);
  });

  it('previews CSV rows (semicolons, no BOM) as added or rejected with the reason, and stores nothing', async () => {
    const h = await sheetsHarness();
    const csv = [
      'Mã ý định;Câu mẫu',
      `cong_dan.quy_hoach;${NEW_EXAMPLE}`,
      'cong_dan.quy_hoach;chi so papi la gi',
      'khong_co.y_dinh;lam sao de hoi',
      'cong_dan.quy_hoach;',
      'cong_dan.quy_hoach;=HYPERLINK("http://vi-du.vn")',
      "cong_dan.quy_hoach;'=1+1 trong quy hoạch là gì",
      `cong_dan.quy_hoach;  ${NEW_EXAMPLE.toUpperCase()}`,
      `thu_tuc.khai_sinh;${'khai sinh '.repeat(201)}`,
      ';câu không có ý định',
      ';',
      '"cong_dan.quy_hoach";"quy hoạch; có ""dấu ngoặc"" và',
      'xuống dòng"',
      `cong_dan.quy_hoach;${NEW_EXAMPLE}`,
    ].join('\n');
    const response = await h.preview(csv);
    expect(response.status).toBe(200);
    const preview = (await response.json()) as Preview;
    expect(preview.summary).toEqual({ added: 4, changed: 0, unchanged: 0, rejected: 7 });
    const row = (n: number) => preview.rows.find((r) => r.row === n);
    expect(row(2)).toEqual({ kind: 'examples', sheet: '', row: 2, status: 'added', intent: 'cong_dan.quy_hoach', text: NEW_EXAMPLE });
    expect(row(3)).toMatchObject({ status: 'rejected', text: 'chi so papi la gi', reason: 'Câu mẫu này đã có ở ý định “cai_cach.papi” (mỗi câu mẫu chỉ thuộc một ý định).' });
    expect(row(4)).toMatchObject({ status: 'rejected', reason: expect.stringContaining('Không có ý định mã “khong_co.y_dinh”') });
    expect(row(5)).toMatchObject({ status: 'rejected', reason: 'Câu mẫu trống.' });
    expect(row(6)).toMatchObject({ status: 'rejected', reason: expect.stringContaining('Ô B6 chứa công thức') });
    expect(row(7)).toMatchObject({ status: 'added', text: '=1+1 trong quy hoạch là gì' });
    // Same words, other case: another example of the same intent (as with and without accents).
    expect(row(8)).toMatchObject({ status: 'added', text: NEW_EXAMPLE.toUpperCase() });
    expect(row(9)).toMatchObject({ status: 'rejected', reason: 'Câu mẫu quá dài (tối đa 2.000 ký tự).' });
    expect(row(10)).toMatchObject({ status: 'rejected', intent: '', reason: 'Thiếu mã ý định.' });
    // Row 11 is blank; row 12 is one record over two lines.
    expect(row(11)).toBeUndefined();
    expect(row(12)).toMatchObject({ status: 'added', text: 'quy hoạch; có "dấu ngoặc" và xuống dòng' });
    expect(row(13)).toMatchObject({ status: 'rejected', reason: 'Trùng với câu mẫu ở dòng 2 (ý định “cong_dan.quy_hoach”).' });
    expect(await h.versions.history()).toEqual([]);
    expect(await h.staff.auditLog({ limit: 10 })).toEqual(expect.not.arrayContaining([expect.objectContaining({ action: 'spreadsheet.import' })]));
  });

  it('applies valid rows only once confirmed: a new draft appending the examples, the rest of every file untouched, audited', async () => {
    const h = await sheetsHarness();
    const csv = `\uFEFFMã ý định,Câu mẫu\r\ncong_dan.quy_hoach,${NEW_EXAMPLE}\r\nkhong_co.y_dinh,abc\r\ncong_dan.quy_hoach,"có dấu, phẩy"\r\n`;
    const refused = await h.apply('baseVersion=0', csv);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({
      error: expect.stringContaining('1 dòng bị từ chối'),
      summary: { added: 2, changed: 0, unchanged: 0, rejected: 1 },
    });
    expect(await h.versions.history()).toEqual([]);

    const applied = await h.apply('baseVersion=0&applyValidRows=true', csv);
    expect(applied.status).toBe(201);
    expect(await applied.json()).toEqual({ draft: { id: 1 }, summary: { added: 2, changed: 0, unchanged: 0, rejected: 1 } });
    const draft = (await h.versions.get(1))!;
    expect(draft).toMatchObject({ status: 'draft', author: 'lan', note: 'nhập từ bảng tính: 2 câu mẫu mới, 0 ý định sửa hỏi đáp' });
    expect(draft.files[QUY_HOACH]).toBe(`${SEED[QUY_HOACH]!.replace(/\n$/, '')}\n  - "${NEW_EXAMPLE}"\n  - "có dấu, phẩy"\n`);
    for (const path of Object.keys(SEED).filter((p) => p !== QUY_HOACH)) expect(draft.files[path]).toBe(SEED[path]);
    expect(() => loadContentFiles(draft.files)).not.toThrow();
    const [audit] = await h.staff.auditLog({ limit: 1 });
    expect(audit).toMatchObject({
      user: 'lan',
      action: 'spreadsheet.import',
      target: '1',
      before: { version: null },
      after: { draft: 1, format: 'csv', examplesAdded: { 'cong_dan.quy_hoach': [NEW_EXAMPLE, 'có dấu, phẩy'] }, fieldsChanged: {}, rejectedRows: 1 },
    });

    // Against the new draft the same rows are already there.
    const again = (await (await h.preview(csv)).json()) as Preview;
    expect(again).toMatchObject({ baseVersion: 1, summary: { added: 0, changed: 0, unchanged: 2, rejected: 1 } });
  });

  it('imports examples of answer units by unit id, next to the unit in its procedure or topic file', async () => {
    const h = await sheetsHarness();
    const unit = 'thu_tuc.chung_thuc/ban_sao_so_goc/le_phi';
    const csv = `Mã ý định,Câu mẫu\r\n${unit},lay ban sao bang tu so goc o truong mat phi ko\r\nthu_tuc.chung_thuc/khong_co/le_phi,abc\r\ncong_dan.khieu_nai_to_cao/chi_tiet_6,đi tố cáo có ai biết tên mình không\r\n`;
    const preview = (await (await h.preview(csv)).json()) as Preview;
    expect(preview.summary).toEqual({ added: 2, changed: 0, unchanged: 0, rejected: 1 });
    expect(preview.rows[1]).toMatchObject({ status: 'rejected', intent: 'thu_tuc.chung_thuc/khong_co/le_phi', reason: expect.stringContaining('phần trả lời') });

    const applied = await h.apply('baseVersion=0&applyValidRows=true', csv);
    expect(applied.status).toBe(201);
    const files = (await h.versions.get(1))!.files;
    const content = loadContentFiles(files);
    const copyCase = content.procedures.find((p) => p.id === 'chung_thuc')!.cases!.find((c) => c.id === 'ban_sao_so_goc')!;
    expect(copyCase.aspects.le_phi!.examples).toContain('lay ban sao bang tu so goc o truong mat phi ko');
    expect(content.topics.find((t) => t.intent === 'cong_dan.khieu_nai_to_cao')!.details![5]!.examples).toContain('đi tố cáo có ai biết tên mình không');

    // The export lists unit examples under their unit id, so importing it again changes nothing.
    const { bytes } = await h.download('version=1&format=csv&sheet=cau-mau');
    const exported = new TextDecoder().decode(bytes);
    expect(exported).toContain(`${unit},lay ban sao bang tu so goc o truong mat phi ko`);
    const again = (await (await h.preview(exported)).json()) as Preview;
    expect(again.summary).toMatchObject({ added: 0, changed: 0, rejected: 0 });
  });

  it('reads a workbook written by another program: shared and rich strings, columns in any order; formulas, numbers, dates and booleans rejected by cell', async () => {
    const h = await sheetsHarness();
    const workbook = readFileSync(new URL('./fixtures/exceljs-workbook.xlsx', import.meta.url));
    const preview = (await (await h.preview(workbook, XLSX_TYPE)).json()) as Preview;
    expect(preview.ignoredSheets).toEqual(['Ghi chú']);
    const shown = preview.rows.map((r) => [r.sheet, r.row, r.status, r.intent, r.text ?? r.changes ?? r.reason]);
    expect(shown).toEqual([
      ['Câu mẫu', 2, 'added', 'cong_dan.quy_hoach', 'cho hỏi xem bản đồ quy hoạch của xã ở trang nào'],
      ['Câu mẫu', 3, 'added', 'thu_tuc.xay_dung', 'xin giấy phép xây dựng nhà cấp bốn ở xã mất mấy ngày'],
      ['Câu mẫu', 4, 'rejected', 'cong_dan.quy_hoach', 'Ô A4 chứa công thức; hãy dán giá trị dạng văn bản thay cho công thức.'],
      ['Câu mẫu', 5, 'rejected', 'cong_dan.quy_hoach', 'Ô A5 không phải văn bản (2024); hãy định dạng ô là Văn bản (Text) rồi nhập lại.'],
      ['Câu mẫu', 6, 'rejected', 'cong_dan.quy_hoach', expect.stringContaining('Ô A6 không phải văn bản')],
      ['Câu mẫu', 7, 'rejected', 'cong_dan.quy_hoach', expect.stringContaining('Ô A7 không phải văn bản (TRUE)')],
      ['Câu mẫu', 8, 'added', 'thu_tuc.xay_dung', 'Phí & lệ phí <cấp phép> xây dựng "nhà ở" là bao nhiêu'],
      ['Câu mẫu', 10, 'unchanged', 'thu_tuc.xay_dung', 'Cho hỏi xin giấy phép xây dựng nhà ở cần những hồ sơ gì?'],
      [
        'Hỏi đáp',
        2,
        'changed',
        'ngoai_pham_vi',
        [
          { field: 'title', before: 'Ngoài phạm vi', after: 'Ngoài phạm vi hỗ trợ' },
          { field: 'description', before: expect.stringContaining('Các câu ngoài phạm vi của Trợ lý'), after: 'Các câu hỏi không thuộc phạm vi của Trợ lý.' },
          { field: 'answer', before: expect.stringContaining('Xin lỗi Anh/Chị'), after: 'Xin lỗi Anh/Chị, Trợ lý chỉ hướng dẫn thủ tục hành chính.\nAnh/Chị có thể gọi 1800 1096.' },
        ],
      ],
    ]);

    const applied = await h.apply('baseVersion=0&applyValidRows=true', workbook, XLSX_TYPE);
    expect(applied.status).toBe(201);
    const files = (await h.versions.get(1))!.files;
    const intent = loadContentFiles(files).intents.find((i) => i.id === 'ngoai_pham_vi')!;
    expect(intent).toMatchObject({ title: 'Ngoài phạm vi hỗ trợ', description: 'Các câu hỏi không thuộc phạm vi của Trợ lý.' });
    expect(intent.answer).toEqual({ text: 'Xin lỗi Anh/Chị, Trợ lý chỉ hướng dẫn thủ tục hành chính.\nAnh/Chị có thể gọi 1800 1096.' });
    // Only the three values changed: the examples below them are as they were, line for line.
    const path = 'intents/ngoai_pham_vi.yaml';
    const examplesFrom = (text: string) => text.slice(text.indexOf('\nexamples:'));
    expect(examplesFrom(files[path]!)).toBe(examplesFrom(SEED[path]!));
    expect(files[path]!.split('\n').slice(0, 6)).toEqual([
      'id: ngoai_pham_vi',
      'title: "Ngoài phạm vi hỗ trợ"',
      'description: >-',
      '  Các câu hỏi không thuộc phạm vi của Trợ lý.',
      'answer:',
      '  text: "Xin lỗi Anh/Chị, Trợ lý chỉ hướng dẫn thủ tục hành chính.\\nAnh/Chị có thể gọi 1800 1096."',
    ]);
  });

  it('rejects FAQ rows that cannot be applied: an answer for an intent answered from data/, empty or too long fields, a repeated intent', async () => {
    const h = await sheetsHarness();
    const cell = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const thanks = records.find((r) => r.id === 'hoi_thoai.cam_on')!;
    const lines = [
      'Trả lời,Mô tả,Tiêu đề,Mã ý định',
      ['', cell(thanks.description), 'Lời cảm ơn', 'hoi_thoai.cam_on'].join(','),
      ['', cell(thanks.description), 'Cảm ơn lần nữa', 'hoi_thoai.cam_on'].join(','),
      ['Mời Anh/Chị lên xã.', 'Bộ phận một cửa', 'Một cửa', 'dvc.mot_cua'].join(','),
      ['', 'Khai sinh', '', 'thu_tuc.khai_sinh'].join(','),
      ['x'.repeat(701), 'Ngoài phạm vi', 'Ngoài phạm vi', 'ngoai_pham_vi'].join(','),
    ];
    const preview = (await (await h.preview(lines.join('\r\n'))).json()) as Preview;
    expect(preview.rows.map((r) => [r.row, r.status, r.changes ?? r.reason])).toEqual([
      [2, 'changed', [{ field: 'title', before: 'Cảm ơn', after: 'Lời cảm ơn' }]],
      [3, 'rejected', 'Ý định này đã có ở dòng 2 của trang hỏi đáp.'],
      [4, 'rejected', expect.stringContaining('Ý định này trả lời bằng một chủ đề trong data/')],
      [5, 'rejected', 'Tiêu đề không được để trống.'],
      [6, 'rejected', 'Trả lời quá dài (tối đa 700 ký tự).'],
    ]);
  });

  it('refuses files it cannot read with a clear 4xx message, and the version history stays as it was', async () => {
    const h = await sheetsHarness();
    const exported = (await h.download('format=xlsx')).bytes;
    const parts = unzipSync(exported);
    const broken = (path: string, change: (xml: string) => string) => zipSync({ ...parts, [path]: strToU8(change(new TextDecoder().decode(parts[path]))) });
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    const tooManyCsv = `Mã ý định,Câu mẫu\n${'x,y\n'.repeat(100_000)}`;
    const tooManyXlsx = writeXlsx([
      { name: 'Câu mẫu', columns: [{ header: 'Mã ý định', width: 10 }, { header: 'Câu mẫu', width: 10 }], rows: Array.from({ length: 100_000 }, (_, i) => ['x', `câu ${i}`]) },
    ]);
    const wrongXlsxHeader = writeXlsx([{ name: 'Câu mẫu', columns: [{ header: 'Intent', width: 10 }, { header: 'Example', width: 10 }], rows: [['a', 'b']] }]);
    const cases: [what: string, body: string | Uint8Array, contentType: string, status: number, message: string][] = [
      ['an empty file', '', 'text/csv', 400, 'Tệp trống'],
      ['a file of blank lines', '\r\n \r\n', 'text/csv', 400, 'Tệp trống'],
      ['not a zip, sent as .xlsx', 'đây không phải tệp nén', XLSX_TYPE, 400, 'không giải nén được'],
      ['a zip cut in half', exported.slice(0, exported.length / 2), XLSX_TYPE, 400, 'không giải nén được'],
      ['a zip that is not a workbook', zipSync({ 'readme.txt': strToU8('xin chào') }), 'application/zip', 400, 'không phải bảng tính Excel'],
      ['a worksheet of corrupted XML', broken('xl/worksheets/sheet1.xml', (x) => x.slice(0, x.length / 2)), XLSX_TYPE, 400, 'không đọc được phần “xl/worksheets/sheet1.xml”'],
      ['a workbook with a DOCTYPE', broken('xl/workbook.xml', (x) => x.replace('<workbook', '<!DOCTYPE x [<!ENTITY a "b">]><workbook')), XLSX_TYPE, 400, 'Bảng tính bị hỏng'],
      ['an old .xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'application/vnd.ms-excel', 400, 'Excel 97–2003'],
      ['binary garbage as CSV', garbage, 'text/csv', 400, 'không phải văn bản UTF-8'],
      ['NUL bytes as CSV', Uint8Array.from([0x4d, 0, 0x61, 0, 0x0a, 0]), 'text/csv', 400, 'không phải văn bản UTF-8'],
      ['a CSV with other headers', 'Tên,Câu hỏi\r\na,b\r\n', 'text/csv', 400, 'Dòng đầu của tệp CSV phải là tiêu đề cột'],
      ['a workbook whose sheet has other headers', wrongXlsxHeader, XLSX_TYPE, 400, 'Trang “Câu mẫu”: dòng đầu phải là tiêu đề cột “Mã ý định”, “Câu mẫu”'],
      ['an unclosed quote', 'Mã ý định,Câu mẫu\r\ncong_dan.quy_hoach,"không đóng\r\n', 'text/csv', 400, 'dòng 2: dấu ngoặc kép'],
      ['100 000 CSV rows', tooManyCsv, 'text/csv', 400, 'Tệp CSV có quá nhiều dòng: tối đa 20.000 dòng.'],
      ['100 000 worksheet rows', tooManyXlsx, XLSX_TYPE, 400, 'Trang “Câu mẫu” có quá nhiều dòng'],
      ['a multipart form', '--x\r\n\r\n--x--', 'multipart/form-data; boundary=x', 415, 'không dùng biểu mẫu nhiều phần'],
      ['more than 2 MB', new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61), 'text/csv', 413, 'Tệp quá lớn: tối đa 2 MB.'],
    ];
    for (const [what, body, contentType, status, message] of cases) {
      for (const response of [await h.preview(body, contentType), await h.apply('baseVersion=0&applyValidRows=true', body, contentType)]) {
        expect(response.status, what).toBe(status);
        expect(((await response.json()) as { error: string }).error, what).toContain(message);
      }
    }
    expect(await h.versions.history()).toEqual([]);
    expect((await h.apply('applyValidRows=true', `Mã ý định,Câu mẫu\r\ncong_dan.quy_hoach,${NEW_EXAMPLE}`)).status).toBe(400);
  });

  it('refuses with 409 a file previewed against a version that is no longer the newest', async () => {
    const h = await sheetsHarness();
    const csv = `Mã ý định,Câu mẫu\r\ncong_dan.quy_hoach,${NEW_EXAMPLE}\r\n`;
    expect(((await (await h.preview(csv)).json()) as Preview).baseVersion).toBe(0);
    await h.publisher.saveDraft({ files: thanksSaying('Xin cảm ơn'), author: 'hung' });
    const stale = await h.apply('baseVersion=0', csv);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toEqual({ error: expect.stringContaining('Bản nháp đã thay đổi') });
    expect((await h.versions.history()).map((v) => v.id)).toEqual([1]);
    expect((await h.apply('baseVersion=1', csv)).status).toBe(201);
    expect((await h.versions.history()).map((v) => v.id)).toEqual([2, 1]);
  });
});
