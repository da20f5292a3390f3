import { loadContent } from '../../content/content-bundle.js';
import type { CliIo } from '../run-cli.js';

export async function exportExamplesCommand(_args: string[], io: CliIo): Promise<number> {
  const { intents } = loadContent();
  for (const intent of intents) {
    for (const text of intent.examples) io.out.write(JSON.stringify({ text, intent: intent.id }) + '\n');
  }
  return 0;
}
