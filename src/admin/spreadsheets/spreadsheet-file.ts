import { csvCell } from './csv/csv-cells.js';
import { parseCsv } from './csv/csv-text.js';
import { SpreadsheetFileError } from './spreadsheet-file-error.js';
import { SPREADSHEET_MESSAGES } from './spreadsheet-messages.js';
import type { Worksheet } from './worksheet.js';
import { readXlsx } from './xlsx/xlsx-reader.js';

export type SpreadsheetFormat = 'xlsx' | 'csv';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The media types an upload may carry. Browsers label a .csv file differently by system
 * (text/csv, application/vnd.ms-excel where Excel is installed, nothing at all), so the file's
 * bytes decide the format; the label only rules out what is surely not a spreadsheet file.
 */
const ACCEPTED_TYPES = new Set([
  '',
  XLSX_TYPE,
  'application/zip',
  'application/x-zip-compressed',
  'application/octet-stream',
  'application/vnd.ms-excel',
  'text/csv',
  'application/csv',
  'text/plain',
]);
const ZIP_TYPES = new Set([XLSX_TYPE, 'application/zip', 'application/x-zip-compressed']);

const mediaType = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

export const isAcceptedUpload = (contentType: string | undefined): boolean => ACCEPTED_TYPES.has(mediaType(contentType));

/** Control characters that never occur in a text file (tab, line ends and form feed aside): the file is binary. */
const BINARY = /[\u0000-\u0008\u000E-\u001A\u001C-\u001F]/;

/**
 * The worksheets of an uploaded file: an .xlsx workbook (a zip), or a CSV file (UTF-8, with or
 * without a byte order mark) as one worksheet. Throws a SpreadsheetFileError in Vietnamese saying
 * why a file cannot be read: empty, an old .xls, a damaged zip or workbook, not UTF-8 text.
 */
export function readSpreadsheet(bytes: Uint8Array, contentType: string | undefined): { format: SpreadsheetFormat; worksheets: Worksheet[] } {
  if (bytes.length === 0) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.emptyFile);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return { format: 'xlsx', worksheets: readXlsx(bytes) };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.legacyXls);
  if (ZIP_TYPES.has(mediaType(contentType))) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.notZip);
  return { format: 'csv', worksheets: [readCsv(bytes)] };
}

function readCsv(bytes: Uint8Array): Worksheet {
  let text: string;
  try {
    // The decoder drops a leading byte order mark.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.notUtf8);
  }
  if (BINARY.test(text)) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.notUtf8);
  if (text.trim() === '') throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.emptyFile);
  const rows = parseCsv(text)
    .map((fields, i) => ({ number: i + 1, cells: fields.map(csvCell) }))
    .filter((row) => row.cells.some((c) => c !== undefined));
  return { name: '', rows };
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);
