import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trainingData } from '../../bot.js';
import { defaultContentPaths, loadContent } from '../../content/content-bundle.js';
import { crossValidate, tuneThresholds } from '../../nlu/cross-validation.js';
import type { CliIo } from '../run-cli.js';

/**
 * Tunes threshold, margin and temperature by cross-validation on the training examples
 * (never on an evaluation file); `--write` stores them in data/nlu.yaml.
 */
export async function tuneCommand(args: string[], io: CliIo): Promise<number> {
  const content = loadContent();
  const started = Date.now();
  const heldOut = crossValidate(trainingData(content), content.nluConfig);
  const result = tuneThresholds(heldOut, content.nluConfig);
  io.out.write(JSON.stringify({ ...result, seconds: (Date.now() - started) / 1000 }, null, 2) + '\n');
  if (args.includes('--write')) {
    const path = join(defaultContentPaths().dataDir, 'nlu.yaml');
    const { config } = result;
    let yaml = readFileSync(path, 'utf8');
    for (const key of ['threshold', 'margin', 'temperature'] as const) {
      yaml = yaml.replace(new RegExp(`^${key}:.*$`, 'm'), `${key}: ${config[key]}`);
    }
    writeFileSync(path, yaml);
    io.out.write(`Đã ghi ${path}\n`);
  }
  return 0;
}
