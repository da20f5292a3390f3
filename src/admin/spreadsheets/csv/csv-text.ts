import { SpreadsheetFileError } from '../spreadsheet-file-error.js';
import { SPREADSHEET_MESSAGES } from '../spreadsheet-messages.js';
import { MAX_ROWS } from '../worksheet.js';

/**
 * Reads CSV text (RFC 4180: fields separated by a delimiter, quoted with "…" when they hold the
 * delimiter, quotes or line breaks, "" for a quote inside; CRLF or LF line ends). The delimiter
 * is a comma, or a semicolon when the first line has more of those (Excel's choice on machines
 * whose decimal mark is a comma, as in Vietnam). Records, not lines: a quoted field may span lines.
 * Throws a SpreadsheetFileError naming the line of a broken quote, or when there are too many rows.
 */
export function parseCsv(text: string): string[][] {
  const delimiter = delimiterOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let started = false;
  let line = 1;
  const endField = () => {
    row.push(field);
    field = '';
    started = false;
  };
  const endRow = () => {
    endField();
    if (rows.length > MAX_ROWS) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.tooManyRows('Tệp CSV'));
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && !started) {
      const opened = line;
      for (i++; ; i++) {
        if (i >= text.length) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.unclosedQuote(opened));
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break;
          i++;
        } else if (text[i] === '\n') line++;
        field += text[i];
      }
      const next = text[i + 1];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
        throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.textAfterQuote(line));
      }
      started = true;
    } else if (c === delimiter) {
      endField();
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
    } else {
      field += c;
      started = true;
    }
  }
  if (started || row.length > 0) endRow();
  return rows;
}

/** CSV text of the rows: comma-separated, CRLF line ends, fields quoted only when they must be. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quoted).join(',') + '\r\n').join('');
}

const quoted = (field: string): string => (/[",;\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);

function delimiterOf(text: string): ',' | ';' {
  const end = text.search(/[\r\n]/);
  const first = end === -1 ? text : text.slice(0, end);
  const count = (c: string) => first.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}
