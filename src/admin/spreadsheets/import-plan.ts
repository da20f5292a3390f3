import { exampleKey } from '../../content/example-key.js';
import type { UnitExamplesPlace } from '../review/unit-example.js';
import type { IntentRecord } from './intent-records.js';
import { FIELD_LIMITS, SHEETS, type ColumnKey, type SheetKind } from './sheet-definitions.js';
import type { SheetTable } from './sheet-tables.js';
import { SPREADSHEET_MESSAGES } from './spreadsheet-messages.js';
import { columnName, type WorksheetRow } from './worksheet.js';

export type RowStatus = 'added' | 'changed' | 'unchanged' | 'rejected';

export type FaqField = 'title' | 'description' | 'answer';

export interface FieldChange {
  readonly field: FaqField;
  readonly before: string;
  readonly after: string;
}

/** What importing one row would do, and why not when it is rejected. */
export interface RowOutcome {
  readonly kind: SheetKind;
  /** The worksheet's name; "" for a CSV file. */
  readonly sheet: string;
  readonly row: number;
  readonly status: RowStatus;
  /** The intent id as given ("" when missing). */
  readonly intent: string;
  /** The training example (examples sheet); for a rejected FAQ row, its title. */
  readonly text?: string;
  /** The fields that change (FAQ sheet). */
  readonly changes?: readonly FieldChange[];
  readonly reason?: string;
}

/** Every row's outcome, and what the rows that are not rejected change. */
export interface ImportPlan {
  readonly rows: readonly RowOutcome[];
  /** New training examples by intent, in the file's order. */
  readonly examples: ReadonlyMap<string, readonly string[]>;
  /** New examples of answer units, by unit id (an id with "/" in the examples sheet's id column). */
  readonly unitExamples: ReadonlyMap<string, readonly string[]>;
  /** New FAQ field values by intent. */
  readonly fields: ReadonlyMap<string, Readonly<Partial<Record<FaqField, string>>>>;
}

/** One-line texts (ids, examples, titles, descriptions): Unicode NFC, runs of spaces and line breaks as one space. */
const oneLine = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();
/** A short answer keeps its line breaks. */
const paragraph = (text: string): string => text.normalize('NFC').replace(/\r\n?/g, '\n').trim();

/**
 * What importing the sheets into a version (its intents given) would do, row by row. Examples are
 * only added, never removed; an example already under its intent is unchanged. FAQ rows change the
 * title, description and (for intents that answer with a short text) the answer. A row is rejected,
 * with the reason in Vietnamese, for an unknown intent, an empty or too long text, a formula or a
 * non-text cell, an example under another intent, or a row repeating an earlier one. Blank rows are skipped.
 */
export function planImport(
  tables: readonly SheetTable[],
  records: ReadonlyMap<string, IntentRecord>,
  units: ReadonlyMap<string, UnitExamplesPlace> = new Map(),
): ImportPlan {
  const rows: RowOutcome[] = [];
  const examples = new Map<string, string[]>();
  const unitExamples = new Map<string, string[]>();
  const fields = new Map<string, Partial<Record<FaqField, string>>>();
  const exampleRows = new ExampleRows(records);
  const faqRows = new Map<string, number>();

  for (const table of tables) {
    for (const row of table.rows) {
      const read = rowTexts(table, row);
      if (read === 'blank') continue;
      const base = { kind: table.kind, sheet: table.sheet, row: row.number };
      const intent = oneLine(read.values.intent ?? '').toLowerCase();
      // What staff recognise the row by.
      const text = oneLine((table.kind === 'examples' ? read.values.example : read.values.title) ?? '');
      const reject = (reason: string): void => void rows.push({ ...base, status: 'rejected', intent, ...(text ? { text } : {}), reason });
      if (read.problem) {
        reject(read.problem);
      } else if (!intent) {
        reject(SPREADSHEET_MESSAGES.missingIntent);
      } else if (table.kind === 'examples' && intent.includes('/')) {
        // An answer unit's example: it stays with the unit, so it may repeat an intent's example.
        const place = units.get(intent);
        const added = unitExamples.get(intent) ?? [];
        if (!place) reject(SPREADSHEET_MESSAGES.unknownUnit(intent));
        else if (!text) reject(SPREADSHEET_MESSAGES.emptyExample);
        else if (text.length > FIELD_LIMITS.example.max) reject(SPREADSHEET_MESSAGES.tooLong(FIELD_LIMITS.example.label, FIELD_LIMITS.example.max));
        else if ([...place.examples, ...added].some((e) => exampleKey(e) === exampleKey(text))) rows.push({ ...base, status: 'unchanged', intent, text });
        else {
          rows.push({ ...base, status: 'added', intent, text });
          unitExamples.set(intent, [...added, text]);
        }
      } else if (!records.has(intent)) {
        reject(SPREADSHEET_MESSAGES.unknownIntent(intent));
      } else if (table.kind === 'examples') {
        const outcome = exampleRows.judge(intent, text, row.number);
        if (outcome.status === 'rejected') reject(outcome.reason);
        else rows.push({ ...base, status: outcome.status, intent, text });
        if (outcome.status === 'added') examples.set(intent, [...(examples.get(intent) ?? []), text]);
      } else {
        const earlier = faqRows.get(intent);
        const judged = earlier === undefined ? judgeFaq(records.get(intent)!, read.values) : { reason: SPREADSHEET_MESSAGES.duplicateIntent(earlier) };
        if ('reason' in judged) {
          reject(judged.reason);
          continue;
        }
        faqRows.set(intent, row.number);
        rows.push({ ...base, status: judged.changes.length > 0 ? 'changed' : 'unchanged', intent, changes: judged.changes });
        if (judged.changes.length > 0) fields.set(intent, Object.fromEntries(judged.changes.map((c) => [c.field, c.after])));
      }
    }
  }
  return { rows, examples, unitExamples, fields };
}

