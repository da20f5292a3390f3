import type { Cell } from '../worksheet.js';

/**
 * Excel runs a CSV field that starts with "=", "+", "-", "@", a tab or a carriage return as a
 * formula (a CSV-injection risk: texts may come from citizens' questions). Such texts are exported
 * with a leading apostrophe, and an apostrophe before one of those characters is dropped on import.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const guardedCsvText = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** A CSV field as a cell: an unguarded "=…" is a formula; empty fields are no cell. */
export function csvCell(field: string): Cell | undefined {
  if (field === '') return undefined;
  if (field.startsWith("'") && FORMULA_START.test(field.slice(1))) return { kind: 'text', text: field.slice(1) };
  if (field.startsWith('=')) return { kind: 'formula' };
  return { kind: 'text', text: field };
}
