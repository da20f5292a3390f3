/**
 * Unifies old and new tone-mark placement in the open syllables "oa", "oe", "uy":
 * "hoà"/"hòa", "khoẻ"/"khỏe", "thuý"/"thúy" all become the form with the mark on the first vowel.
 * Closed syllables ("hoàn", "thuyền") have only one correct placement and are left alone,
 * and "qu" + "y" ("quý") keeps its mark on the "y" because "u" belongs to the consonant.
 */
const TONE = '[\\u0300\\u0301\\u0303\\u0309\\u0323]';

// In NFD a tone mark follows its base letter, so moving it is a swap of two code points.
const OPEN_OA_OE = new RegExp(`(o)([ae])(${TONE})(?![\\p{L}\\p{M}])`, 'gu');
const OPEN_UY = new RegExp(`(^|[^q\\p{M}])(u)(y)(${TONE})(?![\\p{L}\\p{M}])`, 'gu');

export function unifyTonePlacement(nfcLower: string): string {
  const decomposed = nfcLower.normalize('NFD');
  return decomposed
    .replace(OPEN_OA_OE, (_m, o: string, v: string, tone: string) => o + tone + v)
    .replace(OPEN_UY, (_m, before: string, u: string, y: string, tone: string) => before + u + tone + y)
    .normalize('NFC');
}
