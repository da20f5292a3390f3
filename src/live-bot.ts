import type { Bot } from './bot.js';

/**
 * The bot serving citizens, replaceable while running. A turn takes `current()` once and finishes
 * on that engine; the next turn gets whatever was swapped in meanwhile. A swap is one reference
 * assignment: the new bot is trained and checked before.
 */
export class LiveBot {
  constructor(
    private bot: Bot,
    /** The published content version it serves; none for the repository's files. */
    private version?: number,
  ) {}

  current(): Bot {
    return this.bot;
  }

  get versionId(): number | undefined {
    return this.version;
  }

  /** Serves `bot` from now on, unless a newer version is already served (publishers and pollers may race); true when swapped. */
  swap(bot: Bot, versionId: number): boolean {
    if (this.version !== undefined && versionId <= this.version) return false;
    this.bot = bot;
    this.version = versionId;
    return true;
  }
}
