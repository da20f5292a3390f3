/**
 * Folds Vietnamese to its unaccented form for diacritic-insensitive matching.
 * Combining marks are removed after NFD, and "đ" (a letter of its own, not a composed one)
 * is mapped explicitly — NFD alone leaves it untouched.
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

export function hasDiacritics(text: string): boolean {
  return foldDiacritics(text) !== text;
}
