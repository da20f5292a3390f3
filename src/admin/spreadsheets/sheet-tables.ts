import { foldDiacritics } from '../../nlu/normalize/fold.js';
import { SHEETS, type ColumnKey, type SheetKind } from './sheet-definitions.js';
import { SpreadsheetFileError } from './spreadsheet-file-error.js';
import { SPREADSHEET_MESSAGES } from './spreadsheet-messages.js';
import type { SpreadsheetFormat } from './spreadsheet-file.js';
import type { Worksheet, WorksheetRow } from './worksheet.js';

/** A worksheet recognised by its header row as one of the two sheets: where each column is, and the rows below the header. */
export interface SheetTable {
  readonly kind: SheetKind;
  /** The worksheet's name; "" for a CSV file. */
  readonly sheet: string;
  readonly columns: Readonly<Partial<Record<ColumnKey, number>>>;
  readonly rows: readonly WorksheetRow[];
}

/** Headers and sheet names compared as staff may type them: case, accents and spacing aside. */
const loose = (text: string): string => foldDiacritics(text.normalize('NFC').toLowerCase()).replace(/\s+/g, ' ').trim();

/**
 * Recognises each worksheet by its first row: the headers of "Câu mẫu" or of "Hỏi đáp", in any
 * order, extra columns ignored. Other worksheets (the guide, staff's notes) are ignored, unless
 * named like one of the two sheets. A CSV file must be one of the two. Throws a SpreadsheetFileError
 * when a header is wrong or no sheet is recognised.
 */
export function sheetTables(file: { format: SpreadsheetFormat; worksheets: readonly Worksheet[] }): { tables: SheetTable[]; ignored: string[] } {
  const tables: SheetTable[] = [];
  const ignored: string[] = [];
  const csv = file.format === 'csv';
  for (const worksheet of file.worksheets) {
    const [header, ...rows] = worksheet.rows;
    const positions = new Map<string, number>();
    header?.cells.forEach((cell, i) => cell?.kind === 'text' && !positions.has(loose(cell.text)) && positions.set(loose(cell.text), i));
    const matching = Object.values(SHEETS).filter((sheet) => sheet.columns.every((c) => positions.has(loose(c.header))));
    const where = csv ? 'Tệp CSV' : `Trang “${worksheet.name}”`;
    if (matching.length > 1) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.bothHeaders(where));
    const sheet = matching[0];
    if (sheet) {
      const columns = Object.fromEntries(sheet.columns.map((c) => [c.key, positions.get(loose(c.header))!]));
      tables.push({ kind: sheet.kind, sheet: worksheet.name, columns, rows });
      continue;
    }
    if (csv) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.csvHeader);
    const namesake = Object.values(SHEETS).find((s) => loose(s.name) === loose(worksheet.name));
    if (namesake && header) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.wrongHeader(namesake.name, namesake.columns.map((c) => c.header)));
    ignored.push(worksheet.name);
  }
  if (tables.length === 0) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.noKnownSheet);
  return { tables, ignored };
}
