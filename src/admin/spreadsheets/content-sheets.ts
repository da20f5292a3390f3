import type { ContentFiles } from '../../content/content-files.js';
import { guardedCsvText } from './csv/csv-cells.js';
import { formatCsv } from './csv/csv-text.js';
import { intentRecords, type IntentRecord } from './intent-records.js';
import { GUIDE, SHEETS, type SheetKind } from './sheet-definitions.js';
import { writeXlsx } from './xlsx/xlsx-writer.js';

/** The rows of one sheet (header excluded) for a version's intents, sorted by intent id. */
function sheetRows(records: Iterable<IntentRecord>, kind: SheetKind): string[][] {
  const rows: string[][] = [];
  for (const r of records) {
    if (kind === 'examples') for (const example of r.examples) rows.push([r.id, example]);
    else rows.push([r.id, r.title, r.description, r.answer.kind === 'text' ? r.answer.text : '']);
  }
  return rows;
}

/** A version's training examples and FAQ as an .xlsx workbook: "Câu mẫu", "Hỏi đáp", and a guide. */
export function contentWorkbook(files: ContentFiles): Uint8Array {
  const records = [...intentRecords(files).values()];
  return writeXlsx([
    ...Object.values(SHEETS).map((sheet) => ({ name: sheet.name, columns: sheet.columns, rows: sheetRows(records, sheet.kind) })),
    { name: GUIDE.name, columns: [{ header: GUIDE.name, width: 120 }], rows: GUIDE.lines.map((line) => [line]) },
  ]);
}

/**
 * One sheet of a version as CSV, UTF-8 with a byte order mark (without it Excel shows Vietnamese
 * as mojibake), texts Excel would run as formulas guarded with an apostrophe.
 */
export function contentCsv(files: ContentFiles, kind: SheetKind): string {
  const header = SHEETS[kind].columns.map((c) => c.header);
  const rows = sheetRows(intentRecords(files).values(), kind).map((row) => row.map(guardedCsvText));
  return `\uFEFF${formatCsv([header, ...rows])}`;
}
