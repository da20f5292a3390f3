import type { ContentFiles } from '../../content/content-files.js';
import { guardedCsvText } from './csv/csv-cells.js';
import { formatCsv } from './csv/csv-text.js';
import { unitExamplePlaces, type UnitExamplesPlace } from '../review/unit-example.js';
import { intentRecords, type IntentRecord } from './intent-records.js';
import { GUIDE, SHEETS, type SheetKind } from './sheet-definitions.js';
import { writeXlsx } from './xlsx/xlsx-writer.js';

/**
 * The rows of one sheet (header excluded) for a version's intents, sorted by intent id; the examples
 * sheet then lists the answer units' own examples, under the unit's id.
 */
function sheetRows(records: Iterable<IntentRecord>, units: ReadonlyMap<string, UnitExamplesPlace>, kind: SheetKind): string[][] {
  const rows: string[][] = [];
  for (const r of records) {
    if (kind === 'examples') for (const example of r.examples) rows.push([r.id, example]);
    else rows.push([r.id, r.title, r.description, r.answer.kind === 'text' ? r.answer.text : '']);
  }
  if (kind === 'examples') for (const [id, place] of units) for (const example of place.examples) rows.push([id, example]);
  return rows;
}

/** A version's training examples and FAQ as an .xlsx workbook: "Câu mẫu", "Hỏi đáp", and a guide. */
export function contentWorkbook(files: ContentFiles): Uint8Array {
  const records = [...intentRecords(files).values()];
  const units = unitExamplePlaces(files);
  return writeXlsx([
    ...Object.values(SHEETS).map((sheet) => ({ name: sheet.name, columns: sheet.columns, rows: sheetRows(records, units, sheet.kind) })),
    { name: GUIDE.name, columns: [{ header: GUIDE.name, width: 120 }], rows: GUIDE.lines.map((line) => [line]) },
  ]);
}

/**
 * One sheet of a version as CSV, UTF-8 with a byte order mark (without it Excel shows Vietnamese
 * as mojibake), texts Excel would run as formulas guarded with an apostrophe.
 */
export function contentCsv(files: ContentFiles, kind: SheetKind): string {
  const header = SHEETS[kind].columns.map((c) => c.header);
  const rows = sheetRows(intentRecords(files).values(), unitExamplePlaces(files), kind).map((row) => row.map(guardedCsvText));
  return `\uFEFF${formatCsv([header, ...rows])}`;
}
