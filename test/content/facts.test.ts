import { beforeAll, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/bot.js';
import { AMOUNT, FACTS, SOURCES_LINE, UNKNOWN, UNKNOWN_MUST_SAY, askFact, replyText } from '../../src/content/fact-table.js';

let bot: Bot;
beforeAll(() => {
  bot = createBot();
});

describe('facts stated by the bot', () => {
  it.each(FACTS)('"%s" → %s / %s', async (question, intent, aspect, mustSay) => {
    const turn = await askFact(bot.engine, question);
    expect(turn.intent).toBe(intent);
    expect(turn.aspect).toBe(aspect);
    const text = replyText(turn.replies);
    for (const fact of mustSay) expect(text).toContain(fact);
    expect(text).toMatch(SOURCES_LINE);
  });

  it.each(UNKNOWN)('"%s" → says it has no verified answer and where to check', async (question, intent, aspect) => {
    const turn = await askFact(bot.engine, question);
    expect(turn.intent).toBe(intent);
    expect(turn.aspect).toBe(aspect);
    const text = replyText(turn.replies);
    for (const phrase of UNKNOWN_MUST_SAY) expect(text).toContain(phrase);
    expect(text).not.toMatch(AMOUNT);
  });
});
