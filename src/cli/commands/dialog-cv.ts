import { trainNlu } from '../../bot.js';
import { ContentAnswerSource } from '../../content/content-answers.js';
import { loadContent } from '../../content/content-bundle.js';
import { localityPlaceholders } from '../../content/locality-schema.js';
import { contextPairs } from '../../engine/dialog-model/context-pairs.js';
import { crossValidateDialogModel } from '../../engine/dialog-model/cross-validate.js';
import type { CliIo } from '../run-cli.js';

/** Cross-validates the dialog model on its training pairs (never on an evaluation file) and prints the figures. */
export async function dialogCvCommand(_args: string[], io: CliIo): Promise<number> {
  const content = loadContent();
  const answers = new ContentAnswerSource(content, content.messages, localityPlaceholders(content.locality));
  const isProcedure = (intent: string): boolean => answers.isProcedure(intent);
  const nlu = trainNlu(content);
  const started = Date.now();
  const result = crossValidateDialogModel(contextPairs(content.intents, content.followUps, isProcedure), nlu, isProcedure);
  io.out.write(JSON.stringify({ ...result, seconds: (Date.now() - started) / 1000 }, null, 2) + '\n');
  return 0;
}
