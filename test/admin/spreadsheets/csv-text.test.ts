import { describe, expect, it } from 'vitest';
import { csvCell, guardedCsvText } from '../../../src/admin/spreadsheets/csv/csv-cells.js';
import { formatCsv, parseCsv } from '../../../src/admin/spreadsheets/csv/csv-text.js';

describe('CSV text (RFC 4180)', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, CRLF or LF, and a last line without a line end', () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n"two\r\nlines",x\ny,')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['two\r\nlines', 'x'],
      ['y', ''],
    ]);
  });

  it('takes semicolons as the delimiter when the first line has more of them, and keeps a quote inside an unquoted field', () => {
    expect(parseCsv('Mã ý định;Câu mẫu\nx;5" màn hình, 6 inch')).toEqual([
      ['Mã ý định', 'Câu mẫu'],
      ['x', '5" màn hình, 6 inch'],
    ]);
  });

  it('names the line of a quote that is never closed, or followed by more text', () => {
    expect(() => parseCsv('a,b\r\nc,"d\r\ne')).toThrow('dòng 2: dấu ngoặc kép (") được mở mà không đóng');
    expect(() => parseCsv('a,b\n"c"d,e')).toThrow('dòng 2: sau dấu ngoặc kép đóng');
  });

  it('writes what it reads back, quoting only the fields that need it', () => {
    const rows = [['a', 'b, c', 'say "hi"'], ['dòng\nmới', ' lề', 'x;y']];
    const text = formatCsv(rows);
    expect(text).toBe('a,"b, c","say ""hi"""\r\n"dòng\nmới"," lề","x;y"\r\n');
    expect(parseCsv(text)).toEqual(rows);
  });

  it('guards texts Excel would run as formulas with an apostrophe, and reads them back as text; a bare "=" is a formula', () => {
    for (const text of ['=1+1', '+84 912', '-x', '@SUM(A1)']) {
      expect(guardedCsvText(text)).toBe(`'${text}`);
      expect(csvCell(guardedCsvText(text))).toEqual({ kind: 'text', text });
    }
    expect(guardedCsvText("'trích dẫn")).toBe("'trích dẫn");
    expect(csvCell("'trích dẫn")).toEqual({ kind: 'text', text: "'trích dẫn" });
    expect(csvCell('=HYPERLINK("x")')).toEqual({ kind: 'formula' });
    expect(csvCell('')).toBeUndefined();
  });
});