/**
 * The texts of a row's cells in the sheet's columns: "blank" when they are all empty, or the
 * first cell that is a formula or not text.
 */
function rowTexts(table: SheetTable, row: WorksheetRow): 'blank' | { values: Partial<Record<ColumnKey, string>>; problem?: string } {
  const values: Partial<Record<ColumnKey, string>> = {};
  let problem: string | undefined;
  let blank = true;
  for (const { key } of SHEETS[table.kind].columns) {
    const column = table.columns[key]!;
    const cell = row.cells[column];
    if (cell === undefined) continue;
    const where = `${columnName(column)}${row.number}`;
    if (cell.kind === 'text') {
      values[key] = cell.text;
      if (cell.text.trim() !== '') blank = false;
      continue;
    }
    blank = false;
    problem ??= cell.kind === 'formula' ? SPREADSHEET_MESSAGES.formula(where) : SPREADSHEET_MESSAGES.notText(where, cell.shown);
  }
  return blank ? 'blank' : { values, ...(problem ? { problem } : {}) };
}

/** Judges example rows in order, remembering what the file adds so far. */
class ExampleRows {
  /** The intent that has each example (by key), in the version. */
  private readonly owners = new Map<string, string>();
  /** Each intent's examples as written (one-line), in the version. */
  private readonly existing = new Map<string, Set<string>>();
  /** The first row adding each example (by key), and each exact text added to an intent. */
  private readonly addedKeys = new Map<string, { row: number; intent: string }>();
  private readonly addedTexts = new Map<string, number>();

  constructor(records: ReadonlyMap<string, IntentRecord>) {
    for (const record of records.values()) {
      this.existing.set(record.id, new Set(record.examples.map(oneLine)));
      for (const example of record.examples) if (!this.owners.has(exampleKey(example))) this.owners.set(exampleKey(example), record.id);
    }
  }

  judge(intent: string, text: string, row: number): { status: 'added' | 'unchanged' } | { status: 'rejected'; reason: string } {
    if (!text) return { status: 'rejected', reason: SPREADSHEET_MESSAGES.emptyExample };
    const limit = FIELD_LIMITS.example;
    if (text.length > limit.max) return { status: 'rejected', reason: SPREADSHEET_MESSAGES.tooLong(limit.label, limit.max) };
    if (this.existing.get(intent)?.has(text)) return { status: 'unchanged' };
    const key = exampleKey(text);
    const owner = this.owners.get(key);
    // The same words with other accents may be another example of the same intent (typed without accents, say).
    if (owner && owner !== intent) return { status: 'rejected', reason: SPREADSHEET_MESSAGES.exampleElsewhere(owner) };
    const earlier = this.addedKeys.get(key);
    const sameText = this.addedTexts.get(`${intent}\n${text}`);
    if (sameText !== undefined) return { status: 'rejected', reason: SPREADSHEET_MESSAGES.duplicateExample(sameText, intent) };
    if (earlier && earlier.intent !== intent) return { status: 'rejected', reason: SPREADSHEET_MESSAGES.duplicateExample(earlier.row, earlier.intent) };
    if (!earlier) this.addedKeys.set(key, { row, intent });
    this.addedTexts.set(`${intent}\n${text}`, row);
    return { status: 'added' };
  }
}

/** A FAQ row against its intent: the fields it changes, or why it is rejected. */
function judgeFaq(record: IntentRecord, values: Partial<Record<ColumnKey, string>>): { changes: FieldChange[] } | { reason: string } {
  const title = oneLine(values.title ?? '');
  const description = oneLine(values.description ?? '');
  const answer = paragraph(values.answer ?? '');
  const checks: [FaqField, string][] = [
    ['title', title],
    ['description', description],
  ];
  if (record.answer.kind === 'text') checks.push(['answer', answer]);
  else if (answer) return { reason: SPREADSHEET_MESSAGES.answerNotText(record.answer.kind) };
  for (const [field, value] of checks) {
    const limit = FIELD_LIMITS[field];
    if (!value) return { reason: SPREADSHEET_MESSAGES.emptyField(limit.label) };
    if (value.length > limit.max) return { reason: SPREADSHEET_MESSAGES.tooLong(limit.label, limit.max) };
  }
  const before: Record<FaqField, string> = {
    title: record.title,
    description: record.description,
    answer: record.answer.kind === 'text' ? record.answer.text : '',
  };
  const changes = checks
    .filter(([field, value]) => value !== (field === 'answer' ? paragraph : oneLine)(before[field]))
    .map(([field, after]) => ({ field, before: before[field], after }));
  return { changes };
}
