/**
 * Unicode stage: phones send NFD (decomposed) text, keyboards mix precomposed forms.
 * Everything downstream works on NFC lower case.
 */
// A Vietnamese letter carries at most two marks (ệ: circumflex and dot below). Longer runs are
// cut first: normalisation sorts a run of marks by insertion, in time quadratic in its length.
const MARK_RUN = /(\p{M}{2})\p{M}+/gu;

export function toNfcLower(text: string): string {
  return text.replace(MARK_RUN, '$1').normalize('NFC').toLowerCase();
}
