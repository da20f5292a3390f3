/**
 * The latency bar: NLP.js 4 (`node-nlp`) trained on the same examples. Vietnamese has no NLP.js
 * language package, so it runs with its generic tokenizer — it only has to be timed, not to win.
 * `undefined` when the dev dependency is not installed (bench then prints a note instead).
 */
export async function trainNlpJs(
  examples: readonly { text: string; intent: string }[],
): Promise<{ classify(text: string): Promise<string>; trainMs: number } | undefined> {
  let mod: typeof import('node-nlp');
  try {
    mod = await import('node-nlp');
  } catch {
    return undefined;
  }
  const manager = new mod.NlpManager({ languages: ['vi'], forceNER: false, autoSave: false, autoLoad: false, nlu: { log: false } });
  for (const e of examples) manager.addDocument('vi', e.text, e.intent);
  const started = process.hrtime.bigint();
  await manager.train();
  const trainMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { classify: async (text) => (await manager.process('vi', text)).intent, trainMs };
}
