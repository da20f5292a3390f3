/** One cell as read from a file: text, a formula (whatever it computed), or another value (number, date, true/false, error). */
export type Cell =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'formula' }
  | { readonly kind: 'other'; readonly shown: string };

/** A row of a worksheet: its number as the spreadsheet shows it (1 = first) and its cells by column (0 = A). */
export interface WorksheetRow {
  readonly number: number;
  readonly cells: readonly (Cell | undefined)[];
}

/** One worksheet of an .xlsx file, or the one table of a CSV file (named ""). */
export interface Worksheet {
  readonly name: string;
  readonly rows: readonly WorksheetRow[];
}

/** Rows of a worksheet beyond this are refused (the FAQ and examples are a few thousand rows). */
export const MAX_ROWS = 20_000;

/** Columns beyond this are ignored: the sheets have at most four. */
export const MAX_COLUMNS = 64;

/** The column's letters as the spreadsheet shows them: 0 → A, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
