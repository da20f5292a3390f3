import type { ContentFiles } from '../../content/content-files.js';
import { withExamplesAppended } from '../review/training-example.js';
import { unitExamplePlaces, withUnitExamplesAppended } from '../review/unit-example.js';
import type { FaqField, ImportPlan } from './import-plan.js';
import { withScalar } from './yaml-scalar-edit.js';

/** Where each FAQ field is in an intent file. */
const FIELD_PATHS: Readonly<Record<FaqField, readonly string[]>> = {
  title: ['title'],
  description: ['description'],
  answer: ['answer', 'text'],
};

/**
 * The version's files with what the plan's accepted rows change: FAQ fields replaced in place and
 * new examples appended after each intent's last one, every other line of the files untouched.
 */
export function filesWithPlan(files: ContentFiles, plan: ImportPlan): ContentFiles {
  let result = files;
  for (const [intent, fields] of plan.fields) {
    const path = `intents/${intent}.yaml`;
    let source = result[path];
    if (source === undefined) throw new Error(`no intent file ${path}`);
    for (const [field, value] of Object.entries(fields) as [FaqField, string][]) source = withScalar(source, FIELD_PATHS[field], value);
    result = { ...result, [path]: source };
  }
  for (const [intent, texts] of plan.examples) result = withExamplesAppended(result, intent, texts);
  for (const [unit, texts] of plan.unitExamples) {
    const place = unitExamplePlaces(result).get(unit);
    if (!place) throw new Error(`no answer unit ${unit}`);
    result = withUnitExamplesAppended(result, place, texts);
  }
  return result;
}
