/**
 * Masks what identifies a citizen before anything is logged or shown to staff: e-mail addresses,
 * ID numbers (12-digit căn cước, 9-digit CMND), phone numbers in every way they are written
 * (0912 345 678, +84 912.345.678, (+84) 912-345-678, 84-912…, (024) 3825 1234…), bank account
 * numbers, and the house number and street of a home address. The last three digits of a number
 * are kept so staff can still tell records apart.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/**
 * A run of digits with at most two separators (space, dot, dash, brackets) between digits,
 * possibly opened by "+" or "(". Each start is a non-digit, so a long run is scanned once.
 */
const DIGIT_RUN = /(?<!\d)(?:\+|\(\+?)?\d(?:[ .()\-]{0,2}\d)*/g;
/** Fewer digits than this are amounts, dates, counts and codes, never a phone, ID or account number. */
const MIN_DIGITS = 9;
const HOUSE_AND_STREET =
  /(?<![\p{L}\p{N}])(?:(?:số nhà|nhà số|số|nhà)\s+)?\d{1,5}[a-z]?(?:\/\d{1,5}[a-z]?)*\s*,?\s*(?:ngõ|ngách|hẻm|kiệt|đường|phố|khu phố|tổ|thôn|xóm|ấp)\s+[^,;\n]{1,40}/giu;

/** The scheme, host and path of a web address (sources in answers): their numbers are page ids, not people's. */
const URL_PATH = /https?:\/\/[^\s?#]+/g;

export function maskPersonalData(text: string): string {
  const urls = text.match(URL_PATH) ?? [];
  return text
    .split(URL_PATH)
    .map(maskPlainText)
    .reduce((joined, part, i) => joined + (i > 0 ? urls[i - 1]! : '') + part, '');
}

function maskPlainText(text: string): string {
  return text
    .replace(EMAIL, (m) => `${m[0]}***@***`)
    .replace(DIGIT_RUN, (run: string, offset: number, whole: string) => (isPersonalNumber(run, gluedWord(whole, offset)) ? keepTail(run, 3) : run))
    .replace(HOUSE_AND_STREET, '[địa chỉ]');
}

/** Words written glued to the number they label ("cccd001 203…", "sđt0912…"). */
const LABELS = new Set(['cccd', 'cmnd', 'cmt', 'sdt', 'sđt', 'dt', 'đt', 'stk', 'tk', 'zalo', 'hotline', 'so', 'số']);

/** The letters written right before `offset`, lower case; empty when the number is not glued to a word. */
function gluedWord(text: string, offset: number): string {
  return (/\p{L}+$/u.exec(text.slice(Math.max(0, offset - 12), offset))?.[0] ?? '').toLowerCase();
}

/**
 * A phone number starts with 0 or 84 (written with any separators); an ID or account number is
 * written with spaces or dashes at most (dots are thousands in amounts: 150.000.000 đồng).
 * Glued to a word other than a label ("H56-250910-0012", an application code), only an unbroken run counts.
 */
function isPersonalNumber(run: string, glued: string): boolean {
  const digits = run.replace(/\D/g, '');
  if (digits.length < MIN_DIGITS) return false;
  if (glued && !LABELS.has(glued)) return /^\d+$/.test(run);
  if (/^[+(]*(0|84)/.test(run)) return true;
  return !run.includes('.');
}

function keepTail(match: string, keep: number): string {
  const digits = match.replace(/\D/g, '');
  return '*'.repeat(Math.max(0, digits.length - keep)) + digits.slice(-keep);
}
