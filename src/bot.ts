import { loadContent, defaultContentPaths, type ContentBundle, type ContentPaths } from './content/content-bundle.js';
import { ContentAnswerSource } from './content/content-answers.js';
import { localityPlaceholders } from './content/locality-schema.js';
import { DEFAULT_ENGINE_OPTIONS, Engine } from './engine/engine.js';
import { MemoryStateStore, type ConversationStateStore } from './engine/conversation-state.js';
import { Nlu, type NluTrainingData } from './nlu/nlu.js';

export interface Bot {
  readonly content: ContentBundle;
  readonly nlu: Nlu;
  readonly engine: Engine;
}

export function trainingData(content: ContentBundle): NluTrainingData {
  return {
    examples: content.intents.flatMap((i) => i.examples.map((text) => ({ text, intent: i.id }))),
    abbreviations: content.abbreviations,
    aspects: content.aspects,
    vocabulary: content.intents.map((i) => i.title),
  };
}

/** Trains the NLU on the content bundle. */
export function trainNlu(content: ContentBundle): Nlu {
  return Nlu.train(trainingData(content), content.nluConfig);
}

/** Loads content, trains the NLU and assembles the engine; the one place these are wired together. */
export function createBot(
  options: { paths?: ContentPaths; states?: ConversationStateStore; contextTtlMs?: number } = {},
): Bot {
  const content = loadContent(options.paths ?? defaultContentPaths());
  const nlu = trainNlu(content);
  const placeholders = localityPlaceholders(content.locality);
  const answers = new ContentAnswerSource(content, content.messages, placeholders);
  const engine = new Engine(nlu, answers, content.messages, options.states ?? new MemoryStateStore(), {
    ...DEFAULT_ENGINE_OPTIONS,
    contextTtlMs: options.contextTtlMs ?? DEFAULT_ENGINE_OPTIONS.contextTtlMs,
    placeholders,
    districtNotice: content.locality.districtNotice,
  });
  return { content, nlu, engine };
}
