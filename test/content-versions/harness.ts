import { assembleBot, trainNlu } from '../../src/bot.js';
import { loadContentFiles } from '../../src/content/content-bundle.js';
import { readContentFiles, type ContentFiles } from '../../src/content/content-files.js';
import { ContentPublisher } from '../../src/content-versions/content-publisher.js';
import type { ContentVersionStore } from '../../src/content-versions/content-version-store.js';
import { LiveBot } from '../../src/live-bot.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';

/** The repository's content, as the seed. */
export const SEED: ContentFiles = readContentFiles('.');

export const OLD_THANKS = 'Trợ lý rất vui được hỗ trợ Anh/Chị';

/** The seed with one file changed. */
export function edited(path: string, change: (text: string) => string, files: ContentFiles = SEED): ContentFiles {
  const text = files[path];
  if (text === undefined) throw new Error(`no ${path}`);
  const changed = change(text);
  if (changed === text) throw new Error(`the edit of ${path} changed nothing`);
  return { ...files, [path]: changed };
}

/** The seed where the reply to "cảm ơn" says `words`. */
export const thanksSaying = (words: string): ContentFiles =>
  edited('data/topics/hoi_thoai.cam_on.yaml', (s) => s.replace(OLD_THANKS, `${words}. ${OLD_THANKS}`));

const conversations = SqlConversationStore.inMemory();
const assemble = (content: Parameters<typeof assembleBot>[0], nlu: Parameters<typeof assembleBot>[1]) => assembleBot(content, nlu, { store: conversations });

/** A live bot on the seed (or `files`), as an instance starts. */
export function liveBotOn(files: ContentFiles = SEED, version?: number): LiveBot {
  const content = loadContentFiles(files);
  return new LiveBot(assemble(content, trainNlu(content)), version);
}

export const publisherFor = (store: ContentVersionStore, live?: LiveBot, minAccuracy?: number) =>
  new ContentPublisher({ store, seed: () => SEED, assemble, ...(live ? { live } : {}), ...(minAccuracy !== undefined ? { minAccuracy } : {}) });

let turn = 0;
/** Asks the bot serving now, in a conversation of its own; the reply's text. */
export async function ask(live: LiveBot, text: string): Promise<string> {
  const n = ++turn;
  const result = await live.current().engine.handleTurn({
    channel: 'test',
    conversationId: `c${n}`,
    userId: 'u',
    platformMessageId: `m${n}`,
    text,
    receivedAt: new Date(),
  });
  return result.replies.map((r) => r.text).join('\n');
}

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
