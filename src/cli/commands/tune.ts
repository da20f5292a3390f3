import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trainingData } from '../../bot.js';
import { defaultContentPaths, loadContent } from '../../content/content-bundle.js';
import { crossValidate, crossValidateUnits, tuneThresholds } from '../../nlu/cross-validation.js';
import type { CliIo } from '../run-cli.js';

/**
 * Tunes threshold, margin and temperature by cross-validation on the training examples, and
 * cross-validates the second stage (learned aspect, answer part) on the unit examples, fitting the
 * aspect temperature (never on an evaluation file); `--write` stores them in data/nlu.yaml.
 * `--units` runs the second stage's cross-validation alone.
 */
export async function tuneCommand(args: string[], io: CliIo): Promise<number> {
  const content = loadContent();
  const started = Date.now();
  const units = crossValidateUnits(trainingData(content), content.nluConfig);
  const onlyUnits = args.includes('--units');
  const result = onlyUnits ? undefined : tuneThresholds(crossValidate(trainingData(content), content.nluConfig), content.nluConfig);
  io.out.write(JSON.stringify({ ...result, units, seconds: (Date.now() - started) / 1000 }, null, 2) + '\n');
  if (args.includes('--write')) {
    const path = join(defaultContentPaths().dataDir, 'nlu.yaml');
    const config = { ...(result?.config ?? content.nluConfig), aspectTemperature: units.aspect.temperature };
    let yaml = readFileSync(path, 'utf8');
    if (!/^aspectTemperature:/m.test(yaml)) yaml = yaml.trimEnd() + '\naspectTemperature: 1\n';
    for (const key of onlyUnits ? (['aspectTemperature'] as const) : (['threshold', 'margin', 'temperature', 'aspectTemperature'] as const)) {
      yaml = yaml.replace(new RegExp(`^${key}:.*$`, 'm'), `${key}: ${config[key]}`);
    }
    writeFileSync(path, yaml);
    io.out.write(`Đã ghi ${path}\n`);
  }
  return 0;
}
