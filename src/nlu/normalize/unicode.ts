/**
 * Unicode stage: phones send NFD (decomposed) text, keyboards mix precomposed forms.
 * Everything downstream works on NFC lower case.
 */
export function toNfcLower(text: string): string {
  return text.normalize('NFC').toLowerCase();
}
