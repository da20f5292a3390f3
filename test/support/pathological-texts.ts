/**
 * Messages built to find super-linear steps in the NLU, each about `size` characters long:
 * ordinary text at length, one word repeated, one token without spaces, an emoji flood, deep
 * punctuation, separators inside a "code", stacked combining marks, and a token of letters in
 * no pattern (the same for a given size: a fixed-seed generator).
 */
export function pathologicalTexts(size: number): Record<string, string> {
  const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  let seed = 2025;
  const letter = (): string => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return 'abcdeghiklmnopqrstuvxy'[Math.floor((seed / 2_147_483_648) * 22)]!;
  };
  return {
    randomLetters: Array.from({ length: size }, letter).join(''),
    longText: fill('Cho tôi hỏi thủ tục đăng ký khai sinh cho con cần giấy tờ gì, lệ phí bao nhiêu? '),
    repeatedWord: fill('khaisinh '),
    tokenWithoutSpaces: fill('dangkykhaisinh'),
    emoji: fill('😀🇻🇳👍🏽❤️‍🔥'),
    punctuation: fill('((([[{!?.,;:…'),
    emoticons: fill(' :))) =))'),
    codeSeparators: fill('a.1-b/2_'),
    combiningMarks: 'a' + fill('\u0301\u0323'),
  };
}
