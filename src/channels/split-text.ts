/**
 * Splits a message for platforms with a length limit (Zalo 2,000, Telegram 4,096 characters):
 * at a line break when possible, else at a sentence end, else at a space; never mid-word unless
 * a single word is longer than the limit.
 */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const head = rest.slice(0, limit);
    let cut = -1;
    for (const boundary of [/\n(?=[^\n]*$)/, /[.!?…](?=\s[^.!?…]*$)/, /\s(?=\S*$)/]) {
      const m = boundary.exec(head);
      if (m && m.index > limit / 4) {
        cut = m.index + (m[0].trim() ? m[0].length : 0);
        break;
      }
    }
    if (cut <= 0) cut = limit;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}
