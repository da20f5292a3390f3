import { beforeAll, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/bot.js';
import { defaultContentPaths, loadContent, loadContentFiles, type ContentBundle } from '../../src/content/content-bundle.js';
import { ContentError } from '../../src/content/content-error.js';
import { readContentFolders, type ContentFiles } from '../../src/content/content-files.js';
import { AMOUNT, SOURCES_LINE, UNKNOWN_MUST_SAY, askFact, expectedPhrases, factCheckProblems, factChecks, replyText } from '../../src/content/fact-checks.js';
import { CHECKED_ASPECTS } from '../../src/content/procedure-schema.js';

let bot: Bot;
let content: ContentBundle;
beforeAll(() => {
  bot = createBot();
  content = loadContent();
});

const problemsOf = (files: ContentFiles) => {
  try {
    loadContentFiles(files);
    return [];
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
};

describe('fact checks kept in content (data/procedures/*.yaml aspects.*.check)', () => {
  it('every procedure checks its office, time limit and fee', () => {
    expect(factChecks(content)).toHaveLength(content.procedures.length * CHECKED_ASPECTS.length);
  });

  it('every check holds through the whole engine', async () => {
    expect(await factCheckProblems(bot.engine, content)).toEqual([]);
  });

  it('a known fact: the reply states the figures of its own text and its phrases, with sources', async () => {
    const check = factChecks(content).find((c) => c.procedure.id === 'khai_sinh' && c.aspect === 'le_phi')!;
    expect(expectedPhrases(check.fact)).toEqual(['8.000 đồng', 'miễn lệ phí']);
    const turn = await askFact(bot.engine, check.question);
    const text = replyText(turn.replies);
    for (const phrase of expectedPhrases(check.fact)) expect(text).toContain(phrase);
    expect(text).toMatch(SOURCES_LINE);
  });

  it('an unknown fact: the reply says it has no verified answer and where to check, and states no amount', async () => {
    const check = factChecks(content).find((c) => c.procedure.id === 'xay_dung' && c.aspect === 'le_phi')!;
    expect('unknown' in check.fact).toBe(true);
    const text = replyText((await askFact(bot.engine, check.question)).replies);
    for (const phrase of UNKNOWN_MUST_SAY) expect(text).toContain(phrase);
    expect(text).not.toMatch(AMOUNT);
  });

  it('a changed fee is checked as changed: the check reads the figure from the text', () => {
    const files = readContentFolders(defaultContentPaths());
    const path = 'data/procedures/khai_sinh.yaml';
    const changed = { ...files, [path]: files[path]!.replace('8.000 đồng/bản sao', '10.000 đồng/bản sao') };
    const procedure = loadContentFiles(changed).procedures.find((p) => p.id === 'khai_sinh')!;
    expect(expectedPhrases(procedure.aspects.le_phi)).toEqual(['10.000 đồng', 'miễn lệ phí']);
  });

  it('refuses a fact without a check, naming the file and the field', () => {
    const files = readContentFolders(defaultContentPaths());
    const path = 'data/procedures/xay_dung.yaml';
    const without = files[path]!.replace(/\n {4}check:\n {6}question: xin giấy phép xây dựng mất bao nhiêu tiền/, '');
    expect(without).not.toBe(files[path]);
    const problems = problemsOf({ ...files, [path]: without });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: path, field: 'aspects.le_phi' });
    expect(problems[0]!.message).toContain('thiếu câu hỏi kiểm tra');
  });

  it('refuses a phrase to state that is no longer in the fact, saying what to change', () => {
    const files = readContentFolders(defaultContentPaths());
    const path = 'data/procedures/khai_sinh.yaml';
    const text = files[path]!.replace('được miễn lệ phí;', 'không mất tiền;').replace('cũng được miễn lệ phí hộ tịch', 'cũng không mất tiền');
    const problems = problemsOf({ ...files, [path]: text });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: path, field: 'aspects.le_phi.check.mustSay.0' });
    expect(problems[0]!.message).toContain('"miễn lệ phí" không có trong nội dung');
  });
});
