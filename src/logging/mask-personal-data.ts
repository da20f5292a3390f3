/**
 * Masks what identifies a citizen before anything is logged: e-mail addresses, ID numbers
 * (12-digit căn cước, 9-digit CMND), and phone numbers (0xxxxxxxxx, +84…, 84…, with or without
 * separators). The last two or three digits are kept so staff can still tell records apart.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Digits possibly separated by spaces, dots or dashes, not glued to other digits or letters.
const PHONE = /(?<![\p{L}\p{N}])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?![\p{L}\p{N}])/gu;
const ID_NUMBER = /(?<![\p{L}\p{N}])(?:\d{12}|\d{9})(?![\p{L}\p{N}])/gu;

export function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, (m) => `${m[0]}***@***`)
    .replace(PHONE, (m) => keepTail(m, 3))
    .replace(ID_NUMBER, (m) => keepTail(m, 3));
}

function keepTail(match: string, keep: number): string {
  const digits = match.replace(/\D/g, '');
  return '*'.repeat(Math.max(0, digits.length - keep)) + digits.slice(-keep);
}
