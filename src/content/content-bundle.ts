import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AspectRule } from '../nlu/aspect-detector.js';
import { AbbreviationDictionary } from '../nlu/normalize/abbreviations.js';
import { ContentError, type ContentProblem } from './content-error.js';
import type { IntentDefinition } from './intent-schema.js';
import { loadIntents } from './load-intents.js';
import {
  abbreviationsFileSchema,
  aspectsFileSchema,
  nluConfigSchema,
  requiredIntentsSchema,
  type NluConfig,
} from './nlu-data-schema.js';
import { YamlFile } from './yaml-file.js';
import { localitySchema, type Locality } from './locality-schema.js';
import { messagesFileSchema } from './messages-schema.js';
import type { BotMessages } from '../engine/engine.js';

/** Everything the engine is built from: the intents and the data it knows. */
export interface ContentBundle {
  readonly intents: readonly IntentDefinition[];
  readonly abbreviations: AbbreviationDictionary;
  readonly aspects: readonly AspectRule[];
  readonly nluConfig: NluConfig;
  readonly messages: BotMessages;
  readonly locality: Locality;
}

export interface ContentPaths {
  readonly intentsDir: string;
  readonly dataDir: string;
}

export function defaultContentPaths(root = process.cwd()): ContentPaths {
  return { intentsDir: join(root, 'intents'), dataDir: join(root, 'data') };
}

/** Loads and validates the whole bundle; throws one ContentError listing every problem. */
export function loadContent(paths: ContentPaths = defaultContentPaths()): ContentBundle {
  const problems: ContentProblem[] = [];
  const read = <T>(name: string, schema: Parameters<YamlFile['validate']>[0]): T | undefined => {
    const path = join(paths.dataDir, name);
    if (!existsSync(path)) {
      problems.push({ file: `data/${name}`, field: '', message: 'thiếu tệp' });
      return undefined;
    }
    const { value, problems: p } = YamlFile.read(path, `data/${name}`).validate(schema);
    problems.push(...p);
    return value as T | undefined;
  };

  const abbreviations = read<{ abbreviations: Record<string, string> }>('abbreviations.yaml', abbreviationsFileSchema);
  const aspects = read<{ aspects: Record<AspectRule['aspect'], Omit<AspectRule, 'aspect'>> }>('aspects.yaml', aspectsFileSchema);
  const nluConfig = read<NluConfig>('nlu.yaml', nluConfigSchema);
  const messages = read<{ messages: BotMessages }>('messages.yaml', messagesFileSchema);
  const locality = read<Locality>('locality.yaml', localitySchema);
  const required = read<{ required: string[] }>('required-intents.yaml', requiredIntentsSchema);

  let intents: IntentDefinition[] = [];
  try {
    intents = loadIntents(paths.intentsDir, { requiredIds: required?.required ?? [] });
  } catch (e) {
    if (e instanceof ContentError) problems.push(...e.problems);
    else throw e;
  }
  if (problems.length > 0 || !abbreviations || !aspects || !nluConfig || !messages || !locality) throw new ContentError(problems);
  return {
    intents,
    abbreviations: new AbbreviationDictionary(abbreviations.abbreviations),
    aspects: Object.entries(aspects.aspects).map(([aspect, rule]) => ({ aspect: aspect as AspectRule['aspect'], ...rule })),
    nluConfig,
    messages: messages.messages,
    locality,
  };
}
