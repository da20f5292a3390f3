import { loadContent, defaultContentPaths, type ContentBundle, type ContentPaths } from './content/content-bundle.js';
import { IntentAnswerSource } from './content/intent-answers.js';
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
  const engine = new Engine(nlu, new IntentAnswerSource(content.intents), content.messages, options.states ?? new MemoryStateStore(), {
    ...DEFAULT_ENGINE_OPTIONS,
    contextTtlMs: options.contextTtlMs ?? DEFAULT_ENGINE_OPTIONS.contextTtlMs,
    placeholders: { help: content.locality.help, portal: content.locality.portal.url },
  });
  return { content, nlu, engine };
}
