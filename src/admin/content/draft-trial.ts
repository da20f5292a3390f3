import { assembleBot, trainNlu, type Bot } from '../../bot.js';
import { loadContentFiles } from '../../content/content-bundle.js';
import type { ContentFiles } from '../../content/content-files.js';
import type { Reply } from '../../engine/reply.js';
import type { Decision, ScoredIntent } from '../../nlu/decision.js';

/** How many ranked intents a trial shows. */
const RANKED_SHOWN = 5;

/** How a version's content understands and answers one question. */
export interface TrialResult {
  readonly ranked: readonly ScoredIntent[];
  readonly aspect: string | null;
  readonly decision: Decision | null;
  readonly outcome: string;
  readonly intent: string | null;
  readonly replies: readonly Reply[];
}

/**
 * Asks questions of a version's content as citizens would, on a throwaway bot (conversations in
 * memory, nothing shared with the live bot). The last version's bot is kept: staff try many
 * questions in a row against the same draft. Throws a ContentError when the files do not load.
 */
export class DraftTrial {
  private cached: { readonly version: number | undefined; readonly bot: Bot } | undefined;
  private turns = 0;

  /** `version` undefined: the live content when no version was ever stored (the repository's files). */
  async ask(version: number | undefined, files: () => Promise<ContentFiles>, text: string): Promise<TrialResult> {
    const bot = await this.botFor(version, files);
    const n = ++this.turns;
    const result = await bot.engine.handleTurn({
      channel: 'trial',
      conversationId: `trial-${n}`,
      userId: 'staff',
      platformMessageId: `trial-${n}`,
      text,
      receivedAt: new Date(),
    });
    const analysis = result.analysis;
    return {
      ranked: analysis?.ranked.slice(0, RANKED_SHOWN) ?? [],
      aspect: result.aspect ?? analysis?.aspect ?? null,
      decision: analysis?.decision ?? null,
      outcome: result.outcome,
      intent: result.intent ?? null,
      replies: result.replies,
    };
  }

  private async botFor(version: number | undefined, files: () => Promise<ContentFiles>): Promise<Bot> {
    if (this.cached && this.cached.version === version) return this.cached.bot;
    const content = loadContentFiles(await files());
    const bot = assembleBot(content, trainNlu(content));
    this.cached = { version, bot };
    return bot;
  }
}
