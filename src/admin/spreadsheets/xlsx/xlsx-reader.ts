import { posix } from 'node:path';
import { unzipSync } from 'fflate';
import { SpreadsheetFileError } from '../spreadsheet-file-error.js';
import { SPREADSHEET_MESSAGES } from '../spreadsheet-messages.js';
import { MAX_COLUMNS, MAX_ROWS, type Cell, type Worksheet, type WorksheetRow } from '../worksheet.js';
import { decodeCellText } from './cell-text.js';
import { readXml, XmlSyntaxError, type XmlHandlers } from './xml-reader.js';

/** Unpacked XML beyond this is refused (a 2 MB upload that unpacks to gigabytes is a zip bomb). */
const MAX_UNPACKED_MB = 50;

type Parts = Readonly<Record<string, Uint8Array>>;

interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
}

/**
 * The worksheets of an .xlsx file (Office Open XML, as Excel, LibreOffice and Google Sheets save
 * it), in workbook order, each cell as text, formula or other value. Only the parts that hold
 * cells are read: the workbook, its relationships, the shared strings and the worksheets.
 * Throws a SpreadsheetFileError (in Vietnamese) when the file is not such a workbook or is damaged.
 */
export function readXlsx(bytes: Uint8Array): Worksheet[] {
  const parts = unpack(bytes);
  const officeDocument = relationships(parts, '').find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = officeDocument ? resolve('', officeDocument.target) : 'xl/workbook.xml';
  if (!parts[workbookPath]) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.notWorkbook);
  const related = relationships(parts, workbookPath);
  const sharedStrings = related.find((r) => r.type.endsWith('/sharedStrings'));
  const strings = sharedStrings ? readSharedStrings(parts, resolve(workbookPath, sharedStrings.target)) : [];
  return sheetsOf(parts, workbookPath).flatMap(({ name, id }) => {
    const relation = related.find((r) => r.id === id && r.type.endsWith('/worksheet'));
    // Chart sheets and dialog sheets hold no cells.
    return relation ? [{ name, rows: readRows(parts, resolve(workbookPath, relation.target), strings, name) }] : [];
  });
}

function unpack(bytes: Uint8Array): Parts {
  let unpacked = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        if (!/\.(xml|rels)$/i.test(file.name)) return false;
        unpacked += file.originalSize;
        if (unpacked > MAX_UNPACKED_MB * 1024 * 1024) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.unpackedTooLarge(MAX_UNPACKED_MB));
        return true;
      },
    });
  } catch (error) {
    if (error instanceof SpreadsheetFileError) throw error;
    throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.notZip);
  }
}

/** Reads one XML part with the handlers; a part that is not UTF-8 or not well-formed means the file is damaged. */
function readPart(parts: Parts, path: string, handlers: XmlHandlers): void {
  const bytes = parts[path];
  if (!bytes) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.corruptPart(path));
  try {
    readXml(new TextDecoder('utf-8', { fatal: true }).decode(bytes), handlers);
  } catch (error) {
    if (error instanceof XmlSyntaxError || error instanceof TypeError) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.corruptPart(path));
    throw error;
  }
}

/** The relationships of a part ("" = the package itself); none when it has no relationships part. */
function relationships(parts: Parts, of: string): Relationship[] {
  const path = posix.join(posix.dirname(of), '_rels', `${posix.basename(of)}.rels`);
  const found: Relationship[] = [];
  if (!parts[path]) return found;
  readPart(parts, path, {
    open: (name, a) => {
      if (name === 'Relationship' && a.Id && a.Type && a.Target) found.push({ id: a.Id, type: a.Type, target: a.Target });
    },
  });
  return found;
}

/** A relationship's target as a part path: absolute ("/xl/…") or relative to the source part's folder. */
const resolve = (source: string, target: string): string =>
  target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(posix.dirname(source), target));

function sheetsOf(parts: Parts, workbookPath: string): { name: string; id: string }[] {
  const sheets: { name: string; id: string }[] = [];
  readPart(parts, workbookPath, {
    // The relationship id is the "r:id" attribute; names arrive without their prefix.
    open: (name, a) => name === 'sheet' && a.name !== undefined && a.id !== undefined && sheets.push({ name: a.name, id: a.id }),
  });
  return sheets;
}

/** The shared strings table: each item's text, runs joined, phonetic hints (rPh) left out. */
function readSharedStrings(parts: Parts, path: string): string[] {
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let phonetic = 0;
  readPart(parts, path, {
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    text: (text) => {
      if (inText) current += text;
    },
    close: (name) => {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') strings.push(decodeCellText(current));
    },
  });
  return strings;
}

function readRows(parts: Parts, path: string, strings: readonly string[], sheet: string): WorksheetRow[] {
  const rows: WorksheetRow[] = [];
  let rowNumber = 0;
  let cells: (Cell | undefined)[] = [];
  let column = -1;
  let cell = { type: 'n', formula: false, value: '', inline: '' };
  let capture: 'value' | 'inline' | undefined;
  let inInline = false;
  let phonetic = 0;
  const damaged = () => new SpreadsheetFileError(SPREADSHEET_MESSAGES.corruptPart(path));
  readPart(parts, path, {
    open: (name, a) => {
      if (name === 'row') {
        rowNumber = a.r === undefined ? rowNumber + 1 : Number(a.r);
        if (!Number.isSafeInteger(rowNumber) || rowNumber < 1) throw damaged();
        cells = [];
        column = -1;
      } else if (name === 'c') {
        column = a.r === undefined ? column + 1 : columnIndex(a.r, column + 1);
        cell = { type: a.t ?? 'n', formula: false, value: '', inline: '' };
      } else if (name === 'f') cell.formula = true;
      else if (name === 'v') capture = 'value';
      else if (name === 'is') inInline = true;
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && inInline && phonetic === 0) capture = 'inline';
    },
    text: (text) => {
      if (capture) cell[capture] += text;
    },
    close: (name) => {
      if (name === 'v' || name === 't') capture = undefined;
      else if (name === 'is') inInline = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c' && column < MAX_COLUMNS) cells[column] = cellOf(cell, strings, damaged);
      else if (name === 'row' && cells.some((c) => c !== undefined)) {
        if (rows.length > MAX_ROWS) throw new SpreadsheetFileError(SPREADSHEET_MESSAGES.tooManyRows(`Trang “${sheet}”`));
        rows.push({ number: rowNumber, cells });
      }
    },
  });
  return rows;
}

/** "AB12" → 27; `fallback` when the reference has no letters. */
function columnIndex(reference: string, fallback: number): number {
  const letters = /^[A-Za-z]{1,3}/.exec(reference)?.[0];
  if (!letters) return fallback;
  return [...letters.toUpperCase()].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

function cellOf(cell: { type: string; formula: boolean; value: string; inline: string }, strings: readonly string[], damaged: () => Error): Cell | undefined {
  if (cell.formula) return { kind: 'formula' };
  switch (cell.type) {
    case 's': {
      const text = /^\d+$/.test(cell.value) ? strings[Number(cell.value)] : undefined;
      if (text === undefined) throw damaged();
      return { kind: 'text', text };
    }
    case 'inlineStr':
      return { kind: 'text', text: decodeCellText(cell.inline) };
    case 'str':
      return { kind: 'text', text: decodeCellText(cell.value) };
    case 'b':
      return { kind: 'other', shown: cell.value === '1' ? 'TRUE' : 'FALSE' };
    default:
      // Numbers (dates are numbers with a date format), errors, ISO dates.
      return cell.value === '' ? undefined : { kind: 'other', shown: cell.value };
  }
}
