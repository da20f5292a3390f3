import { answerUnits, partKey } from './content/answer-units.js';
import { ContentAnswerSource } from './content/content-answers.js';
import { loadContent, defaultContentPaths, type ContentBundle, type ContentPaths } from './content/content-bundle.js';
import { localityPlaceholders } from './content/locality-schema.js';
import type { ConversationStore } from './engine/conversation-store.js';
import { contextPairs } from './engine/dialog-model/context-pairs.js';
import { DialogModel } from './engine/dialog-model/dialog-model.js';
import { DEFAULT_ENGINE_OPTIONS, Engine, type TurnLogger } from './engine/engine.js';
import { Nlu, type NluTrainingData } from './nlu/nlu.js';
import { SqlConversationStore } from './store/conversation-store.js';

export interface Bot {
  readonly content: ContentBundle;
  readonly nlu: Nlu;
  readonly engine: Engine;
  readonly store: ConversationStore;
}

export function trainingData(content: ContentBundle): NluTrainingData {
  return {
    examples: content.intents.flatMap((i) => i.examples.map((text) => ({ text, intent: i.id }))),
    abbreviations: content.abbreviations,
    aspects: content.aspects,
    followUpWords: content.followUpWords,
    vocabulary: content.intents.map((i) => i.title),
    // A detail's or a case's own title is one more way of asking for it ("Người tố cáo được bảo vệ");
    // not a case aspect's, whose title ends in the aspect's name.
    units: answerUnits(content).map((u) => ({
      intent: u.intent,
      aspect: u.aspect,
      part: partKey(u.part),
      examples: u.part.kind !== 'general' && u.aspect === 'tong_quan' ? [u.title, ...u.examples] : u.examples,
    })),
    procedureIntents: content.intents.filter((i) => 'procedure' in i.answer).map((i) => i.id),
  };
}

/** Trains the NLU on the content bundle. */
export function trainNlu(content: ContentBundle): Nlu {
  return Nlu.train(trainingData(content), content.nluConfig);
}

export interface BotOptions {
  readonly paths?: ContentPaths;
  /** Where conversations live; a private SQLite database in memory when not given (tests, one-off CLI questions). */
  readonly store?: ConversationStore;
  readonly contextTtlMs?: number;
  readonly logger?: TurnLogger;
}

/** Loads content, trains the NLU and assembles the engine. */
export function createBot(options: BotOptions = {}): Bot {
  const content = loadContent(options.paths ?? defaultContentPaths());
  return assembleBot(content, trainNlu(content), options);
}

/** Assembles the engine from loaded content and its trained NLU; the one place these are wired together. */
export function assembleBot(content: ContentBundle, nlu: Nlu, options: Omit<BotOptions, 'paths'> = {}): Bot {
  const placeholders = localityPlaceholders(content.locality);
  const answers = new ContentAnswerSource(content, content.messages, placeholders);
  const store = options.store ?? SqlConversationStore.inMemory();
  const isProcedure = (intent: string): boolean => answers.isProcedure(intent);
  const dialog = DialogModel.train(contextPairs(content.intents, content.followUps, isProcedure), nlu, isProcedure);
  const engine = new Engine(
    nlu,
    answers,
    dialog,
    content.messages,
    store,
    {
      ...DEFAULT_ENGINE_OPTIONS,
      contextTtlMs: options.contextTtlMs ?? DEFAULT_ENGINE_OPTIONS.contextTtlMs,
      placeholders,
      districtNotice: content.locality.districtNotice,
    },
    options.logger,
  );
  return { content, nlu, engine, store };
}
